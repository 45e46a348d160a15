import hashlib
import os
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


def pytest_sessionfinish(session, exitstatus):
    """In CI (``CI=true``) a skipped test fails the run: CI installs everything the tests
    need (chromium, Pillow), so a skip there means a missing install step."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; CI must run them all "
                            f"(first: {skipped[0].nodeid})", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _own_data_home(tmp_path_factory, monkeypatch):
    """No test touches your real default store (``~/.local/share/netlib``)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))
    monkeypatch.delenv("NETLIB_STORE", raising=False)
