"""netlib.lab: the workspace of notebook copies, the JupyterLab command line, the live garden
the explore panels share, and their static view (issue 12)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

import report_store
from netlib.cli import main
from netlib.errors import NetlibError
from netlib.explore import ChecklistBoard, EventFollowUp, FixForm, LogForm, MapPanel, PeopleBrowser
from netlib.lab import MANIFEST, LabServer, Live, default_workspace, interactive, prepare_workspace
from netlib.paths import NOTEBOOKS_DIR, default_store, store_path
from netlib.store.core import Store

SHIPPED = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture
def source(tmp_path):
    """A copy of the shipped notebooks standing in for a newer (or older) package."""
    folder = tmp_path / "package"
    folder.mkdir()
    for name in SHIPPED:
        (folder / name).write_bytes((NOTEBOOKS_DIR / name).read_bytes())
    return folder


def test_a_new_workspace_gets_every_notebook_owner_only(tmp_path):
    ws = prepare_workspace(tmp_path / "lab")
    assert ws.added == SHIPPED and not ws.kept
    for name in SHIPPED:
        assert (tmp_path / "lab" / name).read_bytes() == (NOTEBOOKS_DIR / name).read_bytes()
        assert (tmp_path / "lab" / name).stat().st_mode & 0o077 == 0
    again = prepare_workspace(tmp_path / "lab")
    assert again.current == SHIPPED and not again.added


def test_an_edited_copy_is_never_overwritten(tmp_path, source):
    lab = tmp_path / "lab"
    prepare_workspace(lab, source=source)
    (lab / "explore.ipynb").write_text((lab / "explore.ipynb").read_text() + " ")  # my edit
    (source / "explore.ipynb").write_text((source / "explore.ipynb").read_text() + "\n")  # a newer netlib
    (source / "event_followup.ipynb").write_text((source / "event_followup.ipynb").read_text() + "\n")
    ws = prepare_workspace(lab, source=source)
    assert ws.kept == ["explore.ipynb"] and ws.outdated == ["event_followup.ipynb"]
    assert (lab / "event_followup.ipynb").read_bytes() == (NOTEBOOKS_DIR / "event_followup.ipynb").read_bytes()
    ws = prepare_workspace(lab, update=True, source=source)
    assert ws.updated == ["event_followup.ipynb"] and ws.kept == ["explore.ipynb"]
    assert (lab / "event_followup.ipynb").read_bytes() == (source / "event_followup.ipynb").read_bytes()
    assert (lab / "explore.ipynb").read_text().endswith(" ")  # still mine
    assert prepare_workspace(lab, update=True, source=source).current == ["event_followup.ipynb",
                                                                          "monthly_report.ipynb"]


def test_a_copy_the_manifest_does_not_know_is_kept(tmp_path, source):
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "explore.ipynb").write_text("{}")  # someone's own notebook of that name
    ws = prepare_workspace(lab, update=True, source=source)
    assert ws.kept == ["explore.ipynb"] and (lab / "explore.ipynb").read_text() == "{}"
    assert "explore.ipynb" not in json.loads((lab / MANIFEST).read_text())["notebooks"]


def test_workspace_errors_say_what_to_do(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(NetlibError, match="is a file; give a folder"):
        prepare_workspace(tmp_path / "afile")
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / MANIFEST).write_text("{not json")
    with pytest.raises(NetlibError, match="move it aside"):
        prepare_workspace(tmp_path / "lab")


def test_default_store_and_workspace_follow_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store() == tmp_path / "xdg" / "netlib" / "garden.db"
    assert default_workspace() == tmp_path / "xdg" / "netlib" / "notebooks"
    assert store_path("") == store_path(None) == default_store()
    monkeypatch.chdir(tmp_path)  # the same from any folder
    assert store_path("").is_absolute()
    monkeypatch.setenv("NETLIB_STORE", str(tmp_path / "env.db"))
    assert store_path("") == tmp_path / "env.db" and store_path("x.db").name == "x.db"
    monkeypatch.delenv("NETLIB_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # the spec says ignore it
    assert default_store().is_absolute()


def test_the_lab_server_listens_on_loopback_with_the_store_and_a_secret_token(tmp_path):
    server = LabServer(tmp_path, tmp_path / "garden.db")
    argv = " ".join(server.argv)
    assert "--ServerApp.ip=127.0.0.1" in argv and f"--ServerApp.root_dir={tmp_path}" in argv
    assert server.token not in argv  # not visible to other users in `ps`
    assert server.env["JUPYTER_TOKEN"] == server.token and server.env["NETLIB_STORE"] == str(tmp_path / "garden.db")
    assert server.url == f"http://127.0.0.1:{server.port}/lab?token={server.token}"
    assert "--LabApp.news_url=None" in argv


def test_netlib_lab_without_a_store_says_how_to_make_one(tmp_path, capsys):
    assert main(["lab", "--store", str(tmp_path / "none.db"), "--no-browser", "--dir", str(tmp_path / "nb")]) == 1
    err = capsys.readouterr().err.strip()
    assert "netlib init" in err and "\n" not in err and not (tmp_path / "nb").exists()


@pytest.fixture
def store(tmp_path):
    with Store(report_store.build(tmp_path / "garden.db")) as s:
        yield s


def test_one_write_redraws_every_panel(store):
    """A coffee logged in the form shows in the table, the card, the checklist and the map,
    with no cell re-run: they share one Live garden."""
    today = dt.date(2026, 11, 28)
    live = Live(store, report_store.MONTH, today=today)
    browser = PeopleBrowser(store, report_store.MONTH, live=live)
    board = ChecklistBoard(store, report_store.MONTH, live=live, today=today)
    panel = MapPanel(store, report_store.MONTH, browser=browser)
    form = LogForm(store, live=live, today=today)
    pid = int(browser.garden.people.index[browser.garden.people["name"] == "Philippa Vandersloot"][0])
    browser.person.value = pid
    assert "water:p2" in board.checkboxes and "2026-11-28" not in browser.table.value
    old_map = panel.html
    form.people.value, form.summary.value = "Philippa Vandersloot", "zq-live coffee"
    assert form.save()
    assert "2026-11-28" in browser.table.value  # last contact
    assert browser.person.value == pid and "zq-live coffee" in browser.card.value
    assert board.checkboxes.get("water:p2") is None  # watered: no longer asked
    assert panel.html != old_map and panel.garden is live.garden


def test_a_tick_stays_shown_and_can_be_undone(store):
    board = ChecklistBoard(store, report_store.MONTH, today=dt.date(2026, 11, 25))
    board.checkboxes["water:p2"].value = True
    assert store.checklist_state("water:p2", report_store.MONTH) == "done"
    assert board.checkboxes["water:p2"].value is True  # still there, ticked, after the redraw
    board.checkboxes["water:p2"].value = False
    assert store.checklist_state("water:p2", report_store.MONTH) in (None, "open")


def test_event_follow_up_picks_the_latest_event_on_or_before_today(store):
    store.add_event("zq-future summit", "2030-01-01")
    follow = EventFollowUp(store, "", report_store.MONTH, today=dt.date(2026, 11, 28))
    assert store.event(follow.event_id)["name"] == report_store.EVENT
    follow.people.value, follow.learned.value = "Ignatius Brightwater", "zq-learned live"
    assert follow.save()
    assert "zq-learned live" in follow.table.value and "Ignatius Brightwater joins" in follow.snapshot()


def test_panels_show_static_html_outside_a_live_frontend(store):
    assert interactive() is False  # no kernel here: as under papermill
    browser = PeopleBrowser(store, report_store.MONTH)
    bundle = browser._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert "Zebulon Quackenbush" in bundle["text/html"] and "8 people" in bundle["text/html"]
    store.edit_person(1, name="<img src=x onerror=alert(1)>")
    board = ChecklistBoard(store, report_store.MONTH, today=dt.date(2026, 11, 25))
    assert "<img src=x" not in board.snapshot() and "[water:p2]" in board.snapshot()
    assert dataclasses.is_dataclass(board.lists()["water"][0])


def test_a_merge_in_explore_redraws_every_panel(store):
    """Issue 12: a merge refreshes the table like a logged coffee does (one Live garden)."""
    today = dt.date(2026, 11, 28)
    live = Live(store, report_store.MONTH, today=today)
    browser = PeopleBrowser(store, report_store.MONTH, live=live)
    fix = FixForm(store, live=live)
    people = browser.garden.people
    before = len(people)
    a, b = (int(i) for i in people.index[:2])
    fix.action.value, fix.people.value = "merge", f"{a}, {b}"
    assert fix.save()
    assert len(browser.garden.people) == before - 1 and b not in browser.garden.people.index
    assert f"{before - 1} people" in browser.table.value
    assert "merge, edit, delete or undo" in fix.snapshot()


def test_a_venv_borrowing_packages_finds_their_jupyter_data(monkeypatch, tmp_path):
    """In a ``--system-site-packages`` venv the borrowed packages' data (nbconvert's templates,
    the widgets' lab extension) lie under the base Python's prefix; CI once failed on it."""
    import os
    import sys

    from netlib import paths

    base, venv = tmp_path / "base", tmp_path / "venv"
    for prefix in (base, venv):
        (prefix / "share" / "jupyter").mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(venv))
    monkeypatch.setattr(sys, "base_prefix", str(base))
    env = paths.jupyter_env({"JUPYTER_PATH": "/mine", "HOME": "/h"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == ["/mine", str(venv / "share" / "jupyter"),
                                                     str(base / "share" / "jupyter")]
    assert env["HOME"] == "/h"
    monkeypatch.setattr(sys, "base_prefix", str(venv))  # not a venv: nothing added
    assert paths.jupyter_env({"HOME": "/h"}) == {"HOME": "/h"}


COHEN = "\u05db\u05d4\u05df, \u05de\u05e9\u05d4"  # כהן, משה: a Hebrew name with its own comma


def test_checkbox_labels_isolate_each_name_whole_as_text(store):
    """A checkbox's label is plain text (JupyterLab's sanitizer drops <bdi>; see
    netlib.lab.checklists): each right-to-left name in it is in one isolate (U+2068 ... U+2069),
    on the board and in the event follow-up's "joins your network"; a hostile name is the text
    itself, unescaped once; a Latin label is as it was; the static view isolates with <bdi>."""
    store.edit_person("Zebulon Quackenbush", name=COHEN)
    store.edit_person("Philippa Vandersloot", name="<img src=x> & \"q\" 'x'")
    store.edit_person("Bartholomew Okonkwo-Zielinski", name=f"{COHEN} 2")
    board = ChecklistBoard(store, report_store.MONTH, today=dt.date(2026, 11, 25))
    labels = {key: box.description for key, box in board.checkboxes.items()}
    assert labels["water:p1"] == f"\u2068{COHEN}\u2069: Suggest a coffee"
    assert labels["water:p2"] == "<img src=x> & \"q\" 'x': Suggest a coffee"
    assert labels["reconnect:p8"] == "Ottoline Fairweather: Reconnect: ask what they are working on now"
    assert f"<bdi>{COHEN}</bdi>: Suggest a coffee" in board.snapshot() and "<img" not in board.snapshot()
    follow = EventFollowUp(store, "", report_store.MONTH, today=dt.date(2026, 11, 28))
    joins = [box.description for box in follow.joins.values()]
    assert f"\u2068{COHEN} 2\u2069 joins your network" in joins and "Cordelia Wintergreen joins your network" in joins
    assert f"<bdi>{COHEN} 2</bdi> joins your network" in follow.snapshot()


def test_a_name_shown_empty_does_not_repeat_the_action_in_its_label(tmp_path):
    """A name made of bidi controls shows as nothing: the label is the action alone, not
    the action twice (the report's item column falls back to the action; a label must not)."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Zebulon Quackenbush", name="\u202e\u202c")
        board = ChecklistBoard(s, report_store.MONTH, today=dt.date(2026, 11, 25))
        label = board.checkboxes["water:p1"].description
    assert label.count("Suggest a coffee") == 1 and not label.startswith(":")


def test_a_name_in_a_sentence_loses_the_spaces_and_controls_at_its_ends(tmp_path):
    """As display_text shows a name alone ("\\u202e Ann" is "Ann"), a sentence shows it."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Philippa Vandersloot", name="\u202e Philippa Vandersloot ")
        board = ChecklistBoard(s, report_store.MONTH, today=dt.date(2026, 11, 25))
        label = board.checkboxes["weave:p2:p3"].description
        why = board.why["weave:p2:p3"]
    assert "Introduce Philippa Vandersloot and" in label and "  " not in label
    assert " Philippa" not in why.value.replace("Introduce Philippa", "") and "Vandersloot  " not in why.value
    assert "subject=Introduction%3A%20Philippa%20Vandersloot%20and%20" in why.value  # one space, none after


def test_labels_with_tex_are_html_that_mathjax_skips(store):
    """A stored text holding "$" or "\\" (which start TeX for MathJax, and ipywidgets typesets
    every description; see netlib.lab.labels) makes its checkbox's label HTML in a span of
    MathJax's ignore classes, escaped, "$" and "\\" as entities (so the widgets' sanitizer,
    which takes TeX out first, finds none); the panel's static view, which JupyterLab and
    nbconvert's page typeset too, is in such a block. A label without them stays plain text."""
    store.edit_person("Zebulon Quackenbush", name="Zeb $5k & <b>$10k</b> \\(x\\)")
    board = ChecklistBoard(store, report_store.MONTH, today=dt.date(2026, 11, 25))
    box = board.checkboxes["water:p1"]
    assert box.description_allow_html
    assert box.description == ('<span class="tex2jax_ignore mathjax_ignore" title="{0}">{0}</span>'.format(
        "Zeb &#36;5k &amp; &lt;b&gt;&#36;10k&lt;/b&gt; &#92;(x&#92;): Suggest a coffee"))
    other = board.checkboxes["reconnect:p8"]
    assert other.description == "Ottoline Fairweather: Reconnect: ask what they are working on now"
    assert not other.description_allow_html
    page = board._repr_mimebundle_()["text/html"]
    assert page.startswith("<div class='tex2jax_ignore mathjax_ignore'><div class='netlib-static'>")
    assert "Zeb $5k &amp; &lt;b&gt;$10k&lt;/b&gt; \\(x\\)" in page  # as the report writes it: escaped once
