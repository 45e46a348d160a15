"""Tests for netlib.garden.analysis: the output contract, the as-of guarantee, edge cases, and
random snapshots (hypothesis)."""

import json

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import SnapBuilder
from netlib.errors import ValidationError
from netlib.garden.analysis import CHECKLISTS, HEALTH, PEOPLE_COLUMNS, RINGS, Garden, analyse, month_summary
from netlib.months import last_day

AS_OF = "2026-03-31"


def small_network(b=None):
    b = b or SnapBuilder()
    ann = b.person("Ann", company="Acme", tags=["design"], emails=["ann@acme.test"])
    bob = b.person("Bob", company="Acme", tags=["design"])
    cy = b.person("Cy", since="2026-03-12", tags=["design"])
    dee = b.person("Dee", company="Beta")
    b.interaction("2026-02-19", "coffee", [ann])
    b.interaction("2026-03-05", "meeting", [ann, bob, dee])
    b.interaction("2026-03-20", "help_received", [bob], direction="in")
    for day in ("2021-01-01", "2021-02-01", "2021-03-01"):
        b.interaction(day, "meal", [dee])
    b.event("Meetup", "2026-03-12", [cy])
    b.tie(ann, cy, "coattendance", weight=0.5)
    return b


def test_output_contract():
    g = analyse(small_network().build(), AS_OF,
                settings={"goals": [{"text": "meet 1 designer", "kind": "meet", "tag": "design"}]})
    assert isinstance(g, Garden)
    assert g.as_of == pd.Timestamp(AS_OF) and g.month == "2026-03"
    assert list(g.people.columns) == PEOPLE_COLUMNS
    assert g.people.index.dtype == "int64"
    assert set(g.people["ring"]) <= set(RINGS) and g.people["ring"].dtype == "int64"
    assert set(g.people["health"]) <= set(HEALTH)
    assert g.people["strength"].between(0, 1).all()
    assert g.people["bridge"].dtype == bool and g.people["cluster"].dtype == "int64"
    assert g.people["interaction_count"].dtype == "int64"
    assert (g.people["ring_name"] == g.people["ring"].map(RINGS)).all()
    assert list(g.ties.columns) == ["a", "b", "weight", "kinds"] and (g.ties["a"] < g.ties["b"]).all()
    assert list(g.clusters.columns) == ["size", "label", "label_kind", "hub", "people"]
    assert list(g.reciprocity.columns) == ["given", "received", "intros_for", "intros_by", "balance"]
    assert set(g.checklists) == set(CHECKLISTS)
    data = g.checklist_json()
    assert json.loads(json.dumps(data)) == data
    assert data["month"] == "2026-03" and data["as_of"] == "2026-03-31"
    assert set(data) == {"month", "as_of", *CHECKLISTS}
    assert data["goals"][0]["state"] == "done"  # Cy, tagged design, met on 12 March


def test_as_of_guarantee_later_data_changes_nothing():
    before = small_network().build()
    b = small_network()
    later = b.person("Later", since="2026-04-02")
    b.interaction("2026-04-03", "coffee", [later, 1])
    b.interaction("2026-05-01", "help_given", [2], direction="out")
    b.event("April Meetup", "2026-04-10", [3])
    b.tie(1, 2, "knows", since="2026-04-05")
    b.check("water:p1", "2026-03", "done", at="2026-04-01")
    after = b.build()
    g1, g2 = analyse(before, AS_OF), analyse(after, AS_OF)
    pdt.assert_frame_equal(g1.people, g2.people)
    pdt.assert_frame_equal(g1.ties, g2.ties)
    pdt.assert_frame_equal(g1.reciprocity, g2.reciprocity)
    assert g1.checklist_json() == g2.checklist_json()
    assert month_summary(g1) == month_summary(g2)


def test_empty_snapshot_gives_empty_lists():
    g = analyse(SnapBuilder().build(), "2026-11-30")
    assert len(g.people) == 0 and list(g.people.columns) == PEOPLE_COLUMNS
    assert len(g.ties) == 0 and len(g.clusters) == 0 and len(g.reciprocity) == 0
    assert all(g.checklists[name] == [] for name in CHECKLISTS)
    summary = month_summary(g)
    assert summary["people"] == 0 and summary["rings"] == {r: 0 for r in RINGS}


def test_as_of_is_required_and_accepts_dates_strings_timestamps():
    snap = small_network().build()
    with pytest.raises(ValidationError, match="as_of is required"):
        analyse(snap)
    with pytest.raises(ValidationError, match="2026-11-30"):
        analyse(snap, "not a date")
    import datetime as dt

    a = analyse(snap, dt.date(2026, 3, 31))
    assert a.checklist_json() == analyse(snap, pd.Timestamp("2026-03-31 17:45")).checklist_json()
    assert analyse(snap, settings={"as_of": "2026-03-31"}).as_of == a.as_of


def test_month_summary_by_hand():
    g = analyse(small_network().build(), AS_OF)
    s = month_summary(g)
    # March: meeting (5th), help_received (20th) -> 2 interactions, 1 ask, 0 gives
    assert (s["people"], s["interactions"], s["gives"], s["asks"]) == (4, 2, 0, 1)
    assert s["new_people"] == 1  # Cy, since 12 March
    assert s["active_ties"] == 3  # Ann, Bob and Dee all came to the 5 March meeting
    assert sum(s["rings"].values()) == 4 and sum(s["health"].values()) == 4


# --- random snapshots --------------------------------------------------------------------

KINDS = ["connected", "coffee", "email", "meeting", "intro", "help_given", "help_received", "note"]


@st.composite
def snapshots(draw):
    b = SnapBuilder()
    n = draw(st.integers(0, 12))
    days = st.dates(min_value=pd.Timestamp("2024-01-01").date(), max_value=pd.Timestamp("2026-06-30").date())
    for i in range(n):
        b.person(f"P{i}", company=draw(st.sampled_from([None, "Acme", "Beta"])),
                 since=draw(st.one_of(st.none(), days)), tags=draw(st.lists(st.sampled_from(["a", "b"]), max_size=2)),
                 ring=draw(st.one_of(st.none(), st.integers(1, 6))), linkedin_url=draw(st.sampled_from([None, "u"])))
    ids = list(range(1, n + 1))
    if ids:
        for _ in range(draw(st.integers(0, 25))):
            who = draw(st.lists(st.sampled_from(ids + [99]), min_size=1, max_size=4, unique=True))
            b.interaction(draw(days), draw(st.sampled_from(KINDS)), who,
                          direction=draw(st.sampled_from(["in", "out", "both"])))
        for _ in range(draw(st.integers(0, 10))):
            a, c = draw(st.sampled_from(ids)), draw(st.sampled_from(ids + [99]))
            if a != c:
                b.tie(a, c, draw(st.sampled_from(["knows", "coattendance", "colleague"])),
                      since=draw(st.one_of(st.none(), days)))
        for _ in range(draw(st.integers(0, 2))):
            b.event("E", draw(days), draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)))
    return b


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots(), st.integers(1, 600))
def test_random_snapshots_analyse_and_are_as_of_invariant(b, offset):
    snap = b.build()
    cut = pd.Timestamp("2024-01-01") + pd.Timedelta(days=offset)
    g = analyse(snap, cut, settings={"goals": [{"text": "meet", "kind": "meet", "tag": "a"}]})
    assert g.people["ring"].between(1, 6).all()
    assert set(g.people["health"]) <= set(HEALTH)
    assert g.people["strength"].between(0, 1).all()
    assert set(g.checklists) == set(CHECKLISTS)
    json.dumps(g.checklist_json())
    month_summary(g)
    trimmed = analyse(snap.as_of(cut), cut, settings={"goals": [{"text": "meet", "kind": "meet", "tag": "a"}]})
    pdt.assert_frame_equal(g.people, trimmed.people)
    assert g.checklist_json() == trimmed.checklist_json()



@pytest.mark.parametrize("day", ["2026-03-31", "2026-11-15"])
def test_standing_is_the_gardens_strength_ring_and_health(day):
    """netlib.garden.standing (what `netlib people show` reads) gives each person the very
    strength, ring and health analyse gives, without the weave and the checklists."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from builders import synthetic_snapshot
    from netlib.garden.analysis import standing

    snap = synthetic_snapshot(2_000, seed=4)
    garden = analyse(snap, day)
    mine = standing(snap, day)
    columns = ["strength", "peak_strength", "ring", "ring_name", "cadence_days", "first_met", "health",
               "days_overdue", "last_interaction", "interaction_count"]
    pdt.assert_frame_equal(mine[columns], garden.detail[columns])
    assert mine["ring"].nunique() > 2 and mine["health"].nunique() > 2  # the comparison means something


def test_editing_the_gardens_tag_lists_leaves_the_snapshot_and_later_gardens_alone():
    """A notebook may edit a garden's tag lists in place (``for t in g.people["tags"]: t.append(...)``);
    the snapshot it came from (the Live panel's, analysed again after every change) must not
    change with them, nor the next garden made from it."""
    snap = small_network().build()
    before = [list(t) for t in snap.people["tags"]]
    g = analyse(snap, AS_OF)
    for frame in (g.people, g.detail):
        for tags in frame["tags"]:
            tags.append("edited in a notebook")
    assert [list(t) for t in snap.people["tags"]] == before
    again = analyse(snap, AS_OF)
    assert again.people["tags"].tolist() == before


def _tagged_pair_of_groups(tags) -> SnapBuilder:
    """Two groups of three, tied within, each member in touch this month, tagged ``tags``."""
    b = SnapBuilder()
    for g in range(2):
        ps = [b.person(f"G{g}p{i} X", company=f"C{g}{i}", tags=tags) for i in range(3)]
        b.tie(ps[0], ps[1]); b.tie(ps[1], ps[2]); b.tie(ps[0], ps[2])
        for p in ps:
            b.interaction("2026-03-02", "coffee", [p])
    return b


def test_tags_as_numpy_arrays_of_tuples_are_read_as_their_items():
    """Hand-made frames only (the store gives lists of text): a person's tags given as
    ``np.array([("ml", "ai")])`` (an array of two dimensions) broke analyse() in the
    clusters' naming (an array is not hashable); an array's items, flattened, are the tags."""
    want = analyse(_tagged_pair_of_groups(["ml", "ai"]).build(), AS_OF)
    snap = _tagged_pair_of_groups(["ml", "ai"]).build()
    snap.people["tags"] = [np.array([("ml", "ai")], dtype=object) for _ in range(len(snap.people))]
    got = analyse(snap, AS_OF)
    assert got.people["tags"].tolist() == want.people["tags"].tolist() == [["ml", "ai"]] * 6
    pdt.assert_frame_equal(got.clusters, want.clusters)
    assert set(want.clusters["label_kind"]) == {"tag"}  # the tags name the clusters: compared for something


def test_an_event_without_a_name_leaves_the_weave_checklist_working():
    """Hand-made frames only (the store's events.name is NOT NULL): an event named None
    beside a named one broke the weave checklist's sort of the events two people share.
    A nameless event gives no reason to introduce them; the named one still does."""
    b = SnapBuilder()
    ps = [b.person(f"P{i} X", company=f"C{i}") for i in range(4)]
    for p in ps:
        for day in ("2026-03-01", "2026-03-05", "2026-03-08"):
            b.interaction(day, "coffee", [p])
    b.event(None, "2026-03-10", ps)
    b.event("Meetup", "2026-03-11", ps)
    g = analyse(b.build(), AS_OF)
    weave = g.checklists["weave"]
    assert weave and all("Meetup" in item.why for item in weave)
    assert not any("nan" in item.why or "None" in item.why for item in weave)
