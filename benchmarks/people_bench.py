"""Correcting people at LinkedIn's cap: duplicates, undo, merge, edit and delete at 30,000 people.

Prints figures; never fails. Goals on a 2-core machine (issue 13): ``people dupes`` under
2 s; ``undo`` of a 30,000-row import under 3 s; a merge, an edit or a delete under 100 ms.

    python benchmarks/people_bench.py [--people 30000] [--store big.db]

Without ``--store`` it builds one with ``netlib demo --people N --no-report`` (a few
minutes). It then imports a second LinkedIn export of N new connections (timed: the undo
log's triggers are on), undoes it, and times the corrections on the store.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netlib.demo.generator import generate
from netlib.store import Store


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return time.perf_counter() - start, out


def cli(store: Path, *args) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "netlib", *args, "--store", str(store)], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--store", help="a store built by 'netlib demo --people N --no-report' (copied, not changed)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "big.db"
        if opts.store:
            shutil.copy(opts.store, db)
        else:
            t = cli(db, "demo", "--people", str(opts.people), "--no-report")
            print(f"built a {opts.people:,}-people store in {t:.0f} s")
        with Store(db) as store:
            print(f"store: {store.counts()}")
            t, pairs = timed(store.duplicates)
            print(f"people dupes: {t:.2f} s ({len(pairs):,} likely duplicate pairs)   goal < 2 s")
        print(f"netlib people dupes (whole command): {cli(db, 'people', 'dupes', '--json'):.2f} s")

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

            ids = [r[0] for r in store.con.execute("SELECT id FROM people ORDER BY random() LIMIT 30")]
            edits, merges, deletes = [], [], []
            for i in range(10):
                store.command = "people edit"
                edits.append(timed(store.edit_person, ids[i], company="Costa Health", add_tags=["bench"],
                                   append_notes="benchmark")[0])
                store.command = "people merge"
                merges.append(timed(store.merge_people, ids[10 + 2 * (i // 2)], ids[11 + 2 * (i // 2)])[0]
                              if i % 2 == 0 else 0)
                store.command = "people delete"
                deletes.append(timed(store.delete_person, ids[20 + i])[0])
            merges = [m for m in merges if m]
            for name, times in (("edit", edits), ("merge", merges), ("delete", deletes)):
                print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, "
                      f"max {max(times) * 1000:.0f} ms   goal < 100 ms")
            t, _ = timed(store.undo)
            print(f"undo of a delete: {t * 1000:.0f} ms")
        print(f"netlib people edit (whole command): {cli(db, 'people', 'edit', str(ids[0]), '--company', 'X'):.2f} s")
        print(f"netlib undo (whole command): {cli(db, 'undo'):.2f} s")


if __name__ == "__main__":
    main()
