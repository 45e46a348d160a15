"""Hostile calendars (issue 14): every series expanded over its own range inside the window,
nothing else lost, and every cut said in a skipped-record line, never a traceback.

The files are written here, a few lines each; expected counts are worked out by hand from
the dates in them. The import day is fixed (``TODAY``), so the window is 2016-11-25..2027-02-25.
"""

import datetime as dt
import time

import pytest

from netlib.errors import RecordError
from netlib.importers import parse, recurrence

TODAY = dt.date(2026, 11, 25)


def event(uid, start, *extra, summary=None):
    lines = [f"UID:{uid}", f"DTSTART:{start}", f"SUMMARY:{summary or uid}", f"ATTENDEE:mailto:{uid}@x.example", *extra]
    return "BEGIN:VEVENT\n" + "".join(line + "\n" for line in lines) + "END:VEVENT\n"


def calendar(tmp_path, *events, head="", name="c.ics", newline="\n"):
    text = "BEGIN:VCALENDAR\nVERSION:2.0\n" + head + "".join(events) + "END:VCALENDAR\n"
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def dates(batch, uid):
    return [i.date for i in batch.interactions if i.key.startswith(f"ics:{uid}:")]


def skips(batch):
    return [str(s) for s in batch.skipped]


def test_a_far_until_does_not_push_real_meetings_out(tmp_path):
    # the hostile case: a weekly series from 2020 with UNTIL=2099 beside real one-offs and a
    # short series; it used to stretch the window to 2096-2099 and drop the real meetings
    path = calendar(tmp_path,
                    event("long", "20200106T100000Z", "RRULE:FREQ=WEEKLY;UNTIL=20991231T000000Z"),
                    event("sync", "20240108T100000Z", "RRULE:FREQ=WEEKLY;UNTIL=20240129T100000Z"),
                    event("lunch", "20230315T120000Z"))
    batch = parse(path, today=TODAY)
    long = dates(batch, "long")
    assert long[0] == dt.date(2020, 1, 6) and long[-1] == dt.date(2027, 2, 22)  # last Monday in the window
    assert len(long) == (long[-1] - long[0]).days // 7 + 1
    assert dates(batch, "sync") == [dt.date(2024, 1, d) for d in (8, 15, 22, 29)]
    assert dates(batch, "lunch") == [dt.date(2023, 3, 15)]
    assert skips(batch) == []


def test_a_series_older_than_the_window_starts_at_the_window(tmp_path):
    batch = parse(calendar(tmp_path, event("old", "20100104T100000Z", "RRULE:FREQ=WEEKLY")), today=TODAY)
    got = dates(batch, "old")
    lo, hi = recurrence.default_window(TODAY)
    assert got[0] >= lo and got[0] - lo < dt.timedelta(days=7) and got[-1] <= hi


def test_count_rdate_and_exdate_are_honoured(tmp_path):
    path = calendar(tmp_path,
                    event("count", "20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=10"),
                    event("rdate", "20250106T100000Z", "RDATE:20250201T100000Z,20250301T100000Z",
                          "RDATE:20250401T100000Z", "RDATE:20250501T100000Z"),
                    event("ex", "20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20250113T100000Z"))
    batch = parse(path, today=TODAY)
    assert dates(batch, "count") == [dt.date(2025, 1, 6) + dt.timedelta(weeks=w) for w in range(10)]
    assert dates(batch, "rdate") == [dt.date(2025, 1, 6), dt.date(2025, 2, 1), dt.date(2025, 3, 1),
                                     dt.date(2025, 4, 1), dt.date(2025, 5, 1)]
    assert dates(batch, "ex") == [dt.date(2025, 1, 6), dt.date(2025, 1, 20), dt.date(2025, 1, 27)]


@pytest.mark.parametrize("rule, said", [
    ("FREQ=SECONDLY", "FREQ=SECONDLY"), ("FREQ=MINUTELY", "FREQ=MINUTELY"), ("FREQ=HOURLY;COUNT=5000", "FREQ=HOURLY"),
    ("FREQ=DAILY;BYHOUR=9,10,11;BYMINUTE=0,30", "BYHOUR=9,10,11"),
])
def test_sub_daily_rules_are_capped_with_a_line(tmp_path, rule, said):
    path = calendar(tmp_path, event("fast", "20250106T100000Z", f"RRULE:{rule}"),
                    event("other", "20250107T100000Z"))
    began = time.process_time()
    batch = parse(path, today=TODAY)
    assert time.process_time() - began < 5  # a bound, not a timing: it used to run for minutes
    assert dates(batch, "fast") == [dt.date(2025, 1, 6)]
    assert dates(batch, "other") == [dt.date(2025, 1, 7)]
    assert skips(batch) == [f"c.ics:3: event 'fast' repeats more often than daily ({said}), so only its first "
                            "meeting is imported; netlib counts meetings, not hours"]


def test_a_series_is_capped_per_series(tmp_path, monkeypatch):
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 5)
    path = calendar(tmp_path, event("daily", "20250106T100000Z", "RRULE:FREQ=DAILY;COUNT=30"),
                    event("weekly", "20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3"))
    batch = parse(path, today=TODAY)
    assert dates(batch, "daily") == [dt.date(2025, 1, d) for d in range(6, 11)]
    assert len(dates(batch, "weekly")) == 3
    assert skips(batch) == ["c.ics:3: event 'daily' has more than 5 meetings between 2016-11-25 and 2027-02-25; "
                            "the ones after that are skipped"]


@pytest.mark.parametrize("extra, start, said", [
    ((), "99991231T100000Z", "its DTSTART is in the year 9999"),
    ((), "00010101T100000Z", "its DTSTART is in the year 1"),
    (("RRULE:FREQ=DAILY;UNTIL=99991231T000000Z",), "20250106T100000Z", "its UNTIL is in the year 9999"),
    (("DTEND:21500101T100000Z",), "20250106T100000Z", "its DTEND is in the year 2150"),
    (("RDATE:18000101T100000Z",), "20250106T100000Z", "its RDATE is in the year 1800"),
])
def test_dates_outside_1900_2100_are_skipped_records(tmp_path, extra, start, said):
    path = calendar(tmp_path, event("odd", start, *extra), event("fine", "20250107T100000Z"))
    batch = parse(path, today=TODAY)
    assert dates(batch, "odd") == [] and dates(batch, "fine") == [dt.date(2025, 1, 7)]
    assert skips(batch) == [f"c.ics:3: event 'odd' is skipped: {said}; expected a date between 1900 and 2100"]
    with pytest.raises(RecordError, match="1900 and 2100"):
        parse(path, today=TODAY, strict=True)


@pytest.mark.parametrize("zone", ["Not/AZone", "../../etc/passwd", "Mars Standard Time", "+0100"])
def test_a_bad_calendar_zone_is_a_warning(tmp_path, zone):
    path = calendar(tmp_path, event("a", "20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2"),
                    head=f"X-WR-TIMEZONE:{zone}\n")
    batch = parse(path, today=TODAY)
    assert dates(batch, "a") == [dt.date(2025, 1, 6), dt.date(2025, 1, 13)]
    [warning] = [str(w) for w in batch.extra["warnings"]]
    assert warning.startswith(f"c.ics:3: X-WR-TIMEZONE '{zone}' is not a time zone name")


@pytest.mark.parametrize("zone, day", [("W. Europe Standard Time", 7), ("europe/berlin", 7), ("utc", 6),
                                       ("Tokyo Standard Time", 7)])
def test_windows_and_lower_case_zone_names_are_read(tmp_path, zone, day):
    # 23:30Z on 6 Jan is 00:30 on 7 Jan in Berlin and 08:30 on 7 Jan in Tokyo
    path = calendar(tmp_path, event("a", "20250106T233000Z"), head=f"X-WR-TIMEZONE:{zone}\n")
    batch = parse(path, today=TODAY)
    assert dates(batch, "a") == [dt.date(2025, 1, day)] and "warnings" not in batch.extra


def test_an_unknown_tzid_does_not_sink_the_file(tmp_path):
    path = calendar(tmp_path, "BEGIN:VEVENT\nUID:t\nDTSTART;TZID=Not/AZone:20250106T100000\n"
                              "RRULE:FREQ=WEEKLY;COUNT=2\nATTENDEE:mailto:a@x.example\nEND:VEVENT\n")
    assert dates(parse(path, today=TODAY), "t") == [dt.date(2025, 1, 6), dt.date(2025, 1, 13)]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_any_line_end_reads(tmp_path, newline):
    path = calendar(tmp_path, event("a", "20250106T100000Z"), event("b", "20250107T100000Z"), newline=newline)
    batch = parse(path, today=TODAY)
    assert [i.date for i in batch.interactions] == [dt.date(2025, 1, 6), dt.date(2025, 1, 7)]


def test_a_missing_end_vevent_skips_that_event_only(tmp_path):
    cut = event("cut", "20250106T100000Z").replace("END:VEVENT\n", "")
    path = calendar(tmp_path, event("a", "20250105T100000Z"), cut, event("b", "20250107T100000Z"),
                    cut.replace("cut", "last"))
    batch = parse(path, today=TODAY)
    assert [i.key.split(":")[1] for i in batch.interactions] == ["a", "b"]
    assert skips(batch) == [
        f"c.ics:{n}: event '{uid}' has no END:VEVENT (the next event or the calendar's end comes first); "
        "expected END:VEVENT after its lines" for n, uid in ((9, "cut"), (20, "last"))]


def test_a_folded_begin_is_not_an_event(tmp_path):
    path = calendar(tmp_path, event("a", "20250106T100000Z", "DESCRIPTION:notes", " BEGIN:VEVENT"),
                    event("b", "20250107T100000Z"))
    batch = parse(path, today=TODAY)
    assert [i.key.split(":")[1] for i in batch.interactions] == ["a", "b"] and skips(batch) == []


def test_a_calendar_is_parsed_whole_before_the_store_is_locked(tmp_path):
    # Store.apply_stream reads the first chunk before BEGIN IMMEDIATE: a calendar is one chunk,
    # so all of its parsing (and every expansion) happens before any other writer must wait
    from netlib.importers import iter_batches

    path = calendar(tmp_path, *(event(f"e{i}", "20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3") for i in range(3)))
    chunks = iter_batches(path, today=TODAY, chunk=1)
    assert len(next(chunks).interactions) == 9 and next(chunks, None) is None


def test_a_daily_series_from_long_ago_is_one_pass(tmp_path):
    # at most one meeting a day in the window: 2016-11-25 .. 2027-02-25 is 3,744 days + 1
    path = calendar(tmp_path, event("daily", "19500101T100000Z", "RRULE:FREQ=DAILY"))
    began = time.process_time()
    batch = parse(path, today=TODAY)
    assert time.process_time() - began < 30  # a bound, not a timing: the old way took minutes
    lo, hi = recurrence.default_window(TODAY)
    assert len(dates(batch, "daily")) == (hi - lo).days + 1 and skips(batch) == []


def test_a_forever_daily_series_keeps_its_planned_meetings_out_of_history(tmp_path, capsys):
    """A daily series with no end is stored up to FUTURE_DAYS ahead (the documented window),
    but those meetings are planned: the person's timeline, ``netlib people`` and the garden
    show what happened up to today, and the planned ones apart (soonest first)."""
    from netlib.cli import main
    from netlib.garden.analysis import analyse
    from netlib.store.core import Store

    today = dt.date.today()
    start = today - dt.timedelta(days=20)
    path = calendar(tmp_path, event("standup", f"{start:%Y%m%d}T090000Z", "RRULE:FREQ=DAILY"))
    db = tmp_path / "g.db"
    with Store(db) as s:
        s.set_setting("owner_emails", ["me@x.example"])
        s.import_file(path, kind="ics")
        pid = s.find_person("standup@x.example")
        p = s.person(pid)
        listed = {q["id"]: q for q in s.people()}[pid]
        garden = analyse(s.snapshot(), today).people.loc[pid]
    stored = len(p["interactions"]) + len(p["upcoming"])
    assert stored == 21 + recurrence.FUTURE_DAYS  # stored as planned, within the window
    past = [dt.date.fromisoformat(i["date"][:10]) for i in p["interactions"]]
    ahead = [dt.date.fromisoformat(i["date"][:10]) for i in p["upcoming"]]
    assert past[0] == today and past[-1] == start and len(past) == 21  # history: latest first, none ahead
    assert ahead[0] == today + dt.timedelta(days=1) and ahead == sorted(ahead)  # planned: soonest first
    assert listed["interaction_count"] == 21 and listed["last_interaction"][:10] == today.isoformat()
    assert garden["interaction_count"] == 21 and garden["last_interaction"].date() == today
    main(["people", "show", str(pid), "--store", str(db)])
    shown = capsys.readouterr().out
    assert "interactions: 21" in shown and (today + dt.timedelta(days=1)).isoformat() not in shown
