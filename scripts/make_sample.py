"""Write netlib's synthetic sample network.

Example:
    python scripts/make_sample.py                      # the committed sample, netlib/demo/sample/
    python scripts/make_sample.py --people 30000 --out /tmp/big
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from netlib.demo.generator import generate

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300, help="people in the network (default 300)")
    parser.add_argument("--out", type=Path, default=ROOT / "netlib" / "demo" / "sample", help="folder to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    paths = generate(args.out, people=args.people, seed=args.seed)
    for role, path in paths.items():
        print(f"{role:>12}  {path}  ({path.stat().st_size:,} bytes)")
    print(f"done in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
