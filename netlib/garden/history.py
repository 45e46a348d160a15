"""The report's 12-month trends: the headline numbers, health, rings and interaction
kinds at each month end (:func:`history`). Numbers only: :mod:`netlib.report.charts` draws them.

Speed: :func:`history` does not run the full :func:`netlib.garden.analysis.analyse` twelve times.
Health and rings need only strength, rings, cadence and first contact, so it skips the
weave (clusters, structural holes) and the checklists, and computes the contacts of the
last day once (:class:`_Trend`; the report passes the garden's own, and its month summary
for the last month). Each month end then counts each person's first rows of those sorted
rows, reads everyone's strength off sums made once for all months (about 1e-13 from
``analyse``'s floats), runs the steps of :func:`netlib.garden.strength.tie_strength` (the same
numpy operations, so the same floats) for the few whose ring or was-strong could depend
on the last digits (:func:`netlib.garden.rings.contested`: a few hundred of 30,000), and
applies the rules of :mod:`netlib.garden.rings` through their array-level
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
from netlib.garden.graph import runs as _runs
from netlib.garden.terms import HEALTH, RINGS
from netlib.months import last_day
from netlib.store.settings import merge
from netlib.garden.strength import contacts, decayed, peaks, strength_of
from netlib.store.snapshot import positions

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
    #: someone whose strength, read off :attr:`near`, is this near a floor or the ring cut
    #: gets it exact (:meth:`_strength`); the two differ by about 1e-13. Why the margin holds:
    #: ``near`` adds the same positive terms in another order, each decayed in two steps, so
    #: its raw sum is off by a few ulps per row, relatively; and ``1 - exp(-raw / scale)``
    #: moves by at most ``1 / e`` times raw's relative error, whatever the scale. A row whose
    #: weight decayed to the last day is below the normal floats (2**-1022) adds instead up
    #: to ``2**-1074 * lift`` to raw, at most 2**-50 while :attr:`lift` is finite, which
    #: moves a strength by at most ``2**-50 / scale``: below ``EXACT / 2`` for every
    #: ``strength_scale`` of at least :attr:`MIN_SCALE`. Otherwise (a lift that is not finite,
    #: or a smaller scale) :meth:`_strength` computes everyone exact.
    EXACT = 1e-9
    MIN_SCALE = 2.0**-50 / (EXACT / 2)

    def __init__(self, snapshot, rows: pd.DataFrame, last: pd.Timestamp, settings: dict, days):
        self.settings = settings
        self.half_life = float(settings["half_life_days"])
        self.scale = float(settings["strength_scale"])
        people = snapshot.people
        index = pd.Index(people.index.to_numpy().astype("int64"), name="id")
        self.ids = index.to_numpy()
        self.since = pd.to_datetime(people["since"]).to_numpy(dtype="datetime64[us]")
        self.manual = _rings.manual_rings(people["ring_override"])  # 0: ranked
        # cadence of each person were they in ring r (at 6 * position + r - 1): their override,
        # else the ring's. cadence_days reads the overrides once: at "ring 0" (no ring's days: settings
        # have rings 1-6) it gives each person's own override where above 0, else NaN
        own = _rings.cadence_days(np.zeros(len(index), dtype="int64"), people["cadence_override"].to_numpy(), settings)
        per_ring = _rings.cadence_days(np.array(list(RINGS)), np.full(len(RINGS), np.nan), settings)
        self.cadence = np.where(own > 0, own, per_ring[:, None]).T.ravel()  # NaN compares False
        self.ring_at = np.arange(len(index)) * len(RINGS) - 1  # + ring: where in ``cadence``
        # each person's first event by the last day: each attendance's date, sorted by (person, date)
        events, met = snapshot.events, snapshot.event_people
        at = positions(events["id"].to_numpy(), met["event_id"].to_numpy())  # -1: no such event
        when = np.r_[pd.to_datetime(events["date"]).to_numpy(dtype="datetime64[us]"),
                     [np.datetime64("NaT", "us")]][at]  # (at -1: the NaT put last)
        who = positions(self.ids, met["person_id"].to_numpy())
        ok = np.flatnonzero((at >= 0) & (who >= 0) & (when <= np.datetime64(last, "us")))  # NaT compares False
        who, when = who[ok], when[ok]
        order = np.lexsort((when, who))
        first = order[_runs(who[order])]
        self.event_first = self._nat()
        self.event_first[who[first]] = when[first]
        # the contacts by the last day, of people of the snapshot, as plain arrays
        person = rows["person_id"].to_numpy()
        date = rows["date"].to_numpy(dtype="datetime64[us]")
        weight = rows["weight"].to_numpy(dtype=float)
        where = positions(self.ids, person)  # position of each row's person (-1: none)
        keep = (date <= np.datetime64(last, "us")) & (where >= 0)
        if not keep.all():  # (the contacts of the last day, of its people: all kept)
            person, date, weight, where = person[keep], date[keep], weight[keep], where[keep]
        # any contact (a weight-0 note too) makes someone seen: their first row is the first
        first = _runs(where)
        contact_first = self._nat()
        contact_first[where[first]] = date[first]
        self.first_seen = _rings.first_contact_dates(contact_first, self.event_first)
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
        width, runs = len(self.cuts) + 1, len(self.starts)
        by_step = self.step.astype(np.intp) * runs + run  # (month, run), as a position in a width x runs table
        self.counts = _running(np.bincount(by_step, minlength=width * runs).reshape(width, runs), np.add)
        numbers = _whole_days(self.date, self.cuts)
        self.day_numbers, self.cut_days = (None, None) if numbers is None else \
            np.split(numbers.astype(float), [len(self.date)])  # exact: whole numbers below 2**53
        # the last day's peaks and each run's largest by each month (of its rows by then);
        # to the last day in day numbers when there are (_days' floats)
        on_last = numbers is not None and self.cuts[-1] == np.datetime64(last, "us")
        to_last = self.day_numbers - self.cut_days[-1] if on_last else self._days(self.date, last)
        last_peaks = peaks(self.person, to_last, self.weight, self.half_life)
        largest = np.zeros(width * runs)
        if len(by_step):
            group = _runs(by_step)  # a (month, run)'s rows are adjacent
            largest[by_step[group]] = np.maximum.reduceat(last_peaks, group)
        self.peak_by = _running(largest.reshape(width, runs), np.maximum)
        # each run's decayed weights summed at the last day, month by month, then added up:
        # ``near[rank]`` times ``2 ** ((last - day) / half_life)`` is each run's sum at a day
        # of that rank, to about 1e-13 (see :meth:`_strength`)
        near = np.bincount(by_step, weights=decayed(self.weight, to_last, self.half_life), minlength=width * runs)
        self.near = _running(near.reshape(width, runs), np.add)
        self.lift = np.exp2(-self._days(self.cuts, last) / self.half_life)  # 1 at the last day, then more

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
        k = self.counts[self.rank[j]]  # contacts by the day, per run
        if k.any():
            has = k > 0
            who, start, k = self.who[has], self.starts[has], k[has]
            last[who], first[who], count[who] = self.date[start + k - 1], self.date[start], k
            strength[who] = self._strength(j, has, who, start, k, count)
            was_strong[who] = self._was_strong(j, has, strength[who])
        ring = _rings.rank_rings(strength, last, self.ids, self.manual, settings, count)
        event = np.where(self.event_first <= cut, self.event_first, np.datetime64("NaT", "us"))
        first_contact = _rings.first_contact_dates(first, event)
        first_met = _rings.first_met_dates(self.since, first_contact)
        cadence = self.cadence.take(self.ring_at + ring)
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

    def _day_rows(self, j: int, rows: np.ndarray) -> np.ndarray:
        """Days from the ``j``-th day to the dates of rows ``rows`` (<= 0), as :meth:`_days` has them."""
        if self.day_numbers is None:
            return self._days(self.date[rows], self.cuts[j])
        return self.day_numbers[rows] - self.cut_days[j]  # whole days: the same floats, from integers

    def _strength(self, j: int, has, who, start, k, count) -> np.ndarray:
        """Strength at the ``j``-th day of the runs ``has`` (people ``who``; their rows by
        the day: ``k`` from ``start``; ``count``: contacts of everyone, by position).

        The steps of :func:`~netlib.garden.strength.tie_strength` on all the day's rows give
        the floats ``analyse`` has; only, each month would decay its 350,000 rows again. Yet
        only the contested (:func:`netlib.garden.rings.contested`: within :attr:`EXACT` of a
        strength floor, of 0 or of ``strong_strength``, or ranked for rings 1-5 and within
        it of another ranked or of the cut: at most a few hundred) take their ring or
        was-strong from the last digits of their strength. So
        everyone's strength is first read off :attr:`near` (about 1e-13 from the exact: the
        same terms, summed in another order, decayed in two steps), and the contested then
        get theirs from their own rows, by those same steps; the others' rings are the same
        either way (tests check the history against ``analyse`` month by month).
        """
        approx = self.near[self.rank[j]][has] * self.lift[j]
        strength = strength_of(approx, self.scale)
        if np.isfinite(self.lift[j]) and self.scale >= self.MIN_SCALE:
            everyone = np.zeros(len(self.ids))
            everyone[who] = strength
            pick = np.flatnonzero(_rings.contested(everyone, count, self.manual, self.settings, self.EXACT)[who])
        else:  # (a half-life of a fraction of a day, or a strength_scale below MIN_SCALE): all exact
            pick = np.arange(len(who))
        if len(pick):
            k = k[pick]
            at = np.r_[0, np.cumsum(k)[:-1]]  # where each run's rows start among those taken
            rows = np.repeat(start[pick] - at, k) + np.arange(int(k.sum()))
            raw = np.add.reduceat(decayed(self.weight[rows], self._day_rows(j, rows), self.half_life), at)
            strength[pick] = strength_of(raw, self.scale)
        return strength

    def _was_strong(self, j: int, has, strength) -> np.ndarray:
        """Peak strength >= ``strong_strength`` at the ``j``-th day, for the runs ``has``.

        :func:`netlib.garden.strength.peaks` lifts each person's sums by an offset that depends on
        all the rows of the day, so the peaks of an earlier day differ from the last day's
        in the last digits (about 1e-9 relative). Only the comparison matters, so the last
        day's peaks decide, unless someone is within :attr:`NEAR` of the threshold: then the
        day's own peaks are computed from all its rows, as ``analyse`` would.
        """
        strong = float(self.settings["strong_strength"])
        peak = strength_of(self.peak_by[self.rank[j]][has], self.scale)
        if np.any(np.abs(peak - strong) <= self.NEAR):
            rows = np.flatnonzero(self.step <= self.rank[j])
            person = self.person[rows]
            exact = peaks(person, self._day_rows(j, rows), self.weight[rows], self.half_life)
            peak = strength_of(np.maximum.reduceat(exact, _runs(person)), self.scale)
        return _rings.was_strong(np.maximum(peak, strength), self.settings)


def _running(table: np.ndarray, ufunc) -> np.ndarray:
    """``ufunc.accumulate(table, axis=0)`` row after row (the same operations, so the same
    values): numpy's accumulate down the columns of a wide table is several times slower."""
    out = table.copy()
    for i in range(1, len(out)):
        ufunc(out[i - 1], out[i], out=out[i])
    return out


def _whole_days(dates: np.ndarray, cuts: np.ndarray) -> np.ndarray | None:
    """The day numbers of ``dates`` then ``cuts`` when all are midnights (then a date's
    distance from a cut in days, as a float, is their difference: the same float as
    :meth:`_Trend._days` gives), else None."""
    both = np.concatenate([dates, cuts]).view(np.int64)
    day = 86_400_000_000  # microseconds
    number = both // day
    if both.size and (both.min() == np.iinfo(np.int64).min or (number * day != both).any()):
        return None  # NaT or a time of day (number * day wraps only within a day of NaT: not equal)
    return number


class _Interactions:
    """Interactions, gives and asks per month (as :func:`month_summary` counts them) and
    per kind, of the interactions from the first day of ``labels``' first month to the
    last of ``days`` (each month's day: its end, or the day the last one is read at).
    The kind and direction tests run once for all months, on the rows of those months
    only, as plain arrays (an object array compares with a string much faster than a
    pandas string column); each month's counts are then two binary searches."""

    def __init__(self, interactions: pd.DataFrame, labels, days):
        self.labels = labels
        months = np.array(labels, dtype="datetime64[M]")
        date = interactions["date"].to_numpy(dtype="datetime64[us]")
        keep = np.flatnonzero((date >= months[0].astype("datetime64[us]")) & (date <= np.datetime64(days[-1], "us")))
        date = date[keep]
        # the kinds coded once (in order, as a groupby has them); each test then compares codes
        self.code, self.names = pd.factorize(interactions["kind"].array.take(keep).to_numpy(dtype=object), sort=True)
        self.kind_dtype = interactions["kind"].dtype
        where = {kind: k for k, kind in enumerate(self.names.tolist())}
        is_kind = {name: self.code == where.get(name, -2) for name in ("intro", "help_given", "help_received")}
        intro = np.flatnonzero(is_kind["intro"])
        direction = interactions["direction"].array.take(keep[intro]).to_numpy(dtype=object)
        # the rule of netlib.garden.reciprocity.gives_and_asks, on the codes
        gives, asks = is_kind["help_given"].copy(), is_kind["help_received"].copy()
        gives[intro[direction == "out"]] = True
        asks[intro[direction == "in"]] = True
        # each row's month, as a position in ``labels`` (-1: another month), for kinds()
        # (the last month start at or before it, by binary search: no calendar conversion of each date)
        bounds = np.r_[months, months[-1] + 1].astype("datetime64[us]")
        at = np.searchsorted(bounds, date, side="right") - 1  # -1: before the first month
        self.at = np.where(at < len(months), at, -1)
        # each month's rows: from its first day to its day, both included
        ends = np.array([np.datetime64(day, "us") for day in days], dtype="datetime64[us]")
        starts = ends.astype("datetime64[M]").astype("datetime64[us]")
        self.counts = {}
        for name, flag in (("interactions", None), ("gives", gives), ("asks", asks)):
            when = np.sort(date if flag is None else date[flag], kind="stable")  # (linear when in order already)
            self.counts[name] = np.searchsorted(when, ends, "right") - np.searchsorted(when, starts, "left")

    def month(self, j: int) -> dict:
        """The counts of the ``j``-th month of ``labels``."""
        return {name: int(counts[j]) for name, counts in self.counts.items()}

    def kinds(self) -> pd.DataFrame:
        """Interactions per month (rows ``labels``) and kind (columns, the most frequent first)."""
        labels, code, kinds = self.labels, self.code, self.names
        if not len(code):
            return pd.DataFrame().reindex(labels, fill_value=0).astype(int).rename_axis("month")
        counted = (code >= 0) & (self.at >= 0)  # a known kind, in one of the months
        table = np.bincount(self.at[counted] * len(kinds) + code[counted], minlength=len(labels) * len(kinds))
        frame = pd.DataFrame(table.reshape(len(labels), len(kinds)), index=pd.Index(labels, name="month"),
                             columns=pd.Index(kinds, dtype=self.kind_dtype, name="kind")).astype(int)
        return frame[frame.sum().sort_values(ascending=False).index]


def history(snapshot, month: str, months: int = 12, *, as_of=None, contacts_rows=None, summary=None) -> History:
    """Trend numbers for the ``months`` months ending with ``month`` (see the module doc).

    Each month is read at its last day, except the last one, read at ``as_of`` when given
    (the report of the running month is as of today: :func:`netlib.garden.analysis.report_date`).
    ``contacts_rows``: :func:`netlib.garden.strength.contacts` of ``snapshot.as_of(as_of)``,
    when the caller has them (the garden of that day keeps them); ``summary``:
    :func:`netlib.garden.analysis.month_summary` of that garden, when the caller has it,
    is the last month's people numbers, health and rings (what it would compute: tests
    check), if it is of that day.

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
    counts = _Interactions(snapshot.interactions, labels, days)
    numbers, health, ring_rows = {}, {}, {}
    for j, (label, day) in enumerate(zip(labels, days)):
        if summary is not None and j == len(days) - 1 and summary.get("as_of") == f"{day:%Y-%m-%d}":
            people = {k: int(summary[k]) for k in ("people", "active_ties", "new_people")}
            health[label], ring_rows[label] = dict(summary["health"]), dict(summary["rings"])
        else:
            people, health[label], ring_rows[label] = trend.month(j, day)
        numbers[label] = {**people, **counts.month(j)}
    frame = lambda rows: pd.DataFrame.from_dict(rows, orient="index").rename_axis("month")  # noqa: E731
    return History(numbers=frame(numbers)[NUMBERS], health=frame(health)[list(HEALTH)],
                   rings=frame(ring_rows)[list(RINGS)], kinds=counts.kinds())
