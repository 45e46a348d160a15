"""Calendars: meetings, attendees, co-attendance ties; expected values worked out by hand
from tests/data/import/calendar.ics (weekly sync on Mondays 6-27 Jan 2025, 13 Jan excluded,
20 Jan moved to 21 Jan with Bob declining)."""

import datetime as dt
from pathlib import Path

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import parse
from netlib.importers.records import TieRecord

DATA = Path(__file__).parent / "data" / "import"
JANE, BOB, CAROL = "email:jane.doe@example.com", "email:bob.smith@example.org", "email:carol.chen@example.net"


@pytest.fixture(scope="module")
def batch():
    return parse(DATA / "calendar.ics", me=["me@example.com"])


def test_occurrences(batch):
    got = [(i.date, i.summary, i.people) for i in batch.interactions]
    assert got == [
        (dt.date(2025, 1, 6), "Weekly sync", [JANE, BOB]),
        (dt.date(2025, 1, 21), "Weekly sync (moved)", [JANE]),  # Bob declined the moved one
        (dt.date(2025, 1, 27), "Weekly sync", [JANE, BOB]),
        (dt.date(2025, 1, 15), "Lunch with Carol", [CAROL]),  # organizer is a participant
        (dt.date(2025, 2, 3), "Team offsite", [JANE, BOB, CAROL]),  # all-day; projector left out
    ]
    assert {i.kind for i in batch.interactions} == {"meeting"}
    assert batch.interactions[1].key == "ics:weekly-sync@example.com:2025-01-20T10:00:00+01:00"
    assert batch.interactions[4].key == "ics:offsite@example.com:2025-02-03"


def test_people_names(batch):
    assert [(p.key, p.name, p.emails) for p in batch.people] == [
        (JANE, "Jane Doe", ["jane.doe@example.com"]),
        (BOB, "Bob Smith", ["bob.smith@example.org"]),  # CN was the address itself
        (CAROL, "Carol Chen", ["carol.chen@example.net"]),
    ]
    assert all(p.since is None for p in batch.people)


def test_ties_newman_weighted(batch):
    # Bob+Jane: 1/(2-1) on 6 and 27 Jan, 1/(3-1) at the offsite = 2.5
    assert batch.ties == [
        TieRecord(BOB, JANE, "coattendance", since=dt.date(2025, 1, 6), weight=2.5),
        TieRecord(BOB, CAROL, "coattendance", since=dt.date(2025, 2, 3), weight=0.5),
        TieRecord(CAROL, JANE, "coattendance", since=dt.date(2025, 2, 3), weight=0.5),
    ]


def test_event_without_start_skipped(batch):
    assert [str(s) for s in batch.skipped] == [
        "calendar.ics:75: event 'Broken event' has no DTSTART; expected a start date or time"]


def test_window_limits_recurrences_only():
    batch = parse(DATA / "calendar.ics", me=["me@example.com"], window=(dt.date(2025, 1, 20), dt.date(2025, 1, 31)))
    assert [i.date for i in batch.interactions] == [
        dt.date(2025, 1, 21), dt.date(2025, 1, 27), dt.date(2025, 1, 15), dt.date(2025, 2, 3)]


def test_without_me_the_owner_is_an_attendee():
    batch = parse(DATA / "calendar.ics")
    assert "email:me@example.com" in {p.key for p in batch.people}


def test_outlook_windows_zone_and_last_first_cn():
    batch = parse(DATA / "outlook.ics", me=["OWNER@contoso.com"])
    [meeting] = batch.interactions
    assert meeting.date == dt.date(2025, 3, 3)
    assert meeting.key == "ics:040000008200E00074C5B7101A82E00800000000:2025-03-03T23:30:00+01:00"
    assert [(p.key, p.name) for p in batch.people] == [
        ("email:kim.lee@contoso.com", "Kim Lee"), ("email:jane.doe@contoso.com", "Jane Doe")]
    assert batch.ties == [TieRecord("email:jane.doe@contoso.com", "email:kim.lee@contoso.com", "coattendance",
                                    since=dt.date(2025, 3, 3), weight=1.0)]


def test_big_meeting_makes_no_ties(tmp_path):
    attendees = "".join(f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{i}@x.com\n" for i in range(26))
    path = tmp_path / "allhands.ics"
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20250101T100000Z\n"
                    f"SUMMARY:All hands\n{attendees}END:VEVENT\nEND:VCALENDAR\n")
    batch = parse(path)
    assert len(batch.interactions[0].people) == 26 and batch.ties == []


def test_declined_by_me_is_no_meeting(tmp_path):
    path = tmp_path / "d.ics"
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20250101T100000Z\n"
                    "ATTENDEE;PARTSTAT=DECLINED:mailto:me@x.com\nATTENDEE:mailto:a@x.com\nEND:VEVENT\nEND:VCALENDAR\n")
    assert parse(path, me=["me@x.com"]).interactions == []


def test_strict_and_wrong_content():
    with pytest.raises(RecordError, match="no DTSTART"):
        parse(DATA / "calendar.ics", strict=True)
    with pytest.raises(ImportFileError, match="holds no BEGIN:VCALENDAR"):
        parse(DATA / "notes.txt", "ics")


def test_default_window_is_ten_years_back_to_three_months_ahead(tmp_path):
    # an open-ended weekly series from Mon 6 Jan 2020 and a one-off on 1 Jun 2025, imported on
    # 25 Nov 2026: the window is 2016-11-25..2027-02-25, so the series runs from its own start
    # to the last Monday on or before 25 Feb 2027 (22 Feb 2027)
    path = tmp_path / "w.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:s\nDTSTART;VALUE=DATE:20200106\nRRULE:FREQ=WEEKLY\nATTENDEE:mailto:a@x.com\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:o\nDTSTART;VALUE=DATE:20250601\nATTENDEE:mailto:b@x.com\nEND:VEVENT\n"
        "END:VCALENDAR\n")
    batch = parse(path, today=dt.date(2026, 11, 25))
    series = [i.date for i in batch.interactions if i.key.startswith("ics:s:")]
    assert series[0] == dt.date(2020, 1, 6) and series[-1] == dt.date(2027, 2, 22)
    assert len(series) == (dt.date(2027, 2, 22) - dt.date(2020, 1, 6)).days // 7 + 1
    assert [i.date for i in batch.interactions if i.key.startswith("ics:o:")] == [dt.date(2025, 6, 1)]


def test_a_utc_time_is_dated_on_the_calendars_own_day(tmp_path):
    # 23:30Z on 30 Nov is 00:30 on 1 Dec in Berlin, where this calendar lives
    path = tmp_path / "late.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
        "BEGIN:VEVENT\r\nUID:late-1\r\nDTSTART:20261130T233000Z\r\nDTEND:20261201T000000Z\r\n"
        "SUMMARY:Late call\r\nATTENDEE;CN=Jane Doe:mailto:jane@x.example\r\n"
        "ATTENDEE;CN=Me:mailto:me@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    from netlib.importers import parse

    batch = parse(path, me={"me@x.example"})
    assert [(i.date.isoformat(), i.summary) for i in batch.interactions] == [("2026-12-01", "Late call")]
