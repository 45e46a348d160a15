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
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

__all__ = ["Snapshot", "positions", "to_timestamp"]

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


_FAR = 2**62  # ids and values within +-_FAR: a difference of two lies within +-2**63 (where it wraps: positions)


def positions(ids, values) -> np.ndarray:
    """The position of each of ``values`` among the unique ``ids`` (-1: not there), like
    ``pd.Index(ids).get_indexer(values)``; a plain array lookup when both are integers of a
    compact range (ids from the store), which avoids building a hash table."""
    ids, values = np.asarray(ids), np.asarray(values)
    if ids.dtype.kind in "iu" and values.dtype.kind in "iu" and len(ids) and len(values):
        low, high = int(ids.min()), int(ids.max())
        if high - low <= 4 * len(ids) + 1024:
            first, last = int(values.min()), int(values.max())
            if -_FAR <= min(low, first) and max(high, last) <= _FAR:
                # far from int64's ends: ``values - low`` cannot wrap, ``values - (low - 1)`` only
                # past 2**63 (a value near 2**62, ids near -2**62), to below zero: clipped to -1 too
                if low <= first and last <= high and len(ids) == high - low + 1 and (ids[1:] > ids[:-1]).all():
                    return values.astype(np.int64, copy=False) - low  # ids low, low + 1, ..., high: offsets
                # out of the ids' range, ``values - (low - 1)`` is below 1 or above high - low + 1,
                # and np.take's "clip" reads the table's first or last place there, both -1
                table = np.full(high - low + 3, -1, dtype=np.int64)
                table[ids.astype(np.int64) - (low - 1)] = np.arange(len(ids))
                return table.take(values.astype(np.int64, copy=False) - (low - 1), mode="clip")
            # ids and the values among them lie in [low, high]: unsigned when low >= 0, else
            # signed (high is then small), whatever the dtypes of ids and values
            kind = np.uint64 if low >= 0 else np.int64
            table = np.full(high - low + 1, -1, dtype=np.int64)
            table[ids.astype(kind) - kind(low)] = np.arange(len(ids))
            inside = (values >= low) & (values <= high)
            out = np.full(len(values), -1, dtype=np.int64)
            out[inside] = table[values[inside].astype(kind) - kind(low)]
            return out
    return pd.Index(ids).get_indexer(values)


def _among(mask: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``mask`` at each position of ``at`` (False where ``at`` is -1: not there)."""
    out = at >= 0
    out[out] = mask[at[out]]
    return out


def _rows(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """``frame[keep]``; a slice of its first rows when those are the ones kept (rows in date
    order cut at a date, as the store's interactions come), which copies nothing."""
    n = int(np.count_nonzero(keep))
    if keep[:n].all():
        return frame.iloc[:n]
    return frame[keep]


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
        inter = _rows(self.interactions, kept)
        at = positions(self.interactions["id"], self.participants["interaction_id"])  # -1: no such interaction
        parts = _rows(self.participants, _among(kept, at))
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
