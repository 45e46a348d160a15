"""Keeping a store healthy: ``netlib check`` (integrity, orphans, you as a person, likely
duplicates) and ``netlib restore`` (a backup brought back, checked first)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from netlib.errors import SchemaVersionError, StoreError
from netlib.paths import write_private
from netlib.importers.normalise import plural
from netlib.store.dupes import duplicates
from netlib.store.schema import SCHEMA_VERSION

__all__ = ["check", "restore", "quick_check", "still_checked", "remember_checked", "damaged", "REPAIR", "DatabaseFault",
           "in_words"]


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
    """Raise :class:`StoreError` (saying what to do) when SQLite's quick check fails.

    The check reads the whole file (about half a second at 30,000 people), so it is left out
    while the store's files are as netlib left them: :func:`remember_checked` notes their
    inode, size and times once a checked store is closed, and anything else that writes to
    them (another program, a copy over the file, bytes changed with the modification time put
    back) changes what :func:`_on_disk` reads, so the next command checks in full."""
    memory = str(store.path) == ":memory:"
    if not memory and _on_disk(store.path) == _remembered(store.path):
        store.checked = _mark(store)
        return
    try:
        found = [r[0] for r in store.con.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as err:
        raise damaged(store.path, err) from err
    if found != ["ok"]:
        raise damaged(store.path, " ".join("; ".join(found).split())[:300])
    store.checked = _mark(store) if not memory else [None, None]


def _mark(store) -> list:
    """[the checked file's device and inode, SQLite's data_version]: what must be the same when
    the store is closed for its files to be noted as checked (:func:`still_checked`)."""
    found = _on_disk(store.path)
    return [found[0][:2] if found and found[0] else None, store.con.execute("PRAGMA data_version").fetchone()[0]]


def still_checked(store) -> bool:
    """Whether the checked store's file is still the one checked, and no other connection wrote
    to it meanwhile (a file put in its place, another program's write during a long session):
    asked before the connection closes; only then may :func:`remember_checked` note its files."""
    if not store.checked or store.checked[0] is None:
        return False
    try:
        version = store.con.execute("PRAGMA data_version").fetchone()[0]
    except sqlite3.Error:
        return False
    found = _on_disk(store.path)
    return version == store.checked[1] and bool(found and found[0]) and found[0][:2] == store.checked[0]


def _checked_file(path: Path) -> Path:
    return path.with_name(path.name + "-checked")


def _on_disk(path: Path) -> list | None:
    """The store's file and its write-ahead log as the file system has them: device, inode,
    size, and the times of the last change of content and of status (the second no program
    can set back); an empty or missing log is no log. None when they cannot be read."""
    out = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(part)
        except FileNotFoundError:
            st = None
        except OSError:
            return None
        out.append(None if st is None or (part != path and not st.st_size) else
                   [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    return out


def _remembered(path: Path):
    try:
        return json.loads(_checked_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # never equal to what is on disk: check in full


def remember_checked(path) -> None:
    """After a checked store is closed (netlib's own writes in; the log written into the file
    when it was the last to close), note how its files look, so the next command can leave
    the quick check out while they look the same. Nothing is noted when that cannot be written."""
    path = Path(path)
    found = _on_disk(path)
    if found is None:
        return
    with contextlib.suppress(OSError):  # whole or not at all, owner-only
        write_private(_checked_file(path), json.dumps(found))


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
        out.append(f"note: {plural(empty_events, 'event')} {'has' if empty_events == 1 else 'have'} nobody recorded as met "
                   "('netlib event met EVENT PERSON...' adds them)")
    owner = [e.lower() for e in store.settings().get("owner_emails", [])]
    for pid, name, email in con.execute(
            f"SELECT p.id, p.name, e.email FROM emails e JOIN people p ON p.id = e.person_id "
            f"WHERE e.email IN ({','.join('?' * len(owner))})", owner) if owner else ():
        out.append(f"warning: person {pid} ({name}) is you ({email}); "
                   f"'netlib people delete {pid}' takes them out of your garden")
    pairs = duplicates(con)
    for pair in pairs[:50]:
        a, b = pair["a"], pair["b"]
        out.append(f"note: {a['name']} (id {a['id']}) and {b['name']} (id {b['id']}) may be one person "
                   f"({'; '.join(pair['reasons'])}); 'netlib people merge {a['id']} {b['id']}' if so")
    if len(pairs) > 50:
        out.append(f"note: {len(pairs) - 50} more likely duplicate pairs; 'netlib people dupes' lists them all")
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


def restore(backup, target, *, force: bool = False) -> Path | None:
    """Bring back a backup as the store at ``target``, after checking it is a whole netlib
    store. A store already at ``target`` is kept only with ``force``: it is copied aside
    first (returned), then replaced. The copy is made with SQLite's backup API, so a store
    in WAL mode is replaced consistently."""
    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise StoreError(f"{backup}: no such backup file; 'netlib backup' writes one")
    if backup.resolve() == target.resolve():
        raise StoreError(f"{backup} is the store itself; name a backup copy")
    with open(backup, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{backup}: not a netlib backup (not an SQLite file); nothing was changed")
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in src.execute("PRAGMA integrity_check")]
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if problems != ["ok"]:
            raise StoreError(f"{backup}: damaged ({'; '.join(problems[:2])}); choose another backup; nothing was changed")
        if not {"people", "interactions", "settings"} <= tables or version < 1:
            raise StoreError(f"{backup}: not a netlib store (no people table); nothing was changed")
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(backup, version, SCHEMA_VERSION)
        kept = None
        if target.exists() and target.stat().st_size:
            if not force:
                raise StoreError(f"{target} exists and would be overwritten; add --force to replace it "
                                 "(a copy of it is kept beside it)")
            kept = target.with_name(f"{target.stem}-before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
            current = sqlite3.connect(str(target))
            try:
                _copy(current, kept)
            finally:
                current.close()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        dest = sqlite3.connect(str(target), timeout=60)
        try:
            src.backup(dest)
        finally:
            dest.close()
        return kept
    finally:
        src.close()


def _copy(con, path: Path) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    dest = sqlite3.connect(str(path))
    try:
        con.backup(dest)
    finally:
        dest.close()
