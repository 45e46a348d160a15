"""The weave: ties among your people and their clusters; its brokers (bridges) are in
:mod:`netlib.garden.bridges`, warm paths through it in :mod:`netlib.garden.paths`.

Everything here works on the people-to-people graph *without you in it* (you are tied to
everyone, which would hide the structure).

Ties
    ``snapshot.ties`` (co-attendance, colleague, knows, family, intro) plus ``colleague``
    ties derived from the same normalised company (:func:`netlib.importers.normalise.company_key`)
    for companies with at most ``colleague_group_cap`` (50) of your people: a 2,000-person
    company would otherwise add two million edges that say little about who knows whom.
    Per pair, ``raw = sum(tie_kind_weights[kind] * weight)`` (a derived colleague tie
    only where no colleague tie is recorded) and ``weight = 1 - exp(-raw)`` in 0..1.
Clusters
    Leiden (python-igraph's ``community_leiden``, maximising modularity, seeded with
    ``seed``), for every garden size: one method, deterministic, and better partitions
    than Louvain or label propagation gave here in less time (``benchmarks/garden_bench.py``).
    Leiden's communities are connected. Singletons get cluster -1. Where companies already
    describe the weave (their members keep at least half their tie weight among themselves,
    and such companies hold at least half the people), Leiden starts from them and one
    iteration reaches the modularity two give from singletons (figures in the benchmark).
    Named honestly (:mod:`netlib.garden.clusternames`): a company's name only when most of the
    cluster works there, else a tag or event at least half of it shares, else "N people
    around NAME".
Bridges
    Burt's structural holes and the brokers they make are in :mod:`netlib.garden.bridges`.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from netlib.garden.clusternames import cluster_labels, company_keys
from netlib.garden.graph import pairs_within, runs as _runs, stable_order as _stable_order
from netlib.importers.records import TIE_KINDS
from netlib.store.snapshot import positions

__all__ = ["build_ties", "clusters", "company_keys"]

_KIND_BIT = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


def build_ties(snapshot, settings: dict, *, keys: np.ndarray | None = None) -> pd.DataFrame:
    """People-to-people ties with columns ``a < b``, ``weight`` (0..1), ``kinds`` (comma-joined).

    Ties to people not in ``snapshot.people`` and self-ties are ignored. ``keys``: the
    people's :func:`company_keys` as an array, when the caller has them (:func:`clusters` reads them too).
    """
    ids = snapshot.people.index
    kind_w = settings["tie_kind_weights"]
    t = snapshot.ties
    # A pair is one integer, rank(a) * n + rank(b) with ranks among the sorted ids: grouping
    # by it (or by pair and kind) makes the same groups in the same order as grouping by the
    # columns, and :func:`_sums` adds the same numbers in the same order as pandas would.
    uid = ids.to_numpy().astype("int64")
    if not (uid[1:] > uid[:-1]).all():  # the store's people come sorted, each once
        uid = np.unique(uid)
    n, n_kinds = max(len(uid), 1), len(TIE_KINDS)
    kind = pd.Index(TIE_KINDS).get_indexer(t["kind"])  # position in TIE_KINDS; -1: not a tie kind
    at_a, at_b = positions(uid, t["a"].to_numpy()), positions(uid, t["b"].to_numpy())
    keep = (at_a >= 0) & (at_b >= 0) & (at_a != at_b) & (kind >= 0)
    w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)[keep]
    at_a, at_b, kind = at_a[keep], at_b[keep], kind[keep]
    pair = np.minimum(at_a, at_b) * n + np.maximum(at_a, at_b)
    kind_weight = np.array([float(kind_w.get(k, 1.0)) for k in TIE_KINDS])
    value = w * kind_weight[kind]
    # The rows grouped by pair, in row order within a pair (one stable sort). A pair of one
    # row and no derived tie (most pairs) sums to its value. The others (``redo``) go through
    # :func:`_sums` per (pair, kind) in order of first appearance, derived ties after, then per
    # pair: pandas is handed the same groups of several rows as over all rows (its sum of a
    # group depends on the other rows it is handed: pandas 3 adds sorted groups by reduceat
    # when none is NaN), so their rows alone give the bits all rows gave.
    order = _stable_order(pair, n * n)
    key = pair[order]
    start = _runs(key)
    size = np.diff(np.r_[start, len(key)])
    pairs, raw = key[start], value[order][start]
    bits = np.bitwise_or.reduceat(np.left_shift(1, kind)[order], start) if len(key) else np.zeros(0, np.int64)
    keys = company_keys(snapshot.people["company"]).to_numpy() if keys is None else keys
    derived = _colleagues(keys, ids.to_numpy().astype("int64"), int(settings["colleague_group_cap"]))
    colleague = TIE_KINDS.index("colleague")
    derived = np.searchsorted(uid, derived[0]) * n + np.searchsorted(uid, derived[1])
    at = np.searchsorted(pairs, derived).clip(max=max(len(pairs) - 1, 0))
    found = (pairs[at] == derived) if len(pairs) else np.zeros(len(derived), dtype=bool)
    recorded = found & (bits[at] & (1 << colleague) > 0) if len(pairs) else found
    derived, found, at = derived[~recorded], found[~recorded], at[~recorded]  # a recorded colleague tie wins
    new, count = np.unique(derived[~found], return_counts=True)
    alone = count == 1  # a derived pair of its own (people ids are unique: all of them)
    exact = size > 1
    exact[at[found]] = True
    if len(new) == 0 and len(pairs) == 0:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64"),
                             "weight": pd.Series(dtype=float), "kinds": pd.Series(dtype=object)})
    # the derived pairs of their own merged in, in order
    slot = np.searchsorted(pairs, new) + np.arange(len(new))
    mine = np.ones(len(pairs) + len(new), dtype=bool)
    mine[slot] = False
    all_pairs, all_raw, all_bits = (np.empty(len(mine), dtype=x.dtype) for x in (pairs, raw, bits))
    all_pairs[mine], all_raw[mine], all_bits[mine] = pairs, raw, bits
    all_pairs[slot], all_raw[slot] = new, float(kind_w.get("colleague", 0.5))
    all_bits[slot] = 1 << colleague
    redo = np.r_[pairs[exact], new[~alone]]
    if len(redo):
        rows = np.sort(order[np.repeat(exact, size)])  # their rows, in row order
        key1, raw1 = _sums(pair[rows] * n_kinds + kind[rows], value[rows], appearance=True)  # per (a, b, kind)
        extra = np.isin(derived, redo)
        pair1 = np.concatenate([key1 // n_kinds, derived[extra]])
        kind1 = np.concatenate([key1 % n_kinds, np.full(int(extra.sum()), colleague)])
        raw1 = np.concatenate([raw1, np.full(int(extra.sum()), float(kind_w.get("colleague", 0.5)))])
        pair1, raw1, bits1 = _sums(pair1, raw1, np.left_shift(1, kind1))  # per (a, b), sorted
        at1 = np.searchsorted(all_pairs, pair1)
        all_raw[at1], all_bits[at1] = raw1, bits1
    present = np.flatnonzero(np.bincount(all_bits))
    names = np.empty(int(present.max()) + 1, dtype=object)
    names[present] = [",".join(k for k in TIE_KINDS if b & _KIND_BIT[k]) for b in present.tolist()]
    return pd.DataFrame({"a": uid[all_pairs // n], "b": uid[all_pairs % n], "weight": 1.0 - np.exp(-all_raw),
                         "kinds": pd.Series(names[all_bits], dtype="str")})  # as Series.map infers it


def _colleagues(keys: np.ndarray, ids: np.ndarray, cap: int):
    """Every pair ``(a, b)``, ``a < b``, of ``ids`` with the same company key (not ``""``),
    in companies of 2 to ``cap`` people; as two arrays."""
    codes = _company_codes(keys)
    size = np.bincount(codes[codes >= 0])
    fit = np.flatnonzero((size >= 2) & (size <= cap))
    member = np.flatnonzero(np.isin(codes, fit))
    member = member[np.lexsort((ids[member], codes[member]))]  # by company, then id
    first, second = pairs_within(codes[member])
    return ids[member[first]], ids[member[second]]


def _company_codes(keys: np.ndarray) -> np.ndarray:
    """Each company key (:func:`company_keys`) as its ``pd.factorize`` code (in order of
    appearance), ``""`` (no company) as -1; the code ``""`` had is left unused."""
    codes = pd.factorize(keys)[0]
    codes[keys == ""] = -1
    return codes


def _sums(key: np.ndarray, value: np.ndarray, bits: np.ndarray | None = None, *, appearance: bool = False):
    """Per distinct ``key``: the key, the sum of ``value`` (pandas' ``groupby(key).sum()``,
    the same bits: its compensated sum, in the order of the rows), and of ``bits`` if given.
    Keys come sorted, or by first appearance with ``appearance=True``."""
    order = _stable_order(key, int(key.max()) + 1 if len(key) else 1)
    k = key[order]
    start = _runs(k)
    size = np.diff(np.r_[start, len(k)])
    total = value[order][start]  # a group of one row sums to its value
    many = size > 1
    if many.any():  # pandas adds the few groups of several rows
        rows = np.repeat(many, size)
        total[many] = pd.Series(value[order][rows]).groupby(k[rows], sort=True).sum().to_numpy()
    out = [k[start], total] + ([np.add.reduceat(bits[order], start)] if bits is not None else [])
    if appearance:
        by_first = _stable_order(order[start], len(key))
        out = [x[by_first] for x in out]
    return out


def clusters(ties: pd.DataFrame, people: pd.DataFrame, settings: dict, *, keys: np.ndarray | None = None):
    """Cluster of every person (-1 = none) and the clusters frame; ``keys``: as for :func:`build_ties`.
    Ties to ids not among ``people`` are left out.

    Returns
    -------
    (pandas.Series, pandas.DataFrame)
        Cluster id per person id; and a frame indexed by cluster id (0 = largest, ties by
        lowest member id) with ``size``, ``label`` (:func:`netlib.garden.clusternames.cluster_labels`: the company
        most members work at, else a tag or event most share, else "N people around
        NAME"), ``label_kind`` (company, tag, event, around), ``hub`` (the id NAME is) and
        ``people`` (list of ids).
    """
    cluster = pd.Series(-1, index=people.index, dtype="int64")
    empty = pd.DataFrame({"size": pd.Series(dtype="int64"), "label": pd.Series(dtype=object),
                          "label_kind": pd.Series(dtype=object), "hub": pd.Series(dtype="int64"),
                          "people": pd.Series(dtype=object)}).rename_axis("cluster")
    if len(ties) == 0:
        return cluster, empty
    nodes, a, b, where, kept = _nodes(ties["a"].to_numpy(), ties["b"].to_numpy(), people.index.to_numpy())
    w = ties["weight"].to_numpy(dtype=float)
    w = w if kept is None else w[kept]
    if len(nodes) == 0:
        return cluster, empty
    keys = company_keys(people["company"]).to_numpy() if keys is None else keys
    keys = pd.Series(keys, index=people.index).reindex(nodes, fill_value="").to_numpy() if where is None else keys[where]
    start = _company_start(keys, a, b, w)
    label = _leiden(a, b, w, len(nodes), int(settings["seed"]), start)
    # Number the groups of two or more: largest first, on equal sizes the lowest member id
    # (nodes are sorted, so a group's first position holds its lowest id).
    _, first, group, size = np.unique(label, return_index=True, return_inverse=True, return_counts=True)
    big = np.flatnonzero(size >= 2)
    big = big[np.lexsort((first[big], -size[big]))]
    renumber = np.full(len(size), -1, dtype=np.int64)
    renumber[big] = np.arange(len(big))
    number = renumber[group]
    if where is None:
        cluster.loc[nodes.to_numpy()] = number
    else:
        values = np.full(len(cluster), -1, dtype=np.int64)
        values[where] = number
        cluster = pd.Series(values, index=people.index)
    if len(big) == 0:
        return cluster, empty
    member = np.flatnonzero(number >= 0)
    member = member[np.argsort(number[member], kind="stable")]  # by cluster, then id
    ids = nodes.to_numpy()[member].tolist()
    ends = np.cumsum(size[big]).tolist()
    inside = number[a] == number[b]  # (a tie between two people alone: both -1, no matter)
    weight = np.bincount(np.concatenate([a[inside], b[inside]]), weights=np.concatenate([w[inside], w[inside]]),
                         minlength=len(nodes))
    labels, kinds, hubs = cluster_labels(nodes.to_numpy()[member], number[member], people, weight[member], keys[member])
    out = pd.DataFrame({"size": size[big].astype(np.int64), "label": labels, "label_kind": kinds, "hub": hubs,
                        "people": [ids[lo:hi] for lo, hi in zip([0, *ends[:-1]], ends)]},
                       index=pd.Index(np.arange(len(big), dtype=np.int64), name="cluster"))
    return cluster, out


def _nodes(a: np.ndarray, b: np.ndarray, ids: np.ndarray):
    """The tied people (sorted ids, an Index), the position among them of each tie's ends,
    and, when every tied id is one of the people ``ids``, sorted, their positions in
    ``ids`` (else None); then which ties those are (None: all). A tie to an id not among
    the people (a frame not from :func:`build_ties`) is left out, as
    :func:`netlib.garden.bridges.structural_holes` leaves it. The positions come from one
    array lookup, not a sort and a hash; ties to ids not among the people, or people not
    sorted, take the general way."""
    if ids.dtype.kind in "iu" and a.dtype.kind in "iu" and b.dtype.kind in "iu" and (ids[1:] > ids[:-1]).all():
        at = positions(ids, np.concatenate([a, b]))
        if len(at) and (at >= 0).all():
            tied = np.zeros(len(ids), dtype=bool)
            tied[at] = True
            where = np.flatnonzero(tied)
            rank = np.cumsum(tied) - 1  # a tied person's place among the tied, sorted as ids are
            return pd.Index(ids[where]), rank[at[:len(a)]], rank[at[len(a):]], where, None
    kept = np.isin(a, ids) & np.isin(b, ids)
    kept = None if kept.all() else kept
    if kept is not None:
        a, b = a[kept], b[kept]
    nodes = pd.Index(np.sort(pd.unique(np.concatenate([a, b]))))
    return nodes, nodes.get_indexer(a), nodes.get_indexer(b), None, kept


def _company_start(company: np.ndarray, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray | None:
    """Where Leiden starts, when companies already describe the weave: the people of each
    company (``company``: its key per position, ``""`` none) that keeps at least half of its
    members' tie weight among them, together, everyone else alone; a community (0..) per
    position. None (everyone starts alone) when such companies hold under half the people."""
    codes = _company_codes(company)
    k = int(codes.max()) + 1
    if k == 0:
        return None
    ca, cb = codes[a], codes[b]
    same = (ca == cb) & (ca >= 0)
    inside = 2 * np.bincount(ca[same], weights=w[same], minlength=k)
    total = np.bincount(np.r_[ca, cb] + 1, weights=np.r_[w, w], minlength=k + 1)[1:]
    together = (codes >= 0) & (inside >= 0.5 * total)[codes.clip(0)] & (inside > 0)[codes.clip(0)]
    if 2 * together.sum() < len(codes):
        return None
    return pd.factorize(np.where(together, codes, k + np.arange(len(codes))))[0]


def _leiden(a: np.ndarray, b: np.ndarray, w: np.ndarray, n: int, seed: int,
            start: np.ndarray | None = None) -> np.ndarray:
    """A community (0..) for each of the positions ``0 .. n - 1``, tied pairwise ``(a, b)``
    with weights ``w``: igraph's Leiden, maximising modularity, seeded.

    igraph draws from one process-wide generator: it is a ``random.Random(seed)`` for this
    call and igraph's default (the ``random`` module) again afterwards, so the same ties
    give the same communities whatever ran before, and nothing else's randomness changes.
    From singletons, two iterations: the second, started from the first's partition, raises
    modularity clearly on the benchmark gardens; a third, or iterating until nothing
    changes, adds little for much more work. From ``start`` (:func:`_company_start`), one:
    on the demo store it reaches the modularity of two from singletons, or more; a second
    adds nothing (benchmarks/garden_bench.py has the figures, times included).
    """
    # imported here, as needed: a kernel that never analyses does without it
    import igraph

    # Pairs streamed from an iterator, each freed as igraph reads it: a list of 300,000
    # pairs (or an array, which igraph turns into one) kept alive set off the garbage
    # collector over every Python object around (garden_bench.py's header has the times).
    g = igraph.Graph(n=n, edges=zip(a.tolist(), b.tolist()))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        part = g.community_leiden(objective_function="modularity", weights=w.tolist(),
                                  n_iterations=2 if start is None else 1,
                                  initial_membership=None if start is None else start.tolist())
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(part.membership, dtype=np.int64)
