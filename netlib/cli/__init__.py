"""The ``netlib`` command: a thin shell over the library.

The library raises :class:`netlib.errors.NetlibError`; the CLI turns each into one clear
line on stderr and a non-zero exit. It is the only place that prints. Each module here
holds a group of commands and registers their parsers: :mod:`~netlib.cli.data` (the store
itself), :mod:`~netlib.cli.people` (people and what happened), :mod:`~netlib.cli.garden`
(what the garden says).
"""

from __future__ import annotations

import argparse
import os
import sys

from netlib import __version__, errors
from netlib.cli import data, garden, people

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                        help="the store file (default: $NETLIB_STORE or data/garden.db)")
    parser = argparse.ArgumentParser(
        prog="netlib", parents=[common],
        description="See, tend and weave your professional network.",
        epilog="Example: netlib import ~/Downloads/Connections.csv && netlib checklist",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"netlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, func, help, example):
        p = sub.add_parser(name, parents=[common], help=help, description=help,
                           epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    for group in (data, people, garden):
        group.register(command, common)
    return parser


def _label(argv) -> str:
    """The command as ``netlib undo --list`` shows it: its words, without ``--store PATH``."""
    words, skip = [], False
    for word in argv:
        if skip or word == "--store":
            skip = not skip
            continue
        if not word.startswith("--store="):
            words.append(word if len(word) <= 40 else word[:39] + "…")
    return " ".join(words)[:200]


def main(argv=None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)
    args.label = _label(argv)
    if not hasattr(args, "store"):  # --store may come before or after the command
        args.store = None
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except errors.NetlibError as err:
        print(f"netlib: error: {err}", file=sys.stderr)
        return 1
    except (IsADirectoryError, FileExistsError, NotADirectoryError, PermissionError) as err:
        print(f"netlib: error: {err.filename}: {err.strerror}; choose another path",
              file=sys.stderr)
        return 1
    except BrokenPipeError:  # `netlib people | head`: the reader left; that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("netlib: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
