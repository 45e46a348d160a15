"""Time ``netlib report`` end to end against its floor, and the kernel's work stage by stage.

Run: ``python benchmarks/report_bench.py`` (``--people 30000``, ``--runs 5``, ``--store PATH``:
the store to use, built once with ``netlib demo --people N --no-report`` when missing, by
default ``/tmp/netlib-bench-<N>.db``; ``--stages-only`` skips the commands).

All in the same run, ``--runs`` times each, alternating, so a busy machine slows all alike:

- **report**: ``python -m netlib --store S report --month M --out DIR``, wall time;
- **floor**: ``papermill`` on a notebook of one empty cell, then ``jupyter nbconvert --to
  html`` on its output, each its own command: what any papermill report pays;
- **kernel's work**: in this one process, papermill on the report notebook minus papermill
  on the one-cell notebook (``netlib.report.runner``'s options);
- **stages**: the same steps the notebook's kernel takes, timed here in-process: importing
  ``netlib.report.MonthlyReport`` (in a fresh interpreter that has IPython, as a kernel has;
  the CPU of each part too), reading the store, the analysis
  (``MonthlyReport.load`` without the read), the 12-month history, the sections, the map,
  the files, and the HTML export (of the executed report and of the one-cell notebook).

Medians with the spread (best-worst) are printed; peak memory is each command's largest
process (``RUSAGE_CHILDREN`` of a fresh wrapper). Goals at 30,000 people: report <= floor,
kernel's work <= 2 s. Prints figures; no pass/fail.
"""

# Figures (2-core VM shared with other engineers' tests, so loads of 2-8; medians (best-worst)):
#   2026-11-26 with the preparer (netlib/prepared.py, a forked child beside the kernel):
#       report 2.3 s, floor (papermill + export in one process, no JupyterLab) 1.3 s
#   2026-12-02 no helper process, before the faster analysis (commit 6e10162): kernel's work
#       about 3.4 s on a quiet machine
#   2026-12-02, before (6e10162) and after (branch perf), alternating, --runs 2, load 1.7-2.8
#   (this VM ran papermill on one empty cell in 4.5-6 s as a command; quiet, about 1.6-2 s):
#                                    after                before
#       netlib report, end to end    11.57 (11.33-11.80)  14.85 (14.19-15.50)
#       floor                         9.07 (7.97-10.17)   11.66 (10.87-12.44)
#       report / floor                1.29 (1.16-1.42)     1.28 (1.14-1.43)
#       CPU report / floor           11.35 / 8.76         14.21 / 11.31
#       kernel's work                 5.46 (4.91-6.00)     6.28 (6.20-6.35)   CPU 5.33 / 6.24
#       stages (CPU): imports 1.65 / 1.67, read 1.53 / 1.59, analyse 1.46 / 1.82,
#       history 0.42 / 0.44, sections 0.12 / 0.12, map 0.57 / 0.62, HTML export 0.90 / 0.99
#   At load 6-10 (three alternating pairs, --runs 1): report / floor after 0.92, 0.99, 0.88,
#   before 1.30, 2.35, 0.84; CPU report after 13.5, 11.4, 10.4, before 12.7, 12.9, 13.5.
#   2026-12-03, branch speed (ed497dc..) against its base (95e83ea), --runs 3, load 6-8 (wall
#   times are 3-5x CPU here, so compare CPU):            speed              base
#       netlib report CPU / floor CPU                14.37 / 12.56 (1.14)  16.97 / 10.56 (1.61)
#       report / floor, wall (per run)                1.22 (1.11-1.34)      1.44 (0.91-1.69)
#       kernel's work, CPU                            5.67 (5.53-6.51)      9.39 (8.06-10.28)
#         again, --stages-only --runs 2, alternating  6.14, 5.40           10.55, 9.85
#       imports, CPU (IPython already loaded)         0.98                  about 4.2 (papermill, nbconvert,
#                                                                            jsonschema and rfc3987_syntax's
#                                                                            grammar: none needed by the kernel)
#       map, CPU (the alternating runs)               0.33, 0.25            0.63, 0.52
#       read the store, CPU (5 reads, alternating)    1.46                  1.66
#       analyse and history: unchanged (1.4-1.7 and 0.4-0.5 at these loads)
#   The kernel no longer imports networkx, pyvis, papermill or nbconvert; netlib.importers
#   (icalendar, vobject, ...: 0.25 s) was what was left to drop; it now loads only to import a file (netlib/importers/kinds.py).
#   2026-12-03, branch read (issue #11: the store read and the history) against its base
#   (c0d305c), on a copy of the 30,000-person store; load 3-6, so wall times are noise:
#     --stages-only --runs 1, three times each, alternating, CPU (medians; the runs):
#                                    read               base
#       read the store              1.18 (1.17-1.21)   1.45 (1.19-1.60)
#       history                     0.37 (0.33-0.38)   0.51 (0.47-0.54)
#     the snapshot read alone (Store.snapshot(summaries=False), 5 warm reads in each of 4
#     processes, alternating, while tests ran beside): CPU median 1.09 (0.82-1.17) against
#     1.31 (1.18-1.65); in instructions (valgrind cachegrind: a process reading 3 times
#     less one reading once, over 2): 4.50e9 against 5.56e9 a read (-19%); SQLite's own
#     work (group_concat and its integer-to-text) is now most of what is left;
#     history alone (5 calls in each of 3 processes, alternating): CPU median 0.38 (0.32-0.39)
#     against 0.45 (0.43-0.48); on a quieter moment, 4 processes: 0.33 against 0.46.
#   What made the difference: the read no longer asks SQLite for a CASE over every kind per
#   row, nor a sum(x IS NULL) per column, nor a second scan of the ties for 45 weights; numpy
#   codes the kinds, parses dates in integers, and sorts one folded key per row; the history
#   finds once the month each contact counts from and sums by np.add.reduceat (what pandas'
#   groupby does on sorted keys, checked at run time) instead of a groupby per month.
#   2026-12-03, branch gardenrest (issue #11: the non-weave analysis, the history, the
#   sections) against its base (7e095f1), on a copy of the 30,000-person demo store
#   (/tmp/gardenrest30k.db); other helpers' tests ran beside (load 3-8), so compare pairs:
#     --stages-only --runs 1, twice each, alternating, CPU:   gardenrest      base
#       analyse (MonthlyReport.load less the read)            1.42, 1.47      1.62, 1.66
#       history                                               0.22, 0.23      0.26, 0.39
#       sections                                              0.04, 0.03      0.08, 0.12
#     in one process (load without the read, history, sections), 5 runs in each of 3
#     processes, alternating, CPU medians:
#       analysis  1.33, 1.27, 1.34 against 1.66, 1.67, 1.31
#       history   0.25, 0.23, 0.22 against 0.32, 0.33, 0.31
#       sections  0.045, 0.042, 0.042 against 0.112, 0.119, 0.105
#     history alone, in instructions (valgrind cachegrind; a process calling it 3 times
#     less one calling it once, over 2; the garden's contacts and month summary given):
#     1.01e9 against 1.56e9 a call (0.65x)
#     analyse's steps (wrapped process_time timers, best of 7; weave not shown): contacts
#     0.105 / 0.116, as_of 0.028 / 0.044, weave checklist 0.018 / 0.037, cadence 0.001 /
#     0.010, goals 0.044 / 0.047 (about 0.02 / 0.05 at a quiet moment), others unchanged
#   What made the difference: the history reads each month's strengths off sums made once
#   for all months and computes exact floats only for those whose ring or was-strong could
#   turn on the last digits (rings.contested: 40-210 of 30,000 a month), takes the peaks
#   by month from one reduceat, codes the interaction kinds once (binary searches count the
#   months), and takes the last month from the garden's summary; Snapshot.as_of slices the
#   interactions when the cut keeps their first rows (no copy); contacts() skips the sorts
#   its input is already in; goals make their words once, in Python lists; the sections
#   count, look up and sort on arrays (no crosstab, no .loc per cluster).
#   Not reached: the history under 0.15 s (about 0.2 s on a quiet machine: its 12 months
#   are now many small array operations over 30,000 people, none above 4% of the
#   instructions in callgrind). Python's cyclic GC lands in whichever step allocates next
#   (_source's median 0.09 s against its best 0.013 s): left alone.
#   2026-12-03 (fourth session), main at 9a26c53 against 7e095f1, one after the other on a
#   quiet machine (load 0.5-0.9), --runs 2, bytecode compiled first (as an install has it):
#                                    9a26c53               7e095f1
#       netlib report / floor         0.93 (0.84-1.03)      0.96 (0.90-1.01)
#       report.html                   1.52 MB               3.30 MB
#       kernel's work, wall           2.90 (2.28-3.52)      3.70 (3.37-4.02)   CPU 3.08 / 3.84
#       its cells (papermill's clock) 2.58                  3.42
#         MonthlyReport.load          1.55                  2.17
#         imports cell                0.41                  0.41
#         numbers (the history)       0.23                  0.30
#         map                         0.20                  0.30
#       stages, CPU: read 0.76 / 0.88, analyse 0.75 / 1.17, history 0.18 / 0.26, sections
#       0.03 / 0.07, map 0.12 / 0.20, HTML export 0.38 / 0.54; their sum 2.40 / 3.09.
#   (papermill and nbconvert as commands start slowly here: importing papermill alone is
#   2.2 s of CPU with JupyterLab installed; the floor and netlib report both pay it.)
#   2026-12-03, branch s5-kernel (issue #11: the kernel's work after MonthlyReport.load, and the
#   HTML export) against its base (da77b76), on a copy of the 30,000-person store; other
#   helpers' tests ran beside (load 2-4), so CPU seconds, base and branch alternating:
#                                                          s5-kernel           base
#     the HTML export as netlib report makes it (once, in
#     a fresh process after papermill's save; 5 pairs)     0.29 (0.22-0.34)    0.78 (0.61-0.93)
#     stage "HTML export" (--stages-only --runs 2)         0.23 (0.17-0.30)    0.40 (0.24-0.56)
#     vis-network's blob (zlib 6, not 9; best of 10)       0.027               0.038
#     netlib report, end to end, CPU of the command and its children (4 pairs): 7.26 (6.21-7.84)
#     against 7.30 (6.35-8.27), pair by pair -0.96, -0.17, -0.39, +0.86: at this load the
#     kernel's own stages moved by more than the export saves (the full run, --runs 2, at
#     load 4: report / floor 0.97 both; the same analyse took 1.07 and 0.78).
#   What made the difference: nbconvert's HTMLExporter ends by parsing the page with
#   BeautifulSoup, selecting three CSS selectors (the first select in a process compiles
#   soupsieve's patterns, paid by every netlib report) and writing the page again, only to add
#   tabindex="0" to its cells' wrappers and outputs (and an alt to any <img>); and nbconvert
#   validated the notebook after each of its dozen preprocessors, now once.
#   The lead kept the same BeautifulSoup parse with find_all instead of the branch's in-place
#   regex rewrite (which skipped the parse too, the 0.29 above): a parser of our own for a few
#   tenths of a second is the cleverness the house avoids. export_html on the same executed
#   30,000-person notebook, fresh processes, CPU, three alternating runs: main 0.74, 0.94,
#   1.05; find_all 0.68, 0.65, 0.74; the regex rewrite 0.41, 0.50, 0.39.
#   Where the kernel's time after the load goes, cell by cell (kernel CPU from IPython's
#   pre/post_run_cell events, papermill's clock beside, one run at load 2): the numbers cell
#   (the 12-month history) 0.21 / 0.22, the map 0.17 / 0.20 (vis-network's blob 0.04, the
#   map's template compiled 0.02, columns 0.06, packing 0.04), the 16 tables and checklists
#   1-20 ms of CPU each (0.05 together) but 7-13 ms each on papermill's clock: what a cell
#   costs in messages between kernel and papermill, an empty one too (about 0.15 s in all).
#   The map cell's 1.2 MB output costs little beyond its making (formatting and sending it,
#   under 0.01 s in the kernel); papermill saves the notebook once (request_save_on_cell_execute
#   is off), and the export holds the map out of its template.
#   Not done: the history (0.2 s) is many small array operations; its largest single part,
#   the last day's per-row peaks (strength.peaks, 0.023 s), could be skipped for the people
#   never near strong_strength if the garden kept its peak_strength column; its kinds are
#   factorized from strings (0.017 s) where the store has codes (a categorical kind column
#   would make that free): both outside this branch's files.
#   2026-12-03 (fifth session), main at 5c671ac (branches s5-facts, s5-weave, s5-read, s5-kernel
#   and their reviews) against da77b76, one after the other, load 0.8-0.9, --runs 2:
#                                    5c671ac               da77b76
#       netlib report / floor         0.88 (0.84-0.91)      0.85 (0.78-0.91)   (both meet it; noise)
#       kernel's work, wall           2.81 (2.72-2.89)      3.14 (3.05-3.24)   CPU 3.00 / 3.37
#         MonthlyReport.load          1.41                  1.68
#         imports cell                0.47                  0.51
#         numbers (the history)       0.22                  0.24
#         map                         0.22                  0.20
#       stages, wall: read 0.55 / 0.82, analyse 0.83 / 0.92, history 0.20 / 0.26, sections
#       0.03 / 0.05, map 0.12 / 0.16, HTML export 0.27 / 0.61; their sum 2.14 / 2.59.
#   Not merged: branch s5-hist (the history 0.30 -> 0.24 s alone, 0.29 -> 0.27 as a stage), for
#   a second way of computing peaks (peaks_near, to 1e-13 where peaks is exact to its own
#   floats) and kind codes passed around on a count check: too clever for 20-50 ms.
#   2026-12-03, branch s6-hist (s5-hist's simple parts, and a cadence take) against main
#   (fe8254d), copy of the 30,000-person store, load 5-9 (others' tests), CPU:
#                                                      s6-hist             main
#     stage "history" (--stages-only --runs 2, 3 alternating pairs; medians)
#                                                      0.21, 0.20, 0.25    0.29, 0.30, 0.29
#     history alone as the report calls it (main's and the branch's history.py in one
#     process, 30 alternating calls): median 0.253 / 0.289 s, best 0.242 / 0.279
#   Left: peaks on the last day's 350,000 rows (0.03 s, logaddexp.accumulate), eleven months
#   of rings' array rules (eligible_rings' masked writes about 0.8 ms a call, two calls a
#   month; health_codes' select 1 ms), kinds factorized from 180,000 strings (9 ms).
#   2026-12-03 (sixth session), main at f76474c (s6-hist, s6-analyse, s6-map, s6-display,
#   s6-scrub and review) against fe8254d, one after the other, load 0.7-1.3 (this VM ran
#   papermill on one empty cell in 4.4-5.2 s as a command that hour, twice as slow as before),
#   --runs 2:                        f76474c               fe8254d
#       netlib report / floor         0.86 (0.81-0.92)      0.94 (0.82-1.06)
#       kernel's work, wall           3.03 (2.58-3.47)      2.90 (2.65-3.14)   CPU 3.23 / 3.07
#       stages, CPU: read 0.62 / 0.67, analyse 0.90 / 0.86, history 0.23 / 0.24, map 0.14 /
#       0.13, HTML export 0.38 / 0.33: the session's gains (history about -0.04 s, the map's
#       first call -25% of its instructions, analyse -2.5% of them) are below this noise.
#   2026-12-03 (eighth session), main at ca5cc88 on a quiet 2-core AMD EPYC VM (load 0.1-1,
#   nothing else running), a fresh copy of the 30,000-person store each time:
#                                    --runs 2              --runs 4
#       netlib report, end to end    6.54 (5.57-7.51)      5.48 (5.26-6.49)
#       floor                        7.99 (6.01-9.96)      6.97 (5.82-7.13)
#       report / floor               0.84 (0.75-0.93)      0.85 (0.76-0.94)    goal <= 1
#       kernel's work                1.78 (1.78-1.79)      1.91 (1.52-2.03)    goal <= 2 s
#         its CPU                    1.90                  1.94
#       stages, CPU: imports 0.42 / 0.40 (numpy and pandas 0.32 / 0.31), read 0.38, analyse 0.53,
#       history 0.11, sections 0.02, map 0.08, HTML export 0.19.
#   Of the kernel's work, about 0.15 s is papermill's own per-cell cost: papermill on 21 cells
#   holding `1` took 1.16 s against 1.01 s for one (medians of 4, alternating), about 7.5 ms a cell;
#   the report has 21 code cells, each after its own narrative, so that cost stays.
#   In the load (a second MonthlyReport.load with its numbers and map in one process, 0.99 s CPU)
#   the cyclic garbage collector took 0.06 s (one full collection 0.05 s); in a first load, with the
#   imports, 0.10 s of 1.58 s.
#   At the end of the session on main 2922286 (--runs 3, load 1-1.9, the VM slower that hour:
#   papermill on one empty cell 0.98 s in-process against 0.76-0.79 above, imports 0.53 s CPU
#   against 0.40-0.42, about 27% slower both, neither touched by netlib's code):
#       report / floor 0.89 (0.83-0.96); kernel's work 2.25 s (2.21-2.56), about 1.75 s at the
#       speed of the runs above; stages, CPU: read 0.48, analyse 0.76, history 0.14, map 0.12.
# Figures that used to sit in docstrings and comments of netlib/ (2026-11, 30,000 people):
#   store read: the interactions' summary text was about a third of the fetch (hence
#   summaries=False); the cyclic GC, left on, cost about a third of the fetch time; numpy
#   types 300,000 fetched ints in about a tenth of pandas' inference time;
#   HTML export: BeautifulSoup's pass over the 3 MB map took about a sixth of a second
#   (hence the map held out of it); the weave: a hash index found closing wedges about
#   twice as fast as a binary search.

from __future__ import annotations

import argparse
import compileall
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process it waited for
print(json.dumps({"rc": code.returncode, "wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "peak_mb": use.ru_maxrss / 1024, "err": code.stderr[-800:]}))
"""


def measure(cmd: list[str]) -> dict:
    """Wall time and peak memory of one command, run by a fresh wrapper process."""
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *map(str, cmd)], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"]:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{result['err']}")
    return result


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def cpu_now() -> float:
    """CPU seconds of this process and of every child it has waited for (kernels included)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def one_cell_notebook(path: Path) -> Path:
    """A notebook of one empty code cell, with the report notebook's kernel."""
    source = nbformat.read(str(ROOT / "netlib" / "notebooks" / "monthly_report.ipynb"), as_version=4)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")], metadata=source.metadata)
    nbformat.write(nb, str(path))
    return path


def store_and_month(path: Path, people: int) -> str:
    if not path.exists():
        print(f"building {path} ({people:,} people) ...", flush=True)
        subprocess.run([sys.executable, "-m", "netlib", "demo", "--people", str(people), "--no-report", "--store",
                        str(path)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # a benchmark, not the library: it may read SQL
    last = con.execute("SELECT MAX(date) FROM interactions").fetchone()[0]
    con.close()
    return last[:7]


def commands(store: Path, month: str, work: Path, runs: int) -> dict:
    """The report and the floor, alternating, each command on its own."""
    empty = one_cell_notebook(work / "empty.ipynb")
    out = {"report": [], "papermill": [], "nbconvert": [], "floor": [], "report_mb": [], "floor_mb": [],
           "report_cpu": [], "floor_cpu": []}
    for _ in range(runs):
        r = measure([sys.executable, "-m", "netlib", "--store", store, "report", "--month", month,
                     "--out", work / "report"])
        p = measure([sys.executable, "-m", "papermill", "-k", "python3", "--no-progress-bar", empty,
                     work / "empty.out.ipynb"])
        c = measure([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", work / "empty.out.ipynb"])
        out["report"].append(r["wall"])
        out["papermill"].append(p["wall"])
        out["nbconvert"].append(c["wall"])
        out["floor"].append(p["wall"] + c["wall"])
        out["report_mb"].append(r["peak_mb"])
        out["report_cpu"].append(r["cpu"])
        out["floor_cpu"].append(p["cpu"] + c["cpu"])
        out["floor_mb"].append(max(p["peak_mb"], c["peak_mb"]))
    out["html_mb"] = (work / "report" / "report.html").stat().st_size / 1e6
    return out


def kernel(store: Path, month: str, work: Path, runs: int) -> dict:
    """papermill on the report notebook and on the one-cell notebook, in this process."""
    import papermill as pm

    from netlib.report.runner import NOTEBOOK

    from jupyter_client.manager import KernelManager

    empty = one_cell_notebook(work / "empty.ipynb")
    options = dict(kernel_name="python3", progress_bar=False, log_output=False, request_save_on_cell_execute=False)
    out = {"report": [], "empty": [], "work": [], "work_cpu": [], "cells": {}}

    def run(source, folder, name, **more):
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(folder / f".{name}"))  # as netlib report
        try:
            return pm.execute_notebook(str(source), str(folder / f"{name}.ipynb"), cwd=str(folder), km=km, **options,
                                       **more)
        finally:
            km.shutdown_kernel(now=True)

    for k in range(runs):
        folder = work / f"kernel-{k}"
        folder.mkdir()
        t, c = time.perf_counter(), cpu_now()
        nb = run(NOTEBOOK, folder, "report", parameters={"month": month, "store": str(store), "out_dir": str(folder)})
        report, report_cpu = time.perf_counter() - t, cpu_now() - c
        t, c = time.perf_counter(), cpu_now()
        run(empty, folder, "empty")
        blank, blank_cpu = time.perf_counter() - t, cpu_now() - c
        out["work_cpu"].append(report_cpu - blank_cpu)
        out["report"].append(report)
        out["empty"].append(blank)
        out["work"].append(report - blank)
        for cell in (c for c in nb.cells if c.cell_type == "code"):  # papermill's own clock, cell by cell
            line = next((x for x in cell.source.splitlines() if x.strip() and not x.startswith("#")), "")
            out["cells"].setdefault(line[:44], []).append(cell.metadata.papermill.get("duration") or 0.0)
    out["executed"] = (work / "kernel-0" / "report.ipynb", work / "kernel-0" / "empty.ipynb")
    return out


#: What the kernel imports, in a fresh interpreter that has IPython (a kernel has it before
#: any cell runs): the CPU seconds of each part, in the order they load.
_IMPORTS = """
import json, time
import IPython.display
parts, t, c = {}, time.perf_counter(), time.process_time()
def part(name, clock=[time.process_time()]):
    now = time.process_time(); parts[name] = now - clock[0]; clock[0] = now
import numpy, pandas; part("numpy and pandas")
import netlib.importers; part("netlib.importers (icalendar, vobject, ...)")
import netlib.store, netlib.garden; part("netlib.store and netlib.garden")
from netlib.report import MonthlyReport; part("netlib.map and netlib.report.content")
import sys
heavy = [m for m in ("networkx", "pyvis", "papermill", "nbconvert") if m in sys.modules]
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "heavy": heavy, **parts}))
"""


def stages(store: Path, month: str, work: Path, runs: int, executed) -> dict:
    """The kernel's steps, in this process (imports: a fresh interpreter's)."""
    from netlib.garden import analyse, month_summary, report_date
    from netlib.garden.strength import contacts as contacts_of
    from netlib.report import MonthlyReport
    from netlib.report.page import export_html
    from netlib.report.tables import CHECKLIST_TITLES
    from netlib.store import Store
    from netlib.store.settings import merge

    names = ["imports", "read the store", "analyse", "history", "sections", "map", "files", "HTML export",
             "HTML export, one cell"]
    out = {name: [] for name in names}
    out.update({name + " CPU": [] for name in names})
    for k in range(runs):
        t = subprocess.run([sys.executable, "-c", _IMPORTS], capture_output=True, text=True, check=True)
        got = json.loads(t.stdout)
        out["imports"].append(got.pop("wall"))
        out["imports CPU"].append(got.pop("cpu"))
        heavy = got.pop("heavy")
        for name, cpu in got.items():
            out.setdefault("imports: " + name, []).append(cpu)
        clock, cpu = time.perf_counter(), time.process_time()

        def lap(name):
            nonlocal clock, cpu
            now, now_cpu = time.perf_counter(), time.process_time()
            out[name].append(now - clock)
            out[name + " CPU"].append(now_cpu - cpu)
            clock, cpu = now, now_cpu

        with Store(store, create=False) as s:  # MonthlyReport.load's steps, apart
            snapshot = s.snapshot(summaries=False)
        lap("read the store")
        day = report_date(month)
        cut = snapshot.as_of(day)
        garden = analyse(cut, day, contacts_rows=contacts_of(cut, merge(snapshot.settings or {})))
        report = MonthlyReport(garden=garden, summary=month_summary(garden), owner="You", redacted=False,
                               keep_companies=False, snapshot=snapshot, _contacts=garden.contacts)
        lap("analyse")
        report.history
        lap("history")
        report.header(), report.numbers_table(), report.rings_image(), report.rings_table(), report.trends()
        for name in CHECKLIST_TITLES:
            report.checklist_table(name, 15)
        report.more_table(15)
        report.events_table(15), report.reciprocity_table(15), report.clusters_table(15), report.bridges_table(15)
        lap("sections")
        report.map_widget()
        lap("map")
        folder = work / f"files-{k}"
        folder.mkdir()
        report.write_files(folder)
        lap("files")
        export_html(executed[0], folder / "report.html")
        lap("HTML export")
        export_html(executed[1], folder / "empty.html")
        lap("HTML export, one cell")
    out["imported too"] = heavy
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each (medians and spread are printed)")
    parser.add_argument("--store", help="the store (built when missing; default /tmp/netlib-bench-<N>.db)")
    parser.add_argument("--stages-only", action="store_true", help="only the kernel's work and its stages")
    args = parser.parse_args(argv)
    store = Path(args.store or f"/tmp/netlib-bench-{args.people}.db").absolute()
    # An installed netlib has its bytecode compiled (pip does it); a source tree run with
    # PYTHONDONTWRITEBYTECODE=1 (as this VM sets) would compile every module again in each
    # process, about 0.2 s of "imports" no user pays.
    compileall.compile_dir(str(ROOT / "netlib"), quiet=1)
    month = store_and_month(store, args.people)
    work = Path(tempfile.mkdtemp(prefix="netlib-report-bench-"))
    try:
        print(f"store {store} ({args.people:,} people), month {month}, {args.runs} runs; median (best-worst)")
        if not args.stages_only:
            (work / "commands").mkdir()
            c = commands(store, month, work / "commands", args.runs)
            ratio = [r / f for r, f in zip(c["report"], c["floor"])]
            print(f"netlib report, end to end     {spread(c['report'])}   peak "
                  f"{statistics.median(c['report_mb']):.0f} MB, report.html {c['html_mb']:.2f} MB")
            print(f"floor: papermill + nbconvert  {spread(c['floor'])}   peak {statistics.median(c['floor_mb']):.0f} MB")
            print(f"   papermill, one empty cell  {spread(c['papermill'])}")
            print(f"   jupyter nbconvert --to html{spread(c['nbconvert'])}")
            print(f"   CPU: report {spread(c['report_cpu'])}, floor {spread(c['floor_cpu'])}")
            print(f"report / floor (per run)      {statistics.median(ratio):6.2f}   ({min(ratio):.2f}-{max(ratio):.2f})"
                  f"   goal <= 1")
        (work / "kernel").mkdir()
        k = kernel(store, month, work / "kernel", args.runs)
        print(f"papermill, report notebook    {spread(k['report'])}")
        print(f"papermill, one empty cell     {spread(k['empty'])}")
        print(f"the kernel's work (difference){spread(k['work'])}   goal <= 2 s")
        print(f"   the same in CPU seconds    {spread(k['work_cpu'])}   (kernel and papermill processes)")
        cells = k["cells"]
        total = [sum(v[i] for v in cells.values()) for i in range(args.runs)]
        print(f"   its cells, papermill's clock{spread(total)}   (the slowest; the rest together)")
        slow = sorted(cells, key=lambda n: -statistics.median(cells[n]))
        for name in slow[:5]:
            print(f"      {name:44s}{spread(cells[name])}")
        print(f"      {f'the other {len(slow) - 5} cells':44s}"
              f"{spread([sum(cells[n][i] for n in slow[5:]) for i in range(args.runs)])}")
        s = stages(store, month, work / "kernel", args.runs, k["executed"])
        heavy = s.pop("imported too")
        print("the kernel's work by stage (in-process; imports in a fresh interpreter): wall | CPU")
        for name, values in s.items():
            if not name.endswith(" CPU") and not name.startswith("imports: "):
                print(f"   {name:27s}{spread(values)} | {spread(s[name + ' CPU'])}")
            if name == "imports":  # its parts, in CPU seconds
                for part in (n for n in s if n.startswith("imports: ")):
                    print(f"      {part[9:]:42s} CPU {spread(s[part])}")
                print(f"      of networkx, pyvis, papermill, nbconvert: {', '.join(heavy) or 'none'} imported")
        kernel_stages = [n for n in s if not n.startswith(("HTML", "imports: ")) and not n.endswith(" CPU")]
        inside = [sum(s[n][i] for n in kernel_stages) for i in range(args.runs)]
        inside_cpu = [sum(s[n + " CPU"][i] for n in kernel_stages) for i in range(args.runs)]
        print(f"   {'sum of the kernel stages':27s}{spread(inside)} | {spread(inside_cpu)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
