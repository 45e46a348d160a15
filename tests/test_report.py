"""netlib.report.content: one real run of the monthly report on a small store, shared by the tests."""

from __future__ import annotations

import json
import re
import os
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import report_store
from helpers.processes import processes_of
from netlib.errors import ReportError, ValidationError
from netlib.garden.analysis import CHECKLISTS, analyse, month_summary, report_date
from netlib.months import months_between
from netlib.report import checklist_markdown, run_report
from netlib.report.content import validate_parameters, write_standalone_map
from netlib.report.page import external_refs
from netlib.store.core import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return report_store.build(tmp_path_factory.mktemp("store") / "garden.db")


@pytest.fixture(scope="module")
def folder(store_path, tmp_path_factory):
    return run_report(store_path, report_store.MONTH, out=tmp_path_factory.mktemp("report") / "2026-11")


@pytest.fixture(scope="module")
def garden(store_path):
    with Store(store_path) as store:
        return analyse(store.snapshot(), report_date(report_store.MONTH))


def test_report_folder_holds_every_file_owner_only(folder):
    names = {"report.ipynb", "report.html", "map.html", "checklist.md", "summary.json"}
    assert names <= {p.name for p in folder.iterdir()}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in names:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_summary_json_equals_month_summary(folder, garden):
    data = json.loads((folder / "summary.json").read_text())
    expected = json.loads(json.dumps(month_summary(garden)))  # ring keys become strings, as in any JSON
    assert {k: data[k] for k in expected} == expected
    assert data["redacted"] is False


def test_report_html_has_every_section_and_no_code(folder):
    page = (folder / "report.html").read_text()
    for heading in ("The month in numbers", "Rings and health", "Twelve months of trends", "The map",
                    "cultivation checklists", "Plans and birthdays", "Follow up after events", "Needs water",
                    "Reconnect", "Give back", "Weave: introductions", "Goals", "More", "Events and their follow-ups",
                    "Reciprocity", "The weave",
                    "Bridges", "Suggested introductions"):
        assert heading in page, heading
    # the charts inline, as SVG with their titles
    assert len(re.findall(r'<svg\b[^>]*role="img"', page)) == 4
    for title in ("People, active ties and newcomers", "Interactions per month, by kind",
                  "Health of your ties, month by month", "People per ring"):
        assert title in page, title
    assert re.search(r"<iframe [^>]*srcdoc=", page)  # the map, embedded
    assert "report.validate_parameters" not in page and "MonthlyReport.load" not in page  # no input cells
    assert "keep_companies" not in page  # neither the parameters cell nor papermill's injected one
    assert not re.search(r'<div class="[^"]*(jp-InputPrompt|jp-OutputPrompt)', page)


def test_report_html_loads_nothing_from_another_host(folder):
    page = (folder / "report.html").read_text()
    assert external_refs(page) == []
    # ready actions are there, as links that open only when clicked (an <a> loads nothing)
    assert re.search(r'<a href="mailto:[^"]+\?subject=[^"]+" rel="noopener noreferrer"', page)
    for cdn in ("cdnjs", "unpkg", "jsdelivr", "require.min.js", "mathjax"):
        assert cdn not in page.lower(), cdn
    # and the browser is told so: a policy that allows nothing but the page's own inline parts
    head = page[:page.index("<style")]
    metas = re.findall(r"<meta\b[^>]*>", head)
    assert any('http-equiv="Content-Security-Policy"' in m and "content=\"default-src 'none';" in m for m in metas)


def test_checklist_md_lists_every_item_key(folder, garden):
    text = (folder / "checklist.md").read_text()
    keys = [item.key for name in CHECKLISTS for item in garden.checklists[name]]
    assert keys  # the small store has items in most checklists
    for key in keys:
        assert f"[`{key}`]" in text
    assert text == checklist_markdown(garden)


def test_executed_notebook_has_outputs(folder):
    nb = nbformat.read(str(folder / "report.ipynb"), as_version=4)
    assert any(c.cell_type == "code" and c.outputs for c in nb.cells)
    assert nb.metadata["papermill"]["parameters"]["month"] == report_store.MONTH


def test_a_missing_store_fails_naming_the_cell_and_keeps_the_notebook(tmp_path):
    with pytest.raises(ReportError) as err:
        run_report(tmp_path / "nope.db", "2026-11", out=tmp_path / "out")
    assert err.value.cell == "validate-parameters"
    assert "validate-parameters" in str(err.value) and "does not exist" in str(err.value)
    nb = nbformat.read(err.value.notebook, as_version=4)
    assert any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert not (tmp_path / "nope.db").exists()  # the report never creates a store


def test_an_invalid_month_fails_in_the_validation_cell(store_path, tmp_path):
    with pytest.raises(ReportError) as err:
        run_report(store_path, "2026-13", out=tmp_path / "out")
    assert err.value.cell == "validate-parameters"
    assert "'2026-13' is not a month" in str(err.value)
    assert (tmp_path / "out" / "report.failed.ipynb").exists()
    assert not (tmp_path / "out" / "report.ipynb").exists()


def test_a_failed_rerun_leaves_the_previous_report_as_it_was(store_path, tmp_path, monkeypatch):
    """The run is made in a folder of its own and moved in place only when whole."""
    out = tmp_path / "out"
    run_report(store_path, report_store.MONTH, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert {"report.ipynb", "report.html", "map.html", "checklist.md", "summary.json"} <= set(before)
    monkeypatch.setattr("netlib.report.runner.export_html", _fail_export)
    with pytest.raises(OSError, match="No space left"):
        run_report(store_path, report_store.MONTH, out=out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".run-")]


def _fail_export(notebook, html_path):
    raise OSError(28, "No space left on device")


def test_a_failed_redacted_run_keeps_a_notebook_without_your_paths(store_path, tmp_path):
    """The notebook kept for inspection sits in the folder meant for sharing: it names the
    store by its file name only, as a successful redacted run does."""
    with pytest.raises(ReportError) as err:
        run_report(store_path, "2026-13", out=tmp_path / "shared", redact=True)
    text = Path(err.value.notebook).read_text(encoding="utf-8")
    assert "'2026-13' is not a month" in text
    assert str(store_path) not in text and str(tmp_path) not in text and store_path.name in text


def test_private_files_are_written_whole_or_not_at_all(tmp_path):
    from netlib.paths import write_private

    path = write_private(tmp_path / "report.html", "old")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(TypeError):
        write_private(path, None)  # fails while writing
    assert path.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    # a link planted where a report goes is replaced, not written through
    target = tmp_path / "elsewhere.txt"
    target.write_text("theirs")
    (tmp_path / "map.html").symlink_to(target)
    write_private(tmp_path / "map.html", "ours")
    assert target.read_text() == "theirs" and not (tmp_path / "map.html").is_symlink()
    assert (tmp_path / "map.html").read_text() == "ours"


def test_plain_papermill_runs_the_notebook(store_path, tmp_path):
    from netlib.paths import NOTEBOOKS_DIR

    out = tmp_path / "out.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS_DIR / "monthly_report.ipynb"), str(out),
         "-p", "month", "2026-11", "-p", "store", str(store_path), "-k", "python3"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    nb = nbformat.read(str(out), as_version=4)
    assert any("Zebulon Quackenbush" in json.dumps(c.get("outputs", [])) for c in nb.cells)
    assert not list(tmp_path.glob("*.html"))  # out_dir "" writes no files


@pytest.mark.parametrize("month", ["2026-13", "26-11", "", "2026-1"])
def test_validate_parameters_says_what_is_wrong(month, store_path):
    with pytest.raises(ValidationError, match="is not a month; use YYYY-MM"):
        validate_parameters(month, str(store_path))


def test_validate_parameters_checks_types(store_path):
    with pytest.raises(ValidationError, match="max_people is 0"):
        validate_parameters("2026-11", str(store_path), max_people=0)
    with pytest.raises(ValidationError, match="redact is 'yes'"):
        validate_parameters("2026-11", str(store_path), redact="yes")


def test_months_between():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2026-11", "2026-11") == ["2026-11"]
    with pytest.raises(ValidationError, match="after"):
        months_between("2026-11", "2026-01")
    with pytest.raises(ValidationError):
        months_between("2026-00", "2026-01")


def test_write_standalone_map_is_owner_only(store_path, tmp_path):
    with Store(store_path) as store:
        path = write_standalone_map(store, "2026-11", tmp_path / "m" / "map.html", max_ring=2)
    assert path.read_text().lstrip().lower().startswith("<!doctype html")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_checklist_markdown_escapes_markdown_in_names(garden):
    import dataclasses

    item = garden.checklists["water"][0]
    odd = dataclasses.replace(item, people=["<script>*Bold*</script>"], why="a [link](http://x)")
    g = dataclasses.replace(garden, checklists={**garden.checklists, "water": [odd]})
    text = checklist_markdown(g)
    assert "<script>" not in text and "\\<script\\>\\*Bold\\*" in text
    assert "\\[link\\]" in text


@pytest.mark.parametrize("tag, remote", [
    ('<img src="https://x/y.png">', True), ("<script src=//cdn.x/a.js></script>", True),
    ('<link rel=stylesheet href="http://a">', True), ("<IMG\nSRC = ' //x'>", True), ('<img\tsrc="//a">', True),
    ('<img alt="a>b" src="//x">', True), ('<video poster="https://p">', True), ('<img srcset="//a 2x">', True),
    ('<img src="data:image/png;base64,AA">', False), ('<a href="https://x">', False), ("<img src=x.png>", False),
    ('<img alt="src=//x" src="y.png">', False),  # text in another attribute loads nothing
    ('<img srcset="a.png 1x, https://x/b.png 2x">', True), ('<img src="https:&#47;&#47;x">', True),
    ('<img src="http:\\\\x">', True), ("<object data=//x></object>", True), ('<track src="//x/t.vtt">', True),
    ('<input type=image src="//x">', True), ('<svg><image href="https://x/i.png"/></svg>', True),
    ('<div style="background: url(https://x/b.png)">', True), ('<div style="background:url(&quot;//x&quot;)">', True), ("<style>p { background: url('//x') }</style>", True),
    ('<iframe srcdoc="&lt;img src=&quot;https://x&quot;&gt;">', True),  # the frame's page is checked too
    ('<iframe srcdoc="&lt;p&gt;hello&lt;/p&gt;">', False),
])
def test_external_refs_finds_tags_that_load_from_another_host(tag, remote):
    assert bool(external_refs(f"<p>before</p>{tag}<p>after</p>")) is remote


def test_ctrl_c_stops_the_run_and_leaves_the_previous_report(store_path, tmp_path):
    """Interrupted while it runs (after its kernel started): exit 130, no process of the run
    left, the previous report as it was, and no half-made run folder."""
    import signal
    import time

    out = tmp_path / "2026-11"
    run_report(store_path, report_store.MONTH, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    run = subprocess.Popen([sys.executable, "-m", "netlib", "--store", str(store_path), "report", "--month",
                            report_store.MONTH, "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".run-") for p in out.iterdir()):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.005)
    time.sleep(0.5)  # the kernel is starting or running
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "interrupted" in err, err[-2000:]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in out.iterdir() if not p.is_file()] == []
    # the kernel, one stopped while it started ends on its own once its parent is gone
    # (ipykernel looks every second)
    deadline = time.monotonic() + 10
    while processes_of(out):
        assert time.monotonic() < deadline, processes_of(out)
        time.sleep(0.05)




def test_the_kernel_talks_over_a_local_socket_and_is_stopped(store_path, tmp_path, capfd):
    """No port opened, no 'running over TCP without encryption' warning, no kernel left behind
    (found by a hostile review: a privacy tool should not print that)."""
    out = tmp_path / "out"
    run_report(store_path, report_store.MONTH, out=out)
    err = capfd.readouterr().err
    assert "without encryption" not in err and "Parent appears to have exited" not in err
    assert not [p for p in processes_of(out)]


def test_an_empty_plans_table_says_so_beside_the_birthdays(store_path):
    """Plans and birthdays share one heading: an empty one names itself, never a bare
    'Nothing to do' above the other's items (seen in the sample report)."""
    from netlib.report import MonthlyReport

    month_report = MonthlyReport.load(store_path, report_store.MONTH)
    assert "No plans this month." in month_report.checklist_table("plans")
    assert "Nothing to do" not in month_report.checklist_table("plans")
