"""netlib.prepared: the report made in ``netlib report`` while the kernel starts, taken by
the kernel's ``MonthlyReport.load``; real threads, files, kernels and stores."""

from __future__ import annotations

import ast
import os
import threading

import nbformat
import pytest

import report_store
from netlib.prepared import ENV, FAILED, HISTORY, Preparer, kernel_env, take
from netlib.report import NOTEBOOK, MonthlyReport, PreparedReport, load_key, run_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return report_store.build(tmp_path_factory.mktemp("store") / "garden.db")


@pytest.fixture(scope="module", params=["fork", "thread"])
def prepared(store_path, request):
    preparer = Preparer(load_key(store_path, report_store.MONTH)).start(fork=request.param == "fork").wait()
    assert preparer.error is None
    assert (preparer.pid is not None) == (request.param == "fork" and threading.active_count() == 1)
    yield preparer
    preparer.close()
    assert not preparer.folder.exists()


def test_preparer_folder_is_owner_only_and_holds_the_report(prepared):
    assert (prepared.folder.stat().st_mode & 0o777) == 0o700
    assert (prepared.folder / "report.pickle").is_file() and not (prepared.folder / FAILED).exists()
    # a forked child has the weave and the history made beside it, by a grandchild
    assert (prepared.folder / HISTORY).is_file() == (prepared.pid is not None)


def test_load_takes_the_prepared_report_only_for_its_own_arguments(prepared, store_path, monkeypatch):
    monkeypatch.setenv(ENV, str(prepared.folder))
    taken = MonthlyReport.load(store_path, report_store.MONTH)
    assert isinstance(taken, PreparedReport) and taken._full is None
    # another month, or the same month redacted, is analysed afresh
    other = MonthlyReport.load(store_path, report_store.MONTH, redact=True)
    assert isinstance(other, MonthlyReport) and other.redacted and not other._sections
    assert take(load_key(store_path, "2026-10")) is None


def test_prepared_sections_equal_sections_made_in_place(prepared, store_path, monkeypatch):
    fresh = MonthlyReport.load(store_path, report_store.MONTH, _prepared=False)
    monkeypatch.setenv(ENV, str(prepared.folder))
    taken = MonthlyReport.load(store_path, report_store.MONTH)
    for name, args in fresh.notebook_sections():
        assert getattr(taken, name)(*args) == getattr(fresh, name)(*args), name
    assert taken.summary == fresh.summary


def test_the_notebook_asks_only_for_prepared_sections(prepared, store_path, monkeypatch):
    """Run the report notebook's cells (after the load) on the prepared copy: nothing is made anew."""
    monkeypatch.setenv(ENV, str(prepared.folder))
    garden = MonthlyReport.load(store_path, report_store.MONTH)
    made = dict(garden._sections)
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    namespace = {}
    exec(params.source, namespace)  # noqa: S102 - the notebook's own defaults
    namespace["garden"] = garden
    calls = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or "garden." not in cell.source or "MonthlyReport.load" in cell.source:
            continue
        if "write_files" in cell.source:
            continue
        tree = ast.parse(cell.source)
        calls += sum(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) for n in ast.walk(tree))
        exec(compile(tree, cell.id, "exec"), namespace)  # noqa: S102
    assert calls >= 15
    assert garden._sections == made and garden._full is None  # nothing was made again


def test_a_section_not_prepared_loads_what_it_needs_again(prepared, store_path, monkeypatch):
    monkeypatch.setenv(ENV, str(prepared.folder))
    garden = MonthlyReport.load(store_path, report_store.MONTH)
    fresh = MonthlyReport.load(store_path, report_store.MONTH, _prepared=False)
    assert garden._full is None
    assert garden.events_table(2, months=12) == fresh.events_table(2, months=12)
    assert garden.garden.people.equals(fresh.garden.people)
    assert garden._full is not None


@pytest.mark.parametrize("fork", [True, False])
def test_a_failed_preparation_leaves_the_work_to_the_kernel(tmp_path, monkeypatch, fork):
    preparer = Preparer(load_key(tmp_path / "missing.db", "2026-11")).start(fork=fork).wait()
    try:
        assert preparer.error is not None and (preparer.folder / FAILED).exists()
        monkeypatch.setenv(ENV, str(preparer.folder))
        assert take(preparer.key, timeout=60) is None  # at once: it does not wait for a report
    finally:
        preparer.close()


def test_take_without_the_variable_is_none(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert take(("x", "2026-11", "", False, False)) is None


def test_prepared_run_writes_the_same_report_as_a_run_in_the_kernel(store_path, tmp_path):
    """The same files whether the content is made by a forked child (the CLI: one thread),
    by a thread (here, under pytest, if it runs threads) or in the kernel (papermill alone)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "netlib", "--store", str(store_path), "report", "--month",
                    report_store.MONTH, "--out", str(tmp_path / "cli")], check=True, capture_output=True, timeout=300)
    prepared = run_report(store_path, report_store.MONTH, out=tmp_path / "prepared")
    in_kernel = run_report(store_path, report_store.MONTH, out=tmp_path / "kernel", notebook=NOTEBOOK)
    for name in ("report.html", "map.html", "checklist.md", "summary.json"):
        want = (in_kernel / name).read_bytes()
        assert (prepared / name).read_bytes() == want, name
        assert (tmp_path / "cli" / name).read_bytes() == want, name


def test_a_killed_preparer_is_marked_failed(store_path):
    """Ctrl-C: close(wait=False) stops a forked child at once; the kernel is told it failed."""
    preparer = Preparer(load_key(store_path, report_store.MONTH)).start()
    preparer.close(wait=False)
    assert not preparer.folder.exists()
    if preparer.pid is not None:
        assert preparer.error is not None


def test_take_trusts_only_an_owner_only_folder_and_takes_it_once(prepared, store_path, monkeypatch, tmp_path):
    import shutil

    folder = tmp_path / "open"
    shutil.copytree(prepared.folder, folder)
    folder.chmod(0o755)  # others could have put a pickle there
    monkeypatch.setenv(ENV, str(folder))
    assert take(prepared.key) is None
    folder.chmod(0o700)
    assert take(prepared.key) is not None
    assert ENV not in os.environ  # taken once; nothing the kernel starts inherits it
    monkeypatch.setenv(ENV, str(folder))
    assert ENV not in kernel_env()


def test_the_weave_and_history_made_beside_equal_those_made_in_turn(store_path):
    """A forked preparer has the weave and the history made by a process beside it; the
    report is the one made in turn. (In a fresh process: forking needs one without other
    threads, which this test run is not.) If that process fails, the child makes them."""
    import subprocess
    import sys

    code = f"""
import os
import netlib.prepared as P
from netlib.report import MonthlyReport, load_key
fresh = MonthlyReport.load({str(store_path)!r}, {report_store.MONTH!r}, _prepared=False)
for broken in (False, True):
    if broken:  # the process beside ends as it is about to write the weave, its first file
        written = P._write_whole
        P._write_whole = lambda path, value: os._exit(3) if path.name == P.WEAVE else written(path, value)
    preparer = P.Preparer(load_key({str(store_path)!r}, {report_store.MONTH!r})).start().wait()
    assert preparer.pid is not None and preparer.error is None, preparer.error
    assert (preparer.folder / P.HISTORY).is_file() != broken and (preparer.folder / P.WEAVE).is_file() != broken
    taken = P._read(preparer.folder / P.FILE, preparer.key)
    for name, args in fresh.notebook_sections():
        assert getattr(taken, name)(*args) == getattr(fresh, name)(*args), name
    preparer.close()
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=180)


def test_the_kernel_needs_neither_pandas_nor_matplotlib(prepared, store_path, tmp_path):
    """What makes the prepared run quick: the kernel's part (checking the parameters, taking
    the report, every section, writing the files) imports neither."""
    import subprocess
    import sys

    code = f"""
import sys
from netlib import report
report.validate_parameters({report_store.MONTH!r}, {str(store_path)!r})
garden = report.MonthlyReport.load({str(store_path)!r}, {report_store.MONTH!r})
assert isinstance(garden, report.PreparedReport), garden
for name, args in garden.notebook_sections():
    assert getattr(garden, name)(*args)
garden.write_files({str(tmp_path / "out")!r})
heavy = sorted(m for m in ("pandas", "numpy", "matplotlib") if m in sys.modules)
assert not heavy, heavy
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120,
                   env={**kernel_env(), ENV: str(prepared.folder)})
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"map.html", "checklist.md", "summary.json"}


def test_a_folder_left_by_a_killed_run_is_removed_by_the_next(store_path, tmp_path):
    """kill -9 leaves the prepared folder (private data) inside the report folder; the next
    run there removes it, and only it: not one of a run still going, nor another's."""
    import subprocess
    import sys

    from netlib.prepared import PREFIX

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    left, running, other = (tmp_path / f"{PREFIX}{dead}-abc", tmp_path / f"{PREFIX}{os.getppid()}-abc",
                            tmp_path / f"{PREFIX}{dead}-open")
    for folder in (left, running, other):
        folder.mkdir(mode=0o700)
        (folder / "report.pickle").write_bytes(b"private")
    other.chmod(0o755)  # not one of ours, as take() judges: left alone
    preparer = Preparer(load_key(store_path, report_store.MONTH), within=tmp_path)
    try:
        assert not left.exists() and running.exists() and other.exists()
        assert preparer.folder.name.startswith(f"{PREFIX}{os.getpid()}-")
    finally:
        preparer.close(wait=False)
