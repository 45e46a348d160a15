"""The people and ties the map draws, as columns of plain Python values (no numpy, no NaN)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import repeat

import numpy as np
import pandas as pd

from netlib.garden.terms import ENDS, HEALTH, RINGS, display_text, shown_all
from netlib.map.labels import LABEL_FONT, LABEL_RINGS, label_lift, label_plan
from netlib.map.layout import RingGeometry, clean_rings, ring_layout, ring_positions

__all__ = ["MAX_TIES", "OWNER_SIZE", "Columns", "columns", "map_meta", "ring_names", "ties_once"]

MAX_TIES = 6000  # ties drawn at most; beyond, inner rings and heavier ties first
LABEL_SHOWN = 60  # characters of a name label drawn on the map at most (its tooltip: SHOWN)
OWNER_SIZE = 20  # your dot, at the centre


def _tags(value) -> list:
    """One ``tags`` cell as a list: a list (or array) gives its distinct non-empty tags,
    sorted; text gives its comma-separated parts, in order (:func:`_tag_lists` cuts them)."""
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Series)):
        try:
            texts = list(map(str.strip, value, repeat(ENDS)))  # tags are text (the usual case)
        except TypeError:  # NaN, None, numbers, ...
            texts = list(map(display_text, value))
        return sorted({t for t in texts if t})
    text = value.strip(ENDS) if isinstance(value, str) else display_text(value)
    return [t.strip(ENDS) for t in text.split(",") if t.strip(ENDS)] if text else []


def _tag_lists(column: pd.Series) -> list:
    """:func:`_tags` of every cell, ``()`` for none (most people have no tags, and 30,000
    new empty lists would cost a garbage collection of the whole heap), each tag as shown
    (:func:`~netlib.garden.terms.shown_all`: one look at the distinct tags when none needs a change)."""
    values = column.tolist()
    if set(map(type, values)) <= {list}:  # the usual case: only the few people with tags need a look
        out = [()] * len(values)
        for k in np.flatnonzero(np.fromiter(map(bool, values), dtype=bool, count=len(values))).tolist():
            out[k] = _tags(values[k]) or ()
    else:
        out = [() if type(v) is list and not v else (_tags(v) or ()) for v in values]
    distinct = sorted(set().union(*out))  # a few
    if shown_all(distinct) is distinct:
        return out
    return [shown_all(tags) if tags else () for tags in out]


def _texts(column: pd.Series) -> list:
    """:func:`~netlib.garden.terms.display_text` of every cell, a text column at once
    (each at most :data:`~netlib.garden.terms.SHOWN` characters, as it says)."""
    values = column.to_numpy(dtype=object)
    try:
        return shown_all(list(map(str.strip, values, repeat(ENDS))))  # a text column: every cell a str (the usual case)
    except TypeError:  # NaN, None, numbers, lists, ...
        pass
    missing = column.isna().to_numpy()
    if missing.any():  # a text column with gaps: its gaps are "" (as display_text says), at once
        try:
            return shown_all(list(map(str.strip, column.where(~missing, "").to_numpy(dtype=object), repeat(ENDS))))
        except TypeError:
            pass
    return shown_all([v.strip(ENDS) if type(v) is str else display_text(v) for v in values])


def _days(column: pd.Series) -> np.ndarray:
    """Each cell as a ``datetime64[D]`` day, ``NaT`` when missing."""
    dates = pd.to_datetime(column, errors="coerce")
    return dates.to_numpy(dtype="datetime64[us]").astype("datetime64[D]")


def _column(people: pd.DataFrame, name: str, default):
    return people[name] if name in people else pd.Series(default, index=people.index, dtype=object)


def _people(garden, max_ring: int) -> pd.DataFrame:
    """The people drawn (rings 1 to ``max_ring``), their ``ring`` cleaned once, here
    (:func:`~netlib.map.layout.clean_rings`): the layout is handed it as it is."""
    people = garden.people
    ring = clean_rings(people)
    return people.assign(ring=ring)[ring <= int(max_ring)]


def _rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """``[round(float(v), digits) for v in values]`` as a float array, vectorised: numpy's
    round agrees with Python's except next to a halfway point (...5), where Python's own round
    decides."""
    values = np.asarray(values, dtype=float)
    scaled = values * 10.0 ** digits
    out = np.round(values, digits)
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near.any():
        out[near] = [round(float(v), digits) for v in values[near]]
    return out


def _sizes(ring: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """:func:`_size` of every person."""
    raw = np.where(ring <= LABEL_RINGS, 8 + 16 * strength, np.where(ring == 4, 4 + 7 * strength, 2.5 + 4 * strength))
    return _rounded(raw, 1)


@dataclass
class Columns:
    """The drawn people and ties as columns, one entry per person in garden order (ids
    distinct): what :func:`netlib.map.mapnetwork.network` turns into pyvis nodes (through
    :meth:`plain`) and the page packs, computed a column at a time. The numbers are numpy
    arrays (the page packs them as they are), the rest lists of plain Python values."""

    owner: str
    geometry: RingGeometry
    ids: list = field(default_factory=list)
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # canvas units, rounded to 0.1
    y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    size: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ring: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="int64"))
    health: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="int64"))  # index into HEALTH
    strength: np.ndarray = field(default_factory=lambda: np.zeros(0))  # rounded to 0.01
    cluster: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="int64"))
    bridge: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
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

    def plain(self) -> Columns:
        """These columns with every array as a list of plain Python values (what pyvis takes)."""
        return replace(self, **{name: getattr(self, name).tolist() for name in _ARRAYS})


_ARRAYS = ("x", "y", "size", "ring", "health", "strength", "cluster", "bridge")


def columns(garden, *, max_ring: int = 6) -> Columns:
    """Everything the map draws of ``garden`` (rings ``1..max_ring``), a column at a time.

    The garden's texts are shown as they are: a redacted garden
    (:func:`netlib.report.redact.redact_garden`) draws redacted.
    """
    people = _people(garden, max_ring)
    settings = getattr(garden, "settings", None) or {}
    owner = display_text(settings.get("owner_name")) or "You"
    ring = people["ring"].to_numpy(dtype="int64")  # clean_rings, by _people
    x, y, geometry = ring_positions(people, ring=ring)
    if len(people) == 0:
        return Columns(owner=owner, geometry=geometry)

    ids = people.index.tolist()
    if not pd.api.types.is_integer_dtype(people.index):
        ids = [int(pid) for pid in ids]
    repeated = not people.index.is_unique
    if repeated:  # every row of a repeated id sits where ring_layout puts that id
        positions = ring_layout(people)
        x, y = np.array([positions[pid][0] for pid in ids]), np.array([positions[pid][1] for pid in ids])
    names = _texts(_column(people, "name", ""))
    company = _texts(_column(people, "company", ""))
    position = _texts(_column(people, "position", ""))
    next_action = _texts(_column(people, "next_action", ""))
    tags = _tag_lists(_column(people, "tags", None))
    if not all(names):
        names = [name or f"Person {pid}" for name, pid in zip(names, ids)]

    strength = pd.to_numeric(_column(people, "strength", 0.0), errors="coerce").fillna(0.0).to_numpy(dtype=float)
    strength = np.clip(strength, 0, 1)
    cluster = pd.to_numeric(_column(people, "cluster", -1), errors="coerce").fillna(-1).to_numpy(dtype="int64")
    # the index of each health in HEALTH; anything else counts as dormant
    health = pd.Index(HEALTH).get_indexer(_column(people, "health", "dormant"))
    health = np.where(health < 0, HEALTH.index("dormant"), health)
    bridge = _column(people, "bridge", False).fillna(False).astype(bool).to_numpy(dtype=bool)
    sizes = _sizes(ring, strength)
    strengths = _rounded(strength, 2)

    # labels: only rings 1..LABEL_RINGS take part in the plan (the rest never get one)
    labels = [" "] * len(ids)  # pyvis turns a falsy label into the id: " " is no label
    labelled, lift = [False] * len(ids), {}
    inner = np.flatnonzero(ring <= LABEL_RINGS)
    plan = list(zip(x[inner].tolist(), y[inner].tolist(), sizes[inner].tolist(), ring[inner].tolist(),
                    strengths[inner].tolist(), shown_all([names[k] for k in inner.tolist()], LABEL_SHOWN)))
    for k, person, chosen in zip(inner.tolist(), plan, label_plan(owner, OWNER_SIZE, plan)):
        if chosen is not None:
            labels[k], labelled[k] = chosen[0], True
            if chosen[1]:
                lift[k] = label_lift(person[2], LABEL_FONT[person[3]])

    drawn = Columns(
        owner=owner, geometry=geometry, ids=ids, x=x, y=y, size=sizes, ring=ring, health=health.astype("int64"),
        strength=strengths, cluster=cluster, bridge=bridge, name=names, company=company,
        position=position, next_action=next_action, tags=tags, last=_days(_column(people, "last_interaction", pd.NaT)),
        label=labels, labelled=labelled, lift=lift, ties=_ties(garden, people),
    )
    return _first_of_each(drawn) if repeated else drawn


def _first_of_each(columns: Columns) -> Columns:
    """A repeated person id is drawn once, from its first row (as pyvis keeps the first
    node of an id); the other rows still took part in the layout and the label plan."""
    first = {}
    for k, pid in enumerate(columns.ids):
        first.setdefault(pid, k)
    rows = list(first.values())
    keep = {}
    for name in ("ids", "name", "company", "position", "next_action", "tags", "label", "labelled"):
        values = getattr(columns, name)
        keep[name] = [values[k] for k in rows]
    for name in _ARRAYS:
        keep[name] = getattr(columns, name)[rows]
    keep["last"] = columns.last[rows]
    keep["lift"] = {j: columns.lift[k] for j, k in enumerate(rows) if k in columns.lift}
    return Columns(owner=columns.owner, geometry=columns.geometry, ties=columns.ties, **keep)


def _ties(garden, people: pd.DataFrame) -> tuple[list, list, list]:
    """Ties between drawn people as plain columns ``(a, b, weight)``: each pair once
    (either way round, its first tie), at most :data:`MAX_TIES` ties kept."""
    ties = getattr(garden, "ties", None)
    if ties is None or len(ties) == 0:
        return [], [], []
    a, b = _numbers(ties["a"]), _numbers(ties["b"])
    w = _numbers(ties["weight"]) if "weight" in ties else np.full(len(ties), 0.5)
    w = np.clip(np.where(np.isnan(w), 0.5, w), 0, 1)
    ring_a, ring_b = _rings_of(people, a), _rings_of(people, b)  # 0: not drawn (or not a number)
    keep = (ring_a > 0) & (ring_b > 0) & (a != b)
    if not keep.all():  # (at max_ring 6, every tie is drawn: nothing to copy)
        a, b, w, ring_a, ring_b = a[keep], b[keep], w[keep], ring_a[keep], ring_b[keep]
    a, b = a.astype("int64", copy=False), b.astype("int64", copy=False)
    if len(a) > MAX_TIES:
        # inner rings (1-4) first, then heavier, then by ids (a then b: one key when both fit 31 bits)
        outer = (np.maximum(ring_a, ring_b) > 4).astype(np.int8)
        small = len(a) == 0 or (min(a.min(), b.min()) >= 0 and max(a.max(), b.max()) < 2 ** 31)
        keys = [outer, -w] + ([(a << 31) | b] if small else [a, b])
        rows = _first_rows(keys, MAX_TIES)
        a, b, w = a[rows], b[rows], w[rows]
    first = ~pd.DataFrame({"lo": np.minimum(a, b), "hi": np.maximum(a, b)}).duplicated().to_numpy()
    return a[first].tolist(), b[first].tolist(), _rounded(w[first], 2).tolist()


def _numbers(column: pd.Series) -> np.ndarray:
    """A column as floats (NaN where not a number); an integer column as it is."""
    if pd.api.types.is_integer_dtype(column.dtype) and not isinstance(column.dtype, pd.CategoricalDtype):
        return column.to_numpy(dtype="int64")
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)


def _rings_of(people: pd.DataFrame, ids: np.ndarray) -> np.ndarray:
    """The ring of each of ``ids`` among the drawn ``people`` (1-6), 0 where not drawn."""
    index, ring = people.index, people["ring"].to_numpy(dtype="int64")
    known = pd.api.types.is_integer_dtype(index.dtype) and len(index) and index.min() >= 0
    if known and index.max() < 4 * len(index) + 1024 and ids.dtype.kind == "i":  # dense ids: one lookup table
        first = slice(None) if index.is_unique else ~index.duplicated()  # a repeated id: its first row
        table = np.zeros(index.max() + 1, dtype="int64")
        table[index.to_numpy()[first]] = ring[first]
        inside = (ids >= 0) & (ids < len(table))
        return np.where(inside, table[np.clip(ids, 0, len(table) - 1)], 0)
    first = ~index.duplicated()
    return pd.Series(ring[first], index=index[first]).reindex(ids).fillna(0).to_numpy(dtype="int64")


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
        if values.dtype.kind == "f":  # weights: np.partition is slow on many equal floats
            kth = np.sort(values)[need - 1]
        else:  # ids and flags: selecting beats sorting
            kth = np.partition(values, need - 1)[need - 1]
        chosen.append(rows[values < kth])
        need -= len(chosen[-1])
        rows = rows[values == kth]
    rows = np.sort(np.concatenate(chosen + [rows]))  # equal rows keep their order
    return rows[np.lexsort([key[rows] for key in reversed(keys)])][:k]


def ties_once(ties, ids) -> list:
    """The ``(a, b, weight)`` rows of ``ties`` between ``ids``, each pair once (either way
    round, its first tie): what :meth:`~netlib.map.mapnetwork.MapNetwork.add_ties_bulk` adds."""
    pairs, out = set(), []
    for a, b, w in ties:
        key = frozenset((a, b))
        if key not in pairs and a in ids and b in ids:
            pairs.add(key)
            out.append((a, b, w))
    return out


def map_meta(c: Columns, garden) -> dict:
    """What the map shows beside its people: ``rings`` (``[ring, inner radius, outer radius,
    ring name]`` of each ring drawn), ``sectors`` (``[cluster, start angle, end angle, cluster
    label]``), ``as_of`` (ISO date) and ``month`` of the garden."""
    names, cluster_labels = ring_names(garden), _cluster_labels(garden)
    present = set(np.unique(c.ring).tolist())
    return {
        "rings": [[k, a, b, names[k]] for k, (a, b) in c.geometry.rings.items() if k in present],
        "sectors": [[cid, round(a, 4), round(b, 4), cluster_labels.get(cid, f"Cluster {cid}")]
                    for cid, (a, b) in c.geometry.sectors.items()],
        "as_of": pd.Timestamp(getattr(garden, "as_of", None) or pd.Timestamp.today()).date().isoformat(),
        "month": display_text(getattr(garden, "month", None)),
    }


def ring_names(garden) -> dict:
    """Each ring's name (:data:`~netlib.garden.terms.RINGS`, or the garden's ``ring_name``)."""
    names = dict(RINGS)
    people = garden.people
    if "ring_name" in people and "ring" in people and len(people):
        pairs = people[["ring", "ring_name"]].dropna().drop_duplicates("ring")
        for ring, name in zip(pd.to_numeric(pairs["ring"], errors="coerce"), pairs["ring_name"]):
            if display_text(name) and 1 <= ring <= 6:  # NaN, inf and junk are no ring
                names[int(ring)] = display_text(name)
    return names


def _cluster_labels(garden) -> dict:
    clusters = getattr(garden, "clusters", None)
    labels = {}
    if clusters is not None and len(clusters) and "label" in clusters:
        for cid, label in zip(clusters.index.tolist(), clusters["label"].tolist()):
            labels[int(cid)] = display_text(label) or f"Cluster {int(cid)}"
    labels[-1] = "no cluster"
    return labels
