"""netlib.report.charts: the report's charts as inline SVG, well-formed, to scale, escaped, deterministic."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from netlib.report import charts
from netlib.garden.terms import HEALTH_COLOURS as PALETTE
from netlib.garden.analysis import HEALTH, RINGS
from netlib.garden.history import History, months_back

NS = "{http://www.w3.org/2000/svg}"
MONTHS = months_back("2026-11", 12)  # Dec 2025 .. Nov 2026
HOSTILE = "<img src=x onerror=alert(1)>"


def make_history(months=MONTHS, people=None, kinds=None, health=None) -> History:
    """A History from frames, as netlib.garden.history.history builds it (tests/test_history.py does the same)."""
    index = pd.Index(months, name="month")
    n = len(months)
    people = people if people is not None else [200 + 10 * i for i in range(n)]
    numbers = pd.DataFrame({"people": people, "active_ties": [p // 3 for p in people],
                            "new_people": [2 * (i + 1) for i in range(n)], "interactions": 0, "gives": 0,
                            "asks": 0}, index=index)
    health = health if health is not None else {h: [p // 5 for p in people] for h in HEALTH}
    rings = pd.DataFrame({r: [0] * n for r in RINGS}, index=index)
    kinds = pd.DataFrame(kinds if kinds is not None else {}, index=index, dtype=int)
    return History(numbers=numbers, health=pd.DataFrame(health, index=index), rings=rings, kinds=kinds)


# nine kinds, the most frequent first (as history orders them): top=7 keeps seven, "other" sums two
KINDS = {f"kind{k}": [10 * (9 - k) + i for i in range(12)] for k in range(9)}
SUMMARY = {"rings": {1: 5, 2: 10, 3: 35, 4: 100, 5: 520, 6: 12_345}, "health": {h: 10 * (k + 1) for k, h in
                                                                              enumerate(HEALTH)}}


def all_charts(hist, summary=SUMMARY):
    return {"trend_people": charts.trend_people(hist), "trend_interactions": charts.trend_interactions(hist),
            "trend_health": charts.trend_health(hist), "rings_health": charts.rings_health(summary)}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything not well-formed
    assert root.tag == NS + "svg"
    return root


def tips(root, tag) -> list[str]:
    """The tooltips of the ``tag`` elements (legend swatches have none)."""
    return [e.find(NS + "title").text for e in root.iter(NS + tag) if e.find(NS + "title") is not None]


def tipped(root, tag) -> list[ET.Element]:
    return [e for e in root.iter(NS + tag) if e.find(NS + "title") is not None]


def y_ticks(root) -> list[int]:
    """The y tick labels of a trend (right-aligned numbers)."""
    return [int(t.text.replace(",", "")) for t in root.iter(NS + "text")
            if t.get("text-anchor") == "end" and t.text and re.fullmatch(r"[\d,]+", t.text)]


@pytest.fixture(scope="module")
def hist():
    return make_history(kinds=KINDS)


@pytest.mark.parametrize("name, title, height", [
    ("trend_people", "People, active ties and newcomers", 320),
    ("trend_interactions", "Interactions per month, by kind", 320),
    ("trend_health", "Health of your ties, month by month", 320),
    ("rings_health", "People per ring and health", 300)])
def test_each_chart_is_one_labelled_scalable_svg(hist, name, title, height):
    svg = all_charts(hist)[name]
    root = parse(svg)
    assert svg.startswith("<svg ") and svg.endswith("</svg>") and svg.count("<svg") == 1
    assert root.get("viewBox") == f"0 0 800 {height}"
    assert root.get("width") == "100%" and "max-width:800px" in root.get("style")
    assert root.get("role") == "img"
    first = root[0]
    assert first.tag == NS + "title" and first.text == title
    assert root.get("aria-labelledby") == first.get("id") == f"netlib-chart-{name.replace('_', '-')}-title"


def test_people_chart_has_a_bar_per_month_and_a_point_per_month_and_line(hist):
    root = parse(charts.trend_people(hist))
    bars, points = tipped(root, "rect"), tipped(root, "circle")
    assert len(bars) == 12 and len(points) == 2 * 12
    # new_people are 2, 4, ..., 24: month k's bar is (k + 1) / 12 of the last (coordinates have one decimal)
    heights = [float(b.get("height")) for b in bars]
    assert heights[-1] > 10
    assert heights == pytest.approx([heights[-1] * (k + 1) / 12 for k in range(12)], abs=0.11)
    # bars stand on the x axis: top + height is the same for all
    assert len({round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}) == 1


def test_people_tooltips_name_the_month_and_value(hist):
    root = parse(charts.trend_people(hist))
    assert "Nov 2026: 310 people" in tips(root, "circle")  # people: 200 + 10 * 11
    assert "Nov 2026: 103 active ties" in tips(root, "circle")
    assert "Dec 2025: 2 new people" in tips(root, "rect")


def test_points_are_placed_to_scale(hist):
    """y of a point is linear in its value: people 200 and 310 and active ties 66 lie on one line."""
    root = parse(charts.trend_people(hist))
    at = {e.find(NS + "title").text: float(e.get("cy")) for e in tipped(root, "circle")}
    y200, y310, y66 = at["Dec 2025: 200 people"], at["Nov 2026: 310 people"], at["Dec 2025: 66 active ties"]
    assert (y66 - y200) / (y310 - y200) == pytest.approx((66 - 200) / (310 - 200), rel=0.01)


# the largest values: people in Nov 2026 (200 + 10 * 11); interactions in Nov 2026, the nine
# kinds' 10 * (9 - k) + 11 for k = 0..8 (computed by hand: 450 + 99)
@pytest.mark.parametrize("chart, peak", [("trend_people", 310), ("trend_interactions", 549)])
def test_the_top_tick_reaches_the_largest_value(hist, chart, peak):
    ticks = y_ticks(parse(all_charts(hist)[chart]))
    assert ticks[0] == 0 and ticks[-1] >= peak and 4 <= len(ticks) <= 6


@pytest.mark.parametrize("vmax", [0, 0.5, 1, 3, 7, 10, 12, 99, 100, 101, 303, 549, 1_000, 12_345, 99_999])
@pytest.mark.parametrize("most", [5, 2])
def test_ticks_are_nice(vmax, most):
    ticks = charts._ticks(vmax, most)
    step = ticks[1]
    assert ticks[0] == 0 and ticks[-1] >= vmax and (4 if most == 5 else 2) <= len(ticks) <= most + 1
    assert ticks == [step * k for k in range(len(ticks))]
    mantissa = step / 10 ** (len(str(step)) - 1)
    assert mantissa in (1, 2, 2.5, 5)


def test_interactions_stack_the_top_kinds_and_sum_the_rest_as_other(hist):
    root = parse(charts.trend_interactions(hist, top=7))
    bars = tipped(root, "rect")
    assert len(bars) == 12 * 8  # seven kinds and "other", each month
    # Nov 2026: kind7 and kind8 are 10 * 2 + 11 and 10 * 1 + 11; the month 549 in all
    assert "Nov 2026, other: 52 of 549" in tips(root, "rect")
    legend = [t.text for t in root.iter(NS + "text")]
    assert legend.count("other") == 1 and "kind7" not in legend
    # heights to scale: kind0 (90 + 11) and kind6 (30 + 11) in Nov 2026
    height = {b.find(NS + "title").text.split(":")[0]: float(b.get("height")) for b in bars}
    assert height["Nov 2026, kind0"] / height["Nov 2026, kind6"] == pytest.approx(101 / 41, rel=0.01)
    # the kind colours, in order
    fills = list(dict.fromkeys(b.get("fill") for b in bars))
    assert fills == charts.KIND_COLOURS


def test_stacked_bars_touch(hist):
    """Each kind's bar starts where the one below ends."""
    root = parse(charts.trend_interactions(hist))
    nov = [b for b in tipped(root, "rect") if b.find(NS + "title").text.startswith("Nov 2026")]
    for below, above in itertools.pairwise(nov):
        assert float(above.get("y")) + float(above.get("height")) == pytest.approx(float(below.get("y")), abs=0.11)


def test_month_labels_show_the_year_under_the_first_month_and_january(hist):
    root = parse(charts.trend_people(hist))
    labels = [[s.text for s in t.iter(NS + "tspan")] for t in root.iter(NS + "text")
              if t.find(NS + "tspan") is not None]
    assert labels[:3] == [["Dec", "2025"], ["Jan", "2026"], ["Feb"]]
    assert [label[0] for label in labels] == ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                              "Oct", "Nov"]


def test_health_shows_shares_and_months_without_people_as_zero():
    people = [100] * 12
    people[3] = 0  # Mar 2026: nobody yet
    health = {"seedling": [10] * 12, "thriving": [60] * 12, "needs water": [20] * 12, "wilting": [10] * 12,
              "dormant": [0] * 12}
    for h in HEALTH:
        health[h][3] = 0
    svg = charts.trend_health(make_history(people=people, health=health))
    root = parse(svg)
    areas = tipped(root, "polygon")
    assert [a.get("fill") for a in areas] == [PALETTE[h] for h in HEALTH]
    thriving = areas[1].find(NS + "title").text.splitlines()
    assert thriving[0] == "thriving"
    assert "Nov 2026: 60% (60 people)" in thriving and "Mar 2026: 0% (0 people)" in thriving
    assert y_ticks(root) == [0, 20, 40, 60, 80, 100]
    assert "% of people" in [t.text for t in root.iter(NS + "text")]
    assert "nan" not in svg and "inf" not in svg


def test_rings_and_health_bars(hist):
    root = parse(charts.rings_health(SUMMARY))
    bars = tipped(root, "rect")
    assert len(bars) == len(RINGS) + len(HEALTH)
    titles = [b.find(NS + "title").text for b in bars]
    assert titles[0] == "1 inner circle: 5 people" and titles[len(RINGS)] == "seedling: 10 people"
    ring_bars, health_bars = bars[:len(RINGS)], bars[len(RINGS):]
    # ring 1 and seedling at the top
    assert min(ring_bars, key=lambda b: float(b.get("y"))) is ring_bars[0]
    assert min(health_bars, key=lambda b: float(b.get("y"))) is health_bars[0]
    # widths to scale within a panel: 12,345 people and 520
    widths = [float(b.get("width")) for b in ring_bars]
    assert widths[5] / widths[4] == pytest.approx(12_345 / 520, rel=0.01)
    texts = [t.text for t in root.iter(NS + "text")]
    assert "12,345" in texts and "6 acquaintances" in texts and "needs water" in texts
    assert [b.get("fill") for b in health_bars] == [PALETTE[h] for h in HEALTH]


def test_rings_tick_labels_do_not_overlap_in_a_narrow_panel():
    """The health panel is 2/5 of the width: with counts near 100,000 it has fewer ticks."""
    root = parse(charts.rings_health({"rings": {r: 99_999 for r in RINGS}, "health": {"thriving": 99_999}}))
    labels = [t for t in root.iter(NS + "text") if t.get("text-anchor") == "middle"]
    assert labels
    for a, b in itertools.pairwise(labels):
        if float(b.get("x")) > float(a.get("x")):  # the same panel
            room = float(b.get("x")) - float(a.get("x"))
            assert room > charts._width(a.text) / 2 + charts._width(b.text) / 2, (a.text, b.text)


def test_rings_accept_string_keys_and_missing_ones():
    as_ints = charts.rings_health({"rings": {1: 3, 4: 7}, "health": {"thriving": 2}})
    as_strings = charts.rings_health({"rings": {"1": 3, "4": 7}, "health": {"thriving": 2}})
    assert as_ints == as_strings
    assert "2 close: 0 people" in tips(parse(as_ints), "rect")


def test_hostile_kind_names_are_escaped():
    kinds = {HOSTILE: [5] * 12, 'say "hi" & <b>': [3] * 12}
    svg = charts.trend_interactions(make_history(kinds=kinds))
    root = parse(svg)
    assert "<img" not in svg and "<b>" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert not [e for e in root.iter() if e.tag in (NS + "img", NS + "script", NS + "foreignObject", "img")]
    assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on") or "href" in a or a == "src"]
    # parsed back, the names are the texts themselves
    assert f"Nov 2026, {HOSTILE}: 5 of 8" in tips(root, "rect")


def test_charts_are_deterministic(hist):
    again = make_history(kinds=KINDS)  # a new, equal History
    assert all_charts(hist) == all_charts(again)


def test_charts_refer_to_nothing_outside(hist):
    for svg in all_charts(hist).values():
        low = svg.lower()
        for word in ("script", "href", "src", "url(", "class=", "<style", "<image", "@import"):
            assert word not in low, word


@pytest.mark.parametrize("months", [MONTHS, MONTHS[-1:]])
def test_empty_inputs_draw_valid_charts(months):
    zeros = [0] * len(months)
    empty = make_history(months=months, people=zeros, health={h: zeros for h in HEALTH})
    assert empty.kinds.columns.empty
    for summary in ({}, {"rings": {r: 0 for r in RINGS}, "health": {h: 0 for h in HEALTH}}):
        for name, svg in all_charts(empty, summary).items():
            root = parse(svg)
            assert "nan" not in svg and "inf" not in svg, name
            axes = [p for p in root.iter(NS + "path") if p.get("stroke") == "#333"]
            assert axes, name  # the axes are still drawn
    assert len(tipped(parse(charts.trend_interactions(empty)), "rect")) == 0
    assert y_ticks(parse(charts.trend_people(empty)))[0] == 0


def test_constants_agree_with_the_garden_and_the_map():
    assert tuple(charts.HEALTH) == tuple(HEALTH)
    assert charts.RINGS == RINGS
    assert charts.HEALTH_COLOURS == PALETTE  # a state has one colour, on the map and in the charts


def test_charts_of_a_real_history_of_an_empty_store_and_of_the_report_store(tmp_path):
    """From netlib.garden.history itself (not frames made here): an empty garden and a real one."""
    import report_store
    from netlib.garden.history import history
    from netlib.store.snapshot import Snapshot
    from netlib.store.core import Store

    with Store(report_store.build(tmp_path / "g.db")) as store:
        real = store.snapshot()
    for snap in (Snapshot(), real):
        hist = history(snap, "2026-11", months=3)
        summary = {"rings": hist.rings.iloc[-1].to_dict(), "health": hist.health.iloc[-1].to_dict()}
        for svg in (charts.trend_people(hist), charts.trend_interactions(hist), charts.trend_health(hist),
                    charts.rings_health(summary)):
            root = parse(svg)
            assert root.find(NS + "title").text
    # the real garden's bars say its numbers
    assert f"Nov 2026: {int(hist.numbers.loc['2026-11', 'people']):,} people" in tips(parse(charts.trend_people(hist)), "circle")
