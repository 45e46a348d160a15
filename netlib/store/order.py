"""The rows of a table in the order of some of its columns, as numpy arrays: a stable sort
that is often no sort at all (tables are often read in key order). For
:mod:`netlib.store.frames` and :mod:`netlib.store.packing`."""

from __future__ import annotations

import numpy as np

__all__ = ["row_order"]


def row_order(keys: tuple) -> np.ndarray | None:
    """``np.lexsort(keys)`` (the last key first), or ``None`` when the rows are in that
    order already (tables are often read in key order, and a stable sort of sorted rows
    changes nothing).

    Keys of integers (or of whole days) whose ranges multiply, with the row count, to less
    than 2**63 are folded into one int64 per row: one comparison says whether the rows are
    in order. If not, and few rows are out of order (rows are often appended in roughly
    key order: interactions by date), numpy's stable sort of that number (timsort, quick
    on runs) is the order; else the row's position is folded in last, and one ``argsort``
    of unique numbers (any algorithm gives the stable order) is a fraction of
    ``np.lexsort``'s time. Both give the same order; only their speed differs."""
    n = len(keys[0]) if keys else 0
    folded = _folded(keys, n)
    if folded is not None:
        later = folded[1:] >= folded[:-1]
        descents = n - 1 - int(np.count_nonzero(later))
        if not descents:
            return None
        if descents * _RUNS < n:
            return np.argsort(folded, kind="stable")
        folded *= n
        folded += np.arange(n)
        return np.argsort(folded)
    ok = None
    for key in keys:  # from the least significant; equal rows keep their order
        later = key[1:] > key[:-1] if ok is not None else key[1:] >= key[:-1]
        ok = later if ok is None else later | ((key[1:] == key[:-1]) & ok)
    return None if ok is None or ok.all() else np.lexsort(keys)


#: Fewer than one row in this many out of order: the stable sort (timsort, merging the
#: runs) beats the quicksort of unique numbers (benchmarks/read_bench.py).
_RUNS = 32


def _folded(keys: tuple, n: int) -> np.ndarray | None:
    """``keys`` as one int64 per row, in the same order, or None; it leaves room for the row
    position (a factor ``n``)."""
    if n < 2:
        return None
    numbers, span = [], n
    for key in keys:
        if key.dtype.kind == "M":
            unit = np.datetime_data(key.dtype)[0]
            if unit not in ("D", "h", "m", "s", "ms", "us", "ns"):
                return None  # weeks, months, years: no whole number of them in a day
            day = int(np.timedelta64(1, "D") / np.timedelta64(1, unit))
            key = key.view(np.int64)
            low = int(key.min())
            if low == np.iinfo(np.int64).min or (day > 1 and (key % day).any()):
                return None  # NaT (lexsort puts it last) or not whole days
            if day > 1:
                key = key // day
        elif key.dtype.kind != "i":  # (unsigned 64-bit values may not fit an int64)
            return None
        low, high = int(key.min()), int(key.max())
        span *= high - low + 1
        if span >= 2**62:
            return None
        numbers.append((key, low, high - low + 1))
    folded = None
    for key, low, width in reversed(numbers):  # the most significant first
        if folded is None:
            folded = key.astype(np.int64)  # (a copy)
        else:
            folded *= width
            folded += key
        folded -= low
    return folded
