"""Each importer's parser fuzzed with structured hostile input (issue 14, hypothesis): never a
traceback (only a one-line :class:`ImportFileError`), and every record either imported or
listed as skipped. Inputs are built from the pieces real exports are made of, shuffled,
cut, folded and broken."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlib.errors import ImportFileError
from netlib.importers import parse
from netlib.importers.vcard import split_cards

SETTINGS = settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", 60)), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
NEWLINES = st.sampled_from(["\r\n", "\n", "\r"])


def _write(tmp_path, name, lines, newline, ending=True):
    path = tmp_path / name
    text = newline.join(lines) + (newline if ending else "")
    path.write_bytes(text.encode("utf-8", errors="replace"))
    return path


_VCARD_LINES = st.one_of(
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "VERSION:2.1", "FN:Ann A", "FN:", "N:Doe;Jane;;;",
                     "EMAIL:a@x.example", "EMAIL;TYPE=pref:b@x.example", "UID:u-1", "ORG:Acme;R&D",
                     "BDAY:1990-02-30", "BDAY:--03-14", " folded", "\tfolded", "PHOTO;ENCODING=b:QUJD",
                     "item1.LOGO;ENCODING=b:QUJD", "KEY:QUJD", " BEGIN:VCARD", "END:VCARDBEGIN:VCARD",
                     "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "CATEGORIES:a,b", "X-SOCIALPROFILE;TYPE=linkedin:x",
                     "FN:\x1b]0;t\x07", "FN:Ann\x00", "", "garbage"]),
    TEXT.map(lambda t: "FN:" + t), TEXT.map(lambda t: "NOTE:" + t), TEXT,
)


@SETTINGS
@given(lines=st.lists(_VCARD_LINES, max_size=40), newline=NEWLINES, ending=st.booleans())
def test_vcard_parser(tmp_path, lines, newline, ending):
    path = _write(tmp_path, "c.vcf", ["BEGIN:VCARD", *lines], newline, ending)
    try:
        batch = parse(path, "vcard")
    except ImportFileError:
        return
    with open(path, encoding="utf-8", newline="") as fh:
        cards = list(split_cards(fh))
    # each card: a person, or one skipped line (no END, unreadable, no name, a repeat)
    assert len(batch.people) + len(batch.skipped) == len(cards)
    assert all("\x00" not in p.name for p in batch.people)


_ICS_LINES = st.one_of(
    st.sampled_from(["BEGIN:VEVENT", "END:VEVENT", "BEGIN:VCALENDAR", "END:VCALENDAR", "UID:a", "UID:b",
                     "DTSTART:20250106T100000Z", "DTSTART;VALUE=DATE:20250107", "DTSTART:99991231T100000Z",
                     "DTSTART:00010101T000000Z", "DTSTART;TZID=Not/AZone:20250106T100000", "DTEND:20250105T100000Z",
                     "RRULE:FREQ=SECONDLY", "RRULE:FREQ=MINUTELY;COUNT=100000", "RRULE:FREQ=WEEKLY;COUNT=3",
                     "RRULE:FREQ=DAILY;UNTIL=99991231T000000Z", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                     "RRULE:FREQ=DAILY;BYHOUR=1,2,3", "RRULE:FREQ=SOMETIMES", "RDATE:20250201T100000Z",
                     "RDATE:18000101T000000Z", "EXDATE:20250113T100000Z", "RECURRENCE-ID:20250113T100000Z",
                     "DURATION:PT1H", "DURATION:forever", "ATTENDEE:mailto:a@x.example",
                     "ATTENDEE;CN=\"Doe, Jane\":mailto:j@x.example", "ORGANIZER:mailto:o@x.example",
                     "ATTENDEE;PARTSTAT=DECLINED:mailto:d@x.example", "STATUS:CANCELLED",
                     "X-WR-TIMEZONE:W. Europe Standard Time", "X-WR-TIMEZONE:Not/AZone", " folded",
                     "BEGIN:VALARM", "END:VALARM", "SUMMARY:x", "", "garbage"]),
    TEXT.map(lambda t: "SUMMARY:" + t),
)


@SETTINGS
@given(lines=st.lists(_ICS_LINES, max_size=40), newline=NEWLINES, ending=st.booleans())
def test_ics_parser(tmp_path, lines, newline, ending):
    path = _write(tmp_path, "c.ics", ["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"], newline, ending)
    try:
        batch = parse(path, "ics", today=dt.date(2026, 11, 25))
    except ImportFileError:
        return
    assert len(batch.interactions) <= 40 * 4000  # every series capped


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_CELLS = st.one_of(st.sampled_from(["", "Jane", "Doe", "https://www.linkedin.com/in/jane", "n/a", "-",
                                    "a@x.example", "25 Nov 2024", "31 Feb 2025", '"quoted, cell"', '"open',
                                    '""', "=1+1", "\x00", "Jürgen"]), TEXT.filter(lambda t: "\r" not in t and "\n" not in t))


@SETTINGS
@given(rows=st.lists(st.lists(_CELLS, min_size=0, max_size=9), max_size=30), newline=NEWLINES)
def test_linkedin_parser(tmp_path, rows, newline):
    lines = [HEADER] + [",".join(r) for r in rows]
    path = _write(tmp_path, "Connections.csv", lines, newline)
    try:
        batch = parse(path, "linkedin")
    except ImportFileError:
        return
    assert len(batch.people) + len(batch.skipped) <= len(rows)
    assert all("\x00" not in (p.name + (p.company or "")) for p in batch.people)


_GOOGLE = "Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Birthday,Notes,Labels"


@SETTINGS
@given(rows=st.lists(st.lists(_CELLS, min_size=0, max_size=9), max_size=30), newline=NEWLINES)
def test_google_parser(tmp_path, rows, newline):
    path = _write(tmp_path, "contacts.csv", [_GOOGLE] + [",".join(r) for r in rows], newline)
    try:
        batch = parse(path, "google")
    except ImportFileError:
        return
    assert len(batch.people) + len(batch.skipped) <= len(rows)
