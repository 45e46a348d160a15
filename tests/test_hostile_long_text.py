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
import html
import json
import re

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
        assert _longest_run(text) <= SHOWN_LONG  # a list of names in one cell: a sentence's length at most
    for long in (NAME, EVENT):  # the checklist's item and its reason, the events table
        assert _cut(long) in page
    for long in (NAME, COMPANY, TAG):  # the map's tooltips
        assert _cut(long) in drawn


def test_checklist_md_lines_are_bounded(report):
    text = (report / "checklist.md").read_text(encoding="utf-8")
    assert len(text) < 50_000 and max(map(len, text.splitlines())) <= SHOWN_LONG + 200
    assert f"**{_cut(NAME)}**" in text and f"Met at {_cut(EVENT)} on 2026-11-05" in text
    assert not any(tail in text for tail in TAILS)


def test_a_redacted_report_is_small_and_names_nobody(tmp_path):
    """A shared report keeping companies and labels cuts them as the private one does, and
    still names nobody. (20,000 characters, not millions: the scrubber's patterns of a
    company or an e-mail address take minutes on texts of millions; see the lead's notes.)"""
    db, out = _import(tmp_path, 20_000), tmp_path / "shared"
    assert main(["report", "--month", MONTH, "--store", str(db), "--out", str(out), "--redact",
                 "--keep-labels", "--keep-companies"]) == 0
    for name in ("report.html", "map.html", "checklist.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "N" * 20 not in text and "Ann Short" not in text and "Longname" not in text  # names: pseudonyms
        assert _longest_run(text) <= SHOWN_LONG, name  # a kept label in a reason: up to a reason's length
        assert not any(tail in text for tail in TAILS), name
    assert _cut("E" * 20_000) in (out / "report.html").read_text(encoding="utf-8")  # the label, kept and cut


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
    from netlib.lab.cards import html_text

    escaped = html_text(value, most)
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
