"""Time :func:`netlib.garden.terms.shown` on texts that hold runs of bidirectional controls
(and :func:`~netlib.garden.terms.html_shown` on hostile right-to-left text).

Run: ``python benchmarks/shown_bench.py`` (``--chars 4000000``, ``--runs 5``). A field of
millions of U+202E (an importer takes a cell of up to 16 MiB) is shown as nothing: ``shown``
must read all of it, and each read is one ``_BIDI.sub``; a pattern that took the controls one
at a time paid a match per character, on each doubling of the prefix read. Prints the CPU time
(``time.process_time``) of one call, median and best-worst of ``--runs``; no pass/fail.
"""

# Figures (2-core VM shared with other helpers; median (best-worst) of 5; --chars 4000000):
#   2026-12-03 merge8, one control a match (most=200): controls only 1.54 s, controls then 300
#       letters 1.01 s; MonthlyReport.load, file_texts and tables with a 4M-control name and
#       note 11 s (3 runs; main, which kept the controls: 0.3 s)
#   2026-12-03 a run of controls a match (s7-review): 0.036 s, 0.038 s; the report's 0.7 s
#   2026-12-03 html_shown at SHOWN_LONG (s7-review2; median of 7 x 200 calls, per call): Latin 10 us;
#       Arabic letter and space alternating 0.28 ms; a letter, 1,998 spaces, "x" 0.31 ms; (letter, 19 spaces,
#       "x") x 95 0.56 ms; "letter, " x 666 (666 runs) 1.8 ms. _RUN alone on a letter, n spaces, "x":
#       n=2,000 0.25 ms, 20,000 2.4 ms, 200,000 23 ms: linear (every repetition takes a letter; a failed gap
#       backtracks once), no super-linear case found

from __future__ import annotations

import argparse
import statistics
import time

from netlib.garden.terms import SHOWN_LONG, html_shown, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=4_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = {"controls only": "\u202e" * args.chars, "controls then 300 letters": "\u202e" * args.chars + "x" * 300,
             "control, letter, ...": "\u202ex" * (args.chars // 2)}
    for label, text in texts.items():
        for most in (200, SHOWN_LONG):
            times = []
            for _ in range(args.runs):
                start = time.process_time()
                shown(text, most)
                times.append(time.process_time() - start)
            print(f"{label:28} most={most:5}: {statistics.median(times):.3f} s ({min(times):.3f}-{max(times):.3f})")
    arabic = "\u0633"  # right-to-left runs for html_shown: hostile gaps, many runs (cut at SHOWN_LONG)
    for label, text in {"letter and space": (arabic + " ") * 1000, "letter, spaces, x": arabic + " " * 1998 + "x",
                        "letter, comma, space": (arabic + ", ") * 666}.items():
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            for _ in range(100):
                html_shown(text, SHOWN_LONG)
            times.append((time.process_time() - start) / 100)
        low, mid, high = (1e3 * t for t in (min(times), statistics.median(times), max(times)))
        print(f"html_shown {label:20}: {mid:.2f} ms ({low:.2f}-{high:.2f})")


if __name__ == "__main__":
    main()
