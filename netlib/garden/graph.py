"""The weave as sorted arrays: directed edge lists and label propagation, in numpy.

:mod:`netlib.garden.weave` builds on these; nothing here loops over people in Python.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stable_order", "segments", "directed", "label_propagation"]


def stable_order(key: np.ndarray, top: int) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` for integer keys in ``0 .. top - 1``.

    A least-significant-digit radix sort in 16-bit digits: numpy radix-sorts 16-bit integers
    in linear time, so keys below 2**16 take one linear pass, and random keys of 30 bits two.
    (Keys that are mostly sorted already are faster with numpy's own timsort.)
    """
    order = None
    for shift in range(0, max(int(top - 1).bit_length(), 1), 16):
        digit = ((key if order is None else key[order]) >> shift).astype(np.uint16)  # keeps the low 16 bits
        step = np.argsort(digit, kind="stable")
        order = step if order is None else order[step]
    return order


def segments(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The positions ``first[k], ..., first[k] + size[k] - 1`` for every ``k``, concatenated."""
    return np.arange(int(size.sum())) + np.repeat(first - (np.cumsum(size) - size), size)


def directed(ties: pd.DataFrame, index: pd.Index):
    """Both directions of every tie as positions into ``index``, sorted by (src, dst).

    Returns ``(src, dst, w, rev)``: ``rev[e]`` is the position of edge ``e``'s reverse when
    every pair is tied once (always so from :func:`~netlib.garden.weave.build_ties`), else None.
    """
    a = index.get_indexer(ties["a"].to_numpy())
    b = index.get_indexer(ties["b"].to_numpy())
    w = ties["weight"].to_numpy(dtype=float)
    n = len(index)
    key = a.astype(np.int64) * max(n, 1) + b
    if len(a) and a.min() >= 0 and (a < b).all() and (key[1:] > key[:-1]).all():
        # Each pair once, a < b, in (a, b) order (the frame of build_ties): node i's edges
        # to lower positions (ties (x, i) reversed, by x) come before those to higher ones
        # (ties (i, y), by y), so the sorted lists are placed, not sorted.
        low, high = np.bincount(b, minlength=n), np.bincount(a, minlength=n)
        start = np.cumsum(low + high) - (low + high)
        by_b = stable_order(b, n)  # the reversed ties, by (b, a)
        back = np.empty(len(a), dtype=np.int64)  # where tie k's reverse goes
        back[by_b] = start[b[by_b]] + np.arange(len(a)) - (np.cumsum(low) - low)[b[by_b]]
        ahead = start[a] + low[a] + np.arange(len(a)) - (np.cumsum(high) - high)[a]
        src, dst, wt, rev = (np.empty(2 * len(a), dtype=t) for t in (np.int64, np.int64, float, np.int64))
        src[ahead], dst[ahead], src[back], dst[back] = a, b, b, a
        wt[ahead], wt[back], rev[ahead], rev[back] = w, w, back, ahead
        return src, dst, wt, rev
    src, dst, w = np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([w, w])
    base = n + 1  # positions run from -1 (not in index) to n - 1
    order = stable_order((src + 1) * base + (dst + 1), base * base)  # = np.lexsort((dst, src))
    return src[order], dst[order], w[order], None


def label_propagation(n: int, src, dst, w, seed: int, max_iter: int = 40) -> np.ndarray:
    """Deterministic semi-synchronous label propagation on positions 0..n-1.

    Each round, half of the nodes (a seeded split) take the label with the largest total
    tie weight among their neighbours (on equal scores: keep the current label, else the
    smallest), then the other half. Only nodes with a neighbour that changed label are
    recomputed, so late rounds are cheap. Stops when nothing changes or after
    ``max_iter`` rounds (lattice-like graphs coarsen slowly; the cap bounds the time).
    ``src, dst`` sorted by (src, dst). Each half round sorts its nodes' entries by (node,
    neighbour's label), stably, and adds the weights per group in one ``bincount``: no
    Python loop per node.
    """
    half = np.random.default_rng(seed).integers(0, 2, size=n).astype(bool)
    eps = 1e-9 * (w.max() if len(w) else 1.0)  # a tiny self weight: keep the label on equal scores
    # Each node's edges (sorted by dst) then its self edge, node after node: a node's entries
    # are one slice, and every (node, label) score adds its weights in the same order as ever.
    size = np.bincount(src, minlength=n) + 1
    first = np.cumsum(size) - size
    bits = max(int(n - 1).bit_length(), 1)  # (node, label) packs into one integer key
    itype = np.int32 if (n << bits) < 2**31 else np.int64  # half the memory traffic when it fits
    nbr = np.empty(len(src) + n, dtype=itype)
    wt = np.empty(len(src) + n)
    at = np.arange(len(src)) + src  # edge k of node i sits after the i self edges before it
    nbr[at], wt[at] = dst, w
    nbr[first + size - 1], wt[first + size - 1] = np.arange(n), eps
    owner = np.repeat(np.arange(n, dtype=itype) << bits, size)  # each entry's node, in the key's place
    labels = np.arange(n, dtype=itype)
    mask = itype((1 << bits) - 1)
    sides = (half, ~half)
    whole = []  # a side's entries, taken once: their nodes, owners, neighbours and weights
    for side in sides:
        at = segments(first[side], size[side])
        whole.append((int(side.sum()), np.repeat(np.flatnonzero(side), size[side]), owner[at], nbr[at], wt[at]))
    dirty = np.ones(n, dtype=bool)
    for _ in range(max_iter):
        if not dirty.any():
            break
        for side, (count, node_of, own, near, weight) in zip(sides, whole):
            due = side & dirty
            todo = np.flatnonzero(due)
            dirty &= ~side
            if len(todo) == 0:
                continue
            if 4 * len(todo) < count:  # a few nodes: gather their entries
                at = segments(first[todo], size[todo])
                own, near, weight = owner[at], nbr[at], wt[at]
            elif len(todo) < count:  # most of the side: drop the others' entries
                keep = due[node_of]
                own, near, weight = own[keep], near[keep], weight[keep]
            key = own | labels[near]
            # by node, then label; stable keeps the order of the weights. Nodes come in
            # order already, so timsort finds long runs and beats a radix sort here.
            order = np.argsort(key, kind="stable")
            key = key[order]
            new_key = _starts(key)
            score = np.bincount(np.cumsum(new_key) - 1, weights=weight[order])
            uniq = key[new_key]
            node, lab = uniq >> bits, uniq & mask
            new_node = _starts(node)
            starts = np.flatnonzero(new_node)
            seg = np.cumsum(new_node) - 1
            best = np.maximum.reduceat(score, starts)
            cand = np.flatnonzero(score >= best[seg] * (1 - 1e-12))
            keep = np.zeros(len(starts), dtype=bool)
            keep[seg[cand[lab[cand] == labels[node[cand]]]]] = True
            first_cand = cand[_starts(node[cand])]  # its smallest label
            targets = node[first_cand]
            new = np.where(keep[seg[first_cand]], labels[targets], lab[first_cand])
            moved = targets[labels[targets] != new]
            labels[targets] = new
            if len(moved):  # their neighbours (and themselves) are computed again
                dirty[nbr[segments(first[moved], size[moved])]] = True
    return labels.astype(np.int64)


def _starts(sorted_values: np.ndarray) -> np.ndarray:
    """True where a run of equal values begins."""
    out = np.empty(len(sorted_values), dtype=bool)
    out[:1] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=out[1:])
    return out
