"""Hostile input: texts of 5,000,000 characters (an importer takes a cell of up to 16 MB).

A name, a company, a tag and an event name that long, written through ``netlib import`` of
netlib CSV files, are shown to a person cut at :data:`~netlib.garden.terms.SHOWN`
characters with an ellipsis (a sentence made of them, or a text you wrote, at
:data:`~netlib.garden.terms.SHOWN_LONG`): the report, its map and checklist.md stay small,
the lab's and explore's widgets show the cut text, while the store and its exports keep
every character.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from netlib.cli import main
from netlib.garden.terms import ELLIPSIS, SHOWN, SHOWN_LONG, display_text, shown
from netlib.store.core import Store

N = 5_000_000
MONTH = "2026-11"
NAME, COMPANY, TAG, EVENT = "N" * N + " Longname", "C" * N + " Corp", "t" * N + "tag", "E" * N + " Gala"
TAILS = ("Longname", "Corp", "ttag", "Gala")  # the end of each long text: never shown


def _cut(text: str) -> str:
    return text[:SHOWN - 1] + ELLIPSIS


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def _import(folder, n: int):
    """A store made by ``netlib import`` of netlib CSV files: one person with a name, company
    and tag of ``n`` characters and more, met at an event whose name is as long, with Ann;
    Bo carries the long tag too."""
    name, company, tag, event = ("N" * n + " Longname", "C" * n + " Corp", "t" * n + "tag", "E" * n + " Gala")
    files = [
        _write(folder / "people.csv", ["id", "name", "company", "position", "emails", "tags", "since"],
               [[1, name, company, "Engineer", "long@example.com", f"{tag};short", "2025-01-01"],
                [2, "Ann Short", "Acme", "Engineer", "ann@example.com", "short", "2025-01-01"],
                [3, "Bo Short", "Bolt", "Engineer", "bo@example.com", tag, "2025-01-01"]]),
        _write(folder / "events.csv", ["id", "name", "date", "location", "met"],
               [[1, event, "2026-11-05", "Hall", "netlib:1;netlib:2"]]),
        _write(folder / "interactions.csv", ["id", "date", "kind", "direction", "with", "summary"],
               [[1, "2026-10-01", "coffee", "both", "netlib:1;netlib:2", "s"],
                [2, "2026-06-01", "call", "both", "netlib:2;netlib:3", "s"]]),
        _write(folder / "ties.csv", ["a", "b", "kind"], [["netlib:1", "netlib:2", "colleague"]]),
    ]
    db = folder / "garden.db"
    assert main(["import", *files, "--store", str(db)]) == 0
    with Store(db) as s:
        long = s.person(1)
        assert (long["name"], long["company"]) == (name, company) and tag in long["tags"]  # stored whole
    return db


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return _import(tmp_path_factory.mktemp("long"), N)


def _longest_run(text: str) -> int:
    """The longest run of one of the long texts' letters (N, C, t, E) in ``text``."""
    return max((len(m.group()) for m in re.finditer(r"N{50,}|C{50,}|t{50,}|E{50,}", text)), default=0)


@pytest.fixture(scope="module")
def report(store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / MONTH
    assert main(["report", "--month", MONTH, "--store", str(store_path), "--out", str(out)]) == 0
    return out


def test_the_report_and_its_map_stay_small(report):
    page, drawn = (report / "report.html").read_text(encoding="utf-8"), (report / "map.html").read_text(encoding="utf-8")
    assert len(page) < 2_000_000 and len(drawn) < 1_000_000, f"report {len(page):,}, map {len(drawn):,} characters"
    for text in (page, drawn):
        assert not any(tail in text for tail in TAILS)
        assert _longest_run(text) <= SHOWN  # a list of names in one cell: each name cut
    for long in (NAME, EVENT):  # the checklist's item and its reason, the events table
        assert _cut(long) in page
    for long in (NAME, COMPANY, TAG):  # the map's tooltips
        assert _cut(long) in drawn


def test_the_calendar_cuts_the_names_it_puts_before_an_action(store_path):
    import icalendar

    from netlib.garden.analysis import analyse, report_date
    from netlib.report.calendar import checklist_ics

    with Store(store_path) as s:
        garden = analyse(s.snapshot(), report_date(MONTH))
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(checklist_ics(garden)).walk("VEVENT")]
    assert summaries and any(_cut(NAME) in t for t in summaries)
    assert all(len(t) < SHOWN_LONG + 3 * SHOWN and not any(tail in t for tail in TAILS) for t in summaries)


def test_checklist_md_lines_are_bounded(report):
    text = (report / "checklist.md").read_text(encoding="utf-8")
    assert len(text) < 50_000 and max(map(len, text.splitlines())) <= SHOWN_LONG + 200
    assert f"**{_cut(NAME)}**" in text and f"Met at {_cut(EVENT)} on 2026-11-05" in text
    assert not any(tail in text for tail in TAILS)


def test_a_redacted_report_is_small_and_names_nobody(store_path, tmp_path):
    """A shared report keeping companies and labels of millions of characters is written in
    seconds (the scrubber's work is linear in a text's length), cuts them as the private one
    does, and still names nobody."""
    out = tmp_path / "shared"
    assert main(["report", "--month", MONTH, "--store", str(store_path), "--out", str(out), "--redact",
                 "--keep-labels", "--keep-companies"]) == 0
    for name in ("report.html", "map.html", "checklist.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "N" * 20 not in text and "Ann Short" not in text and "Longname" not in text  # names: pseudonyms
        assert _longest_run(text) < SHOWN, name  # a kept label, in a reason too: cut as shown alone
        assert not any(tail in text for tail in TAILS), name
    assert _cut(EVENT) in (out / "report.html").read_text(encoding="utf-8")  # the label, kept and cut


def _strings(value):
    """Every text in a redacted garden's part (frames, lists, items' fields)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, pd.DataFrame):
        for col in value.columns:
            yield from _strings(value[col].tolist())
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple, np.ndarray)):
        for v in value:
            yield from _strings(v)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))


@pytest.mark.parametrize("keep", [{}, {"keep_labels": True}, {"keep_companies": True}])
def test_redacting_millions_of_characters_hides_what_it_promises(store_path, keep):
    """``--redact`` alone, with ``--keep-labels`` or with ``--keep-companies`` over a name, a
    company and a tag of 5,000,000 characters: done in seconds (it took minutes, and with
    labels or companies kept did not finish), no name anywhere, the company only where kept,
    the tag and the event only as labels unless kept, and a kept one in a reason cut."""
    from netlib.report.content import MonthlyReport

    g = MonthlyReport.load(store_path, MONTH, redact=True, **keep).garden
    texts = list(_strings([g.people, g.detail, g.clusters, g.checklists, g.settings, g.met, g.snapshot.people,
                           g.snapshot.events, g.snapshot.interactions]))
    assert texts and not any("NNNN" in t or "Longname" in t or "Ann Short" in t for t in texts)
    assert any("C" * SHOWN in t for t in texts) == bool(keep.get("keep_companies"))
    assert any("t" * SHOWN in t for t in texts) == any("E" * SHOWN in t for t in texts) == bool(keep.get("keep_labels"))
    reasons = [t for items in g.checklists.values() for i in items for t in (i.why, i.action)]
    assert any("Event" in t or "E" * 50 in t for t in reasons)  # the event is in a reason: as a label, or kept
    assert all(_longest_run(t) < SHOWN for t in reasons)  # kept: cut where it is put in a reason


def test_scrubbing_a_long_run_without_an_at_sign_is_linear(store_path):
    """200,000 letters, digits and dots with no "@" (the e-mail pattern, tried from each of
    them, took time quadratic in the run), and as long a run of digits: what is an address or
    a phone number is still hidden, however long."""
    from netlib.report.scrub import Scrubber

    with Store(store_path) as s:
        scrub = Scrubber(s.snapshot(summaries=True))
    run = "ab1." * 50_000
    assert scrub(f"{run} mail me at x.y@mail.example.org") == f"{run} mail me at [private]"
    assert scrub(f"{run}@mail.example.org and {run}") == f"[private] and {run}"  # an over-long address: hidden
    assert scrub(f"call {'1' * 200_000} or {run}") == f"call [private] or {run}"


def test_the_map_columns_cut_names_labels_and_tags(store_path):
    from netlib.garden.analysis import analyse, report_date
    from netlib.map.columns import LABEL_SHOWN, columns

    with Store(store_path) as s:
        garden = analyse(s.snapshot(), report_date(MONTH))
    c = columns(garden)
    at = c.ids.index(1)
    assert (c.name[at], c.company[at]) == (_cut(NAME), _cut(COMPANY))
    assert sorted(c.tags[at]) == sorted([_cut(TAG), "short"])
    assert c.label[at] in (" ", shown(NAME, LABEL_SHOWN)) and len(c.label[at]) <= LABEL_SHOWN
    assert c.name[c.ids.index(2)] == "Ann Short" and c.company[c.ids.index(2)] == "Acme"  # short: as they are


def test_explore_and_the_lab_show_the_cut_texts_and_exports_keep_them_whole(store_path, tmp_path, capsys):
    """What a person reads in the lab is cut; what a program reads (``netlib export``,
    ``people show --json``) keeps every character."""
    from netlib.explore import EventFollowUp, PeopleBrowser

    with Store(store_path) as s:
        b = PeopleBrowser(s, MONTH)
        assert html.escape(_cut(NAME)) in b.table.value and html.escape(_cut(COMPANY)) in b.table.value
        assert dict((v, label) for label, v in b.person.options)[1] == _cut(NAME)
        tags = {value: label for label, value in b.tag.options}
        assert tags[TAG] == _cut(TAG)  # shown cut, chosen whole
        b.tag.value = TAG
        assert sorted(v for _, v in b.person.options) == [1, 3]
        b.tag.value = "any"
        b.person.value = 1
        card = b.card.value
        assert len(card) < 20_000 and all(_cut(t) in card for t in (NAME, COMPANY, TAG, EVENT))
        follow = EventFollowUp(s, 1, MONTH)
        shown_html = follow.snapshot()
        assert len(shown_html) < 50_000 and _cut(EVENT) in shown_html and _cut(NAME) in shown_html
        assert all(len(box.description) < SHOWN + 30 for box in follow.joins.values())
        assert shown_html.count(" joins your network</li>") == 2  # the long name's line too: cut, not its words
        assert not any(tail in text for tail in TAILS for text in (b.table.value, card, shown_html))

    assert main(["export", str(tmp_path / "out"), "--store", str(store_path)]) == 0
    with open(tmp_path / "out" / "people.csv", newline="", encoding="utf-8") as f:
        assert NAME in [row["name"] for row in csv.DictReader(f)]
    capsys.readouterr()
    assert main(["people", "show", "1", "--json", "--store", str(store_path)]) == 0
    person = json.loads(capsys.readouterr().out)
    assert (person["name"], person["company"]) == (NAME, COMPANY)


@pytest.mark.parametrize("value, most", [("<" * 300, SHOWN), ("&amp;" * 100, 50), ("a\u00e9" * 2000, SHOWN_LONG)])
def test_cut_before_escaping_never_splits_an_entity(value, most):
    from netlib.garden.terms import html_shown

    escaped = html_shown(value, most)
    assert html.unescape(escaped) == shown(value, most) and len(shown(value, most)) == most
    assert escaped.endswith(ELLIPSIS) and re.search(r"&[a-z]*$", escaped[:-1]) is None
    assert display_text(value, most) == shown(value, most)
    assert display_text(["x" * 300, "y"]) == shown(shown("x" * 300) + ", y")  # each item, then the whole


def test_the_lab_shows_a_long_goals_key_whole(tmp_path):
    """A key is what ``netlib checklist done KEY`` takes (a goal's: its words, slugged, as long
    as they are): the lab's board shows it whole, as the report and checklist.md do, not cut."""
    import datetime as dt

    from netlib.lab.checklists import ChecklistBoard

    text = "Meet people who " + " ".join(f"work{k}" for k in range(60))  # about 430 characters
    with Store(tmp_path / "g.db") as s:
        s.add_person("Ann Short", since="2025-01-01")
        s.set_setting("goals", [{"kind": "meet", "count": 2, "text": text}])
        board = ChecklistBoard(s, MONTH, today=dt.date(2026, 11, 20))
        key = board.lists()["goals"][0].key
        assert len(key) > SHOWN and key in board.checkboxes
        assert f"[{html.escape(key)}]" in board.snapshot() and f"[{html.escape(key)}]" in board.why[key].value


def test_explore_confirms_a_meeting_with_everyone_it_logged(tmp_path):
    """Whom you logged a meeting with is a list of what you typed (a sentence made of several
    texts: :data:`SHOWN_LONG`), not one text cut at :data:`SHOWN`: all twelve are confirmed."""
    import datetime as dt

    from netlib.explore import LogForm

    with Store(tmp_path / "g.db") as s:
        emails = [f"colleague.number{k:02d}@example.com" for k in range(12)]  # 380 characters, joined
        for k, email in enumerate(emails):
            s.add_person(f"Colleague {k:02d}", emails=[email], since="2025-01-01")
        form = LogForm(s, today=dt.date(2026, 11, 20))
        form.people.value, form.kind.value = ", ".join(emails), "meeting"
        assert form.save()
        assert all(email in form.message.value for email in emails) and ELLIPSIS not in form.message.value
