"""What a netlib export carries beyond the records themselves, written back on import:
the sources that made each person (with how each was matched, merges included), per event
what you learned about each person and the day you followed up, plans, and merges by hand.
The importer puts them in ``batch.extra`` (``sources``, ``learned``, ``plans``, ``merges``);
:class:`~netlib.store.writer.BatchWriter` calls these once the people or the event are
written."""

from __future__ import annotations

import json

from netlib.store.portable import check_record, restore_merge

__all__ = ["restore_sources", "restore_learned", "restore_plans", "restore_merges"]


def restore_sources(con, batch, new_people, import_id) -> None:
    """Each new person's exported sources, besides the export's own record of them."""
    found = batch.extra.get("sources") or {}
    rows = [(pid, kind, key, import_id, how, json.dumps(record, ensure_ascii=False))
            for rec_key, pid in new_people
            for kind, key, how, record in found.get(rec_key, ())
            if not (kind == batch.kind and key == rec_key)]
    con.executemany("""INSERT OR IGNORE INTO sources(person_id, kind, key, import_id, matched_by, record)
                       VALUES (?, ?, ?, ?, ?, ?)""", rows)


def restore_learned(con, batch, event_key, event_id, resolve) -> None:
    """What you learned at the event and when you followed up, per person reference;
    ``resolve(ref)`` gives the person id (or None)."""
    for ref, (learned, on) in ((batch.extra.get("learned") or {}).get(event_key) or {}).items():
        pid = resolve(ref)
        if pid is not None:
            con.execute("""UPDATE event_people SET learned=COALESCE(?, learned), followed_up_on=COALESCE(?, followed_up_on)
                           WHERE event_id=? AND person_id=?""", (learned, on, event_id, pid))


def restore_plans(writer) -> None:
    """The plans of a netlib plans.csv, each under its own id where that is free; a plan the
    store holds already (same person, date, words, kind and day made) only takes the file's
    cancelled mark, so importing an export again changes nothing."""
    con = writer.con
    for plan in writer.batch.extra.get("plans", ()):
        pid, _, err = writer.ref(plan["person"])
        if err:
            writer.skip(plan["line"], f"plan: {err}")
            continue
        values = (pid, plan["date"], plan["what"], plan["kind"], plan["created"])
        found = con.execute("SELECT id FROM plans WHERE person_id=? AND date=? AND what=? AND kind=? AND created=?",
                            values).fetchone()
        if found:
            con.execute("UPDATE plans SET cancelled=? WHERE id=? AND cancelled != ?",
                        (plan["cancelled"], found[0], plan["cancelled"]))
            continue
        own = plan["id"]
        if own is not None and con.execute("SELECT 1 FROM plans WHERE id=?", (own,)).fetchone():
            own = None
        con.execute("""INSERT INTO plans(id, person_id, date, what, kind, created, cancelled)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""", (own, *values, plan["cancelled"]))


def restore_merges(writer) -> None:
    """The merges by hand of a netlib merges.csv, their records in this store's ids
    (:func:`netlib.store.portable.restore_merge`), so 'people split' still gives back the two
    people; one the store holds already (same kept person, other id and day) is left as it is."""
    con = writer.con

    def person(old):
        return writer.ref(f"netlib:{old}")[0]

    def event(old):
        return writer.event_id(f"netlib:{old}") if old is not None else None

    for merge in writer.batch.extra.get("merges", ()):
        keep, _, err = writer.ref(merge["keep"])
        if err:
            writer.skip(merge["line"], f"merge: {err}")
            continue
        if con.execute("SELECT 1 FROM merges WHERE keep_id=? AND other_id=? AND at=?",
                       (keep, merge["other_id"], merge["at"])).fetchone():
            continue
        try:
            check_record(merge["record"], merge["other_id"], merge["keep"])
        except ValueError as err:
            writer.skip(merge["line"], f"merge: 'record' is not what 'netlib export' writes ({err}); export again")
            continue
        record = restore_merge(con, keep, merge["record"], person=person, event=event, import_id=writer.import_id)
        con.execute("INSERT INTO merges(keep_id, other_id, other_name, at, record, split_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (keep, merge["other_id"], merge["other_name"], merge["at"],
                     json.dumps(record, ensure_ascii=False), merge["split_at"]))
