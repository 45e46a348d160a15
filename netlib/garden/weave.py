"""The weave: ties among your people, their clusters and brokers (bridges); warm paths
through it are in :mod:`netlib.garden.paths`.

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
    Burt's constraint ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` and effective size
    ``sum_j (1 - sum_q p_iq m_jq)`` (``p`` = weight share, ``m`` = weight over the
    neighbour's largest weight), computed for all people at once from the triangles
    ``i, q, j``, each found once, with numpy (networkx's ``constraint`` is cubic in degree):
    two sums per tie, since ties are symmetric.
    A *bridge* has constraint <=
    ``bridge_max_constraint`` and at least ``bridge_min_outside`` of its tie weight into
    clusters other than its own.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from netlib.garden.clusternames import cluster_labels, company_keys
from netlib.garden.graph import at_least, pairs_within, runs as _runs, segments as _segments, stable_order as _stable_order
from netlib.importers.records import TIE_KINDS
from netlib.store.snapshot import positions

__all__ = ["build_ties", "clusters", "structural_holes", "bridges", "company_keys"]

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
    nodes, a, b, where = _nodes(ties["a"].to_numpy(), ties["b"].to_numpy(), people.index.to_numpy())
    w = ties["weight"].to_numpy(dtype=float)
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
    ``ids`` (else None). The positions come from one array lookup, not a sort and a hash;
    ties to ids not among the people, or people not sorted, take the general way."""
    if ids.dtype.kind in "iu" and a.dtype.kind in "iu" and b.dtype.kind in "iu" and (ids[1:] > ids[:-1]).all():
        at = positions(ids, np.concatenate([a, b]))
        if len(at) and (at >= 0).all():
            tied = np.zeros(len(ids), dtype=bool)
            tied[at] = True
            where = np.flatnonzero(tied)
            rank = np.cumsum(tied) - 1  # a tied person's place among the tied, sorted as ids are
            return pd.Index(ids[where]), rank[at[:len(a)]], rank[at[len(a):]], where
    nodes = pd.Index(np.sort(pd.unique(np.concatenate([a, b]))))
    return nodes, nodes.get_indexer(a), nodes.get_indexer(b), None


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


def structural_holes(ties: pd.DataFrame, index: pd.Index, *, chunk: int = 2_000_000) -> pd.DataFrame:
    """Burt's constraint and effective size of every person, vectorised over triangles.

    For ego ``i`` with weight shares ``p_ij = w_ij / T_i`` (``T_i = sum_k w_ik``) and
    ``m_jq = w_jq / max_k w_jk``::

        constraint(i)     = sum_j (p_ij + sum_q p_iq p_qj) ** 2
        effective_size(i) = sum_j (1 - sum_q p_iq m_jq)

    with ``j`` and ``q`` over ``i``'s neighbours. These equal networkx's ``constraint`` and
    ``effective_size`` with ``weight="weight"`` (see tests/test_weave.py). Ties are
    symmetric, so the inner sums are two sums per tie ``i - j`` over its triangles:
    ``sum_q p_iq p_qj = S_ij / T_i`` with ``S_ij = sum_q w_iq w_qj / T_q``, and
    ``sum_q p_iq m_jq = R_ij / (T_i max_k w_jk)`` with ``R_ij = sum_q w_iq w_qj``. Each
    triangle is found once, at its corner of lowest (degree, position), by looking up the
    tie between every pair of that corner's neighbours of higher rank (a quarter of all
    wedges on the benchmark's garden), and adds to ``R`` and ``S`` of its three ties; in
    chunks of about ``chunk`` pairs, so memory stays bounded. A pair tied twice (a frame
    not from build_ties) is one tie of the summed weight; ties to anyone not in ``index``,
    or to oneself, are left out.

    Returns
    -------
    pandas.DataFrame
        Index ``index``; ``degree``, ``constraint``, ``effective_size``; NaN where the
        person has no tie (networkx's convention for isolated nodes).
    """
    n = len(index)
    if len(ties) == 0 or n == 0:
        return pd.DataFrame({"degree": np.zeros(n, dtype=np.int64), "constraint": np.nan, "effective_size": np.nan},
                            index=index)
    lo, hi, w, keys = _pairs(ties, index)
    ends, both = np.concatenate([lo, hi]), np.concatenate([w, w])
    deg = np.bincount(ends, minlength=n)
    total = np.bincount(ends, weights=both, minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, ends, both)
    rank = np.empty(n, dtype=np.int64)
    rank[_stable_order(deg, int(deg.max()) + 1)] = np.arange(n)  # by (degree, position)
    flip = rank[lo] > rank[hi]
    low, high = np.where(flip, hi, lo), np.where(flip, lo, hi)  # each tie from its end of lower rank
    ahead = _stable_order(low, n)  # the ties grouped by their lower end
    up = np.bincount(low, minlength=n)
    start = np.cumsum(up) - up  # where each node's ties start in ``ahead``
    lookup = pd.Index(keys).get_indexer  # a hash index (-1: absent), faster than a binary search here
    r_sum, s_sum = np.zeros(len(w)), np.zeros(len(w))
    corners = np.flatnonzero(up >= 2)
    cost = up[corners].astype(np.int64) ** 2
    bounds = np.searchsorted(np.cumsum(cost), np.arange(chunk, cost.sum() + chunk, chunk), side="right")
    lo_at = 0
    for hi_at in np.unique(np.r_[bounds, len(corners)]):
        qs = corners[lo_at:hi_at]
        lo_at = hi_at
        if len(qs) == 0:
            continue
        # every pair x < y of a corner q's ties ahead once, q by q, x outer
        x = _segments(start[qs], up[qs])
        later = np.repeat(start[qs] + up[qs] - 1, up[qs]) - x  # ties of the same q after x
        qi = np.repeat(ahead[x], later)  # q - i
        qj = ahead[_segments(x + 1, later)]  # q - j, for every tie of q after x
        i, j = np.repeat(high[ahead[x]], later), high[qj]
        ij = lookup(np.minimum(i, j) * n + np.maximum(i, j))
        hit = np.flatnonzero(ij >= 0)  # the wedge i - q - j closes: a triangle
        qi, qj, ij, i, j = qi[hit], qj[hit], ij[hit], i[hit], j[hit]
        # a tie's third corner c adds w(one end - c) * w(c - other end) to R, that over T_c to S
        tie = np.concatenate([ij, qi, qj])
        product = np.concatenate([w[qi] * w[qj], w[qj] * w[ij], w[qi] * w[ij]])
        r_sum += np.bincount(tie, weights=product, minlength=len(w))
        s_sum += np.bincount(tie, weights=product / total[np.concatenate([low[qi], j, i])], minlength=len(w))
    none = deg == 0
    local = np.concatenate([((w + s_sum) / total[lo]) ** 2, ((w + s_sum) / total[hi]) ** 2])
    constraint = np.bincount(ends, weights=local, minlength=n)
    # (no triangle on a tie: nothing redundant, even where zero weights make the shares 0 / 0)
    r_both = np.concatenate([r_sum, r_sum])
    scale = np.concatenate([total[lo] * wmax[hi], total[hi] * wmax[lo]])
    redundant = np.divide(r_both, scale, out=np.zeros(len(r_both)), where=r_both != 0)
    effective = np.bincount(ends, weights=1.0 - redundant, minlength=n)
    constraint[none] = effective[none] = np.nan
    return pd.DataFrame({"degree": deg, "constraint": constraint, "effective_size": effective}, index=index)


def _pairs(ties: pd.DataFrame, index: pd.Index):
    """Every tied pair of positions in ``index`` once: ``(lo, hi, w, lo * len(index) + hi)``,
    ``lo < hi``, sorted; a pair tied twice has its weights added."""
    n = len(index)
    ids = index.to_numpy()
    a, b = positions(ids, ties["a"].to_numpy()), positions(ids, ties["b"].to_numpy())
    keep = (a >= 0) & (b >= 0) & (a != b)
    w = ties["weight"].to_numpy(dtype=float)[keep]
    keys = np.minimum(a, b)[keep].astype(np.int64) * n + np.maximum(a, b)[keep]
    if len(keys) > 1 and not (keys[1:] > keys[:-1]).all():  # build_ties' frame is sorted, each pair once
        order = np.argsort(keys, kind="stable")
        keys, w = keys[order], w[order]
        one = _runs(keys)
        keys, w = keys[one], np.add.reduceat(w, one)
    return keys // n, keys % n, w, keys


def bridges(holes: pd.DataFrame, ties: pd.DataFrame, cluster: pd.Series, settings: dict) -> pd.Series:
    """True for brokers: at least ``bridge_min_outside`` (a quarter) of their tie weight
    runs into other clusters, and Burt's constraint is at most ``bridge_max_constraint``.

    Constraint alone would crown members of big cliques (a member of a 50-person colleague
    clique has constraint about 4/50); the outside share says the ties reach across.
    """
    flag = pd.Series(False, index=holes.index)
    if len(ties) == 0:
        return flag
    a, b, w = ties["a"].to_numpy(), ties["b"].to_numpy(), ties["weight"].to_numpy(dtype=float)
    ends = np.concatenate([a, b])
    at = positions(cluster.index.to_numpy(), ends)
    if len(at) and (at >= 0).all():  # every tied id has its cluster (-1: none): an array lookup
        ca, cb = cluster.to_numpy()[at[:len(a)]], cluster.to_numpy()[at[len(a):]]
    else:
        ca, cb = cluster.reindex(a).to_numpy(), cluster.reindex(b).to_numpy()
    cross = (ca != cb)
    out = np.concatenate([w * (cross & (cb >= 0)), w * (cross & (ca >= 0))])
    low = holes["constraint"].le(settings["bridge_max_constraint"]) & holes["degree"].ge(2)
    cut = settings["bridge_min_outside"]
    mine = at if holes.index.equals(cluster.index) else positions(holes.index.to_numpy(), ends)
    share_ok = at_least(mine, np.concatenate([w, w]), out, len(holes), cut, key=ends)  # grouped by id, as before
    return pd.Series(share_ok, index=holes.index) & low
