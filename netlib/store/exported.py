"""What a netlib export carries beyond the records themselves, written back on import:
the sources that made each person (with how each was matched, merges included) and, per
event, what you learned about each person and the day you followed up. The importer puts
them in ``batch.extra`` (``sources``, ``learned``); :class:`~netlib.store.writer.BatchWriter`
calls these once the people or the event are written."""

from __future__ import annotations

import json

__all__ = ["restore_sources", "restore_learned"]


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
