"""The garden's terms, once: the names of the rings and health states, their colours, and
how any value of the garden is written as text for a person (:func:`display_text`).

Plain Python (no pandas), so that every part that shows or computes them (the analysis,
the map, the report, explore) takes the same ones from here.
"""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["RINGS", "HEALTH", "HEALTH_COLOURS", "display_text"]

#: The rings of closeness, after Dunbar's layers (see :mod:`netlib.garden.rings`).
RINGS = {1: "inner circle", 2: "close", 3: "friends", 4: "meaningful", 5: "wider network", 6: "acquaintances"}
#: The health states of a tie, in this order everywhere (see :func:`netlib.garden.rings.health`).
HEALTH = ("seedling", "thriving", "needs water", "wilting", "dormant")
#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
HEALTH_COLOURS = {
    "seedling": "#56B4E9",  # sky blue: new, still taking root
    "thriving": "#009E73",  # bluish green
    "needs water": "#E69F00",  # orange
    "wilting": "#D55E00",  # vermillion
    "dormant": "#9A9A9A",  # grey
}


def display_text(value) -> str:
    """Any cell of the garden as plain text for a person (not escaped: escape where shown).

    Missing values (None, NaN, NaT) are ``""``; a timestamp at midnight is its ISO date;
    a float has two decimals; a list (or array) is its items' texts joined by ", ".

    >>> display_text(float("nan")), display_text(0.5), display_text(["a", None, 3])
    ('', '0.50', 'a, , 3')
    >>> display_text(dt.datetime(2026, 11, 2))
    '2026-11-02'
    """
    if isinstance(value, str):  # the usual cell, first
        return value.strip()
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ndarray":
        return ", ".join(display_text(v) for v in value)
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):  # numpy's float64 too
        return "" if math.isnan(value) else f"{value:,.2f}"
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not hasattr(value, "__len__"):  # a numpy scalar
        return display_text(value.item())
    return str(value).strip()
