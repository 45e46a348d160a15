"""Keeping a store healthy: ``netlib check`` (integrity, orphans, likely duplicates), and
the quick check every other command makes before it trusts a store."""

from __future__ import annotations

from netlib.importers.normalise import plural
import sqlite3

from netlib.errors import StoreError

__all__ = ["check", "quick_check", "damaged", "REPAIR", "DatabaseFault", "in_words"]

#: What SQLite raises when a store cannot be used (damaged, read-only, disk full): the CLI's
#: last line of defence turns it into one line with :func:`in_words`.
DatabaseFault = sqlite3.DatabaseError

#: What to do with a damaged store, in the words every message uses.
REPAIR = ("restore your latest backup (the copies 'netlib backup' writes, or the .bak files beside the "
          "store), or rescue what is readable with: sqlite3 STORE .recover | sqlite3 rescued.db")


def damaged(path, err) -> StoreError:
    """The one-line error for a store SQLite cannot read."""
    return StoreError(f"{path}: the store is damaged ({err}); nothing was changed. To repair it, "
                      + REPAIR.replace("STORE", str(path)))


def quick_check(store) -> None:
    """Raise :class:`StoreError` (saying what to do) when SQLite's quick check fails."""
    try:
        found = [r[0] for r in store.con.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as err:
        raise damaged(store.path, err) from err
    if found != ["ok"]:
        raise damaged(store.path, " ".join("; ".join(found).split())[:300])


def check(store) -> list[str]:
    """Problems found in a store, one line each, worst first; an empty list means healthy.

    Lines start with ``error:`` (the file is damaged: restore a backup), ``warning:``
    (records that point at nothing) or ``note:`` (people who may be the same person). A
    store SQLite cannot read at all is one ``error:`` line saying how to repair it.
    """
    try:
        return _check(store)
    except sqlite3.DatabaseError as err:
        return [f"error: {damaged(store.path, err)}"]


def _check(store) -> list[str]:
    con = store.con
    out: list[str] = []
    integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        out.append(f"error: SQLite integrity check failed ({' '.join('; '.join(integrity[:3]).split())[:300]}); "
                   + REPAIR.replace("STORE", str(store.path)))
        return out  # the other questions would read a damaged file
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


def in_words(err) -> str:
    """One line for an SQLite error nothing else put in words: what happened, what to do."""
    text = str(err)
    if "disk I/O" in text:
        return (f"the store could not be written ({text}): the disk may be full or failing; free some space "
                "and run the command again; the store is as it was (the change was rolled back)")
    if "full" in text:
        return f"the disk is full ({text}); free some space and run the command again; the store is as it was"
    if "readonly" in text or "read-only" in text:
        return (f"the store is read-only ({text}); make the file and its folder writable, or "
                "choose another store with --store; nothing was changed")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"the store is damaged ({text}); run 'netlib check' to see what to do"
    return f"the store could not be used ({text}); run 'netlib check' to see what is wrong"
