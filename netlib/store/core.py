"""The store: one SQLite file, the single source of truth.

Every write goes through :meth:`Store.transaction` (``BEGIN IMMEDIATE``): an import lands
whole or not at all, and another process waits for the lock instead of failing. The file
is created owner-only, because it holds other people's personal data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from netlib.store import identity
from netlib.store.frames import dates as _dates
from netlib.store.frames import frame as _frame
from netlib.store.frames import packed as _packed
from netlib.errors import AmbiguousError, NotFoundError, RecordError, SchemaVersionError, StoreError, ValidationError
from netlib.paths import store_path
from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS, TIE_KINDS, ImportBatch, SkippedRecord
from netlib.store.schema import MIGRATIONS, SCHEMA_VERSION
from netlib.store.snapshot import Snapshot
from netlib.store.writer import BatchWriter, ImportReport, move_since_earlier
from netlib.store.writer import iso_date as _iso

__all__ = ["Store", "ImportReport", "open_store"]

BUSY_TIMEOUT_MS = 60_000
PERSON_FIELDS = (
    "name", "first_name", "last_name", "company", "position", "linkedin_url", "notes",
    "birthday", "ring_override", "cadence_override",
)


def open_store(path=None, *, create: bool = True) -> "Store":
    """Open the store at ``path`` (or ``$NETLIB_STORE``, or ``data/garden.db``)."""
    return Store(store_path(path), create=create)


class Store:
    """A netlib store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path, *, create: bool = True):
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory:
            if not self.path.exists():
                if not create:
                    raise StoreError(f"{self.path}: no store here; run 'netlib init' first")
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
                os.close(fd)
            elif self.path.is_dir():
                raise StoreError(f"{self.path} is a folder; give the store's file, e.g. {self.path / 'garden.db'}")
            elif self.path.stat().st_size and not _looks_like_sqlite(self.path):
                raise StoreError(f"{self.path}: not a netlib store (not an SQLite file)")
        try:
            self.con = sqlite3.connect(
                str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
            )
            self.con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.con.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self.con.execute("PRAGMA journal_mode = WAL")
            self.con.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: cannot open the store: {err}") from err
        try:
            self._migrate()
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def version(self) -> int:
        return self.con.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        found = self.version
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(self.path, found, SCHEMA_VERSION)
        if found == SCHEMA_VERSION:
            return
        if found > 0 and str(self.path) != ":memory:":
            self.backup(self.path.with_name(f"{self.path.name}.bak-v{found}"))
        with self.transaction() as con:
            found = self.version  # another process may have migrated while we waited for the lock
            for step in range(found, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction; rolled back whole on any exception.

        Nested use joins the outer transaction (a savepoint), so several library calls
        can be made atomic together: ``with store.transaction(): store.log(...); ...``.
        """
        if self.con.in_transaction:
            self.con.execute("SAVEPOINT nested")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK TO nested")
                self.con.execute("RELEASE nested")
                raise
            else:
                self.con.execute("RELEASE nested")
            return
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StoreError(f"{self.path}: {err} (another netlib is writing; try again when it is done)") from err
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        try:
            self.con.execute("COMMIT")
        except sqlite3.Error:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            raise

    def backup(self, target) -> Path:
        """A consistent copy of the store (SQLite's backup API), safe while in use."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        dest = sqlite3.connect(str(tmp))
        try:
            self.con.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
        return target

    # -- importing -----------------------------------------------------------------------
    def apply(self, batch: ImportBatch, *, today: dt.date | None = None, strict: bool = False) -> ImportReport:
        """Write an importer's batch in one transaction and say what changed.

        ``today`` is the import date, used as ``since`` for people whose source gives no
        date (so they join the garden as of the day you imported them). With ``strict``,
        any skipped record (in the batch, or a reference the store cannot resolve) raises
        :class:`~netlib.errors.RecordError` and nothing is written.
        """
        return self.apply_stream([batch], today=today, strict=strict)

    def apply_stream(self, chunks, *, today: dt.date | None = None, strict: bool = False) -> ImportReport:
        """Write a file's batch, given as chunks, in one transaction, as they come.

        ``chunks`` are partial batches of one file in order (see
        :func:`netlib.importers.iter_batches`); a reference in one names a person of the same
        or an earlier chunk. Each chunk is written before the next is read, so memory is
        bounded by a chunk plus the identity indexes, not by the file. The report, and what
        the store holds after, are those of :meth:`apply` with the chunks put together. On
        any exception (from the writing or from reading the next chunk) and, with
        ``strict``, for any skipped record, the whole import is rolled back.
        """
        today = today or dt.date.today()
        chunks = iter(chunks)
        batch = next(chunks)  # the file's first records, read before the store is locked
        report = ImportReport(batch.path, batch.kind)
        read_skips: list[SkippedRecord] = []  # the importer's, listed before the writer's
        with self.transaction() as con:
            import_id = con.execute(
                "INSERT INTO imports(path, kind, sha256, at) VALUES (?, ?, ?, ?)",
                (str(batch.path), batch.kind, batch.sha256, dt.datetime.now().isoformat(timespec="seconds")),
            ).lastrowid
            writer = BatchWriter(con, batch, import_id, today, report)
            while batch is not None:
                read_skips += batch.skipped
                report.warnings += batch.extra.get("warnings", [])
                if strict and read_skips:  # the first of all skips, whatever comes after
                    break
                writer.write(batch)
                for key, value in batch.settings.items():
                    self._set_setting(con, key, value)
                for row in batch.extra.get("checklist", []):
                    con.execute(
                        "INSERT OR REPLACE INTO checklist(key, month, state, until, at) VALUES (?, ?, ?, ?, ?)",
                        (row["key"], row["month"], row["state"], row.get("until") or None, row["at"]),
                    )
                batch = next(chunks, None)
            report.skipped = read_skips + writer.skipped()
            if strict and report.skipped:
                first = report.skipped[0]
                raise RecordError(first.path, first.reason, line=first.line,
                                  fix="fix the record, or import without --strict to skip it")
            con.execute(
                "UPDATE imports SET added=?, updated=?, unchanged=?, skipped=? WHERE id=?",
                (report.added, report.updated, report.unchanged, len(report.skipped), import_id),
            )
        return report

    # -- people ----------------------------------------------------------------------------
    def find_person(self, ref) -> int:
        """A person id from an id, an email, a LinkedIn URL or a (unique) name."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            pid = int(ref)
            if self.con.execute("SELECT 1 FROM people WHERE id=?", (pid,)).fetchone():
                return pid
            raise NotFoundError(f"no person with id {pid}; see 'netlib people --search NAME'")
        text = str(ref).strip()
        if "@" in text:
            row = self.con.execute("SELECT person_id FROM emails WHERE email=?", (text.lower(),)).fetchone()
            if row:
                return row[0]
            raise NotFoundError(f"no person with email {text}; see 'netlib people --search NAME'")
        rows = self.con.execute(
            "SELECT id, name, company FROM people WHERE name_key=?", (identity.name_key(text),)
        ).fetchall()
        if not rows:  # not a full name: a part of one, if it names exactly one person
            like = f"%{_like(text)}%"
            rows = self.con.execute(
                "SELECT id, name, company FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id", (like,)
            ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if not rows:
            raise NotFoundError(f"no person matches '{text}'; see 'netlib people --search TEXT'")
        listed = ", ".join(f"{r[1]} ({r[2] or 'no company'}, id {r[0]})" for r in rows[:5])
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        raise AmbiguousError(f"'{text}' matches {len(rows)} people: {listed}{more}; use the id or email", rows)

    def people(self, search: str | None = None) -> list[dict]:
        """Every person as a JSON-ready dict (the stable ``netlib people --json`` shape)."""
        where, args = "", []
        if search:
            like = f"%{_like(search)}%"
            where = (
                "WHERE p.name LIKE ? ESCAPE '\\' OR p.company LIKE ? ESCAPE '\\' OR p.position LIKE ? ESCAPE '\\' "
                "OR p.id IN (SELECT person_id FROM emails WHERE email LIKE ? ESCAPE '\\') "
                "OR p.id IN (SELECT person_id FROM tags WHERE tag LIKE ? ESCAPE '\\')"
            )
            args = [like] * 5
        rows = self.con.execute(
            f"""
            SELECT p.id, p.name, p.company, p.position, p.linkedin_url, p.since,
                   (SELECT COUNT(*) FROM participants x WHERE x.person_id = p.id),
                   (SELECT MAX(i.date) FROM participants x JOIN interactions i ON i.id = x.interaction_id
                     WHERE x.person_id = p.id)
            FROM people p {where} ORDER BY p.name COLLATE NOCASE, p.id
            """,
            args,
        ).fetchall()
        ids = [r[0] for r in rows]
        multi = {name: self.person_lists(name, ids) for name in self.LISTS}
        sources = multi["sources"]
        return [
            {
                "id": r[0], "name": r[1], "emails": multi["emails"].get(r[0], []),
                "phones": multi["phones"].get(r[0], []), "company": r[2], "position": r[3],
                "linkedin_url": r[4], "tags": multi["tags"].get(r[0], []),
                "sources": sources.get(r[0], []), "since": r[5],
                "interaction_count": r[6], "last_interaction": r[7],
            }
            for r in rows
        ]

    #: A person's many-valued fields: name -> (table, column).
    LISTS = {"emails": ("emails", "email"), "phones": ("phones", "phone"), "tags": ("tags", "tag"),
             "sources": ("sources", "kind")}

    def person_lists(self, name: str, ids=None) -> dict[int, list[str]]:
        """Person id -> sorted values of ``name`` (emails, phones, tags or sources), for the
        people ``ids`` (a few hundred at most are looked up one by one), or everyone."""
        table, col = self.LISTS[name]
        sql = f"SELECT DISTINCT person_id, {col} FROM {table}"
        args: list = []
        if ids is not None and len(ids) <= 500:
            if not ids:
                return {}
            sql += f" WHERE person_id IN ({','.join('?' * len(ids))})"
            args = list(ids)
        out: dict[int, list[str]] = {}
        for pid, value in self.con.execute(sql + " ORDER BY 2", args):
            out.setdefault(pid, []).append(value)
        return out

    def person(self, ref) -> dict:
        """One person with their sources (how they were matched) and timeline."""
        pid = self.find_person(ref)
        cols = ("id",) + PERSON_FIELDS + ("since",)
        row = self.con.execute(f"SELECT {', '.join(cols)} FROM people WHERE id=?", (pid,)).fetchone()
        person = dict(zip(cols, row))
        person["emails"] = [r[0] for r in self.con.execute("SELECT email FROM emails WHERE person_id=? ORDER BY 1", (pid,))]
        person["phones"] = [r[0] for r in self.con.execute("SELECT phone FROM phones WHERE person_id=? ORDER BY 1", (pid,))]
        person["tags"] = [r[0] for r in self.con.execute("SELECT tag FROM tags WHERE person_id=? ORDER BY 1", (pid,))]
        person["sources"] = [
            {"id": s, "kind": k, "key": key, "matched_by": m, "file": f, "imported_at": at}
            for s, k, key, m, f, at in self.con.execute(
                """SELECT s.id, s.kind, s.key, s.matched_by, i.path, i.at FROM sources s
                   LEFT JOIN imports i ON i.id = s.import_id WHERE s.person_id=? ORDER BY s.id""",
                (pid,),
            )
        ]
        person["interactions"] = [
            {"id": i, "date": d, "kind": k, "direction": di, "summary": s, "source": src}
            for i, d, k, di, s, src in self.con.execute(
                """SELECT i.id, i.date, i.kind, i.direction,
                          COALESCE(i.summary, CASE WHEN e.name IS NOT NULL THEN 'at ' || e.name END), i.source
                   FROM interactions i LEFT JOIN events e ON e.id = i.event_id
                   JOIN participants x ON x.interaction_id = i.id WHERE x.person_id=?
                   ORDER BY i.date DESC, i.id DESC""",
                (pid,),
            )
        ]
        person["events"] = [
            {"id": e, "name": n, "date": d, "followed_up": bool(f), "learned": l}
            for e, n, d, f, l in self.con.execute(
                """SELECT e.id, e.name, e.date, ep.followed_up, ep.learned FROM events e
                   JOIN event_people ep ON ep.event_id = e.id WHERE ep.person_id=? ORDER BY e.date DESC""",
                (pid,),
            )
        ]
        return person

    def add_person(self, name: str, *, emails=(), company=None, position=None, tags=(),
                   since=None, notes=None, today: dt.date | None = None) -> int:
        """Add one person by hand; returns their id."""
        if not name or not name.strip():
            raise ValidationError("a person needs a name")
        for email in emails:
            owner = self.con.execute("SELECT person_id FROM emails WHERE email=?", (email.lower(),)).fetchone()
            if owner:
                raise ValidationError(f"{email} already belongs to person {owner[0]}; "
                                      f"see 'netlib people show {owner[0]}'")
        with self.transaction() as con:
            pid = con.execute(
                "INSERT INTO people(name, company, position, notes, since, name_key) VALUES (?, ?, ?, ?, ?, ?)",
                (name.strip(), company, position, notes, _iso(since or today or dt.date.today()),
                 identity.name_key(name)),
            ).lastrowid
            sid = con.execute(
                "INSERT INTO sources(person_id, kind, key, matched_by, record) VALUES (?, 'manual', ?, 'new', ?)",
                (pid, f"manual:{pid}", json.dumps({"name": name})),
            ).lastrowid
            for email in emails:
                con.execute("INSERT INTO emails(email, person_id, source_id) VALUES (?, ?, ?)", (email.lower(), pid, sid))
            for tag in tags:
                con.execute("INSERT OR IGNORE INTO tags(person_id, tag) VALUES (?, ?)", (pid, tag))
        return pid

    def update_person(self, ref, **fields) -> int:
        """Set fields of a person (``ring_override``, ``cadence_override``, ``notes``...)."""
        pid = self.find_person(ref)
        unknown = set(fields) - set(PERSON_FIELDS) - {"tags"}
        if unknown:
            raise ValidationError(f"cannot set {', '.join(sorted(unknown))}; allowed: {', '.join(PERSON_FIELDS)}, tags")
        with self.transaction() as con:
            for key, value in fields.items():
                if key == "tags":
                    con.execute("DELETE FROM tags WHERE person_id=?", (pid,))
                    con.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", [(pid, t) for t in value])
                    continue
                try:
                    con.execute(f"UPDATE people SET {key}=? WHERE id=?", (value, pid))
                except sqlite3.IntegrityError as err:
                    raise ValidationError(f"{key}={value!r} is not allowed ({err})") from err
                if key == "name":
                    con.execute("UPDATE people SET name_key=? WHERE id=?", (identity.name_key(value), pid))
        return pid

    def split(self, person_ref, source_id: int) -> int:
        """Undo a wrong merge: the source record becomes a person of its own again.

        Emails, phones and interactions that came through that source move with it.
        Returns the new person's id.
        """
        pid = self.find_person(person_ref)
        row = self.con.execute(
            "SELECT kind, record FROM sources WHERE id=? AND person_id=?", (source_id, pid)
        ).fetchone()
        if not row:
            raise NotFoundError(f"person {pid} has no source {source_id}; see 'netlib people show {pid}'")
        if self.con.execute("SELECT COUNT(*) FROM sources WHERE person_id=?", (pid,)).fetchone()[0] < 2:
            raise ValidationError(f"person {pid} has only one source; there is nothing to split")
        rec = json.loads(row[1])
        with self.transaction() as con:
            since = con.execute("SELECT since FROM people WHERE id=?", (pid,)).fetchone()[0]
            new = con.execute(
                """INSERT INTO people(name, first_name, last_name, company, position, linkedin_url,
                   notes, birthday, since, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (rec.get("name") or "?", rec.get("first_name"), rec.get("last_name"), rec.get("company"),
                 rec.get("position"), rec.get("linkedin_url"), rec.get("notes"), rec.get("birthday"),
                 rec.get("since") or since, identity.name_key(rec.get("name"))),
            ).lastrowid
            con.execute("UPDATE sources SET person_id=?, matched_by='split' WHERE id=?", (new, source_id))
            for table in ("emails", "phones", "participants"):
                con.execute(f"UPDATE OR IGNORE {table} SET person_id=? WHERE source_id=?", (new, source_id))
            con.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", [(new, t) for t in rec.get("tags", [])])
            # what only the split-off record said leaves with it (name and since stay)
            others = [json.loads(r[0]) for r in con.execute("SELECT record FROM sources WHERE person_id=?", (pid,))]
            for col in ("first_name", "last_name", "company", "position", "linkedin_url", "notes", "birthday"):
                value = rec.get(col)
                if value and not any(o.get(col) == value for o in others):
                    con.execute(f"UPDATE people SET {col}=NULL WHERE id=? AND {col}=?", (pid, value))
            for tag in rec.get("tags", []):
                if not any(tag in (o.get("tags") or []) for o in others):
                    con.execute("DELETE FROM tags WHERE person_id=? AND tag=?", (pid, tag))
        return new

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
        with self.transaction() as con:
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
        with self.transaction() as con:
            return con.execute(
                "INSERT INTO events(name, date, location, notes) VALUES (?, ?, ?, ?)",
                (name.strip(), _iso(date), location, notes),
            ).lastrowid

    def find_event(self, ref) -> int:
        if isinstance(ref, int) or str(ref).strip().isdigit():
            if self.con.execute("SELECT 1 FROM events WHERE id=?", (int(ref),)).fetchone():
                return int(ref)
            raise NotFoundError(f"no event with id {ref}; see 'netlib event list'")
        rows = self.con.execute(
            "SELECT id, date FROM events WHERE name = ? COLLATE NOCASE ORDER BY date DESC", (str(ref).strip(),)
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no event named '{ref}'; add it with 'netlib event add NAME --date YYYY-MM-DD'")
        return rows[0][0]

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
        with self.transaction() as con:
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
        with self.transaction() as con:
            cur = con.execute(
                "UPDATE event_people SET followed_up=1, followed_up_on=? WHERE event_id=? AND person_id=?",
                (_iso(date or dt.date.today()), eid, pid),
            )
            if not cur.rowcount:
                raise NotFoundError(f"person {pid} is not recorded as met at event {eid}")

    def add_tie(self, a, b, kind: str = "knows", *, since=None, weight: float = 1.0) -> None:
        pa, pb = sorted((self.find_person(a), self.find_person(b)))
        if pa == pb:
            raise ValidationError("a tie links two different people")
        with self.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO ties(a, b, kind, source, since, weight) VALUES (?, ?, ?, 'manual', ?, ?)",
                (pa, pb, kind, _iso(since or dt.date.today()), weight),  # dated: past months stay as they were
            )

    # -- checklist state and settings ------------------------------------------------------
    def set_checklist_state(self, key: str, month: str, state: str, *, until=None, at=None) -> None:
        if state not in ("done", "snoozed", "dismissed", "open"):
            raise ValidationError(f"state '{state}' is not one of: done, snoozed, dismissed, open")
        with self.transaction() as con:
            if state == "open":
                con.execute("DELETE FROM checklist WHERE key=? AND month=?", (key, month))
            else:
                con.execute(
                    "INSERT OR REPLACE INTO checklist(key, month, state, until, at) VALUES (?, ?, ?, ?, ?)",
                    (key, month, state, _iso(until), _iso(at or dt.date.today())),
                )

    def settings(self) -> dict:
        """The user's own settings (not merged with defaults)."""
        return {k: json.loads(v) for k, v in self.con.execute("SELECT key, value FROM settings ORDER BY key")}

    def set_setting(self, key: str, value) -> None:
        from netlib.store.settings import validate

        validate(key, value)
        with self.transaction() as con:
            self._set_setting(con, key, value)

    @staticmethod
    def _set_setting(con, key, value) -> None:
        con.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- reading for analysis ----------------------------------------------------------------
    def snapshot(self, *, summaries: bool = True) -> Snapshot:
        """Everything, as frames (see :mod:`netlib.store.snapshot`); cut it with ``as_of``.

        ``summaries=False`` leaves the interactions' ``summary`` and ``source`` columns
        empty (all ``None``): the garden never reads them, and at 300,000 interactions
        their text is a third of the fetch. All tables are read in one read transaction,
        so a write by another process cannot land between two of them.
        """
        if self.con.in_transaction:
            return self._snapshot(summaries)
        self.con.execute("BEGIN")
        try:
            return self._snapshot(summaries)
        finally:
            self.con.execute("COMMIT")

    def _snapshot(self, summaries: bool) -> Snapshot:
        from netlib.store.settings import merge

        con = self.con
        people = _frame(
            con, """SELECT id, name, first_name, last_name, company, position, linkedin_url, notes, birthday,
               since, ring_override, cadence_override FROM people ORDER BY id""",
            date_columns=("since",),
        ).set_index("id")
        for name in ("emails", "phones", "tags"):
            grouped = self.person_lists(name)
            people[name] = [grouped.get(pid, []) for pid in people.index.tolist()]
        ring = people["ring_override"]
        people["ring_override"] = ring.astype("Int64")
        people["cadence_override"] = people["cadence_override"].astype("Int64")
        interactions = None if summaries else _packed(
            con, "interactions", {"id": "int", "date": "date", "kind": INTERACTION_KINDS, "direction": DIRECTIONS, "event_id": "int?"})
        if interactions is not None:  # packed rows come in no order: sort as ORDER BY date, id
            order = np.lexsort((interactions["id"].to_numpy(), interactions["date"].to_numpy()))
            interactions = interactions.take(order).reset_index(drop=True)
        elif summaries:
            interactions = _frame(
                con, "SELECT id, date, kind, direction, summary, event_id, source FROM interactions ORDER BY date, id",
                date_columns=("date",))
        else:
            interactions = _frame(
                con, "SELECT id, date, kind, direction, event_id FROM interactions ORDER BY date, id",
                date_columns=("date",))
        if not summaries:
            interactions.insert(4, "summary", pd.Series(None, index=interactions.index, dtype=object))
            interactions["source"] = pd.Series(None, index=interactions.index, dtype=object)
        participants = _packed(con, "participants", {"interaction_id": "int", "person_id": "int"})
        if participants is None:
            participants = _frame(con, "SELECT interaction_id, person_id FROM participants")
        order = np.lexsort((participants["person_id"].to_numpy(), participants["interaction_id"].to_numpy()))
        participants = participants.take(order).reset_index(drop=True)  # as the primary key orders them
        events = _frame(con, "SELECT id, name, date, location, notes FROM events ORDER BY date, id",
                        date_columns=("date",))
        event_people = _frame(
            con, "SELECT event_id, person_id, learned, followed_up, followed_up_on FROM event_people",
            date_columns=("followed_up_on",),
        )
        event_people["followed_up"] = event_people["followed_up"].astype(bool)
        ties = _ties_frame(con)
        checklist = _frame(con, "SELECT key, month, state, until, at FROM checklist", date_columns=("until", "at"))
        return Snapshot(
            people=people, interactions=interactions, participants=participants, events=events,
            event_people=event_people, ties=ties, checklist=checklist, settings=merge(self.settings()),
        )

    def counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("people", "interactions", "events", "ties", "imports")
        }


# ------------------------------------------------------------------ snapshot helpers


def _ties_frame(con) -> pd.DataFrame:
    """Ties summed over their sources: one row per (a, b, kind), ``since`` the earliest and
    ``weight`` the sum, in (a, b, kind) order; as ``GROUP BY a, b, kind`` in SQL, but the
    grouping runs in pandas and only over pairs that more than one source recorded."""
    ties = _packed(con, "ties", {"a": "int", "b": "int", "kind": TIE_KINDS, "since": "date?", "weight": "real"})
    packed = ties is not None
    if not packed:
        ties = _frame(con, "SELECT a, b, kind, since, weight FROM ties")  # a table scan: sorting here is faster
    key = ["a", "b", "kind"]
    if len(ties):
        ties = ties.sort_values(key, kind="mergesort", ignore_index=True)  # str order is SQLite's BINARY order
        dup = ties.duplicated(key, keep=False)
        if dup.any():
            agg = ties[dup].groupby(key, sort=False).agg(since=("since", "min"), weight=("weight", "sum"))
            ties = ties.drop_duplicates(key).set_index(key)
            ties.loc[agg.index, "since"] = agg["since"]
            ties.loc[agg.index, "weight"] = agg["weight"]
            ties = ties.reset_index()
    if not packed:
        ties["since"] = _dates(ties["since"])
    return ties


def _like(text: str) -> str:
    """User text for a LIKE pattern: ``%`` and ``_`` match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"
