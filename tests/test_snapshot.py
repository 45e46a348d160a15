"""Tests for netlib.store.snapshot: positions, the look-up every cut and join of ids uses."""

import numpy as np
import pandas as pd
import pytest

from netlib.store.snapshot import positions


@pytest.mark.parametrize("case", ["consecutive", "gaps", "shuffled", "wide", "far", "edge", "uint", "empty"])
def test_positions_are_get_indexer(case):
    """Each shortcut (consecutive ids: an offset; a compact range: a clipped table; else a
    masked table or a hash) must give ``pd.Index(ids).get_indexer(values)``, values out of
    the ids' range on both sides included."""
    rng = np.random.default_rng(len(case))
    ids = {"consecutive": np.arange(5, 505), "gaps": np.sort(rng.choice(2000, 500, replace=False)) - 300,
           "shuffled": rng.permutation(600)[:400] + 7, "wide": rng.choice(10**9, 300, replace=False),
           "far": np.array([-2**63 + 5, 0, 3, 2**62 + 7]),
           "edge": np.arange(2**62 - 60, 2**62 - 10), "uint": np.arange(3, 300, dtype=np.uint64),
           "empty": np.arange(0)}[case]
    values = np.r_[rng.choice(ids, 200) if len(ids) else [], rng.integers(-3000, 3000, 200)].astype(np.int64)
    if case in ("far", "edge"):  # near int64's ends: no offset may wrap
        values = np.r_[values, -2**63, 2**63 - 1, 2**62 + 7, 2**62 - 11, 2**62 - 9]
    expected = pd.Index(ids).get_indexer(values)
    assert (positions(ids, values) == expected).all()
    assert (positions(ids, values[values >= 0].astype(np.uint64)) == expected[values >= 0]).all()
    assert (positions(ids, values[:0]) == expected[:0]).all()


@pytest.mark.parametrize("ids", [np.arange(-5, 300), np.array([-4, 2, 0, 9, -1, 7], dtype=np.int32),
                                 np.arange(2**63 + 3, 2**63 + 300, dtype=np.uint64)])
def test_positions_of_unsigned_values_far_from_signed_ids(ids):
    """Unsigned values (one beyond 2**62: no offset shortcut) among ids that go below zero,
    or above int64 (then signed values): each value's position, as a dict of the ids says."""
    at = {int(x): k for k, x in enumerate(ids.tolist())}
    low = int(ids.min())
    picks = [int(x) for x in ids[::3].tolist()] + [low - 1, int(ids.max()) + 1]
    for values in (np.array([v for v in picks if v >= 0] + [2**63 - 1, 2**62 + 1], dtype=np.uint64),
                   np.array([v for v in picks if v < 2**63] + [-2**63, 2**62 + 1], dtype=np.int64)):
        assert positions(ids, values).tolist() == [at.get(int(v), -1) for v in values.tolist()]


def test_positions_of_values_a_wrapping_offset_away():
    """ids near -2**62, values near +2**62: the clipped table's offset wraps past 2**63."""
    ids = np.arange(-2**62, -2**62 + 5)[::-1]
    values = np.array([2**62, 2**62 - 1, -2**62 + 2, -2**62 - 1])
    assert positions(ids, values).tolist() == [-1, -1, 2, -1]
