"""Tests for netlib.garden.strength; expected numbers computed by hand from the module's formula
``strength = 1 - exp(-sum(w / n * 2 ** (-age / 90)) / 6)`` with the default weights."""

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.store.settings import merge
from netlib.garden.strength import contacts, peaks, tie_strength

AS_OF = pd.Timestamp("2026-03-31")


def strength_of(snap, settings=None):
    return tie_strength(snap, AS_OF, merge(settings))


def test_one_coffee_today():
    b = SnapBuilder()
    ann = b.person("Ann")
    b.interaction("2026-03-31", "coffee", [ann])
    s = strength_of(b.build())
    assert s.at[ann, "strength"] == pytest.approx(1 - math.exp(-3 / 6))  # 0.393
    assert s.at[ann, "interaction_count"] == 1
    assert s.at[ann, "last_kind"] == "coffee"


def test_decay_halves_every_half_life():
    b = SnapBuilder()
    ann = b.person("Ann")
    b.interaction("2026-03-31", "coffee", [ann])
    b.interaction(AS_OF - pd.Timedelta(days=90), "coffee", [ann])  # counts half: 1.5
    s = strength_of(b.build())
    assert s.at[ann, "raw"] == pytest.approx(4.5)
    assert s.at[ann, "strength"] == pytest.approx(1 - math.exp(-4.5 / 6))


def test_kind_matters_coffee_beats_email_and_connected_is_weak():
    b = SnapBuilder()
    ann, bob, cy = b.person("Ann"), b.person("Bob"), b.person("Cy")
    b.interaction("2026-03-01", "coffee", [ann])
    b.interaction("2026-03-01", "email", [bob])
    b.interaction("2026-03-01", "connected", [cy])
    s = strength_of(b.build())["strength"]
    assert s[ann] > s[bob] > s[cy] > 0
    assert s[cy] < 0.05


def test_meetings_weigh_one_over_attendees():
    b = SnapBuilder()
    people = [b.person(f"P{i}") for i in range(20)]
    solo = b.person("Solo")
    b.interaction("2026-03-31", "meeting", people)  # 1.5 / 20 each
    b.interaction("2026-03-31", "meeting", [solo])  # 1.5
    s = strength_of(b.build())
    assert s.at[people[0], "raw"] == pytest.approx(1.5 / 20)
    assert s.at[solo, "raw"] == pytest.approx(1.5)


def test_no_interactions_future_ones_and_notes_count_nothing():
    b = SnapBuilder()
    ann, bob, cy = b.person("Ann", since="2020-01-01"), b.person("Bob"), b.person("Cy")
    b.interaction("2026-04-02", "coffee", [bob])  # after as_of: ignored
    b.interaction("2026-03-01", "note", [cy])  # a note is not contact
    s = strength_of(b.build())
    assert s["strength"].tolist() == [0.0, 0.0, 0.0]
    assert s["last_interaction"].isna().all()
    assert s["interaction_count"].tolist() == [0, 0, 0]
    assert ann in s.index


def test_participants_not_in_people_are_ignored():
    b = SnapBuilder()
    ann = b.person("Ann")
    b.interaction("2026-03-31", "coffee", [ann, 999])
    rows = contacts(b.build(), merge())
    assert rows["person_id"].tolist() == [ann]
    assert rows["n"].tolist() == [1]


def test_peak_strength_remembers_a_once_strong_tie():
    b = SnapBuilder()
    ann = b.person("Ann")
    b.interaction("2020-01-01", "coffee", [ann])
    b.interaction("2020-03-31", "coffee", [ann])  # 90 days later: peak raw 3 + 1.5 = 4.5
    s = strength_of(b.build())
    assert s.at[ann, "peak_strength"] == pytest.approx(1 - math.exp(-4.5 / 6))
    assert s.at[ann, "strength"] < 0.01


def test_peaks_match_a_plain_loop_on_random_data():
    rng = np.random.default_rng(3)
    person = np.sort(rng.integers(0, 30, 400))
    days = np.zeros(400)
    for p in np.unique(person):
        idx = np.flatnonzero(person == p)
        days[idx] = np.sort(rng.integers(-4000, 0, len(idx)))
    weight = rng.choice([0.3, 0.5, 2.0, 3.0], 400) / rng.integers(1, 5, 400)
    expected = np.empty(400)
    for k in range(400):
        same = (person == person[k]) & (np.arange(400) <= k)
        expected[k] = np.sum(weight[same] * np.exp2(-(days[k] - days[same]) / 30.0))
    assert np.allclose(peaks(person, days, weight, 30.0), expected, rtol=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_contact_order_shortcuts_equal_a_lexsort(seed):
    """contacts() orders rows by (person, date, interaction id) without sorting what is in
    order already (interactions by date, participants listed by interaction): each
    shortcut must give np.lexsort's order, stable, on inputs in order, nearly in order and not."""
    from netlib.garden.strength import _by_person_date_id

    rng = np.random.default_rng(seed)
    n_inter, n_parts = 300, 900
    date = np.sort(rng.integers(0, 60, n_inter)).astype("datetime64[D]").astype("datetime64[us]")
    ids = np.arange(1, n_inter + 1) * 3
    if seed % 3 == 1:  # ids not increasing, yet (date, id) order still the row order within a day
        ids = rng.permutation(n_inter * 5)[:n_inter]
        ids = ids[np.lexsort((ids, date))]
    elif seed % 3 == 2:  # rows in no order
        shuffle = rng.permutation(n_inter)
        date, ids = date[shuffle], ids[shuffle]
    at = np.sort(rng.integers(0, n_inter, n_parts)) if seed % 2 == 0 else rng.integers(0, n_inter, n_parts)
    pid = rng.integers(10, 60, n_parts)
    got = _by_person_date_id(pid, at, date, ids)
    assert (got == np.lexsort((ids[at], date[at], pid))).all()


@pytest.mark.parametrize("seed", range(6))
def test_sorted_pairs_are_a_lexsort_without_repeats(seed):
    """contacts() sorts one int64 per row, (person, the interaction's (date, id) rank): it must
    give np.lexsort's rows with each (person, interaction) once, interactions in order or not."""
    from netlib.garden.strength import _sorted_pairs

    rng = np.random.default_rng(seed)
    n_inter, n_parts = 300, 900
    date = np.sort(rng.integers(0, 60, n_inter)).astype("datetime64[D]").astype("datetime64[us]")
    ids = np.arange(1, n_inter + 1) * 3
    if seed % 2:  # rows in no order
        shuffle = rng.permutation(n_inter)
        date, ids = date[shuffle], ids[shuffle]
    at = rng.integers(0, n_inter, n_parts)
    pid = rng.integers(-5, 40, n_parts)  # a person twice in an interaction too
    order = np.lexsort((ids[at], date[at], pid))
    expected = np.unique(np.c_[pid[order], at[order]], axis=0, return_index=True)[1]
    person, place = _sorted_pairs(pid, at, date, ids)
    assert (person == pid[order][np.sort(expected)]).all() and (place == at[order][np.sort(expected)]).all()


def test_contacts_shortcut_and_fallback_agree():
    """Ids the int64 key cannot hold, or of another dtype than the interactions', take the
    lexsort: the rows are the same either way."""
    b = SnapBuilder()
    people = [b.person(f"P{i}") for i in range(6)]
    for k in range(40):
        b.interaction(f"2026-0{1 + k % 5}-{1 + (k * 7) % 27:02d}", ["coffee", "email", "call"][k % 3],
                      [people[(k * j) % 6] for j in range(1, 1 + k % 4)])
    snap = b.build()
    fast = contacts(snap, merge())
    slow = contacts(replace(snap, participants=snap.participants.astype({"interaction_id": "int32"})), merge())
    assert len(fast) > 40 and fast.astype({"interaction_id": "int32"}).equals(slow)
    huge = 2**58  # ids up to 6 * 2**58: (person span) * (40 interactions) is past 2**62
    moved = replace(snap, people=snap.people.set_axis(snap.people.index * huge),
                    participants=snap.participants.assign(person_id=snap.participants["person_id"] * huge))
    got = contacts(moved, merge())
    assert got.drop(columns="person_id").equals(fast.drop(columns="person_id"))
    assert (got["person_id"] == fast["person_id"] * huge).all()
