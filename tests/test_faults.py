"""Faults, for real: a killed import, two processes writing at once, backups in use."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netlib.store.core import Store

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed their connections to see or download '
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more '
    'about email visibility here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def big_connections(path: Path, rows: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(PREAMBLE)
        for i in range(rows):
            fh.write(f"Person{i},Tester{i},https://www.linkedin.com/in/person-{i},,Company {i % 700},Engineer,"
                     f"{1 + i % 28:02d} Mar 2025\n")
    return path


def netlib(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "netlib", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.slow
def test_sigkill_mid_import_leaves_all_or_nothing(tmp_path):
    db = tmp_path / "garden.db"
    Store(db).close()
    csv = big_connections(tmp_path / "Connections.csv", 60_000)
    proc = netlib("import", str(csv), "--store", str(db))
    wal = Path(str(db) + "-wal")
    deadline = time.monotonic() + 30
    # wait until the import is writing (the WAL grows inside its transaction), then kill it
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 256 * 1024:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the import finished before it could be killed; make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        people = store.counts()["people"]
        assert people in (0, 60_000), f"a killed import left {people} people: half an import"
        assert store.counts()["imports"] in (0, 1)


@pytest.mark.slow
def test_logging_while_importing_in_another_process(tmp_path):
    db = tmp_path / "garden.db"
    with Store(db) as store:
        store.add_person("Jane Doe", emails=["jane@x.example"])
    csv = big_connections(tmp_path / "Connections.csv", 20_000)
    importer = netlib("import", str(csv), "--store", str(db))
    loggers = [
        netlib("log", "--with", "jane@x.example", "--kind", "coffee", "--date", "2026-11-20", f"coffee {i}",
               "--store", str(db))
        for i in range(8)
    ]
    for proc in [importer, *loggers]:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Store(db) as store:
        assert store.counts()["people"] == 20_001
        summaries = {r[0] for r in store.con.execute("SELECT summary FROM interactions WHERE kind='coffee'")}
        assert summaries == {f"coffee {i}" for i in range(8)}


def test_backup_while_another_connection_writes(tmp_path):
    db = tmp_path / "garden.db"
    with Store(db) as writer, Store(db) as reader:
        writer.add_person("Jane Doe")
        writer.con.execute("BEGIN IMMEDIATE")
        writer.con.execute("INSERT INTO people(name, name_key) VALUES ('Half Written', 'half written')")
        copy = reader.backup(tmp_path / "copy.db")  # sees only committed data
        writer.con.execute("ROLLBACK")
    con = sqlite3.connect(copy)
    assert [r[0] for r in con.execute("SELECT name FROM people")] == ["Jane Doe"]
    con.close()
