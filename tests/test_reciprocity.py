"""Tests for netlib.garden.reciprocity: the ledger, counts worked out by hand."""

import numpy as np
import pandas as pd

from builders import SnapBuilder
from netlib.garden.reciprocity import COLUMNS, gives_and_asks, ledger
from netlib.store.settings import merge
from netlib.garden.strength import contacts


def test_ledger_counts_gives_asks_and_intros():
    b = SnapBuilder()
    ann, bob, cy = b.person("Ann"), b.person("Bob"), b.person("Cy")
    b.interaction("2026-01-01", "help_received", [ann], direction="in")
    b.interaction("2026-01-02", "help_received", [ann], direction="in")
    b.interaction("2026-01-03", "help_given", [ann], direction="out")
    b.interaction("2026-01-04", "intro", [bob], direction="out")  # you introduced Bob
    b.interaction("2026-01-05", "intro", [bob], direction="in")  # Bob introduced you
    b.interaction("2026-01-06", "intro", [bob], direction="in")
    b.interaction("2026-01-07", "coffee", [cy])
    snap = b.build()
    out = ledger(contacts(snap, merge()), snap.people.index)
    assert list(out.columns) == COLUMNS
    # Ann: given 1, received 2 -> balance 1 - 2 = -1
    assert out.loc[ann].tolist() == [1, 2, 0, 0, -1]
    # Bob: intros_for 1, intros_by 2 -> balance -1
    assert out.loc[bob].tolist() == [0, 0, 1, 2, -1]
    assert out.loc[cy].tolist() == [0, 0, 0, 0, 0]


def test_ledger_of_nobody_is_empty():
    snap = SnapBuilder().build()
    out = ledger(contacts(snap, merge()), snap.people.index)
    assert len(out) == 0 and list(out.columns) == COLUMNS
    assert isinstance(out.index, pd.Index)


def test_gives_and_asks_series_and_arrays_alike():
    kind = ["help_given", "intro", "intro", "intro", "help_received", "coffee", None]
    direction = ["in", "out", "in", None, "out", "out", "out"]
    gives, asks = gives_and_asks(pd.Series(kind, dtype=object), pd.Series(direction, dtype=object))
    assert gives.tolist() == [True, True, False, False, False, False, False]
    assert asks.tolist() == [False, False, True, False, True, False, False]
    arrays = gives_and_asks(np.array(kind, dtype=object), np.array(direction, dtype=object))
    assert [a.tolist() for a in arrays] == [gives.tolist(), asks.tolist()]
