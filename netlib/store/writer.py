"""Writing one import into the store: identity resolution, people, events, interactions
and ties, inside the transaction :meth:`netlib.store.core.Store.apply_stream` holds.

Kept apart from :mod:`netlib.store.core` (which opens, migrates and reads the store) because
this is the one hot path: 30,000 LinkedIn rows go through it in about a second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from netlib.store import identity
from netlib.store.import_report import ImportReport
from netlib.store.exported import restore_learned, restore_merges, restore_plans, restore_sources
from netlib.importers.normalise import digits
from netlib.importers.records import INTERACTION_KINDS, ImportBatch, PersonRecord, SkippedRecord

__all__ = ["BatchWriter", "ImportReport", "iso_date", "move_since_earlier"]

_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(PersonRecord) if f.name != "line")


#: Kinds of file that may each hold part of one history (a mail client exports one mbox per
#: folder): an interaction seen before keeps its direction, ``in`` and ``out`` make ``both``.
ADDING_KINDS = ("mbox",)


def iso_date(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]).isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()



def move_since_earlier(con, dated) -> None:
    """Bring people's ``since`` back to the earliest date known: ``dated`` is (person id,
    ISO date) pairs. Someone met or spoken to before you recorded them was in your garden
    by then; a later date never moves it forward."""
    con.executemany("UPDATE people SET since=? WHERE id=? AND (since IS NULL OR since > ?)",
                    [(day, pid, day) for pid, day in dated if day])


def _own_id(key: str) -> int | None:
    """The id in a netlib CSV key (``netlib:42``), or None."""
    prefix, _, rest = key.partition(":")
    return int(rest) if prefix == "netlib" and digits(rest) and 0 < int(rest) < 2**62 else None


class _Pending:
    """Rows of new people waiting to be written with ``executemany``."""

    def __init__(self):
        self.people, self.sources, self.emails, self.phones, self.tags = [], [], [], [], []
        self.ids: set[int] = set()

    def flush(self, con) -> None:
        con.executemany(
            """INSERT INTO people(id, name, first_name, last_name, company, position, linkedin_url, notes,
               birthday, since, ring_override, cadence_override, name_key)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", self.people)
        con.executemany(
            "INSERT INTO sources(id, person_id, kind, key, import_id, matched_by, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.sources)
        con.executemany("INSERT OR IGNORE INTO emails(email, person_id, source_id) VALUES (?, ?, ?)", self.emails)
        con.executemany("INSERT OR IGNORE INTO phones(person_id, phone, source_id) VALUES (?, ?, ?)", self.phones)
        # one tag per person whatever its case: "Design" from one file, "design" from another
        con.executemany("""INSERT OR IGNORE INTO tags(person_id, tag) SELECT ?, ? WHERE NOT EXISTS
                           (SELECT 1 FROM tags WHERE person_id = ? AND lower(tag) = lower(?))""",
                        [(p, t, p, t) for p, t in self.tags])
        self.__init__()


class BatchWriter:
    """Writes one :class:`ImportBatch`, whole or chunk by chunk, inside an open transaction.

    What spans chunks lives here: the identity indexes, batch keys to people, event ids
    and the skipped records (kept by stage, so they list as when the batch was written
    whole: events', then interactions', then ties'). Interactions already stored are found
    by key, a chunk at a time (see :meth:`_known`).
    """

    def __init__(self, con, batch: ImportBatch, import_id: int, today: dt.date, report: ImportReport):
        self.con, self.batch, self.import_id, self.report = con, batch, import_id, report
        self.today = today.isoformat()
        self.resolver = identity.Resolver(con)
        self.key_to_person: dict[str, tuple[int, int | None]] = {}  # batch key -> (pid, source id)
        self.event_ids: dict[str, int] = {}
        self._skips: dict[str, list[SkippedRecord]] = {"events": [], "interactions": [], "ties": []}
        self._stage = "events"

    def write(self, batch: ImportBatch) -> None:
        """One chunk: its people, then its events, interactions and ties."""
        self.batch = batch
        self.people()
        self._stage = "events"
        self.events()
        self._stage = "interactions"
        self.interactions()
        self._stage = "ties"
        self.ties()
        restore_plans(self)  # (an export's plans.csv and merges.csv; their skips list last)
        restore_merges(self)

    def skip(self, line, reason):
        self._skips[self._stage].append(SkippedRecord(self.batch.path, line, reason))

    def skipped(self) -> list[SkippedRecord]:
        return [s for stage in ("events", "interactions", "ties") for s in self._skips[stage]]

    # people
    def people(self):
        con, kind = self.con, self.batch.kind
        next_pid = (con.execute("SELECT MAX(id) FROM people").fetchone()[0] or 0) + 1
        next_sid = (con.execute("SELECT MAX(id) FROM sources").fetchone()[0] or 0) + 1
        pending, new_people = _Pending(), []
        for rec in self.batch.people:
            rec.emails = [e.strip().lower() for e in rec.emails if e and e.strip()]
            nkey = identity.name_key(rec.name)
            pid, how = self.resolver.resolve(kind, rec, nkey)
            data = {f: getattr(rec, f) for f in _RECORD_FIELDS}
            data["since"] = since = iso_date(rec.since)
            record_json = json.dumps(data, ensure_ascii=False)
            since = since or self.today
            if pid is None:
                # new people are written together at the end (executemany), ids assigned here;
                # netlib's own people.csv keeps its ids where they are free, so an export
                # imported into a new store keeps checklist keys (water:p42) meaning the same
                own = _own_id(rec.key) if kind == "netlib-people" else None
                if own is not None and own not in pending.ids and not con.execute(
                        "SELECT 1 FROM people WHERE id=?", (own,)).fetchone():
                    pid, next_pid = own, max(next_pid, own + 1)
                else:
                    pid, next_pid = next_pid, next_pid + 1
                sid, next_sid = next_sid, next_sid + 1
                pending.people.append(
                    (pid, rec.name, rec.first_name, rec.last_name, rec.company, rec.position, rec.linkedin_url,
                     rec.notes, rec.birthday, since, rec.ring, rec.cadence_days, nkey))
                pending.sources.append((sid, pid, kind, rec.key, self.import_id, how, record_json))
                pending.ids.add(pid)
                new_people.append((rec.key, pid))
                self.report.added += 1
                name, company = rec.name, rec.company
            else:
                if pid in pending.ids:
                    pending.flush(con)
                prev = con.execute("SELECT id, record FROM sources WHERE kind=? AND key=?", (kind, rec.key)).fetchone()
                if prev:
                    sid = prev[0]
                    changed = prev[1] != record_json
                    if changed:
                        con.execute("UPDATE sources SET record=?, import_id=? WHERE id=?", (record_json, self.import_id, sid))
                        self._overwrite(pid, rec, json.loads(prev[1]))
                else:
                    sid = next_sid
                    next_sid += 1
                    con.execute(
                        "INSERT INTO sources(id, person_id, kind, key, import_id, matched_by, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (sid, pid, kind, rec.key, self.import_id, how, record_json))
                    changed = self._fill(pid, rec)
                if changed:
                    self.report.updated += 1
                else:
                    self.report.unchanged += 1
                    self.key_to_person[rec.key] = (pid, sid)
                    continue
                move_since_earlier(con, [(pid, since)])
                name, company = con.execute("SELECT name, company FROM people WHERE id=?", (pid,)).fetchone()
                nkey = None
            pending.emails.extend((e, pid, sid) for e in rec.emails)
            pending.phones.extend((pid, ph, sid) for ph in rec.phones)
            pending.tags.extend((pid, t) for t in rec.tags)
            self.resolver.remember(pid, kind, rec, sid, name, company, nkey)
            self.key_to_person[rec.key] = (pid, sid)
        pending.flush(con)
        restore_sources(con, self.batch, new_people, self.import_id)

    def _fill(self, pid, rec) -> bool:
        """Merge: fill the person's empty fields from a new source; never overwrite."""
        changed = False
        for col in ("first_name", "last_name", "company", "position", "linkedin_url", "notes", "birthday"):
            value = getattr(rec, col)
            if value:
                cur = self.con.execute(
                    f"UPDATE people SET {col}=? WHERE id=? AND ({col} IS NULL OR {col}='')", (value, pid)
                )
                changed |= cur.rowcount > 0
        for col, value in (("ring_override", rec.ring), ("cadence_override", rec.cadence_days)):
            if value is not None:
                cur = self.con.execute(f"UPDATE people SET {col}=? WHERE id=? AND {col} IS NULL", (value, pid))
                changed |= cur.rowcount > 0
        return changed or bool(rec.emails or rec.phones or rec.tags)

    def _overwrite(self, pid, rec, previous: dict):
        """The same source says something new: take its new values where it changed."""
        for col, rcol in (("name", "name"), ("first_name", "first_name"), ("last_name", "last_name"),
                          ("company", "company"), ("position", "position"), ("linkedin_url", "linkedin_url"),
                          ("notes", "notes"), ("birthday", "birthday"), ("ring_override", "ring"),
                          ("cadence_override", "cadence_days")):
            value = getattr(rec, rcol)
            if value != previous.get(rcol) and value not in (None, ""):
                self.con.execute(f"UPDATE people SET {col}=? WHERE id=?", (value, pid))
                if col == "name":
                    self.con.execute("UPDATE people SET name_key=? WHERE id=?", (identity.name_key(value), pid))

    # references from interactions, events and ties
    def ref(self, ref: str) -> tuple[int | None, int | None, str | None]:
        """(person id, source id, error) for a batch key or a reference."""
        if ref in self.key_to_person:
            pid, sid = self.key_to_person[ref]
            return pid, sid, None
        prefix, _, value = ref.partition(":")
        value = value.strip()
        con = self.con
        if prefix == "email":
            row = con.execute("SELECT person_id, source_id FROM emails WHERE email=?", (value.lower(),)).fetchone()
            return (row[0], row[1], None) if row else (None, None, f"no person with email {value}")
        if prefix == "linkedin":
            row = con.execute("SELECT id FROM people WHERE linkedin_url=?", (value,)).fetchone()
            return (row[0], None, None) if row else (None, None, f"no person with LinkedIn URL {value}")
        if prefix in ("id", "netlib"):
            row = con.execute("SELECT person_id, id FROM sources WHERE kind='netlib-people' AND key=?",
                              (f"netlib:{value}",)).fetchone()
            if row:
                return row[0], row[1], None
            return None, None, f"no person with netlib id {value} (import people.csv first)"
        if prefix == "name":
            rows = con.execute("SELECT id FROM people WHERE name_key=?", (identity.name_key(value),)).fetchall()
            if len(rows) == 1:
                return rows[0][0], None, None
            if not rows:
                return None, None, f"no person named '{value}' (import their contact first, or use an email)"
            return None, None, f"'{value}' matches {len(rows)} people; use an email instead of the name"
        return None, None, f"cannot read the reference '{ref}' (use an email, name:NAME or linkedin:URL)"

    def resolve_all(self, refs, line, what) -> list[tuple[int, int | None]] | None:
        """People of ``refs``, or None (and a skipped record) when one is unknown; an unknown
        optional one (``?email:x``: mail from a stranger) is quietly left out."""
        out = []
        for ref in refs:
            optional = ref.startswith("?")
            pid, sid, err = self.ref(ref[1:] if optional else ref)
            if err:
                if optional:
                    continue
                self.skip(line, f"{what}: {err}")
                return None
            if all(p != pid for p, _ in out):
                out.append((pid, sid))
        return out

    def events(self):
        con = self.con
        for ev in self.batch.events:
            key = f"{self.batch.kind}:{ev.key}"
            row = con.execute("SELECT id FROM events WHERE key=?", (key,)).fetchone()
            if row:
                eid = row[0]
                con.execute("UPDATE events SET name=?, date=?, location=?, notes=? WHERE id=?",
                            (ev.name, iso_date(ev.date), ev.location, ev.notes, eid))
            else:
                own = _own_id(ev.key) if self.batch.kind == "netlib-events" else None
                if own is not None and con.execute("SELECT 1 FROM events WHERE id=?", (own,)).fetchone():
                    own = None  # taken: a new id
                eid = con.execute(
                    "INSERT INTO events(id, name, date, location, notes, key) VALUES (?, ?, ?, ?, ?, ?)",
                    (own, ev.name, iso_date(ev.date), ev.location, ev.notes, key),
                ).lastrowid
                self.report.events += 1
            self.event_ids[ev.key] = eid
            met = self.resolve_all(ev.met, ev.line, f"event '{ev.name}'")
            followed = self.resolve_all(ev.followed_up, ev.line, f"event '{ev.name}'") or []
            followed_ids = {pid for pid, _ in followed}
            for pid, sid in met or []:
                done = pid in followed_ids
                con.execute(
                    """INSERT INTO event_people(event_id, person_id, followed_up, followed_up_on) VALUES (?, ?, ?, ?)
                       ON CONFLICT(event_id, person_id) DO UPDATE SET
                       followed_up=MAX(followed_up, excluded.followed_up),
                       followed_up_on=COALESCE(followed_up_on, excluded.followed_up_on)""",
                    (eid, pid, int(done), iso_date(ev.date) if done else None),
                )
                ikey = f"event:{eid}:{pid}"
                cur = con.execute(
                    "INSERT OR IGNORE INTO interactions(date, kind, event_id, source, key, import_id) VALUES (?, 'event', ?, ?, ?, ?)",
                    (iso_date(ev.date), eid, self.batch.kind, ikey, self.import_id),
                )
                if cur.rowcount:
                    iid = cur.lastrowid
                    con.execute("INSERT OR IGNORE INTO participants VALUES (?, ?, ?)", (iid, pid, sid))
                move_since_earlier(con, [(pid, iso_date(ev.date))])
            restore_learned(con, self.batch, ev.key, eid, lambda ref: self.ref(ref)[0])

    def event_id(self, key: str) -> int | None:
        """An event of this batch, or one an earlier netlib events.csv import wrote."""
        if key in self.event_ids:
            return self.event_ids[key]
        row = self.con.execute("SELECT id FROM events WHERE key=?", (f"netlib-events:{key}",)).fetchone()
        return row[0] if row else None

    def _known(self, kind) -> dict[str, int]:
        """Ids of this chunk's interactions the store already holds (from earlier imports of
        the source, or earlier chunks of this one), looked up by key: memory stays per chunk."""
        keys = list(dict.fromkeys(f"{kind}:{rec.key}" for rec in self.batch.interactions))
        known: dict[str, int] = {}
        self._was: dict[int, str] = {}  # their direction, for kinds that add up
        for at in range(0, len(keys), 500):
            part = keys[at:at + 500]
            for key, iid, direction in self.con.execute(
                    f"SELECT key, id, direction FROM interactions WHERE source=? AND key IN ({','.join('?' * len(part))})",
                    (kind, *part)):
                known[key] = iid
                self._was[iid] = direction
        return known

    def interactions(self):
        con, kind = self.con, self.batch.kind
        if not self.batch.interactions:
            return
        known = self._known(kind)
        next_iid = (con.execute("SELECT MAX(id) FROM interactions").fetchone()[0] or 0) + 1
        new_rows, updates, parts = [], [], []
        first_contact: dict[int, str] = {}
        for rec in self.batch.interactions:
            if rec.kind not in INTERACTION_KINDS:
                self.skip(rec.line, f"kind '{rec.kind}' is not one of: {', '.join(INTERACTION_KINDS)}")
                continue
            people = self.resolve_all(rec.people, rec.line, f"interaction on {iso_date(rec.date)}")
            if people is None:
                continue
            if not people:
                if rec.people and all(r.startswith("?") for r in rec.people):
                    self.report.left_out += 1
                    continue
                self.skip(rec.line, "an interaction needs at least one person")
                continue
            key = f"{kind}:{rec.key}"
            event_id = self.event_id(rec.event_key) if rec.event_key else None
            row = (iso_date(rec.date), rec.kind, rec.direction, rec.summary, event_id)
            iid = known.get(key)
            if iid is None:
                iid = known[key] = next_iid
                next_iid += 1
                new_rows.append((iid, *row, kind, key, self.import_id))
                self.report.interactions += 1
            else:
                if kind in ADDING_KINDS and self._was.get(iid) not in (None, row[2]):
                    row = (*row[:2], "both", *row[3:])  # your Sent folder, then your Inbox
                updates.append((*row, iid))
            parts.extend((iid, pid, sid) for pid, sid in people)
            for pid, _ in people:  # the earliest contact says since when you know them
                if row[0] < first_contact.get(pid, "9999"):
                    first_contact[pid] = row[0]
        move_since_earlier(con, first_contact.items())
        con.executemany(
            """INSERT INTO interactions(id, date, kind, direction, summary, event_id, source, key, import_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new_rows)
        con.executemany(
            """UPDATE interactions SET date=?, kind=?, direction=?, summary=?, event_id=COALESCE(?, event_id)
               WHERE id=? AND NOT (date IS ? AND kind IS ? AND direction IS ? AND summary IS ?)""",
            [(*u, u[0], u[1], u[2], u[3]) for u in updates])
        con.executemany(
            "INSERT OR IGNORE INTO participants(interaction_id, person_id, source_id) VALUES (?, ?, ?)", parts)

    def ties(self):
        con = self.con
        # One row per pair, kind and kind of file: a calendar exported again (perhaps as
        # "calendar (1).ics", with more meetings) must not count its meetings twice, so a
        # re-import keeps the larger weight and the earlier date instead of adding up.
        source = self.batch.kind
        for tie in self.batch.ties:
            pair = self.resolve_all([tie.a, tie.b], tie.line, "tie")
            if pair is None or len(pair) < 2:  # an optional end not in the garden: no tie
                continue
            a, b = sorted((pair[0][0], pair[1][0]))
            if a == b:
                continue
            cur = con.execute(
                "INSERT OR IGNORE INTO ties(a, b, kind, source, since, weight) VALUES (?, ?, ?, ?, ?, ?)",
                (a, b, tie.kind, source, iso_date(tie.since), tie.weight),
            )
            if cur.rowcount:
                self.report.ties += 1
            else:
                con.execute(
                    """UPDATE ties SET since=MIN(COALESCE(since, ?), COALESCE(?, since)), weight=MAX(weight, ?)
                       WHERE a=? AND b=? AND kind=? AND source=?""",
                    (iso_date(tie.since), iso_date(tie.since), tie.weight, a, b, tie.kind, source),
                )
