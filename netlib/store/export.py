"""Plain-file export: every table as CSV in netlib's own formats, so no one is locked in.

``netlib import DIR`` reads such a folder back (people first), so an export round-trips.
Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) are written with a leading apostrophe, which netlib's CSV reader
removes again (OWASP's advice for CSV injection): :func:`netlib.importers.normalise.neutralise`
and its inverse, kept together there.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from pathlib import Path

from netlib.importers.normalise import neutralise
from netlib.paths import private_dir
from netlib.store.portable import portable_merge

__all__ = ["export_csv", "EXPORT_FILES"]

#: The files an export writes, in the order an import must read them.
EXPORT_FILES = ("people.csv", "events.csv", "interactions.csv", "ties.csv", "checklist.csv", "settings.csv",
                "plans.csv", "merges.csv")


def _join(values) -> str:
    return ";".join(v.replace(";", ",") for v in values)


def export_csv(store, directory) -> list[Path]:
    """Write the store's tables to ``directory``; returns the files.

    The folder is created owner-only if it is new (an existing folder keeps its mode). Each
    file is written owner-only to a new temporary file beside it, and all are renamed into
    place only once every one is whole, so a full disk or an interrupt leaves the folder as it
    was; a link planted at a file's name is replaced, never followed.
    """
    out = private_dir(Path(directory))
    parts: list[tuple[str, Path]] = []
    try:
        _write_all(store, out, parts)
        for part, path in parts:
            os.replace(part, path)
    finally:
        for part, _ in parts:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(part)
    return [path for _, path in parts]


def _write_all(store, out: Path, parts: list) -> None:
    con = store.con
    multi = {name: store.person_lists(name) for name in ("emails", "phones", "tags")}
    ref = {pid: f"netlib:{pid}" for (pid,) in con.execute("SELECT id FROM people")}

    def write(name, header, rows):
        fd, part = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=out)  # 0o600, O_EXCL
        parts.append((part, out / name))
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralise(v) for v in row])

    people = con.execute(
        """SELECT id, name, first_name, last_name, company, position, linkedin_url, notes, birthday, since,
           ring_override, cadence_override FROM people ORDER BY id"""
    ).fetchall()
    # where each person came from and how each record was matched (email, merge, ...), so
    # 'people show' still explains them and 'people split' still works after a round trip
    sources: dict[int, list] = {}
    for pid, kind, key, how, record in con.execute(
            "SELECT person_id, kind, key, matched_by, record FROM sources WHERE kind != 'netlib-people' ORDER BY id"):
        sources.setdefault(pid, []).append([kind, key, how, json.loads(record)])
    write(
        "people.csv",
        ["id", "name", "first_name", "last_name", "emails", "phones", "company", "position", "linkedin_url",
         "tags", "notes", "birthday", "since", "ring", "cadence_days", "sources"],
        [
            (pid, name, first, last, _join(multi["emails"].get(pid, [])), _join(multi["phones"].get(pid, [])),
             company, position, url, _join(multi["tags"].get(pid, [])), notes, birthday, since, ring, cadence,
             json.dumps(sources[pid], ensure_ascii=False) if pid in sources else "")
            for pid, name, first, last, company, position, url, notes, birthday, since, ring, cadence in people
        ],
    )
    met, followed, learned = {}, {}, {}
    for eid, pid, done, on, text in con.execute(
            "SELECT event_id, person_id, followed_up, followed_up_on, learned FROM event_people ORDER BY person_id"):
        met.setdefault(eid, []).append(ref[pid])
        if done:
            followed.setdefault(eid, []).append(ref[pid])
        if on or text:  # what you learned, and the day you followed up (past months read it)
            learned.setdefault(eid, {})[ref[pid]] = [text, on]
    write(
        "events.csv",
        ["id", "name", "date", "location", "notes", "met", "followed_up", "learned"],
        [
            (eid, name, date, loc, notes, _join(met.get(eid, [])), _join(followed.get(eid, [])),
             json.dumps(learned[eid], ensure_ascii=False) if eid in learned else "")
            for eid, name, date, loc, notes in con.execute(
                "SELECT id, name, date, location, notes FROM events ORDER BY date, id"
            )
        ],
    )
    with_ = {}
    for iid, pid in con.execute("SELECT interaction_id, person_id FROM participants ORDER BY person_id"):
        with_.setdefault(iid, []).append(ref[pid])
    write(
        "interactions.csv",
        ["id", "date", "kind", "direction", "with", "summary", "event"],
        [
            (iid, date, kind, direction, _join(with_.get(iid, [])), summary, event_id)
            for iid, date, kind, direction, summary, event_id in con.execute(
                "SELECT id, date, kind, direction, summary, event_id FROM interactions "
                "WHERE kind != 'event' OR event_id IS NULL ORDER BY date, id"
            )
        ],
    )
    write(
        "ties.csv",
        ["a", "b", "kind", "since", "weight"],
        [
            (ref[a], ref[b], kind, since, repr(weight))
            for a, b, kind, since, weight in con.execute(
                "SELECT a, b, kind, MIN(since), SUM(weight) FROM ties GROUP BY a, b, kind ORDER BY a, b, kind"
            )
        ],
    )
    write("checklist.csv", ["key", "month", "state", "until", "at"],
          con.execute("SELECT key, month, state, until, at FROM checklist ORDER BY month, key").fetchall())
    write("settings.csv", ["key", "value"],
          [(k, json.dumps(v)) for k, v in store.settings().items() if k != "demo"])  # a store's own mark
    write("plans.csv", ["id", "person", "date", "what", "kind", "created", "cancelled"],
          [(i, ref[pid], date, what, kind, created, cancelled) for i, pid, date, what, kind, created, cancelled
           in con.execute("SELECT id, person_id, date, what, kind, created, cancelled FROM plans ORDER BY id")])
    # hand merges, so 'people show' explains them and 'people split' gives back the two people
    # after a round trip; their records name rows by what an import keeps (netlib.store.portable)
    write("merges.csv", ["keep", "other_id", "other_name", "at", "split_at", "record"],
          [(ref[keep], other, name, at, split_at,
            json.dumps(portable_merge(con, keep, json.loads(record)), ensure_ascii=False))
           for keep, other, name, at, split_at, record in con.execute(
               "SELECT keep_id, other_id, other_name, at, split_at, record FROM merges "
               "WHERE keep_id IN (SELECT id FROM people) ORDER BY id").fetchall()])
