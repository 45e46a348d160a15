import hashlib
from pathlib import Path

import pytest

from netlib.store.core import Store

HERE = Path(__file__).parent
DATA = HERE / "data"


@pytest.fixture
def store(tmp_path):
    """A fresh store in a real SQLite file."""
    with Store(tmp_path / "garden.db") as s:
        yield s


def content_checksum(path, skip=()) -> str:
    """A checksum of everything a store holds (not its bytes: WAL may differ).

    ``skip`` names tables to leave out, e.g. ``("imports",)``, the log each import adds to.
    The undo log (``undo_*``) is history, not content: always left out.
    """
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    digest = hashlib.sha256()
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        if table in skip or table.startswith("undo_"):
            continue
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    digest.update(repr(con.execute("PRAGMA user_version").fetchone()).encode())
    con.close()
    return digest.hexdigest()


@pytest.fixture
def checksum():
    return content_checksum
