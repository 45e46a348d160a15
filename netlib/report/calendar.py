"""The month's open checklist items as a calendar (.ics) any calendar app imports.

Plans and birthdays are all-day events on their day; every other open item of the short
list is an all-day reminder, spread over the month's remaining days (from the as-of day
of a running month, else from its first day), most valuable first; a follow-up never
before the day after its event. Each event carries
the action, why, and the ready link. UIDs are ``<item key>/<month>@netlib``: exporting
again updates the same events instead of adding copies (their SEQUENCE grows with the
export time, as RFC 5545 asks of an update).
"""

from __future__ import annotations

import datetime as dt

import icalendar

from netlib.garden import CHECKLISTS
from netlib.garden.terms import display_text
from netlib.months import last_day
from netlib.report.tables import action_text

__all__ = ["checklist_ics", "uid_of"]

_PRODID = "-//netlib//cultivation checklist//EN"


def uid_of(item, month: str) -> str:
    """The event's UID: the same for an item every time the month is exported."""
    return f"{item.key}/{month}@netlib"


def _days_for(n: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """``n`` days spread evenly from ``first`` to ``last`` (several on one day when needed)."""
    span = (last - first).days + 1
    return [first + dt.timedelta(days=(k * span) // max(n, 1)) for k in range(n)]


def _earliest(item, garden, end: dt.date) -> dt.date:
    """The first day an item can be done: a follow-up the day after its event (never a
    reminder to follow up before you have met), capped at the month's end."""
    if item.checklist != "follow_up" or garden.snapshot is None:
        return dt.date.min
    try:
        eid = int(item.key.split(":")[1].lstrip("e"))
    except (IndexError, ValueError):
        return dt.date.min
    events = garden.snapshot.events
    when = events.loc[events["id"] == eid, "date"]
    if when.empty or when.iloc[0] != when.iloc[0]:  # unknown, or NaT
        return dt.date.min
    return min(when.iloc[0].date() + dt.timedelta(days=1), end)


def checklist_ics(garden, *, now: dt.datetime | None = None) -> bytes:
    """The open items of ``garden``'s checklists (its short list) as an iCalendar file."""
    now = now or dt.datetime.now(dt.timezone.utc)
    month = garden.month
    first = garden.as_of.date().replace(day=1)
    end = last_day(month)
    start = garden.as_of.date() if garden.as_of.date() < end else first
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"netlib checklist {month}")
    items = [i for name in CHECKLISTS for i in garden.checklists.get(name, []) if i.state == "open"]
    dated = [i for i in items if i.day]
    rest = sorted((i for i in items if not i.day), key=lambda i: (-i.score, i.key))
    days = {id(i): dt.date.fromisoformat(i.day) for i in dated}
    days.update({id(i): max(d, _earliest(i, garden, end)) for i, d in zip(rest, _days_for(len(rest), start, end))})
    for item in dated + rest:
        day = days[id(item)]
        event = icalendar.Event()
        event.add("uid", uid_of(item, month))
        event.add("dtstamp", now)
        event.add("sequence", int(now.timestamp()) // 60 % 2_000_000_000)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not busy time
        who = ", ".join(display_text(p) for p in item.people)
        event.add("summary", (f"{who}: " if who and who not in item.action else "") + action_text(item))
        text = f"{item.why}\n\nAction: {action_text(item)}\nKey: {item.key} (netlib checklist done {item.key})"
        if item.href:
            text += f"\nReady: {item.href}"
            event.add("url", item.href)
        event.add("description", text)
        event.add("categories", [item.checklist.replace("_", " ")])
        cal.add_component(event)
    return cal.to_ical()
