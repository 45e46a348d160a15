"""A checklist item's ``why`` longer than :data:`~netlib.garden.terms.SHOWN_LONG` is cut once,
where the item is made (:class:`~netlib.garden.checklist.ChecklistItem`), and every place that
shows it (the report's tables, checklist.md, the calendar, the lab's board) shows that cut text,
not the whole one; a redacted report cuts it after scrubbing, so no name is cut in two and
escapes the scrubber. A place that showed the whole why, or cut it at another length, fails
here; so does a redaction that scrubbed the cut text.

The long why: a follow-up item ("Met at {event} ...; not followed up yet. You noted: ...")
over an event name of 300 characters and a note of 3,000 (each field cut where it is put in,
at 200 and 2,000 characters: :func:`~netlib.garden.terms.words`), so about 2,300 in all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from netlib.garden.terms import ELLIPSIS, SHOWN_LONG, Private, shown, words
from netlib.store import Store

MONTH = "2026-11"
TODAY = dt.date(2026, 11, 20)
EVENT = "Harbour summit " + "h" * 300
NOTE = "W" * 3000 + " notetail"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("why") / "garden.db"
    with Store(path) as s:
        ann = s.add_person("Ann Short", emails=["ann@example.com"], since="2025-01-01")
        s.met(s.add_event(EVENT, "2026-11-05"), [ann], learned=NOTE)
        s.add_person("Maximiliana Shortland", since="2025-01-01")  # named in an event label below
    return path


@pytest.fixture(scope="module")
def garden(store_path):
    from netlib.garden.analysis import analyse, report_date

    with Store(store_path) as s:
        return analyse(s.snapshot(), report_date(MONTH, today=TODAY))


def _item(garden):
    (found,) = [i for i in garden.checklists["follow_up"] if i.state == "open"]
    return found


@pytest.fixture(scope="module")
def item(garden):
    return _item(garden)


def _run(text: str) -> int:
    """The longest run of the note's letter in ``text``: the whole why's is longer than the cut one's."""
    return max(map(len, re.findall("W+", text)), default=0)


def test_the_item_holds_its_why_cut_once(item):
    whole = words(*item.parts["why"])  # the why as its words make it, uncut
    assert len(whole) > SHOWN_LONG + 100 and "You noted: WWW" in whole
    assert item.why == shown(whole, SHOWN_LONG) and item.why.endswith(ELLIPSIS)
    assert _run(item.why) < _run(whole)


def test_every_place_shows_the_cut_why(store_path, garden, item):
    """Each place shows the why of the garden it shows (the report's and the lab's are as of
    the month's end, the others as of the 20th), cut, and nothing longer of the note."""
    import icalendar

    from netlib.lab.checklists import ChecklistBoard
    from netlib.report.calendar import checklist_ics
    from netlib.report.content import MonthlyReport
    from netlib.report.tables import checklist_markdown

    report = MonthlyReport.load(store_path, MONTH)
    why = _item(report.garden).why
    assert len(why) == SHOWN_LONG and why != item.why  # another day: another "days ago"
    table = str(report.checklist_table("follow_up"))
    assert why in table and _run(table) == _run(why)
    md = checklist_markdown(garden)
    assert f"  - why: {item.why}\n" in md and _run(md) == _run(item.why)
    (event,) = icalendar.Calendar.from_ical(checklist_ics(garden)).walk("VEVENT")
    description = str(event["description"])
    assert description.startswith(item.why + "\n") and _run(description) == _run(item.why)
    with Store(store_path) as s:
        board = ChecklistBoard(s, MONTH, today=TODAY)
        why = _item(board.garden).why
        assert len(why) == SHOWN_LONG
        for shown_html in (board.snapshot(), board.why[item.key].value):
            assert why in shown_html and _run(shown_html) == _run(why)


def test_a_redacted_why_is_cut_after_it_is_scrubbed(store_path, garden, item):
    """A kept event label naming Maximiliana Shortland, put in a why where the cut falls
    inside her last name (the unredacted item ends "Maximiliana Sho..."): scrubbed whole
    first, then cut; no piece of her name is left (scrubbing the cut text would leave "Sho")."""
    from netlib.report.redact import pseudonyms, redact_garden

    named = "Supper with Maximiliana Shortland"
    head = ("and " * SHOWN_LONG)[:SHOWN_LONG - 1 - len("Supper with Maximiliana Sho") - 1] + " "
    fields = {"event": Private("event", None, named)}
    made = dataclasses.replace(item, why=words(head + "{event}", fields),  # as the garden would make it: cut
                               parts={"why": (head + "{event}", fields), "action": item.parts["action"]})
    assert made.why.endswith(" Maximiliana Sho" + ELLIPSIS)
    with Store(store_path) as s:
        pseudo = pseudonyms(s, garden.people.index.tolist())
    shared = redact_garden(dataclasses.replace(garden, checklists={**garden.checklists, "follow_up": [made]}),
                           pseudo, keep_labels=True)
    (why,) = [i.why for i in shared.checklists["follow_up"]]
    assert why.startswith(head) and "Supper with" in why and len(why) <= SHOWN_LONG
    assert "Maximiliana" not in why and "Sho" not in why
