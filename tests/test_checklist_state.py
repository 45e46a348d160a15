"""Ticks persist in the store, do not come back that month, and log what they imply."""

import datetime as dt

import pytest

from netlib.cli import main
from netlib.store.ticks import parse_key, tick
from netlib.errors import ValidationError
from netlib.garden.analysis import analyse

AS_OF = "2026-11-25"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def garden_store(store):
    # Worked by hand: Jane had weekly coffees until 2026-08-01, so she is strong (an inner ring)
    # and, silent for 116 days, overdue -> on the water list. Omar was met at an event 10 days
    # ago and not followed up -> on the follow-up list.
    jane = store.add_person("Jane Doe", emails=["jane@x.example"], since=dt.date(2025, 1, 1))
    omar = store.add_person("Omar Haddad", since=dt.date(2025, 1, 1))
    day = dt.date(2026, 2, 1)
    while day <= dt.date(2026, 8, 1):
        store.log(jane, "coffee", day)
        day += dt.timedelta(days=7)
    event = store.add_event("PyData", dt.date(2026, 11, 15))
    store.met(event, [omar])
    store.jane, store.omar, store.event = jane, omar, event
    return store


def _open(garden, checklist):
    return [item.key for item in garden.checklists[checklist] if item.state == "open"]


def test_done_persists_and_logs_the_implied_interaction(garden_store):
    s = garden_store
    before = analyse(s.snapshot(), AS_OF)
    key = f"water:p{s.jane}"
    assert key in _open(before, "water")
    message = tick(s, key, "done", month="2026-11", today=TODAY)
    assert "logged a message" in message
    after = analyse(s.snapshot(), AS_OF)
    assert key not in _open(after, "water")
    assert [i.state for i in after.checklists["water"] if i.key == key] in ([], ["done"])
    last = s.person(s.jane)["interactions"][0]
    assert (last["date"], last["kind"], last["direction"]) == ("2026-11-25", "message", "out")


def test_follow_up_done_marks_the_event_follow_up(garden_store):
    s = garden_store
    key = f"follow_up:e{s.event}:p{s.omar}"
    assert key in _open(analyse(s.snapshot(), AS_OF), "follow_up")
    tick(s, key, "done", month="2026-11", today=TODAY)
    assert s.person(s.omar)["events"][0]["followed_up"] is True
    assert key not in _open(analyse(s.snapshot(), AS_OF), "follow_up")


def test_snooze_hides_until_then_and_dismiss_for_the_month(garden_store):
    s = garden_store
    key = f"water:p{s.jane}"
    tick(s, key, "snooze", month="2026-11", until=dt.date(2026, 11, 28), today=TODAY)
    assert key not in _open(analyse(s.snapshot(), AS_OF), "water")
    assert key in _open(analyse(s.snapshot(), "2026-11-30"), "water")  # the snooze ran out
    tick(s, key, "dismiss", month="2026-11", today=TODAY)
    assert key not in _open(analyse(s.snapshot(), "2026-11-30"), "water")
    tick(s, key, "reopen", month="2026-11", today=TODAY)
    assert key in _open(analyse(s.snapshot(), "2026-11-30"), "water")


def test_bad_keys_say_what_a_key_looks_like(store):
    with pytest.raises(ValidationError, match="water:p42"):
        parse_key("water-42")
    assert parse_key("weave:p12:p40") == ("weave", [12, 40], None)
    assert parse_key("follow_up:e3:p7") == ("follow_up", [7], 3)


def test_cli_checklist_json_shape(garden_store, capsys):
    import json

    assert main(["checklist", "--month", "2026-11", "--json", "--store", str(garden_store.path)]) == 0
    data = json.loads(capsys.readouterr().out)
    for name in ("follow_up", "water", "reconnect", "give_back", "weave", "goals"):
        assert isinstance(data[name], list)
    item = data["water"][0]
    assert {"key", "people", "why", "action"} <= set(item)
    assert main(["checklist", "done", item["key"], "--month", "2026-11", "--store", str(garden_store.path)]) == 0


def test_reopen_takes_back_the_implied_interaction_and_redo_logs_once(garden_store):
    s = garden_store
    key = f"water:p{s.jane}"
    count = "SELECT COUNT(*) FROM interactions WHERE kind='message'"
    tick(s, key, "done", month="2026-11", today=TODAY)
    tick(s, key, "done", month="2026-11", today=TODAY)
    assert s.con.execute(count).fetchone()[0] == 1
    assert "took back" in tick(s, key, "reopen", month="2026-11", today=TODAY)
    assert s.con.execute(count).fetchone()[0] == 0
    tick(s, key, "done", month="2026-11", today=TODAY)
    assert s.con.execute(count).fetchone()[0] == 1


def test_a_late_tick_counts_for_its_month(garden_store):
    # ticked on 2026-12-03 for November: dated 2026-11-30, so November's report shows it done
    s = garden_store
    key = f"water:p{s.jane}"
    tick(s, key, "done", month="2026-11", today=dt.date(2026, 12, 3))
    after = analyse(s.snapshot(), "2026-11-30")
    assert key not in _open(after, "water")
    assert s.person(s.jane)["interactions"][0]["date"] == "2026-11-30"
