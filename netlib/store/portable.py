"""A hand merge's record (:mod:`netlib.store.merge`) in a form that survives ``netlib export``
and ``netlib import``.

The record names rows by the store's own ids. An import into another store keeps the ids of
people, events and plans where they are free, but gives sources and interactions new ones; so
the export names a source by its kind and key (unique in a store), an interaction by its
exported id or, for meeting someone at an event, by the event, and ties as the export writes
them (one per pair and kind, from ``netlib-ties``). :func:`restore_merge` turns such a record
back into one of the new store's ids; a row it can no longer find is left out (it is gone).
"""

from __future__ import annotations

from netlib.store.merge import _TABLES, PEOPLE_COLUMNS

__all__ = ["portable_merge", "restore_merge", "check_record"]

#: An import writes ties from an export under this source (one row per pair and kind).
_TIES = "netlib-ties"
#: The record's lists: how each row is made (``v`` a value, ``i`` an interaction's and ``s`` a
#: source's reference: ``[kind, key]`` or null), as :func:`portable_merge` writes them.
_LISTS = {"interactions": "vvvvvvvvv", "participants": "vs", "sources": "sv", "ties": "vvvvvv",
          "ties_added": "vvvv", "ticks": "vvvvv", "ticks_added": "vv"}
_ROWS = {"emails": "vs", "phones": "vs", "participants": "is"}  # tables' rows; the rest values


def _value(v) -> bool:
    return v is None or isinstance(v, (str, int, float))


def _fits(row, shape) -> bool:
    return isinstance(row, list) and len(row) == len(shape) and all(
        _value(v) if how == "v" else v is None or (isinstance(v, list) and len(v) == 2 and all(map(_value, v)))
        for v, how in zip(row, shape))


def check_record(rec, other_id, keep: str) -> None:
    """Raise ValueError naming what is wrong unless ``rec`` (from an import) is shaped as
    :func:`portable_merge` writes it, for the merge of ``other_id`` into ``keep`` (its
    reference in the file): a hand-changed record must never fail the import or a later
    'people split' half-way, nor split someone else off."""
    for who in ("other", "keep_before"):
        person = rec.get(who)
        if not isinstance(person, dict) or not all(c in person and _value(person[c]) for c in PEOPLE_COLUMNS) \
                or not isinstance(person["id"], int):
            raise ValueError(f"its '{who}' is not a person as 'netlib export' writes one")
    if rec["other"]["id"] != other_id:
        raise ValueError(f"its other person is {rec['other']['id']!r}, not other_id {other_id}")
    kept = rec["keep_before"]["id"]
    if kept == other_id or (keep.startswith("netlib:") and keep != f"netlib:{kept}"):
        raise ValueError(f"its kept person is {kept!r}, not keep {keep}")
    for key, shape in _LISTS.items():
        if not isinstance(rec.get(key), list) or not all(_fits(r, shape) for r in rec[key]):
            raise ValueError(f"its '{key}' is not a list of {len(shape)}-value rows")
    tables = rec.get("tables")
    if not isinstance(tables, dict):
        raise ValueError("its 'tables' is not what 'netlib export' writes")
    for table, (cols, _) in _TABLES.items():
        part = tables.get(table, ([], []))
        shape = _ROWS.get(table, "v" * len(cols))
        if not (isinstance(part, (list, tuple)) and len(part) == 2
                and all(isinstance(rows, list) and all(_fits(r, shape) for r in rows) for rows in part)):
            raise ValueError(f"its '{table}' is not two lists of {len(shape)}-value rows")


def _source(con, sid):
    """[kind, key] of a source an export carries, or None (netlib's own people sources are
    made again by the import, under the new person's key)."""
    row = con.execute("SELECT kind, key FROM sources WHERE id=?", (sid,)).fetchone() if sid is not None else None
    return list(row) if row and row[0] != "netlib-people" else None


def _interaction(con, iid):
    """["event", event id] for meeting someone at an event (an import makes that again from
    events.csv), else ["id", exported id]; None when it is gone."""
    row = con.execute("SELECT kind, event_id FROM interactions WHERE id=?", (iid,)).fetchone()
    if row is None:
        return None
    return ["event", row[1]] if row[0] == "event" and row[1] is not None else ["id", iid]


def _ties(rows) -> list:
    """Ties as the export writes them: one per pair and kind, weights added, earliest since."""
    out: dict = {}
    for a, b, kind, _source_, since, weight in rows:
        key = (a, b, kind)
        if key in out:
            old = out[key]
            old[4] = min(d for d in (old[4], since) if d) if old[4] or since else None
            old[5] += weight
        else:
            out[key] = [a, b, kind, _TIES, since, weight]
    return list(out.values())


def portable_merge(con, keep: int, rec: dict) -> dict:
    """The merge record ``rec`` (of a merge into ``keep``) with the store's ids of sources and
    interactions replaced by references an import can resolve."""
    tables = rec.get("tables", {})

    def rows(table, convert):
        return [[r for r in map(convert, part) if r is not None] for part in tables.get(table, ([], []))]

    def with_source(row):
        return [*row[:-1], _source(con, row[-1])]

    def participant(row):
        ref = _interaction(con, row[0])
        return [ref, _source(con, row[1])] if ref else None

    added = []
    for lo, hi, kind, _source_ in rec.get("ties_added", []):
        # only a tie that came whole from the merge leaves on split (the export adds up sources)
        total = con.execute("SELECT COUNT(*) FROM ties WHERE a=? AND b=? AND kind=?", (lo, hi, kind)).fetchone()[0]
        mine = sum(1 for t in rec["ties_added"] if t[:3] == [lo, hi, kind])
        if total == mine and [lo, hi, kind, _TIES] not in added:
            added.append([lo, hi, kind, _TIES])
    return dict(
        rec,
        portable=1,
        interactions=[[*r[:8], None] for r in rec.get("interactions", [])],  # import_id: the importing one
        participants=[[iid, _source(con, sid)] for iid, sid in rec.get("participants", [])],
        tables={"emails": rows("emails", with_source), "phones": rows("phones", with_source),
                "tags": rows("tags", list), "participants": rows("participants", participant),
                "event_people": rows("event_people", list), "plans": rows("plans", list)},
        sources=[[ref, how] for ref, how in ((_source(con, sid), how) for sid, how in rec.get("sources", [])) if ref],
        ties=_ties(rec.get("ties", [])),
        ties_added=added,
    )


def restore_merge(con, keep: int, rec: dict, *, person, event, import_id) -> dict:
    """A record :func:`portable_merge` wrote, with the ids of this store: ``keep`` is the kept
    person here, ``person(old id)`` and ``event(old id)`` give this store's ids (or None)."""
    other = rec["other"]["id"]

    def source(ref):
        if not ref:
            return None
        row = con.execute("SELECT id FROM sources WHERE kind=? AND key=?", tuple(ref)).fetchone()
        return row[0] if row else None

    def interaction(ref):
        if ref and ref[0] == "id":
            row = con.execute("SELECT id FROM interactions WHERE source='netlib-interactions' AND key=?",
                              (f"netlib-interactions:netlib:{ref[1]}",)).fetchone()
        elif ref and ref[0] == "event":
            row = con.execute("""SELECT i.id FROM interactions i JOIN participants p ON p.interaction_id = i.id
                                 WHERE i.kind = 'event' AND i.event_id = ? AND p.person_id = ?""",
                              (event(ref[1]), keep)).fetchone()
        else:
            row = None
        return row[0] if row else None

    def rows(table, convert):
        return [[r for r in map(convert, part) if r is not None] for part in rec["tables"].get(table, ([], []))]

    def with_event(row):
        eid = event(row[0])
        return [eid, *row[1:]] if eid is not None else None

    def participant(row):
        iid = interaction(row[0])
        return [iid, source(row[1])] if iid is not None else None

    def plan(row):
        found = con.execute("SELECT 1 FROM plans WHERE id=? AND person_id=?", (row[0], keep)).fetchone()
        return row if found else None

    def tie(row):
        ends = [v if v == other else person(v) for v in row[:2]]
        if None in ends or ends[0] == ends[1]:
            return None
        return [*sorted(ends), *row[2:]]

    interactions = []
    for row in rec.get("interactions", []):
        eid = event(row[5]) if row[5] is not None else None
        interactions.append([*row[:5], eid, *row[6:8], import_id])
    return dict(
        rec,
        interactions=interactions,
        participants=[[iid, source(ref)] for iid, ref in rec.get("participants", [])],
        tables={"emails": rows("emails", lambda r: [*r[:-1], source(r[-1])]),
                "phones": rows("phones", lambda r: [*r[:-1], source(r[-1])]),
                "tags": rows("tags", list), "participants": rows("participants", participant),
                "event_people": rows("event_people", with_event), "plans": rows("plans", plan)},
        sources=[[sid, how] for sid, how in ((source(ref), how) for ref, how in rec.get("sources", [])) if sid],
        ties=[t for t in map(tie, rec.get("ties", [])) if t],
        ties_added=[t for t in map(tie, rec.get("ties_added", [])) if t],
    )
