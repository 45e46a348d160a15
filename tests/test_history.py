"""netlib.garden.history: trend numbers equal the garden's own month summaries."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import report_store
from netlib.garden import history as history_module
from netlib.garden.analysis import analyse, month_summary
from netlib.store.core import Store
from netlib.months import last_day


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    with Store(report_store.build(tmp_path_factory.mktemp("s") / "g.db")) as store:
        return store.snapshot()


@pytest.mark.parametrize("month", ["2026-11", "2026-10", "2026-03"])
def test_history_matches_month_summary(snapshot, month):
    """history() skips the weave and checklists; its numbers must still be analyse()'s."""
    hist = history_module.history(snapshot, "2026-11")
    expected = month_summary(analyse(snapshot, pd.Timestamp(last_day(month))))
    assert hist.numbers.loc[month].to_dict() == {k: expected[k] for k in history_module.NUMBERS}
    assert hist.health.loc[month].to_dict() == expected["health"]
    assert hist.rings.loc[month].to_dict() == expected["rings"]


@pytest.mark.parametrize("changes", [
    {"ring_sizes": [1, 2, 3, 4, 5]},  # more people ranked than fit in rings 1-5
    {"strong_strength": 0.0, "ring_min_strength": 0.0},  # everyone was strong, even without contact
    {"cadence_days": {"1": None, "2": 7, "3": None, "4": 180, "5": 365, "6": None}, "seedling_days": 400,
     "seedling_max_interactions": 1, "dormant_days": 30},
])
def test_history_matches_month_summary_with_other_settings_and_overrides(snapshot, changes):
    """history() ranks rings and reads health on arrays: the rules must stay netlib.garden.rings'."""
    people = snapshot.people.copy()
    ids = people.index.to_numpy()
    people["ring_override"] = people["ring_override"].astype("Int64")
    people.loc[ids[0], "ring_override"] = 3
    people.loc[ids[1], "ring_override"] = 9  # not a ring: ignored
    people["cadence_override"] = people["cadence_override"].astype("Int64")
    people.loc[ids[2], "cadence_override"] = 5
    snap = dataclasses.replace(snapshot, people=people, settings={**snapshot.settings, **changes})
    hist = history_module.history(snap, "2026-11", as_of="2026-11-12")
    for month, day in (("2026-11", "2026-11-12"), ("2026-10", "2026-10-31"), ("2026-04", "2026-04-30")):
        expected = month_summary(analyse(snap, day))
        assert hist.numbers.loc[month].to_dict() == {k: expected[k] for k in history_module.NUMBERS}
        assert hist.health.loc[month].to_dict() == expected["health"]
        assert hist.rings.loc[month].to_dict() == expected["rings"]


def test_history_computing_every_months_own_peaks_gives_the_same_numbers(snapshot, monkeypatch):
    """Earlier months read peak strength from the last day's peaks unless someone is near
    strong_strength; computing each month's own (as analyse does) must not change a number."""
    usual = history_module.history(snapshot, "2026-11")
    monkeypatch.setattr(history_module._Trend, "NEAR", 2.0)  # everyone is "near": each month its own peaks
    exact = history_module.history(snapshot, "2026-11")
    for name in ("numbers", "health", "rings", "kinds"):
        assert getattr(exact, name).equals(getattr(usual, name))


def test_history_applies_the_rules_through_netlib_rings(snapshot, monkeypatch):
    """One implementation of each rule: history() ranks rings and reads health with the
    array functions that netlib.garden.rings' own assign_rings and health wrap."""
    from netlib.garden import rings

    calls = []
    for name in ("rank_rings", "health_codes", "met_between"):
        real = getattr(rings, name)
        monkeypatch.setattr(rings, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    history_module.history(snapshot, "2026-11", months=3)
    assert sorted(calls) == ["health_codes"] * 3 + ["met_between"] * 3 + ["rank_rings"] * 3
    calls.clear()
    analyse(snapshot, "2026-11-30")
    assert {"rank_rings", "health_codes"} <= set(calls)


def test_history_covers_twelve_months_and_counts_kinds(snapshot):
    hist = history_module.history(snapshot, "2026-11")
    assert list(hist.numbers.index) == history_module.months_back("2026-11", 12)
    assert hist.numbers.index[0] == "2025-12"
    # by hand from report_store: November 2026 has 2 event meetings (met) and 1 help_given
    assert hist.kinds.loc["2026-11"].to_dict().get("event") == 2
    assert hist.kinds.loc["2026-11"].to_dict().get("help_given") == 1
    change = hist.change()
    assert change.loc["interactions", "change"] == hist.numbers["interactions"].iloc[-1] - hist.numbers[
        "interactions"].iloc[-2]


def test_months_back_crosses_years():
    assert history_module.months_back("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_history_reads_the_last_month_as_of_the_given_day(snapshot):
    hist = history_module.history(snapshot, "2026-11", as_of="2026-11-12")
    expected = month_summary(analyse(snapshot, "2026-11-12"))
    assert hist.numbers.loc["2026-11"].to_dict() == {k: expected[k] for k in history_module.NUMBERS}
    assert hist.health.loc["2026-11"].to_dict() == expected["health"]


def test_history_reusing_the_gardens_contacts_gives_the_same_numbers(snapshot):
    garden = analyse(snapshot, "2026-11-12")
    reused = history_module.history(snapshot, "2026-11", as_of="2026-11-12", contacts_rows=garden.contacts)
    fresh = history_module.history(snapshot, "2026-11", as_of="2026-11-12")
    for name in ("numbers", "health", "rings", "kinds"):
        assert getattr(reused, name).equals(getattr(fresh, name))


def test_snapshot_without_summaries_differs_only_in_summary_and_source(tmp_path):
    import pandas as pd

    with Store(report_store.build(tmp_path / "g.db")) as store:
        full, light = store.snapshot(), store.snapshot(summaries=False)
    assert light.interactions["summary"].isna().all() and light.interactions["source"].isna().all()
    cols = [c for c in full.interactions.columns if c not in ("summary", "source")]
    assert list(light.interactions.columns) == list(full.interactions.columns)
    pd.testing.assert_frame_equal(light.interactions[cols], full.interactions[cols])
    for name in ("people", "participants", "events", "event_people", "ties", "checklist"):
        pd.testing.assert_frame_equal(getattr(light, name), getattr(full, name))


def test_dates_far_from_today_count_as_the_garden_counts_them(tmp_path):
    """A typo like since=2602 (or 1500) is outside what nanosecond dates hold (1677-2262):
    the history must not wrap it round into another century. Old joined in 1500 and had
    coffee this month (in the garden, active); Far joins in 2602 (not yet in it)."""
    from builders import SnapBuilder

    b = SnapBuilder()
    ann = b.person("Ann")
    old = b.person("Old", since="1500-01-01")
    b.person("Far", since="2602-01-01")
    b.interaction("2026-03-10", "coffee", [ann, old])
    b.interaction("2602-03-10", "coffee", [ann])  # far in the future: not counted yet
    snap = b.build()
    expected = month_summary(analyse(snap, pd.Timestamp(last_day("2026-03"))))
    assert expected["people"] == 2 and expected["active_ties"] == 2 and expected["interactions"] == 1
    hist = history_module.history(snap, "2026-03", months=3)
    assert hist.numbers.loc["2026-03"].to_dict() == {k: expected[k] for k in history_module.NUMBERS}
    assert hist.rings.loc["2026-03"].to_dict() == expected["rings"]
    assert hist.health.loc["2026-03"].to_dict() == expected["health"]


def test_far_dates_read_from_the_store_count_as_the_garden_counts_them(tmp_path):
    """The same, through a real store (its dates are read at microsecond precision): first
    one person who joined in 1500, then also one who joins in 2602 (each alone would wrap
    into the other's place, and their counts would cancel out)."""
    path = report_store.build(tmp_path / "g.db")
    with Store(path) as store:
        ids = [store.add_person(name) for name in ("Old Timer", "Far Future")]  # no contact: since decides
        for pid, since in ((ids[0], "1500-01-01"), (ids[1], "2602-01-01")):
            store.con.execute("UPDATE people SET since = ? WHERE id = ?", (since, pid))
            snap = store.snapshot()
            assert snap.people.loc[pid, "since"].year == int(since[:4])
            expected = month_summary(analyse(snap, pd.Timestamp(last_day("2026-10"))))
            hist = history_module.history(snap, "2026-10", months=2)
            assert hist.numbers.loc["2026-10"].to_dict() == {k: expected[k] for k in history_module.NUMBERS}
            assert hist.rings.loc["2026-10"].to_dict() == expected["rings"]
            assert hist.health.loc["2026-10"].to_dict() == expected["health"]


def test_history_with_times_of_day_gives_the_same_numbers(snapshot, monkeypatch):
    """The fallback for dates with a time of day (no whole day numbers) gives what the
    usual way gives."""
    usual = history_module.history(snapshot, "2026-11")
    monkeypatch.setattr(history_module, "_whole_days", lambda dates, cuts: None)
    by_dates = history_module.history(snapshot, "2026-11")
    for name in ("numbers", "health", "rings", "kinds"):
        assert getattr(by_dates, name).equals(getattr(usual, name))


def test_history_read_as_of_a_day_before_the_earlier_months_ends(snapshot):
    """The last month read as of a day before the ends of the months before it (days out of
    order): that month is still what analyse gives on that day."""
    hist = history_module.history(snapshot, "2026-11", months=3, as_of="2026-09-20")
    expected = month_summary(analyse(snapshot.as_of("2026-09-20"), pd.Timestamp("2026-09-20")))
    assert hist.health.loc["2026-11"].to_dict() == expected["health"]
    assert hist.rings.loc["2026-11"].to_dict() == expected["rings"]
    assert {k: hist.numbers.loc["2026-11", k] for k in ("people", "active_ties")} == \
        {k: expected[k] for k in ("people", "active_ties")}


def _every_month_is_analyses(snap, month: str, months: int, as_of=None):
    hist = history_module.history(snap, month, months, as_of=as_of)
    labels = history_module.months_back(month, months)
    assert list(hist.numbers.index) == labels
    for label in labels:
        day = pd.Timestamp(as_of) if as_of is not None and label == month else pd.Timestamp(last_day(label))
        expected = month_summary(analyse(snap, day))
        assert hist.numbers.loc[label].to_dict() == {k: expected[k] for k in history_module.NUMBERS}, label
        assert hist.health.loc[label].to_dict() == expected["health"], label
        assert hist.rings.loc[label].to_dict() == expected["rings"], label


def test_every_month_of_the_sample_gardens_history_is_analyses(tmp_path):
    """The demo's sample store, read as the report reads it (packed, no summaries): each of
    fifteen months (across a year's end) is what analyse gives on its last day."""
    from netlib.demo.build import build_demo_store

    store, end = build_demo_store(tmp_path / "demo.db", echo=lambda *_: None)
    with store:
        snap = store.snapshot(summaries=False)
    month = f"{end:%Y-%m}"
    _every_month_is_analyses(snap, month, 15)
    _every_month_is_analyses(snap, month, 3, as_of=end)


def test_every_month_of_a_generated_gardens_history_is_analyses():
    """A generated garden (a person may be twice in one meeting, ties, events, goals),
    its history read to a day inside its data: every month is analyse's."""
    from builders import synthetic_snapshot

    snap = synthetic_snapshot(600, seed=3)
    _every_month_is_analyses(snap, "2026-03", 12, as_of="2026-03-17")
    _every_month_is_analyses(snap, "2016-02", 4)  # early: few people there yet


def test_strength_read_off_the_monthly_sums_gives_analyses_rings():
    """Most people's strength at a month end is read off the months' summed weights (about
    1e-13 from analyse's floats); only those near a floor or ranked for rings 1-5 get it
    exact. With rings 1-5 holding 15 people, thousands are ranked by neither: every month
    must still be analyse's."""
    from builders import synthetic_snapshot

    snap = synthetic_snapshot(3000, seed=5)
    snap = dataclasses.replace(snap, settings={**snap.settings, "ring_sizes": [1, 2, 3, 4, 15]})
    _every_month_is_analyses(snap, "2026-03", 12, as_of="2026-03-17")


def test_history_with_every_strength_exact_gives_the_same_numbers(snapshot, monkeypatch):
    """Everyone "near" a floor (EXACT = 2): each month computes every strength from its own
    rows, as analyse does; the numbers must not change."""
    from builders import synthetic_snapshot

    for snap in (snapshot, synthetic_snapshot(3000, seed=5)):
        usual = history_module.history(snap, "2026-03")
        with monkeypatch.context() as patch:
            patch.setattr(history_module._Trend, "EXACT", 2.0)
            exact = history_module.history(snap, "2026-03")
        for name in ("numbers", "health", "rings", "kinds"):
            assert getattr(exact, name).equals(getattr(usual, name)), name


def test_history_given_the_gardens_summary_gives_the_same_numbers(snapshot):
    """The report passes its garden's month_summary for the last month: the same numbers
    as the history computes itself; a summary of another day is not used."""
    garden = analyse(snapshot, "2026-11-12")
    summary = month_summary(garden)
    given = history_module.history(snapshot, "2026-11", as_of="2026-11-12", contacts_rows=garden.contacts,
                                   summary=summary)
    fresh = history_module.history(snapshot, "2026-11", as_of="2026-11-12")
    for name in ("numbers", "health", "rings", "kinds"):
        assert getattr(given, name).equals(getattr(fresh, name)), name
    other = history_module.history(snapshot, "2026-11", summary={**summary, "people": -1})  # as of 2026-11-30
    assert other.numbers.loc["2026-11", "people"] >= 0


def _twin_garden():
    """Six groups of ten people; the ten of a group have the very same contacts (the same
    days and kinds), so their strengths tie exactly at every month end."""
    import random

    from builders import SnapBuilder

    b, rng = SnapBuilder(), random.Random(1)
    people = [b.person(f"P{k}") for k in range(60)]
    for g in range(6):
        for m in range(1, 12):
            for d in rng.sample(range(1, 28), rng.randint(0, 3)):
                kind = rng.choice(["coffee", "call", "message"])
                for p in people[g * 10:(g + 1) * 10]:
                    b.interaction(f"2026-{m:02d}-{d:02d}", kind, [p])
    return b.build({"owner_name": "Me"})


@pytest.mark.parametrize("sizes", [[3, 7, 13, 25, 37], [10, 20, 30, 40, 50]])
def test_history_with_strengths_tied_across_the_ring_cuts_is_analyses(sizes):
    """Ties in strength that the ring sizes cut through (ranked by recency, then id): each
    month is analyse's, whatever the months' summed weights say in their last digits."""
    snap = _twin_garden()
    snap = dataclasses.replace(snap, settings={**snap.settings, "ring_sizes": sizes})
    _every_month_is_analyses(snap, "2026-11", 6)


def test_history_with_floors_and_strong_strength_exactly_at_strengths_is_analyses():
    """Every ring floor and strong_strength set to a strength someone has exactly at a month
    end (analyse's float): the comparisons at the floors are analyse's, month by month."""
    snap = _twin_garden()
    for month in ("2026-09", "2026-11"):
        strengths = analyse(snap, pd.Timestamp(last_day(month))).people["strength"]
        picked = np.sort(np.unique(strengths[strengths > 0]))[::-1][:6].tolist()
        settings = {**snap.settings, "ring_floor_strength": picked[:5], "ring_min_strength": picked[4],
                    "strong_strength": picked[5], "ring_floor_contacts": [0] * 5, "ring_sizes": [5, 15, 25, 35, 45]}
        _every_month_is_analyses(dataclasses.replace(snap, settings=settings), "2026-11", 6)


def test_history_with_a_tiny_strength_scale_and_short_half_life_is_analyses(monkeypatch):
    """A strength_scale below the shortcut's margin (MIN_SCALE) and weights decayed below the
    normal floats: each month is analyse's; the shortcut is not taken at such a scale."""
    snap = _twin_garden()
    settings = {**snap.settings, "strength_scale": 1e-300, "half_life_days": 0.5}
    _every_month_is_analyses(dataclasses.replace(snap, settings=settings), "2026-11", 6)
    taken = []
    real = history_module._rings.contested
    monkeypatch.setattr(history_module._rings, "contested", lambda *a, **k: taken.append(1) or real(*a, **k))
    history_module.history(dataclasses.replace(snap, settings=settings), "2026-11", 6)
    assert not taken
    history_module.history(snap, "2026-11", 6)
    assert taken


def test_first_events_as_analyse_finds_them():
    """Each person's first event (by positions and one sort): people who enter only by an
    event, events listed out of date order, one after the history's last day, one without a
    date, an attendance of an event that is not there and an attendee who is not a person:
    every month's new people, people and health are analyse's."""
    from builders import SnapBuilder

    b = SnapBuilder()
    walk_ins = [b.person(f"W{k}", since=None) for k in range(5)]
    known = [b.person(f"K{k}", since="2026-01-15") for k in range(3)]
    b.interaction("2026-07-02", "coffee", [walk_ins[0], known[0]])
    b.event("late", "2026-10-05", [walk_ins[0], walk_ins[1], known[1]])
    b.event("early", "2026-08-20", [walk_ins[1], walk_ins[2]])
    b.event("after", "2027-01-10", [walk_ins[3], known[2]])
    b.event("undated", "2026-09-01", [walk_ins[4]])
    snap = b.build({"owner_name": "Me"})
    events = snap.events.copy()
    events.loc[events["name"] == "undated", "date"] = pd.NaT
    extra = pd.DataFrame({"event_id": [99, 1], "person_id": [walk_ins[4], 999], "learned": None,
                          "followed_up": False, "followed_up_on": pd.NaT})
    met = pd.concat([snap.event_people, extra.astype(snap.event_people.dtypes)], ignore_index=True)
    snap = dataclasses.replace(snap, events=events, event_people=met)
    _every_month_is_analyses(snap, "2026-11", 6)
    _every_month_is_analyses(snap, "2026-10", 3, as_of="2026-10-04")
    hist = history_module.history(snap, "2026-11", 6)
    assert hist.numbers.loc["2026-08", "new_people"] == 2  # by "early", listed after "late"


def test_whole_days_are_the_dates_day_numbers_or_none():
    """Day numbers of midnights (before 1970 too: floor division), None for a time of day,
    a NaT, or a date within a day of the datetime64 floor (where number * day would wrap)."""
    dates = np.array(["1500-03-01", "1969-12-31", "1970-01-01", "2026-11-30"], dtype="datetime64[us]")
    cuts = np.array(["2026-12-03"], dtype="datetime64[us]")
    got = history_module._whole_days(dates, cuts)
    assert got.tolist() == np.r_[dates, cuts].astype("datetime64[D]").astype("int64").tolist()
    for odd in (np.datetime64("2026-05-01T12:00", "us"), np.datetime64("NaT", "us"),
                np.array([np.iinfo(np.int64).min + 1]).view("datetime64[us]")[0]):
        assert history_module._whole_days(np.r_[dates, [odd]], cuts) is None


def test_running_is_numpys_accumulate_down_the_columns():
    """_running adds (or takes the larger) row after row: numpy's accumulate's very values."""
    rng = np.random.default_rng(2)
    table = rng.random((13, 500)) * 10.0 ** rng.integers(-12, 12, (13, 500))
    table[3, 7] = np.nan
    for ufunc in (np.add, np.maximum):
        assert np.array_equal(history_module._running(table, ufunc), ufunc.accumulate(table, axis=0), equal_nan=True)
    counts = rng.integers(0, 5, (13, 500))
    assert np.array_equal(history_module._running(counts, np.add), counts.cumsum(axis=0))
    assert history_module._running(table[:0], np.add).shape == (0, 500)
