"""Time :func:`netlib.garden.terms.shown` on texts that hold runs of bidirectional controls.

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

from __future__ import annotations

import argparse
import statistics
import time

from netlib.garden.terms import SHOWN_LONG, shown


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


if __name__ == "__main__":
    main()
