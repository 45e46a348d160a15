"""netlib.plots: trend numbers equal the garden's own month summaries; figures draw."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

import report_store
from netlib import plots
from netlib.garden import analyse, month_end, month_summary
from netlib.snapshot import Snapshot
from netlib.store import Store


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    with Store(report_store.build(tmp_path_factory.mktemp("s") / "g.db")) as store:
        return store.snapshot()


@pytest.mark.parametrize("month", ["2026-11", "2026-10", "2026-03"])
def test_history_matches_month_summary(snapshot, month):
    """history() skips the weave and checklists; its numbers must still be analyse()'s."""
    hist = plots.history(snapshot, "2026-11")
    expected = month_summary(analyse(snapshot, month_end(month)))
    assert hist.numbers.loc[month].to_dict() == {k: expected[k] for k in plots.NUMBERS}
    assert hist.health.loc[month].to_dict() == expected["health"]
    assert hist.rings.loc[month].to_dict() == expected["rings"]


def test_history_covers_twelve_months_and_counts_kinds(snapshot):
    hist = plots.history(snapshot, "2026-11")
    assert list(hist.numbers.index) == plots.months_back("2026-11", 12)
    assert hist.numbers.index[0] == "2025-12"
    # by hand from report_store: November 2026 has 2 event meetings (met) and 1 help_given
    assert hist.kinds.loc["2026-11"].to_dict().get("event") == 2
    assert hist.kinds.loc["2026-11"].to_dict().get("help_given") == 1
    change = hist.change()
    assert change.loc["interactions", "change"] == hist.numbers["interactions"].iloc[-1] - hist.numbers[
        "interactions"].iloc[-2]


def test_months_back_crosses_years():
    assert plots.months_back("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_figures_draw_to_png_even_for_an_empty_garden(snapshot):
    for snap in (snapshot, Snapshot()):
        hist = plots.history(snap, "2026-11", months=3)
        summary = {"rings": hist.rings.iloc[-1].to_dict(), "health": hist.health.iloc[-1].to_dict()}
        for fig in (plots.trend_people(hist), plots.trend_interactions(hist), plots.trend_health(hist),
                    plots.rings_health(summary)):
            assert isinstance(fig, Figure)
            assert plots.png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_history_reads_the_last_month_as_of_the_given_day(snapshot):
    hist = plots.history(snapshot, "2026-11", as_of="2026-11-12")
    expected = month_summary(analyse(snapshot, "2026-11-12"))
    assert hist.numbers.loc["2026-11"].to_dict() == {k: expected[k] for k in plots.NUMBERS}
    assert hist.health.loc["2026-11"].to_dict() == expected["health"]


def test_history_reusing_the_gardens_contacts_gives_the_same_numbers(snapshot):
    garden = analyse(snapshot, "2026-11-12")
    reused = plots.history(snapshot, "2026-11", as_of="2026-11-12", contacts_rows=garden.contacts)
    fresh = plots.history(snapshot, "2026-11", as_of="2026-11-12")
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
