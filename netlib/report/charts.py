"""Charts for the monthly report as inline SVG: 12-month trends, rings and health.

The report is one self-contained HTML page, so its charts are SVG written directly rather
than PNGs from a plotting library (matplotlib, until 2026-11): crisp at any zoom, text
selectable, a native tooltip on every bar, point and area (``<title>``, no JavaScript), a
fifth of the bytes of base64 PNGs, and no plotting library to import and draw with (half a
CPU-second per report with matplotlib, on the report's critical path).

Each function returns one ``<svg>`` element as a string. The output depends only on the
input (ids derive from the chart's name), every text from the data is escaped, and nothing
refers outside the element. Plain Python: importing this module loads neither pandas nor
matplotlib; the frames of a :class:`netlib.garden.history.History` are read with ``.tolist()``.
"""

from __future__ import annotations

from html import escape
from itertools import accumulate
from math import ceil, isnan

from netlib.garden.terms import HEALTH, HEALTH_COLOURS, RINGS  # the map's and the garden's words

__all__ = ["rings_health", "trend_health", "trend_interactions", "trend_people"]

#: Okabe-Ito colours for the interaction kinds, in order
KIND_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

WIDTH, FONT, GRID, AXIS = 800, "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "#e5e5e5", "#333"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEGEND_CHARS = 22  # longer legend labels are cut short (the tooltips keep them whole)


# ------------------------------------------------------------------ helpers

def _n(v: float) -> str:
    """A coordinate: at most one decimal, never "-0"."""
    return f"{round(v, 1) + 0.0:g}"


def _values(seq) -> list:
    """Plain numbers: ints where whole, 0 for a missing value (None, NaN)."""
    floats = (0.0 if v is None or isnan(v) else float(v) for v in seq)
    return [int(v) if v.is_integer() else v for v in floats]


def _fmt(v) -> str:
    return f"{v:,}" if isinstance(v, int) else f"{v:,.1f}"


def _width(text: str, size: float = 11) -> float:
    """The width of a text, roughly (0.6 em a character)."""
    return len(text) * 0.6 * size


def _month(label: str) -> tuple[str, int]:
    """"2026-11" as ("Nov", 2026)."""
    return MONTHS[int(label[5:7]) - 1], int(label[:4])


def _ticks(vmax: float, most: int = 5) -> list[int]:
    """0 to at least ``vmax`` in up to ``most`` steps of 1, 2, 2.5 or 5 times a power of ten
    (whole numbers: no 2.5 step; at least 3 steps, or ``most - 1``: 0-3 for nothing at all)."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 2.5 * scale, 5 * scale):
            if step == int(step) and vmax <= most * step:
                return [int(step) * k for k in range(max(min(3, most - 1), ceil(vmax / step)) + 1)]
        scale *= 10


def _svg_text(x, y, text, size=11, anchor="", extra="") -> str:
    anchor = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}"{anchor}{extra}>{escape(text)}</text>'


def _rect(x, y, w, h, fill, tip, extra="") -> str:
    return (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{extra}>'
            f'<title>{escape(tip)}</title></rect>')


def _title(x, text) -> str:
    return _svg_text(x, 16, text, 12, extra=' font-weight="600"')


def _svg(name: str, title: str, height: int, parts: list[str]) -> str:
    ident = f"netlib-chart-{name}-title"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
            f'style="max-width:{WIDTH}px;height:auto" role="img" aria-labelledby="{ident}" '
            f'font-family="{FONT}"><title id="{ident}">{escape(title)}</title>'
            + "".join(parts) + "</svg>")


def _legend(items, ncols: int, x0: float, y0: float) -> str:
    """Swatches and labels, ``ncols`` to a row; ``items``: (label, colour, opacity), opacity
    None for a line with a round marker."""
    labels = [label if len(label) <= LEGEND_CHARS else label[:LEGEND_CHARS - 1] + "…" for label, _, _ in items]
    col = max(map(_width, labels), default=0) + 38
    parts = []
    for k, ((_, colour, opacity), label) in enumerate(zip(items, labels)):
        x, y = x0 + (k % ncols) * col, y0 + (k // ncols) * 16
        if opacity is None:
            parts.append(f'<path d="M{_n(x)} {_n(y - 4)}h16" stroke="{colour}" stroke-width="2"/>'
                         f'<circle cx="{_n(x + 8)}" cy="{_n(y - 4)}" r="3" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{_n(x)}" y="{_n(y - 8)}" width="16" height="8" fill="{colour}" '
                         f'fill-opacity="{opacity}"/>')
        parts.append(_svg_text(x + 22, y, label))
    return "".join(parts)


class _Plot:
    """The plot area of a trend: months across (a slot each, marks at the middle), values
    up from 0 to the top tick; the legend above it, the title above that."""

    def __init__(self, title: str, months: list[str], vmax: float, legend, ncols: int, ylabel: str = ""):
        self.title, self.months, self.ticks = title, months, _ticks(vmax)
        rows = ceil(len(legend) / ncols)
        self.left = 10 + (18 if ylabel else 0) + max(_width(f"{t:,}") for t in self.ticks) + 8
        self.top, self.right, self.bottom = 32 + 16 * rows, WIDTH - 10, 284
        self.slot = (self.right - self.left) / max(len(months), 1)
        self.back = [_legend(legend, ncols, self.left, 36), self._grid()]
        self.front = [self._axes(ylabel), _title(self.left, title)]

    def x(self, i: int) -> float:
        return self.left + (i + 0.5) * self.slot

    def y(self, v: float) -> float:
        return self.bottom - (self.bottom - self.top) * v / self.ticks[-1]

    def tip(self, i: int) -> str:
        name, year = _month(self.months[i])
        return f"{name} {year}"

    def svg(self, name: str, marks: list[str]) -> str:
        return _svg(name, self.title, 320, self.back + marks + self.front)

    def bar(self, i: int, low: float, high: float, fill: str, tip: str, extra: str = "") -> str:
        """Month ``i``'s bar from ``low`` to ``high``, 0.8 of its slot wide."""
        return _rect(self.x(i) - 0.4 * self.slot, self.y(high), 0.8 * self.slot, self.y(low) - self.y(high),
                     fill, tip, extra)

    def _grid(self) -> str:
        lines = "".join(f"M{_n(self.left)} {_n(self.y(t))}H{_n(self.right)}" for t in self.ticks[1:])
        return f'<path d="{lines}" stroke="{GRID}" fill="none"/>'

    def _axes(self, ylabel: str) -> str:
        marks = "".join(f"M{_n(self.left - 4)} {_n(self.y(t))}h4" for t in self.ticks)
        marks += "".join(f"M{_n(self.x(i))} {_n(self.bottom)}v4" for i in range(len(self.months)))
        axes = f"M{_n(self.left)} {_n(self.top - 4)}V{_n(self.bottom)}H{_n(self.right)}{marks}"
        parts = [f'<path d="{axes}" stroke="{AXIS}" fill="none"/>']
        parts += [_svg_text(self.left - 7, self.y(t) + 4, f"{t:,}", anchor="end") for t in self.ticks]
        every = ceil(34 / self.slot)  # one label in so many months, when they are narrow
        for i, label in enumerate(self.months):
            if i % every == 0:
                name, year = _month(label)
                x = _n(self.x(i))
                lines = f'<tspan x="{x}">{name}</tspan>'
                if i == 0 or name == "Jan":
                    lines += f'<tspan x="{x}" dy="13">{year}</tspan>'
                parts.append(f'<text x="{x}" y="{_n(self.bottom + 17)}" font-size="11" '
                             f'text-anchor="middle">{lines}</text>')
        if ylabel:
            mid = (self.top + self.bottom) / 2
            parts.append(_svg_text(14, mid, ylabel, anchor="middle", extra=f' transform="rotate(-90 14 {_n(mid)})"'))
        return "".join(parts)


# ------------------------------------------------------------------ charts

def trend_people(hist) -> str:
    """People in your garden and active ties (lines), newcomers (bars), month by month."""
    people, active, new = (_values(hist.numbers[c].tolist()) for c in ("people", "active_ties", "new_people"))
    legend = [("people", "#0072B2", None), ("active ties", "#009E73", None), ("new people", "#56B4E9", 0.6)]
    p = _Plot("People, active ties and newcomers", hist.numbers.index.tolist(), max(people + active + new, default=0),
              legend, 3)
    marks = [p.bar(i, 0, v, "#56B4E9", f"{p.tip(i)}: {_fmt(v)} new people", ' fill-opacity="0.6"')
             for i, v in enumerate(new)]
    for values, colour, label in ((people, "#0072B2", "people"), (active, "#009E73", "active ties")):
        points = " ".join(f"{_n(p.x(i))},{_n(p.y(v))}" for i, v in enumerate(values))
        marks.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        marks += [f'<circle cx="{_n(p.x(i))}" cy="{_n(p.y(v))}" r="4" fill="{colour}">'
                  f'<title>{p.tip(i)}: {_fmt(v)} {label}</title></circle>' for i, v in enumerate(values)]
    return p.svg("trend-people", marks)


def trend_interactions(hist, top: int = 7) -> str:
    """Interactions per month, stacked by kind (the first ``top`` kinds, the rest as "other")."""
    names, rows = [str(k) for k in hist.kinds.columns], [_values(row) for row in hist.kinds.to_numpy().tolist()]
    if len(names) > top:
        names, rows = names[:top] + ["other"], [row[:top] + [sum(row[top:])] for row in rows]
    colours = [KIND_COLOURS[k % len(KIND_COLOURS)] for k in range(len(names))]
    levels = [list(accumulate(row, initial=0)) for row in rows]  # where each kind's bar starts, and the total
    p = _Plot("Interactions per month, by kind", hist.kinds.index.tolist(), max((lv[-1] for lv in levels), default=0),
              [(name, colour, 1) for name, colour in zip(names, colours)], min(4, len(names)) or 1)
    marks = [p.bar(i, level[k], level[k + 1], colour, f"{p.tip(i)}, {name}: {_fmt(row[k])} of {_fmt(level[-1])}")
             for k, (name, colour) in enumerate(zip(names, colours))
             for i, (row, level) in enumerate(zip(rows, levels))]
    return p.svg("trend-interactions", marks)


def trend_health(hist) -> str:
    """The health mix month by month, as shares of your garden (100% stacked areas; no one: 0)."""
    months = hist.health.index.tolist()
    counts = list(zip(*[_values(hist.health[h].tolist()) if h in hist.health else [0] * len(months)
                        for h in HEALTH]))
    shares = [[100 * c / sum(row) if sum(row) else 0.0 for c in row] for row in counts]
    levels = [list(accumulate(row, initial=0)) for row in shares]
    p = _Plot("Health of your ties, month by month", months, 100, [(h, HEALTH_COLOURS[h], 1) for h in HEALTH], 5,
              "% of people")
    # from the first month's middle to the last's; one month across its slot
    at = [(p.x(i), i) for i in range(len(months))] if len(months) != 1 else [(p.left, 0), (p.right, 0)]
    marks = []
    for k, h in enumerate(HEALTH):
        edge = [f"{_n(x)},{_n(p.y(levels[i][k + 1]))}" for x, i in at]
        edge += [f"{_n(x)},{_n(p.y(levels[i][k]))}" for x, i in reversed(at)]
        tips = "".join(f"\n{p.tip(i)}: {shares[i][k]:.0f}% ({_fmt(counts[i][k])} people)" for i in range(len(months)))
        marks.append(f'<polygon points="{" ".join(edge)}" fill="{HEALTH_COLOURS[h]}" stroke="{HEALTH_COLOURS[h]}" '
                     f'stroke-width="0.5"><title>{h}{tips}</title></polygon>')
    return p.svg("trend-health", marks)


def rings_health(summary: dict) -> str:
    """This month: people per ring and people per health state, side by side, each bar with its count.
    ``summary``: ``{"rings": {ring: n}, "health": {state: n}}`` (ring as int or str; missing: 0)."""
    rings, health = summary.get("rings", {}), summary.get("health", {})
    per_ring = _values(rings.get(r, rings.get(str(r), 0)) for r in RINGS)
    per_state = _values(health.get(h, 0) for h in HEALTH)
    panels = [("People per ring", [(f"{r} {RINGS[r]}", v, "#0072B2") for r, v in zip(RINGS, per_ring)]),
              ("Health", [(h, v, HEALTH_COLOURS[h]) for h, v in zip(HEALTH, per_state)])]
    # room for the names at the left of each panel and the counts beside the bars; the rest 3:2
    names = [max(_width(label) for label, _, _ in bars) + 10 for _, bars in panels]
    counts = [max(_width(_fmt(v)) for _, v, _ in bars) + 8 for _, bars in panels]
    free = WIDTH - 20 - sum(names) - sum(counts) - 20
    left, parts = 10.0, []
    for (title, bars), name, count, share in zip(panels, names, counts, (0.6, 0.4)):
        left += name
        parts += _hbars(left, free * share, title, bars)
        left += free * share + count + 20
    return _svg("rings-health", "People per ring and health", 300, parts)


def _hbars(left: float, width: float, title: str, bars) -> list[str]:
    """One panel of :func:`rings_health`: a bar per (label, value, colour), top down."""
    top, bottom = 30, 278
    vmax = max(v for _, v, _ in bars)
    room = _width(f"{_ticks(vmax)[-1]:,}") + 12  # for each tick label: fewer ticks in a narrow panel
    ticks = _ticks(vmax, max(2, min(5, int(width // room))))

    def x(v):
        return left + width * v / ticks[-1]

    slot = (bottom - top) / len(bars)
    grid = "".join(f"M{_n(x(t))} {top}V{bottom}" for t in ticks[1:])
    parts = [f'<path d="{grid}" stroke="{GRID}" fill="none"/>']
    for i, (label, v, colour) in enumerate(bars):
        y = top + (i + 0.1) * slot
        parts.append(_rect(left, y, x(v) - left, 0.8 * slot, colour, f"{label}: {_fmt(v)} people"))
        parts.append(_svg_text(x(v) + 4, y + 0.4 * slot + 4, _fmt(v)))
        parts.append(_svg_text(left - 7, y + 0.4 * slot + 4, label, anchor="end"))
    marks = "".join(f"M{_n(x(t))} {bottom}v4" for t in ticks)
    marks += "".join(f"M{_n(left - 4)} {_n(top + (i + 0.5) * slot)}h4" for i in range(len(bars)))
    parts.append(f'<path d="M{_n(left)} {top}V{bottom}H{_n(left + width)}{marks}" stroke="{AXIS}" fill="none"/>')
    parts += [_svg_text(x(t), bottom + 17, f"{t:,}", anchor="middle") for t in ticks]
    return parts + [_title(left, title)]
