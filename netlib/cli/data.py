"""Commands about the store itself: init, import, export, demo, check, backup."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from netlib import errors
from netlib.cli.common import Progress, open_store, terminal_text


def cmd_init(args):
    with open_store(args) as store, store.transaction():
        if args.me:
            store.set_setting("owner_emails", [e.lower() for e in args.me])
        if args.name:
            store.set_setting("owner_name", args.name)
        print(f"store ready at {store.path} (schema version {store.version})")


def _expand(paths):
    """Files to import: a folder written by ``netlib export`` is read in its own order."""
    from netlib.store.export import EXPORT_FILES

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
