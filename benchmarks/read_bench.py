"""Time ``Store.snapshot(summaries=False)`` and its parts table by table (issue #11).

Run: ``python benchmarks/read_bench.py --store PATH`` (``--runs 7``; a copy of a store made by
``netlib demo --people 30000 --no-report``). CPU time (``time.process_time``) of each part of
:func:`netlib.store.frames.read_snapshot`, each in its own read transaction, ``--runs`` times
round-robin, then the whole snapshot; medians with the spread (best-worst). ``--sql``: also
each part's SQL alone (its statements' execute and fetch; the rest of a part is numpy and
pandas). ``--pragma "mmap_size = 268435456"`` (repeatable): set on the reading connection
first. Prints figures; no pass/fail.
"""

# Figures (2-core VM shared with other helpers' tests and valgrind runs, load 6-7; CPU seconds,
# medians of 5 reads in each process, (best-worst)), 2026-12-03, the 30,000-person demo store
# (30,003 people, 332,221 interactions, 346,225 participants, 148,652 ties), branch readfast
# (after) against its base 7e095f1 (before), two processes each, alternating:
#                    before                              after
#   people           0.255 (0.233-0.353), 0.212 (0.199-0.241)   0.126 (0.105-0.240), 0.102 (0.098-0.124)
#   interactions     0.350 (0.303-0.445), 0.322 (0.264-0.333)   0.270 (0.225-0.372), 0.214 (0.210-0.257)
#   participants     0.094 (0.081-0.134), 0.078 (0.073-0.097)   0.076 (0.068-0.096), 0.059 (0.055-0.060)
#   ties             0.235 (0.198-0.324), 0.194 (0.177-0.287)   0.133 (0.125-0.166), 0.117 (0.113-0.119)
#   snapshot         0.947 (0.843-1.072), 0.798 (0.698-1.003)   0.613 (0.551-0.632), 0.531 (0.528-0.585)
#   Store.snapshot(summaries=False) alone, 5 warm reads in each of 3 processes per side,
#   alternating: before 0.83-1.04 (median 0.88), after 0.54-0.73 (median 0.62).
#   Instructions (valgrind cachegrind, a process reading 3 times less one reading once, over 2):
#   4.82e9 before, 3.79e9 after a read (-21%); SQLite's VDBE (group_concat, its integer-to-text)
#   is now most of what is left (sqlite3VdbeExec alone about 1.1e9 a read).
#   What made the difference: the per-row SQL is comparisons (no typeof, no max() over the kinds,
#   directions and dates, no group_concat(rowid) over every tie); the people's text comes as one
#   group_concat per column split by str.split instead of a fetchall of 30,000 tuples; two
#   integer keys travel as one number; weights parse as integers; dates parse as 64-bit words;
#   kinds are coded by a table look-up; frames are built once from sorted arrays, no copies.
#
# 2026-12-03, later (branch s5-read against its base da77b76, the same store; CPU seconds,
# medians of 5 reads in each process, alternating base and branch):
#   load about 3:     before                        after
#     people          0.106 (0.103-0.168), 0.106     0.105 (0.092-0.151), 0.106
#     interactions    0.223 (0.214-0.297), 0.223     0.167 (0.150-0.225), 0.168
#     participants    0.065 (0.063-0.081), 0.064     0.062 (0.057-0.094), 0.063
#     ties            0.120 (0.114-0.158), 0.120     0.093 (0.084-0.133), 0.091
#     snapshot        0.528 (0.508-0.681), 0.527     0.435 (0.407-0.554), 0.449
#   load 4-4.5 (three processes each; noisier): snapshot 0.816, 0.633, 0.722 before,
#   0.690, 0.591, 0.585 after; interactions 0.346, 0.273, 0.268 -> 0.256, 0.218, 0.231.
#   Instructions (valgrind callgrind, a process reading 3 times less one reading once, over
#   2): 3.78e9 before, 2.87e9 after a read (-24%); inside sqlite3_step 2.36e9 -> 1.67e9
#   (-29%): people 256 -> 213 million, interactions 993 -> 606, participants 416 -> 386,
#   ties 649 -> 422 (each statement alone, --toggle-collect=sqlite3_step).
#   Where a scan's instructions went (each alone, interactions, 332,221 rows): stepping the
#   rows and reading one column about 124-163 million; each further group_concat of a text
#   column about 98; an integer written as text about 90 more; a CASE with a BLOB check
#   about 67 per column (the column is read twice); the per-row weight arithmetic of the
#   ties about 280 (149k rows); a scalar max(kind, direction) as the check 480 (a function
#   call per row: worse than two comparisons); group_concat(date || kind || direction) 698
#   against 417 for the three columns each in its own group_concat.
#   What made the difference: the interactions' ids (every integer from 1 to 332,221: the
#   rowid) are not packed, the range of their bounds is the column; their event (NULL in
#   all but 1,190) packs only "id,event" pairs (FILTER), no 'nan' per row for SQLite to
#   write and numpy to parse as a float; the BLOB checks are comparisons in the WHERE
#   clause, none for the date (its index's last entry is the greatest date); the ties'
#   weights 1 and 0.5 are constants, not arithmetic per row; pairs of keys are
#   a * (max b + 1) + b (10-11 digits, was a * 2**31 + b, 15-16); interactions nearly in
#   date order sort by a stable sort of the folded key (5 ms, was a quicksort, 13 ms).
#   Tried and left: a pure WHERE check is 31 million cheaper than the CASE for two columns,
#   no more; the BLOB read of the packed text (CAST(... AS BLOB)) saves no time over text;
#   mmap_size or a larger cache_size change only the system time of reading pages (noise).
#   What is left (2.87e9): SQLite's VDBE per row and value (1.67e9: the group_concat call
#   and append per value, integers to text), numpy's integer parse (np.fromstring, about
#   0.18e9), the gathers of the vocabulary codes and dates (about 0.15e9), and the people's
#   text as Python strings and StringArrays, and their 90,000 lists.
#
# 2026-12-03, session 6 (branch s6-read against fe8254d; nothing in the read changed; the same
# store; other helpers' tests beside, load 2-9; CPU seconds):
#   Where a warm read goes (--sql, 5 reads, load 7): snapshot 0.535, its SQL 0.313 (people
#   0.052, interactions 0.138, participants 0.058, ties 0.083), numpy and pandas the rest. (A
#   statement timed from sqlite3's trace callback to the next statement includes the parse
#   after it: interactions' 0.25 is 0.14 SQL and 0.08-0.1 parse.) Instructions (callgrind, a
#   process reading 3 times less one reading once, over 2): 2.85e9 a read, 1.67e9 of it in
#   sqlite3_step; numpy's gathers (mapiter_*) 0.15e9, the integer parse (strtoul, fromstring)
#   0.15e9, flatnonzero 0.04e9, object arrays' copies and clears 0.08e9, str.split 0.03e9.
#   Alone (process_time, medians of 9): codes() 20-35 ms per 332,221 words (the comma search,
#   eight gathers), iso_days 15-28, numbers() 10 for the participants' 346,225 keys.
#   PRAGMA mmap_size = 268435456 (the whole file): frames equal; inside sqlite3_step the same
#   instructions (1.6676e9 against 1.6720e9, one fresh read each); it saves the kernel's copy
#   of each page: a fresh process's first read, 8 alternating pairs (getrusage), system CPU
#   0.071 against 0.109 (median), user the same within the noise (0.620 / 0.645); a second
#   read 0.03 against 0.08. Against it: the pages it touches count in the process's RSS (peak
#   after one read 296 MB against 146 MB, ru_maxrss: what report_bench prints as peak memory),
#   and an I/O error on a mapped page (a failing disk, a network share, the file truncated by
#   a program other than SQLite) is a SIGBUS that kills the kernel where read() gives
#   SQLITE_IOERR, a StoreError (SQLite's mmap.html; in WAL mode SQLite itself never truncates
#   what a reader's snapshot can reach: a checkpoint waits for readers). Not taken: 0.04 s of
#   system CPU. PRAGMA cache_size = -200000: a first read is worse (system 0.16 against 0.09:
#   the cache is fresh memory), only a second one better (0.015); the report reads once.
#   Columns the report and the analysis never read: interactions.event_id (its FILTER: 64 of
#   the interactions' 606 million instructions, about 0.015 s) and the people's first_name,
#   last_name and notes (63 of the people's 207 million, plus their split and StringArrays,
#   about 0.015 s more; only redaction reads them, with summaries=True), phones (1 million and
#   30,000 lists). Leaving them out under summaries=False would change what that flag means
#   for explore's incremental read (netlib.store.incremental adds new rows, event_id and all,
#   to a snapshot(summaries=False)): left alone.
#   The SQL's expressions left are columns, comparisons and constants; a CASE only for the
#   real weights (0.015 s of the ties' 0.07, 7 runs), the sparse event_id pairs and the
#   people's text; ifnull on since (inline in SQLite: 0.01 with its check). The people's
#   statement, 214 million instructions for 30,003 rows (callgrind, sqlite3_step alone): its
#   eight count(column) 38.5 million (they tell NULL from a value that is US alone, and find
#   BLOBs), the eight CASEs 33 million more than ifnull would cost (which would pass BLOBs),
#   since and the overrides 21 million; no exact cheaper form found.
#   What is also left: a first read in a fresh process (the report's) has 25,000 minor page
#   faults and 0.07-0.12 s of system CPU (besides read()'s copies): about 100 MB of
#   temporaries (SQLite's packed texts, their str and bytes copies, the arrays). glibc's
#   tunables (MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ at 1 GB; tried, not for
#   use) leave 18,000 of them on a first read, memory the process touches for the first
#   time; only a second read drops to 3,000. Fewer or smaller temporaries are the way there.

from __future__ import annotations

import argparse
import inspect
import sqlite3
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


class _Rows:
    """A fetched statement's rows, as the read uses a cursor."""

    def __init__(self, cursor, rows):
        self.description, self._rows = cursor.description, rows

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return self._rows

    def __iter__(self):
        return iter(self._rows)


class _Timed(sqlite3.Connection):
    """A connection that adds each statement's CPU (execute and fetch) to ``spent``."""

    spent = 0.0

    def execute(self, sql, *args):
        start = time.process_time()
        cursor = super().execute(sql, *args)
        rows = _Rows(cursor, cursor.fetchall())
        _Timed.spent += time.process_time() - start
        return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sql", action="store_true", help="also each part's SQL alone")
    ap.add_argument("--pragma", action="append", default=[], help='e.g. "mmap_size = 268435456"')
    args = ap.parse_args()
    times: dict[str, list[float]] = {}
    sql: dict[str, list[float]] = {}
    with Store(args.store, create=False) as store:
        if args.sql:  # the same file read through a connection that times its statements
            store.con.close()
            store.con = sqlite3.connect(args.store, factory=_Timed, isolation_level=None)
        for pragma in args.pragma:
            store.con.execute(f"PRAGMA {pragma}")
        work = parts(store)
        store.snapshot(summaries=False)  # warm: imports, page cache
        for _ in range(args.runs):
            for name, fn in work.items():
                store.con.execute("BEGIN")
                try:
                    _Timed.spent = 0.0
                    start = time.process_time()
                    fn()
                    times.setdefault(name, []).append(time.process_time() - start)
                    sql.setdefault(name, []).append(_Timed.spent)
                finally:
                    store.con.execute("COMMIT")
    for name, got in times.items():
        also = f"   SQL {statistics.median(sql[name]):.3f}" if args.sql else ""
        print(f"{name:14s} {statistics.median(got):.3f} ({min(got):.3f}-{max(got):.3f}) s CPU{also}")


if __name__ == "__main__":
    main()
