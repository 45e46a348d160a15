"""What happened, in the store: interactions, events and who was met there, ties you
record, and checklist ticks (a mixin of :class:`~netlib.store.core.Store`)."""

from __future__ import annotations

import datetime as dt

from netlib.errors import NotFoundError, ValidationError
from netlib.importers.normalise import digits
from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS, TIE_KINDS
from netlib.store.writer import iso_date as _iso
from netlib.store.writer import move_since_earlier

__all__ = ["Logbook"]


class Logbook:
    # -- interactions and events -------------------------------------------------------
    def log(self, people, kind: str, date, summary: str | None = None, *, direction: str = "both",
            event=None, key: str | None = None) -> int:
        """Log an interaction with one or more people; returns its id.

        ``key`` (optional, unique) names an interaction something else implies, such as a
        ticked checklist item, so it can be found and removed again.
        """
        if kind not in INTERACTION_KINDS:
            raise ValidationError(f"kind '{kind}' is not one of: {', '.join(INTERACTION_KINDS)}")
        if direction not in DIRECTIONS:
            raise ValidationError(f"direction '{direction}' is not one of: {', '.join(DIRECTIONS)}")
        if isinstance(people, (str, int)):
            people = [people]
        pids = [self.find_person(p) for p in people]
        if not pids:
            raise ValidationError("an interaction needs at least one person (--with)")
        event_id = self.find_event(event) if event is not None else None
        with self.transaction(label=f"log {kind} with {', '.join(map(str, pids))}") as con:
            iid = con.execute(
                "INSERT INTO interactions(date, kind, direction, summary, event_id, source, key) VALUES (?, ?, ?, ?, ?, 'manual', ?)",
                (_iso(date), kind, direction, summary, event_id, key),
            ).lastrowid
            con.executemany(
                "INSERT OR IGNORE INTO participants(interaction_id, person_id) VALUES (?, ?)",
                [(iid, p) for p in pids],
            )
            move_since_earlier(con, [(p, _iso(date)) for p in pids])
        return iid

    def add_event(self, name: str, date, *, location=None, notes=None) -> int:
        if not name or not name.strip():
            raise ValidationError("an event needs a name")
        same = self.con.execute(
            "SELECT id FROM events WHERE name = ? COLLATE NOCASE AND date = ?", (name.strip(), _iso(date))
        ).fetchone()
        if same:
            raise ValidationError(f"event {same[0]} is already '{name.strip()}' on {_iso(date)}; "
                                  f"record whom you met with 'netlib event met {same[0]} PERSON...'")
        with self.transaction(label=f"add event {name.strip()}") as con:
            return con.execute(
                "INSERT INTO events(name, date, location, notes) VALUES (?, ?, ?, ?)",
                (name.strip(), _iso(date), location, notes),
            ).lastrowid

    def find_event(self, ref) -> int:
        if isinstance(ref, int) or digits(str(ref).strip()):
            if self.con.execute("SELECT 1 FROM events WHERE id=?", (int(ref),)).fetchone():
                return int(ref)
            raise NotFoundError(f"no event with id {ref}; see 'netlib event list'")
        rows = self.con.execute(
            "SELECT id, date FROM events WHERE name = ? COLLATE NOCASE ORDER BY date DESC", (str(ref).strip(),)
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no event named '{ref}'; add it with 'netlib event add NAME --date YYYY-MM-DD'")
        return rows[0][0]

    def event(self, ref) -> dict:
        """One event (id, name, date, location, notes) by id or name."""
        eid = self.find_event(ref)
        row = self.con.execute("SELECT id, name, date, location, notes FROM events WHERE id=?", (eid,)).fetchone()
        return dict(zip(("id", "name", "date", "location", "notes"), row))

    def latest_event(self, on_or_before=None) -> int:
        """The id of the latest event on or before ``on_or_before`` (default: today)."""
        day = _iso(on_or_before or dt.date.today())
        row = self.con.execute("SELECT id FROM events WHERE date <= ? ORDER BY date DESC, id DESC LIMIT 1",
                               (day,)).fetchone()
        if row is None:
            raise NotFoundError(f"no event on or before {day}; add one with 'netlib event add NAME --date YYYY-MM-DD'")
        return row[0]

    def events(self) -> list[dict]:
        return [
            {"id": i, "name": n, "date": d, "location": loc, "met": m, "followed_up": f}
            for i, n, d, loc, m, f in self.con.execute(
                # followed up: marked so, or in touch since (the checklist's rule)
                """SELECT e.id, e.name, e.date, e.location, COUNT(ep.person_id),
                          COALESCE(SUM(ep.followed_up OR EXISTS (
                              SELECT 1 FROM participants x JOIN interactions i ON i.id = x.interaction_id
                              WHERE x.person_id = ep.person_id AND i.kind != 'event' AND i.date >= e.date)), 0)
                   FROM events e LEFT JOIN event_people ep ON ep.event_id = e.id
                   GROUP BY e.id ORDER BY e.date DESC, e.id DESC"""
            )
        ]

    def met(self, event, people, *, learned: str | None = None) -> list[int]:
        """Record that you met people at an event (each also gets an ``event`` interaction)."""
        eid = self.find_event(event)
        pids = [self.find_person(p) for p in ([people] if isinstance(people, (str, int)) else people)]
        date = self.con.execute("SELECT date FROM events WHERE id=?", (eid,)).fetchone()[0]
        with self.transaction(label=f"event {eid}: met {', '.join(map(str, pids))}") as con:
            for pid in pids:
                con.execute(
                    """INSERT INTO event_people(event_id, person_id, learned) VALUES (?, ?, ?)
                       ON CONFLICT(event_id, person_id) DO UPDATE SET learned=COALESCE(excluded.learned, learned)""",
                    (eid, pid, learned),
                )
                key = f"event:{eid}:{pid}"
                cur = con.execute(
                    "INSERT OR IGNORE INTO interactions(date, kind, event_id, source, key) VALUES (?, 'event', ?, 'manual', ?)",
                    (date, eid, key),
                )
                if cur.rowcount:
                    iid = cur.lastrowid
                    con.execute("INSERT OR IGNORE INTO participants(interaction_id, person_id) VALUES (?, ?)", (iid, pid))
                move_since_earlier(con, [(pid, date)])
        return pids

    def followed_up(self, event, person, *, date=None) -> None:
        eid, pid = self.find_event(event), self.find_person(person)
        with self.transaction(label=f"event {eid}: followed up with {pid}") as con:
            cur = con.execute(
                "UPDATE event_people SET followed_up=1, followed_up_on=? WHERE event_id=? AND person_id=?",
                (_iso(date or dt.date.today()), eid, pid),
            )
            if not cur.rowcount:
                raise NotFoundError(f"person {pid} is not recorded as met at event {eid}")

    def add_tie(self, a, b, kind: str = "knows", *, since=None, weight: float = 1.0) -> None:
        if not isinstance(kind, str) or kind not in TIE_KINDS:
            raise ValidationError(f"tie kind {kind!r} is not one of: {', '.join(TIE_KINDS)}")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight < float("inf"):
            raise ValidationError(f"tie weight {weight!r} is not a positive number like 1 or 0.5")
        pa, pb = sorted((self.find_person(a), self.find_person(b)))
        if pa == pb:
            raise ValidationError("a tie links two different people")
        with self.transaction(label=f"tie {pa} and {pb}") as con:
            con.execute(
                "INSERT OR REPLACE INTO ties(a, b, kind, source, since, weight) VALUES (?, ?, ?, 'manual', ?, ?)",
                (pa, pb, kind, _iso(since or dt.date.today()), weight),  # dated: past months stay as they were
            )

    # -- checklist state and settings ------------------------------------------------------
    def checklist_state(self, key: str, month: str) -> str | None:
        """The tick saved for checklist item ``key`` in ``month`` (done, snoozed, ...), or None."""
        row = self.con.execute("SELECT state FROM checklist WHERE key=? AND month=?", (key, month)).fetchone()
        return row[0] if row else None

    def set_checklist_state(self, key: str, month: str, state: str, *, until=None, at=None) -> None:
        if state not in ("done", "snoozed", "dismissed", "open"):
            raise ValidationError(f"state '{state}' is not one of: done, snoozed, dismissed, open")
        with self.transaction(label=f"{state} {key} for {month}") as con:
            if state == "open":
                con.execute("DELETE FROM checklist WHERE key=? AND month=?", (key, month))
            else:
                con.execute(
                    "INSERT OR REPLACE INTO checklist(key, month, state, until, at) VALUES (?, ?, ?, ?, ?)",
                    (key, month, state, _iso(until), _iso(at or dt.date.today())),
                )

