"""Calendar events as meetings: each event checked, each recurring series expanded on its own.

A series is expanded over its own range (from its DTSTART, honouring UNTIL, COUNT, RDATE,
EXDATE and moved instances), cut to a window around the import day: from
:data:`HISTORY_YEARS` years before it to :data:`FUTURE_DAYS` days after it (planned meetings:
stored, but a person's timeline, ``netlib people`` and the garden count only what happened
up to today; ``Store.person`` lists the rest as ``upcoming``).
What is left out, and why, is said in a skipped-record line:

- a series of more than :data:`MAX_OCCURRENCES` meetings in the window: the first ones are
  kept, the rest skipped;
- a rule repeating more often than daily (``FREQ=HOURLY|MINUTELY|SECONDLY``): only its first
  meeting (and any RDATE and moved instance) is kept;
- an event with a date before :data:`FIRST_YEAR` or after :data:`LAST_YEAR` (DTSTART, DTEND,
  RDATE, EXDATE, RECURRENCE-ID or UNTIL): skipped whole;
- a series that cannot be expanded at all: skipped whole.

One series never stops the others, and each is expanded in one pass over the window (at
most a meeting a day once sub-daily rules are cut, plus its RDATEs).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from netlib.importers.dates import YEARS

__all__ = ["HISTORY_YEARS", "FUTURE_DAYS", "MAX_OCCURRENCES", "FIRST_YEAR", "LAST_YEAR",
           "default_window", "out_of_range", "sub_daily", "expand"]

#: Recurring meetings are expanded from this many years before the import day ...
HISTORY_YEARS = 10
#: ... to this many days after it (meetings already planned).
FUTURE_DAYS = 92
#: At most this many meetings of one series are imported (a daily series over ten years fits).
MAX_OCCURRENCES = 4000
#: Dates outside these years are not meetings you had: the event is a skipped record.
FIRST_YEAR, LAST_YEAR = YEARS
SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
_DATED = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def default_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days recurring series are expanded over for an import made on ``today``.

    >>> default_window(dt.date(2026, 11, 25))
    (datetime.date(2016, 11, 25), datetime.date(2027, 2, 25))
    """
    try:
        lo = today.replace(year=today.year - HISTORY_YEARS)
    except ValueError:  # 29 February
        lo = today.replace(year=today.year - HISTORY_YEARS, day=28)
    return lo, today + dt.timedelta(days=FUTURE_DAYS)


def _values(comp, name):
    value = comp.get(name)
    return value if isinstance(value, list) else ([] if value is None else [value])


def _dates(comp):
    """Every date or datetime an event names (DTSTART ... EXDATE, RRULE UNTIL)."""
    for name in _DATED:
        for value in _values(comp, name):
            for item in getattr(value, "dts", [value]):
                found = getattr(item, "dt", None)
                if isinstance(found, tuple):  # an RDATE period: (start, end or duration)
                    found = found[0]
                if isinstance(found, (dt.date, dt.datetime)):
                    yield name, found
    for rule in _values(comp, "RRULE"):
        for until in rule.get("UNTIL", []):
            if isinstance(until, (dt.date, dt.datetime)):
                yield "UNTIL", until


def out_of_range(comp) -> str | None:
    """Why an event's dates cannot be meetings (a year outside 1900-2100), or None."""
    for name, value in _dates(comp):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return f"its {name} is in the year {value.year}; expected a date between {FIRST_YEAR} and {LAST_YEAR}"
    return None


def sub_daily(comp) -> str | None:
    """How a rule repeats more often than daily (``FREQ=MINUTELY``, ``BYHOUR=9,17``), or None."""
    for rule in _values(comp, "RRULE"):
        for freq in rule.get("FREQ", []):
            if str(freq).upper() in SUB_DAILY:
                return f"FREQ={str(freq).upper()}"
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            if len(rule.get(part, [])) > 1:
                return f"{part}={','.join(str(v) for v in rule[part])}"
    return None


def _key(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone.utc)


def expand(cal, comps, lo: dt.date, hi: dt.date, zone: ZoneInfo | None):
    """The meetings of one series (``comps``: its master and moved instances) between ``lo``
    and ``hi``, in order, at most :data:`MAX_OCCURRENCES` of them.

    Returns ``(occurrences, more)``: ``more`` is True when the series had more meetings in
    the window than were returned. ``cal`` gives the time zones; ``zone`` is the calendar's
    X-WR-TIMEZONE (checked). Raises ``ValueError`` (or what the expansion raises) when the
    series cannot be expanded.
    """
    one = icalendar.Calendar()
    for name in ("VERSION", "PRODID"):
        if cal.get(name) is not None:
            one.add(name, cal.get(name))
    if zone is not None:
        one.add("X-WR-TIMEZONE", zone.key)
    for sub in cal.subcomponents:
        if sub.name == "VTIMEZONE":
            one.add_component(sub)
    for comp in comps:
        one.add_component(comp)
    start = dt.datetime.combine(lo, dt.time())
    stop = dt.datetime.combine(hi + dt.timedelta(days=1), dt.time())
    # one query over the window: rules more often than daily are cut before this (sub_daily),
    # so a series has at most a meeting a day here, plus its RDATEs
    found = list(recurring_ical_events.of(one).between(start, stop))
    found.sort(key=lambda occ: _key(occ.get("DTSTART").dt))
    more = len(found) > MAX_OCCURRENCES
    return found[:MAX_OCCURRENCES], more
