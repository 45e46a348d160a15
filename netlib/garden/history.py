"""The report's 12-month trends: the headline numbers, health, rings and interaction
kinds at each month end (:func:`history`). Numbers only: :mod:`netlib.report.charts` draws them.

Speed: :func:`history` does not run the full :func:`netlib.garden.analysis.analyse` twelve times.
Health and rings need only strength, rings, cadence and first contact, so it skips the
weave (clusters, structural holes) and the checklists, and computes the contacts of the
last day once (:class:`_Trend`; the report passes the garden's own). Each month end then
counts each person's first rows of those sorted rows, runs the steps of
:func:`netlib.garden.strength.tie_strength` on them (the same numpy and pandas operations, so the
same floats) and applies the rules of :mod:`netlib.garden.rings` through their array-level
implementations (:func:`~netlib.garden.rings.rank_rings`, :func:`~netlib.garden.rings.health_codes`,
:func:`~netlib.garden.rings.met_between`), the very functions ``analyse`` uses. The numbers are exactly
those of :func:`netlib.garden.analysis.month_summary` (tests check several months against it).
It computes with :mod:`netlib.garden.strength`'s own array functions (:func:`~netlib.garden.strength.decayed`,
:func:`~netlib.garden.strength.peaks`, :func:`~netlib.garden.strength.strength_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlib.garden import rings as _rings
from netlib.garden.terms import HEALTH, RINGS
from netlib.months import last_day
from netlib.store.settings import merge
from netlib.garden.strength import contacts, decayed, peaks, strength_of

__all__ = ["History", "history", "months_back", "NUMBERS"]

NUMBERS = ["people", "active_ties", "new_people", "interactions", "gives", "asks"]


@dataclass
class History:
    """Trend numbers, one row per month (index "YYYY-MM", oldest first).

    ``numbers``: people, active_ties, new_people, interactions, gives, asks (as
    :func:`netlib.garden.analysis.month_summary` defines them); ``health``: people per health
    state; ``rings``: people per ring (columns 1-6); ``kinds``: interactions per kind.
    """

    numbers: pd.DataFrame
    health: pd.DataFrame
    rings: pd.DataFrame
    kinds: pd.DataFrame

    def change(self) -> pd.DataFrame:
        """This month, last month and the difference, for each headline number."""
        n = self.numbers
        this = n.iloc[-1]
        last = n.iloc[-2] if len(n) > 1 else pd.Series(0, index=n.columns)
        return pd.DataFrame({"this month": this.astype(int), "last month": last.astype(int),
                             "change": (this - last).astype(int)})


def months_back(month: str, months: int) -> list[str]:
    """``months`` months ending with ``month``, oldest first."""
    end = pd.Period(last_day(month), "M")
    return [(end - k).strftime("%Y-%m") for k in range(months - 1, -1, -1)]


class _Trend:
    """The per-person facts every month end needs, computed once from the last cut.

    A month end ``D`` before the last day sees exactly the contacts dated ``<= D`` of the
    last cut's :func:`netlib.garden.strength.contacts` (an interaction's participants are all
    known by its date, so its ``n`` and weights do not change), and exactly the people who
    had entered by ``D`` (``since``) or took part in an interaction or event by then
    (:meth:`Snapshot.as_of`). The contacts are sorted by person and date, so a person's
    contacts by ``D`` are the first ``k`` rows of their run: a month counts them per run
    and sums their decayed weights; the rest is read off arrays sorted once.

    What months repeat is done once for all of them: the month from which each row counts
    (``step``), hence each run's number of rows by each month (``counts``), and the rows'
    day numbers; a month gathers its rows, decays their weights to its day and sums them
    per person (``np.add.reduceat``, as :func:`~netlib.garden.strength.tie_strength` does).

    Every month works on all the people of the snapshot, in one order, and counts only
    those there by ``D``: someone not yet there has no contact by then, so strength 0, and
    takes no place in the others' ring ranking. Rings, health and newcomers come from the
    array functions of :mod:`netlib.garden.rings` (whose docstring states the rules), which its
    pandas functions wrap for ``analyse``; cadences come from :func:`netlib.garden.rings.cadence`
    itself, once per ring.
    """

    #: someone whose peak strength, from the last day's peaks, is this near
    #: ``strong_strength`` makes :meth:`_was_strong` compute the day's own peaks
    NEAR = 1e-6

    def __init__(self, snapshot, rows: pd.DataFrame, last: pd.Timestamp, settings: dict, days):
        self.settings = settings
        self.half_life = float(settings["half_life_days"])
        self.scale = float(settings["strength_scale"])
        people = snapshot.people
        index = pd.Index(people.index.to_numpy().astype("int64"), name="id")
        self.ids = index.to_numpy()
        self.since = pd.to_datetime(people["since"]).to_numpy(dtype="datetime64[us]")
        self.manual = _rings.manual_rings(people["ring_override"])  # 0: ranked
        # cadence of each person were they in ring r (row r - 1): their override, else the
        # ring's (a categorical ring maps the ring once, not each person: same values)
        cadence_override = people["cadence_override"].set_axis(index)
        self.cadence = np.stack([
            _rings.cadence(pd.Series(r, index=index, dtype="category"), cadence_override, settings).to_numpy()
            for r in RINGS])
        ev = snapshot.event_people[["event_id", "person_id"]].merge(
            snapshot.events[["id", "date"]], left_on="event_id", right_on="id")
        ev = ev[ev["date"] <= last]
        self.event_first = self._nat()
        if len(ev):
            got = pd.to_datetime(ev["date"]).groupby(ev["person_id"].to_numpy()).min()
            self.event_first = got.reindex(index).to_numpy(dtype="datetime64[us]")
        # the contacts by the last day, of people of the snapshot, as plain arrays
        person = rows["person_id"].to_numpy()
        date = rows["date"].to_numpy(dtype="datetime64[us]")
        weight = rows["weight"].to_numpy(dtype=float)
        where = index.get_indexer(person)  # position of each row's person
        keep = (date <= np.datetime64(last, "us")) & (where >= 0)
        person, date, weight, where = person[keep], date[keep], weight[keep], where[keep]
        # any contact (a weight-0 note too) makes someone seen: their first row is the first
        first = _runs(where)
        contact_first = self._nat()
        contact_first[where[first]] = date[first]
        self.first_seen = np.fmin(contact_first, self.event_first)  # fmin skips NaT
        # the contacts that add strength, as tie_strength takes them; one run per person
        weighted = weight > 0
        self.person, self.date, self.weight = person[weighted], date[weighted], weight[weighted]
        self.starts = _runs(self.person)
        self.who = where[weighted][self.starts]  # each run's person, in id order
        # the month (position in ``cuts``) from which each row counts, and so each run's
        # rows by each month: a run's rows are sorted by date, so those by a day are its first
        # (days in any order: ``rank`` is each day's place among them in time)
        self.cuts = np.array([np.datetime64(d, "us") for d in days], dtype="datetime64[us]")
        order = np.argsort(self.cuts, kind="stable")
        self.rank = np.empty(len(order), dtype=np.intp)
        self.rank[order] = np.arange(len(order))
        self.step = np.searchsorted(self.cuts[order], self.date, side="left")
        if len(order) < 2**15:
            self.step = self.step.astype(np.int16)  # (a quicker comparison each month)
        run = np.repeat(np.arange(len(self.starts)), np.diff(np.r_[self.starts, len(self.person)]))
        width = len(self.cuts) + 1
        self.counts = np.bincount(run * width + self.step, minlength=len(self.starts) * width
                                  ).reshape(len(self.starts), width).cumsum(axis=1)
        numbers = _whole_days(self.date, self.cuts)
        self.day_numbers, self.cut_days = (None, None) if numbers is None else \
            np.split(numbers.astype(float), [len(self.date)])  # exact: whole numbers below 2**53
        # the last day's peaks and, for each row, the largest so far along its run
        last_peaks = peaks(self.person, self._days(self.date, last), self.weight, self.half_life)
        self.peak_so_far = pd.Series(last_peaks).groupby(run).cummax().to_numpy()

    def _nat(self) -> np.ndarray:
        return np.full(len(self.ids), np.datetime64("NaT", "us"), dtype="datetime64[us]")

    @staticmethod
    def _days(date, day) -> np.ndarray:
        """Days from ``day`` to each date (<= 0), as :func:`netlib.garden.strength.tie_strength` has them."""
        return ((date - np.datetime64(day, "us")) / np.timedelta64(1, "D")).astype(float)

    def month(self, j: int, day: pd.Timestamp):
        """Numbers, health and ring counts at ``day`` (the ``j``-th of the days given), as
        :func:`month_summary` of ``analyse``."""
        settings, cut, n = self.settings, self.cuts[j], len(self.ids)
        present = (self.since <= cut) | (self.first_seen <= cut)  # NaT compares False
        # the steps of netlib.garden.strength.tie_strength on the day's rows (the same floats);
        # without contacts, strength and peak strength are 0
        strength, was_strong = np.zeros(n), np.full(n, _rings.was_strong(0.0, settings))
        last, first, count = self._nat(), self._nat(), np.zeros(n, dtype="int64")
        k = self.counts[:, self.rank[j]]  # contacts by the day, per run
        if k.any():
            m = self.step <= self.rank[j]
            who, start, k = self.who[k > 0], self.starts[k > 0], k[k > 0]
            if self.day_numbers is None:
                days = self._days(self.date[m], cut)
            else:  # whole days: the same floats, from integers
                days = self.day_numbers[m] - self.cut_days[j]
            raw = np.add.reduceat(decayed(self.weight[m], days, self.half_life), np.r_[0, np.cumsum(k)[:-1]])
            strength[who] = strength_of(raw, self.scale)
            was_strong[who] = self._was_strong(start + k - 1, m, days, strength[who])
            last[who], first[who], count[who] = self.date[start + k - 1], self.date[start], k
        ring = _rings.rank_rings(strength, last, self.ids, self.manual, settings, count)
        event = np.where(self.event_first <= cut, self.event_first, np.datetime64("NaT", "us"))
        first_contact = np.fmin(first, event)  # fmin skips NaT, as pandas' min does
        first_met = np.fmin(self.since, first_contact)
        cadence = np.take_along_axis(self.cadence, (ring - 1)[None, :], axis=0)[0]
        health, _, _ = _rings.health_codes(cut, cadence, last, self.since, first_met, first_contact, count,
                                           was_strong, settings)
        silent = (cut - last) / np.timedelta64(1, "D")  # NaN: never
        met = _rings.met_between(first_met, first_contact, np.datetime64(day.replace(day=1), "us"), cut)
        numbers = {
            "people": int(present.sum()),
            "active_ties": int((present & (silent <= settings["active_days"])).sum()),
            "new_people": int((present & met).sum()),
        }
        states = np.bincount(health[present], minlength=len(_rings.HEALTH))  # codes: positions in rings.HEALTH
        rings = np.bincount(ring[present], minlength=len(RINGS) + 1)
        return numbers, {h: int(states[i]) for i, h in enumerate(_rings.HEALTH)}, {r: int(rings[r]) for r in RINGS}

    def _was_strong(self, ends, m, days, strength) -> np.ndarray:
        """Peak strength >= ``strong_strength``, for the people whose rows by the day end at ``ends``.

        :func:`netlib.garden.strength.peaks` lifts each person's sums by an offset that depends on
        all the rows of the day, so the peaks of an earlier day differ from the last day's
        in the last digits (about 1e-9 relative). Only the comparison matters, so the last
        day's peaks decide, unless someone is within :attr:`NEAR` of the threshold: then the
        day's own peaks are computed (rows ``m``, ``days``), as ``analyse`` would.
        """
        strong = float(self.settings["strong_strength"])
        peak = strength_of(self.peak_so_far[ends], self.scale)
        if np.any(np.abs(peak - strong) <= self.NEAR):
            person = self.person[m]
            exact = peaks(person, days, self.weight[m], self.half_life)
            peak = strength_of(np.maximum.reduceat(exact, _runs(person)), self.scale)
        return _rings.was_strong(np.maximum(peak, strength), self.settings)


def _whole_days(dates: np.ndarray, cuts: np.ndarray) -> np.ndarray | None:
    """The day numbers of ``dates`` then ``cuts`` when all are midnights (then a date's
    distance from a cut in days, as a float, is their difference: the same float as
    :meth:`_Trend._days` gives), else None."""
    both = np.concatenate([dates, cuts]).view(np.int64)
    day = 86_400_000_000  # microseconds
    if both.size and (both.min() == np.iinfo(np.int64).min or (both % day).any()):
        return None  # NaT or a time of day
    return both // day


def _runs(sorted_keys: np.ndarray) -> np.ndarray:
    """Where each run of equal keys starts."""
    if not len(sorted_keys):
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


class _Interactions:
    """Interactions, gives and asks per month (as :func:`month_summary` counts them) and
    per kind, of the interactions from ``start`` to ``end``: the kind and direction tests
    run once for all months, on plain arrays (an object array compares with a string much
    faster than a pandas string column)."""

    def __init__(self, interactions: pd.DataFrame, start, end):
        date = interactions["date"].to_numpy(dtype="datetime64[us]")
        keep = (date >= np.datetime64(start, "us")) & (date <= np.datetime64(end, "us"))
        self.date = date[keep]
        self.kind = interactions["kind"].to_numpy(dtype=object)[keep]
        self.kind_dtype = interactions["kind"].dtype
        direction = interactions["direction"].to_numpy(dtype=object)[keep]
        intro = self.kind == "intro"
        self.gives = (self.kind == "help_given") | (intro & (direction == "out"))
        self.asks = (self.kind == "help_received") | (intro & (direction == "in"))

    def month(self, start, day) -> dict:
        m = (self.date >= np.datetime64(start, "us")) & (self.date <= np.datetime64(day, "us"))
        return {"interactions": int(m.sum()), "gives": int((m & self.gives).sum()), "asks": int((m & self.asks).sum())}

    def kinds(self, labels) -> pd.DataFrame:
        """Interactions per month (rows ``labels``) and kind (columns, the most frequent first)."""
        if not len(self.kind):
            return pd.DataFrame().reindex(labels, fill_value=0).astype(int).rename_axis("month")
        code, kinds = pd.factorize(self.kind, sort=True)  # kinds in order, as a groupby has them
        months, month_of = np.array(labels, dtype="datetime64[M]"), self.date.astype("datetime64[M]")
        at = np.searchsorted(months, month_of).clip(max=len(months) - 1)
        counted = (code >= 0) & (months[at] == month_of)  # a known kind, in one of the months
        table = np.bincount(at[counted] * len(kinds) + code[counted], minlength=len(months) * len(kinds))
        frame = pd.DataFrame(table.reshape(len(months), len(kinds)), index=pd.Index(labels, name="month"),
                             columns=pd.Index(kinds, dtype=self.kind_dtype, name="kind")).astype(int)
        return frame[frame.sum().sort_values(ascending=False).index]


def history(snapshot, month: str, months: int = 12, *, as_of=None, contacts_rows=None) -> History:
    """Trend numbers for the ``months`` months ending with ``month`` (see the module doc).

    Each month is read at its last day, except the last one, read at ``as_of`` when given
    (the report of the running month is as of today: :func:`netlib.garden.analysis.report_date`).
    ``contacts_rows``: :func:`netlib.garden.strength.contacts` of ``snapshot.as_of(as_of)``,
    when the caller has them (the garden of that day keeps them).

    >>> from netlib.store.snapshot import Snapshot
    >>> history(Snapshot(), "2026-11", months=2).numbers["people"].tolist()
    [0, 0]
    """
    settings = merge(snapshot.settings or {})
    labels = months_back(month, months)
    last = pd.Timestamp(last_day(labels[-1])) if as_of is None else pd.Timestamp(as_of).normalize()
    rows = contacts(snapshot.as_of(last), settings) if contacts_rows is None else contacts_rows
    # the snapshot itself, not its cut at the last day: _Trend cuts every day alike
    days = [pd.Timestamp(last_day(label)) for label in labels[:-1]] + [last]
    trend = _Trend(snapshot, rows, last, settings, days)
    counts = _Interactions(snapshot.interactions, pd.Timestamp(last_day(labels[0])).replace(day=1), last)
    numbers, health, ring_rows = {}, {}, {}
    for j, (label, day) in enumerate(zip(labels, days)):
        people, health[label], ring_rows[label] = trend.month(j, day)
        numbers[label] = {**people, **counts.month(day.replace(day=1), day)}
    frame = lambda rows: pd.DataFrame.from_dict(rows, orient="index").rename_axis("month")  # noqa: E731
    return History(numbers=frame(numbers)[NUMBERS], health=frame(health)[list(HEALTH)],
                   rings=frame(ring_rows)[list(RINGS)], kinds=counts.kinds(labels))
