"""Bidirectional controls in imported text: a name holding a right-to-left override (U+202E)
closed by U+202C, cut where it is shown (:data:`netlib.garden.terms.SHOWN`) before its close,
left the override open, and netlib's own words after it on that line read backwards (the
report's tables and reasons, checklist.md). Shown text drops the explicit embedding, override
and isolate controls (U+202A-U+202E, U+2066-U+2069), cut or not; Hebrew and Arabic letters show
as written, right to left by themselves; the terminal shows the controls escaped; the store
and ``people show --json`` keep the text whole (``checklist --json`` carries a why and action as
shown: :class:`~netlib.garden.checklist.ChecklistItem` cuts them)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import report_store
from browser import SKIP_REASON, available, launch, open_blocked
from netlib.cli import main
from netlib.garden.terms import SHOWN, Private, display_text, shown, words
from netlib.report import MonthlyReport, run_report
from netlib.store import Store

SHALOM, SALAAM = "\u05e9\u05dc\u05d5\u05dd", "\u0633\u0644\u0627\u0645"
#: Balanced in the store; its close (U+202C) lies beyond what is shown.
NAME = f"Zebulon {SHALOM} \u202e" + "ab" * SHOWN + "\u202c Quackenbush"
#: Short: shown whole, but for its controls.
SHORT = "Cordelia \u202eWintergreen\u202c"
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: The same, as a JSON or JavaScript escape (the map's data is JSON inside the page).
ESCAPED = re.compile(r"\\u(202[a-e]|206[6-9])", re.IGNORECASE)


@pytest.mark.parametrize("text", [
    NAME, f"\u2067{SALAAM}" + "x" * 300 + "\u2069 tail", "Eve\u202e", "\u202aAnn\u202c", f"{SHALOM} \u2066Bo\u2069",
])
def test_shown_text_has_no_bidi_controls_and_keeps_its_letters(text):
    letters = CONTROLS.sub("", text)
    for out, most in ((shown(text), SHOWN), (display_text(text), SHOWN), (display_text([text]), SHOWN),
                      (words("Met {who} today.", {"who": Private("person", 1, text)}), SHOWN + 11)):
        assert not CONTROLS.search(out) and len(out) <= most, repr(out[:40])
        kept = out.removeprefix("Met ").removesuffix(" today.").removesuffix("\u2026")
        assert letters.startswith(kept), repr(out[:40])  # the same letters, in the same order
    assert SHALOM in shown(NAME) and shown(f"\u202eab{SALAAM}\u202c") == f"ab{SALAAM}"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = report_store.build(tmp_path_factory.mktemp("bidi") / "garden.db")
    with Store(path) as s:
        s.edit_person("Zebulon Quackenbush", name=NAME)
    return path


@pytest.fixture(scope="module")
def report(store_path, tmp_path_factory):
    return run_report(store_path, report_store.MONTH, out=tmp_path_factory.mktemp("report") / "out")


def test_checklist_md_and_report_html_hold_no_bidi_control(report):
    md = (report / "checklist.md").read_text(encoding="utf-8")
    page = (report / "report.html").read_text(encoding="utf-8")
    drawn = (report / "map.html").read_text(encoding="utf-8")  # the map's data: names, tags, labels
    assert f"Zebulon {SHALOM} abab" in md and f"Zebulon {SHALOM} abab" in page
    for text in (md, page, drawn):
        assert not CONTROLS.search(text) and not ESCAPED.search(text)
    line = next(line for line in md.splitlines() if "both know Zebulon" in line)
    assert line.endswith("\u2026 and Bartholomew Okonkwo-Zielinski."), line[-60:]


def test_the_map_drops_the_controls_of_names_none_of_which_is_cut(tmp_path):
    """The map's columns keep a column as it is when no text in it is too long: a short
    name's controls must go all the same."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Cordelia Wintergreen", name=SHORT, add_tags=["\u2067climate\u2069"])
    page = MonthlyReport.load(path, report_store.MONTH).map_html()
    assert "Cordelia Wintergreen" in page and "climate" in page
    assert not CONTROLS.search(page) and not ESCAPED.search(page)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not available(), reason=SKIP_REASON)
def test_the_words_after_a_cut_name_read_left_to_right_in_chromium(report):
    """Where characters land on the page: "and" after the cut name is drawn a, n, d from left
    to right (with the override left open it was d, n, a), and the Hebrew word right to left."""
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        requests = open_blocked(page, Path(report / "report.html"))
        places = page.evaluate("""() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), found = [];
            const x = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                                      const box = r.getBoundingClientRect(); return box.width ? box.left : null; };
            const inside = (block, text) => {  // the Hebrew word: in its own <bdi> (terms.html_shown)
                const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                while (w.nextNode()) { const at = w.currentNode.data.indexOf(text); if (at >= 0) return [w.currentNode, at]; }
                return [null, -1];
            };
            while (walker.nextNode()) {
                const node = walker.currentNode, and = node.data.indexOf(" and Bartholomew");
                const block = node.parentElement.closest("td, li, p");
                const [word, hebrew] = block ? inside(block, "\u05e9\u05dc\u05d5\u05dd") : [null, -1];
                if (and >= 0 && hebrew >= 0)
                    found.push({and: [x(node, and + 1), x(node, and + 3)], hebrew: [x(word, hebrew), x(word, hebrew + 3)]});
            }
            return found;
        }""")
        assert places and all(None not in p["and"] + p["hebrew"] for p in places), places
        for p in places:
            assert p["and"][0] < p["and"][1], f"'and' after the name drawn backwards: {p}"
            assert p["hebrew"][0] > p["hebrew"][1], f"the Hebrew word not right to left: {p}"
        assert requests == []


def test_the_terminal_shows_the_controls_escaped_and_json_and_the_store_keep_them(store_path, capsys):
    with Store(store_path) as s:
        pid = next(p["id"] for p in s.people() if p["name"] == NAME)  # stored whole
    assert main(["people", "show", str(pid), "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert not CONTROLS.search(out) and f"Zebulon {SHALOM} \\u202eabab" in out
    assert main(["people", "show", str(pid), "--json", "--store", str(store_path)]) == 0
    text = capsys.readouterr().out
    assert not CONTROLS.search(text) and json.loads(text)["name"] == NAME


def test_checklist_json_carries_each_why_and_action_as_shown(store_path, capsys):
    """As the README says: ``netlib checklist --json`` holds the why and action of each item
    as shown (the item cut them, and dropped the controls), the people's names whole."""
    assert main(["checklist", "--month", report_store.MONTH, "--json", "--store", str(store_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    items = [i for v in data.values() if isinstance(v, list) for i in v]
    texts = [i["why"] for i in items] + [i["action"] for i in items]
    assert any("Zebulon" in t for t in texts), texts[:3]
    assert not any(CONTROLS.search(t) for t in texts) and all(len(t) <= 2000 for t in texts)
    assert NAME in [p for i in items for p in i["people"]]


def test_a_ready_email_subject_carries_no_control():
    """The weave's ready email names both people in its subject: the mail app shows it, so
    it is shown text too (at most 70 characters, no controls, cut with an ellipsis)."""
    import urllib.parse

    import pandas as pd

    from netlib.garden.checklist import ChecklistItem, ready_action

    people = pd.DataFrame({"emails": [["a@example.com"], ["b@example.com"]], "linkedin_url": [None, None]},
                          index=[1, 2])
    item = ChecklistItem("weave:1-2", "weave", [1, 2], [SHORT, NAME], "", "Introduce them", "email", 1.0)
    href = ready_action(item, people)
    subject = urllib.parse.unquote(href.split("?subject=")[1])
    assert subject.startswith("Introduction: Cordelia Wintergreen and Zebulon") and subject.endswith("\u2026")
    assert not CONTROLS.search(subject) and len(subject) <= 70


def test_the_map_takes_a_control_and_its_space_off_a_name_s_ends(tmp_path):
    """As :func:`display_text` does (\"\\u202e Ann\" is \"Ann\"): the map's columns took spaces off
    first, then :func:`shown` dropped the control, and the name began with a space."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Cordelia Wintergreen", name="\u202e Cordelia Wintergreen \u202c",
                      add_tags=["\u2067 climate \u2069"])
    page = MonthlyReport.load(path, report_store.MONTH).map_html()
    assert "Cordelia Wintergreen" in page and '"climate"' in page  # names: one packed text
    assert " Cordelia" not in page and "Wintergreen " not in page and '" climate' not in page


def test_a_reason_shows_a_stored_name_without_its_ends_and_your_own_words_as_they_are():
    """A person's, event's or tag's name in a reason loses the spaces and controls at its ends,
    as display_text shows it; text carrying the reason's own words (" You noted: ...") keeps its
    leading space."""
    fields = {"who": Private("person", 1, "\u202e Ann "), "where": Private("event", None, " Expo\u2069"),
              "noted": Private("text", None, " You noted: maps.", "")}
    assert words("Met {who} at {where}.{noted}", fields) == "Met Ann at Expo. You noted: maps."


def test_no_docstring_of_netlib_holds_a_bidi_control():
    """help(), an editor's hover and the docs show docstrings: a "\\u202e" written in one that
    is not raw is the control itself, and reorders what follows it there."""
    import ast

    import netlib

    root = Path(netlib.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node, clean=False) or ""
                if CONTROLS.search(doc):
                    found.append(f"{path.relative_to(root)}:{getattr(node, 'name', '(module)')}")
    assert not found


def test_a_plan_s_text_is_shown_without_the_spaces_and_controls_at_its_ends(tmp_path, capsys):
    """A plan written with an override and spaces around it: its action reads "lunch about
    the grant (with ...", not " lunch about the grant  (with ..."."""
    path = report_store.build(tmp_path / "garden.db")
    day = dt.date.today() + dt.timedelta(days=3)  # a plan is for today or later
    assert main(["plan", "--with", "Ottoline Fairweather", "--date", day.isoformat(),
                 "\u202e lunch about the grant \u202c", "--store", str(path)]) == 0
    capsys.readouterr()
    assert main(["checklist", "--month", f"{day:%Y-%m}", "--json", "--store", str(path)]) == 0
    plans = json.loads(capsys.readouterr().out)["plans"]
    actions = [i["action"] for i in plans if "grant" in i["action"]]
    assert actions and all(a.startswith("lunch about the grant (with") for a in actions), actions


def test_ends_holds_every_bidi_control_and_every_space():
    """terms.ENDS is built from the characters below U+3001: a control or space added above
    that would be missed there, and this says so."""
    from netlib.garden.terms import ENDS
    from netlib.importers.normalise import BIDI_CONTROLS

    every = "".join(map(chr, range(0x110000)))
    assert set(re.findall(f"[{BIDI_CONTROLS}]", every)) <= set(ENDS)
    assert {c for c in every if c.isspace()} <= set(ENDS)
