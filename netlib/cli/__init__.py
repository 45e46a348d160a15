"""The ``netlib`` command: a thin shell over the library.

The library raises :class:`netlib.errors.NetlibError`; the CLI turns each into one clear
line on stderr and a non-zero exit. It is the only place that prints. Each module here
holds a group of commands and registers their parsers: :mod:`~netlib.cli.data` (the store
itself), :mod:`~netlib.cli.people` (people and what happened), :mod:`~netlib.cli.garden`
(what the garden says), :mod:`~netlib.cli.plans` (plans), :mod:`~netlib.cli.lab` (JupyterLab).
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading

from netlib import __version__, errors
from netlib.cli import data, garden, lab, people, plans
from netlib.cli.common import terminal_text

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                        help="the store file (default: $NETLIB_STORE, else ~/.local/share/netlib/garden.db)")
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

    for group in (data, people, garden, plans, lab):
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
    previous = signal.signal(signal.SIGTERM, _terminated) if _main_thread() else None
    try:
        return args.func(args) or 0
    except errors.NetlibError as err:
        print(f"netlib: error: {terminal_text(err)}", file=sys.stderr)
        return 1
    except (IsADirectoryError, FileExistsError, NotADirectoryError, PermissionError) as err:
        print(f"netlib: error: {err.filename}: {err.strerror}; choose another path",
              file=sys.stderr)
        return 1
    except BrokenPipeError:  # `netlib people | head`: the reader left; that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        if err.errno not in _DISK_ERRORS:
            raise
        print(f"netlib: error: {err.filename or 'writing'}: {err.strerror}; {_DISK_ERRORS[err.errno]}",
              file=sys.stderr)
        return 1
    except Exception as err:  # a database fault the library did not put in words: one line still
        words = _database_words(err)
        if words is None:
            raise
        print(f"netlib: error: {words}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as err:
        stopped = isinstance(err, _Terminated)
        print(f"netlib: {'stopped (SIGTERM)' if stopped else 'interrupted'}; nothing half-written was kept",
              file=sys.stderr)
        return 128 + (signal.SIGTERM if stopped else signal.SIGINT)  # 143 or 130, as a shell reports them
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


#: OS errors a person can act on, and what to do.
_DISK_ERRORS = {
    errno.ENOSPC: "the disk is full; free some space and run the command again (nothing half-written was kept)",
    errno.EDQUOT: "your disk quota is used up; free some space and run the command again",
    errno.EROFS: "the file system is read-only; choose a writable place with --store or --out",
    errno.EACCES: "you may not write there; choose another path",
    errno.EFBIG: "the file grew past the size this system allows; free space or raise the limit",
}


def _database_words(err) -> str | None:
    """One line for an error of the store's database, or None for any other error (the
    store's module is only imported once a command has used the store)."""
    store = sys.modules.get("netlib.store.maintenance")
    if store is None or not isinstance(err, store.DatabaseFault):
        return None
    return store.in_words(err)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so the same clean-up runs."""


def _terminated(signum, frame):
    """SIGTERM ends a command as Ctrl-C does: transactions roll back, temporary files go."""
    raise _Terminated


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
