"""Commands about the store itself: init, import, export, demo, check, backup, undo, restore."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from netlib import errors
from netlib.cli.common import Progress, count, open_store, terminal_text
from netlib.paths import store_path


def cmd_init(args):
    with open_store(args) as store, store.transaction():
        if args.me:
            store.set_setting("owner_emails", [e.lower() for e in args.me])
        if args.name:
            store.set_setting("owner_name", args.name)
        print(f"store ready at {store.path} (schema version {store.version})")


def _expand(paths):
    """Files to import: a folder written by ``netlib export`` is read in its own order, and
    so are its files named one by one (``netlib import DIR/*.csv``: people before events)."""
    from netlib.store.export import EXPORT_FILES

    rank = {name: i for i, name in enumerate(EXPORT_FILES)}
    return sorted(_files(paths, EXPORT_FILES), key=lambda path: rank.get(path.name, 0))


def _files(paths, EXPORT_FILES):
    for path in map(Path, paths):
        if path.is_dir():
            found = [path / name for name in EXPORT_FILES if (path / name).exists()]
            if not found:
                raise errors.ImportFileError(path, "is a folder without netlib export files",
                                             fix=f"expected some of {', '.join(EXPORT_FILES)}")
            yield from found
        else:
            yield path


def cmd_import(args):
    # One command, one transaction: `netlib import a.csv b.vcf` lands both files or neither.
    with open_store(args) as store:
        with store.transaction():
            reports = []
            for path in _expand(args.files):
                progress = Progress(Path(path).name)
                try:
                    reports.append(store.import_file(path, kind=args.kind, me=[e.lower() for e in args.me or ()],
                                                     strict=args.strict, progress=progress))
                finally:
                    progress.close()
    for report in reports:  # file names, a ZIP's member names and skip reasons come from the files
        for i, line in enumerate(report.summary().splitlines()):
            print(("  " if i else "") + terminal_text(line))
        for skipped in report.skipped:
            print(f"  skipped {terminal_text(skipped)}", file=sys.stderr)
        for warning in report.warnings:
            print(f"  kept, but dropped a value: {terminal_text(warning)}", file=sys.stderr)


def cmd_export(args):
    from netlib.store.export import export_csv

    with open_store(args, create=False) as store:
        files = export_csv(store, args.dir)
        for f in files:
            print(f)


def cmd_demo(args):
    from netlib.demo.build import run_demo

    run_demo(store=args.store, people=args.people, seed=args.seed, report=not args.no_report,
             out=args.out, echo=print, progress=Progress)


def cmd_check(args):
    from netlib.store.maintenance import check

    with open_store(args, create=False, checked=False) as store:
        problems = check(store)
        for line in problems:
            print(terminal_text(line))
        if any(p.startswith("error") for p in problems):
            return 1
        if not problems:
            print("store is healthy")


def cmd_backup(args):
    with open_store(args, create=False) as store:
        target = args.out or store.path.with_name(f"{store.path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
        print(f"backed up to {store.backup(target)}")


def cmd_undo(args):
    with open_store(args, create=False) as store:
        if args.list:
            steps = store.undo_steps()
            for i, step in enumerate(steps, 1):
                print(f"{i:>3}. {step['at'].replace('T', ' ')}  {terminal_text(step['command'])}  "
                      f"({count(step['changes'], 'change', 'changes')})")
            if not steps:
                print("nothing to undo")
            return
        step = store.undo()
        print(f"undid '{terminal_text(step['command'])}' of {step['at'].replace('T', ' ')} "
              f"({count(step['changes'], 'change', 'changes')} reverted)")


def cmd_restore(args):
    from netlib.store.maintenance import restore

    target = store_path(args.store)
    kept = restore(args.backup, target, force=args.force)
    if kept:
        print(f"kept the store you had as {kept}")
    with open_store(args, create=False) as store:  # migrates a backup from an older netlib
        print(f"restored {args.backup} to {store.path}: {count(store.counts()['people'], 'person', 'people')}")


def register(command, common) -> None:
    """Add these commands to the parser (see :func:`netlib.cli.build_parser`)."""
    p = command("init", cmd_init, "Create the store (owner-only file).", "netlib init --me alex@example.com")
    p.add_argument("--me", action="append", metavar="EMAIL", help="your own email address (repeatable)")
    p.add_argument("--name", help="your name, shown at the centre of the map")

    p = command("import", cmd_import, "Import files: LinkedIn (Connections.csv or the whole export ZIP), "
                "vCard, Google/Outlook CSV, .ics, mail (.mbox), netlib CSV.",
                "netlib import ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip contacts.vcf")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", help="the file's format when detection guesses wrong (linkedin, mbox, vcard, "
                   "google, outlook, ics, netlib-people, netlib-interactions, netlib-events, netlib-ties)")
    p.add_argument("--me", action="append", metavar="EMAIL",
                   help="your email, beside the owner_emails setting: left out of calendar attendees; "
                        "tells your mail from mail to you")
    p.add_argument("--strict", action="store_true", help="fail the whole import on any bad record")

    p = command("export", cmd_export, "Write every table as CSV (netlib import reads it back).",
                "netlib export ~/garden-export")
    p.add_argument("dir")

    p = command("demo", cmd_demo, "Build a sample store (data/demo.db here) from the bundled sample files and write its monthly report.",
                "netlib demo; netlib demo --people 30000 --store /tmp/big.db --no-report")
    p.add_argument("--people", type=int, help="generate a network of this size instead of the bundled sample")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-report", action="store_true", help="only build the store")
    p.add_argument("--out", help="the report folder (default reports/YYYY-MM)")

    p = command("check", cmd_check, "Verify the store: integrity, orphans, likely duplicate people.",
                "netlib check")
    p = command("backup", cmd_backup, "Write a consistent copy of the store, even while it is in use.",
                "netlib backup --out ~/backups/garden.db")
    p.add_argument("--out", help="the copy's path (default: beside the store, with a timestamp)")

    p = command("undo", cmd_undo, "Take back the last write command (import, merge, delete, edit, log, tick, "
                "settings); the last 20 are kept.", "netlib undo --list; netlib undo")
    p.add_argument("--list", action="store_true", help="show the commands that can be undone, newest first")

    p = command("restore", cmd_restore, "Bring back a backup as the store (checked first).",
                "netlib restore data/garden-20261130-090000.db --force")
    p.add_argument("backup", help="a copy 'netlib backup' wrote")
    p.add_argument("--force", action="store_true", help="replace the store that is there (a copy is kept)")
