"""iCalendar files: meetings with other people, and who met whom (co-attendance ties).

Recurring events are expanded with :mod:`recurring_ical_events` (EXDATE and moved
instances honoured) inside a bounded window; see :func:`parse` for the default.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events

from netlib.errors import ImportFileError
from netlib.importers.normalise import clean, clean_name, name_from_email, norm_email
from netlib.importers.reading import Collector, FileInfo, read_text
from netlib.importers.records import InteractionRecord, PersonRecord, TieRecord

__all__ = ["batches", "MAX_TIE_MEETING", "RECURRENCE_YEARS"]

#: Meetings with more other attendees than this (all-hands) make no co-attendance ties.
MAX_TIE_MEETING = 25
#: By default only the last this many years of the file's span get recurrences expanded.
RECURRENCE_YEARS = 3
_SKIP_CUTYPES = {"ROOM", "RESOURCE", "GROUP"}
_SKIP_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")
#: Properties the expansion reads; an event with one unreadable is skipped, not a crash.
_DATE_PROPS = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "EXRULE"}
_SHAPES = {"UID": (), "DTSTART": (dt.date,), "DTEND": (dt.date,), "RECURRENCE-ID": (dt.date,),
           "DURATION": (dt.timedelta,)}
_BEGIN_VEVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.I | re.M)


def _day(value, tz=None) -> dt.date | None:
    """The calendar day of a DTSTART: a timed event is dated where the calendar lives
    (``tz``: X-WR-TIMEZONE, else this machine's zone), so a 00:30 call in Berlin written
    in UTC (``23:30Z``) is on the Berlin day."""
    if value is None:
        return None
    value = getattr(value, "dt", value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz)
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _calendar_zone(cal):
    """The calendar's own time zone (Google writes X-WR-TIMEZONE), or None for local time."""
    name = str(cal.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _misshapen(comp) -> list[tuple[str, str]]:
    """Date properties that parse but cannot be used: repeated, or of the wrong type."""
    found = []
    for name, types in _SHAPES.items():
        value = comp.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            found.append((name, f"it appears {len(value)} times, expected once"))
        elif name != "UID" and not isinstance(_decoded(value), types):
            found.append((name, f"'{value.to_ical().decode(errors='replace')}' is not a "
                                f"{'duration' if name == 'DURATION' else 'date or time'}"))
    return found


def _decoded(value):
    try:
        return getattr(value, "dt", None)
    except Exception:  # icalendar's broken property raises on any attribute
        return None


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _span(events) -> tuple[dt.date, dt.date] | None:
    days = []
    for ev in events:
        for prop in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            day = _day(ev.get(prop))
            if day:
                days.append(day)
        for rule in _list(ev.get("RRULE")):
            for until in rule.get("UNTIL", []):
                day = _day(until)
                if day:
                    days.append(day)
    return (min(days), max(days)) if days else None


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def batches(info: FileInfo, *, me=(), window=None, strict=False, progress=None, chunk=None, **_):
    """Meetings, attendees and co-attendance ties from an ``.ics`` file.

    ``window`` bounds the expansion of recurring events. By default it is the file's own
    span (earliest start to the latest start, end or RRULE UNTIL of any event), of which
    only the last :data:`RECURRENCE_YEARS` years are expanded, so no "today" is assumed and
    the work stays bounded; one-off events are always all imported. An open-ended series
    in a file with nothing else yields only its first occurrence: pass ``window``.

    Skipped silently: cancelled events or occurrences, occurrences you declined, rooms and
    resources (``CUTYPE=ROOM|RESOURCE|GROUP``), declined attendees and your own addresses
    (``me``). An event without DTSTART is a :class:`SkippedRecord`. Without ``me``, the
    address in the calendar's ``X-WR-CALNAME`` (Google's exports) is yours, and the batch's
    settings say so (``owner_emails``); with neither, ``extra["owner_unknown"]`` is set.
    """
    # One chunk, whatever ``chunk`` says: calendars are small, and the ties are worked out
    # from all the meetings, whose attendees are people of the same batch.
    out = Collector(info, "ics", strict=strict, progress=progress)
    me = {m.lower() for m in me}
    text = read_text(info)
    if not re.search(r"^BEGIN:VCALENDAR", text.lstrip("\ufeff"), re.I | re.M):
        raise ImportFileError(info.path, "holds no BEGIN:VCALENDAR line", line=1,
                              fix="expected an iCalendar (.ics) file; use --kind to choose another format")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError) as err:
        raise ImportFileError(info.path, f"cannot be read as iCalendar ({err})",
                              fix="export the calendar again as .ics") from err
    if not calendars:
        raise ImportFileError(info.path, "has BEGIN:VCALENDAR but no matching END:VCALENDAR, so no calendar "
                                         "is complete", fix="export the calendar again as .ics; the file is cut short")
    if not me:  # whose calendar? Google puts the owner's address in its name
        owner = next((a for a in (norm_email(str(c.get("X-WR-CALNAME", ""))) for c in calendars) if a), None)
        if owner:
            me = {owner}
            out.batch.settings["owner_emails"] = [owner]
        else:
            out.batch.extra["owner_unknown"] = True  # the store refuses it (you are never a person)
    starts = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN_VEVENT.finditer(text)]
    lines: dict[str, int] = {}
    known: dict[str, PersonRecord] = {}
    named: set[str] = set()
    index = 0
    for cal in calendars:
        tz = _calendar_zone(cal)
        good = []
        for comp in list(cal.subcomponents):
            if comp.name != "VEVENT":
                continue
            line = starts[index] if index < len(starts) else None
            index += 1
            uid = str(comp.get("UID", "")).strip()
            broken = [(name, why) for name, why in getattr(comp, "errors", ()) if name in _DATE_PROPS]
            broken = broken or _misshapen(comp)
            if broken:
                name, why = broken[0]
                out.skip(line, f"event '{comp.get('SUMMARY', uid or '?')}' has an unreadable {name} ({why}); "
                               "expected an RFC 5545 value, e.g. DTSTART:20261125T090000Z")
                cal.subcomponents.remove(comp)
                continue
            if comp.get("DTSTART") is None or _day(comp.get("DTSTART")) is None:
                out.skip(line, f"event '{comp.get('SUMMARY', uid or '?')}' has no DTSTART; expected a start date or time")
                cal.subcomponents.remove(comp)
                continue
            if not uid:
                comp["UID"] = f"line{line}"
                uid = comp["UID"]
            lines.setdefault(uid, line)
            good.append(comp)
        span = _span(good)
        if span is None:
            continue
        recurring = {str(c["UID"]) for c in good if c.get("RRULE") is not None or c.get("RDATE") is not None}
        if window is not None:
            lo, hi = window
        else:
            lo, hi = max(span[0], _years_before(span[1], RECURRENCE_YEARS)), span[1]
        first, last = min(lo, span[0]), max(hi, span[1])
        query = recurring_ical_events.of(cal, skip_bad_series=True)
        try:
            occurrences = list(query.between(first, last + dt.timedelta(days=1)))
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as err:  # a shape we do not check
            raise ImportFileError(info.path, f"has events whose dates cannot be expanded ({err})",
                                  fix="export the calendar again as .ics") from err
        for occ in occurrences:
            uid = str(occ.get("UID"))
            day = _day(occ.get("DTSTART"), tz)
            if uid in recurring and not (lo <= day <= hi):
                continue
            _occurrence(occ, uid, day, lines.get(uid), me, out, known, named)
    _ties(out)
    yield out.finish()


def _occurrence(occ, uid, day, line, me, out: Collector, known: dict, named: set) -> None:
    if str(occ.get("STATUS", "")).upper() == "CANCELLED":
        return
    others: dict[str, str | None] = {}
    declined: set[str] = set()
    organizer = occ.get("ORGANIZER")
    for att in _list(occ.get("ATTENDEE")) + ([organizer] if organizer is not None else []):
        addr = norm_email(str(att))
        if not addr:
            continue
        params = getattr(att, "params", {})
        partstat = str(params.get("PARTSTAT", "")).upper()
        if addr in me:
            if partstat == "DECLINED":
                return  # you did not go
            continue
        if str(params.get("CUTYPE", "")).upper() in _SKIP_CUTYPES or addr.endswith(_SKIP_DOMAINS):
            continue
        if partstat == "DECLINED":
            declined.add(addr)
            continue
        cn = clean(params.get("CN"))
        if not others.get(addr):
            others[addr] = cn
    people = [addr for addr in others if addr not in declined]
    if not people:
        return
    keys = []
    for addr in people:
        key = f"email:{addr}"
        keys.append(key)
        cn = others[addr]
        good_cn = _cn_name(cn)
        rec = known.get(key)
        if rec is None:
            rec = PersonRecord(key=key, name=good_cn or name_from_email(addr), emails=[addr], line=line)
            known[key] = rec
            out.batch.people.append(rec)
            if good_cn:
                named.add(key)
        elif good_cn and key not in named:
            rec.name = good_cn
            named.add(key)
    start = occ.get("RECURRENCE-ID") or occ.get("DTSTART")
    out.batch.interactions.append(InteractionRecord(
        key=f"ics:{uid}:{start.dt.isoformat()}", date=day, kind="meeting", people=keys,
        direction="both", summary=clean(occ.get("SUMMARY")), line=line,
    ))


def _cn_name(cn: str | None) -> str | None:
    """A readable name from CN: None when it is an email; Outlook's 'Doe, Jane' turned round."""
    if not cn or norm_email(cn) is not None:
        return None
    name = clean_name(cn.strip('"')) or None
    if name and name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if first and last:
            name = f"{first} {last}"
    return name


def _ties(out: Collector) -> None:
    """Newman's weighting: a meeting of n others adds 1/(n-1) to each of their pairs."""
    pairs: dict[tuple[str, str], TieRecord] = {}
    for rec in out.batch.interactions:
        n = len(rec.people)
        if not 2 <= n <= MAX_TIE_MEETING:
            continue
        weight = 1.0 / (n - 1)
        for a, b in combinations(sorted(rec.people), 2):
            tie = pairs.get((a, b))
            if tie is None:
                pairs[(a, b)] = TieRecord(a, b, "coattendance", since=rec.date, weight=weight)
            else:
                tie.weight += weight
                tie.since = min(tie.since, rec.date)
    out.batch.ties.extend(pairs.values())
