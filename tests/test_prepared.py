"""netlib.prepared: the report made in ``netlib report`` while the kernel starts, taken by
the kernel's ``MonthlyReport.load``; real threads, files, kernels and stores."""

from __future__ import annotations

import ast
import os

import nbformat
import pytest

import report_store
from netlib.prepared import ENV, FAILED, Preparer, kernel_env, take
from netlib.report.content import NOTEBOOK, MonthlyReport, PreparedReport, load_key, run_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return report_store.build(tmp_path_factory.mktemp("store") / "garden.db")


@pytest.fixture(scope="module", params=["fork", "thread"])
def prepared(store_path, request):
    """A prepared folder, made by a forked child (as ``netlib report`` makes it) or a thread.
    The fork happens in a fresh process: forking needs one without other threads, and this
    test run has some (jupyter_client's, left by the report runs of other tests)."""
    key = load_key(store_path, report_store.MONTH)
    if request.param == "thread":
        preparer = Preparer(key).start(fork=False).wait()
        assert preparer.error is None and preparer.pid is None
        yield preparer
        preparer.close()
        assert not preparer.folder.exists()
        return
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    from types import SimpleNamespace

    code = (f"from netlib.prepared import Preparer\npreparer = Preparer({key!r}).start().wait()\n"
            "assert preparer.pid is not None and preparer.error is None, preparer.error\n"
            "print(preparer.pid, preparer.folder)")  # and leaves the folder, as if the kernel were to take it
    pid, folder = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                 timeout=120).stdout.split(maxsplit=1)
    yield SimpleNamespace(key=key, pid=int(pid), folder=Path(folder.strip()))
    shutil.rmtree(folder.strip())


def test_preparer_folder_is_owner_only_and_holds_the_report(prepared):
    assert (prepared.folder.stat().st_mode & 0o777) == 0o700
    # the report and the run's lock, nothing else: what is made beside it comes over a pipe
    assert sorted(p.name for p in prepared.folder.iterdir()) == [".lock", "report.pickle"]


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


def test_a_killed_preparer_is_marked_failed_and_leaves_no_process(store_path):
    """Ctrl-C: close(wait=False) stops a forked child at once, and the process beside it
    (here held in the weave for a minute); the kernel is told it failed. (In a fresh
    process: forking needs one without other threads, which this test run is not.)"""
    import subprocess
    import sys

    code = f"""
import os, time
import netlib.garden.analysis as G
import netlib.prepared as P
from netlib.report.content import load_key
here = os.getpid()
made = G.weave_of
G.weave_of = lambda *a, **k: made(*a, **k) if os.getppid() == here else time.sleep(60)

def group(pgid):
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(pid))
    return out

preparer = P.Preparer(load_key({str(store_path)!r}, {report_store.MONTH!r})).start()
assert preparer.pid is not None
deadline = time.monotonic() + 60
while len(group(preparer.pid)) < 2:  # the child, and the process beside it
    assert time.monotonic() < deadline, group(preparer.pid)
    time.sleep(0.01)
preparer.close(wait=False)
assert not preparer.folder.exists() and preparer.error is not None
deadline = time.monotonic() + 5
while group(preparer.pid):
    assert time.monotonic() < deadline, group(preparer.pid)
    time.sleep(0.01)
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


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
import netlib.garden.analysis as G
import netlib.prepared as P
from netlib.report.content import MonthlyReport, load_key
fresh = MonthlyReport.load({str(store_path)!r}, {report_store.MONTH!r}, _prepared=False)
for broken in (False, True):
    if broken:  # the process beside (whose parent is the child, not this process) dies at once
        made, here = G.weave_of, os.getpid()
        G.weave_of = lambda *a, **k: made(*a, **k) if os.getppid() == here else os._exit(3)
    preparer = P.Preparer(load_key({str(store_path)!r}, {report_store.MONTH!r})).start().wait()
    assert preparer.pid is not None and preparer.error is None, preparer.error
    assert sorted(p.name for p in preparer.folder.iterdir()) == [".lock", "report.pickle"]
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
from netlib.report import content as report
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
    run there removes it, and only it: not one whose run still holds its lock, nor another's."""
    import fcntl

    from netlib.prepared import LOCK, PREFIX

    left, running, other, unlocked = (tmp_path / f"{PREFIX}{name}" for name in ("left", "running", "other", "new"))
    for folder in (left, running, other, unlocked):
        folder.mkdir(mode=0o700)
        (folder / "report.pickle").write_bytes(b"private")
    for folder in (left, running, other):
        (folder / LOCK).touch()
    held = os.open(running / LOCK, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a run still going holds it
    other.chmod(0o755)  # not one of ours, as take() judges: left alone
    try:
        preparer = Preparer(load_key(store_path, report_store.MONTH), within=tmp_path)
        try:
            assert not left.exists() and running.exists() and other.exists() and unlocked.exists()
            # and its own folder is locked while it lasts: a second run there leaves it
            Preparer(load_key(store_path, report_store.MONTH), within=tmp_path).close(wait=False)
            assert preparer.folder.exists()
        finally:
            preparer.close(wait=False)
    finally:
        os.close(held)

def test_a_prepared_report_pickles_answers_as_the_full_one_and_reads_the_store_only_when_asked(store_path,
                                                                                               tmp_path):
    import pickle

    fresh = MonthlyReport.load(store_path, report_store.MONTH, _prepared=False)
    made = pickle.loads(pickle.dumps(MonthlyReport.load(store_path, report_store.MONTH, _prepared=False).prepared()))
    assert isinstance(made, PreparedReport) and made._full is None
    assert made.checklist_table("water") == fresh.checklist_table("water") and made._full is None
    assert "checklist_table" in dir(made) and made.checklist_table.__doc__ == MonthlyReport.checklist_table.__doc__
    with pytest.raises(AttributeError):
        made.no_such_thing  # noqa: B018 - a typo is an error, not a reason to read the store
    assert made._full is None
    # anything else is the full report's, loaded once
    assert made.checklist_table("water", 2) == fresh.checklist_table("water", 2) and made._full is not None
    assert made.garden is made.full().garden and made.owner == fresh.owner
    written = made.write_files(tmp_path / "a", max_ring=3) + fresh.write_files(tmp_path / "b", max_ring=3)
    assert [p.read_bytes() for p in written[:3]] == [p.read_bytes() for p in written[3:]]
    # made from an open store: nothing to load again, and it says so
    from netlib.errors import ReportError
    from netlib.store.core import Store

    with Store(store_path, create=False) as store:
        apart = MonthlyReport.load(store, report_store.MONTH).prepared()
    assert "a store" in repr(apart)
    with pytest.raises(ReportError, match="open Store"):
        apart.garden  # noqa: B018
