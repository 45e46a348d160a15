"""Opening a store's file: what is checked, read-only, before anything is written to it
(:func:`inspect_file`), how a store that must not be written is opened (:func:`read_only_uri`),
and write-ahead logging (:func:`wal`), for :class:`netlib.store.core.Store`."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from netlib.errors import SchemaVersionError, StoreError
from netlib.store.maintenance import damaged
from netlib.store.schema import SCHEMA_VERSION

__all__ = ["BUSY_TIMEOUT_MS", "inspect_file", "read_only_error", "read_only_uri", "wal", "writable"]

#: How long a store waits for another process's write lock.
BUSY_TIMEOUT_MS = 60_000


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


#: Tables every netlib store has had since its first schema: a file without them is not one.
_OWN_TABLES = {"people", "imports", "sources", "settings"}


def writable(path: Path) -> bool:
    """Whether the store file and its folder (SQLite keeps its -wal and -shm files there) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_error(path: Path) -> StoreError:
    return StoreError(f"{path}: the store is read-only (the file or its folder cannot be written; SQLite keeps "
                      "its -wal and -shm files beside it), so this command, which writes, cannot run; make both "
                      "writable, or copy the store to a writable place and give that with --store. Nothing was "
                      "changed")


def read_only_uri(path: Path) -> str:
    """How SQLite opens a store it must not write: ``mode=ro``; ``immutable=1`` where that
    cannot work (a folder that cannot be written holds no -shm file to share) or would leave an
    -shm and a -wal beside a file nobody writes (ours, or root's view, and not writable: a file
    another user or group may write is read mode=ro, as it may change meanwhile), unless a -shm
    is there to share or a write-ahead log beside it holds changes that immutable would not read."""
    uri = path.resolve().as_uri()
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    st, me = path.stat(), os.geteuid()
    fixed = not os.access(path, os.W_OK) and (me == 0 or (st.st_uid == me and not st.st_mode & 0o022))
    if (os.access(path.parent, os.W_OK) and not fixed) or shm.exists() or (wal.exists() and wal.stat().st_size):
        return uri + "?mode=ro"
    return uri + "?immutable=1"


def inspect_file(path: Path, read_only: bool | None = None) -> int:
    """The schema version of an existing store file, read without writing to it.

    Refuses (:class:`StoreError`) a file that is not SQLite, or SQLite that is not a netlib
    store (another program's database: its tables are not ours), and
    (:class:`SchemaVersionError`) a store newer than this netlib, before any PRAGMA that writes.
    """
    if not _looks_like_sqlite(path):
        raise StoreError(f"{path}: not a netlib store (not an SQLite file); give the path of your store, or a "
                         "new file name to start one. If this was your store, it is damaged: restore your "
                         "latest backup (the copies 'netlib backup' writes)")
    if read_only is False and not writable(path):
        raise read_only_error(path)
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot open the store read-only to check it: {err}") from err
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.OperationalError as err:
        if "unable to open" in str(err) or "locked" in str(err):
            raise StoreError(f"{path}: cannot open the store ({err}); check that the file and its folder "
                             "can be read and written, and that no other program holds it") from err
        raise damaged(path, err) from err
    except sqlite3.DatabaseError as err:
        raise damaged(path, err) from err
    finally:
        con.close()
    if version > SCHEMA_VERSION and _OWN_TABLES <= tables:
        raise SchemaVersionError(path, version, SCHEMA_VERSION)
    if tables and not _OWN_TABLES <= tables:
        raise StoreError(f"{path}: an SQLite database of another program (tables: "
                         f"{', '.join(sorted(tables)[:5])}{', ...' if len(tables) > 5 else ''}), not a netlib "
                         "store; it was not touched. Give netlib a file of its own with --store")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(path, version, SCHEMA_VERSION)
    return version


def wal(con) -> None:
    """Write-ahead logging; several processes opening a new store at once may each try, so a
    moment's lock is waited out (journal_mode does not always call the busy handler)."""
    for attempt in range(50):
        try:
            con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err) or attempt == 49:
                raise
            time.sleep(0.05 + 0.01 * attempt)
