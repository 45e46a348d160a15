"""iCalendar files: meetings with other people, and who met whom (co-attendance ties).

Each recurring series is expanded on its own over its own range, cut to a window around the
import day (:mod:`netlib.importers.recurrence` says which, and what is skipped and why).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from netlib.errors import ImportFileError
from netlib.importers import recurrence
from netlib.importers.normalise import clean, display_name, name_from_email, norm_email
from netlib.importers.reading import Collector, FileInfo, read_text
from netlib.importers.records import InteractionRecord, PersonRecord, TieRecord

__all__ = ["batches", "MAX_TIE_MEETING"]

#: Meetings with more other attendees than this (all-hands) make no co-attendance ties.
MAX_TIE_MEETING = 25
_SKIP_CUTYPES = {"ROOM", "RESOURCE", "GROUP"}
_SKIP_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")
#: Properties the expansion reads; an event with one unreadable is skipped, not a crash.
_DATE_PROPS = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "EXRULE"}
_SHAPES = {"UID": (), "DTSTART": (dt.date,), "DTEND": (dt.date,), "RECURRENCE-ID": (dt.date,),
           "DURATION": (dt.timedelta,)}


def _day(value, tz=None) -> dt.date | None:
    """The calendar day of a DTSTART: a timed event is dated where the calendar lives
    (``tz``: X-WR-TIMEZONE, else this machine's zone), so a 00:30 call in Berlin written
    in UTC (``23:30Z``) is on the Berlin day."""
    if value is None:
        return None
    value = getattr(value, "dt", value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            try:
                value = value.astimezone(tz)
            except (OverflowError, ValueError, OSError):
                pass
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _calendar_zone(cal, out: Collector, line):
    """The calendar's own time zone (Google writes X-WR-TIMEZONE), or None for local time.

    Windows names (Outlook's 'W. Europe Standard Time') and names in another case ('utc') are
    read as their IANA zone; an unknown zone is dropped (with a warning): its events are then
    dated in this machine's zone."""
    name = str(cal.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        return None
    iana = WINDOWS_TO_OLSON.get(name) or name
    if iana not in available_timezones():
        iana = {z.casefold(): z for z in available_timezones()}.get(iana.casefold(), iana)
    try:
        zone = ZoneInfo(iana)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        zone = None
    if zone is not None:
        if iana != name:
            cal["X-WR-TIMEZONE"] = iana
        return zone
    del cal["X-WR-TIMEZONE"]
    out.warn(line, f"X-WR-TIMEZONE '{name}' is not a time zone name, so times are dated in this "
                   "machine's zone; expected an IANA name like Europe/Berlin")
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


def _structure(text: str) -> tuple[str, list[int], set[int], list[tuple[int, int]]]:
    """Line ends made LF (CR-only files too), and each event's first line.

    An event whose END:VEVENT is missing (another BEGIN:VEVENT or END:VCALENDAR comes first)
    is closed there and its number put in ``abandoned``, so it is skipped and the events after
    it are read. Returns ``(text, starts, abandoned, calendars)``, calendars as the lines of
    their BEGIN and X-WR-TIMEZONE; a folded line (one starting with a space or tab) is never
    a BEGIN or END.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out, starts, abandoned, calendars = [], [], set(), []
    inside = False
    for number, line in enumerate(lines, 1):
        word = line.strip().upper() if line[:1] not in (" ", "\t") else ""
        if word in ("BEGIN:VEVENT", "END:VCALENDAR") and inside:
            abandoned.add(len(starts) - 1)
            out.append("END:VEVENT")
            inside = False
        if word == "BEGIN:VEVENT":
            starts.append(number)
            inside = True
        elif word == "END:VEVENT":
            inside = False
        elif word == "BEGIN:VCALENDAR":
            calendars.append((number, number))
        elif word.startswith("X-WR-TIMEZONE") and calendars:
            calendars[-1] = (calendars[-1][0], number)
        out.append(line)
    return "\n".join(out), starts, abandoned, calendars


def batches(info: FileInfo, *, me=(), window=None, today=None, strict=False, progress=None, chunk=None, **_):
    """Meetings, attendees and co-attendance ties from an ``.ics`` file.

    ``window`` (two dates) bounds the expansion of recurring series; by default it is
    :func:`netlib.importers.recurrence.default_window` of ``today`` (the import day), and
    each series is expanded from its own start within it. One-off events are always all
    imported (between the years 1900 and 2100).

    Skipped silently: cancelled events or occurrences, occurrences you declined, rooms and
    resources (``CUTYPE=ROOM|RESOURCE|GROUP``), declined attendees and your own addresses
    (``me``). Skipped records (listed): an event without DTSTART, with an unreadable date,
    a date outside 1900-2100, or no END:VEVENT; meetings of a series beyond its cap.
    Without ``me``, the address in the calendar's ``X-WR-CALNAME`` (Google's exports) is
    yours, and the batch's settings say so (``owner_emails``); with neither,
    ``extra["owner_unknown"]`` is set.
    """
    # One chunk, whatever ``chunk`` says: calendars are small, and the ties are worked out
    # from all the meetings, whose attendees are people of the same batch.
    out = Collector(info, "ics", strict=strict, progress=progress)
    me = {m.lower() for m in me}
    lo, hi = window or recurrence.default_window(today or dt.date.today())
    text, starts, abandoned, cal_lines = _structure(read_text(info).lstrip("\ufeff"))
    if not cal_lines:
        raise ImportFileError(info.path, "holds no BEGIN:VCALENDAR line", line=1,
                              fix="expected an iCalendar (.ics) file; use --kind to choose another format")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError) as err:
        raise ImportFileError(info.path, f"cannot be read as iCalendar ({err})",
                              fix="export the calendar again as .ics") from err
    if not calendars:
        raise ImportFileError(info.path, "has BEGIN:VCALENDAR but no matching END:VCALENDAR, so no calendar "
                                         "is complete", line=cal_lines[0][0],
                              fix="export the calendar again as .ics; the file is cut short")
    if not me:  # whose calendar? Google puts the owner's address in its name
        owner = next((a for a in (norm_email(str(c.get("X-WR-CALNAME", ""))) for c in calendars) if a), None)
        if owner:
            me = {owner}
            out.batch.settings["owner_emails"] = [owner]
        else:
            out.batch.extra["owner_unknown"] = True  # the store refuses it (you are never a person)
    lines: dict[str, int] = {}
    known: dict[str, PersonRecord] = {}
    named: set[str] = set()
    index = 0
    for number, cal in enumerate(calendars):
        tz = _calendar_zone(cal, out, cal_lines[min(number, len(cal_lines) - 1)][1])
        series: dict[str, list] = {}
        for comp in list(cal.subcomponents):
            if comp.name != "VEVENT":
                continue
            line = starts[index] if index < len(starts) else None
            index += 1
            cal.subcomponents.remove(comp)
            uid = str(comp.get("UID", "")).strip()
            what = f"event '{clean(comp.get('SUMMARY')) or uid or '?'}'"
            if index - 1 in abandoned:
                out.skip(line, f"{what} has no END:VEVENT (the next event or the calendar's end comes "
                               "first); expected END:VEVENT after its lines")
                continue
            broken = [(name, why) for name, why in getattr(comp, "errors", ()) if name in _DATE_PROPS]
            broken = broken or _misshapen(comp)
            if broken:
                name, why = broken[0]
                out.skip(line, f"{what} has an unreadable {name} ({why}); "
                               "expected an RFC 5545 value, e.g. DTSTART:20261125T090000Z")
                continue
            if comp.get("DTSTART") is None or _day(comp.get("DTSTART")) is None:
                out.skip(line, f"{what} has no DTSTART; expected a start date or time")
                continue
            why = recurrence.out_of_range(comp)
            if why:
                out.skip(line, f"{what} is skipped: {why}")
                continue
            rule = recurrence.sub_daily(comp)
            if rule:
                out.skip(line, f"{what} repeats more often than daily ({rule}), so only its first meeting is "
                               "imported; netlib counts meetings, not hours")
                del comp["RRULE"]
            if not uid:
                uid = f"line{line}"
                comp["UID"] = uid
            lines.setdefault(uid, line)
            series.setdefault(uid, []).append(comp)
        for uid, comps in series.items():
            for occ in _meetings(cal, comps, lo, hi, tz, lines[uid], out):
                _occurrence(occ, uid, _day(occ.get("DTSTART"), tz), lines[uid], me, out, known, named)
    out.batch.skipped.sort(key=lambda s: s.line or 0)
    _ties(out)
    yield out.finish()


def _meetings(cal, comps, lo, hi, tz, line, out: Collector) -> list:
    """The meetings of one UID: a one-off as it is; a series expanded (capped, see
    :mod:`netlib.importers.recurrence`), each cut listed as a skipped record."""
    what = f"event '{clean(comps[0].get('SUMMARY')) or comps[0].get('UID')}'"
    if not any(c.get("RRULE") is not None or c.get("RDATE") is not None for c in comps):
        return comps
    try:
        found, more = recurrence.expand(cal, comps, lo, hi, tz)
    except Exception as err:  # noqa: BLE001 - any series the expansion cannot read is one skipped record
        out.skip(line, f"{what} is a series that cannot be expanded ({type(err).__name__}: {err}); "
                       "export the calendar again as .ics")
        return []
    if more:
        out.skip(line, f"{what} has more than {recurrence.MAX_OCCURRENCES} meetings between {lo} and {hi}; "
                       "the ones after that are skipped")
    return found


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
        good_cn = display_name(cn)
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
