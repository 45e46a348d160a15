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
    Named honestly: a company's name only when most of the cluster works there, else a
    tag or event at least half of it shares, else "N people around NAME". Found by Louvain (``louvain_communities``, seeded) up to ``louvain_max_people`` people with ties;
    above that a vectorised, deterministic label propagation (networkx's Louvain and label
    propagation are far too slow at 30,000 people; this one groups by radix sort, never per
    person in Python). Singletons get cluster -1.
Bridges
    Burt's constraint ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` and effective size
    ``sum_j (1 - sum_q p_iq m_jq)`` (``p`` = weight share, ``m`` = weight over the
    neighbour's largest weight), computed for all people at once from the wedges
    ``i - q - j`` with numpy (networkx's ``constraint`` is cubic in degree). A *bridge* has constraint <=
    ``bridge_max_constraint`` and at least ``bridge_min_outside`` of its tie weight into
    clusters other than its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.garden.clusternames import cluster_labels, company_keys
from netlib.importers.records import TIE_KINDS

__all__ = ["build_ties", "clusters", "structural_holes", "bridges", "company_keys"]

_KIND_BIT = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


def build_ties(snapshot, settings: dict) -> pd.DataFrame:
    """People-to-people ties with columns ``a < b``, ``weight`` (0..1), ``kinds`` (comma-joined).

    Ties to people not in ``snapshot.people`` and self-ties are ignored.
    """
    ids = snapshot.people.index
    kind_w = settings["tie_kind_weights"]
    t = snapshot.ties
    kind = pd.Index(TIE_KINDS).get_indexer(t["kind"])  # position in TIE_KINDS; -1: not a tie kind
    keep = (t["a"].isin(ids) & t["b"].isin(ids) & (t["a"] != t["b"])).to_numpy() & (kind >= 0)
    t, kind = t[keep], kind[keep]
    a = t["a"].to_numpy().astype("int64")
    b = t["b"].to_numpy().astype("int64")
    w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    # A pair is one integer, rank(a) * n + rank(b) with ranks among the sorted ids: grouping
    # by it (or by pair and kind) makes the same groups in the same order as grouping by the
    # columns, so pandas adds the same numbers in the same order (equal sums to the bit).
    uid = pd.Index(np.unique(ids.to_numpy().astype("int64")))
    n, n_kinds = max(len(uid), 1), len(TIE_KINDS)

    def pair_of(lo, hi):
        return uid.get_indexer(lo) * n + uid.get_indexer(hi)

    pair = pair_of(np.minimum(a, b), np.maximum(a, b))
    kind_weight = np.array([float(kind_w.get(k, 1.0)) for k in TIE_KINDS])
    raw = pd.Series(w * kind_weight[kind]).groupby(pair * n_kinds + kind, sort=False).sum()  # per (a, b, kind)
    pair, kind, raw = raw.index.to_numpy() // n_kinds, raw.index.to_numpy() % n_kinds, raw.to_numpy()
    cap = int(settings["colleague_group_cap"])
    comp = pd.DataFrame({"id": ids.to_numpy().astype("int64"), "ck": company_keys(snapshot.people["company"]).to_numpy()})
    comp = comp[comp["ck"] != ""]
    size = comp.groupby("ck")["id"].transform("size")
    comp = comp[(size >= 2) & (size <= cap)]
    if len(comp):
        pairs = comp.merge(comp, on="ck", suffixes=("_a", "_b"))
        pairs = pairs[pairs["id_a"] < pairs["id_b"]]
        derived = pair_of(pairs["id_a"].to_numpy(), pairs["id_b"].to_numpy())
        colleague = TIE_KINDS.index("colleague")
        derived = derived[~np.isin(derived, pair[kind == colleague])]  # a recorded colleague tie wins
        pair = np.concatenate([pair, derived])
        kind = np.concatenate([kind, np.full(len(derived), colleague)])
        raw = np.concatenate([raw, np.full(len(derived), float(kind_w.get("colleague", 0.5)))])
    if len(pair) == 0:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64"),
                             "weight": pd.Series(dtype=float), "kinds": pd.Series(dtype=object)})
    raw = pd.Series(raw).groupby(pair, sort=True).sum()  # per (a, b), sorted
    bits = pd.Series(np.left_shift(1, kind)).groupby(pair, sort=True).sum()  # _KIND_BIT of each kind
    pair = raw.index.to_numpy()
    names = {bits: ",".join(k for k in TIE_KINDS if bits & _KIND_BIT[k]) for bits in bits.unique()}
    return pd.DataFrame({"a": uid.to_numpy()[pair // n], "b": uid.to_numpy()[pair % n],
                         "weight": 1.0 - np.exp(-raw.to_numpy(dtype=float)),
                         "kinds": bits.reset_index(drop=True).map(names)})


def _stable_order(key: np.ndarray, top: int) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` for integer keys in ``0 .. top - 1``.

    A least-significant-digit radix sort in 16-bit digits: numpy radix-sorts 16-bit integers
    in linear time, so two passes over 30-bit keys take a third of timsort's time.
    """
    order = None
    for shift in range(0, max(int(top - 1).bit_length(), 1), 16):
        digit = ((key if order is None else key[order]) >> shift).astype(np.uint16)  # keeps the low 16 bits
        step = np.argsort(digit, kind="stable")
        order = step if order is None else order[step]
    return order


def _segments(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The positions ``first[k], ..., first[k] + size[k] - 1`` for every ``k``, concatenated."""
    return np.arange(int(size.sum())) + np.repeat(first - (np.cumsum(size) - size), size)


def _directed(ties: pd.DataFrame, index: pd.Index):
    """Both directions of every tie as positions into ``index``, sorted by (src, dst)."""
    a = index.get_indexer(ties["a"].to_numpy())
    b = index.get_indexer(ties["b"].to_numpy())
    w = ties["weight"].to_numpy(dtype=float)
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    w = np.concatenate([w, w])
    base = len(index) + 1  # positions run from -1 (not in index) to len(index) - 1
    order = _stable_order((src + 1) * base + (dst + 1), base * base)  # = np.lexsort((dst, src))
    return src[order], dst[order], w[order]


def _label_propagation(n: int, src, dst, w, seed: int, max_iter: int = 40) -> np.ndarray:
    """Deterministic semi-synchronous label propagation on positions 0..n-1.

    Each round, half of the nodes (a seeded split) take the label with the largest total
    tie weight among their neighbours (on equal scores: keep the current label, else the
    smallest), then the other half. Only nodes with a neighbour that changed label are
    recomputed, so late rounds are cheap. Stops when nothing changes or after
    ``max_iter`` rounds (lattice-like graphs coarsen slowly; the cap bounds the time).
    Each half round sorts its nodes' entries by (node, neighbour's label) with a radix
    sort and adds the weights per group in one ``bincount``: no Python loop per node.
    """
    labels = np.arange(n, dtype=np.int64)
    half = np.random.default_rng(seed).integers(0, 2, size=n).astype(bool)
    eps = 1e-9 * (w.max() if len(w) else 1.0)  # a tiny self weight: keep the label on equal scores
    # Each node's edges (sorted by dst) then its self edge, node after node: a node's entries
    # are one slice, and every (node, label) score adds its weights in the same order as ever.
    size = np.bincount(src, minlength=n) + 1
    first = np.cumsum(size) - size
    nbr = np.empty(len(src) + n, dtype=np.int64)
    wt = np.empty(len(src) + n)
    at = np.arange(len(src)) + src  # edge k of node i sits after the i self edges before it
    nbr[at], wt[at] = dst, w
    nbr[first + size - 1], wt[first + size - 1] = np.arange(n), eps
    bits = max(int(n - 1).bit_length(), 1)  # (node, label) packs into one integer key
    dirty = np.ones(n, dtype=bool)
    for _ in range(max_iter):
        if not dirty.any():
            break
        for side in (half, ~half):
            todo = np.flatnonzero(side & dirty)
            dirty &= ~side
            if len(todo) == 0:
                continue
            at = _segments(first[todo], size[todo])
            key = np.repeat(todo << bits, size[todo]) | labels[nbr[at]]
            order = _stable_order(key, n << bits)  # by node, then label; stable keeps the order of the weights
            key = key[order]
            new_key = np.r_[True, key[1:] != key[:-1]]
            score = np.bincount(np.cumsum(new_key) - 1, weights=wt[at[order]])
            uniq = key[new_key]
            node, lab = uniq >> bits, uniq & ((1 << bits) - 1)
            starts = np.flatnonzero(np.r_[True, node[1:] != node[:-1]])
            seg = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(node)]))
            best = np.maximum.reduceat(score, starts)
            cand = np.flatnonzero(score >= best[seg] * (1 - 1e-12))
            keep = np.zeros(len(starts), dtype=bool)
            keep[seg[cand[lab[cand] == labels[node[cand]]]]] = True
            first_cand = cand[np.r_[True, node[cand][1:] != node[cand][:-1]]]  # its smallest label
            targets = node[first_cand]
            new = np.where(keep[seg[first_cand]], labels[targets], lab[first_cand])
            moved = targets[labels[targets] != new]
            labels[targets] = new
            if len(moved):  # their neighbours (and themselves) are computed again
                dirty[nbr[_segments(first[moved], size[moved])]] = True
    return labels


def clusters(ties: pd.DataFrame, people: pd.DataFrame, settings: dict):
    """Cluster of every person (-1 = none) and the clusters frame.

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
    nodes = pd.Index(np.sort(pd.unique(np.concatenate([ties["a"].to_numpy(), ties["b"].to_numpy()]))))
    if len(nodes) <= settings["louvain_max_people"]:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(nodes.tolist())
        g.add_weighted_edges_from(zip(ties["a"].tolist(), ties["b"].tolist(), ties["weight"].tolist()))
        comms = nx.community.louvain_communities(g, weight="weight", seed=settings["seed"])
        label = np.empty(len(nodes), dtype=np.int64)
        for i, members in enumerate(comms):
            label[nodes.get_indexer(sorted(members))] = i
    else:
        src, dst, w = _directed(ties, nodes)
        label = _label_propagation(len(nodes), src, dst, w, settings["seed"])
    # Number the groups of two or more: largest first, on equal sizes the lowest member id
    # (nodes are sorted, so a group's first position holds its lowest id).
    _, first, group, size = np.unique(label, return_index=True, return_inverse=True, return_counts=True)
    big = np.flatnonzero(size >= 2)
    big = big[np.lexsort((first[big], -size[big]))]
    renumber = np.full(len(size), -1, dtype=np.int64)
    renumber[big] = np.arange(len(big))
    number = renumber[group]
    cluster.loc[nodes.to_numpy()] = number
    if len(big) == 0:
        return cluster, empty
    member = np.flatnonzero(number >= 0)
    member = member[np.argsort(number[member], kind="stable")]  # by cluster, then id
    ids = nodes.to_numpy()[member].tolist()
    ends = np.cumsum(size[big]).tolist()
    labels, kinds, hubs = cluster_labels(nodes.to_numpy()[member], number[member], people, ties)
    out = pd.DataFrame({"size": size[big].astype(np.int64), "label": labels, "label_kind": kinds, "hub": hubs,
                        "people": [ids[lo:hi] for lo, hi in zip([0, *ends[:-1]], ends)]},
                       index=pd.Index(np.arange(len(big), dtype=np.int64), name="cluster"))
    return cluster, out


def structural_holes(ties: pd.DataFrame, index: pd.Index, *, chunk: int = 2_000_000) -> pd.DataFrame:
    """Burt's constraint and effective size of every person, vectorised over wedges.

    For ego ``i`` with weight shares ``p_ij = w_ij / sum_k w_ik`` and ``m_jq = w_jq /
    max_k w_jk``::

        constraint(i)     = sum_j (p_ij + sum_q p_iq p_qj) ** 2
        effective_size(i) = sum_j (1 - sum_q p_iq m_jq)

    with ``j`` and ``q`` over ``i``'s neighbours. These equal networkx's ``constraint`` and
    ``effective_size`` with ``weight="weight"`` (see tests/test_weave.py). The inner sums
    run over every wedge ``i - q - j``, grouped by its middle ``q`` in chunks of about
    ``chunk`` wedges, so memory stays bounded.

    Returns
    -------
    pandas.DataFrame
        Index ``index``; ``degree``, ``constraint``, ``effective_size``; NaN where the
        person has no tie (networkx's convention for isolated nodes).
    """
    n = len(index)
    out = pd.DataFrame({"degree": np.zeros(n, dtype=np.int64), "constraint": np.nan, "effective_size": np.nan},
                       index=index)
    if len(ties) == 0 or n == 0:
        return out
    src, dst, w = _directed(ties, index)
    deg = np.bincount(src, minlength=n)
    total = np.bincount(src, weights=w, minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, src, w)
    p = w / total[src]
    m = w / wmax[src]
    keys = src * n + dst  # sorted, since edges are sorted by (src, dst)
    if len(keys) < 2 or (keys[1:] > keys[:-1]).all():
        # Every pair once (always so from build_ties): the r-th edge in (dst, src) order is the
        # reverse of the r-th in (src, dst) order, and a hash index finds closing edges about
        # twice as fast as a binary search.
        rev = np.empty(len(keys), dtype=np.int64)
        rev[_stable_order(dst * n + src, n * n)] = np.arange(len(keys))
        lookup = pd.Index(keys).get_indexer  # -1 where absent
    else:
        rev = np.searchsorted(keys, dst * n + src)
        lookup = None
    p_in = p[rev]  # p[i -> q] for the edge q -> i
    m_in = m[rev]  # m[i -> q] for the edge q -> i
    indirect = np.zeros(len(src))
    redundant = np.zeros(len(src))
    start = np.r_[0, np.cumsum(deg)]
    middles = np.flatnonzero(deg >= 2)
    cost = deg[middles].astype(np.int64) ** 2
    bounds = np.searchsorted(np.cumsum(cost), np.arange(chunk, cost.sum() + chunk, chunk), side="right")
    lo = 0
    for hi in np.unique(np.r_[bounds, len(middles)]):
        qs = middles[lo:hi]
        lo = hi
        if len(qs) == 0:
            continue
        # every pair x < y of q's edges once, q by q, x outer (both directions are credited below)
        e = _segments(start[qs], deg[qs])  # the edges of the qs
        later = np.repeat(start[qs] + deg[qs] - 1, deg[qs]) - e  # edges of the same q after e
        e1 = np.repeat(e, later)  # q -> i
        e2 = e1 + 1 + _segments(np.zeros(len(e), dtype=np.int64), later)  # q -> j, the later ones
        want = dst[e1] * n + dst[e2]
        if lookup is not None:
            pos = lookup(want)
            hit = pos >= 0  # the wedge i - q - j closes: i and j are tied
        else:
            pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
            hit = keys[pos] == want
        e1, e2, pos = e1[hit], e2[hit], pos[hit]
        both = np.concatenate([pos, rev[pos]])  # edges i -> j and j -> i
        indirect += np.bincount(both, weights=np.concatenate([p_in[e1] * p[e2], p_in[e2] * p[e1]]),
                                minlength=len(src))
        redundant += np.bincount(both, weights=np.concatenate([p_in[e1] * m_in[e2], p_in[e2] * m_in[e1]]),
                                 minlength=len(src))
    local = (p + indirect) ** 2
    has = deg > 0
    out["degree"] = deg
    out.loc[has, "constraint"] = np.bincount(src, weights=local, minlength=n)[has]
    out.loc[has, "effective_size"] = np.bincount(src, weights=1.0 - redundant, minlength=n)[has]
    return out


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
    ca = cluster.reindex(a).to_numpy()
    cb = cluster.reindex(b).to_numpy()
    cross = (ca != cb)
    ends = pd.DataFrame({"id": np.concatenate([a, b]), "w": np.concatenate([w, w]),
                         "out": np.concatenate([w * (cross & (cb >= 0)), w * (cross & (ca >= 0))])})
    sums = ends.groupby("id")[["w", "out"]].sum()
    share = (sums["out"] / sums["w"]).reindex(holes.index).fillna(0.0)
    low = holes["constraint"].le(settings["bridge_max_constraint"]) & holes["degree"].ge(2)
    return (share >= settings["bridge_min_outside"]) & low
