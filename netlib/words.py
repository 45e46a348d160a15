"""The garden's words, once: the rings, the health states and their colours.

Plain Python (no pandas), so that every part that shows or computes them (the analysis,
the map, the report's charts) takes the same ones from here.
"""

from __future__ import annotations

__all__ = ["RINGS", "HEALTH", "HEALTH_COLOURS"]

#: The rings of closeness, after Dunbar's layers (see :mod:`netlib.rings`).
RINGS = {1: "inner circle", 2: "close", 3: "friends", 4: "meaningful", 5: "wider network", 6: "acquaintances"}
#: The health states of a tie, in this order everywhere (see :func:`netlib.rings.health`).
HEALTH = ("seedling", "thriving", "needs water", "wilting", "dormant")
#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
HEALTH_COLOURS = {
    "seedling": "#56B4E9",  # sky blue: new, still taking root
    "thriving": "#009E73",  # bluish green
    "needs water": "#E69F00",  # orange
    "wilting": "#D55E00",  # vermillion
    "dormant": "#9A9A9A",  # grey
}
