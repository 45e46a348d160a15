"""The network map: one self-contained, offline HTML document of your garden.

The network is built with pyvis (nodes and ties with plain Python values), then rendered
through netlib's own autoescaping Jinja2 template, not pyvis': vis-network's JS and CSS
are inlined from the copy pyvis ships, the data travels as JSON in a
``<script type="application/json">`` block, tooltips are built with ``textContent``, and
the page requests nothing from anywhere.

Choices for scale (the 30,000-person map is under 3 MB and draws in well under 1.5 s):
positions come from :func:`netlib.layout.ring_layout` (physics off); only rings 1-3 carry
labels; vis-network (about 40 us per node to create) holds you and rings 1-4 only, at most
:data:`VIS_CAP` people, while the outer crowd is painted as dots on the same canvas (one
``Path2D`` per colour) with its own hit-testing, and promoted to a vis node when searched
or clicked; the JSON is columnar with short keys, integer coordinates and a shared string
table; ties are drawn only between drawn people, at most :data:`MAX_TIES` of them,
preferring inner rings (1-4) and then heavier weights.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from importlib import resources
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd
from pyvis.edge import Edge
from pyvis.network import Network

from .layout import ring_geometry, ring_layout

__all__ = ["HEALTH", "PALETTE", "MAX_TIES", "LABEL_FONT", "FONT_FACE", "label_plan", "build_network", "render_map", "write_map", "map_widget"]

HEALTH = ("seedling", "thriving", "needs water", "wilting", "dormant")
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies
PALETTE = {
    "seedling": "#56B4E9",  # sky blue: new, still taking root
    "thriving": "#009E73",  # bluish green
    "needs water": "#E69F00",  # orange
    "wilting": "#D55E00",  # vermillion
    "dormant": "#9A9A9A",  # grey
}
LABEL_RINGS = 3  # rings 1..3 carry name labels; outer rings are small dots
# label font size in canvas units (you are ring 0); the page uses the same numbers
LABEL_FONT = {0: 26, 1: 24, 2: 21, 3: 18}
# ring 3 labels appear once they would be this many screen pixels tall (zoom in to read them)
RING3_MIN_PX = 9.5
# one font stack for the page and the canvas: names in any script find a glyph where one exists
FONT_FACE = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", '
             '"Noto Sans CJK KR", "Noto Sans CJK JP", "PingFang SC", "Hiragino Sans", '
             '"Apple SD Gothic Neo", "Malgun Gothic", "Microsoft YaHei", Arial, sans-serif')
MAX_TIES = 6000  # ties drawn at most; beyond, inner rings and heavier ties first
OWNER_SIZE = 20  # your dot, at the centre
VIS_RINGS = 4  # vis-network draws you and rings 1..4 as interactive nodes ...
VIS_CAP = 1500  # ... at most this many; the outer crowd is painted on the same canvas
from .garden import RINGS as DEFAULT_RING_NAMES  # noqa: E402  (one word per ring everywhere)

_VIS_DIR = ("lib", "vis-9.1.2")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")
_WORD = re.compile(r"\w+", re.UNICODE)


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every add: make that O(1)."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


class MapNetwork(Network):
    """A pyvis ``Network`` whose node and tie insertion is linear, not quadratic.

    pyvis 0.3.2 scans every node id and every existing edge on each ``add_node`` /
    ``add_edge``; at 30,000 people that takes minutes. The stored node and edge dicts
    are exactly pyvis' own.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.node_ids = _IdList()
        self._pairs = set()

    def add_nodes_bulk(self, ids, labels, colors, options, shape="dot") -> None:
        """Add many nodes at once: the same dicts ``add_node(n_id, label=..., color=..., **opts)``
        stores (``color``, the options in order, then ``id``, ``label``, ``shape``), without
        its per-call overhead (about 7 us a node, 0.2 s at 30,000 people)."""
        font = self.font_color
        for n_id, label, color, opts in zip(ids, labels, colors, options):
            assert isinstance(n_id, (str, int))
            if n_id in self.node_ids:
                continue
            node = {"color": color, **opts, "id": n_id, "label": label if label else n_id, "shape": shape}
            if font:
                node["font"] = dict(color=font)
            self.nodes.append(node)
            self.node_ids.append(n_id)
            self.node_map[n_id] = node

    def add_edge(self, source, to, **options):
        assert source in self.node_ids, f"non existent node {source!r}"
        assert to in self.node_ids, f"non existent node {to!r}"
        key = (source, to) if self.directed else frozenset((source, to))
        if key not in self._pairs:
            self._pairs.add(key)
            self.edges.append(Edge(source, to, self.directed, **options).options)


# ---------------------------------------------------------------- plain values


def _text(value) -> str:
    """Any cell as a plain ``str``; NaN, None and NaT become ``""``."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(_text(v) for v in value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _tags(value) -> list:
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Series)):
        return sorted({_text(v) for v in value if _text(v)})
    text = _text(value)
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def _texts(column: pd.Series) -> list:
    """:func:`_text` of every cell; text columns take a vectorised path (same strings)."""
    values = column.tolist()
    if all(type(v) is str for v in values):
        return [v.strip() for v in values]
    return [v.strip() if type(v) is str else _text(v) for v in values]


def _iso_dates(column: pd.Series) -> list:
    """Each cell as an ISO date ``YYYY-MM-DD``, ``""`` when missing."""
    dates = pd.to_datetime(column, errors="coerce")
    days = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    return ["" if d == "NaT" else d for d in np.datetime_as_string(days).tolist()]


def _column(people: pd.DataFrame, name: str, default):
    return people[name] if name in people else pd.Series(default, index=people.index, dtype=object)


class _Scrubber:
    """Redaction: replace real names (and, optionally, companies) in free text.

    Every word of any real name is a forbidden word, so "Coffee with Ada" loses "Ada"
    even when the action belongs to someone else. Emails and phone numbers go too.
    """

    def __init__(self, names, companies=()):
        words = set()
        for text in list(names) + list(companies):
            words.update(w.lower() for w in _WORD.findall(text) if len(w) >= 2)
        self.words = words

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = _PHONE.sub("\u2022\u2022\u2022", _EMAIL.sub("\u2022\u2022\u2022", text))
        return _WORD.sub(lambda m: "\u2022\u2022\u2022" if m.group(0).lower() in self.words else m.group(0), text)


# ---------------------------------------------------------------- building


def _people(garden, max_ring: int) -> pd.DataFrame:
    people = garden.people
    ring = pd.to_numeric(_column(people, "ring", 6), errors="coerce").fillna(6).clip(1, 6).astype(int)
    return people.assign(ring=ring)[ring <= int(max_ring)]


def _rounded(values: np.ndarray, digits: int) -> list:
    """``[round(float(v), digits) for v in values]``, vectorised: numpy's round agrees with
    Python's except next to a halfway point (...5), where Python's own round decides."""
    values = np.asarray(values, dtype=float)
    scaled = values * 10.0 ** digits
    out = np.round(values, digits)
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near.any():
        out[near] = [round(float(v), digits) for v in values[near]]
    return out.tolist()


def _sizes(ring: np.ndarray, strength: np.ndarray) -> list:
    """:func:`_size` of every person."""
    raw = np.where(ring <= LABEL_RINGS, 8 + 16 * strength, np.where(ring == 4, 4 + 7 * strength, 2.5 + 4 * strength))
    return _rounded(raw, 1)


def _size(ring: int, strength: float) -> float:
    if ring <= LABEL_RINGS:
        return round(8 + 16 * strength, 1)
    if ring == 4:
        return round(4 + 7 * strength, 1)
    return round(2.5 + 4 * strength, 1)


def _text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width at font ``size`` (no font metrics in Python):
    wide East Asian characters take a full em, capitals and digits about 0.7, the rest 0.6."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch in " .,;:'!|()[]ilI-":
            em += 0.36
        elif ch.isupper() or ch.isdigit() or ch in "mwMW@%&":
            em += 0.72
        else:
            em += 0.6
    return em * size


def _label_box(x: float, y: float, size: float, text: str, font: float, above: bool = False) -> tuple:
    """Where vis-network draws a dot's label: centred under it, from ``y + size + 3``
    (its text-stroke adds a few units round the glyphs); or, ``above``, as far over it."""
    half = _text_width(text, font) / 2 + 4
    height = 1.25 * font + 4
    top = y - size - 3 - height if above else y + size + 3
    return (x - half, top, x + half, top + height)


def _label_lift(size: float, font: float) -> float:
    """The ``font.vadjust`` that moves a label from under its dot to over it."""
    return -round(2 * size + 6 + 1.25 * font + 4, 1)


def _hits(box: tuple, other: tuple) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def _short_name(name: str) -> str:
    """A shorter label for a long name: "Catherine (Cathy) Brennan" -> "Catherine B."
    (``""`` when there is nothing shorter to say)."""
    words = name.split()
    if len(words) < 2 or len(name) <= 12:
        return ""
    last = next((w for w in reversed(words[1:]) if w[:1].isalpha()), "")
    short = f"{words[0]} {last[0]}." if last else words[0]
    return short if len(short) < len(name) else ""


def label_plan(owner: str, owner_size: float, people: list) -> list:
    """Which labels to draw, and where, so that none lands on another: a greedy pass,
    strongest first.

    ``people`` holds ``(x, y, size, ring, strength, name)`` per person, in canvas units.
    Your own label and dot are placed first; then rings 1, 2, 3, strongest first within a
    ring, each label kept under its dot (or else over it; or else shortened, under or
    over) only when its box clears every label already kept and the dots of everyone
    on an inner ring. Label boxes are in canvas units, as are vis-network's fonts, so a
    clash at one zoom is a clash at every zoom. Returns one value per person: ``None``
    (no label: beyond :data:`LABEL_RINGS`, or no room) or ``(text, above)``.
    """
    kept = [_label_box(0.0, 0.0, owner_size, owner, LABEL_FONT[0])]
    dots = [(0.0, 0.0, owner_size, 0)]
    show = [None] * len(people)
    order = sorted((k for k, p in enumerate(people) if p[3] <= LABEL_RINGS),
                   key=lambda k: (people[k][3], -people[k][4], -people[k][2], k))
    for k in order:
        x, y, size, ring, _, name = people[k]
        short = _short_name(name)
        for text, above in ((name, False), (name, True), (short, False), (short, True)):
            if not text:
                continue
            box = _label_box(x, y, size, text, LABEL_FONT[ring], above=above)
            clear = not any(_hits(box, other) for other in kept) and not any(
                _hits(box, (dx - ds, dy - ds, dx + ds, dy + ds)) for dx, dy, ds, dr in dots if dr < ring)
            if clear:
                kept.append(box)
                show[k] = (text, above)
                break
        dots.append((x, y, size, ring))
    return show


def build_network(garden, *, max_ring=6, redact=False, pseudonyms=None, keep_companies=False,
                  physics=False) -> Network:
    """The garden as a pyvis ``Network``: you at the centre, people on rings.

    Parameters
    ----------
    garden : Garden
        Uses ``people``, ``ties``, ``clusters``, ``as_of`` and ``settings["owner_name"]``.
    max_ring : int
        Draw only rings ``1..max_ring``.
    redact : bool
        Replace names by ``pseudonyms[id]`` (``"Person <id>"`` when missing), drop
        company and position unless ``keep_companies``, and scrub real names, emails and
        phone numbers from next actions, tags and cluster labels.
    physics : bool
        Let vis-network move the nodes (only sensible for small gardens).

    Every value stored is a plain Python ``int``, ``float``, ``str``, ``bool`` or list;
    NaN and NaT become ``""`` (text) or a safe number. Besides vis options (``x``, ``y``,
    ``size``, ``color``, ``label``) each person node carries ``name``, ``company``,
    ``position``, ``ring``, ``health``, ``strength``, ``cluster``, ``tags``,
    ``last_interaction`` (ISO date or ``""``), ``next_action``, ``bridge`` and
    ``labelled`` (rings 1-3 whose label clears the others, see :func:`label_plan`; the
    others get the blank label ``" "`` and show their name on hover and when selected);
    a label drawn over its dot has ``label_lift``, its vis ``font.vadjust``; a long
    name may be shortened in ``label`` to fit ("Catherine B.").
    """
    people = _people(garden, max_ring)
    pseudonyms = pseudonyms or {}
    settings = getattr(garden, "settings", None) or {}
    net = MapNetwork(height="100%", width="100%", directed=False, cdn_resources="in_line")
    net.toggle_physics(bool(physics))
    owner = "You" if redact else (_text(settings.get("owner_name")) or "You")
    net.add_node("you", label=owner, x=0, y=0, size=OWNER_SIZE, color="#2B2D42", name=owner, ring=0)
    if len(people) == 0:
        return net

    positions = ring_layout(people)
    names = _texts(_column(people, "name", ""))
    scrub = None
    if redact:
        companies = [] if keep_companies else [_text(v) for v in _column(people, "company", "")]
        scrub = _Scrubber(names, companies)
    strength = pd.to_numeric(_column(people, "strength", 0.0), errors="coerce").fillna(0.0).clip(0, 1)
    cluster = pd.to_numeric(_column(people, "cluster", -1), errors="coerce").fillna(-1).astype(int)
    health = _column(people, "health", "dormant").map(lambda h: h if h in PALETTE else "dormant")
    bridge = _column(people, "bridge", False).fillna(False).astype(bool)
    last = _iso_dates(_column(people, "last_interaction", pd.NaT))
    company = _texts(_column(people, "company", ""))
    position = _texts(_column(people, "position", ""))
    next_action = _texts(_column(people, "next_action", ""))
    tags = [_tags(t) for t in _column(people, "tags", None).tolist()]

    # plain Python lists, read row by row (a pandas .iat per cell costs more than the node)
    ids = [int(pid) for pid in people.index.tolist()]
    ring_values = people["ring"].to_numpy(dtype="int64")
    strength_values = strength.to_numpy(dtype=float)
    sizes = _sizes(ring_values, strength_values)
    strengths = _rounded(strength_values, 2)
    labels, colors, options = [], [], []
    for k, (pid, ring, h, cl, br) in enumerate(zip(
            ids, ring_values.tolist(), health.tolist(), cluster.tolist(), bridge.tolist())):
        ring, h = int(ring), str(h)
        name = names[k] or f"Person {pid}"
        co, po, act, tg = company[k], position[k], next_action[k], tags[k]
        if redact:
            name = _text(pseudonyms.get(pid)) or f"Person {pid}"
            co, po = (co, po) if keep_companies else ("", "")
            act, tg = scrub(act), [scrub(t) for t in tg]
        x, y = positions[pid]
        labels.append(name if ring <= LABEL_RINGS else " ")  # pyvis turns a falsy label into the id
        colors.append(PALETTE[h])
        options.append(dict(
            x=x, y=y, size=sizes[k], name=name, company=co, position=po,
            ring=ring, health=h, strength=strengths[k], cluster=int(cl), tags=tg,
            last_interaction=last[k], next_action=act, bridge=bool(br),
        ))
    show = label_plan(owner, OWNER_SIZE, [
        (o["x"], o["y"], o["size"], o["ring"], o["strength"], o["name"]) for o in options])
    for k, o in enumerate(options):
        o["labelled"] = show[k] is not None
        if show[k] is None:
            labels[k] = " "
            continue
        labels[k] = show[k][0]
        if show[k][1]:
            o["label_lift"] = _label_lift(o["size"], LABEL_FONT[o["ring"]])
    net.add_nodes_bulk(ids, labels, colors, options)

    for a, b, w in _ties(garden, people):
        net.add_edge(a, b, weight=w, width=round(0.5 + 1.5 * w, 2))
    return net


def _ties(garden, people: pd.DataFrame) -> list:
    """Ties between drawn people, as plain ``(a, b, weight)``; at most :data:`MAX_TIES`."""
    ties = getattr(garden, "ties", None)
    if ties is None or len(ties) == 0:
        return []
    a = pd.to_numeric(ties["a"], errors="coerce")
    b = pd.to_numeric(ties["b"], errors="coerce")
    w = pd.to_numeric(ties["weight"], errors="coerce") if "weight" in ties else pd.Series(0.5, index=ties.index)
    frame = pd.DataFrame({"a": a, "b": b, "w": w.fillna(0.5).clip(0, 1)}).dropna()
    rings = people["ring"]
    drawn = frame["a"].isin(rings.index) & frame["b"].isin(rings.index) & (frame["a"] != frame["b"])
    frame = frame[drawn].astype({"a": "int64", "b": "int64"})
    if len(frame) > MAX_TIES:
        outer = np.maximum(rings.reindex(frame["a"]).to_numpy(), rings.reindex(frame["b"]).to_numpy())
        frame = frame.assign(_outer=outer > 4).sort_values(["_outer", "w", "a", "b"], ascending=[True, False, True, True])
        frame = frame.head(MAX_TIES)
    return [(int(x), int(y), round(float(z), 2)) for x, y, z in zip(frame["a"], frame["b"], frame["w"])]


# ---------------------------------------------------------------- rendering


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy the installed pyvis ships."""
    import pyvis

    folder = Path(pyvis.__file__).parent.joinpath(*_VIS_DIR)
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError(f"{folder}: vis-network cannot be inlined safely (contains a closing tag)")
    return js, css


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("netlib") / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    return env


def _ring_names(garden, redact: bool) -> dict:
    names = dict(DEFAULT_RING_NAMES)
    people = garden.people
    if "ring_name" in people and "ring" in people and len(people):
        pairs = people[["ring", "ring_name"]].dropna().drop_duplicates("ring")
        for ring, name in zip(pairs["ring"], pairs["ring_name"]):
            if _text(name) and 1 <= int(ring) <= 6:
                names[int(ring)] = _text(name)
    return names


def _cluster_labels(garden, redact: bool, scrub) -> dict:
    clusters = getattr(garden, "clusters", None)
    labels = {}
    if clusters is not None and len(clusters) and "label" in clusters:
        for cid, label in zip(clusters.index.tolist(), clusters["label"].tolist()):
            text = _text(label)
            labels[int(cid)] = (scrub(text) if scrub else text) or f"Cluster {int(cid)}"
    labels[-1] = "no cluster"
    return labels


def _pack(net: Network, garden, *, max_ring, redact, keep_companies, physics) -> tuple[dict, dict]:
    """The compact JSON the page reads, and the context for the server-rendered controls."""
    people = [n for n in net.nodes if n["id"] != "you"]
    as_of = pd.Timestamp(getattr(garden, "as_of", None) or pd.Timestamp.today()).normalize()
    strings, table = [""], {"": 0}

    def ref(text):
        if text not in table:
            table[text] = len(strings)
            strings.append(text)
        return table[text]

    ages = {"": -1}

    def days(iso):  # many people share a date: parse each date once
        if iso not in ages:
            ages[iso] = int((as_of - pd.Timestamp(iso)).days)
        return ages[iso]

    hidx = {h: i for i, h in enumerate(HEALTH)}
    n = {
        "id": [p["id"] for p in people],
        "x": [int(round(p["x"])) for p in people],
        "y": [int(round(p["y"])) for p in people],
        "r": [p["ring"] for p in people],
        "h": [hidx[p["health"]] for p in people],
        "z": [p["size"] for p in people],
        "c": [p["cluster"] for p in people],
        "nm": [p["name"] for p in people],
        "co": [ref(p["company"]) for p in people],
        "po": [ref(p["position"]) for p in people],
        "li": [days(p["last_interaction"]) for p in people],
        "na": [ref(p["next_action"]) for p in people],
        "b": [p["id"] for p in people if p["bridge"]],
        # rings 1-3 whose label would land on another's: no label until selected
        "nl": [p["id"] for p in people if p["ring"] <= LABEL_RINGS and not p["labelled"]],
        # labels drawn otherwise: [id, shortened text or "", vadjust (over the dot) or 0]
        "lb": [[p["id"], p["label"] if p["label"] != p["name"] else "", p.get("label_lift", 0)]
               for p in people if p["labelled"] and (p["label"] != p["name"] or "label_lift" in p)],
    }
    if any(p["tags"] for p in people):
        n["tg"] = [[ref(t) for t in p["tags"]] for p in people]
    e = {"a": [t["from"] for t in net.edges], "b": [t["to"] for t in net.edges],
         "w": [t["weight"] for t in net.edges]}

    drawn = _people(garden, max_ring)
    geometry = ring_geometry(drawn)
    ring_names = _ring_names(garden, redact)
    scrub = None
    if redact:
        names = [_text(v) for v in _column(garden.people, "name", "")]
        companies = [] if keep_companies else [_text(v) for v in _column(garden.people, "company", "")]
        scrub = _Scrubber(names, companies)
    cluster_labels = _cluster_labels(garden, redact, scrub)
    ring_counts = {k: 0 for k in range(1, 7)}
    health_counts = {h: 0 for h in HEALTH}
    cluster_counts = {}
    for p in people:
        ring_counts[p["ring"]] += 1
        health_counts[p["health"]] += 1
        cluster_counts[p["cluster"]] = cluster_counts.get(p["cluster"], 0) + 1
    rings = [[k, a, b, ring_names[k]] for k, (a, b) in geometry.rings.items() if ring_counts[k]]
    sectors = [[c, round(a, 4), round(b, 4), cluster_labels.get(c, f"Cluster {c}")]
               for c, (a, b) in geometry.sectors.items()]
    you = net.nodes[0]["label"]
    meta = {
        "you": you, "asOf": as_of.date().isoformat(), "labelRings": LABEL_RINGS,
        "health": list(HEALTH), "palette": [PALETTE[h] for h in HEALTH], "physics": bool(physics),
        "visRings": VIS_RINGS, "visCap": VIS_CAP, "fontFace": FONT_FACE,
        "labelFont": [LABEL_FONT[k] for k in range(LABEL_RINGS + 1)], "ring3MinPx": RING3_MIN_PX,
    }
    data = {"meta": meta, "rings": rings, "sectors": sectors, "strings": strings, "n": n, "e": e}
    context = {
        "title": "Garden map" + (f" \u00b7 {garden.month}" if getattr(garden, "month", None) else ""),
        "people_count": len(people), "tie_count": len(net.edges), "as_of": meta["asOf"],
        "redacted": bool(redact), "max_ring": int(max_ring),
        "rings": [(k, ring_names[k], ring_counts[k]) for k in range(1, 7) if ring_counts[k]],
        "health": [(h, PALETTE[h], health_counts[h]) for h in HEALTH],
        "tags": sorted({strings[i] for row in n.get("tg", []) for i in row}, key=str.lower),
        "clusters": sorted(((c, cluster_labels.get(c, f"Cluster {c}"), k) for c, k in cluster_counts.items()),
                           key=lambda t: (t[0] == -1, -t[2], t[0])),
    }
    return data, context


def render_map(garden, *, max_ring=6, redact=False, pseudonyms=None, keep_companies=False,
               physics=False) -> str:
    """The map as one standalone HTML document (offline, nothing loaded from anywhere).

    Takes the options of :func:`build_network`. Every string from the garden reaches
    the page either autoescaped by Jinja2 or inside the JSON block, and the page puts
    it on screen with ``textContent`` only.
    """
    net = build_network(garden, max_ring=max_ring, redact=redact, pseudonyms=pseudonyms,
                        keep_companies=keep_companies, physics=physics)
    data, context = _pack(net, garden, max_ring=max_ring, redact=redact,
                          keep_companies=keep_companies, physics=physics)
    js, css = _vis_assets()
    template = _environment().get_template("map.html.j2")
    return template.render(data=data, vis_js=js, vis_css=css, font_face=FONT_FACE, **context)


def write_map(garden, path, **options) -> Path:
    """Write :func:`render_map` to ``path``, readable by its owner only (mode 0o600)."""
    path = Path(path)
    document = render_map(garden, **options).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(document)
    os.chmod(path, 0o600)
    return path


def map_widget(html: str, height: int = 650):
    """Show a rendered map in a notebook: an ``<iframe srcdoc>`` that needs no server.

    Works in JupyterLab, VS Code and nbconvert's HTML export (where ``Network.show()``
    does not); scripts run in a sandbox without access to the notebook's page.
    """
    from html import escape

    from IPython.display import HTML

    frame = (  # wrapped in a div: IPython warns about bare iframes, suggesting IFrame (a URL)
        f'<div class="netlib-map"><iframe srcdoc="{escape(html, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:0;border-radius:6px" '
        f'title="Network map" loading="eager"></iframe></div>'
    )
    return HTML(frame)
