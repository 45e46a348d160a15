"""Tests for netlib.garden.rings: rings by rank, cadence, and health states worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.garden import analysis as garden
from netlib.garden import rings
from netlib.garden.analysis import analyse
from netlib.garden.rings import assign_rings, cadence
from netlib.store.settings import merge

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


def test_someone_never_in_touch_is_not_thriving():
    """An address book imported last week, or a LinkedIn connection never written to, entered
    the garden recently but nothing has watered the tie (the sample showed them 'thriving')."""
    def build(b):
        ids = {"card": b.person("Cara", since="2026-03-20"),  # imported 11 days ago, never in touch
               "met": b.person("Mia", since="2026-03-20")}
        b.interaction("2026-03-20", "email", [ids["met"]])  # one email: within the cadence
        ids["null"] = b.person("Nul", since="2026-03-20", ring=3)
        return ids

    g, ids = garden_of(build, settings={"cadence_days": {"3": None}})
    h = g.people["health"]
    assert h[ids["card"]] == "needs water"
    assert h[ids["met"]] in ("thriving", "seedling")
    assert h[ids["null"]] == "thriving"  # a ring with no cadence asks for nothing


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


# ------------------------------------------------------------------ the array cores


def test_rank_rings_sorts_only_the_inner_rings_yet_ranks_as_a_full_sort():
    """rank_rings sorts only those who can rank above ring 6; with many ties at the cut
    (and overrides, zero and sub-floor strengths, never-contacted people) the rings must be
    those of sorting everyone by the rule: strength, more recent, lower id."""
    rng = np.random.default_rng(7)
    n = 3000
    strength = rng.choice([0.0, 0.005, 0.2, 0.3, 0.5, 0.7, 0.9], size=n)  # heavy ties
    last = np.datetime64("2026-01-01", "ns") + rng.integers(0, 40, size=n).astype("timedelta64[D]")
    last[rng.random(n) < 0.2] = np.datetime64("NaT", "ns")
    ids = rng.permutation(np.arange(1, n + 1) * 3)
    manual = np.where(rng.random(n) < 0.05, rng.integers(1, 7, size=n), 0)
    settings = merge({"ring_sizes": [3, 17, 60, 200, 450]})
    got = rings.rank_rings(strength, last, ids, manual, settings)

    want = np.full(n, 6)
    ranked = [i for i in range(n) if manual[i] == 0 and strength[i] >= 0.01]
    never = pd.Timestamp.min.as_unit("ns").to_datetime64()
    ranked.sort(key=lambda i: (-strength[i], -(last[i] if not np.isnat(last[i]) else never).astype("int64"), ids[i]))
    for rank, i in enumerate(ranked):
        want[i] = 1 + sum(rank >= size for size in settings["ring_sizes"])
    want[manual > 0] = manual[manual > 0]
    assert got.tolist() == want.tolist()
    # and the pandas wrapper gives the same rings, by id
    frame = pd.DataFrame({"strength": strength, "last_interaction": last}, index=ids)
    override = pd.Series(np.where(manual > 0, manual, np.nan), index=ids)
    assert assign_rings(frame, override, settings).tolist() == got.tolist()


def test_manual_rings_keeps_only_rings_1_to_6():
    override = pd.Series([1, 6, 0, 7, None, "3", "x"], dtype=object)
    assert rings.manual_rings(override).tolist() == [1, 6, 0, 0, 0, 3, 0]


def test_health_states_share_garden_order():
    assert rings.HEALTH == garden.HEALTH


def _health(**columns):
    """health_codes of one person per entry, as states; defaults: an old tie, seen 10 days ago."""
    n = max(len(v) for v in columns.values())

    def col(name, default, dtype):
        return np.asarray(columns.get(name, [default] * n), dtype=dtype)
    as_of = np.datetime64("2026-03-31", "ns")
    code, silent, overdue = rings.health_codes(
        as_of, col("cadence", 30.0, float), as_of - col("silent", 10, "timedelta64[D]"),
        col("since", "2020-01-01", "datetime64[ns]"), col("first_met", "2020-01-01", "datetime64[ns]"),
        col("first_contact", "2020-01-01", "datetime64[ns]"), col("count", 5, "int64"),
        col("strong", False, bool), merge())
    return [rings.HEALTH[c] for c in code], silent, overdue


def test_health_codes_precedence_on_arrays():
    met_last_week = "2026-03-24"
    states, silent, overdue = _health(
        #      seedling+strong+silent  dormant, no cadence  no cadence  thriving  needs water  wilting
        silent=[400,                    400,                 400,        30,       60,          61],
        first_met=[met_last_week] + ["2020-01-01"] * 5,
        strong=[True, True, False, False, False, False],
        count=[1, 5, 5, 5, 5, 5],
        cadence=[30.0, np.nan, np.nan, 30.0, 30.0, 30.0])
    assert states == ["seedling", "dormant", "thriving", "thriving", "needs water", "wilting"]
    assert silent.tolist() == [400, 400, 400, 30, 60, 61]
    assert overdue[3:].tolist() == [0, 30, 31] and np.isnan(overdue[1:3]).all()


def test_health_codes_without_contact_or_meeting():
    nat = "NaT"
    states, silent, overdue = _health(
        # an imported card: entered last week but never contacted -> not a seedling, and not
        # thriving either (nothing watered it); no last contact and no since -> silence unknown:
        # needs water with a cadence
        silent=[nat, nat], since=["2026-03-24", nat], first_met=["2026-03-24", nat], first_contact=[nat, nat],
        count=[0, 0])
    assert states == ["needs water", "needs water"]
    assert silent[0] == 7 and np.isnan(silent[1]) and np.isnan(overdue[1])
