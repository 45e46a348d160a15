"""explore's live garden takes in only the new rows after a write (issue 12, speed):
:func:`netlib.store.incremental.with_new_rows` must equal a fresh read of the whole store, and
a logged coffee settles the person's checklist items before the garden is analysed again."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import report_store
from netlib.explore import ChecklistBoard, LogForm, PeopleBrowser
from netlib.lab import Live
from netlib.store.core import Store
from netlib.store.incremental import with_new_rows
from netlib.store.ticks import tick

MONTH = report_store.MONTH
FRAMES = ("people", "interactions", "participants", "events", "event_people", "ties", "checklist", "plans")


@pytest.fixture
def store(tmp_path):
    with Store(report_store.build(tmp_path / "garden.db")) as s:
        yield s


def _same_as_a_fresh_read(snapshot, store):
    fresh = store.snapshot(summaries=False)
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(snapshot, name), getattr(fresh, name), obj=name)
    assert snapshot.settings == fresh.settings


def test_new_rows_after_a_coffee_a_tick_an_event_and_a_plan_equal_a_fresh_read(store):
    known = with_new_rows(store)[:2]
    writes = [
        lambda: store.log(["Philippa Vandersloot", "3"], "coffee", "2026-11-20", "zq-new", direction="both"),
        lambda: tick(store, "water:p1", "done", month=MONTH, today=dt.date(2026, 11, 25), channel="coffee"),
        lambda: store.met(store.add_event("zq-new event", "2026-11-21"), ["Cordelia Wintergreen"], learned="x"),
        lambda: store.add_plan("Ottoline Fairweather", "2026-12-05", "zq-lunch", kind="coffee",
                               today=dt.date(2026, 11, 25)),
    ]
    for n, write in enumerate(writes):
        before = len(known[0].interactions)
        write()
        snapshot, mark, contacts = with_new_rows(store, known)
        assert contacts is not None, f"write {n} was read whole"
        _same_as_a_fresh_read(snapshot, store)
        assert len(contacts) == sum(snapshot.participants["interaction_id"].isin(
            snapshot.interactions["id"].iloc[before:]))  # hand check: the new interactions' people
        known = (snapshot, mark)
    first = with_new_rows(store, None)
    assert first[1] == known[1]  # nothing new: the same place in the log


@pytest.mark.parametrize("fix", ["merge", "edit", "undo", "untick", "another connection"])
def test_a_merge_an_edit_an_undo_an_untick_or_another_writer_means_a_whole_read(store, fix):
    known = with_new_rows(store)[:2]
    store.log(["1"], "call", "2026-11-22", None)
    if fix == "merge":
        store.merge_people("1", "2")
    elif fix == "untick":  # takes back the message the tick logged: a row of a big table goes
        tick(store, "water:p1", "done", month=MONTH, today=dt.date(2026, 11, 25), channel="coffee")
        known = with_new_rows(store, known)[:2]
        tick(store, "water:p1", "reopen", month=MONTH)
    elif fix == "edit":
        store.edit_person("3", company="zq-Other")
    else:
        known = with_new_rows(store, known)[:2]
        if fix == "undo":
            store.undo()  # takes back the call just read
    if fix == "another connection":  # an undo and a command of the same shape: the log reads as before
        with Store(store.path) as other:
            other.undo()
            other.log(["4"], "email", "2026-11-23", None)
    snapshot, _mark, contacts = with_new_rows(store, known)
    assert contacts is None
    _same_as_a_fresh_read(snapshot, store)


def test_a_coffee_settles_the_checklist_before_the_garden_is_analysed_again(store):
    today = dt.date(2026, 11, 28)
    live = Live(store, MONTH, today=today)
    browser = PeopleBrowser(store, MONTH, live=live)
    board = ChecklistBoard(store, MONTH, live=live, today=today)
    form = LogForm(store, live=live, today=today)
    browser.person.value = 2
    seen = {}

    def before_analysis(contacts):  # watchers run in order: the board settled first
        seen["board"] = sorted(board.checkboxes)
        seen["shown"] = [c.layout.display != "none" for c in board.box.children
                         if isinstance(c, type(board.box)) and "[water:p2]" in c.children[1].value]
        seen["card"] = browser.card.value
        seen["garden"] = live.garden

    live.watch_contacts(before_analysis)
    assert "water:p2" in board.checkboxes
    form.people.value, form.summary.value = "Philippa Vandersloot", "zq-quick coffee"
    assert form.save()
    assert "water:p2" not in seen["board"] and "zq-quick coffee" in seen["card"]
    assert seen["shown"] and not any(seen["shown"])  # hidden in place, the other rows left as they were
    assert seen["garden"] is not live.garden  # analysed again after
    again = ChecklistBoard(store, MONTH, today=today)  # the same items as a board made afresh
    assert sorted(board.checkboxes) == sorted(again.checkboxes)


def test_an_old_coffee_settles_nothing(store):
    """A coffee dated long ago does not water anyone today: the item stays."""
    today = dt.date(2026, 11, 28)
    live = Live(store, MONTH, today=today)
    board = ChecklistBoard(store, MONTH, live=live, today=today)
    seen = {}
    live.watch_contacts(lambda contacts: seen.setdefault("board", sorted(board.checkboxes)))
    store.log(["Philippa Vandersloot"], "coffee", "2024-01-10", None)
    live.changed()  # (a coffee before someone's "since" moves it: the store is read whole, nothing settles)
    assert "water:p2" in seen.get("board", ["water:p2"]) and "water:p2" in board.checkboxes


def test_the_search_ignores_case_and_accents(store):
    store.edit_person("1", company="Xylofánt Dynamics")
    browser = PeopleBrowser(store, MONTH)
    browser.search.value = "XYLOFANT"
    assert sorted(label for label, _ in browser.person.options) == ["Philippa Vandersloot", "Zebulon Quackenbush"]
    browser.search.value = "xylofánt"
    assert sorted(label for label, _ in browser.person.options) == ["Philippa Vandersloot", "Zebulon Quackenbush"]


def test_the_map_is_drawn_again_only_when_what_it_shows_changed(store):
    from netlib.explore import FixForm, MapPanel

    live = Live(store, MONTH, today=dt.date(2026, 11, 28))
    browser = PeopleBrowser(store, MONTH, live=live)
    panel = MapPanel(store, MONTH, browser=browser)
    fix = FixForm(store, live=live)
    drawn = panel.html
    fix.action.value, fix.people.value, fix.field.value, fix.value.value = "edit", "3", "notes", "zq-not on the map"
    assert fix.save() and live.garden is not None
    assert panel.html is drawn  # notes are not on the map: not drawn again
    fix.field.value, fix.value.value = "company", "zq-New Company"
    assert fix.save()
    assert panel.html is not drawn and "zq-New Company" in panel.html


def test_the_first_interaction_at_an_event_reads_as_a_fresh_read(tmp_path):
    """Before it, every interaction's event_id was NULL (a column pandas types as object);
    with it the column is float64 with NaN in a fresh read, and so in the new rows' read."""
    with Store(tmp_path / "garden.db") as s:
        ann, bob = s.add_person("Ann Ames"), s.add_person("Bob Burr")
        s.log([ann, bob], "coffee", "2026-11-03")
        known = with_new_rows(s)[:2]
        assert known[0].interactions["event_id"].isna().all()
        s.log([ann, bob], "meeting", "2026-11-07", event=s.add_event("Meetup", "2026-11-07"))
        snapshot, _mark, contacts = with_new_rows(s, known)
        assert contacts is not None  # the new rows were read, not the whole store
        _same_as_a_fresh_read(snapshot, s)
        assert snapshot.interactions["event_id"].notna().sum() == 1
