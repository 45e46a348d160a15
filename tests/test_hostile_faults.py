"""Faults end in one line and the old state survives (issue 14): a full disk (a file size
limit, set in the child process only), a read-only store, SIGTERM; export and backup write
nothing partial, follow no planted link and change no folder they did not make."""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netlib.cli import main
from netlib.paths import private_dir
from netlib.store.core import Store

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) like a full disk
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from netlib.cli import main
sys.exit(main(sys.argv[2:]))
"""


def connections(path: Path, rows: int) -> Path:
    path.write_text(HEADER + "".join(f"P{i},T{i},https://www.linkedin.com/in/p-{i},,Company {i},Eng,01 Mar 2025\n"
                                     for i in range(rows)))
    return path


def limited(limit: int, *args, cwd):
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def one_line(stderr: str) -> bool:
    return stderr.startswith("netlib: error: ") and stderr.count("\n") == 1 and "Traceback" not in stderr


def people(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "garden.db"
    assert main(["import", str(connections(tmp_path / "small.csv", 50)), "--store", str(db)]) == 0
    return db


def test_a_full_disk_during_import_is_one_line_and_the_store_is_as_it_was(tmp_path, store, capsys):
    big = connections(tmp_path / "big.csv", 20000)
    run = limited(store.stat().st_size + 200_000, "import", big, "--store", store, cwd=tmp_path)
    assert run.returncode == 1 and one_line(run.stderr), run.stderr
    assert "disk may be full" in run.stderr or "disk is full" in run.stderr
    assert people(store) == 50


def test_a_full_disk_during_export_leaves_the_previous_export(tmp_path, store, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out), "--store", str(store)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with Store(store) as s, s.transaction():
        for i in range(3000):
            s.add_person(f"Extra {i}", notes="x" * 100)
    run = limited(100_000, "export", out, "--store", store, cwd=tmp_path)
    assert run.returncode == 1 and one_line(run.stderr), run.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no .part, no half file


def test_a_full_disk_during_backup_leaves_nothing(tmp_path, store, capsys):
    with Store(store) as s, s.transaction():
        for i in range(3000):
            s.add_person(f"Extra {i}", notes="x" * 100)
    (tmp_path / "bk").mkdir()
    run = limited(50_000, "backup", "--out", tmp_path / "bk" / "b.db", "--store", store, cwd=tmp_path)
    assert run.returncode == 1 and one_line(run.stderr), run.stderr
    assert list((tmp_path / "bk").iterdir()) == []


def test_export_replaces_a_planted_link_and_never_follows_it(tmp_path, store, capsys):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (out / "people.csv").symlink_to(victim)
    (out / "events.csv").write_text("old")
    os.chmod(out / "events.csv", 0o644)
    assert main(["export", str(out), "--store", str(store)]) == 0
    assert victim.read_text() == "mine"
    for name in ("people.csv", "events.csv"):
        path = out / name
        assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o755, 0o1777, 0o750])
def test_export_never_changes_a_folder_it_did_not_make(tmp_path, store, capsys, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, mode)
    assert main(["export", str(shared), "--store", str(store)]) == 0
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    new = private_dir(shared / "a" / "b")  # the same rule for report --out
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    assert stat.S_IMODE(new.stat().st_mode) == stat.S_IMODE((shared / "a").stat().st_mode) == 0o700


@pytest.fixture(params=["read-only mount", "immutable file"])
def read_only_store(request, tmp_path, store):
    """A store that cannot be written: (as root, where file modes do not bind) on a file
    system mounted read-only, or a file with the immutable attribute (``chattr +i``); as
    another user, a store file and folder without write permission."""
    if os.geteuid() != 0:
        os.chmod(store, 0o400)
        os.chmod(store.parent, 0o500)
        yield store
        os.chmod(store.parent, 0o700)
        return
    if request.param == "immutable file":
        if subprocess.run(["chattr", "+i", str(store)], capture_output=True).returncode:
            pytest.skip("chattr +i does not work on this file system")
        try:
            yield store
        finally:
            subprocess.run(["chattr", "-i", str(store)], check=False)
        return
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here to make it read-only")
    try:
        (mnt / "garden.db").write_bytes(store.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        yield mnt / "garden.db"
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


@pytest.mark.parametrize("command", [["log", "--with", "P1 T1", "--kind", "call"], ["import", "small.csv"],
                                     ["tie", "P1 T1", "P2 T2"], ["undo"], ["settings", "owner_name", "Alex"]])
def test_a_read_only_store_refuses_a_write_in_one_line(tmp_path, read_only_store, capsys, monkeypatch, command):
    before = read_only_store.read_bytes()
    monkeypatch.chdir(tmp_path)
    code = main([*command, "--store", str(read_only_store)])
    err = capsys.readouterr().err
    assert code == 1 and one_line(err), err
    assert f"{read_only_store}: the store is read-only" in err and "make both writable" in err, err
    assert "damaged" not in err
    assert read_only_store.read_bytes() == before


@pytest.mark.parametrize("command", [["people"], ["people", "show", "P1 T1"], ["check"],
                                     ["checklist", "--month", "2026-11"], ["people", "--json", "--ring", "6"],
                                     ["settings"]])
def test_a_read_only_store_is_read(tmp_path, read_only_store, capsys, monkeypatch, command):
    """Commands that only read work on a store that cannot be written (they used to be refused),
    and write nothing beside it either (no -wal, -shm or -checked file, where its folder can be
    written)."""
    before = read_only_store.read_bytes()
    beside = sorted(os.listdir(read_only_store.parent))
    monkeypatch.chdir(tmp_path)
    code = main([*command, "--store", str(read_only_store)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "P1 T1" in out or command[0] in ("check", "checklist", "settings")
    assert read_only_store.read_bytes() == before
    assert sorted(os.listdir(read_only_store.parent)) == beside


@pytest.mark.slow
def test_a_report_of_a_read_only_store(tmp_path, read_only_store):
    """``netlib report`` reads the store in its kernel too; a redacted one needs the store's
    redaction salt, which a store that cannot be written cannot get: one line."""
    before = read_only_store.read_bytes()
    run = subprocess.run([sys.executable, "-m", "netlib", "report", "--month", "2026-11", "--out",
                          str(tmp_path / "out"), "--store", str(read_only_store)], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (tmp_path / "out" / "report.html").is_file()
    run = subprocess.run([sys.executable, "-m", "netlib", "report", "--redact", "--month", "2026-11", "--out",
                          str(tmp_path / "shared"), "--store", str(read_only_store)], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 1 and one_line(run.stderr) and "the store is read-only" in run.stderr, run.stderr[-2000:]
    assert read_only_store.read_bytes() == before


@pytest.mark.slow
def test_sigterm_during_an_import_rolls_back_in_one_line(tmp_path, store):
    """The signal comes once the import is seen writing: its transaction has spilled pages
    into the store's -wal (the store, closed, has none; nothing before the import's one
    transaction writes). The rest of 150,000 rows takes seconds of CPU, so it cannot
    finish first (it used to be a fixed 3 s wait, and a skip when the import was quicker)."""
    wal = Path(f"{store}-wal")
    assert not wal.exists()
    big = connections(tmp_path / "big.csv", 150_000)
    proc = subprocess.Popen([sys.executable, "-m", "netlib", "import", str(big), "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1][-2000:]
        time.sleep(0.005)
    assert proc.poll() is None, "the import finished before it was seen writing"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, (proc.returncode, err[-2000:])
    assert err.strip().endswith("netlib: stopped (SIGTERM); nothing half-written was kept"), err[-2000:]
    assert "Traceback" not in err
    assert people(store) == 50


@pytest.mark.slow
def test_a_full_disk_during_a_report_rerun_leaves_the_previous_report(tmp_path, store):
    out = tmp_path / "reports" / "2026-11"
    first = subprocess.run([sys.executable, "-m", "netlib", "report", "--month", "2026-11", "--out", str(out),
                            "--store", str(store)], capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    run = limited(150_000, "report", "--month", "2026-11", "--out", out, "--store", store, cwd=tmp_path)
    assert run.returncode == 1, run.stderr[-2000:]
    last = [line for line in run.stderr.splitlines() if line.startswith("netlib: error: ")]
    assert len(last) == 1 and "Traceback" not in run.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith("report.failed")} == before


def test_an_empty_read_only_file_is_no_store_in_one_line(tmp_path, capsys):
    """A read-only empty file (made by hand: nothing to upgrade, nothing to read)."""
    db = tmp_path / "empty.db"
    db.touch()
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode:
        os.chmod(db, 0o400)
        os.chmod(tmp_path, 0o500)
    try:
        code = main(["people", "--store", str(db)])
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
        os.chmod(tmp_path, 0o700)
    err = capsys.readouterr().err
    assert code == 1 and one_line(err) and "holds no store yet" in err, err
    assert db.stat().st_size == 0
