"""The weave as sorted arrays: stable integer sorts and directed edge lists, in numpy.

:mod:`netlib.garden.weave` builds on these; nothing here loops over people in Python.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stable_order", "segments", "directed"]


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
