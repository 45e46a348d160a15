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


def test_ledger_from_kind_codes_is_the_ledger_from_texts():
    """analyse() hands the ledger the kind codes contacts() made: the counts must be those
    made from the kind texts, with kinds missing, unknown, or none of the three counted."""
    b = SnapBuilder()
    people = [b.person(f"P{i}") for i in range(5)]
    kinds = ["help_given", "help_received", "intro", "coffee", None, "Intro"]
    for k in range(60):
        b.interaction(f"2026-01-{1 + k % 28:02d}", kinds[k % 6], [people[k % 5], people[(k * 3) % 5]],
                      direction=["in", "out", "both"][k // 6 % 3])
    for snap in (SnapBuilder().build(), b.build()):
        rows, codes = contacts(snap, merge(), kinds=True)
        assert ledger(rows, snap.people.index, kinds=codes).equals(ledger(rows, snap.people.index))
    out = ledger(rows, snap.people.index, kinds=codes)
    counted = {"given": 0, "intros_for": 0, "intros_by": 0}  # a plain loop over the interactions
    for k in range(60):
        n = len({k % 5, (k * 3) % 5})
        counted["given"] += n * (kinds[k % 6] == "help_given")
        counted["intros_for"] += n * (kinds[k % 6] == "intro" and k // 6 % 3 == 1)
        counted["intros_by"] += n * (kinds[k % 6] == "intro" and k // 6 % 3 == 0)
    assert {name: out[name].sum() for name in counted} == counted and min(counted.values()) > 0
    coffee = rows[rows["kind"] == "coffee"]
    none_counted = ledger(coffee, snap.people.index, kinds=(np.zeros(len(coffee), dtype=np.int64), ["coffee"]))
    assert len(coffee) and (none_counted == 0).all().all()
