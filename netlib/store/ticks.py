"""Ticking checklist items: done, snoozed, dismissed, reopened; persisted in the store.

Doing an item logs the interaction its channel implies (:data:`IMPLIED`), so the garden
sees it next time. An invitation is not a message, and suggesting a coffee is a message,
not the coffee:

=====================  ===========================  =====================================
key                    channel                      what ``done`` logs (out)
=====================  ===========================  =====================================
``follow_up:e<E>:p<P>``  linkedin (an invitation)   ``connected``; marks P followed up for E
                       email / coffee / other       ``email`` / ``message``; marks it too
``water:p<P>``         email, linkedin, call, coffee  ``email``, ``message``, ``call``, ``message``
``reconnect:p<P>``     email, linkedin, other       ``email``, ``message``, ``message``
``give_back:p<P>``     any                          ``help_given``
``weave:p<A>:p<B>``    any                          ``intro`` with A and B
``birthday:p<P>``      email, other                 ``email``, ``message``
``plan:<id>``          the plan's kind              that kind (a coffee, a call...): fulfils it
``goal:<slug>``        none                         nothing (goals count what you logged)
=====================  ===========================  =====================================

Without a channel (an old caller), the checklist's usual one is assumed.
"""

from __future__ import annotations

import datetime as dt
import re

from netlib.errors import ValidationError
from netlib.importers.normalise import digits
from netlib.months import last_day

__all__ = ["tick", "parse_key", "implied", "IMPLIED"]

#: checklist -> channel -> (interaction kind, summary); "*": any other channel
IMPLIED = {
    "follow_up": {"linkedin": ("connected", "sent a LinkedIn invitation after the event"),
                  "email": ("email", "followed up after the event"), "*": ("message", "followed up after the event")},
    "water": {"email": ("email", "kept in touch"), "call": ("call", "called to keep in touch"),
              "coffee": ("message", "suggested a coffee"), "*": ("message", "kept in touch")},
    "reconnect": {"email": ("email", "reconnected"), "*": ("message", "reconnected")},
    "give_back": {"*": ("help_given", "gave back")},
    "weave": {"*": ("intro", "introduced them to each other")},
    "birthday": {"email": ("email", "wished a happy birthday"), "*": ("message", "wished a happy birthday")},
}
_USUAL = {"follow_up": "email", "water": "message", "reconnect": "message", "birthday": "message"}
_KEY = re.compile(r"^(follow_up|water|reconnect|give_back|weave|goal|goals|birthday|plan)(:[\w\-.:]+)?$")


def implied(checklist: str, channel: str | None) -> tuple[str, str] | None:
    """(kind, summary) that doing an item of ``checklist`` by ``channel`` logs, or None.

    >>> implied("follow_up", "linkedin")[0], implied("water", "coffee")[0], implied("goal", None)
    ('connected', 'message', None)
    """
    table = IMPLIED.get(checklist)
    if table is None:
        return None
    channel = channel or _USUAL.get(checklist, "*")
    return table.get(channel, table["*"])


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


def tick(store, key: str, action: str, *, month: str, until=None, today: dt.date | None = None,
         channel: str | None = None) -> str:
    """Apply ``done``, ``snooze``, ``dismiss`` or ``reopen`` to an item; returns a message.

    ``channel``: the item's channel (``ChecklistItem.channel``), which says what ``done``
    logs (:func:`implied`); a plan logs its own kind.

    A tick is dated within its month (a late tick for October counts for October), and the
    interaction ``done`` implies carries the key ``checklist:<month>:<key>``: doing an item
    twice logs it once, and reopening it takes that interaction back.
    """

    today = today or dt.date.today()
    at = min(today, last_day(month))
    checklist, people, event = parse_key(key)
    implied_key = f"checklist:{month}:{key}"
    if action == "reopen":
        with store.transaction(label=f"reopen {key} for {month}") as con:
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
    what = implied(checklist, channel)
    if checklist == "plan":
        plan = con_plan(store, key)
        people, what = [plan["person_id"]], (plan["kind"], f"as planned: {plan['what']}")
    with store.transaction(label=f"done {key} for {month}") as con:  # the check and the writes together
        previous = con.execute("SELECT state FROM checklist WHERE key=? AND month=?", (key, month)).fetchone()
        if previous and previous[0] == "done":
            return f"{key} was already done for {month}; nothing logged again"
        store.set_checklist_state(key, month, "done", at=at)
        if what and people:
            kind, summary = what
            if checklist == "follow_up" and event is not None:
                store.followed_up(event, people[0], date=at)
            store.log(people, kind, at, f"{summary} (checklist {key})", direction="out", key=implied_key)
            said = {"connected": "a connection (the invitation)", "help_given": "help you gave",
                    "intro": "an introduction", "email": "an email"}.get(kind, f"a {kind}")
            return f"done: {key}; logged {said} on {at}"
    return f"done: {key}"


def con_plan(store, key: str) -> dict:
    """The plan a ``plan:<id>`` key names (its person, kind and what)."""
    from netlib.errors import NotFoundError

    pid = key.split(":", 1)[1] if ":" in key else ""
    row = store.con.execute("SELECT person_id, kind, what FROM plans WHERE id = ?",
                            (int(pid) if digits(pid) else -1,)).fetchone()
    if row is None:
        raise NotFoundError(f"no plan behind {key}; 'netlib plan --list' shows the plans")
    return {"person_id": row[0], "kind": row[1], "what": row[2]}
