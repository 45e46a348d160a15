"""Merging two people by hand, and splitting them apart again (a mixin of
:class:`~netlib.store.core.Store`).

A merge moves everything of the other person to the one you keep (emails, phones, tags,
sources, interactions, events met, ties, checklist ticks; their notes are appended) and
records in ``merges`` exactly what moved and what the kept person looked like before, so
``netlib people show`` explains it and ``netlib people split`` puts both back as they were,
with the other person's own id.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from netlib.errors import NotFoundError, ValidationError

__all__ = ["Merging", "PEOPLE_COLUMNS"]

PEOPLE_COLUMNS = ("id", "name", "first_name", "last_name", "company", "position", "linkedin_url", "notes",
                  "birthday", "since", "ring_override", "cadence_override", "name_key")
_INTERACTION = ("id", "date", "kind", "direction", "summary", "event_id", "source", "key", "import_id")
_FILLED = ("first_name", "last_name", "company", "position", "linkedin_url", "birthday", "ring_override",
           "cadence_override")


def _row(con, pid) -> dict:
    row = con.execute(f"SELECT {', '.join(PEOPLE_COLUMNS)} FROM people WHERE id=?", (pid,)).fetchone()
    return dict(zip(PEOPLE_COLUMNS, row))


def _moved(con, table, cols, other, keep, key) -> tuple[list, list]:
    """Move ``table``'s rows of ``other`` to ``keep``; a row ``keep`` already has (same
    ``key`` columns) stays with ``other``'s copy deleted. Returns (moved, dropped) rows."""
    rows = con.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE person_id=?", (other,)).fetchall()
    where = " AND ".join(f"{k}=?" for k in key)
    moved, dropped = [], []
    for row in rows:
        ident = [row[cols.index(k)] for k in key]
        if con.execute(f"SELECT 1 FROM {table} WHERE person_id=? AND {where}", (keep, *ident)).fetchone():
            dropped.append(list(row))
        else:
            moved.append(list(row))
    con.executemany(f"DELETE FROM {table} WHERE person_id=? AND {where}",
                    [(other, *[r[cols.index(k)] for k in key]) for r in dropped])
    con.executemany(f"UPDATE {table} SET person_id=? WHERE person_id=? AND {where}",
                    [(keep, other, *[r[cols.index(k)] for k in key]) for r in moved])
    return moved, dropped


def _put_back(con, table, cols, other, keep, key, moved, dropped) -> None:
    where = " AND ".join(f"{k}=?" for k in key)
    con.executemany(f"UPDATE {table} SET person_id=? WHERE person_id=? AND {where}",
                    [(other, keep, *[r[cols.index(k)] for k in key]) for r in moved])
    con.executemany(f"INSERT OR IGNORE INTO {table}(person_id, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
                    [(other, *r) for r in dropped])


_TABLES = {  # table -> (columns besides person_id, the columns that make a row unique per person)
    "emails": (("email", "source_id"), ("email",)),
    "phones": (("phone", "source_id"), ("phone",)),
    "tags": (("tag",), ("tag",)),
    "participants": (("interaction_id", "source_id"), ("interaction_id",)),
    "event_people": (("event_id", "learned", "followed_up", "followed_up_on"), ("event_id",)),
    "plans": (("id",), ("id",)),  # (a record from before plans moved has none)
}


class Merging:
    def merge_people(self, keep_ref, *other_refs, today: dt.date | None = None) -> list[int]:
        """Merge each of ``other_refs`` into ``keep_ref``; returns the merge ids."""
        keep = self.find_person(keep_ref)
        others = [self.find_person(r) for r in other_refs]
        if not others:
            raise ValidationError("name at least one person to merge into the one you keep")
        if keep in others or len(set(others)) != len(others):
            raise ValidationError("a person cannot be merged with themselves; name each person once")
        with self.transaction(label=f"merge {', '.join(map(str, others))} into {keep}") as con:
            return [self._merge_one(con, keep, other, today or dt.date.today()) for other in others]

    def _merge_one(self, con, keep: int, other: int, today: dt.date) -> int:
        before, gone = _row(con, keep), _row(con, other)
        rec: dict = {"other": gone, "keep_before": before, "tables": {}}
        # meeting both at one event is one meeting: the other's event interaction goes
        rec["interactions"] = [list(r) for r in con.execute(
            f"""SELECT {', '.join(_INTERACTION)} FROM interactions i WHERE i.kind = 'event'
                AND i.id IN (SELECT interaction_id FROM participants WHERE person_id = ?)
                AND (SELECT COUNT(*) FROM participants x WHERE x.interaction_id = i.id) = 1
                AND EXISTS (SELECT 1 FROM interactions j JOIN participants y ON y.interaction_id = j.id
                            WHERE y.person_id = ? AND j.kind = 'event' AND j.event_id = i.event_id)""",
            (other, keep))]
        rec["participants"] = [list(r) for r in con.execute(
            f"SELECT interaction_id, source_id FROM participants WHERE person_id=? AND interaction_id IN "
            f"({','.join('?' * len(rec['interactions']))})", (other, *[r[0] for r in rec["interactions"]]))]
        con.executemany("DELETE FROM interactions WHERE id=?", [(r[0],) for r in rec["interactions"]])
        for table, (cols, key) in _TABLES.items():
            rec["tables"][table] = _moved(con, table, list(cols), other, keep, list(key))
        rec["sources"] = con.execute("SELECT id, matched_by FROM sources WHERE person_id=?", (other,)).fetchall()
        con.execute("UPDATE sources SET person_id=?, matched_by='merge' WHERE person_id=?", (keep, other))
        # ties: other's become keep's (a tie between the two is dropped), unless keep has it already
        ties = con.execute("SELECT a, b, kind, source, since, weight FROM ties WHERE a=? OR b=?",
                           (other, other)).fetchall()
        added = []
        for a, b, kind, source, since, weight in ties:
            x = b if a == other else a
            if x == keep:
                continue
            lo, hi = sorted((keep, x))
            if con.execute("INSERT OR IGNORE INTO ties VALUES (?, ?, ?, ?, ?, ?)",
                           (lo, hi, kind, source, since, weight)).rowcount:
                added.append([lo, hi, kind, source])
        con.execute("DELETE FROM ties WHERE a=? OR b=?", (other, other))
        rec["ties"], rec["ties_added"] = [list(t) for t in ties], added
        # ticks naming the other person now name the one kept
        token = re.compile(rf"(?<=:)p{other}(?=:|$)")
        ticks = [list(t) for t in con.execute(
            "SELECT key, month, state, until, at FROM checklist WHERE key LIKE ?", (f"%p{other}%",)) if token.search(t[0])]
        renamed = []
        for key, month, state, until, at in ticks:
            con.execute("DELETE FROM checklist WHERE key=? AND month=?", (key, month))
            new = token.sub(f"p{keep}", key)
            if con.execute("INSERT OR IGNORE INTO checklist VALUES (?, ?, ?, ?, ?)",
                           (new, month, state, until, at)).rowcount:
                renamed.append([new, month])
        rec["ticks"], rec["ticks_added"] = ticks, renamed
        # the kept person's empty fields filled from the other's; notes appended; earliest since
        for col in _FILLED:
            if before[col] in (None, "") and gone[col] not in (None, ""):
                con.execute(f"UPDATE people SET {col}=? WHERE id=?", (gone[col], keep))
        if gone["notes"] and gone["notes"] != before["notes"]:
            notes = f"{before['notes']}\n{gone['notes']}" if before["notes"] else gone["notes"]
            con.execute("UPDATE people SET notes=? WHERE id=?", (notes, keep))
        if gone["since"] and (not before["since"] or gone["since"] < before["since"]):
            con.execute("UPDATE people SET since=? WHERE id=?", (gone["since"], keep))
        con.execute("UPDATE merges SET keep_id=? WHERE keep_id=?", (keep, other))
        con.execute("DELETE FROM people WHERE id=?", (other,))
        return con.execute(
            "INSERT INTO merges(keep_id, other_id, other_name, at, record) VALUES (?, ?, ?, ?, ?)",
            (keep, other, gone["name"], today.isoformat(), json.dumps(rec, ensure_ascii=False))).lastrowid

    def merges(self, ref) -> list[dict]:
        """The merges into a person that can still be split: id, other_id, other_name, at, sources."""
        pid = self.find_person(ref)
        return [{"id": m, "other_id": o, "other_name": n, "at": at,
                 "sources": [s for s, _ in json.loads(r)["sources"]]}
                for m, o, n, at, r in self.con.execute(
                    "SELECT id, other_id, other_name, at, record FROM merges WHERE keep_id=? AND split_at IS NULL "
                    "ORDER BY id", (pid,))]

    def unmerge(self, merge_id: int, *, today: dt.date | None = None) -> int:
        """Split a merge apart: the other person comes back as they were (their own id when
        it is free); returns their id."""
        row = self.con.execute("SELECT keep_id, record FROM merges WHERE id=? AND split_at IS NULL",
                               (merge_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no merge {merge_id} to split; 'netlib people show PERSON' lists a person's merges")
        keep, rec = row[0], json.loads(row[1])
        gone, before = rec["other"], rec["keep_before"]
        with self.transaction(label=f"split merge {merge_id}") as con:
            free = not con.execute("SELECT 1 FROM people WHERE id=?", (gone["id"],)).fetchone()
            values = dict(gone, id=gone["id"] if free else None)
            other = con.execute(f"INSERT INTO people({', '.join(PEOPLE_COLUMNS)}) VALUES "
                                f"({', '.join('?' * len(PEOPLE_COLUMNS))})",
                                [values[c] for c in PEOPLE_COLUMNS]).lastrowid
            after = _row(con, keep)
            for col in (*_FILLED, "notes", "since"):  # what the merge changed, unless changed again since
                if before[col] != after[col] and (after[col] == gone[col] or col in ("notes", "since")):
                    con.execute(f"UPDATE people SET {col}=? WHERE id=?", (before[col], keep))
            back = {}  # the meetings at events it dropped, under their own ids and keys where free
            for row in rec["interactions"]:
                iid, key = row[0], row[7]
                if con.execute("SELECT 1 FROM interactions WHERE id=?", (iid,)).fetchone():
                    iid = None
                if key is not None and con.execute("SELECT 1 FROM interactions WHERE key=?", (key,)).fetchone():
                    key = None
                back[row[0]] = con.execute(f"INSERT INTO interactions({', '.join(_INTERACTION)}) VALUES "
                                           f"({', '.join('?' * len(_INTERACTION))})",
                                           [iid, *row[1:7], key, row[8]]).lastrowid
            con.executemany("INSERT INTO participants VALUES (?, ?, ?)",
                            [(back[iid], other, sid) for iid, sid in rec["participants"]])
            for table, (cols, key) in _TABLES.items():
                moved, dropped = rec["tables"].get(table, ([], []))
                _put_back(con, table, list(cols), other, keep, list(key), moved, dropped)
            con.executemany("UPDATE sources SET person_id=?, matched_by=? WHERE id=?",
                            [(other, how, sid) for sid, how in rec["sources"]])
            con.executemany("DELETE FROM ties WHERE a=? AND b=? AND kind=? AND source=?", rec["ties_added"])
            con.executemany("INSERT OR IGNORE INTO ties VALUES (?, ?, ?, ?, ?, ?)",
                            [sorted(other if v == gone["id"] else v for v in t[:2]) + t[2:] for t in rec["ties"]])
            con.executemany("DELETE FROM checklist WHERE key=? AND month=?", rec["ticks_added"])
            con.executemany("INSERT OR IGNORE INTO checklist VALUES (?, ?, ?, ?, ?)", rec["ticks"])
            con.execute("UPDATE merges SET split_at=? WHERE id=?", ((today or dt.date.today()).isoformat(), merge_id))
        return other
