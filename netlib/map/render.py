"""The network map: one self-contained, offline HTML document of your garden.

The people and ties drawn are computed column by column, as plain Python values:
:func:`build_network` turns them into a pyvis network, :func:`render_map` packs them
straight into the page (no dict per person) through netlib's own autoescaping Jinja2
template, not pyvis': vis-network's JS and CSS are inlined from the copy pyvis ships,
the data travels as JSON in a ``<script type="application/json">`` block, tooltips are
built with ``textContent``, and the page requests nothing from anywhere.

Choices for scale (the 30,000-person map is under 3 MB and draws in well under 1.5 s):
positions come from :func:`netlib.map.layout.ring_layout` (physics off); only rings 1-3 carry
labels; vis-network (about 40 us per node to create) holds you and rings 1-4 only, at most
:data:`VIS_CAP` people, while the outer crowd is painted as dots on the same canvas (one
``Path2D`` per colour) with its own hit-testing, and promoted to a vis node when searched
or clicked; the JSON is columnar with short keys, integer coordinates and a shared string
table; ties are drawn only between drawn people, at most :data:`MAX_TIES` of them,
preferring inner rings (1-4) and then heavier weights.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd

from netlib.garden import terms as words
from netlib.map.layout import RingGeometry, ring_layout, ring_positions

__all__ = ["HEALTH", "PALETTE", "MAX_TIES", "LABEL_FONT", "FONT_FACE", "label_plan", "build_network", "render_map", "write_map", "map_widget"]

HEALTH = words.HEALTH
PALETTE = words.HEALTH_COLOURS  # Okabe-Ito: distinguishable with the common colour-vision deficiencies
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
DEFAULT_RING_NAMES = words.RINGS  # one word per ring everywhere

_VIS_DIR = ("lib", "vis-9.1.2")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")
_WORD = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- plain values


def _text(value) -> str:
    """Any cell as a plain ``str``; NaN, None and NaT become ``""``."""
    if isinstance(value, str):  # the usual cell, first: pd.isna below costs more than the rest
        return str(value).strip()
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
    """One ``tags`` cell as a list: a list (or array) gives its distinct non-empty tags,
    sorted; text gives its comma-separated parts, in order."""
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Series)):
        try:
            texts = list(map(str.strip, value))  # tags are text (the usual case)
        except TypeError:  # NaN, None, numbers, ...
            texts = list(map(_text, value))
        return sorted({t for t in texts if t})
    text = _text(value)
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def _tag_lists(column: pd.Series) -> list:
    """:func:`_tags` of every cell, ``()`` for none: most people have no tags, and 30,000
    new empty lists would cost a garbage collection of the whole heap."""
    return [() if type(v) is list and not v else (_tags(v) or ()) for v in column.tolist()]


def _texts(column: pd.Series) -> list:
    """:func:`_text` of every cell."""
    values = column.tolist()
    try:
        return list(map(str.strip, values))  # a text column: every cell a str (the usual case)
    except TypeError:  # NaN, None, numbers, lists, ...
        return [v.strip() if type(v) is str else _text(v) for v in values]


def _days(column: pd.Series) -> np.ndarray:
    """Each cell as a ``datetime64[D]`` day, ``NaT`` when missing."""
    dates = pd.to_datetime(column, errors="coerce")
    return dates.to_numpy(dtype="datetime64[us]").astype("datetime64[D]")


def _iso_dates(days: np.ndarray) -> list:
    """Each :func:`_days` day as an ISO date ``YYYY-MM-DD``, ``""`` when missing."""
    return ["" if d == "NaT" else d for d in np.datetime_as_string(days).tolist()]


def _column(people: pd.DataFrame, name: str, default):
    return people[name] if name in people else pd.Series(default, index=people.index, dtype=object)


class _Scrubber:
    """Redaction: replace real names (and, optionally, companies) in free text.

    Every word of any real name is a forbidden word, so "Coffee with Ada" loses "Ada"
    even when the action belongs to someone else. Emails and phone numbers go too.
    """

    def __init__(self, names, companies=()):
        # one pass over the distinct texts (no word spans a newline), each distinct word once
        words = set(_WORD.findall("\n".join(dict.fromkeys([*names, *companies]))))
        self.words = {w.lower() for w in words if len(w) >= 2}
        self._done = {}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        done = self._done.get(text)
        if done is None:  # each distinct text once: actions and tags repeat
            masked = _PHONE.sub("\u2022\u2022\u2022", _EMAIL.sub("\u2022\u2022\u2022", text))
            done = self._done[text] = _WORD.sub(
                lambda m: "\u2022\u2022\u2022" if m.group(0).lower() in self.words else m.group(0), masked)
        return done


def _scrubber(people: pd.DataFrame, keep_companies: bool) -> _Scrubber:
    """Redaction of the real names (and, unless kept, companies) of ``people``."""
    return _Scrubber(_texts(_column(people, "name", "")),
                     [] if keep_companies else _texts(_column(people, "company", "")))


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


@dataclass
class _Columns:
    """The drawn people and ties as columns of plain Python values, one entry per person
    in garden order (ids distinct): what :func:`build_network` turns into pyvis nodes and
    :func:`render_map` packs straight into the page's JSON, with no dict per person."""

    owner: str
    geometry: RingGeometry
    ids: list = field(default_factory=list)
    x: list = field(default_factory=list)  # canvas units, rounded to 0.1
    y: list = field(default_factory=list)
    size: list = field(default_factory=list)
    ring: list = field(default_factory=list)
    health: list = field(default_factory=list)  # index into HEALTH
    strength: list = field(default_factory=list)  # rounded to 0.01
    cluster: list = field(default_factory=list)
    bridge: list = field(default_factory=list)
    name: list = field(default_factory=list)
    company: list = field(default_factory=list)
    position: list = field(default_factory=list)
    next_action: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # one list of tags per person, () for none
    last: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="datetime64[D]"))  # NaT: never
    label: list = field(default_factory=list)  # the label drawn, " " for none
    labelled: list = field(default_factory=list)  # rings 1-3 only: whether the label plan kept one
    lift: dict = field(default_factory=dict)  # person index -> font.vadjust of a label over its dot
    ties: tuple = ((), (), ())  # (a, b, weight) columns, see _ties
    scrub: _Scrubber | None = None  # redacting: scrubs cluster labels of every name in the garden


def _columns(garden, *, max_ring, redact, pseudonyms, keep_companies) -> _Columns:
    """Everything the map draws (see :func:`build_network`), computed a column at a time."""
    people = _people(garden, max_ring)
    settings = getattr(garden, "settings", None) or {}
    owner = "You" if redact else (_text(settings.get("owner_name")) or "You")
    x, y, geometry = ring_positions(people)
    if len(people) == 0:
        return _Columns(owner=owner, geometry=geometry, scrub=_scrubber(garden.people, keep_companies) if redact else None)

    ids = people.index.tolist()
    if not pd.api.types.is_integer_dtype(people.index):
        ids = [int(pid) for pid in ids]
    x, y = x.tolist(), y.tolist()
    repeated = len(set(ids)) < len(ids)
    if repeated:  # every row of a repeated id sits where ring_layout puts that id
        positions = ring_layout(people)
        x, y = [positions[pid][0] for pid in ids], [positions[pid][1] for pid in ids]
    names = _texts(_column(people, "name", ""))
    company = _texts(_column(people, "company", ""))
    position = _texts(_column(people, "position", ""))
    next_action = _texts(_column(people, "next_action", ""))
    tags = _tag_lists(_column(people, "tags", None))
    scrub = None
    if redact:  # next actions and tags lose the names of the people drawn
        scrub = _Scrubber(names, [] if keep_companies else company)
        names = [_text(pseudonyms.get(pid)) for pid in ids]
        if not keep_companies:
            company = position = [""] * len(ids)
        next_action = [scrub(act) for act in next_action]
        tags = [[scrub(t) for t in row] if row else row for row in tags]
    names = [name or f"Person {pid}" for name, pid in zip(names, ids)]

    ring = people["ring"].to_numpy(dtype="int64")
    strength = pd.to_numeric(_column(people, "strength", 0.0), errors="coerce").fillna(0.0).clip(0, 1)
    strength = strength.to_numpy(dtype=float)
    cluster = pd.to_numeric(_column(people, "cluster", -1), errors="coerce").fillna(-1).astype(int)
    # the index of each health in HEALTH; anything else counts as dormant
    health = pd.Index(HEALTH).get_indexer(_column(people, "health", "dormant"))
    health = np.where(health < 0, HEALTH.index("dormant"), health)
    bridge = _column(people, "bridge", False).fillna(False).astype(bool)
    sizes = _sizes(ring, strength)
    strengths = _rounded(strength, 2)
    rings = ring.tolist()

    # labels: only rings 1..LABEL_RINGS take part in the plan (the rest never get one)
    labels = [" "] * len(ids)  # pyvis turns a falsy label into the id: " " is no label
    labelled, lift = [False] * len(ids), {}
    inner = np.flatnonzero(ring <= LABEL_RINGS).tolist()
    show = label_plan(owner, OWNER_SIZE, [(x[k], y[k], sizes[k], rings[k], strengths[k], names[k]) for k in inner])
    for k, chosen in zip(inner, show):
        if chosen is not None:
            labels[k], labelled[k] = chosen[0], True
            if chosen[1]:
                lift[k] = _label_lift(sizes[k], LABEL_FONT[rings[k]])

    everyone = scrub  # cluster labels lose every name in the garden: the same words when all are drawn
    if redact and len(people) < len(garden.people):
        everyone = _scrubber(garden.people, keep_companies)
    columns = _Columns(
        owner=owner, geometry=geometry, ids=ids, x=x, y=y, size=sizes, ring=rings, health=health.tolist(),
        strength=strengths, cluster=cluster.tolist(), bridge=bridge.tolist(), name=names, company=company,
        position=position, next_action=next_action, tags=tags, last=_days(_column(people, "last_interaction", pd.NaT)),
        label=labels, labelled=labelled, lift=lift, ties=_ties(garden, people), scrub=everyone,
    )
    return _first_of_each(columns) if repeated else columns


def _first_of_each(columns: _Columns) -> _Columns:
    """A repeated person id is drawn once, from its first row (as pyvis keeps the first
    node of an id); the other rows still took part in the layout and the label plan."""
    first = {}
    for k, pid in enumerate(columns.ids):
        first.setdefault(pid, k)
    rows = list(first.values())
    keep = {}
    for name in ("ids", "x", "y", "size", "ring", "health", "strength", "cluster", "bridge", "name", "company",
                 "position", "next_action", "tags", "label", "labelled"):
        values = getattr(columns, name)
        keep[name] = [values[k] for k in rows]
    keep["last"] = columns.last[rows]
    keep["lift"] = {j: columns.lift[k] for j, k in enumerate(rows) if k in columns.lift}
    return _Columns(owner=columns.owner, geometry=columns.geometry, ties=columns.ties, scrub=columns.scrub, **keep)


def build_network(garden, *, max_ring=6, redact=False, pseudonyms=None, keep_companies=False,
                  physics=False) -> "netlib.map.network.MapNetwork":  # noqa: F821
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

    :func:`render_map` draws the same people and ties, packed from the same columns.
    """
    columns = _columns(garden, max_ring=max_ring, redact=redact, pseudonyms=pseudonyms or {},
                       keep_companies=keep_companies)
    from netlib.map.network import MapNetwork  # pyvis (and the IPython it imports) only when asked for

    net = MapNetwork(height="100%", width="100%", directed=False, cdn_resources="in_line")
    net.toggle_physics(bool(physics))
    owner = columns.owner
    net.add_node("you", label=owner, x=0, y=0, size=OWNER_SIZE, color="#2B2D42", name=owner, ring=0)
    c = columns
    options = [
        {"x": x, "y": y, "size": size, "name": name, "company": company, "position": position, "ring": ring,
         "health": HEALTH[health], "strength": strength, "cluster": cluster, "tags": list(tags),
         "last_interaction": last, "next_action": action, "bridge": bridge, "labelled": labelled}
        for x, y, size, name, company, position, ring, health, strength, cluster, tags, last, action, bridge, labelled
        in zip(c.x, c.y, c.size, c.name, c.company, c.position, c.ring, c.health, c.strength, c.cluster,
               c.tags, _iso_dates(c.last), c.next_action, c.bridge, c.labelled)
    ]
    for k, lift in c.lift.items():
        options[k]["label_lift"] = lift
    net.add_nodes_bulk(c.ids, c.label, [PALETTE[HEALTH[h]] for h in c.health], options)
    for a, b, w in zip(*c.ties):
        net.add_edge(a, b, weight=w, width=round(0.5 + 1.5 * w, 2))
    return net


def _ties(garden, people: pd.DataFrame) -> tuple[list, list, list]:
    """Ties between drawn people as plain columns ``(a, b, weight)``: each pair once
    (either way round, its first tie), at most :data:`MAX_TIES` ties kept."""
    ties = getattr(garden, "ties", None)
    if ties is None or len(ties) == 0:
        return [], [], []
    a = pd.to_numeric(ties["a"], errors="coerce")
    b = pd.to_numeric(ties["b"], errors="coerce")
    w = pd.to_numeric(ties["weight"], errors="coerce") if "weight" in ties else pd.Series(0.5, index=ties.index)
    frame = pd.DataFrame({"a": a, "b": b, "w": w.fillna(0.5).clip(0, 1)}).dropna()
    rings = people["ring"]
    drawn = frame["a"].isin(rings.index) & frame["b"].isin(rings.index) & (frame["a"] != frame["b"])
    frame = frame[drawn].astype({"a": "int64", "b": "int64"})
    if len(frame) > MAX_TIES:
        # inner rings (1-4) first, then heavier, then by ids
        outer = np.maximum(rings.reindex(frame["a"]).to_numpy(), rings.reindex(frame["b"]).to_numpy()) > 4
        keys = [outer.astype(np.int8), -frame["w"].to_numpy(), frame["a"].to_numpy(), frame["b"].to_numpy()]
        frame = frame.iloc[_first_rows(keys, MAX_TIES)]
    a, b = frame["a"].to_numpy(), frame["b"].to_numpy()
    first = ~pd.DataFrame({"lo": np.minimum(a, b), "hi": np.maximum(a, b)}).duplicated().to_numpy()
    return a[first].tolist(), b[first].tolist(), _rounded(frame["w"].to_numpy()[first], 2)


def _first_rows(keys: list, k: int) -> np.ndarray:
    """Positions of the ``k`` rows first in the lexicographic order of the ``keys`` columns
    (most significant first), in that order: ``np.lexsort(keys[::-1])[:k]``, but sorting
    only the rows that can make the cut. Column by column, rows below the column's k-th
    smallest value are in, rows above it are out, and rows equal to it go on to the next.
    """
    rows, chosen, need = np.arange(len(keys[0])), [], k
    for key in keys:
        if len(rows) <= need:
            break
        values = key[rows]
        kth = pd.Series(values).nsmallest(need).iloc[-1]  # np.partition slows down on many equal values
        chosen.append(rows[values < kth])
        need -= len(chosen[-1])
        rows = rows[values == kth]
    rows = np.sort(np.concatenate(chosen + [rows]))  # equal rows keep their order
    return rows[np.lexsort([key[rows] for key in reversed(keys)])][:k]


# ---------------------------------------------------------------- rendering


@lru_cache(maxsize=None)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy the installed pyvis ships (read once; found
    without importing pyvis, which takes a third of a second)."""
    import importlib.util

    folder = Path(importlib.util.find_spec("pyvis").origin).parent.joinpath(*_VIS_DIR)
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError(f"{folder}: vis-network cannot be inlined safely (contains a closing tag)")
    return js, css


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """netlib's template environment, made once: it keeps the compiled template (and
    reloads it should the file change)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("netlib.map"))),
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


def _pack(columns: _Columns, garden, *, max_ring, redact, physics) -> tuple[dict, dict]:
    """The compact JSON the page reads, and the context for the server-rendered controls."""
    c = columns
    count = len(c.ids)
    as_of = pd.Timestamp(getattr(garden, "as_of", None) or pd.Timestamp.today()).normalize()
    # one table of distinct strings, "" first, then in order of first use: companies,
    # positions, next actions, tags; each column refers to it by index
    tags = [t for row in c.tags for t in row]
    texts = [""] + c.company + c.position + c.next_action + tags
    table = {text: k for k, text in enumerate(dict.fromkeys(texts))}
    strings = list(table)
    codes = list(map(table.__getitem__, texts))
    rest = iter(codes[1 + 3 * count:])
    tag_codes = [list(islice(rest, len(row))) if row else () for row in c.tags]  # () is JSON []
    # days since the last interaction, -1 for never
    ages = (np.datetime64(as_of.date(), "D") - c.last).astype("int64")
    ages = np.where(np.isnat(c.last), -1, ages).tolist()

    ids = c.ids
    n = {
        "id": ids,
        "x": np.rint(np.array(c.x, dtype=float)).astype("int64").tolist(),  # round half to even, as round()
        "y": np.rint(np.array(c.y, dtype=float)).astype("int64").tolist(),
        "r": c.ring,
        "h": c.health,
        "z": c.size,
        "c": c.cluster,
        "nm": c.name,
        "co": codes[1:1 + count],
        "po": codes[1 + count:1 + 2 * count],
        "li": ages,
        "na": codes[1 + 2 * count:1 + 3 * count],
        "b": [pid for pid, bridge in zip(ids, c.bridge) if bridge],
        # rings 1-3 whose label would land on another's: no label until selected
        "nl": [pid for pid, ring, shown in zip(ids, c.ring, c.labelled) if ring <= LABEL_RINGS and not shown],
        # labels drawn otherwise: [id, shortened text or "", vadjust (over the dot) or 0]
        "lb": [[pid, label if label != name else "", c.lift.get(k, 0)]
               for k, (pid, label, name, shown) in enumerate(zip(ids, c.label, c.name, c.labelled))
               if shown and (label != name or k in c.lift)],
    }
    if tags:
        n["tg"] = tag_codes
    e = {"a": list(c.ties[0]), "b": list(c.ties[1]), "w": list(c.ties[2])}

    ring_names = _ring_names(garden, redact)
    cluster_labels = _cluster_labels(garden, redact, c.scrub if redact else None)
    ring_counts = {k: 0 for k in range(1, 7)}
    ring_counts.update(Counter(c.ring))
    health_counts = {h: 0 for h in HEALTH}
    health_counts.update((HEALTH[h], k) for h, k in Counter(c.health).items())
    cluster_counts = Counter(c.cluster)
    rings = [[k, a, b, ring_names[k]] for k, (a, b) in c.geometry.rings.items() if ring_counts[k]]
    sectors = [[cid, round(a, 4), round(b, 4), cluster_labels.get(cid, f"Cluster {cid}")]
               for cid, (a, b) in c.geometry.sectors.items()]
    meta = {
        "you": c.owner, "asOf": as_of.date().isoformat(), "labelRings": LABEL_RINGS,
        "health": list(HEALTH), "palette": [PALETTE[h] for h in HEALTH], "physics": bool(physics),
        "visRings": VIS_RINGS, "visCap": VIS_CAP, "fontFace": FONT_FACE,
        "labelFont": [LABEL_FONT[k] for k in range(LABEL_RINGS + 1)], "ring3MinPx": RING3_MIN_PX,
    }
    data = {"meta": meta, "rings": rings, "sectors": sectors, "strings": strings, "n": n, "e": e}
    context = {
        "title": "Garden map" + (f" \u00b7 {garden.month}" if getattr(garden, "month", None) else ""),
        "people_count": count, "tie_count": len(e["a"]), "as_of": meta["asOf"],
        "redacted": bool(redact), "max_ring": int(max_ring),
        "rings": [(k, ring_names[k], ring_counts[k]) for k in range(1, 7) if ring_counts[k]],
        "health": [(h, PALETTE[h], health_counts[h]) for h in HEALTH],
        # the set of tags in use, sorted as the page lists them
        "tags": sorted(set(tags), key=lambda t: (t.lower(), t)),  # case-blind, then stable
        "clusters": sorted(((cid, cluster_labels.get(cid, f"Cluster {cid}"), k) for cid, k in cluster_counts.items()),
                           key=lambda t: (t[0] == -1, -t[2], t[0])),
    }
    return data, context


def render_map(garden, *, max_ring=6, redact=False, pseudonyms=None, keep_companies=False,
               physics=False) -> str:
    """The map as one standalone HTML document (offline, nothing loaded from anywhere).

    Takes the options of :func:`build_network` and draws the same people and ties,
    packed column by column rather than through pyvis' node dicts. Every string from
    the garden reaches the page either autoescaped by Jinja2 or inside the JSON block,
    and the page puts it on screen with ``textContent`` only.
    """
    columns = _columns(garden, max_ring=max_ring, redact=redact, pseudonyms=pseudonyms or {},
                       keep_companies=keep_companies)
    data, context = _pack(columns, garden, max_ring=max_ring, redact=redact, physics=physics)
    js, css = _vis_assets()
    template = _environment().get_template("map.html.j2")
    return template.render(data=data, vis_js=js, vis_css=css, font_face=FONT_FACE, **context)


def write_map(garden, path, **options) -> Path:
    """Write :func:`render_map` to ``path``, readable by its owner only (mode 0o600)."""
    from netlib.paths import write_private

    return write_private(Path(path), render_map(garden, **options))


def map_frame(html: str, height: int = 650) -> str:
    """A rendered map as an ``<iframe srcdoc>`` that needs no server (HTML text).

    Works in JupyterLab, VS Code and nbconvert's HTML export (where ``Network.show()``
    does not); scripts run in a sandbox without access to the notebook's page.
    """
    from html import escape

    return (  # wrapped in a div: IPython warns about bare iframes, suggesting IFrame (a URL)
        f'<div class="netlib-map"><iframe srcdoc="{escape(html, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:0;border-radius:6px" '
        f'title="Network map" loading="eager"></iframe></div>'
    )


def map_widget(html: str, height: int = 650):
    """Show a rendered map in a notebook (:func:`map_frame` as ``IPython.display.HTML``)."""
    from IPython.display import HTML

    return HTML(map_frame(html, height))
