"""Figures for the monthly report: 12-month trends, rings and health.

The plot functions take the trend numbers of :func:`netlib.history.history` (re-exported
here) and return :class:`matplotlib.figure.Figure` objects built without pyplot (no global
state, nothing left open), which :func:`image` turns into an inline PNG. The figures skip
matplotlib's layout engine (see "figures" below).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from .garden import HEALTH, RINGS
from .history import NUMBERS, History, history, months_back  # noqa: F401 - re-exported

__all__ = ["History", "history", "trend_people", "trend_interactions", "trend_health", "rings_health", "png", "image"]

#: Okabe-Ito colours, as on the map.
HEALTH_COLOURS = {"seedling": "#56B4E9", "thriving": "#009E73", "needs water": "#E69F00",
                  "wilting": "#D55E00", "dormant": "#9A9A9A"}
KIND_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]


# ------------------------------------------------------------------ figures
#
# Speed: a layout engine measures every text of a figure, twice, before the PNG draws it
# again (about a third of the time), and ``ax.bar`` makes one Rectangle per bar, each
# updating the data limits and drawn on its own. So the figures have fixed margins, as
# constrained layout left them, except the left one, measured from the y tick labels (their
# width varies with the numbers: :func:`_fit_left`); titles sit at the top of the axes
# (nothing is above them to avoid); and bars are one collection per series (:func:`_bars`,
# the same pixels).

#: margins in inches, as constrained layout left them: its padding (3 points), and the room
#: for the title above the axes and for the tick labels below (month names on two lines;
#: numbers on one)
PAD, TITLE, MONTH_LABELS, NUMBER_LABELS = 3 / 72, 0.24108, 0.40560, 0.27778


def _figure(ylabel: str = "", width=8.0, height=3.2) -> tuple[Figure, object]:
    fig = _canvas(Figure(figsize=(width, height), dpi=100))
    fig.subplots_adjust(left=0.1, right=1 - PAD / width, bottom=MONTH_LABELS / height,  # left: _fit_left
                        top=1 - TITLE / height)
    ax = fig.add_subplot()
    _style(ax, "y", ylabel)
    return fig, ax


def _canvas(fig: Figure) -> Figure:
    """Attach the Agg canvas that :func:`png` draws with: measuring with its renderer leaves
    the text sizes in that renderer's cache for the drawing."""
    FigureCanvasAgg(fig)
    return fig


def _style(ax, grid: str, ylabel: str = "") -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid, alpha=0.3)
    # no x label, and a y label only when given: fixing the position of an empty one spares
    # matplotlib placing it beyond the tick labels (measuring them again) at each draw
    ax.xaxis.set_label_coords(0.5, 0.0)
    if ylabel:
        ax.set_ylabel(ylabel)
    else:
        ax.yaxis.set_label_coords(0.0, 0.5)


def _fit_left(fig: Figure, ax) -> Figure:
    """Make the left margin just fit the y tick labels (and y label), as constrained layout would."""
    labels = ax.yaxis.get_tightbbox(fig.canvas.get_renderer())
    if labels is not None:
        room = ax.bbox.x0 - labels.x0 + PAD * fig.dpi
        fig.subplots_adjust(left=room / fig.bbox.width)
    return fig


def _bars(ax, at, size, base=0.0, *, horizontal=False, **style):
    """Bars 0.8 wide centred on ``at``, from ``base`` to ``base + size``, as one PolyCollection
    (what ``ax.bar``/``ax.barh`` draw, as one artist); the value axis starts at 0, as with bars."""
    at, size = np.asarray(at, dtype=float), np.asarray(size, dtype=float)
    lo = np.broadcast_to(np.asarray(base, dtype=float), at.shape)
    a0, a1, v0, v1 = at - 0.4, at + 0.4, lo, lo + size
    corners = [(a0, v0), (a1, v0), (a1, v1), (a0, v1)]
    verts = np.stack([np.c_[v, a] if horizontal else np.c_[a, v] for a, v in corners], axis=1)
    bars = PolyCollection(verts, **style)
    (bars.sticky_edges.x if horizontal else bars.sticky_edges.y).append(0)
    ax.add_collection(bars)
    return bars


def _months_axis(ax, index) -> None:
    ax.set_xticks(range(len(index)), [pd.Period(m, "M").strftime("%b\n%Y") if i == 0 or m.endswith("-01") else
                                      pd.Period(m, "M").strftime("%b") for i, m in enumerate(index)], fontsize=8)


def _title(ax, text: str) -> None:
    ax.set_title(text, loc="left", fontsize=11, y=1.0)  # y given: no search for decorations above


def trend_people(hist: History) -> Figure:
    """People in your garden and active ties (contact in the last 90 days), month by month."""
    fig, ax = _figure()
    x = np.arange(len(hist.numbers))
    ax.plot(x, hist.numbers["people"], marker="o", color="#0072B2", label="people")
    ax.plot(x, hist.numbers["active_ties"], marker="o", color="#009E73", label="active ties")
    _bars(ax, x, hist.numbers["new_people"], facecolor="#56B4E9", alpha=0.6, label="new people")
    _months_axis(ax, hist.numbers.index)
    _title(ax, "People, active ties and newcomers")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return _fit_left(fig, ax)


def trend_interactions(hist: History, top: int = 7) -> Figure:
    """Interactions per month, stacked by kind (the ``top`` kinds, the rest as "other")."""
    fig, ax = _figure()
    kinds = hist.kinds
    if len(kinds.columns) > top:
        kinds = pd.concat([kinds.iloc[:, :top], kinds.iloc[:, top:].sum(axis=1).rename("other")], axis=1)
    x = np.arange(len(kinds))
    bottom = np.zeros(len(kinds))
    for i, kind in enumerate(kinds.columns):
        _bars(ax, x, kinds[kind], bottom, facecolor=KIND_COLOURS[i % len(KIND_COLOURS)], label=str(kind))
        bottom += kinds[kind].to_numpy()
    _months_axis(ax, hist.kinds.index)
    _title(ax, "Interactions per month, by kind")
    if len(kinds.columns):
        ax.legend(frameon=False, fontsize=8, ncols=min(4, len(kinds.columns)), loc="upper left")
    return _fit_left(fig, ax)


def trend_health(hist: History) -> Figure:
    """The health mix month by month, as shares of your garden (stacked areas)."""
    fig, ax = _figure("% of people")
    counts = hist.health
    total = counts.sum(axis=1).replace(0, np.nan)
    shares = counts.div(total, axis=0).fillna(0.0) * 100
    x = np.arange(len(shares))
    ax.stackplot(x, *[shares[h] for h in HEALTH], labels=list(HEALTH),
                 colors=[HEALTH_COLOURS[h] for h in HEALTH], alpha=0.9)
    ax.set_ylim(0, 100)
    _months_axis(ax, shares.index)
    _title(ax, "Health of your ties, month by month")
    ax.legend(frameon=False, fontsize=8, ncols=5, loc="lower left")
    return _fit_left(fig, ax)


def rings_health(summary: dict) -> Figure:
    """This month: people per ring, each bar split by health (from :func:`month_summary`-like
    counts ``{"ring_health": {ring: {health: n}}}``, or rings and health side by side)."""
    width, height = 8.0, 3.0
    fig = _canvas(Figure(figsize=(width, height), dpi=100))
    # as constrained layout placed them at 30,000 people: room for the ring names at the
    # left, for the health names between, and for counts up to 99,999 beside the bars
    fig.subplots_adjust(left=1.30889 / width, right=7.62198 / width, bottom=NUMBER_LABELS / height,
                        top=1 - TITLE / height, wspace=0.53852)
    left, right = fig.subplots(1, 2, width_ratios=[3, 2])
    for ax in (left, right):
        _style(ax, "x")
    rings = summary.get("rings", {})
    labels = [f"{r} {RINGS[int(r)]}" for r in RINGS][::-1]
    values = [int(rings.get(r, rings.get(str(r), 0))) for r in RINGS][::-1]
    health = summary.get("health", {})
    states = list(HEALTH)[::-1]
    counts = [int(health.get(h, 0)) for h in states]
    for ax, names, vals, colours, title in (
            (left, labels, values, "#0072B2", "People per ring"),
            (right, states, counts, [HEALTH_COLOURS[h] for h in states], "Health")):
        y = np.arange(len(vals))
        _bars(ax, y, vals, horizontal=True, facecolor=colours)
        ax.set_yticks(y, names)
        _title(ax, title)
        for at, v in zip(y, vals):
            ax.annotate(f"{v:,}", (v, at), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    return fig


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (zlib level 3: a third faster to compress than the default 6,
    for files about 5% larger; the pixels are the same)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def image(fig: Figure):
    """The figure as an inline PNG for a notebook (``IPython.display.Image``)."""
    from IPython.display import Image

    return Image(data=png(fig), format="png")
