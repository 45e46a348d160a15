"""Checklist items on a day: birthdays and plans.

Birthdays
    The month's birthdays of people in rings 1-4, or whom you tagged, become an item on
    the day ("Wish Dana Lee a happy birthday on 21 November"), whatever their cadence. A
    birthday without a year counts too; 29 February falls on the 28th in other years.
    Key ``birthday:p<P>`` (state is kept per month, so next year it is open again).
Plans
    A plan (``netlib plan``, :meth:`netlib.store.plans.Plans.add_plan`) is *fulfilled* by
    any contact you log with its person from a week before its date (or from the day you
    made it, when later) up to the as-of date. A plan dated in the month is an item on its
    day; once its date has passed unfulfilled it is *overdue*, and stays an item for
    ``follow_up_weeks`` weeks after its date (in later months too). A fulfilled plan of
    the month shows as done. Key ``plan:<id>``; ticking it logs the plan's kind of contact.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from netlib.garden.checklist import ChecklistItem, reach, said
from netlib.garden.terms import ENDS, Private

__all__ = ["birthday_items", "plan_items", "birthday_in", "PLAN_EARLY_DAYS"]

#: a contact this many days before a plan's date already fulfils it
PLAN_EARLY_DAYS = 7


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def birthday_in(value, year: int, month: int) -> dt.date | None:
    """The day of a stored birthday (``YYYY-MM-DD`` or ``--MM-DD``) in ``year``-``month``, or None.

    >>> birthday_in("--02-29", 2026, 2), birthday_in("1990-11-21", 2026, 11), birthday_in("1990-10-21", 2026, 11)
    (datetime.date(2026, 2, 28), datetime.date(2026, 11, 21), None)
    """
    if not isinstance(value, str) or len(value) < 7:
        return None
    try:
        mm, dd = int(value[-5:-3]), int(value[-2:])
    except ValueError:
        return None
    if mm != month or not 1 <= dd <= 31:
        return None
    if mm == 2 and dd == 29:
        dd = 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    try:
        return dt.date(year, mm, dd)
    except ValueError:
        return None


def birthday_items(people: pd.DataFrame, birthdays: pd.Series, as_of: pd.Timestamp) -> list[ChecklistItem]:
    """Birthdays in the month of ``as_of`` of people in rings 1-4 or tagged (see the module doc).

    ``people``: the garden's working frame (ring, ring_name, tags, strength, name, emails,
    linkedin_url); ``birthdays``: stored birthdays per person id.
    """
    items = []
    for pid, value in birthdays.reindex(people.index).dropna().items():
        day = birthday_in(value, as_of.year, as_of.month)
        if day is None:
            continue
        row = people.loc[pid]
        tags = row["tags"] if isinstance(row["tags"], list) else []
        ring = int(row["ring"])
        if ring > 4 and not tags:
            continue
        name = str(row["name"])
        why = f"{name}'s birthday is on {_day_text(day)}; "
        why += (f"they are in ring {ring} ({row['ring_name']})." if ring <= 4
                else f"you tagged them {', '.join(repr(str(t)) for t in tags[:3])}.")
        channel = reach(row)
        value_ = 1.5 + min(6 - ring, 5) / 10.0  # a birthday is on its day: worth more than most
        items.append(ChecklistItem(f"birthday:p{int(pid)}", "birthdays", [int(pid)], [name], why,
                                   f"Wish {name} a happy birthday on {_day_text(day)}", channel, value_,
                                   day=day.isoformat()))
    items.sort(key=lambda i: (i.day, i.key))
    return items


def plan_items(plans: pd.DataFrame, people: pd.DataFrame, contacts: pd.DataFrame, as_of: pd.Timestamp,
               settings: dict) -> list[ChecklistItem]:
    """The plans of the month of ``as_of`` (on their day) and the overdue ones (see the module doc).

    ``contacts``: :func:`netlib.garden.strength.contacts` rows (dated up to ``as_of``).
    """
    if plans is None or len(plans) == 0:
        return []
    start = as_of.replace(day=1)
    end = start + pd.offsets.MonthEnd(0)
    late_for = pd.Timedelta(weeks=settings["follow_up_weeks"])
    rows = contacts[contacts["person_id"].isin(plans["person_id"])]  # only the planned people's
    rows = rows[(rows["weight"] > 0) & (rows["date"] <= as_of)]
    by_person = {int(p): d.to_numpy(dtype="datetime64[us]") for p, d in rows.groupby("person_id")["date"]}
    items = []
    for plan in plans.itertuples(index=False):
        if bool(plan.cancelled) or int(plan.person_id) not in people.index:
            continue
        date, created = pd.Timestamp(plan.date), pd.Timestamp(plan.created)
        in_month = start <= date <= end
        overdue = date < as_of and date + late_for >= start
        if not (in_month or overdue):
            continue
        since = max(created, date - pd.Timedelta(days=PLAN_EARLY_DAYS))
        seen = by_person.get(int(plan.person_id), np.array([], dtype="datetime64[us]"))
        done = bool(np.any(seen >= np.datetime64(since, "us")))
        if done and not in_month:
            continue
        name = str(people.at[plan.person_id, "name"])
        day = date.date()
        kind = str(plan.kind)
        who = Private("person", int(plan.person_id), name)
        what = Private("text", None, str(plan.what).strip(ENDS), "[private]")
        if done:
            template = f"You planned this on {created:%Y-%m-%d} for {_day_text(day)}, and you were in touch."
        elif date < as_of:
            ago = int((as_of - date) / pd.Timedelta(days=1))
            template = (f"Planned for {_day_text(day)}, {ago} day{'' if ago == 1 else 's'} ago; nothing logged with "
                        f"{{who}} since {since:%Y-%m-%d}. Do it, or plan a new date.")
        else:
            template = f"You planned this on {created:%Y-%m-%d} for {_day_text(day)}."
        why, why_parts = said(template, who=who)
        action, action_parts = said(f"{{what}} (with {{who}}, {_day_text(day)})", what=what, who=who)
        item = ChecklistItem(f"plan:{int(plan.id)}", "plans", [int(plan.person_id)], [name], why, action, kind,
                             3.0 if date >= as_of else 2.5, day=day.isoformat(),
                             parts={"why": why_parts, "action": action_parts})
        if done:
            item.state = "done"
        items.append(item)
    items.sort(key=lambda i: (i.day, i.key))
    return items
