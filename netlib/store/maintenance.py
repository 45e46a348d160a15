"""Keeping a store healthy: ``netlib check`` (integrity, orphans, likely duplicates)."""

from __future__ import annotations

from netlib.importers.normalise import plural

__all__ = ["check"]


def check(store) -> list[str]:
    """Problems found in a store, one line each, worst first; an empty list means healthy.

    Lines start with ``error:`` (the file is damaged: restore a backup), ``warning:``
    (records that point at nothing) or ``note:`` (people who may be the same person).
    """
    con = store.con
    out: list[str] = []
    integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        out.append(f"error: SQLite integrity check failed ({'; '.join(integrity[:3])}); "
                   "restore the latest 'netlib backup' copy")
    fk = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        tables = sorted({r[0] for r in fk})
        out.append(f"error: {len(fk)} rows point at records that do not exist (in {', '.join(tables)}); "
                   "restore a backup or re-import the files")
    lonely = con.execute(
        "SELECT COUNT(*) FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM participants x WHERE x.interaction_id = i.id)"
    ).fetchone()[0]
    if lonely:
        out.append(f"warning: {plural(lonely, 'interaction')} {'has' if lonely == 1 else 'have'} no people; "
                   "they count for no one "
                   "(re-log them with 'netlib log --with PERSON')")
    empty_events = con.execute(
        "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_people p WHERE p.event_id = e.id)"
    ).fetchone()[0]
    if empty_events:
        out.append(f"note: {empty_events} events have nobody recorded as met "
                   "('netlib event met EVENT PERSON...' adds them)")
    for name, ids in con.execute(
        """SELECT MIN(name), GROUP_CONCAT(id) FROM people WHERE name_key != ''
           GROUP BY name_key HAVING COUNT(*) > 1 ORDER BY MIN(name) LIMIT 50"""
    ):
        out.append(f"note: possible duplicate people named '{name}' (ids {ids.replace(',', ', ')}); "
                   "if they are one person, give them a shared email in a netlib people.csv and re-import")
    for phone, ids in con.execute(
        """SELECT phone, GROUP_CONCAT(DISTINCT person_id) FROM phones GROUP BY phone
           HAVING COUNT(DISTINCT person_id) > 1 LIMIT 50"""
    ):
        out.append(f"note: people {ids.replace(',', ', ')} share the phone {phone}; one person twice?")
    return out
