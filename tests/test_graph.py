"""Tests for netlib.garden.graph: sharing, at_least and flatten (stable_order's test is in test_weave.py)."""

import numpy as np
import pandas as pd

from netlib.garden.graph import at_least, flatten, sharing


def test_sharing_equals_trying_every_pair():
    rng = np.random.default_rng(5)
    held = [set(rng.choice(12, rng.integers(0, 4), replace=False).tolist()) | ({"x"} if k % 7 == 0 else set())
            for k in range(40)]
    assert sharing(held) == [(x, y) for x in range(40) for y in range(x + 1, 40) if held[x] & held[y]]
    assert sharing([]) == [] and sharing([{1}, set()]) == []


def test_at_least_decides_as_pandas_group_sums_do():
    """graph.at_least: the bincount sums decide far from the cut; shares at the cut (1 of 4
    equal ties out: exactly 0.25), negative, NaN and infinite weights, zero sums and rows of
    no one go through pandas' sums; every decision equals pandas' groupby-sum share >= cut."""
    rng = np.random.default_rng(3)
    n, rows = 60, 900
    at = rng.integers(10, n - 5, rows)  # the last five positions have no rows
    at[rng.random(rows) < 0.05] = -1  # no one
    weight = rng.choice([0.1, 0.2, 0.3, 0.7, 1.0, 0.0], rows)
    weight[:40] = 0.3
    at[:40] = np.repeat(np.arange(10), 4)  # positions 0..9: 0.3 of 1.2 out
    weight[40:44] = [-0.5, np.nan, np.inf, -np.inf]
    part = np.where(rng.random(rows) < 0.3, weight, 0.0)
    part[:40] = np.tile([0.3, 0.0, 0.0, 0.0], 10)
    for cut in (0.25, 0.0, 0.5):
        frame = pd.DataFrame({"at": at, "w": weight, "p": part})
        sums = frame[frame["at"] >= 0].groupby("at")[["w", "p"]].sum()
        want = (sums["p"] / sums["w"]).reindex(range(n)).fillna(0.0) >= cut
        assert at_least(at, weight, part, n, cut).tolist() == want.tolist()
    assert at_least(at, weight, part, n, 0.25)[:10].all()  # exactly at the cut
    # ten ties of 0.1, one out: bincount's sum is 0.9999999999999999, pandas' 1.0, so the
    # share is 0.10000000000000002 by one and 0.1 by the other: pandas' decides
    ten = np.zeros(10, dtype=np.int64)
    assert at_least(ten, np.full(10, 0.1), np.r_[0.1, np.zeros(9)], 1, 0.10000000000000002).tolist() == [False]


def test_flatten_is_explode_but_for_nan():
    """graph.flatten, both ways (plain lists by C loops; a tuple, an array or a scalar among
    them through explode), against pandas' explode: the same (row, item) pairs once NaN
    items are dropped, as its callers drop them; the C loops give no NaN for a row of none."""
    lists = [["a", "b"], [], None, ["c"], float("nan"), ["a", 3, None], ["d"]]
    mixed = [*lists, ("e", "f"), np.array(["g"], dtype=object), "h", ()]
    for cells in (lists, mixed):
        row, flat = flatten(pd.Series(cells, dtype=object).to_numpy())
        want = pd.Series(cells, dtype=object).explode().dropna()
        keep = ~pd.isna(flat)
        assert list(zip(row[keep].tolist(), flat[keep].tolist())) == list(zip(want.index, want))
    row, flat = flatten(pd.Series(lists, dtype=object).to_numpy())
    assert row.tolist() == [0, 0, 3, 5, 5, 5, 6] and flat.tolist() == ["a", "b", "c", "a", 3, None, "d"]
