"""The snapshot brought up to date with only what changed (:func:`with_new_rows`): explore's
live garden reads a logged coffee's rows, not the whole store. Each table is read as
:func:`netlib.store.frames.read_snapshot` reads it, through the same definitions
(:data:`netlib.store.frames.TABLES`), so the result equals a fresh read (a test holds it so)."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from netlib.store.frames import sorted_by, table
from netlib.store.packing import column
from netlib.store.snapshot import Snapshot
from netlib.store.undo import INSERT_UNDONE_BY

__all__ = ["with_new_rows"]

#: What :func:`with_new_rows` reads again whole when the undo log says it changed (small tables).
_SMALL_TABLES = {"events", "event_people", "checklist", "plans"}
#: Tables whose change (anything but new interactions and their participants, or a small
#: table) needs the whole snapshot read again.
_READ_AGAIN = {"people", "emails", "phones", "tags", "ties", "settings", "interactions", "participants"}


def with_new_rows(store, known=None):
    """The whole store as a snapshot (uncut, ``summaries=False``), reading only what changed
    since ``known`` when it can.

    ``known`` is ``(snapshot, mark)`` as this function returned them before (``None``: read
    everything). Every table is read through :func:`netlib.store.frames.table`.
    ``mark`` is where the undo log (:mod:`netlib.store.undo`) ended at that read (its last
    statement and when its step ran), and SQLite's ``data_version`` then: the log says what
    every command since wrote. A write by another connection (``netlib`` in a terminal)
    means a whole read: an undo there and a new command may number their statements as
    those already read. New interactions and participants are read by
    rowid and added in the snapshot's order (a logged coffee, a tick); events,
    event_people, checklist and plans are small and read again whole. The whole store is
    read again when people, ties or settings changed, a row of a big table was edited or
    deleted (a merge), or the log no longer holds ``mark`` (an undo took it back).

    Returns ``(snapshot, mark, contacts)``: ``contacts`` has the person_id, date and kind of
    each new interaction's people, or is ``None`` after a whole read. One read
    transaction; a test holds the result equal to a fresh read.
    """
    con = store.con
    own = not con.in_transaction
    if own:
        con.execute("BEGIN")
    try:
        mark = (con.execute("PRAGMA data_version").fetchone()[0],
                con.execute(f"{_MARK} ORDER BY l.seq DESC LIMIT 1").fetchone())
        step = _new_rows(*known, con, mark[0]) if known is not None else None
        if step is None:
            return store.snapshot(summaries=False), mark, None
        return step[0], mark, step[1]
    finally:
        if own:
            con.execute("COMMIT")


#: The undo log's statements with when their step ran (see :func:`with_new_rows`).
_MARK = "SELECT l.seq, l.sql, s.at FROM undo_log l LEFT JOIN undo_steps s ON s.id = l.step"


def _new_rows(snapshot: Snapshot, mark, con, data_version: int):
    """``(snapshot, contacts)`` brought up to date from the undo log after ``mark``, or None
    (``data_version``: SQLite's now)."""
    if not (len(snapshot.interactions) and len(snapshot.participants)):
        return None  # a new store: typed by its first rows, read whole (it is small)
    version, last = mark
    if data_version != version:
        return None  # another connection wrote: what its log says may not be all (see above)
    seq = last[0] if last else 0
    if last and con.execute(f"{_MARK} WHERE l.seq = ?", (seq,)).fetchone() != last:
        return None
    added, changed = {}, set()
    for (sql,) in con.execute("SELECT sql FROM undo_log WHERE seq > ? ORDER BY seq", (seq,)):
        found = INSERT_UNDONE_BY.fullmatch(sql)
        if found:  # the inverse of an insert: that row is new
            added.setdefault(found.group(1), []).append(int(found.group(2)))
        else:
            changed.add(re.match(r'(?:UPDATE|INSERT INTO) "(\w+)"', sql).group(1))
    if (changed | (set(added) - {"interactions", "participants"})) & _READ_AGAIN:
        return None
    new = {name: table(con, name) for name in (changed | set(added)) & _SMALL_TABLES}
    inter, parts = snapshot.interactions, snapshot.participants
    fresh_i = table(con, "interactions", added.get("interactions", []))
    fresh_p = table(con, "participants", added.get("participants", []))
    if len(fresh_i):
        new["interactions"] = sorted_by(_joined(inter, fresh_i), "date", "id")  # as TABLES orders them
    if len(fresh_p):
        new["participants"] = sorted_by(_joined(parts, fresh_p), "interaction_id", "person_id")
    inter = new.get("interactions", inter)
    inter = inter[inter["id"].isin(fresh_p["interaction_id"])]
    contacts = fresh_p.merge(inter[["id", "date", "kind"]], left_on="interaction_id", right_on="id")
    return replace(snapshot, **new), contacts[["person_id", "date", "kind"]]


def _joined(known: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """``known`` and the new ``rows`` as one frame, typed as a fresh read of both types them."""
    both = pd.concat([known, _typed_like(rows, known)], ignore_index=True)
    for col in known.columns:  # all NULL until now (object): typed by what the new rows hold,
        if known[col].dtype == object and known[col].isna().all() and rows[col].notna().any():
            both[col] = column(tuple(both[col].tolist()))  # as frame() types a fetched column
    return both


def _typed_like(rows: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with each column typed as ``like``'s where the values allow (a NULL in an
    integer column stays NaN, as a whole read of the table would have it)."""
    out = {}
    for col in like.columns:
        values, kind = rows[col], like[col].dtype.kind
        if kind in "iuf":
            values = pd.to_numeric(values)
            out[col] = values if values.isna().any() else values.astype(like[col].dtype)
        elif kind == "M":
            out[col] = values.astype(like[col].dtype)
        else:
            out[col] = values.astype(like[col].dtype) if len(like) else values
    return pd.DataFrame(out, index=rows.index)
