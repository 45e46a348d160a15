"""Rings (Dunbar's layers), keep-in-touch cadence and health of each tie.

Rings
    Ring 1 "inner circle" (5), 2 "close" (15), 3 "friends" (50), 4 "meaningful" (150),
    5 "wider network" (500), 6 "acquaintances" (everyone else): people are ranked by
    strength (ties broken by the more recent last interaction, then the lower id) and
    cut at the cumulative sizes ``ring_sizes`` (Dunbar 2016; Hill & Dunbar 2003). A
    person with a manual ``ring_override`` keeps it and takes no place in the ranking.
    Strength 0, or below ``ring_min_strength`` (0.01: about one email nine months ago),
    never ranks above ring 6, so a small network does not put stale ties in ring 1.
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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["assign_rings", "cadence", "first_contact", "first_met", "health", "met_within"]


def assign_rings(strength: pd.DataFrame, ring_override: pd.Series, settings: dict) -> pd.Series:
    """Ring 1-6 of each person (index of ``strength``); see the module docstring.

    >>> s = pd.DataFrame({"strength": [0.9, 0.0], "last_interaction": pd.NaT}, index=[1, 2])
    >>> assign_rings(s, pd.Series([pd.NA, pd.NA], index=[1, 2]), {"ring_sizes": [5, 15, 50, 150, 500]}).tolist()
    [1, 6]
    """
    rings = pd.Series(6, index=strength.index, dtype="int64")
    override = pd.to_numeric(ring_override.reindex(strength.index), errors="coerce")
    manual = override.notna() & override.between(1, 6)
    floor = max(float(settings.get("ring_min_strength", 0.0)), 0.0)
    value = strength["strength"].to_numpy()
    ranked = strength[~manual.to_numpy() & (value > 0) & (value >= floor)]
    if len(ranked):
        last = ranked["last_interaction"].fillna(pd.Timestamp.min)
        order = np.lexsort((ranked.index.to_numpy(), -last.to_numpy().astype("int64"),
                            -ranked["strength"].to_numpy()))
        cum = np.asarray(settings["ring_sizes"], dtype=float)
        ring_of_rank = np.searchsorted(cum, np.arange(len(ranked)), side="right") + 1
        rings.loc[ranked.index.to_numpy()[order]] = ring_of_rank.astype("int64")
    rings[manual] = override[manual].astype("int64")
    return rings


def cadence(rings: pd.Series, cadence_override: pd.Series, settings: dict) -> pd.Series:
    """Cadence in days per person (NaN for none): override, else the ring's setting."""
    per_ring = {int(k): (np.nan if v is None else float(v)) for k, v in settings["cadence_days"].items()}
    days = rings.map(lambda r: per_ring.get(int(r), np.nan)).astype(float)
    override = pd.to_numeric(cadence_override.reindex(rings.index), errors="coerce").astype(float)
    override = override.where(override > 0)
    return override.fillna(days)


def first_contact(snapshot, strength: pd.DataFrame) -> pd.Series:
    """When you first had contact with each person: first interaction or event met (NaT: never)."""
    ev = snapshot.event_people[["event_id", "person_id"]].merge(
        snapshot.events[["id", "date"]], left_on="event_id", right_on="id")
    met = pd.to_datetime(ev.groupby("person_id")["date"].min()) if len(ev) else pd.Series(dtype="datetime64[ns]")
    both = pd.concat([pd.to_datetime(strength["first_interaction"]), met.reindex(strength.index)], axis=1)
    return both.min(axis=1).astype("datetime64[ns]")


def first_met(snapshot, strength: pd.DataFrame, contact: pd.Series | None = None) -> pd.Series:
    """When each person entered your network: earliest of since, first contact, first event."""
    since = pd.to_datetime(snapshot.people["since"].reindex(strength.index))
    contact = first_contact(snapshot, strength) if contact is None else contact
    return pd.concat([since, contact], axis=1).min(axis=1).astype("datetime64[ns]")


def met_within(people: pd.DataFrame, start, end) -> pd.Series:
    """People who entered your network between ``start`` and ``end`` *and* whom you have
    met (at least one interaction or event): an address book you imported this month adds
    people to your garden, but you did not meet them this month.
    """
    return people["first_met"].between(start, end) & people["first_contact"].notna()


def health(people: pd.DataFrame, as_of: pd.Timestamp, settings: dict) -> pd.DataFrame:
    """Health and days overdue of each person.

    ``people`` needs columns ``ring``, ``cadence_days``, ``last_interaction``, ``since``,
    ``first_met``, ``first_contact``, ``interaction_count`` and ``peak_strength``. Returns a frame with
    ``health``, ``days_overdue`` (days past the cadence; negative = not yet due; NaN = no
    cadence or unknown), ``days_silent`` and ``was_strong``.

    Example (worked by hand): last coffee 40 days before ``as_of``, ring 2 cadence 30 ->
    days_overdue 10, silent 40 <= 2 x 30 -> "needs water".
    """
    day = pd.Timedelta(days=1)
    since = pd.to_datetime(people["since"])
    anchor = pd.to_datetime(people["last_interaction"]).fillna(since)
    silent = ((as_of - anchor) / day).astype(float)
    cad = people["cadence_days"].astype(float)
    first = pd.to_datetime(people["first_met"])
    new = first.notna() & ((as_of - first) / day <= settings["seedling_days"]).fillna(False).astype(bool)
    # a seedling is someone you met: a contact card you imported but never met is not one
    seedling = (new & pd.to_datetime(people["first_contact"]).notna()
                & (people["interaction_count"] <= settings["seedling_max_interactions"]))
    was_strong = people["peak_strength"] >= settings["strong_strength"]
    dormant = was_strong & (silent >= settings["dormant_days"]).fillna(False).astype(bool)
    overdue = silent - cad
    state = np.select(
        [seedling.to_numpy(), dormant.to_numpy(), cad.isna().to_numpy(), silent.isna().to_numpy(),
         (silent <= cad).to_numpy(), (silent <= 2 * cad).to_numpy()],
        ["seedling", "dormant", "thriving", "needs water", "thriving", "needs water"],
        default="wilting",
    )
    return pd.DataFrame({"health": state, "days_overdue": overdue.to_numpy(), "days_silent": silent.to_numpy(),
                         "was_strong": was_strong.to_numpy()}, index=people.index)
