"""Positions for the network map: you at the centre, people on rings, clusters as sectors.

The layout is computed here, in Python, so the browser draws at once with physics off.
Ring ``k`` (1 innermost ... 6 outermost) is an annulus whose radius grows with ``k``;
each cluster owns an angular sector whose width is proportional to its size, so the
garden's shape shows instead of a hairball. Inside a sector, stronger ties sit nearer
the inner edge of their ring; crowded rings (typically 5 and 6) spread over a band of
several rows, and a golden-ratio sequence jitters each dot so neighbours don't overlap.

Everything is vectorised with numpy (see ``benchmarks/map_bench.py`` for its speed) and
deterministic: the same frame and ``seed`` give the same positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["RingGeometry", "clean_rings", "ring_geometry", "ring_layout", "ring_positions"]

RINGS = (1, 2, 3, 4, 5, 6)
UNCLUSTERED = -1
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0  # 0.618..., the golden-angle fraction of a turn
_START = -math.pi / 2  # the first sector starts at twelve o'clock and runs clockwise
_LABELLED_PITCH = 64.0  # arc length a labelled dot (rings 1-3) needs, in layout units
_DOT_PITCH = 15.0  # arc length a small unlabelled dot needs
_ROW_PITCH = 15.0  # radial distance between rows of a crowded ring
_LABELLED_ROW_PITCH = 56.0  # ... of a crowded labelled ring: big dots (up to 24 units) must not touch
# where each ring starts, in units of ring_radius: generous inside, compact outside
_RING_START = {1: 1.0, 2: 1.9, 3: 2.9, 4: 3.9, 5: 4.6, 6: 5.3}


@dataclass(frozen=True)
class RingGeometry:
    """The shape the layout uses: ring annuli and cluster sectors.

    ``rings`` maps ring -> (inner radius, outer radius); ``sectors`` maps cluster id ->
    (start angle, end angle) in radians, clockwise from twelve o'clock (canvas y grows
    downwards). Cluster ``-1`` (no cluster) comes last.
    """

    rings: dict
    sectors: dict


def clean_rings(people: pd.DataFrame) -> np.ndarray:
    """Each row's ring, 1-6 (missing, NaN or junk: 6), as an int64 array."""
    if "ring" not in people:
        return np.full(len(people), 6, dtype=np.int64)
    ring = pd.to_numeric(people["ring"], errors="coerce").fillna(6)
    return np.clip(ring.to_numpy(dtype=float), 1, 6).astype(np.int64)


def _columns(people: pd.DataFrame, ring=None):
    """Ring, cluster and strength as clean numpy arrays (NaN and junk made safe); ``ring``:
    :func:`clean_rings` of ``people``, when the caller has it."""
    n = len(people)
    ring = clean_rings(people) if ring is None else ring
    if "cluster" in people:
        cluster = pd.to_numeric(people["cluster"], errors="coerce").fillna(UNCLUSTERED)
        cluster = cluster.to_numpy(dtype=float).astype(np.int64)
    else:
        cluster = np.full(n, UNCLUSTERED, dtype=np.int64)
    if "strength" in people:
        strength = pd.to_numeric(people["strength"], errors="coerce").fillna(0.0)
        strength = np.clip(strength.to_numpy(dtype=float), 0.0, 1.0)
    else:
        strength = np.full(n, 0.5)
    return ring, cluster, strength


def _sector_table(cluster: np.ndarray):
    """Cluster ids in drawing order and each one's (start, end) angle."""
    ids, counts = np.unique(cluster, return_counts=True)
    if len(ids) == 0:
        return ids, np.zeros(0), np.zeros(0)
    # biggest clusters first, ties by id; the unclustered crowd last
    order = np.lexsort((ids, -counts, ids == UNCLUSTERED))
    ids, counts = ids[order], counts[order]
    k = len(ids)
    gap = 0.0 if k == 1 else min(0.06, 2 * math.pi * 0.12 / k)
    width = (2 * math.pi - k * gap) * counts / counts.sum()
    start = _START + gap / 2 + np.concatenate(([0.0], np.cumsum(width + gap)[:-1]))
    return ids, start, start + width


def _plan(people: pd.DataFrame, ring_radius: float, ring=None):
    """Everything both the geometry and the positions need, computed once."""
    ring, cluster, strength = _columns(people, ring)
    ids, s_start, s_end = _sector_table(cluster)
    sorter = np.argsort(ids)
    sector = sorter[np.searchsorted(ids, cluster, sorter=sorter)]  # position in drawing order
    # groups: (sector, ring), members sorted strongest first, then by row order
    group_key = sector * 8 + ring  # (sector, ring) in that order, as rings are 1-6
    order = np.lexsort((-strength, group_key))  # stable: equals keep their row order
    group_key = group_key[order]
    new_group = np.ones(len(order), dtype=bool)
    new_group[1:] = group_key[1:] != group_key[:-1]
    group_id = np.cumsum(new_group) - 1
    group_start = np.flatnonzero(new_group)
    rank = np.arange(len(order)) - group_start[group_id]
    group_size = np.diff(np.append(group_start, len(order)))
    g_sector = sector[order][group_start]
    g_ring = ring[order][group_start]
    g_width = (s_end - s_start)[g_sector] if len(ids) else np.zeros(0)

    # rings from the inside out; a crowded ring grows a band of rows and pushes the next out
    bands, g_rows, outer = {}, np.ones(len(group_start), dtype=np.int64), 0.0
    for k in RINGS:
        inner = max(ring_radius * _RING_START[k], outer + 0.3 * ring_radius)
        pitch = _LABELLED_PITCH if k <= 3 else _DOT_PITCH
        here = g_ring == k
        if here.any():
            arc = np.maximum(g_width[here] * inner, 1e-9)
            need = np.ceil(group_size[here] * pitch / arc)
            g_rows[here] = np.clip(need, 1, group_size[here]).astype(np.int64)
            rows = int(g_rows[here].max())
        else:
            rows = 1
        thickness = max(rows * (_LABELLED_ROW_PITCH if k <= 3 else _ROW_PITCH), (0.55 if k <= 3 else 0.35) * ring_radius)
        bands[k] = (inner, inner + thickness)
        outer = inner + thickness
    return dict(
        ids=ids, s_start=s_start, s_end=s_end, order=order, group_id=group_id, rank=rank,
        group_size=group_size, g_sector=g_sector, g_ring=g_ring, g_rows=g_rows, bands=bands,
        ring=ring, strength=strength,
    )


def ring_geometry(people: pd.DataFrame, *, ring_radius: float = 150.0) -> RingGeometry:
    """The ring annuli and cluster sectors :func:`ring_layout` places people in.

    >>> people = pd.DataFrame({"ring": [1, 6], "cluster": [0, 0], "strength": [0.9, 0.1]})
    >>> geo = ring_geometry(people)
    >>> geo.rings[1][0] < geo.rings[6][0]
    True
    """
    return _geometry(_plan(people, float(ring_radius)))


def _geometry(plan: dict) -> RingGeometry:
    sectors = {
        int(c): (float(a), float(b)) for c, a, b in zip(plan["ids"], plan["s_start"], plan["s_end"])
    }
    rings = {k: (round(a, 1), round(b, 1)) for k, (a, b) in plan["bands"].items()}
    return RingGeometry(rings=rings, sectors=sectors)


def _place(plan: dict, seed: int):
    """Everyone's ``(x, y)`` (rounded to 0.1), in the plan's ``order``."""
    order, gid, rank = plan["order"], plan["group_id"], plan["rank"]
    size, rows = plan["group_size"][gid], plan["g_rows"][gid]
    sector = plan["g_sector"][gid]
    start, end = plan["s_start"][sector], plan["s_end"][sector]
    ring = plan["ring"][order]
    strength = plan["strength"][order]
    inner = np.array([plan["bands"][k][0] for k in RINGS])[ring - 1]
    outer = np.array([plan["bands"][k][1] for k in RINGS])[ring - 1]

    # low-discrepancy jitter, turned by the seed so callers can reshuffle deterministically
    phase = (seed * _GOLDEN) % 1.0
    jitter = (np.arange(len(order)) * _GOLDEN + phase) % 1.0 - 0.5

    # the group's members fill rows strongest-first; each row spreads evenly over the sector
    row = rank * rows // size
    row_first = -(-row * size // rows)  # first rank in that row (ceil division)
    row_len = -(-(row + 1) * size // rows) - row_first
    slot = (rank - row_first + 0.5 + 0.35 * jitter * (row % 2 * 2 - 1)) / np.maximum(row_len, 1)
    # alternate rows shift half a slot so crowded bands look woven, not gridded
    slot = slot + np.where(row % 2 == 1, 0.5 / np.maximum(row_len, 1), 0.0)
    slot = np.clip(slot, 0.02, 0.98)
    angle = start + (end - start) * slot

    single = rows == 1
    thickness = outer - inner
    radial_single = inner + thickness * (0.12 + 0.7 * (1.0 - strength) + 0.12 * jitter)
    pitch = np.where(ring <= 3, _LABELLED_ROW_PITCH, _ROW_PITCH)
    radial_rows = inner + pitch * (row + 0.5) + 0.3 * _ROW_PITCH * jitter
    radius = np.where(single, radial_single, radial_rows)

    x = np.round(radius * np.cos(angle), 1)
    y = np.round(radius * np.sin(angle), 1)
    return x, y


def ring_layout(people: pd.DataFrame, *, ring_radius: float = 150.0, seed: int = 0) -> dict:
    """Map each person id to an ``(x, y)`` position; you are at ``(0, 0)``.

    Parameters
    ----------
    people : DataFrame
        Indexed by person id, with columns ``ring`` (1-6; missing or NaN counts as 6),
        ``cluster`` (int, ``-1`` for none; optional) and ``strength`` (0..1; optional).
    ring_radius : float
        Distance between the starts of consecutive rings when they are not crowded.
    seed : int
        Turns the jitter sequence; the same seed gives the same layout.

    Returns
    -------
    dict
        ``{person id: (x, y)}`` with plain Python ints and floats. Ring ``k`` people sit
        further out than ring ``k - 1`` people. An empty frame gives ``{}``.

    >>> people = pd.DataFrame({"ring": [1, 3], "strength": [1.0, 0.2]}, index=[7, 8])
    >>> pos = ring_layout(people)
    >>> sorted(pos)
    [7, 8]
    >>> abs(complex(*pos[7])) < abs(complex(*pos[8]))
    True
    """
    if len(people) == 0:
        return {}
    plan = _plan(people, float(ring_radius))
    x, y = _place(plan, seed)
    ids = people.index.to_numpy()[plan["order"]]
    return {int(i): (float(a), float(b)) for i, a, b in zip(ids.tolist(), x.tolist(), y.tolist())}


def ring_positions(people: pd.DataFrame, *, ring=None, ring_radius: float = 150.0, seed: int = 0):
    """:func:`ring_layout` and :func:`ring_geometry` at once, from one plan, as columns.

    Returns ``(x, y, geometry)``: float arrays with one position per *row* of ``people``
    (in row order; with distinct ids, the values ``ring_layout`` gives each row's id) and
    the :class:`RingGeometry`. The map uses this to skip the per-id dict at 30,000 people,
    and hands down ``ring``, the rings it drew ``people`` by (:func:`clean_rings` of them:
    not cleaned again; None: cleaned here).

    >>> people = pd.DataFrame({"ring": [1, 3], "strength": [1.0, 0.2]}, index=[7, 8])
    >>> x, y, geo = ring_positions(people)
    >>> (float(x[0]), float(y[0])) == ring_layout(people)[7] and geo == ring_geometry(people)
    True
    """
    plan = _plan(people, float(ring_radius), ring)
    x = np.zeros(len(people))
    y = np.zeros(len(people))
    if len(people):
        x[plan["order"]], y[plan["order"]] = _place(plan, seed)  # back from layout order to rows
    return x, y, _geometry(plan)
