"""Undo: SQLite's documented approach ("Automatic Undo/Redo Using SQLite").

Triggers on every table record the inverse of each INSERT, UPDATE and DELETE as an SQL
statement in ``undo_log``, grouped by a step (``undo_steps``: one write command). They
record only while a step is open (a row in ``undo_active``, written inside the command's
own transaction, so no other process ever sees it). Undoing a step replays its statements
newest first in one transaction: the cost follows the size of the change, not of the
store, and it works after the process that made the change has ended. The last
:data:`KEEP` steps are kept.

The triggers are made from the tables' columns each time the schema is migrated
(:func:`install`), so a column added by a later migration is recorded too.
"""

from __future__ import annotations

import datetime as dt

from netlib.errors import NotFoundError

__all__ = ["KEEP", "install", "open_step", "close_step", "steps", "undo_last"]

#: How many write commands can be undone.
KEEP = 20
_OWN = ("undo_steps", "undo_log", "undo_active")


def _tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if r[0] not in _OWN]


def install(con) -> None:
    """(Re)create the recording triggers for every table, from its current columns."""
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'undo_%'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    active = "WHEN EXISTS (SELECT 1 FROM undo_active)"
    log = "INSERT INTO undo_log(step, sql) VALUES ((SELECT step FROM undo_active LIMIT 1), "
    for table in _tables(con):
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        listed = ", ".join(f'"{c}"' for c in cols)
        values = " || ',' || ".join(f'quote(old."{c}")' for c in cols)
        sets = " || ',' || ".join(f"""'"{c}"=' || quote(old."{c}")""" for c in cols)
        con.execute(f"""CREATE TRIGGER "undo_{table}_i" AFTER INSERT ON "{table}" {active} BEGIN
            {log}'DELETE FROM "{table}" WHERE rowid=' || new.rowid); END""")
        con.execute(f"""CREATE TRIGGER "undo_{table}_u" AFTER UPDATE ON "{table}" {active} BEGIN
            {log}'UPDATE "{table}" SET ' || {sets} || ' WHERE rowid=' || new.rowid); END""")
        con.execute(f"""CREATE TRIGGER "undo_{table}_d" BEFORE DELETE ON "{table}" {active} BEGIN
            {log}'INSERT INTO "{table}"(rowid, {listed.replace("'", "''")}) VALUES (' || old.rowid || ',' || {values} || ')'); END""")


def open_step(con, command: str, step: int | None = None) -> int:
    """Start recording (inside an open transaction) into ``step``, or a new step."""
    if step is None or not con.execute("SELECT 1 FROM undo_steps WHERE id=?", (step,)).fetchone():
        step = con.execute("INSERT INTO undo_steps(command, at) VALUES (?, ?)",
                           (command, dt.datetime.now().isoformat(timespec="seconds"))).lastrowid
    con.execute("DELETE FROM undo_active")
    con.execute("INSERT INTO undo_active(step) VALUES (?)", (step,))
    return step


def close_step(con, step: int) -> bool:
    """Stop recording; forget the step if it changed nothing and old steps past :data:`KEEP`.
    True when the step holds changes."""
    con.execute("DELETE FROM undo_active")
    if not con.execute("SELECT 1 FROM undo_log WHERE step=? LIMIT 1", (step,)).fetchone():
        con.execute("DELETE FROM undo_steps WHERE id=?", (step,))
        return False
    old = con.execute("SELECT id FROM undo_steps ORDER BY id DESC LIMIT 1 OFFSET ?", (KEEP,)).fetchone()
    if old:
        con.execute("DELETE FROM undo_log WHERE step <= ?", (old[0],))
        con.execute("DELETE FROM undo_steps WHERE id <= ?", (old[0],))
    return True


def steps(con) -> list[dict]:
    """The steps that can be undone, newest first: id, command, at, changes (rows)."""
    return [{"id": i, "command": c, "at": at, "changes": n} for i, c, at, n in con.execute(
        """SELECT s.id, s.command, s.at, (SELECT COUNT(*) FROM undo_log l WHERE l.step = s.id)
           FROM undo_steps s ORDER BY s.id DESC""")]


def undo_last(con) -> dict:
    """Revert the newest step inside the caller's transaction; returns what it was."""
    row = con.execute("SELECT id, command, at FROM undo_steps ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        raise NotFoundError(f"nothing to undo: the last {KEEP} write commands are kept, and none is left")
    step, command, at = row
    con.execute("DELETE FROM undo_active")
    con.execute("PRAGMA defer_foreign_keys = ON")  # rows come back child-first as often as parent-first
    count = 0
    for (sql,) in con.execute("SELECT sql FROM undo_log WHERE step=? ORDER BY seq DESC", (step,)).fetchall():
        con.execute(sql)
        count += 1
    con.execute("DELETE FROM undo_log WHERE step=?", (step,))
    con.execute("DELETE FROM undo_steps WHERE id=?", (step,))
    return {"id": step, "command": command, "at": at, "changes": count}
