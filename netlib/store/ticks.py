"""Ticking checklist items: done, snoozed, dismissed, reopened; persisted in the store.

Doing an item logs the interaction it implies, so the garden sees it next time:

========================  ==============================================================
key                       what ``done`` logs
========================  ==============================================================
``follow_up:e<E>:p<P>``   marks P followed up for event E and logs a ``message`` (out)
``water:p<P>``            a ``message`` (out) with P
``reconnect:p<P>``        a ``message`` (out) with P
``give_back:p<P>``        a ``help_given`` (out) to P
``weave:p<A>:p<B>``       an ``intro`` (out) with A and B
``goal:<slug>``           nothing (goals count what you logged)
========================  ==============================================================
"""

from __future__ import annotations

import datetime as dt
import re

from netlib.errors import ValidationError
from netlib.months import last_day

__all__ = ["tick", "parse_key", "IMPLIED"]

IMPLIED = {
    "follow_up": ("message", "followed up after the event"),
    "water": ("message", "kept in touch"),
    "reconnect": ("message", "reconnected"),
    "give_back": ("help_given", "gave back"),
    "weave": ("intro", "introduced them to each other"),
}
_KEY = re.compile(r"^(follow_up|water|reconnect|give_back|weave|goal|goals)(:[\w\-.:]+)?$")


def parse_key(key: str) -> tuple[str, list[int], int | None]:
    """(checklist, person ids, event id) from an item key."""
    if not _KEY.match(key or ""):
        raise ValidationError(
            f"'{key}' is not a checklist item key; keys look like water:p42 or weave:p12:p40 "
            "(see 'netlib checklist')"
        )
    parts = key.split(":")
    people = [int(p[1:]) for p in parts[1:] if re.fullmatch(r"p\d+", p)]
    if len(set(people)) != len(people):
        raise ValidationError(f"'{key}' names the same person twice; a weave links two different people")
    events = [int(p[1:]) for p in parts[1:] if re.fullmatch(r"e\d+", p)]
    return parts[0], people, (events[0] if events else None)


def tick(store, key: str, action: str, *, month: str, until=None, today: dt.date | None = None) -> str:
    """Apply ``done``, ``snooze``, ``dismiss`` or ``reopen`` to an item; returns a message.

    A tick is dated within its month (a late tick for October counts for October), and the
    interaction ``done`` implies carries the key ``checklist:<month>:<key>``: doing an item
    twice logs it once, and reopening it takes that interaction back.
    """

    today = today or dt.date.today()
    at = min(today, last_day(month))
    checklist, people, event = parse_key(key)
    implied_key = f"checklist:{month}:{key}"
    if action == "reopen":
        with store.transaction() as con:
            store.set_checklist_state(key, month, "open")
            removed = con.execute("DELETE FROM interactions WHERE key=?", (implied_key,)).rowcount
            if removed and checklist == "follow_up" and event is not None:  # the follow-up it marked, too
                con.execute("UPDATE event_people SET followed_up=0, followed_up_on=NULL "
                            "WHERE event_id=? AND person_id=?", (event, people[0]))
        return f"reopened {key} for {month}" + ("; took back the interaction it had logged" if removed else "")
    if action == "snooze":
        until = until or today + dt.timedelta(days=14)
        store.set_checklist_state(key, month, "snoozed", until=until, at=at)
        return f"snoozed {key} until {until}"
    if action == "dismiss":
        store.set_checklist_state(key, month, "dismissed", at=at)
        return f"dismissed {key} for {month}"
    if action != "done":
        raise ValidationError(f"'{action}' is not one of: done, snooze, dismiss, reopen")
    implied = IMPLIED.get(checklist)
    with store.transaction() as con:  # the check and the writes together: two ticks log once
        previous = con.execute("SELECT state FROM checklist WHERE key=? AND month=?", (key, month)).fetchone()
        if previous and previous[0] == "done":
            return f"{key} was already done for {month}; nothing logged again"
        store.set_checklist_state(key, month, "done", at=at)
        if implied and people:
            kind, summary = implied
            if checklist == "follow_up" and event is not None:
                store.followed_up(event, people[0], date=at)
            store.log(people, kind, at, f"{summary} (checklist {key})", direction="out", key=implied_key)
            article = "an" if kind[0] in "aeiou" else "a"
            return f"done: {key}; logged {article} {kind} on {at}"
    return f"done: {key}"
