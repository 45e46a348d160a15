"""Tests for netlib.rings: rings by rank, cadence, and health states worked out by hand."""

import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.garden import analyse
from netlib.rings import assign_rings, cadence
from netlib.settings import merge

AS_OF = "2026-03-31"


def test_rings_cut_ranks_at_cumulative_sizes():
    # 700 people with distinct strengths: ranks 0-4 ring 1, 5-14 ring 2, ..., 500+ ring 6
    n = 700
    strength = pd.DataFrame({"strength": [1 - i / 1000 for i in range(n)], "last_interaction": pd.NaT},
                            index=range(1, n + 1))
    rings = assign_rings(strength, pd.Series(pd.NA, index=strength.index), merge())
    assert rings.value_counts().sort_index().tolist() == [5, 10, 35, 100, 350, 200]
    assert rings[1] == 1 and rings[6] == 2 and rings[16] == 3 and rings[501] == 6


def test_override_wins_and_zero_strength_stays_in_ring_6():
    strength = pd.DataFrame({"strength": [0.9, 0.8, 0.0, 0.0], "last_interaction": pd.NaT}, index=[1, 2, 3, 4])
    override = pd.Series([4, pd.NA, pd.NA, 2], index=[1, 2, 3, 4], dtype="Int64")
    rings = assign_rings(strength, override, merge())
    # 1 is overridden to 4 and leaves the ranking, so 2 ranks first; 3 has strength 0
    assert rings.tolist() == [4, 1, 6, 2]


def test_equal_strength_ranks_by_recency_then_id():
    strength = pd.DataFrame({"strength": [0.5] * 7,
                             "last_interaction": pd.to_datetime(["2026-01-01"] * 6 + ["2026-03-01"])},
                            index=range(1, 8))
    rings = assign_rings(strength, pd.Series(pd.NA, index=strength.index), merge())
    # 7 is most recent -> rank 0; then ids 1..4 -> ring 1; 5 and 6 -> ring 2
    assert rings.tolist() == [1, 1, 1, 1, 2, 2, 1]


def test_cadence_from_ring_and_override():
    rings = pd.Series([1, 2, 6, 3], index=[1, 2, 3, 4])
    override = pd.Series([pd.NA, 7, pd.NA, pd.NA], index=[1, 2, 3, 4], dtype="Float64")
    out = cadence(rings, override, merge({"cadence_days": {"3": 60}}))
    # ring 6 keeps two years by default; a ring set to null has no cadence
    assert out[1] == 14 and out[2] == 7 and out[3] == 730 and out[4] == 60
    assert pd.isna(cadence(rings, override, merge({"cadence_days": {"6": None}}))[3])


def garden_of(build, settings=None):
    b = SnapBuilder()
    ids = build(b)
    g = analyse(b.build(), AS_OF, settings=settings)
    return g, ids


def test_health_states_worked_by_hand():
    def build(b):
        # ring overrides fix the cadence: ring 2 -> 30 days, ring 3 -> 90 days
        ids = {}
        ids["thriving"] = b.person("Tia", since="2024-01-01", ring=2)
        b.interaction("2026-03-11", "coffee", [ids["thriving"]])  # 20 days <= 30 -> thriving
        ids["needs"] = b.person("Ned", since="2024-01-01", ring=2)
        b.interaction("2026-02-19", "coffee", [ids["needs"]])  # 40 days: 30 < 40 <= 60 -> needs water
        ids["wilting"] = b.person("Will", since="2024-01-01", ring=3)
        b.interaction("2025-09-01", "call", [ids["wilting"]])  # 211 days > 2 x 90 -> wilting
        ids["seedling"] = b.person("Sid", since="2026-03-01", ring=2)  # met 30 days ago, 1 contact
        b.interaction("2026-03-01", "coffee", [ids["seedling"]])
        ids["dormant"] = b.person("Dora", since="2019-01-01")
        for day in ("2022-01-01", "2022-02-01", "2022-03-01"):  # peak raw ~8.1 -> 0.74 >= 0.5
            b.interaction(day, "coffee", [ids["dormant"]])  # then silent 4 years -> dormant
        # no contact since 2023-01-01, ring 6 (cadence 730 days): silent 1185 days on
        # 2026-03-31, between 1x and 2x the cadence -> needs water (but not on the water list)
        ids["acquaintance"] = b.person("Ace", since="2023-01-01")
        return ids

    g, ids = garden_of(build)
    h = g.people["health"]
    assert h[ids["thriving"]] == "thriving"
    assert h[ids["needs"]] == "needs water"
    assert g.people.at[ids["needs"], "days_overdue"] == 10
    assert h[ids["wilting"]] == "wilting"
    assert h[ids["seedling"]] == "seedling"
    assert h[ids["dormant"]] == "dormant"
    assert g.people.at[ids["dormant"], "ring"] == 6  # strength decayed below the ring floor
    assert h[ids["acquaintance"]] == "needs water"
    assert g.people.at[ids["acquaintance"], "cadence_days"] == 730
    assert g.people.at[ids["acquaintance"], "days_overdue"] == 1185 - 730
    assert f"water:p{ids['acquaintance']}" not in [i.key for i in g.checklists["water"]]


def test_any_interaction_resets_the_cadence():
    def build(b):
        p = b.person("Pat", since="2024-01-01", ring=2)
        b.interaction("2025-12-01", "coffee", [p])
        b.interaction("2026-03-30", "email", [p])  # an email a day ago resets the clock
        return p

    g, p = garden_of(build)
    assert g.people.at[p, "health"] == "thriving"
    assert g.people.at[p, "days_overdue"] == 1 - 30


def test_ring_override_without_any_contact_counts_from_since():
    def build(b):
        return b.person("Quiet", since="2026-01-01", ring=1)  # no contact for 89 days, cadence 14

    g, p = garden_of(build)
    # 89 days silent > 2 x 14 -> wilting; 89 - 14 = 75 days overdue
    assert g.people.at[p, "health"] == "wilting"
    assert g.people.at[p, "days_overdue"] == 75


@pytest.mark.parametrize("count, expected", [(3, "seedling"), (4, "thriving")])
def test_seedling_needs_few_interactions(count, expected):
    def build(b):
        p = b.person("New", since="2026-03-20")
        for i in range(count):
            b.interaction(f"2026-03-2{i + 1}", "coffee", [p])
        return p

    g, p = garden_of(build)
    assert g.people.at[p, "health"] == expected
