"""Rings (Dunbar's layers), keep-in-touch cadence and health of each tie.

Rings
    Ring 1 "inner circle" (5), 2 "close" (15), 3 "friends" (50), 4 "meaningful" (150),
    5 "wider network" (500), 6 "acquaintances" (everyone else). Two rules together:

    - *closeness*: ring r asks for a minimum strength and a minimum number of contacts
      (``ring_floor_strength`` and ``ring_floor_contacts``, rings 1-5; defaults
      0.5/0.4/0.2/0.03/0.01 and 6/3/2/2/1; ring 5 also needs ``ring_min_strength``). One
      coffee two weeks ago (strength 0.36, one contact) reaches ring 5 at most, however
      small the garden: "inner circle" takes six contacts and strength 0.5 (a coffee every
      month keeps about 0.9, a message every two weeks about 0.56);
    - *capacity*: the innermost r rings hold at most ``ring_sizes[r-1]`` people together
      (cumulative 5/15/50/150/500: Dunbar 2016; Hill & Dunbar 2003). Ring 1 takes the
      strongest people who qualify for it, up to 5; ring 2 the strongest of the rest who
      qualify for ring 2, up to 15 in rings 1-2 together; and so on. People are ranked by
      strength, ties broken by the more recent last interaction, then the lower id.

    Strength 0 never ranks above ring 6. A person with a manual ``ring_override`` keeps it
    and takes no place in the ranking.
Cadence
    Days between contacts a ring needs (``cadence_days``, defaults 14/30/90/180/365/730);
    a person's ``cadence_override`` wins. Any contact resets the clock. Acquaintances
    (ring 6) get two years: a connection nobody has spoken to in years is not "thriving",
    though the water checklist only asks you to tend rings 1-5. A ring set to null has no
    cadence, and its people count as thriving (nothing is due).
Health, in this order of precedence
    1. ``seedling``: first met (``since``, first interaction or event) within
       ``seedling_days``, with at least one and at most ``seedling_max_interactions``
       contacts (an imported card you never met is not a seedling);
    2. ``dormant``: was strong (peak strength >= ``strong_strength``) and silent
       ``dormant_days`` or more (Levin, Walter & Murnighan 2011);
    3. no cadence (a ring set to null): ``thriving``, meaning nothing is due;
    4. ``thriving`` if silent at most the cadence, ``needs water`` up to 2x the cadence,
       ``wilting`` beyond. Silence counts from the last contact, else from ``since``;
       someone with a cadence and neither is ``needs water`` (days overdue unknown).
       Someone never in touch (no interaction, no event met: a card from an address book, a
       LinkedIn connection you never wrote to) is never ``thriving``: nothing has watered
       the tie, so within the cadence it ``needs water``.

Each rule has one implementation, on plain numpy arrays: :func:`rank_rings` (with
:func:`manual_rings`), :func:`health_codes` (with :func:`was_strong`), :func:`first_contact_dates`,
:func:`first_met_dates` and :func:`met_between`. The pandas-facing :func:`assign_rings`,
:func:`health`, :func:`first_contact`, :func:`first_met` and :func:`met_within` that
:func:`netlib.garden.analysis.analyse` calls wrap them, and so does the
12-month trend of :mod:`netlib.garden.history`, which applies them at each month end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.garden import terms as _words

__all__ = ["HEALTH", "assign_rings", "eligible_rings", "cadence", "cadence_days", "contested", "first_contact",
           "first_contact_dates", "first_met", "first_met_dates", "health", "health_codes", "manual_rings",
           "met_between", "met_within", "rank_rings", "was_strong"]

#: The health states (:data:`netlib.garden.terms.HEALTH`); :func:`health_codes` returns positions
#: in this tuple.
HEALTH = _words.HEALTH
_SEEDLING, _THRIVING, _NEEDS_WATER, _WILTING, _DORMANT = range(len(HEALTH))


# ------------------------------------------------------------------ rings


def manual_rings(ring_override) -> np.ndarray:
    """Each person's manual ring as int64, 0 where there is none (missing, or not 1-6).

    >>> manual_rings(pd.Series([2, None, 9])).tolist()
    [2, 0, 0]
    """
    value = pd.to_numeric(pd.Series(ring_override), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    manual = (value >= 1) & (value <= 6)  # NaN compares False
    return np.where(manual, value, 0).astype("int64")


def eligible_rings(strength, count, settings: dict) -> np.ndarray:
    """The innermost ring (1-6) each person's closeness allows: the smallest r whose
    ``ring_floor_strength[r-1]`` and ``ring_floor_contacts[r-1]`` they meet (6: none).

    ``count``: contacts (``interaction_count``), or None to apply only the strength floors.

    >>> eligible_rings(np.array([0.9, 0.9, 0.36, 0.0]), np.array([8, 2, 1, 0]), merge_defaults()).tolist()
    [1, 3, 5, 6]
    """
    strength = np.asarray(strength, dtype=float)
    floor_s, floor_c = _floors(settings)
    ring = np.full(len(strength), 6, dtype="int64")
    some = strength > 0
    count = None if count is None else np.asarray(count, dtype=float)
    for r in range(5, 0, -1):  # outermost first, so the innermost ring allowed is written last
        ok = some & (strength >= floor_s[r - 1])
        if count is not None:
            ok &= count >= floor_c[r - 1]
        ring[ok] = r
    return ring


def _floors(settings: dict) -> tuple[np.ndarray, np.ndarray]:
    """The strength floors of rings 1-5 (ring 5's raised to ``ring_min_strength``) and the contact floors."""
    floor_s = np.asarray(settings.get("ring_floor_strength", [0.0] * 5), dtype=float).copy()
    floor_s[4] = max(floor_s[4], float(settings.get("ring_min_strength", 0.0)))
    return floor_s, np.asarray(settings.get("ring_floor_contacts", [0] * 5), dtype=float)


def merge_defaults() -> dict:
    """The default ring settings (for examples)."""
    return {"ring_floor_strength": [0.5, 0.4, 0.2, 0.03, 0.01], "ring_floor_contacts": [6, 3, 2, 2, 1],
            "ring_min_strength": 0.01, "ring_sizes": [5, 15, 50, 150, 500],
            "cadence_days": {"1": 14, "2": 30, "3": 90, "4": 180, "5": 365, "6": 730}}


def rank_rings(strength, last, ids, manual, settings: dict, count=None) -> np.ndarray:
    """Ring 1-6 of each person, from arrays: the two rules of the module docstring.

    ``strength``: floats; ``last``: datetime64 of the last contact (NaT: never); ``ids``:
    person ids (the last tie-break); ``manual``: :func:`manual_rings` (0: ranked);
    ``settings``: merged (``ring_sizes`` five increasing cumulative sizes, the floors);
    ``count``: contacts per person (None: no contact floors). Returns int64 rings, in the
    order of the arrays.

    Only people who qualify for ring 5 or closer, and among them the ``ring_sizes[-1]``
    strongest and whoever ties the weakest of them, can rank above ring 6: they lead the
    ranking, so only they are sorted.

    >>> rank_rings(np.array([0.2, 0.9, 0.2, 0.0]), np.array(["2026-01-01", "NaT", "2026-02-01", "NaT"],
    ...            dtype="datetime64[us]"), np.array([1, 2, 3, 4]), np.zeros(4, dtype="int64"),
    ...            {"ring_sizes": [1, 2, 3, 4, 5]}).tolist()
    [3, 1, 2, 6]
    """
    strength = np.asarray(strength, dtype=float)
    last, ids, manual = np.asarray(last), np.asarray(ids), np.asarray(manual)
    ring = np.full(len(strength), 6, dtype="int64")
    allowed, ranked, cutoff = _candidates(strength, count, manual, settings)
    ranked = np.flatnonzero(ranked & (strength >= cutoff))
    cum = np.asarray(settings["ring_sizes"], dtype=float)
    if len(ranked):
        when = last[ranked]
        # more recent first; never (NaT) after any date
        newest_first = np.where(np.isnat(when), np.iinfo(np.int64).max, -when.view("int64"))
        ranked = ranked[np.lexsort((ids[ranked], newest_first, -strength[ranked]))]
        free = np.ones(len(ranked), dtype=bool)  # not placed yet
        placed = 0
        for r in range(1, 6):  # ring r: the strongest who qualify, up to the cumulative cap
            room = int(np.floor(cum[r - 1])) - placed
            if room <= 0:
                continue
            take = np.flatnonzero(free & (allowed[ranked] <= r))[:room]
            ring[ranked[take]] = r
            free[take] = False
            placed += len(take)
    ring[manual > 0] = manual[manual > 0]
    return ring


def _candidates(strength: np.ndarray, count, manual: np.ndarray, settings: dict):
    """What :func:`rank_rings` ranks, for it and :func:`contested`: each person's
    :func:`eligible_rings`; who is ranked (no manual ring, eligible for ring 5 or closer);
    and the cut, the ``ring_sizes[-1]``-th largest strength among them (-inf when they are
    no more): ranks past it are all ring 6, so only those at or above it are sorted."""
    allowed = eligible_rings(strength, count, settings)
    ranked = (manual == 0) & (allowed <= 5)
    inner = max(int(np.ceil(np.asarray(settings["ring_sizes"], dtype=float).max())), 1)
    cut = -np.inf
    if ranked.sum() > inner:
        values = strength[ranked]
        cut = np.partition(values, len(values) - inner)[len(values) - inner]
    return allowed, ranked, cut


def assign_rings(strength: pd.DataFrame, ring_override: pd.Series, settings: dict) -> pd.Series:
    """Ring 1-6 of each person (index of ``strength``): :func:`rank_rings` of its
    ``strength``, ``last_interaction`` and (when there) ``interaction_count`` columns.

    >>> s = pd.DataFrame({"strength": [0.9, 0.0], "last_interaction": pd.NaT}, index=[1, 2])
    >>> assign_rings(s, pd.Series([pd.NA, pd.NA], index=[1, 2]), {"ring_sizes": [5, 15, 50, 150, 500]}).tolist()
    [1, 6]
    """
    count = strength["interaction_count"].to_numpy() if "interaction_count" in strength else None
    ring = rank_rings(strength["strength"].to_numpy(dtype=float),
                      pd.to_datetime(strength["last_interaction"]).to_numpy(), strength.index.to_numpy(),
                      manual_rings(ring_override.reindex(strength.index)), settings, count)
    return pd.Series(ring, index=strength.index, dtype="int64")


def contested(strength, count, manual, settings: dict, eps: float) -> np.ndarray:
    """Whose ring or was-strong could change were their ``strength`` off by up to ``eps``.

    That is: within ``eps`` of a strength floor (:func:`eligible_rings`), of
    ``strong_strength`` (:func:`was_strong`) or, when a floor is about 0, of 0; or
    ranked by :func:`rank_rings` for rings 1-5 (or within ``eps`` of its cut) and within
    ``eps`` of the cut or of another one ranked. Everyone
    else takes the same ring from :func:`rank_rings`, and the same was-strong, whatever
    the last digits of their strength, provided the contested get theirs exact
    (``count``, ``manual``: as :func:`rank_rings` takes them).

    >>> contested(np.array([0.9, 0.25, 0.0, 0.5]), np.array([8, 1, 0, 1]), np.zeros(4, dtype="int64"),
    ...           {**merge_defaults(), "strong_strength": 0.5, "ring_sizes": [1, 1, 1, 1, 1]}, 1e-9).tolist()
    [True, False, False, True]
    >>> contested(np.array([0.9, 0.8, 0.8, 0.7]), np.array([8, 8, 8, 8]), np.zeros(4, dtype="int64"),
    ...           {**merge_defaults(), "strong_strength": 0.95}, 1e-9).tolist()  # 0.9 and 0.7 stand apart
    [False, True, True, False]
    """
    strength = np.asarray(strength, dtype=float)
    floor_s, _ = _floors(settings)
    edges = np.sort(np.r_[floor_s, float(settings["strong_strength"]), [0.0] if floor_s.min() <= eps else []])
    # (strength > 0 decides only below every floor) the last edge at most eps below each strength:
    # if any edge is within eps of it, that one is (edges are sorted, so are their ends)
    at = np.searchsorted(edges - eps, strength, side="right") - 1
    near = (at >= 0) & (strength <= edges[np.maximum(at, 0)] + eps)
    _, ranked, cut = _candidates(strength, count, np.asarray(manual), settings)
    ranked &= strength >= cut - eps
    # the ranked take their rings in order of strength: what decides is how they compare
    # with each other and with the cut, so only those within eps of another or of the cut
    ranked = np.flatnonzero(ranked)
    order = np.argsort(strength[ranked], kind="stable")
    value = strength[ranked][order]
    close = value <= cut + eps
    if len(value) > 1:
        tie = np.diff(value) <= eps
        close[1:] |= tie
        close[:-1] |= tie
    near[ranked[order[close]]] = True
    return near


def cadence(rings: pd.Series, cadence_override: pd.Series, settings: dict) -> pd.Series:
    """Cadence in days per person (NaN for none): override, else the ring's setting
    (:func:`cadence_days` of the ``rings``' values)."""
    return pd.Series(cadence_days(rings.to_numpy(), cadence_override.reindex(rings.index), settings),
                     index=rings.index, name=cadence_override.name)


def cadence_days(rings, cadence_override, settings: dict) -> np.ndarray:
    """Cadence in days (floats, NaN: none) of each ring of ``rings`` (ints), where the same
    position of ``cadence_override`` (days; missing or not above 0: none) does not set one.

    >>> cadence_days(np.array([1, 6, 2]), pd.Series([None, None, 3], dtype="Int64"), merge_defaults()).tolist()
    [14.0, 730.0, 3.0]
    """
    per_ring = {int(k): (np.nan if v is None else float(v)) for k, v in settings["cadence_days"].items()}
    rings = np.asarray(rings)
    days = np.full(len(rings), np.nan)
    for r, value in per_ring.items():
        days[rings == r] = value
    override = pd.to_numeric(pd.Series(cadence_override), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.where(override > 0, override, days)  # NaN compares False


# ------------------------------------------------------------------ first contact


def first_contact_dates(first_interaction, first_event) -> np.ndarray:
    """The first-contact rule, on datetime64 arrays (NaT: none): the earlier of the first
    interaction and the first event met (NaT: never in touch), as datetime64[us].
    :func:`first_contact` and the trend of :mod:`netlib.garden.history` take it from here.

    >>> d = lambda *s: np.array(s, dtype="datetime64[us]")
    >>> [str(x)[:10] for x in first_contact_dates(d("2026-03-02", "NaT", "2026-05-01"), d("2026-04-01", "NaT", "NaT"))]
    ['2026-03-02', 'NaT', '2026-05-01']
    """
    return np.fmin(np.asarray(first_interaction, dtype="datetime64[us]"),  # fmin skips NaT
                   np.asarray(first_event, dtype="datetime64[us]"))


def first_met_dates(since, first_contact) -> np.ndarray:
    """The first-met rule, on datetime64 arrays (NaT: none): when someone entered your
    network, the earlier of ``since`` and the first contact (:func:`first_contact_dates`),
    as datetime64[us]. :func:`first_met` and the trend of :mod:`netlib.garden.history`
    take it from here.

    >>> d = lambda *s: np.array(s, dtype="datetime64[us]")
    >>> [str(x)[:10] for x in first_met_dates(d("2026-05-01", "NaT", "2026-01-05"), d("2026-03-02", "NaT", "NaT"))]
    ['2026-03-02', 'NaT', '2026-01-05']
    """
    return np.fmin(np.asarray(since, dtype="datetime64[us]"), np.asarray(first_contact, dtype="datetime64[us]"))


def _first_event(snapshot, index: pd.Index) -> np.ndarray:
    """Each person's first event met (NaT: none), in the order of ``index``."""
    ev = snapshot.event_people[["event_id", "person_id"]].merge(
        snapshot.events[["id", "date"]], left_on="event_id", right_on="id")
    met = pd.to_datetime(ev.groupby("person_id")["date"].min()) if len(ev) else pd.Series(dtype="datetime64[us]")
    return met.reindex(index).to_numpy(dtype="datetime64[us]")


def first_contact(snapshot, strength: pd.DataFrame) -> pd.Series:
    """When you first had contact with each person: first interaction or event met (NaT:
    never); :func:`first_contact_dates`."""
    contact = first_contact_dates(pd.to_datetime(strength["first_interaction"]).to_numpy(dtype="datetime64[us]"),
                                  _first_event(snapshot, strength.index))
    return pd.Series(contact, index=strength.index)


def first_met(snapshot, strength: pd.DataFrame, contact: pd.Series | None = None) -> pd.Series:
    """When each person entered your network: earliest of since and first contact
    (:func:`first_met_dates`; ``contact``: :func:`first_contact`, when the caller has it)."""
    contact = first_contact(snapshot, strength) if contact is None else contact
    since = pd.to_datetime(snapshot.people["since"].reindex(strength.index)).to_numpy(dtype="datetime64[us]")
    return pd.Series(first_met_dates(since, contact.to_numpy(dtype="datetime64[us]")), index=strength.index)


def met_between(first_met, first_contact, start, end) -> np.ndarray:
    """Who entered your network between ``start`` and ``end`` (inclusive, datetime64) *and*
    whom you have met (a first contact: an interaction or event). See :func:`met_within`."""
    first_met = np.asarray(first_met)
    return (first_met >= start) & (first_met <= end) & ~np.isnat(np.asarray(first_contact))  # NaT compares False


def met_within(people: pd.DataFrame, start, end) -> pd.Series:
    """People who entered your network between ``start`` and ``end`` *and* whom you have
    met (at least one interaction or event): an address book you imported this month adds
    people to your garden, but you did not meet them this month (:func:`met_between` of
    the ``first_met`` and ``first_contact`` columns).
    """
    first, contact = (pd.to_datetime(people[c]).to_numpy() for c in ("first_met", "first_contact"))
    met = met_between(first, contact, pd.Timestamp(start).to_datetime64(), pd.Timestamp(end).to_datetime64())
    return pd.Series(met, index=people.index)


# ------------------------------------------------------------------ health


def was_strong(peak_strength, settings: dict) -> np.ndarray:
    """Whether each tie was strong: peak strength >= ``strong_strength`` (NaN: no)."""
    return np.asarray(peak_strength, dtype=float) >= settings["strong_strength"]


def health_codes(as_of, cadence_days, last, since, first_met, first_contact, interaction_count,
                 strong, settings: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Health of each person, from arrays: the rule of the module docstring, in its order.

    ``as_of``: numpy datetime64; ``cadence_days``: floats (NaN: no cadence); ``last``,
    ``since``, ``first_met``, ``first_contact``: datetime64 arrays (NaT: none);
    ``interaction_count``: contacts; ``strong``: :func:`was_strong` of the peak strength.
    Returns ``(code, days_silent, days_overdue)``: positions in :data:`HEALTH`; days since
    the last contact, else since ``since`` (NaN: neither); and days past the cadence
    (negative: not yet due; NaN: no cadence or unknown).

    >>> d = np.array(["2026-02-19"], dtype="datetime64[us]")  # last coffee 40 days before
    >>> code, silent, overdue = health_codes(np.datetime64("2026-03-31"), np.array([30.0]), d, d, d, d,
    ...                                      np.array([1]), np.array([False]), {"seedling_days": 30,
    ...                                      "seedling_max_interactions": 3, "dormant_days": 365})
    >>> HEALTH[code[0]], float(silent[0]), float(overdue[0])
    ('needs water', 40.0, 10.0)
    """
    day = np.timedelta64(1, "D")
    cadence_days = np.asarray(cadence_days, dtype=float)
    last, since, first_met = np.asarray(last), np.asarray(since), np.asarray(first_met)
    silent = (as_of - np.where(np.isnat(last), since, last)) / day  # NaN: neither
    new = (as_of - first_met) / day <= settings["seedling_days"]  # NaN (never met) compares False
    # a seedling is someone you met: a contact card you imported but never met is not one
    seedling = (new & ~np.isnat(np.asarray(first_contact))
                & (np.asarray(interaction_count) <= settings["seedling_max_interactions"]))
    dormant = np.asarray(strong, dtype=bool) & (silent >= settings["dormant_days"])
    # never in touch (no interaction, no event met): nothing has watered the tie, whatever
    # the date it entered the garden (an address book imported today is not "thriving")
    never = np.isnat(np.asarray(first_contact)) & np.isnat(last)
    code = np.select(
        [seedling, dormant, np.isnan(cadence_days), np.isnan(silent), silent <= cadence_days,
         silent <= 2 * cadence_days],
        [_SEEDLING, _DORMANT, _THRIVING, _NEEDS_WATER, np.where(never, _NEEDS_WATER, _THRIVING), _NEEDS_WATER],
        default=_WILTING,
    )
    return code, silent, silent - cadence_days


def health(people: pd.DataFrame, as_of: pd.Timestamp, settings: dict) -> pd.DataFrame:
    """Health and days overdue of each person: :func:`health_codes` of ``people``'s columns.

    ``people`` needs columns ``ring``, ``cadence_days``, ``last_interaction``, ``since``,
    ``first_met``, ``first_contact``, ``interaction_count`` and ``peak_strength``. Returns a frame with
    ``health``, ``days_overdue`` (days past the cadence; negative = not yet due; NaN = no
    cadence or unknown), ``days_silent`` and ``was_strong``.

    Example (worked by hand): last coffee 40 days before ``as_of``, ring 2 cadence 30 ->
    days_overdue 10, silent 40 <= 2 x 30 -> "needs water".
    """
    last, since, first_met, first_contact = (pd.to_datetime(people[c]).to_numpy() for c in
                                             ("last_interaction", "since", "first_met", "first_contact"))
    strong = was_strong(people["peak_strength"].to_numpy(dtype=float), settings)
    code, silent, overdue = health_codes(
        pd.Timestamp(as_of).to_datetime64(), people["cadence_days"].to_numpy(dtype=float), last, since,
        first_met, first_contact, people["interaction_count"].to_numpy(), strong, settings)
    return pd.DataFrame({"health": np.asarray(HEALTH)[code], "days_overdue": overdue, "days_silent": silent,
                         "was_strong": strong}, index=people.index)
