"""Signals mid-command (issue 14): SIGTERM during ``netlib report`` (as Ctrl-C, tested in
test_report.py) and Ctrl-C during ``netlib demo`` end in one line and leave the old state:
the previous report as it was, no kernel left running, no half-built demo store."""

import signal
import subprocess
import sys
import time

import pytest

import report_store
from helpers.processes import processes_of
from netlib.report import run_report

pytestmark = pytest.mark.slow




def _kernel_running(folder) -> bool:
    """A kernel of the run (ipykernel, its working folder inside ``folder``) is up."""
    return any("ipykernel" in p for p in processes_of(folder))


def test_sigterm_during_a_report_leaves_the_previous_report(tmp_path):
    store = report_store.build(tmp_path / "garden.db")
    out = tmp_path / "2026-11"
    run_report(store, report_store.MONTH, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    run = subprocess.Popen([sys.executable, "-m", "netlib", "--store", str(store), "report", "--month",
                            report_store.MONTH, "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    deadline = time.monotonic() + 120
    while not _kernel_running(out):
        assert time.monotonic() < deadline and run.poll() is None, run.stderr.read() if run.poll() is not None else ""
        time.sleep(0.01)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143 and "SIGTERM" in err  # as a shell reports a command SIGTERM ended
    assert err.count("\n") == 1 and err.startswith("netlib: ") and "Traceback" not in err, err[-2000:]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in out.iterdir() if not p.is_file()] == []
    deadline = time.monotonic() + 10  # a kernel ends on its own once its parent is gone (checked each second)
    while processes_of(out):
        assert time.monotonic() < deadline, processes_of(out)
        time.sleep(0.05)


def _demo(store, *, wait_for_build=False):
    """``netlib demo --no-report`` in a subprocess; with ``wait_for_build``, returned once its
    temporary store holds some imports (a file of the sample was imported)."""
    run = subprocess.Popen([sys.executable, "-m", "netlib", "demo", "--store", str(store), "--no-report"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=store.parent,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if wait_for_build:
        line = run.stdout.readline()  # the first file's summary: the build is under way
        assert "added" in line and run.poll() is None, line + run.stderr.read()
        assert [p.name for p in store.parent.glob(f".{store.name}.*.building")]
    return run


def test_an_interrupted_demo_leaves_no_half_store_and_the_next_demo_works(tmp_path):
    store = tmp_path / "demo.db"
    run = _demo(store, wait_for_build=True)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130 and err == "netlib: interrupted; nothing half-written was kept\n", err[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no half-built store, no temporary file
    again = _demo(store)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]
    before = store.read_bytes()
    run = _demo(store, wait_for_build=True)  # a rebuild interrupted: the demo store before it stays
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"] and store.read_bytes() == before


def test_a_kernel_whose_polite_shutdown_fails_is_killed(tmp_path, monkeypatch):
    """A SIGTERM while the kernel was starting left jupyter_client's start future spent, and
    its shutdown raised InvalidStateError over the one-line message (seen once in CI): the
    runner then kills the kernel's process itself. A real kernel; only its shutdown fails."""
    import asyncio

    from jupyter_client.manager import KernelManager

    from netlib.report.runner import _stop_kernel

    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(tmp_path / ".kernel"))
    km.start_kernel(cwd=str(tmp_path))
    process = km.provisioner.process
    assert process.poll() is None

    def spent(*args, **kwargs):
        raise asyncio.InvalidStateError("invalid state")

    monkeypatch.setattr(km, "shutdown_kernel", spent)
    _stop_kernel(km)
    assert process.poll() is not None
