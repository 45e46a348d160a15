"""Undo: SQLite's documented approach ("Automatic Undo/Redo Using SQLite").

While a write command runs, temporary triggers on every table record the inverse of each
INSERT, UPDATE and DELETE as an SQL statement in ``undo_log``, under the command's step
(``undo_steps``). The triggers live only in the connection that writes, for the length of
its transaction; the log lives in the store. Undoing a step replays its statements newest
first in one transaction: the cost follows the size of the change, not of the store, and
it works after the process that made the change has ended. The last :data:`KEEP` steps
are kept. The triggers are made from the tables' current columns, so a column a later
migration adds is recorded too.
"""

from __future__ import annotations

import datetime as dt
import re

from netlib.errors import NotFoundError

__all__ = ["KEEP", "open_step", "rename_step", "close_step", "drop_triggers", "steps", "undo_last", "INSERT_UNDONE_BY"]

#: How many write commands can be undone.
KEEP = 20
_OWN = ("undo_steps", "undo_log")


def _tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT name FROM main.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if r[0] not in _OWN]


def _create_triggers(con, step: int) -> None:
    log = f"INSERT INTO undo_log(step, sql) VALUES ({int(step)}, "
    for table in _tables(con):
        cols = [r[1] for r in con.execute(f'PRAGMA main.table_info("{table}")')]
        listed = ", ".join(f'"{c}"' for c in cols).replace("'", "''")
        values = " || ',' || ".join(f'quote(old."{c}")' for c in cols)
        sets = " || ',' || ".join(f"""'"{c}"=' || quote(old."{c}")""" for c in cols)
        con.execute(f"""CREATE TEMP TRIGGER "undo_{table}_i" AFTER INSERT ON main."{table}" BEGIN
            {log}'DELETE FROM "{table}" WHERE rowid=' || new.rowid); END""")
        con.execute(f"""CREATE TEMP TRIGGER "undo_{table}_u" AFTER UPDATE ON main."{table}" BEGIN
            {log}'UPDATE "{table}" SET ' || {sets} || ' WHERE rowid=' || new.rowid); END""")
        con.execute(f"""CREATE TEMP TRIGGER "undo_{table}_d" BEFORE DELETE ON main."{table}" BEGIN
            {log}'INSERT INTO "{table}"(rowid, {listed}) VALUES (' || old.rowid || ',' || {values} || ')'); END""")


def drop_triggers(con) -> None:
    """Stop recording (also after a rollback, which may leave none)."""
    for (name,) in con.execute("SELECT name FROM temp.sqlite_master WHERE type='trigger' AND name LIKE 'undo_%'"
                               ).fetchall():
        con.execute(f'DROP TRIGGER IF EXISTS temp."{name}"')


def open_step(con, command: str, step: int | None = None) -> int:
    """Start recording (inside an open transaction) into ``step``, or a new step."""
    if step is None or not con.execute("SELECT 1 FROM undo_steps WHERE id=?", (step,)).fetchone():
        first = (con.execute("SELECT MAX(seq) FROM undo_log").fetchone()[0] or 0) + 1
        step = con.execute("INSERT INTO undo_steps(command, at, first_seq) VALUES (?, ?, ?)",
                           (command, dt.datetime.now().isoformat(timespec="seconds"), first)).lastrowid
    drop_triggers(con)
    _create_triggers(con, step)
    return step


def rename_step(con, step: int, command: str) -> None:
    """Name a step ``netlib undo --list`` shows (a library call names the step it runs in)."""
    con.execute("UPDATE undo_steps SET command=? WHERE id=?", (command, step))


def _first(con, step: int) -> int:
    row = con.execute("SELECT first_seq FROM undo_steps WHERE id=?", (step,)).fetchone()
    return row[0] if row else 0


def close_step(con, step: int) -> bool:
    """Stop recording; forget the step if it changed nothing, and old steps past
    :data:`KEEP`. True when the step holds changes."""
    drop_triggers(con)
    if not con.execute("SELECT 1 FROM undo_log WHERE seq >= ? AND step=? LIMIT 1", (_first(con, step), step)).fetchone():
        con.execute("DELETE FROM undo_steps WHERE id=?", (step,))
        return False
    old = con.execute("SELECT id FROM undo_steps ORDER BY id DESC LIMIT 1 OFFSET ?", (KEEP,)).fetchone()
    if old:
        con.execute("DELETE FROM undo_steps WHERE id <= ?", (old[0],))
    _forget(con, step)
    return True


def _forget(con, step: int) -> None:
    """Delete log rows no kept step reads (those below the first kept step's first row), by a
    range of the log's key, and at most as many as ``step`` wrote (or 10,000): a small command
    never pays for forgetting a big import, which goes a part at a time. A row a forgotten step
    wrote after a later step began stays until the range passes it; no step reads it."""
    keep_from, lowest, newest = con.execute(
        """SELECT (SELECT MIN(first_seq) FROM undo_steps), (SELECT MIN(seq) FROM undo_log),
                  (SELECT MAX(seq) FROM undo_log)""").fetchone()
    if lowest is None:
        return
    budget = max(10_000, newest - _first(con, step) + 1)
    con.execute("DELETE FROM undo_log WHERE seq < ?", (min(keep_from or newest + 1, lowest + budget),))


def steps(con) -> list[dict]:
    """The steps that can be undone, newest first: id, command, at, changes (rows)."""
    return [{"id": i, "command": c, "at": at, "changes": n} for i, c, at, n in con.execute(
        """SELECT s.id, s.command, s.at, (SELECT COUNT(*) FROM undo_log l WHERE l.seq >= s.first_seq
                                            AND l.step = s.id)
           FROM undo_steps s ORDER BY s.id DESC""")]


#: The inverse of an INSERT (table, rowid): what the log holds for a new row. A run of them
#: on one table is replayed as one statement per 500 rows (each statement SQLite compiles
#: costs more than the row it deletes).
INSERT_UNDONE_BY = re.compile(r'DELETE FROM "(\w+)" WHERE rowid=(-?\d+)')


def _delete_run(con, table, rowids) -> None:
    for at in range(0, len(rowids), 500):
        part = rowids[at:at + 500]
        con.execute(f'DELETE FROM "{table}" WHERE rowid IN ({",".join("?" * len(part))})', part)


def undo_last(con) -> dict:
    """Revert the newest step inside the caller's transaction; returns what it was."""
    row = con.execute("SELECT id, command, at, first_seq FROM undo_steps ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        raise NotFoundError(f"nothing to undo: the last {KEEP} write commands are kept, and none is left")
    step, command, at, first = row
    drop_triggers(con)
    con.execute("PRAGMA defer_foreign_keys = ON")  # rows come back child-first as often as parent-first
    count, run_table, run = 0, None, []
    for (sql,) in con.execute("SELECT sql FROM undo_log WHERE seq >= ? AND step=? ORDER BY seq DESC",
                              (first, step)).fetchall():
        count += 1
        found = INSERT_UNDONE_BY.fullmatch(sql)
        if found and found.group(1) == run_table:
            run.append(int(found.group(2)))
            continue
        _delete_run(con, run_table, run)
        run_table, run = (found.group(1), [int(found.group(2))]) if found else (None, [])
        if not found:
            con.execute(sql)
    _delete_run(con, run_table, run)
    con.execute("DELETE FROM undo_log WHERE seq >= ? AND step=?", (first, step))
    con.execute("DELETE FROM undo_steps WHERE id=?", (step,))
    return {"id": step, "command": command, "at": at, "changes": count}
