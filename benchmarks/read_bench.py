"""Time ``Store.snapshot(summaries=False)`` and its parts table by table (issue #11).

Run: ``python benchmarks/read_bench.py --store PATH`` (``--runs 7``; a copy of a store made by
``netlib demo --people 30000 --no-report``). CPU time (``time.process_time``) of each part of
:func:`netlib.store.frames.read_snapshot`, each in its own read transaction, ``--runs`` times
round-robin, then the whole snapshot; medians with the spread (best-worst). Prints figures; no
pass/fail.
"""

# Figures: see the end of this header (filled in as measured).

from __future__ import annotations

import argparse
import inspect
import statistics
import time

from netlib.store import frames
from netlib.store.core import Store


def parts(store):
    con = store.con
    columns = frames.TABLES

    def people():
        if hasattr(frames, "_people"):
            return frames._people(store)
        p = frames.table(con, "people").set_index("id")
        for name in ("emails", "phones", "tags"):
            grouped = store.person_lists(name)
            p[name] = [grouped.get(pid) or [] for pid in p.index.tolist()]
        p["ring_override"] = p["ring_override"].astype("Int64")
        p["cadence_override"] = p["cadence_override"].astype("Int64")

    sorts = "by" in inspect.signature(frames.packed).parameters  # (before 2026-12-03: sorted after)

    def read(name, *key):
        if sorts:
            return frames.packed(con, name, columns[name][0], by=key)
        return frames.sorted_by(frames.packed(con, name, columns[name][0]), *key)

    def interactions():
        read("interactions", "date", "id")

    def participants():
        read("participants", "interaction_id", "person_id")

    def small():
        for name in ("events", "event_people", "checklist", "plans"):
            frames.table(con, name)

    return {"people": people, "interactions": interactions, "participants": participants,
            "ties": lambda: frames._ties_frame(con), "small tables": small,
            "snapshot": lambda: store.snapshot(summaries=False)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    times: dict[str, list[float]] = {}
    with Store(args.store, create=False) as store:
        work = parts(store)
        store.snapshot(summaries=False)  # warm: imports, page cache
        for _ in range(args.runs):
            for name, fn in work.items():
                store.con.execute("BEGIN")
                try:
                    start = time.process_time()
                    fn()
                    times.setdefault(name, []).append(time.process_time() - start)
                finally:
                    store.con.execute("COMMIT")
    for name, got in times.items():
        print(f"{name:14s} {statistics.median(got):.3f} ({min(got):.3f}-{max(got):.3f}) s CPU")


if __name__ == "__main__":
    main()
