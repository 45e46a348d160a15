"""A read-only, in-memory view of the store, cut at an as-of date.

The garden's analysis functions take a :class:`Snapshot` and never read the store
themselves, so they are pure: the same snapshot and date give the same answer.

Frames and their columns (all plain pandas; dates as ``datetime64[us]`` at midnight):

``people`` (index ``id``)
    name, first_name, last_name, company, position, linkedin_url, notes, birthday,
    since (when they entered your network), ring_override (1-6 or NA),
    cadence_override (days or NA), emails (list), phones (list), tags (list)
``interactions``
    id, date, kind, direction, summary, event_id, source
``participants``
    interaction_id, person_id
``events``
    id, name, date, location, notes
``event_people``
    event_id, person_id, learned, followed_up (bool), followed_up_on
``ties`` (people to people, ``a < b``; you are never in it)
    a, b, kind, since, weight
``checklist``
    key, month ("YYYY-MM"), state (done, snoozed, dismissed), until, at
``plans`` (touchpoints you intend: :mod:`netlib.store.plans`)
    id, person_id, date, what, kind, created, cancelled (bool)
``settings``
    a plain dict (see :mod:`netlib.store.settings`)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from netlib.store.undo import INSERT_UNDONE_BY

__all__ = ["Snapshot", "positions", "to_timestamp", "with_new_rows"]

PEOPLE_COLUMNS = [
    "name", "first_name", "last_name", "company", "position", "linkedin_url", "notes",
    "birthday", "since", "ring_override", "cadence_override", "emails", "phones", "tags",
]
INTERACTION_COLUMNS = ["id", "date", "kind", "direction", "summary", "event_id", "source"]
PARTICIPANT_COLUMNS = ["interaction_id", "person_id"]
EVENT_COLUMNS = ["id", "name", "date", "location", "notes"]
EVENT_PEOPLE_COLUMNS = ["event_id", "person_id", "learned", "followed_up", "followed_up_on"]
TIE_COLUMNS = ["a", "b", "kind", "since", "weight"]
CHECKLIST_COLUMNS = ["key", "month", "state", "until", "at"]
PLAN_COLUMNS = ["id", "person_id", "date", "what", "kind", "created", "cancelled"]


def to_timestamp(value) -> pd.Timestamp:
    """A date, datetime or ISO string as a midnight :class:`pandas.Timestamp`."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return pd.Timestamp(value).normalize()


def positions(ids, values) -> np.ndarray:
    """The position of each of ``values`` among the unique ``ids`` (-1: not there), like
    ``pd.Index(ids).get_indexer(values)``; a plain array lookup when both are integers of a
    compact range (ids from the store), which avoids building a hash table."""
    ids, values = np.asarray(ids), np.asarray(values)
    if ids.dtype.kind in "iu" and values.dtype.kind in "iu" and len(ids) and len(values):
        low, high = int(ids.min()), int(ids.max())
        if high - low <= 4 * len(ids) + 1024:
            table = np.full(high - low + 1, -1, dtype=np.int64)
            table[ids - low] = np.arange(len(ids))
            inside = (values >= low) & (values <= high)
            out = np.full(len(values), -1, dtype=np.int64)
            out[inside] = table[values[inside] - low]
            return out
    return pd.Index(ids).get_indexer(values)


def _among(mask: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``mask`` at each position of ``at`` (False where ``at`` is -1: not there)."""
    out = at >= 0
    out[out] = mask[at[out]]
    return out


def _empty(columns):
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


@dataclass(frozen=True)
class Snapshot:
    """Everything the store knows, as frames; see the module docstring for columns."""

    people: pd.DataFrame = field(default_factory=lambda: _empty(PEOPLE_COLUMNS).rename_axis("id"))
    interactions: pd.DataFrame = field(default_factory=lambda: _empty(INTERACTION_COLUMNS))
    participants: pd.DataFrame = field(default_factory=lambda: _empty(PARTICIPANT_COLUMNS))
    events: pd.DataFrame = field(default_factory=lambda: _empty(EVENT_COLUMNS))
    event_people: pd.DataFrame = field(default_factory=lambda: _empty(EVENT_PEOPLE_COLUMNS))
    ties: pd.DataFrame = field(default_factory=lambda: _empty(TIE_COLUMNS))
    checklist: pd.DataFrame = field(default_factory=lambda: _empty(CHECKLIST_COLUMNS))
    settings: dict = field(default_factory=dict)
    plans: pd.DataFrame = field(default_factory=lambda: _empty(PLAN_COLUMNS))
    #: the date :meth:`as_of` cut this snapshot at (None: the whole store)
    cut_at: pd.Timestamp | None = field(default=None, compare=False)

    def as_of(self, date) -> "Snapshot":
        """The snapshot as it stood at the end of ``date``: nothing dated later survives.

        People are kept if they had entered your network by then (``since``), or took part
        in an interaction or event by then. Ties and checklist state dated later go too, and
        plans made later (a plan's own date is in its future, so it stays).
        """
        cut = to_timestamp(date)
        if self.cut_at is not None and cut >= self.cut_at:
            return self  # nothing dated after cut_at is left to drop
        kept = (self.interactions["date"] <= cut).to_numpy()
        inter = self.interactions[kept]
        at = positions(self.interactions["id"], self.participants["interaction_id"])  # -1: no such interaction
        parts = self.participants[_among(kept, at)]
        events = self.events[self.events["date"] <= cut]
        ev_people = self.event_people[self.event_people["event_id"].isin(events["id"])].copy()
        if len(ev_people):
            late = ev_people["followed_up_on"].notna() & (ev_people["followed_up_on"] > cut)
            ev_people.loc[late, "followed_up"] = False
            ev_people.loc[late, "followed_up_on"] = pd.NaT
        keep = (self.people["since"].notna() & (self.people["since"] <= cut)).to_numpy().copy()
        for seen in (parts["person_id"], ev_people["person_id"]):  # took part by then
            found = positions(self.people.index, seen)
            keep[found[found >= 0]] = True
        people = self.people[keep]
        tie_since = self.ties["since"]
        ends = [positions(self.people.index, self.ties[end]) for end in ("a", "b")]
        ties = self.ties[(tie_since.isna() | (tie_since <= cut)).to_numpy() & _among(keep, ends[0])
                         & _among(keep, ends[1])]
        checklist = self.checklist[self.checklist["at"].isna() | (self.checklist["at"] <= cut)]
        plans = self.plans  # a plan made by then (its date is usually later), of people still there
        plans = plans[(plans["created"] <= cut) & plans["person_id"].isin(people.index)]
        return replace(
            self,
            people=people,
            interactions=inter,
            participants=parts,
            events=events,
            event_people=ev_people,
            ties=ties,
            checklist=checklist,
            plans=plans,
            cut_at=cut,
        )


#: What :func:`with_new_rows` reads again whole when the undo log says it changed (small tables).
_SMALL_TABLES = {
    "events": ("SELECT id, name, date, location, notes FROM events ORDER BY date, id", ("date",)),
    "event_people": ("SELECT event_id, person_id, learned, followed_up, followed_up_on FROM event_people",
                     ("followed_up_on",)),
    "checklist": ("SELECT key, month, state, until, at FROM checklist", ("until", "at")),
    "plans": ("SELECT id, person_id, date, what, kind, created, cancelled FROM plans ORDER BY date, id",
              ("date", "created")),
}
#: Tables whose change (anything but new interactions and their participants, or a small
#: table) needs the whole snapshot read again.
_READ_AGAIN = {"people", "emails", "phones", "tags", "ties", "settings", "interactions", "participants"}


def with_new_rows(store, known=None, *, read):
    """The whole store as a snapshot (uncut, ``summaries=False``), reading only what changed
    since ``known`` when it can.

    ``known`` is ``(snapshot, mark)`` as this function returned them before (``None``: read
    everything); ``read(con, sql, date_columns)`` is :func:`netlib.store.frames.frame`.
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
        step = _new_rows(*known, con, read) if known is not None else None
        if step is None:
            return store.snapshot(summaries=False), mark, None
        return step[0], mark, step[1]
    finally:
        if own:
            con.execute("COMMIT")


#: The undo log's statements with when their step ran (see :func:`with_new_rows`).
_MARK = "SELECT l.seq, l.sql, s.at FROM undo_log l LEFT JOIN undo_steps s ON s.id = l.step"


def _new_rows(snapshot: Snapshot, mark, con, read):
    """``(snapshot, contacts)`` brought up to date from the undo log after ``mark``, or None."""
    if not (len(snapshot.interactions) and len(snapshot.participants)):
        return None  # a new store: typed by its first rows, read whole (it is small)
    version, last = mark
    if con.execute("PRAGMA data_version").fetchone()[0] != version:
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
    new = {}
    for table in (changed | set(added)) & set(_SMALL_TABLES):
        sql, date_columns = _SMALL_TABLES[table]
        new[table] = read(con, sql, date_columns)
    if "event_people" in new:
        new["event_people"]["followed_up"] = new["event_people"]["followed_up"].astype(bool)
    if "plans" in new:
        new["plans"]["cancelled"] = new["plans"]["cancelled"].astype(bool)
    inter, parts = snapshot.interactions, snapshot.participants
    rowids = {t: ", ".join(str(r) for r in added.get(t, [])) for t in ("interactions", "participants")}
    fresh_i = read(con, f"SELECT id, date, kind, direction, event_id FROM interactions WHERE rowid IN "
                        f"({rowids['interactions']}) ORDER BY date, id", ("date",))
    fresh_p = read(con, f"SELECT interaction_id, person_id FROM participants WHERE rowid IN "
                        f"({rowids['participants']})", ())
    if len(fresh_i):
        fresh_i.insert(4, "summary", pd.Series(None, index=fresh_i.index, dtype=object))  # as read whole
        fresh_i["source"] = pd.Series(None, index=fresh_i.index, dtype=object)
        fresh_i = _typed_like(fresh_i, inter)
        inter = pd.concat([inter, fresh_i], ignore_index=True)
        order = np.lexsort((inter["id"].to_numpy(), inter["date"].to_numpy()))
        new["interactions"] = inter.take(order).reset_index(drop=True)
    if len(fresh_p):
        parts = pd.concat([parts, _typed_like(fresh_p, parts)], ignore_index=True)
        order = np.lexsort((parts["person_id"].to_numpy(), parts["interaction_id"].to_numpy()))
        new["participants"] = parts.take(order).reset_index(drop=True)
    inter = new.get("interactions", inter)
    inter = inter[inter["id"].isin(fresh_p["interaction_id"])]
    contacts = fresh_p.merge(inter[["id", "date", "kind"]], left_on="interaction_id", right_on="id")
    return replace(snapshot, **new), contacts[["person_id", "date", "kind"]]


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
