"""Import throughput at LinkedIn's cap: 30,000 connections (and the rest of a big network).

Prints figures; never fails. Goal on a 2-core machine: LinkedIn 30,000 rows imported in
under 3 s, peak memory under 500 MB.

    python benchmarks/import_bench.py [--people 30000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netlib.demo.build import SAMPLE_ORDER
from netlib.demo.generator import generate


def run(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "netlib", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return elapsed, proc.stdout.strip().splitlines()[0]  # the summary line, not the notes under it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=30_000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        files = generate(tmp / "net", people=opts.people)
        print(f"generated {opts.people:,} people in {time.perf_counter() - t:.1f} s")
        db = tmp / "garden.db"
        subprocess.run([sys.executable, "-m", "netlib", "init", "--store", str(db), "--me", "alex.morgan@example.com"],
                       check=True, capture_output=True)  # the sample's owner: the mbox needs to know you
        print(f"{'file':<22}{'rows':>10}{'seconds':>10}{'rows/s':>10}  (each in its own process)")
        for name, kind in SAMPLE_ORDER:  # the order netlib demo uses: contacts first
            path = tmp / "net" / name
            if not path.exists():
                continue
            with open(path, "rb") as fh:  # lines, for the .vcf, .ics and .mbox (and the ZIP's bytes)
                rows = sum(1 for _ in fh) - 1
            seconds, summary = run(["import", str(path), "--kind", kind, "--store", str(db)])
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"{name:<22}{rows:>10,}{seconds:>10.2f}{rows / seconds:>10,.0f}  peak RSS so far {peak / 1024:.0f} MB")
            print(f"    {summary}")
        seconds, summary = run(["import", str(tmp / "net" / "Connections.csv"), "--store", str(db)])
        print(f"re-import of Connections.csv (nothing changes): {seconds:.2f} s; {summary}")
        print("goal: Connections.csv at 30,000 rows < 3 s (process start included), peak < 500 MB")
        del files


if __name__ == "__main__":
    main()
