"""Plans: touchpoints you intend with a person on a future date (a mixin of
:class:`~netlib.store.core.Store`).

A plan is fulfilled by the interaction you log with that person around its date (the rule
lives with the checklist: :func:`netlib.garden.dated.plan_items`), so it needs no tick of
its own; :meth:`Plans.cancel_plan` drops one you no longer intend.
"""

from __future__ import annotations

import datetime as dt

from netlib.errors import NotFoundError, ValidationError
from netlib.importers.records import PLAN_KINDS
from netlib.store.writer import iso_date as _iso

__all__ = ["Plans", "PLAN_KINDS", "LAST_PLAN_DAY"]

#: The last day a plan may have (a typo like 9999-12-31 would sit unseen, never due).
LAST_PLAN_DAY = dt.date(2100, 12, 31)



class Plans:
    def add_plan(self, person, date, what: str, *, kind: str = "meeting", today: dt.date | None = None) -> int:
        """Record a touchpoint you intend with ``person`` on ``date`` (today or later);
        returns the plan's id.

        >>> from netlib.store.core import Store
        >>> s = Store(":memory:"); p = s.add_person("Dana Lee")
        >>> s.add_plan(p, "2026-12-03", "coffee about the move", kind="coffee", today=dt.date(2026, 11, 20))
        1
        """
        today = today or dt.date.today()
        day = dt.date.fromisoformat(_iso(date))
        if day > LAST_PLAN_DAY:
            raise ValidationError(f"the plan's date {day} is too far ahead; plan for a day from today ({today}) "
                                  f"to {LAST_PLAN_DAY}")
        if day < today:
            raise ValidationError(f"the plan's date {day} has passed; plan for today ({today}) or later, "
                                  "or log what happened with 'netlib log'")
        if not isinstance(what, str) or not what.strip():
            raise ValidationError('a plan needs a few words on what you intend, e.g. "coffee about her move"')
        if kind not in PLAN_KINDS:
            raise ValidationError(f"kind '{kind}' is not one of: {', '.join(PLAN_KINDS)}")
        pid = self.find_person(person)
        with self.transaction(label=f"plan {kind} with {pid} on {day}") as con:
            return con.execute("INSERT INTO plans(person_id, date, what, kind, created) VALUES (?, ?, ?, ?, ?)",
                               (pid, day.isoformat(), what.strip(), kind, today.isoformat())).lastrowid

    def plans(self, *, include_cancelled: bool = False) -> list[dict]:
        """Every plan, soonest first: id, person_id, name, date, what, kind, created, cancelled."""
        rows = self.con.execute(
            """SELECT p.id, p.person_id, x.name, p.date, p.what, p.kind, p.created, p.cancelled
               FROM plans p JOIN people x ON x.id = p.person_id
               WHERE ? OR p.cancelled = 0 ORDER BY p.date, p.id""", (int(include_cancelled),)).fetchall()
        keys = ("id", "person_id", "name", "date", "what", "kind", "created", "cancelled")
        return [dict(zip(keys, r), cancelled=bool(r[-1])) for r in rows]

    def cancel_plan(self, plan_id: int) -> None:
        """Drop a plan you no longer intend (kept in the store, no longer shown)."""
        with self.transaction(label=f"cancel plan {plan_id}") as con:
            if not con.execute("UPDATE plans SET cancelled = 1 WHERE id = ?", (int(plan_id),)).rowcount:
                raise NotFoundError(f"no plan with id {plan_id}; 'netlib plan --list' shows them")
