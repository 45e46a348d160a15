"""Tests for netlib.garden.checklist: each checklist on a hand-built network, and item state."""

import math

import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.garden.analysis import analyse

AS_OF = "2026-03-31"


def open_items(g, name):
    return [i for i in g.checklists[name] if i.state == "open"]


def test_follow_up_picks_channel_and_skips_old_or_done():
    b = SnapBuilder()
    li = b.person("No Linkedin", since=None)  # no LinkedIn URL -> connect there
    mail = b.person("Has Mail", since=None, linkedin_url="https://linkedin.com/in/m", emails=["m@x.org"])
    cof = b.person("Coffee", since=None, linkedin_url="https://linkedin.com/in/c")
    done = b.person("Done", since=None)
    old = b.person("Old", since=None)
    b.event("Design Meetup", "2026-03-10", [li, mail, cof, done], followed_up=[done], learned="likes maps")
    b.event("Old Conf", "2026-01-01", [old])  # 89 days ago > 6 weeks
    g = analyse(b.build(), AS_OF)
    items = {i.person_ids[0]: i for i in g.checklists["follow_up"]}
    assert set(items) == {li, mail, cof}
    assert items[li].channel == "linkedin" and items[li].action == "Invite them in: connect on LinkedIn"
    assert items[mail].channel == "email"
    assert items[cof].channel == "coffee"
    assert items[li].key == "follow_up:e1:p1"
    assert items[li].why == "Met at Design Meetup on 2026-03-10 (21 days ago); not followed up yet. You noted: likes maps."


def test_water_ranks_by_strength_times_overdue_and_is_capped():
    b = SnapBuilder()
    ids = []
    for i in range(4):
        p = b.person(f"P{i}", ring=2)  # cadence 30
        # 40, 50, 60, 70 days since the last coffee -> all past due, the older the more
        b.interaction(pd.Timestamp(AS_OF) - pd.Timedelta(days=40 + 10 * i), "coffee", [p])
        ids.append(p)
    g = analyse(b.build(), AS_OF, settings={"caps": {"water": 2}})
    items = g.checklists["water"]
    assert len(items) == 2
    # worked by hand, score = strength x (1 + overdue / cadence):
    # 40 days: (1 - exp(-3 * 2**(-40/90) / 6)) = 0.308 x (1 + 10/30) = 0.410
    # 70 days: (1 - exp(-3 * 2**(-70/90) / 6)) = 0.253 x (1 + 40/30) = 0.591 -> first
    # 60 days: 0.271 x (1 + 30/30) = 0.542 -> second; 50 days: 0.289 x 1.667 = 0.482 cut by the cap
    assert [i.key for i in items] == [f"water:p{ids[3]}", f"water:p{ids[2]}"]
    # one coffee only: no "usually", what happened instead
    assert items[0].why == ("You have been in touch once, 70 days ago (a coffee). Ring 2 (close) asks for contact "
                            "about every 30 days. It has been more than twice that: the tie is wilting.")
    assert items[1].why == ("You have been in touch once, 60 days ago (a coffee). Ring 2 (close) asks for contact "
                            "about every 30 days.")
    assert items[0].channel == "coffee"
    assert items[0].score == pytest.approx(0.8 + (1 - math.exp(-3 * 2 ** (-70 / 90) / 6)) / 4 + (40 / 30) / 2)


def test_reconnect_lists_dormant_once_strong_ties():
    b = SnapBuilder()
    dora = b.person("Dora")
    for day in ("2021-01-01", "2021-02-01", "2021-03-01"):
        b.interaction(day, "coffee", [dora])
    weak = b.person("Weak")
    b.interaction("2021-01-01", "email", [weak])  # never strong: not dormant, not listed
    g = analyse(b.build(), AS_OF)
    items = g.checklists["reconnect"]
    assert [i.key for i in items] == [f"reconnect:p{dora}"]
    assert "Levin, Walter & Murnighan 2011" in items[0].why
    assert "days ago (2021-03-01)" in items[0].why


def test_give_back_for_people_who_helped_more():
    b = SnapBuilder()
    hel = b.person("Helper", company="Acme")
    even = b.person("Even")
    b.interaction("2026-02-01", "help_received", [hel], direction="in")
    b.interaction("2026-02-02", "intro", [hel], direction="in")
    b.interaction("2026-02-01", "help_received", [even], direction="in")
    b.interaction("2026-02-03", "help_given", [even], direction="out")
    g = analyse(b.build(), AS_OF)
    items = g.checklists["give_back"]
    assert [i.key for i in items] == [f"give_back:p{hel}"]
    assert items[0].why == "Helper helped you once and introduced you to someone once; you have not returned the favour yet."
    assert items[0].action.endswith("at Acme")


def test_weave_introduces_close_people_who_share_a_tag_but_are_not_tied():
    b = SnapBuilder()
    ann = b.person("Ann", tags=["design"])
    bob = b.person("Bob", tags=["Design", "maps"])
    cy = b.person("Cy", tags=["design"])
    dan = b.person("Dan", tags=["finance"])
    for p in (ann, bob, cy, dan):  # two coffees each: ring 3 (one meeting would leave them in ring 5)
        b.interaction("2026-03-10", "coffee", [p])
        b.interaction("2026-03-20", "coffee", [p])
    b.tie(ann, cy, "knows")  # already tied: no intro
    g = analyse(b.build(), AS_OF)
    keys = [i.key for i in g.checklists["weave"]]
    assert sorted(keys) == [f"weave:p{ann}:p{bob}", f"weave:p{bob}:p{cy}"]
    item = g.checklists["weave"][0]
    assert "both tagged 'design'" in item.why and item.action.startswith("Introduce")


def test_goals_count_this_months_data():
    b = SnapBuilder()
    d1 = b.person("D1", since="2026-03-05", tags=["design"])
    d2 = b.person("D2", since="2026-02-05", tags=["design"])  # met last month: not counted
    d3 = b.person("D3", since="2026-03-07", position="Product Designer")
    b.person("D4", since="2026-03-06", tags=["design"])  # an imported card, never met: not counted
    for who, day in ((d1, "2026-03-05"), (d2, "2026-02-05"), (d3, "2026-03-07")):
        b.interaction(day, "connected", [who])
    p = b.person("P")
    b.interaction("2026-03-03", "coffee", [p])
    b.interaction("2026-03-04", "coffee", [p])
    b.interaction("2026-02-04", "coffee", [p])  # last month
    goals = [{"text": "Meet 3 people in design", "kind": "meet", "tag": "design", "count": 3},
             {"text": "meet designers", "kind": "meet", "keyword": "design", "count": 2},
             {"text": "two coffees", "kind": "coffee", "count": 2}]
    g = analyse(b.build(), AS_OF, settings={"goals": goals})
    items = {i.key: i for i in g.checklists["goals"]}
    assert set(items) == {"goal:meet-3-people-in-design", "goal:meet-designers", "goal:two-coffees"}
    first = items["goal:meet-3-people-in-design"]
    assert first.person_ids == [d1] and first.state == "open"
    assert first.why == "1 of 3 new people met tagged 'design' so far this month (with D1)."
    assert items["goal:meet-designers"].state == "done"  # D1 (tag) and D3 (position)
    assert items["goal:two-coffees"].state == "done"


def overdue_pair():
    b = SnapBuilder()
    ann, bob = b.person("Ann", ring=2), b.person("Bob", ring=2)
    b.interaction("2026-02-01", "coffee", [ann])  # 58 days, cadence 30: needs water
    b.interaction("2026-02-01", "coffee", [bob])
    return b, ann, bob


def test_done_and_dismissed_this_month_leave_the_open_list_but_stay_visible():
    b, ann, bob = overdue_pair()
    b.check(f"water:p{ann}", "2026-03", "done", at="2026-03-10")
    b.check(f"water:p{bob}", "2026-02", "dismissed", at="2026-02-10")  # last month: no effect now
    g = analyse(b.build(), AS_OF)
    states = {i.key: i.state for i in g.checklists["water"]}
    assert states == {f"water:p{ann}": "done", f"water:p{bob}": "open"}
    assert [i.key for i in open_items(g, "water")] == [f"water:p{bob}"]


def test_snooze_hides_until_its_date():
    b, ann, bob = overdue_pair()
    b.check(f"water:p{ann}", "2026-03", "snoozed", until="2026-04-15", at="2026-03-02")
    snap = b.build()
    march = analyse(snap, AS_OF)
    assert {i.key: i.state for i in march.checklists["water"]}[f"water:p{ann}"] == "snoozed"
    april = analyse(snap, "2026-04-30")  # the snooze ran out on 15 April
    assert {i.key: i.state for i in april.checklists["water"]}[f"water:p{ann}"] == "open"


def test_state_recorded_after_as_of_does_not_count():
    b, ann, _ = overdue_pair()
    b.check(f"water:p{ann}", "2026-03", "done", at="2026-04-02")  # ticked after the as-of date
    g = analyse(b.build(), AS_OF)
    assert {i.key: i.state for i in g.checklists["water"]}[f"water:p{ann}"] == "open"


def test_next_action_comes_from_the_first_open_item():
    b, ann, bob = overdue_pair()
    g = analyse(b.build(), AS_OF)
    assert g.people.at[ann, "next_action"] == "Suggest a coffee"
    quiet = analyse(SnapBuilder().build(), AS_OF)
    assert len(quiet.people) == 0


def test_goal_words_are_what_pandas_str_methods_make():
    """goals match people by words made in Python lists, once for all goals: they must be
    the pandas expressions they replace, on tags that are lists, tuples, scalars, missing
    or hold missing values, and companies or positions that are missing or not text."""
    import numpy as np

    from netlib.garden.goals import _matches, _Words

    people = pd.DataFrame({
        "tags": [["Design ", "ML"], [], None, ("climate", None), "Solo", [float("nan"), " CLIMATE tech"], np.array(["x"])],
        "company": ["Acme Climate", None, "ß Works", 12, "", float("nan"), "Open"],
        "position": ["Eng", "Designer", None, "Climate lead", "x", "y", None],
    }, index=pd.Index([4, 9, 2, 7, 5, 1, 3], name="id"))
    texts_only = people.assign(tags=[["Design ", "ML"], [], [" x"], ["climate", "ML"], [], ["CLIMATE tech"], ["design"]])
    lists_not_texts = people.assign(tags=[["Design ", "ML"], [], [" x"], ["climate", 3], [], [None], ["a"]])
    for frame in (texts_only, lists_not_texts, people):  # lists of text (the rule), and anything else
        tags = frame["tags"].explode().dropna().astype(str).str.strip().str.casefold()
        owner, code, texts = _Words(frame).tags
        assert len(set(texts)) == len(texts)  # "Design " and "design" are one text
        assert list(zip(frame.index[owner], [texts[c] for c in code])) == list(zip(tags.index, tags))
    words = _Words(people)
    text = (people["company"].fillna("").astype(str) + " " + people["position"].fillna("").astype(str)).str.casefold()
    code, texts = words.text
    assert [texts[c] for c in code] == text.tolist()
    for goal in ({"tag": "design"}, {"keyword": "climate"}, {"keyword": "ss w"}, {"tag": "ml", "keyword": "acme"}, {}):
        expected = pd.Series(True, index=people.index)
        if goal.get("tag"):
            expected &= people.index.isin(tags.index[tags == goal["tag"]])
        if goal.get("keyword"):
            word = goal["keyword"]
            expected &= text.str.contains(word, regex=False) | people.index.isin(tags.index[tags.str.contains(word, regex=False)])
        assert _matches(words, goal).equals(expected), goal


def test_apply_state_reads_the_rows_once_for_every_list():
    """apply_state: this month's done/dismissed (the latest row of a key wins) and a snooze still
    running reach the items of every list; each list keeps its open items first (by value, those
    on a day by their day), capped by its own cap (none: all), then the rest."""
    from netlib.garden.checklist import ChecklistItem
    from netlib.garden.shortlist import apply_state

    def item(key, score, day=None):
        return ChecklistItem(key, key.split(":")[0], [1], ["A"], "why", "act", None, score, day=day)

    water = [item("water:a", 1.0), item("water:b", 3.0), item("water:c", 2.0), item("water:d", 4.0)]
    plans = [item("plans:x", 5.0, "2026-03-20"), item("plans:y", 1.0, "2026-03-05"), item("plans:z", 2.0)]
    state = pd.DataFrame({
        "key": ["water:a", "water:a", "water:b", "water:d", "plans:x", "plans:z"],
        "month": ["2026-03", "2026-03", "2026-02", "2026-03", "2026-03", "2026-03"],
        "state": ["done", "dismissed", "done", "snoozed", "snoozed", "snoozed"],
        "at": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-02-10", "2026-03-01", "2026-03-01", "2026-03-01"]),
        "until": [None, None, None, "2026-04-01", "2026-03-10", "2026-04-30"],
    })
    out = apply_state({"water": water, "plans": plans}, state, "2026-03", pd.Timestamp("2026-03-31"), {"water": 1})
    assert [(i.key, i.state) for i in out["water"]] == [
        ("water:b", "open"), ("water:a", "dismissed"), ("water:d", "snoozed")]  # c: open, beyond the cap
    assert [(i.key, i.state) for i in out["plans"]] == [
        ("plans:y", "open"), ("plans:x", "open"), ("plans:z", "snoozed")]  # by their day; x's snooze ended
