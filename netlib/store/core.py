"""The store: one SQLite file, the single source of truth.

Every write goes through :meth:`Store.transaction` (``BEGIN IMMEDIATE``): an import lands
whole or not at all, and another process waits for the lock instead of failing. The file
is created owner-only, because it holds other people's personal data.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from netlib.errors import SchemaVersionError, StoreError
from netlib.paths import store_path
from netlib.store.dupes import Duplicates
from netlib.store.edit import Editing
from netlib.store.importing import Importing
from netlib.store.logbook import Logbook
from netlib.store.maintenance import damaged, remember_checked, still_checked
from netlib.store.merge import Merging
from netlib.store.opening import BUSY_TIMEOUT_MS, inspect_file, read_only_error, read_only_uri, wal, writable
from netlib.store.people import People
from netlib.store.plans import Plans
from netlib.store.schema import MIGRATIONS, SCHEMA_VERSION
from netlib.store.settings import validate
from netlib.store import undo
from netlib.store.writer import ImportReport

if TYPE_CHECKING:
    from netlib.store.snapshot import Snapshot

__all__ = ["Store", "ImportReport", "open_store"]


def open_store(path=None, *, create: bool = True) -> "Store":
    """Open the store at ``path`` (or ``$NETLIB_STORE``, or ``~/.local/share/netlib/garden.db``:
    :func:`netlib.paths.store_path`)."""
    return Store(store_path(path), create=create)


class Store(Importing, People, Editing, Merging, Duplicates, Logbook, Plans):
    """A netlib store. Use as a context manager, or call :meth:`close`.

    Its methods on people live in :mod:`netlib.store.people` (finding, listing, adding),
    :mod:`netlib.store.edit` (edit, delete), :mod:`netlib.store.merge` (merge, split) and
    :mod:`netlib.store.dupes`; on interactions, events, ties and ticks in
    :mod:`netlib.store.logbook`; on plans in :mod:`netlib.store.plans`; undo in
    :mod:`netlib.store.undo`."""

    def __init__(self, path, *, create: bool = True, read_only: bool | None = None):
        """``read_only``: None opens the store read-only exactly when its file or folder cannot be
        written (reading works, a write is refused in one line); True always; False refuses
        such a store at once."""
        self.path = Path(path)
        memory = str(path) == ":memory:"
        self.read_only = False
        uri = None
        if not memory:
            if not self.path.exists():
                if not create:
                    raise StoreError(f"{self.path}: no store here; run 'netlib init' (or 'netlib demo'), "
                                     "or name one with --store PATH or NETLIB_STORE")
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    fd = os.open(self.path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
                    os.close(fd)
                except FileExistsError:
                    pass  # another netlib created it a moment ago: open it as theirs
                except OSError as err:
                    raise StoreError(f"{self.path}: cannot create the store ({err.strerror}); choose a "
                                     "folder you can write to with --store") from err
            elif self.path.is_dir():
                raise StoreError(f"{self.path} is a folder; give the store's file, e.g. {self.path / 'garden.db'}")
            elif self.path.stat().st_size:
                inspect_file(self.path, read_only)  # read-only: nothing is written to a file we may not own
            self.read_only = bool(read_only) or (read_only is None and not writable(self.path))
            uri = read_only_uri(self.path) if self.read_only else None
        try:
            self.con = sqlite3.connect(
                uri or str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False, uri=uri is not None,
            )
            self.con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA recursive_triggers = ON")  # REPLACE's deletes reach the undo log
            self.con.execute("PRAGMA temp_store = MEMORY")  # the undo triggers live in temp
            if not memory and not self.read_only:
                wal(self.con)
            self.con.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: cannot open the store: {err}") from err
        self._command: str | None = None
        self._step: int | None = None
        self._unnamed: int | None = None  # the open undo step, while nothing has named it
        self.checked = None  # passed the quick check since it was opened: maintenance.quick_check's mark
        try:
            self._migrate()
        except sqlite3.DatabaseError as err:
            self.con.close()
            raise damaged(self.path, err) from err
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        # what netlib checked and then wrote itself needs no check next time (a read-only store
        # gets nothing written beside it)
        remember = not self.read_only and still_checked(self)
        self.con.close()
        if remember:
            remember_checked(self.path)

    @property
    def command(self) -> str | None:
        """What the current write command is called in ``netlib undo --list`` (the CLI sets
        it); while it is set, every transaction of this object joins one undo step. Setting
        it again starts a new step."""
        return self._command

    @command.setter
    def command(self, value: str | None) -> None:
        self._command, self._step = value, None

    @property
    def version(self) -> int:
        return self.con.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        found = self.version
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(self.path, found, SCHEMA_VERSION)
        if found == SCHEMA_VERSION:
            return
        if self.read_only:
            what = "holds no store yet" if found == 0 else f"was written by an older netlib (schema {found})"
            raise StoreError(f"{self.path}: the store is read-only and {what}; that needs a write: make the file "
                             "and its folder writable and run any netlib command once. Nothing was changed")
        if found > 0 and str(self.path) != ":memory:":
            self.backup(self.path.with_name(f"{self.path.name}.bak-v{found}"))
        with self.transaction(record=False) as con:
            found = self.version  # another process may have migrated while we waited for the lock
            for step in range(found, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def transaction(self, *, record: bool = True, label: str | None = None):
        """One write transaction; rolled back whole on any exception.

        Nested use joins the outer transaction (a savepoint), so several library calls
        can be made atomic together: ``with store.transaction(): store.log(...); ...``.
        The outer one is one undo step (:mod:`netlib.store.undo`), named by
        :attr:`command`; all transactions of a store object with a ``command`` share one.
        Without a command, the step is named by ``label`` (what a library call does, e.g.
        ``import Connections.csv``), or by the first label of a transaction inside it.
        """
        if self.read_only:
            raise read_only_error(self.path)
        if self.con.in_transaction:
            if label and self._unnamed is not None:
                undo.rename_step(self.con, self._unnamed, label)
                self._unnamed = None
            self.con.execute("SAVEPOINT nested")
            try:
                yield self.con
            except BaseException:
                if self.con.in_transaction:  # SQLite may have rolled back all already (a full disk)
                    with contextlib.suppress(sqlite3.Error):
                        self.con.execute("ROLLBACK TO nested")
                        self.con.execute("RELEASE nested")
                raise
            else:
                self.con.execute("RELEASE nested")
            return
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StoreError(f"{self.path}: {err} (another netlib is writing; try again when it is done)") from err
        try:
            name = self.command or label
            step = undo.open_step(self.con, name or "library call", self._step) if record else None
            self._unnamed = step if not name else None
            yield self.con
            if step is not None and undo.close_step(self.con, step) and self.command:
                self._step = step
        except BaseException:
            self._rollback()
            with contextlib.suppress(sqlite3.Error):  # a rollback may have dropped them already
                undo.drop_triggers(self.con)
            raise
        finally:
            self._unnamed = None
        try:
            self.con.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
        if self.con.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.con.execute("ROLLBACK")

    def backup(self, target) -> Path:
        """A consistent copy of the store (SQLite's backup API), safe while in use."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)  # 0o600
        os.close(fd)
        try:
            dest = sqlite3.connect(tmp)
            try:
                self.con.backup(dest)
            finally:
                dest.close()
            os.replace(tmp, target)
        except BaseException:  # a full disk, an interrupt: no partial copy is left behind
            for leftover in (tmp, tmp + "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
            raise
        return target

    def settings(self) -> dict:
        """The user's own settings (not merged with defaults)."""
        return {k: json.loads(v) for k, v in self.con.execute("SELECT key, value FROM settings ORDER BY key")}

    def set_setting(self, key: str, value, *, record: bool = True) -> None:
        """Set one setting (validated). ``record=False`` keeps it out of the undo log: for
        what netlib keeps for itself (the redaction salt), which undo must never take back."""
        validate(key, value)
        with self.transaction(record=record, label=f"set {key}") as con:
            self._set_setting(con, key, value)

    def mark_demo(self) -> None:
        """Mark this store as one ``netlib demo`` built, with the imports it made so far (no
        setting or import can); call it when the demo's imports are done."""
        with self.transaction(label="mark the store as the demo's") as con:
            made = [row[0] for row in con.execute("SELECT id FROM imports ORDER BY id")]
            self._set_setting(con, "demo", {"imports": made})

    def made_by_demo(self) -> bool:
        """Whether this store holds nothing but what ``netlib demo`` made: marked by
        :meth:`mark_demo`, no person added by hand, and no import but the demo's own."""
        mark = self.settings().get("demo")
        if not isinstance(mark, dict) or not isinstance(mark.get("imports"), list):
            return False
        if self.con.execute("SELECT 1 FROM sources WHERE import_id IS NULL LIMIT 1").fetchone():
            return False
        made = set(mark["imports"])
        return all(row[0] in made for row in self.con.execute("SELECT id FROM imports"))

    @staticmethod
    def _set_setting(con, key, value) -> None:
        con.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- reading for analysis ----------------------------------------------------------------
    def snapshot(self, *, summaries: bool = True) -> Snapshot:
        """Everything, as frames (see :mod:`netlib.store.snapshot`); cut it with ``as_of``.

        ``summaries=False`` leaves the interactions' ``summary`` and ``source`` columns
        empty (all ``None``): the garden never reads them, and at 300,000 interactions
        their text is much of what the fetch reads. All tables are read in one read transaction,
        so a write by another process cannot land between two of them.
        """
        # pandas is imported here, not with the store: a command that never reads a snapshot
        # (an edit, a merge, 'people dupes') is spared its 0.6 s of CPU at start-up
        from netlib.store.frames import read_snapshot

        if self.con.in_transaction:
            return read_snapshot(self, summaries)
        self.con.execute("BEGIN")
        try:
            return read_snapshot(self, summaries)
        finally:
            self.con.execute("COMMIT")

    def undo(self) -> dict:
        """Revert the last write command (one undo step); returns what it was.

        The log holds every change the command made, cascades included, so it is replayed
        with foreign keys off (nothing cascades twice; no lookups per row) and exactly."""
        self.con.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction(record=False) as con:
                return undo.undo_last(con)
        finally:
            self.con.execute("PRAGMA foreign_keys = ON")

    def undo_steps(self) -> list[dict]:
        """The write commands that can be undone, newest first."""
        return undo.steps(self.con)

    def counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("people", "interactions", "events", "ties", "imports")
        }


def _statements(script: str):
    """The statements of a migration, whole (a trigger's body holds semicolons too)."""
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf
            buf = ""
