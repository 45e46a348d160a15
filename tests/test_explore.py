"""netlib.explore: set widget values and call callbacks from Python; check the store."""

from __future__ import annotations

import datetime as dt

import pytest

import report_store
from netlib.explore import ChecklistBoard, LogForm, MapPanel, PeopleBrowser
from netlib.store.core import Store

MONTH = report_store.MONTH


@pytest.fixture
def store(tmp_path):
    with Store(report_store.build(tmp_path / "garden.db")) as s:
        yield s


def test_people_browser_filters_and_shows_an_escaped_card(store):
    b = PeopleBrowser(store, MONTH)
    assert "8 people" in b.table.value
    b.search.value = "xylofant"
    assert sorted(label for label, _ in b.person.options) == ["Philippa Vandersloot", "Zebulon Quackenbush"]
    b.search.value = ""
    b.tag.value = "data"
    assert sorted(label for label, _ in b.person.options) == ["Ignatius Brightwater", "Marigolde Featherstonehaugh"]
    b.tag.value = "any"
    b.health.value = "dormant"
    assert [label for label, _ in b.person.options] == ["Ottoline Fairweather"]
    b.health.value = "any"
    b.ring.value = 2
    assert all(b.garden.people.loc[pid, "ring"] == 2 for _, pid in b.person.options)
    b.ring.value = "any"
    store.edit_person(1, name="<img src=x onerror=alert(1)>", notes="<b>bold</b>")
    b.person.value = 1
    assert "<img src=x" not in b.card.value and "&lt;img src=x" in b.card.value
    assert "&lt;b&gt;bold&lt;/b&gt;" in b.card.value
    assert "zq-summary" in b.card.value  # the timeline shows what happened



def test_typing_keeps_the_chosen_person_and_their_card_as_they_are(store):
    """While the chosen person stays in the Select, typing neither chooses anyone else nor
    draws their card again (ipywidgets would choose the first option when the options
    change); once they leave it, nobody is chosen and the card is empty."""
    b = PeopleBrowser(store, MONTH)
    pid = next(i for label, i in b.person.options if label == "Philippa Vandersloot")
    b.person.value = pid
    card = b.card.value
    assert "Philippa Vandersloot" in card
    drawn = []
    b.card.observe(drawn.append, names="value")
    for text in ["x", "xy", "xylofant", "xy"]:  # Philippa and Zebulon both work at Xylofant
        b.search.value = text
        assert b.person.value == pid and b.card.value == card, text
    assert drawn == []  # not even another person's card in between
    b.search.value = "zebulon"
    assert [label for label, _ in b.person.options] == ["Zebulon Quackenbush"]
    assert b.person.value is None and b.card.value == ""

def test_log_form_logs_an_interaction(store):
    form = LogForm(store, today=dt.date(2026, 11, 20))
    before = len(store.person(3)["interactions"])
    form.people.value = "3, marigolde@gloamwick.example"
    form.kind.value = "call"
    form.summary.value = "caught up <b>quickly</b>"
    iid = form.save()
    assert iid and len(store.person(3)["interactions"]) == before + 1
    assert store.person(4)["interactions"][0]["summary"] == "caught up <b>quickly</b>"
    assert "Logged a call on 2026-11-20" in form.message.value and "<b>" not in form.message.value


def test_log_form_logs_an_event_with_people_met(store):
    form = LogForm(store, today=dt.date(2026, 11, 21))
    form.mode.value = "event"
    form.event_name.value = "Climate Founders Dinner"
    form.people.value = "Cordelia Wintergreen"
    form.summary.value = "wants intros to climate investors"
    eid = form.save()
    events = store.person(6)["events"]
    assert any(e["id"] == eid and e["learned"] == "wants intros to climate investors" for e in events)
    assert "Saved event Climate Founders Dinner" in form.message.value


def test_log_form_shows_errors_without_writing(store):
    form = LogForm(store)
    form.people.value = "nobody-at-all"
    before = store.counts()["interactions"]
    assert form.save() is None
    assert "Not saved" in form.message.value and store.counts()["interactions"] == before


def test_checklist_board_ticks_persist(store):
    board = ChecklistBoard(store, MONTH, today=dt.date(2026, 11, 25))
    assert "water:p1" in board.checkboxes and board.checkboxes["water:p1"].value is False
    before = len(store.person(1)["interactions"])
    board.checkboxes["water:p1"].value = True
    assert "done" in board.status.value
    assert len(store.person(1)["interactions"]) == before + 1  # the implied message was logged
    state = "SELECT state FROM checklist WHERE key='water:p1' AND month=?"
    assert store.con.execute(state, (MONTH,)).fetchone() == ("done",)
    again = ChecklistBoard(store, MONTH)
    # watered on the 25th: November's garden no longer asks for it (or shows it done)
    assert "water:p1" not in again.checkboxes or again.checkboxes["water:p1"].value is True
    board.checkboxes["water:p1"].value = False  # untick: reopened
    assert store.con.execute(state, (MONTH,)).fetchone() is None
    assert "reopened" in board.status.value


def test_map_panel_redraws_for_the_browser_filter(store):
    browser = PeopleBrowser(store, MONTH)
    panel = MapPanel(store, MONTH, browser=browser)
    panel.max_ring.value = 6
    full = panel.redraw()
    assert "Zebulon Quackenbush" in full
    browser.tag.value = "data"
    cut = panel.redraw()
    assert "Ignatius Brightwater" in cut and "Zebulon Quackenbush" not in cut
    assert "srcdoc=" in panel.frame.value
    panel.redact.value = True
    redacted = panel.redraw()
    assert "Ignatius Brightwater" not in redacted


def test_checklist_board_lists_the_rest_under_more_with_ready_links(store):
    store.set_setting("checklist_limit", 2)
    board = ChecklistBoard(store, MONTH, today=dt.date(2026, 11, 25))
    titles = [c.value for c in board.box.children if hasattr(c, "value") and isinstance(c.value, str)]
    more = [t for t in titles if t.startswith("<h4>more (")]
    assert len(more) == 1
    opened = [i for items in board.garden.checklists.values() for i in items if i.state == "open"]
    assert len([i for i in opened if i.checklist != "goals"]) == 2
    n = int(more[0].split("(")[1].split(")")[0])
    assert n == sum(i.state == "more" for items in board.garden.checklists.values() for i in items) > 0
    assert any('href="mailto:' in why.value for why in board.why.values())
    assert board.channels["water:p1"] == "coffee"
