"""The store refuses before it writes (issue 14): a foreign SQLite file, a newer store, a
file that is not SQLite are each refused in one line, byte for byte untouched; and several
processes opening a new store at once all succeed. Real files, the CLI by subprocess."""

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netlib.store.core import Store
from netlib.store.schema import SCHEMA_VERSION


def netlib(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "netlib", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path):
    return [p.name for p in path.parent.iterdir() if p.name != path.name]


def foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes(id INTEGER PRIMARY KEY, title TEXT)")
    con.execute("INSERT INTO recipes(title) VALUES ('bread')")
    con.commit()
    con.close()
    return path


def newer(path: Path) -> Path:
    with Store(path):
        pass
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    return path


@pytest.mark.parametrize("command", [("people",), ("import", "x.csv"), ("checklist",), ("backup",)])
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path, command):
    (tmp_path / "store").mkdir()
    db = foreign(tmp_path / "store" / "recipes.db")
    (tmp_path / "x.csv").write_text("name\nAda\n")
    before = digest(db)
    run = netlib("--store", db, *command, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stderr.count("\n") == 1 and "another program" in run.stderr and "not touched" in run.stderr
    assert digest(db) == before and side_files(db) == []  # no -wal, no -shm, no tables added


def test_a_newer_store_in_rollback_mode_keeps_its_header(tmp_path):
    (tmp_path / "s").mkdir()
    db = newer(tmp_path / "s" / "garden.db")
    before = digest(db)
    run = netlib("--store", db, "people")
    assert run.returncode == 1 and "newer than this netlib" in run.stderr and run.stderr.count("\n") == 1
    assert digest(db) == before and side_files(db) == []
    assert db.read_bytes()[18:20] == b"\x01\x01"  # still rollback journal, not WAL


@pytest.mark.parametrize("content", [b"hello, this is text\n", b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path, content):
    (tmp_path / "s").mkdir()
    db = tmp_path / "s" / "garden.db"
    db.write_bytes(content)
    run = netlib("--store", db, "people")
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert db.read_bytes() == content and side_files(db) == []


@pytest.mark.slow
def test_several_processes_opening_a_new_store_at_once(tmp_path):
    code = "import sys; from netlib.store.core import Store; Store(sys.argv[1]).close()"
    for round_ in range(2):
        db = tmp_path / f"r{round_}" / "garden.db"
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True)
                 for _ in range(5)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 5, errors
        with Store(db) as store:
            assert store.version == SCHEMA_VERSION and store.counts()["people"] == 0
