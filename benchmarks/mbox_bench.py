"""Importing a big mbox: netlib's header-only reader against the standard library, same file, same run.

Generates a mailbox of about ``--mb`` megabytes in a temporary folder (a quarter of the
messages carry a base64 attachment, as a real mailbox does; mailing lists, spam and a few
``From `` body lines mixed in), then times, each in a process of its own so peaks are apart:

1. reading the file's bytes (the disk's floor);
2. ``netlib import`` of it into a fresh store (the whole command: reading, writing, committing);
3. ``mailbox.mbox`` reading only ``From`` and ``Date`` of each message.

Prints MB/s, seconds and peak memory (max RSS) of each, and the speed-up. Never fails.
Goals: peak under 400 MB for 1 GB, at least 3x faster than the standard library.

    python benchmarks/mbox_bench.py [--mb 1024]
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ME = "alex.morgan@example.com"


def generate(path: Path, megabytes: int, seed: int = 7) -> int:
    """Write an mbox of about ``megabytes`` MB; returns the number of messages."""
    rng = random.Random(seed)
    blob = base64.encodebytes(rng.randbytes(3 << 20)).decode()  # sliced for every attachment
    people = [f"person{i}@example.org" for i in range(3000)]
    target, size, n = megabytes << 20, 0, 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        while size < target:
            n += 1
            day = 1 + n % 28
            other = rng.choice(people)
            mine = rng.random() < 0.4
            frm, to = (ME, other) if mine else (other, ME)
            kind = rng.random()
            extra = ""
            if kind < 0.10:
                extra = "List-Id: <news.example.org>\nList-Unsubscribe: <mailto:x@example.org>\n"
            elif kind < 0.13:
                extra = "X-Gmail-Labels: Spam\n"
            head = (f"From {n}@xxx Mon Mar {day:2d} 10:{n % 60:02d}:00 +0000 2026\n"
                    f"X-GM-THRID: {n // 3}\nMessage-ID: <{n}@bench.example>\n"
                    f"Date: Mon, {day} Mar 2026 10:{n % 60:02d}:00 +0000\nFrom: Person {n % 3000} <{frm}>\n"
                    f"To: {to}\nCc: {rng.choice(people)}\nSubject: Message {n}\n{extra}")
            if rng.random() < 0.25:
                start = rng.randrange(0, len(blob) - (300 << 10))
                length = rng.randrange(20 << 10, 300 << 10)
                body = ('Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee attached.\n'
                        f'--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n'
                        f'{blob[start:start + length]}\n--b--\n')
            else:
                lines = [f"Line {i} of a note about things, message {n}." for i in range(rng.randrange(5, 60))]
                if n % 50 == 0:
                    lines.insert(2, "From what I hear, this line starts like a separator.")
                    lines.insert(3, ">From a quoted line.")
                body = "Content-Type: text/plain\n\n" + "\n".join(lines) + "\n"
            text = head + body + "\n"
            fh.write(text)
            size += len(text)
    return n


def run_measured(cmd: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of a command run as a process of its own (its own max RSS)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        errors.seek(0)
        err = errors.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        print(err.decode(errors="replace")[-2000:], file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, out.decode(errors="replace").strip()


READ = "import sys\nwith open(sys.argv[1], 'rb') as f:\n    while f.read(8 << 20): pass"
STDLIB = ("import mailbox, sys\nn = 0\nfor m in mailbox.mbox(sys.argv[1]):\n    m['From'], m['Date']\n    n += 1\n"
          "print(n, 'messages')")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=1024, help="size of the generated mbox in MB (default 1024)")
    parser.add_argument("--no-stdlib", action="store_true", help="skip the standard library's run (slow)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "All mail Including Spam and Trash.mbox"
        t = time.perf_counter()
        n = generate(path, opts.mb)
        mb = path.stat().st_size / (1 << 20)
        print(f"generated {mb:,.0f} MB, {n:,} messages in {time.perf_counter() - t:.1f} s")
        rows = [("read the bytes (the floor)", run_measured([sys.executable, "-c", READ, str(path)]))]
        store = Path(tmp) / "garden.db"
        rows.append(("netlib import", run_measured([sys.executable, "-m", "netlib", "--store", str(store), "import",
                                                    "--me", ME, str(path)])))
        if not opts.no_stdlib:
            rows.append(("mailbox.mbox, From and Date", run_measured([sys.executable, "-c", STDLIB, str(path)])))
        for label, (secs, peak, out) in rows:
            print(f"{label:<30} {secs:8.1f} s  {mb / secs:8.1f} MB/s  peak {peak:7.0f} MB")
            if out:
                print("    " + out.replace("\n", "\n    "))
        if len(rows) == 3:
            print(f"netlib is {rows[2][1][0] / rows[1][1][0]:.1f}x faster than mailbox.mbox "
                  f"(goal: 3x); peak {rows[1][1][1]:.0f} MB (goal: under 400 MB)")


if __name__ == "__main__":
    main()
