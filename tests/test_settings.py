"""Tests for netlib.store.settings: defaults, merging, validation messages."""

import json

import pytest

from netlib.errors import ValidationError
from netlib.store.settings import DEFAULTS, merge, validate


def test_merge_without_user_settings_is_a_copy_of_defaults():
    merged = merge()
    assert merged == DEFAULTS
    merged["caps"]["water"] = 99
    assert DEFAULTS["caps"]["water"] == 10


def test_dict_settings_merge_key_by_key():
    merged = merge({"caps": {"water": 5}, "kind_weights": {"email": 0.1}})
    assert merged["caps"] == {**DEFAULTS["caps"], "water": 5}
    assert merged["kind_weights"]["email"] == 0.1
    assert merged["kind_weights"]["coffee"] == DEFAULTS["kind_weights"]["coffee"]


def test_cadence_ring_keys_become_strings_like_json():
    merged = merge({"cadence_days": {2: 21, "6": 730}})
    assert merged["cadence_days"]["2"] == 21 and merged["cadence_days"]["6"] == 730
    assert json.loads(json.dumps(merged)) == merged


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("half_life_days", -1, "above 0"),
        ("half_life_days", "ninety", "above 0"),
        ("ring_sizes", [5, 4, 50, 150, 500], "increasing"),
        ("cadence_days", {"7": 10}, "rings are 1 to 6"),
        ("kind_weights", {"telepathy": 1}, "allowed: connected"),
        ("caps", {"water": -2}, "whole number"),
        ("owner_emails", ["not-an-address"], "me@example.com"),
        ("goals", [{"text": "x", "kind": "dance"}], "allowed: meet, give"),
        ("goals", [{"kind": "meet"}], "'text'"),
        ("strong_strength", 1.5, "between 0 and 1"),
        ("as_of", "someday", "ISO date"),
        ("no_such_setting", 1, "known settings"),
    ],
)
def test_validate_says_what_is_allowed(key, value, says):
    with pytest.raises(ValidationError, match=says):
        validate(key, value)


def test_merge_validates():
    with pytest.raises(ValidationError, match="half_life_days"):
        merge({"half_life_days": 0})


def test_good_goal_passes():
    validate("goals", [{"text": "meet 3 people in product design", "kind": "meet", "tag": "design", "count": 3}])
    validate("goals", [{"text": "have 4 coffees", "kind": "coffee", "count": 4}])


def test_merge_keeps_settings_of_other_parts_unchecked():
    assert merge({"map_layout": "spring"})["map_layout"] == "spring"


def test_a_store_with_a_setting_netlib_dropped_still_loads_and_analyses(store):
    """``louvain_max_people`` chose the clustering method until clusters became Leiden's
    for every size: a store that carries it loads, analyses and ignores it."""
    from pathlib import Path

    from netlib.garden.analysis import analyse

    data = Path(__file__).resolve().parent / "data" / "import"
    store.import_file(data / "people.csv")
    store.import_file(data / "ties.csv")
    with store.transaction(label="as an older netlib wrote it") as con:
        con.execute("INSERT INTO settings(key, value) VALUES ('louvain_max_people', '0')")
    assert store.settings()["louvain_max_people"] == 0 and "louvain_max_people" not in DEFAULTS
    snap = store.snapshot()
    garden = analyse(snap, "2026-03-31")
    assert list(garden.clusters["size"]) == [2]
    assert garden.clusters["people"][0] == sorted(snap.people.index)
