"""Correcting a person by hand: edit any field, delete a person (a mixin of
:class:`~netlib.store.core.Store`). Each call is one transaction, so ``netlib undo`` takes
it back whole."""

from __future__ import annotations

import re
import sqlite3

from netlib.errors import ValidationError
from netlib.importers.dates import BIRTHDAY_LAST_YEAR, parse_birthday
from netlib.importers.normalise import norm_email, norm_linkedin
from netlib.store import identity

__all__ = ["Editing"]

#: Columns :meth:`Editing.edit_person` sets directly; None clears one.
EDITABLE = ("name", "first_name", "last_name", "company", "position", "linkedin_url", "birthday", "notes",
            "ring_override", "cadence_override")


class Editing:
    def edit_person(self, ref, *, add_emails=(), remove_emails=(), add_phones=(), remove_phones=(),
                    add_tags=(), remove_tags=(), append_notes: str | None = None, **fields) -> int:
        """Change a person; returns their id.

        ``fields`` set columns (:data:`EDITABLE`; ``None`` clears one, so ``ring_override=None``
        gives the ring back to the garden). Emails, phones and tags are added and removed
        one by one; ``append_notes`` adds a paragraph to the notes instead of replacing them.
        An email that belongs to someone else is refused (merge the two instead).
        """
        pid = self.find_person(ref)
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(f"cannot edit {', '.join(sorted(unknown))}; allowed: {', '.join(EDITABLE)}")
        if "notes" in fields and append_notes is not None:
            raise ValidationError("give either new notes or notes to append, not both")
        ring, cadence = fields.get("ring_override"), fields.get("cadence_override")
        if ring is not None and not (isinstance(ring, int) and 1 <= ring <= 6):
            raise ValidationError(f"ring {ring} is not a ring; use 1 (inner circle) to 6 (acquaintances), or auto")
        if cadence is not None and not (isinstance(cadence, int) and 0 < cadence <= 36500):
            raise ValidationError(f"cadence {cadence} is not a number of days; use 1 to 36500, or auto")
        if "name" in fields and not (fields["name"] or "").strip():
            raise ValidationError("a person needs a name; give --name a value")
        if fields.get("linkedin_url"):
            url = norm_linkedin(fields["linkedin_url"])
            if not url:
                raise ValidationError(f"'{fields['linkedin_url']}' is not a LinkedIn profile URL; "
                                      "expected https://www.linkedin.com/in/NAME")
            fields["linkedin_url"] = url
        if fields.get("birthday"):
            if re.fullmatch(r"\d\d-\d\d", fields["birthday"].strip()):  # MM-DD: a birthday without a year
                fields["birthday"] = "--" + fields["birthday"].strip()
            day, good = parse_birthday(fields["birthday"])
            if not good or not day:
                raise ValidationError(f"birthday '{fields['birthday']}' is not a date up to {BIRTHDAY_LAST_YEAR}; "
                                      "use YYYY-MM-DD or MM-DD")
            fields["birthday"] = day
        emails = []
        for raw in add_emails:
            email = norm_email(raw)
            if not email:
                raise ValidationError(f"'{raw}' is not an email address")
            owner = self.con.execute("SELECT person_id FROM emails WHERE email=?", (email,)).fetchone()
            if owner and owner[0] != pid:
                raise ValidationError(f"{email} belongs to person {owner[0]}; if they are one person, "
                                      f"'netlib people merge {pid} {owner[0]}'")
            emails.append(email)
        with self.transaction(label=f"edit person {pid}") as con:
            for key, value in fields.items():
                value = value.strip() if isinstance(value, str) else value
                try:
                    con.execute(f"UPDATE people SET {key}=? WHERE id=?", (value if value != "" else None, pid))
                except sqlite3.IntegrityError as err:
                    raise ValidationError(f"{key}={value!r} is not allowed ({err})") from err
                if key == "name":
                    con.execute("UPDATE people SET name_key=? WHERE id=?", (identity.name_key(value), pid))
            if append_notes:
                con.execute("""UPDATE people SET notes = CASE WHEN notes IS NULL OR notes = '' THEN ?
                               ELSE notes || char(10) || ? END WHERE id=?""", (append_notes, append_notes, pid))
            con.executemany("INSERT OR IGNORE INTO emails(email, person_id) VALUES (?, ?)", [(e, pid) for e in emails])
            for raw in remove_emails:
                if not con.execute("DELETE FROM emails WHERE person_id=? AND email=?", (pid, norm_email(raw))).rowcount:
                    raise ValidationError(f"person {pid} has no email {raw}")
            con.executemany("INSERT OR IGNORE INTO phones(person_id, phone) VALUES (?, ?)",
                            [(pid, p.strip()) for p in add_phones if p.strip()])
            for raw in remove_phones:
                if not con.execute("DELETE FROM phones WHERE person_id=? AND phone=?", (pid, raw.strip())).rowcount:
                    raise ValidationError(f"person {pid} has no phone {raw}")
            con.executemany("""INSERT OR IGNORE INTO tags(person_id, tag) SELECT ?, ? WHERE NOT EXISTS
                               (SELECT 1 FROM tags WHERE person_id = ? AND lower(tag) = lower(?))""",
                            [(pid, t.strip(), pid, t.strip()) for t in add_tags if t.strip()])
            for tag in remove_tags:
                if not con.execute("DELETE FROM tags WHERE person_id=? AND lower(tag)=lower(?)",
                                   (pid, tag.strip())).rowcount:
                    raise ValidationError(f"person {pid} has no tag '{tag}'")
        return pid

    def delete_person(self, ref) -> dict:
        """Delete a person and what is only theirs: their emails, phones, sources, ties,
        ticks that name them, and interactions no one else took part in. An interaction
        shared with others keeps the others. Returns counts; ``netlib undo`` brings it all
        back (same ids)."""
        pid = self.find_person(ref)
        with self.transaction(label=f"delete person {pid}") as con:
            name = con.execute("SELECT name FROM people WHERE id=?", (pid,)).fetchone()[0]
            alone = con.execute(
                """DELETE FROM interactions WHERE id IN (
                     SELECT x.interaction_id FROM participants x WHERE x.person_id = ?
                     AND NOT EXISTS (SELECT 1 FROM participants y
                                     WHERE y.interaction_id = x.interaction_id AND y.person_id != ?))""",
                (pid, pid)).rowcount
            shared = con.execute("SELECT COUNT(*) FROM participants WHERE person_id=?", (pid,)).fetchone()[0]
            token = re.compile(rf"(^|:)p{pid}(:|$)")
            ticks = [(k, m) for k, m in con.execute("SELECT key, month FROM checklist WHERE key LIKE ?",
                                                    (f"%p{pid}%",)) if token.search(k)]
            con.executemany("DELETE FROM checklist WHERE key=? AND month=?", ticks)
            con.execute("DELETE FROM merges WHERE keep_id=?", (pid,))
            con.execute("DELETE FROM people WHERE id=?", (pid,))
        return {"id": pid, "name": name, "interactions_deleted": alone, "interactions_kept": shared,
                "ticks_deleted": len(ticks)}
