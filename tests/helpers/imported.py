"""Import the modules named on the command line, then print which of the HEAVY ones
(given after ``--``) were loaded on the way, as a Python list.

    python -m helpers.imported netlib.cli netlib.report.runner -- pandas numpy
"""

import importlib
import sys


def main(argv: list[str]) -> None:
    split = argv.index("--")
    for name in argv[:split]:
        importlib.import_module(name)
    print([m for m in argv[split + 1:] if m in sys.modules])


if __name__ == "__main__":
    main(sys.argv[1:])
