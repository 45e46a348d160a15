"""Correcting people at LinkedIn's cap: duplicates, undo, merge, edit and delete at 30,000 people.

Prints figures; never fails. Goals on a 2-core machine (issue 13): ``people dupes`` under
2 s; ``undo`` of a 30,000-row import under 3 s; a merge, an edit or a delete under 100 ms.

    python benchmarks/people_bench.py [--people 30000] [--store big.db] [--repeat 5]

Without ``--store`` it builds one with ``netlib demo --people N --no-report`` (a few
minutes). It then imports a second LinkedIn export of N new connections (timed: the undo
log's triggers are on), undoes it, and times the corrections on the store, and opening the
store as a command does (the quick check, in full and left out). Times are CPU seconds of
this process (``time.process_time``) or of the command's process (``RUSAGE_CHILDREN``),
medians of ``--repeat`` runs: other work on the machine changes wall times, not these.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netlib.demo.generator import generate
from netlib.store import Store
from netlib.store.maintenance import quick_check


def timed(func, *args, **kwargs):
    """(CPU seconds of this process, the result)."""
    start = time.process_time()
    out = func(*args, **kwargs)
    return time.process_time() - start, out


def children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(store: Path, *args) -> float:
    """CPU seconds of one netlib command (its own process, start-up included)."""
    start = children()
    proc = subprocess.run([sys.executable, "-m", "netlib", *args, "--store", str(store)], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return children() - start


def median_ms(times) -> str:
    return f"median {statistics.median(times) * 1000:.0f} ms (of {len(times)}, max {max(times) * 1000:.0f} ms)"


def opened(db: Path, *, forget: bool) -> float:
    """Opening the store as a command does (quick check included), then closing it."""
    if forget:
        db.with_name(db.name + "-checked").unlink(missing_ok=True)
    start = time.process_time()
    store = Store(db)
    quick_check(store)
    store.close()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--store", help="a store built by 'netlib demo --people N --no-report' (copied, not changed)")
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    n = opts.repeat
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "big.db"
        if opts.store:
            shutil.copy(opts.store, db)
        else:
            t = cli(db, "demo", "--people", str(opts.people), "--no-report")
            print(f"built a {opts.people:,}-people store in {t:.0f} s CPU")
        print(f"store: {db.stat().st_size / 1e6:.0f} MB")
        print(f"open + quick check in full: {median_ms([opened(db, forget=True) for _ in range(n)])}")
        print(f"open, files as netlib left them (check left out): {median_ms([opened(db, forget=False) for _ in range(n)])}")
        with Store(db) as store:
            print(f"store: {store.counts()}")
            times = []
            for _ in range(n):
                t, pairs = timed(store.duplicates)
                times.append(t)
            print(f"people dupes (library): median {statistics.median(times):.2f} s ({len(pairs):,} likely duplicate "
                  f"pairs)   goal < 2 s")
        times = [cli(db, "people", "dupes", "--json") for _ in range(n)]
        print(f"netlib people dupes --json (whole command): median {statistics.median(times):.2f} s   goal < 2 s")

        files = generate(tmp / "more", people=opts.people, seed=99)
        connections = files.get("Connections.csv") or next((tmp / "more").rglob("Connections.csv"))
        with Store(db) as store:
            store.command = "import Connections.csv"
            t, report = timed(store.import_file, connections, kind="linkedin")
            log = store.con.execute("SELECT COUNT(*) FROM undo_log").fetchone()[0]
            print(f"import of {opts.people:,} LinkedIn rows (undo log on): {t:.2f} s; {report.summary()}; "
                  f"{log:,} undo statements")
            t, step = timed(store.undo)
            print(f"undo of that import: {t:.2f} s ({step['changes']:,} changes reverted)   goal < 3 s")
            print(f"store after undo: {store.counts()}")

            ids = [r[0] for r in store.con.execute("SELECT id FROM people ORDER BY random() LIMIT 60")]
            edits, merges, deletes = [], [], []
            for i in range(10):
                store.command = "people edit"
                edits.append(timed(store.edit_person, ids[i], company="Costa Health", add_tags=["bench"],
                                   append_notes="benchmark")[0])
                store.command = "people merge"
                merges.append(timed(store.merge_people, ids[10 + 2 * i], ids[11 + 2 * i])[0])
                store.command = "people delete"
                deletes.append(timed(store.delete_person, ids[30 + i])[0])
            for name, times in (("edit", edits), ("merge", merges), ("delete", deletes)):
                print(f"{name} (library): {median_ms(times)}   goal < 100 ms")
            t, _ = timed(store.undo)
            print(f"undo of a delete: {t * 1000:.0f} ms")
        # whole commands: Python's start-up and imports, opening (check left out), the change
        start = cli(db, "people", "show", str(ids[0]))  # a first command after the library's writes checks in full
        print(f"netlib people show (whole command, quick check in full): {start:.2f} s")
        rest = iter(ids[40:])
        for name, args in (("edit", lambda: ("people", "edit", str(next(rest)), "--company", "X")),
                           ("merge", lambda: ("people", "merge", str(next(rest)), str(next(rest)))),
                           ("delete", lambda: ("people", "delete", str(next(rest))))):
            times = [cli(db, *args()) for _ in range(min(n, 5))]
            print(f"netlib people {name} (whole command, check left out): {median_ms(times)}")
        print(f"netlib undo (whole command): {cli(db, 'undo'):.2f} s")


if __name__ == "__main__":
    main()
