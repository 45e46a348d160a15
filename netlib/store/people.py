"""People in the store: finding, listing, adding, editing and splitting them (a mixin of
:class:`~netlib.store.core.Store`, which gives it ``con`` and ``transaction``)."""

from __future__ import annotations

import datetime as dt
import json
import re

from netlib.errors import AmbiguousError, NotFoundError, ValidationError
from netlib.importers.normalise import digits, name_from_email
from netlib.store import identity
from netlib.store.dupes import closest_names
from netlib.store.writer import iso_date as _iso

__all__ = ["People", "PERSON_FIELDS"]

PERSON_FIELDS = (
    "name", "first_name", "last_name", "company", "position", "linkedin_url", "notes",
    "birthday", "ring_override", "cadence_override",
)


class People:
    # -- people ----------------------------------------------------------------------------
    def find_person(self, ref) -> int:
        """A person id from an id, an email, a LinkedIn URL or a (unique) name."""
        if isinstance(ref, int) or (isinstance(ref, str) and digits(ref.strip())):
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
        key = identity.name_key(text)
        rows = self.con.execute("SELECT id, name, company FROM people WHERE name_key=?", (key,)).fetchall()
        if not rows and key:  # every word of it in a name: accents ignored, a nickname in parentheses found
            words, args = _words(key)
            rows = self.con.execute(f"SELECT id, name, company FROM people WHERE {words} ORDER BY name, id",
                                    args).fetchall()
        if not rows:  # not a full name: a part of one, if it names exactly one person
            like = f"%{_like(text)}%"
            rows = self.con.execute(
                "SELECT id, name, company FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id", (like,)
            ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if not rows:
            near = closest_names(self.con, text)
            hint = f"did you mean {near[0][1]} (id {near[0][0]})?" if near else "see 'netlib people list --search TEXT'"
            raise NotFoundError(f"no person matches '{text}'; {hint}")
        listed = ", ".join(f"{r[1]} ({r[2] or 'no company'}, id {r[0]})" for r in rows[:5])
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        raise AmbiguousError(f"'{text}' matches {len(rows)} people: {listed}{more}; use the id or email", rows)

    def people(self, search: str | None = None, *, tag: str | None = None, today=None) -> list[dict]:
        """Every person as a JSON-ready dict (the stable ``netlib people --json`` shape).

        ``interaction_count`` and ``last_interaction`` count what happened up to ``today``
        (default: the clock's day): a calendar's planned meetings are not past contact.

        ``search`` finds a name (accents ignored; every word of it, so "Cathy Nguyen" finds
        "Catherine (Cathy) Nguyen"), a company, position, email, tag, phone (digits), notes,
        an interaction's summary or what you learned at an event; ``tag`` keeps one tag's people.
        """
        where, args = [], []
        if search:
            like = f"%{_like(search)}%"
            clauses = [
                "p.name LIKE ? ESCAPE '\\'", "p.company LIKE ? ESCAPE '\\'", "p.position LIKE ? ESCAPE '\\'",
                "p.notes LIKE ? ESCAPE '\\'",
                "p.id IN (SELECT person_id FROM emails WHERE email LIKE ? ESCAPE '\\')",
                "p.id IN (SELECT person_id FROM tags WHERE tag LIKE ? ESCAPE '\\')",
                "p.id IN (SELECT person_id FROM event_people WHERE learned LIKE ? ESCAPE '\\')",
                "p.id IN (SELECT x.person_id FROM participants x JOIN interactions i ON i.id = x.interaction_id "
                "WHERE i.summary LIKE ? ESCAPE '\\')",
            ]
            args = [like] * len(clauses)
            key = identity.name_key(search)
            if key:
                words, wargs = _words(key, "p.name_key")
                clauses.append(f"({words})")
                args += wargs
            digits = re.sub(r"\D", "", search)
            if len(digits) >= 4 and len(digits) >= len(search.replace(" ", "")) - 3:
                clauses.append("p.id IN (SELECT person_id FROM phones WHERE " + _DIGITS + " LIKE ?)")
                args.append(f"%{digits}%")
            where.append("(" + " OR ".join(clauses) + ")")
        if tag:
            where.append("p.id IN (SELECT person_id FROM tags WHERE lower(tag) = lower(?))")
            args.append(tag.strip())
        where = ("WHERE " + " AND ".join(where)) if where else ""
        day = _iso(today or dt.date.today())
        rows = self.con.execute(
            f"""
            SELECT p.id, p.name, p.company, p.position, p.linkedin_url, p.since,
                   (SELECT COUNT(*) FROM participants x JOIN interactions i ON i.id = x.interaction_id
                     WHERE x.person_id = p.id AND substr(i.date, 1, 10) <= ?),
                   (SELECT MAX(i.date) FROM participants x JOIN interactions i ON i.id = x.interaction_id
                     WHERE x.person_id = p.id AND substr(i.date, 1, 10) <= ?)
            FROM people p {where} ORDER BY p.name COLLATE NOCASE, p.id
            """,
            [day, day, *args],
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

    def person(self, ref, *, today=None) -> dict:
        """One person with their sources (how they were matched) and timeline: ``interactions``
        up to ``today`` (default: the clock's day), latest first; ``upcoming``, those dated
        later (a calendar's planned meetings), soonest first: planned, not history."""
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
        person["merges"] = self.merges(pid)
        timeline = [
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
        day = _iso(today or dt.date.today())
        person["interactions"] = [i for i in timeline if str(i["date"])[:10] <= day]
        person["upcoming"] = [i for i in reversed(timeline) if str(i["date"])[:10] > day]
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
                   since=None, notes=None, today: dt.date | None = None, new: bool = False) -> int:
        """Add one person by hand; returns their id. Someone of the same name and company
        (or of the same name, when either has no company) is refused unless ``new``."""
        if not name or not name.strip():
            raise ValidationError("a person needs a name")
        if not new:
            ckey = identity.company_key(company)
            for pid, found, their in self.con.execute("SELECT id, name, company FROM people WHERE name_key=?",
                                                      (identity.name_key(name),)):
                theirs = identity.company_key(their)
                if not ckey or not theirs or ckey == theirs:
                    raise ValidationError(f"{found} (id {pid}{', ' + their if their else ''}) is already in your "
                                          f"garden; 'netlib people edit {pid}' changes them, --new adds another person")
        for email in emails:
            owner = self.con.execute("SELECT person_id FROM emails WHERE email=?", (email.lower(),)).fetchone()
            if owner:
                raise ValidationError(f"{email} already belongs to person {owner[0]}; "
                                      f"see 'netlib people show {owner[0]}'")
        with self.transaction(label=f"add person {name.strip()}") as con:
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

    def find_or_add_person(self, ref: str) -> tuple[int, bool]:
        """``(id, added)``: the person ``ref`` names, or a new one made from it (an email
        gives its name by :func:`netlib.importers.normalise.name_from_email`)."""
        try:
            return self.find_person(ref), False
        except NotFoundError:
            text = str(ref).strip()
            if "@" in text:
                return self.add_person(name_from_email(text), emails=[text]), True
            return self.add_person(text), True

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
        for merge in self.merges(pid):  # a merge by hand: split it whole, the other person as they were
            if source_id in merge["sources"]:
                return self.unmerge(merge["id"])
        if self.con.execute("SELECT COUNT(*) FROM sources WHERE person_id=?", (pid,)).fetchone()[0] < 2:
            raise ValidationError(f"person {pid} has only one source; there is nothing to split")
        rec = json.loads(row[1])
        with self.transaction(label=f"split source {source_id} out of person {pid}") as con:
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


_DIGITS = "replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')"


def _words(key: str, column: str = "name_key") -> tuple[str, list[str]]:
    """SQL that holds when every word of a folded name starts a word of ``column``."""
    words = key.split()
    return (" AND ".join(f"(' ' || {column}) LIKE ? ESCAPE '\\'" for _ in words),
            [f"% {_like(w)}%" for w in words])


def _like(text: str) -> str:
    """User text for a LIKE pattern: ``%`` and ``_`` match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

