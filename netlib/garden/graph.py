"""The weave as sorted arrays: stable integer sorts and runs of positions, in numpy.

:mod:`netlib.garden.weave`, :mod:`~netlib.garden.strength` and :mod:`~netlib.garden.history` build on
these; nothing here loops over people in Python.
"""

from __future__ import annotations

import numpy as np

__all__ = ["stable_order", "segments", "runs"]


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
