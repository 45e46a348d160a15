"""Brokers of the weave: Burt's structural holes of every person, and the bridges among them.

Works on the people-to-people ties of :func:`netlib.garden.weave.build_ties` (you are not
in them) and the clusters of :func:`netlib.garden.weave.clusters`.

Structural holes
    Burt's constraint ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` and effective size
    ``sum_j (1 - sum_q p_iq m_jq)`` (``p`` = weight share, ``m`` = weight over the
    neighbour's largest weight), computed for all people at once from the triangles
    ``i, q, j``, each found once, with numpy (networkx's ``constraint`` is cubic in degree):
    two sums per tie, since ties are symmetric.
Bridges
    A *bridge* has constraint <= ``bridge_max_constraint`` and at least
    ``bridge_min_outside`` of its tie weight into clusters other than its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.garden.graph import at_least, runs as _runs, segments as _segments, stable_order as _stable_order
from netlib.store.snapshot import positions

__all__ = ["structural_holes", "bridges"]


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
