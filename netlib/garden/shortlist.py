"""The month's short list of checklist items, and each item's state for the month.

State of an item for the month (:func:`apply_state`): ``done`` or ``dismissed`` when the
store says so for this month (a goal is also ``done`` once reached), ``snoozed`` while a
snooze's ``until`` lies after the as-of date, else ``open``. Lists hold the open items
first (capped per checklist, ``caps``), then the others with their state, so a report can
show "done"; dismissed and snoozed items are not shown until due again.

A short list (:func:`short_list`): every item's ``score`` is its *value* on one scale for
all checklists (:mod:`netlib.garden.checklist`), and only the ``checklist_limit`` (12) most
valuable open items of the month stay ``open``; the others become ``more``: counted and
listed apart. Goals are yours and are not counted.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["apply_state", "short_list"]


def apply_state(lists: dict, state: pd.DataFrame, month: str, as_of: pd.Timestamp, caps: dict) -> dict:
    """Set each item's state from the store's checklist rows (read once for all ``lists``);
    each list gets its open items first, capped by ``caps[name]`` (uncapped if none)."""
    marked, snoozed = {}, set()
    if len(state):
        rows = state.sort_values("at", kind="mergesort", na_position="first")
        this = rows[(rows["month"] == month) & rows["state"].isin(["done", "dismissed"])]
        marked = dict(zip(this["key"], this["state"]))
        until = pd.to_datetime(rows["until"])
        snoozed = set(rows.loc[(rows["state"] == "snoozed") & until.notna() & (until > as_of), "key"])
    out = {}
    for name, items in lists.items():
        for item in items:
            if item.key in marked:
                item.state = marked[item.key]
            elif item.key in snoozed and item.state == "open":
                item.state = "snoozed"
        # by value; items on a day (plans, birthdays) by their day
        opened = sorted((i for i in items if i.state == "open"), key=lambda i: (i.day or "", -i.score))
        cap = caps.get(name)
        out[name] = (opened if cap is None else opened[:cap]) + [i for i in items if i.state != "open"]
    return out


def short_list(lists: dict, limit: int, *, exempt=("goals",)) -> None:
    """Keep the ``limit`` most valuable open items of all ``lists`` open (in place); the
    other open items become ``more``. Lists in ``exempt`` are not counted. Each list keeps
    its order: open, then more, then the rest."""
    ranked = sorted(((item.score, name, k) for name, items in lists.items() if name not in exempt
                     for k, item in enumerate(items) if item.state == "open"),
                    key=lambda t: (-t[0], t[1], t[2]))
    for _, name, k in ranked[max(int(limit), 0):]:
        lists[name][k].state = "more"
    order = {"open": 0, "more": 1}
    for name, items in lists.items():
        items.sort(key=lambda i: order.get(i.state, 2))  # stable: the order within each state stays
