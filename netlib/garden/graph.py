"""The weave as sorted arrays: stable integer sorts and runs of positions, in numpy.

:mod:`netlib.garden.weave`, :mod:`~netlib.garden.strength`, :mod:`~netlib.garden.history` and
:mod:`~netlib.garden.checklist` build on these; nothing here loops over people in Python but
:func:`sharing`, which numbers the items of the few rows it is given (the weave checklist's).
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

__all__ = ["stable_order", "segments", "runs", "pairs_within", "sharing", "at_least", "flatten"]


def stable_order(key: np.ndarray, top: int) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` for integer keys in ``0 .. top - 1``.

    A least-significant-digit radix sort in 16-bit digits: numpy radix-sorts 16-bit integers
    in linear time, so keys below 2**16 take one linear pass, and random keys of 30 bits two.
    Keys that are mostly sorted already (under one descent in 64 steps: ties as the store
    returns them) go to numpy's own timsort, which is faster on them.
    """
    if len(key) > 1 and top > 1 << 16 and np.count_nonzero(key[1:] < key[:-1]) * 64 < len(key):
        return np.argsort(key, kind="stable")
    order = None
    for shift in range(0, max(int(top - 1).bit_length(), 1), 16):
        digit = ((key if order is None else key[order]) >> shift).astype(np.uint16)  # keeps the low 16 bits
        step = np.argsort(digit, kind="stable")
        order = step if order is None else order[step]
    return order


def segments(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The positions ``first[k], ..., first[k] + size[k] - 1`` for every ``k``, concatenated."""
    return np.arange(int(size.sum())) + np.repeat(first - (np.cumsum(size) - size), size)


def runs(sorted_keys: np.ndarray) -> np.ndarray:
    """Where each run of equal keys starts (keys grouped, e.g. sorted); empty for no keys."""
    if not len(sorted_keys):
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def pairs_within(group: np.ndarray):
    """Every pair of positions ``i < j`` of equal ``group`` (sorted), as two arrays, by ``i`` then ``j``."""
    later = np.searchsorted(group, group, side="right") - np.arange(len(group)) - 1  # after i, in its group
    first = np.repeat(np.arange(len(group)), later)
    return first, first + 1 + segments(np.zeros(len(group), dtype=np.int64), later)


def sharing(held: list) -> list:
    """The pairs ``(x, y)``, ``x < y``, of rows of ``held`` (each an iterable of hashable
    items, each item once) that hold an item in common, sorted: from who holds each item,
    not by trying every pair of rows (most share nothing)."""
    code: dict = {}
    holder = [x for x, items in enumerate(held) for _ in items]
    item = [code.setdefault(i, len(code)) for items in held for i in items]
    order = np.lexsort((holder, item))  # by item, then holder
    holder, item = np.array(holder, dtype=np.int64)[order], np.array(item, dtype=np.int64)[order]
    first, second = pairs_within(item)
    pair = np.unique(holder[first] * len(held) + holder[second])
    return list(zip((pair // max(len(held), 1)).tolist(), (pair % max(len(held), 1)).tolist()))


def at_least(at: np.ndarray, weight: np.ndarray, part: np.ndarray, n: int, cut,
             key: np.ndarray | None = None) -> np.ndarray:
    """Per position ``0 .. n - 1``: is its share, the sum of ``part`` over its rows (``at``:
    each row's position, -1 for none) over the sum of ``weight``, at least ``cut``? A
    position without rows has share 0. Decided as on pandas' ``groupby(key).sum()`` of both
    over all the rows given (``key``: each row's label, one label per position); without
    ``key``, as on ``groupby(at)`` over the rows of a position.

    The sums here are bincount's (in row order), which can differ from pandas' in the last
    bits: for finite non-negative values, by under ``rows * 2**-52`` of the sum, so a share
    farther than 1e-9 of ``cut`` from it lies on the same side either way. Where a share is
    nearer, or values are negative, NaN or infinite, pandas sums all the rows again: its sum
    of a group is not one of that group's rows alone (pandas 3 adds the groups of sorted
    labels by ``np.add.reduceat`` when no value is NaN, else with compensation), so the same
    rows must go in, not those near the cut only.
    """
    rows = np.flatnonzero(at >= 0)
    if key is None:
        key, weight, part, at = at[rows], weight[rows], part[rows], at[rows]
        rows = np.arange(len(at))
    where, w, p = at[rows], weight[rows], part[rows]
    count = np.bincount(where, minlength=n)
    w_sum, p_sum = np.bincount(where, weights=w, minlength=n), np.bincount(where, weights=p, minlength=n)
    odd = np.bincount(where[~(np.isfinite(w) & (w >= 0) & np.isfinite(p) & (p >= 0))], minlength=n) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = p_sum / w_sum
        sure = ~odd & (w_sum > 0) & (np.abs(share - cut) > 1e-9 * np.maximum(abs(cut), share))
    share[count == 0] = 0.0
    redo = np.flatnonzero((count > 0) & ~sure)
    if len(redo):
        sums = pd.DataFrame({"key": key, "w": weight, "p": part}).groupby("key")[["w", "p"]].sum()
        label = np.empty(n, dtype=key.dtype)
        label[where] = key[rows]  # each position's label
        share[redo] = (sums["p"] / sums["w"]).fillna(0.0).reindex(label[redo]).to_numpy()
    return share >= cut


def flatten(values: np.ndarray):
    """The items of each row's list as (each item's row, the items), as ``pd.Series(values).explode()``
    gives them, but that the NaN explode gives a row of no item (None, NaN, an empty list)
    may be left out: callers drop NaN items. Rows of plain lists (what the store gives) are
    flattened by C loops (``map(len)``, ``chain``), leaving such rows out; anything else (a
    tuple, an array, a scalar) takes explode."""
    rows = np.flatnonzero(~pd.isna(values))
    lists = values[rows]
    if set(map(type, lists)) <= {list}:
        size = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        return np.repeat(rows, size), np.fromiter(chain.from_iterable(lists), dtype=object, count=int(size.sum()))
    flat = pd.Series(values, dtype=object).explode()  # the index: each item's row
    return flat.index.to_numpy(), flat.to_numpy()
