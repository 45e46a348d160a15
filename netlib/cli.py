"""The ``netlib`` command: a thin shell over the library.

The library raises :class:`netlib.errors.NetlibError`; this module turns each into one
clear line on stderr and a non-zero exit. It is the only place that prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from netlib import errors
from netlib.paths import store_path

__all__ = ["main", "build_parser"]


def _store(args, create=True):
    from netlib.store.core import Store

    return Store(store_path(args.store), create=create)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-11-20") from None


def _month(text: str) -> str:
    from netlib.months import parse_month

    try:
        parse_month(text)
    except errors.ValidationError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def _this_month() -> str:
    return dt.date.today().strftime("%Y-%m")


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


class _Progress:
    """A tqdm bar fed by a ``progress(done, total)`` callback; silent when not a TTY."""

    def __init__(self, desc, unit="B"):
        self.desc, self.unit, self.bar = desc, unit, None

    def __call__(self, done, total):
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, unit_scale=True,
                            leave=False, file=sys.stderr, disable=None)
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()


# -- commands ---------------------------------------------------------------------------
def cmd_init(args):
    with _store(args) as store, store.transaction():
        if args.me:
            store.set_setting("owner_emails", [e.lower() for e in args.me])
        if args.name:
            store.set_setting("owner_name", args.name)
        print(f"store ready at {store.path} (schema version {store.version})")


def import_file(store, path, *, kind=None, me=(), strict=False, today=None, quiet=False):
    """Parse a file and write it to the store: shared by ``import`` and ``demo``.

    The file is read and written in chunks inside one transaction (memory stays bounded
    by a chunk, not the file); it lands whole or not at all.
    """
    from netlib.importers import iter_batches

    owner = set(me) | set(store.settings().get("owner_emails", []))
    progress = None if quiet else _Progress(Path(path).name)
    try:
        chunks = iter_batches(path, kind, me=owner, strict=strict, progress=progress)
        return store.apply_stream(chunks, today=today, strict=strict)
    finally:
        if progress:
            progress.close()


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
    with _store(args) as store:
        with store.transaction():
            reports = [import_file(store, path, kind=args.kind, me=[e.lower() for e in args.me or ()],
                                   strict=args.strict) for path in _expand(args.files)]
    for report in reports:
        print(report.summary())
        for skipped in report.skipped:
            print(f"  skipped {skipped}", file=sys.stderr)
        for warning in report.warnings:
            print(f"  kept, but dropped a value: {warning}", file=sys.stderr)


def cmd_people(args):
    with _store(args, create=False) as store:
        if args.action == "show":
            person = store.person(args.ref)
            if args.json:
                _print_json(person)
            else:
                _print_person(person)
        elif args.action == "split":
            new = store.split(args.ref, args.source)
            print(f"split source {args.source} out of person {args.ref} into person {new}")
        elif args.action == "set":
            fields = {}
            if args.ring is not None:
                fields["ring_override"] = args.ring
            if args.cadence is not None:
                fields["cadence_override"] = args.cadence
            if args.tags is not None:
                fields["tags"] = [t.strip() for t in args.tags.split(",") if t.strip()]
            if args.notes is not None:
                fields["notes"] = args.notes
            pid = store.update_person(args.ref, **fields)
            print(f"updated person {pid}")
        elif args.action == "add":
            pid = store.add_person(args.ref, emails=args.email or (), company=args.company,
                                   position=args.position)
            print(f"added person {pid}")
        else:
            people = store.people(search=args.search or args.ref)
            if args.json:
                _print_json(people)
            else:
                for p in people:
                    what = ", ".join(x for x in (p["position"], p["company"]) if x)
                    last = p["last_interaction"] or "never"
                    print(f"{p['id']:>6}  {p['name']}" + (f" ({what})" if what else "") + f"  last: {last}")
                print(f"{len(people)} people")


def _print_person(p):
    print(f"{p['name']} (id {p['id']})")
    for label, key in (("company", "company"), ("position", "position"), ("LinkedIn", "linkedin_url"),
                       ("birthday", "birthday"), ("in your garden since", "since"), ("notes", "notes")):
        if p.get(key):
            print(f"  {label}: {p[key]}")
    for label, key in (("emails", "emails"), ("phones", "phones"), ("tags", "tags")):
        if p[key]:
            print(f"  {label}: {', '.join(p[key])}")
    print("  sources (how this person was put together):")
    explain = {"new": "started this person", "source": "same record as before", "email": "matched by email",
               "linkedin": "matched by LinkedIn URL", "name+company": "matched by name and company",
               "split": "split out by hand"}
    for s in p["sources"]:
        where = Path(s["file"]).name if s["file"] else "added by hand"
        print(f"    [{s['id']}] {s['kind']} from {where}: {explain.get(s['matched_by'], s['matched_by'])}")
    if len(p["sources"]) > 1:
        print(f"  a wrong merge? 'netlib people split {p['id']} SOURCE_ID' undoes it")
    print(f"  interactions: {len(p['interactions'])}")
    for i in p["interactions"][:15]:
        print(f"    {i['date']}  {i['kind']:<13} {i['summary'] or ''}")
    for e in p["events"]:
        print(f"  met at {e['name']} on {e['date']}" + (" (followed up)" if e["followed_up"] else ""))


def cmd_log(args):
    if args.date > dt.date.today():
        raise errors.ValidationError(f"--date {args.date} is in the future; log what has happened")
    with _store(args, create=False) as store:
        pids = [store.find_person(ref) for ref in args.with_]
        iid = store.log(pids, args.kind, args.date, args.summary, direction=args.direction, event=args.event)
        names = ", ".join(f"{store.person(p)['name']} (id {p})" for p in pids)
        print(f"logged interaction {iid}: {args.kind} on {args.date} with {names}")


def cmd_event(args):
    with _store(args, create=False) as store:
        if args.action == "add":
            eid = store.add_event(args.name, args.date, location=args.location, notes=args.notes)
            print(f"added event {eid}: {args.name} on {args.date}")
        elif args.action == "met":
            with store.transaction():  # new people and the meeting land together
                people = [_person_or_new(store, ref) for ref in args.people] if args.add else args.people
                pids = store.met(args.event, people, learned=args.learned)
            names = ", ".join(store.person(p)["name"] for p in pids)
            print(f"recorded {_count(len(pids), 'person', 'people')} met at event {args.event}: {names}")
        elif args.action == "followed-up":
            with store.transaction():
                for person in args.people:
                    store.followed_up(args.event, person, date=args.date)
            print(f"marked {len(args.people)} people followed up")
        else:
            events = store.events()
            if args.json:
                _print_json(events)
            for e in events if not args.json else []:
                print(f"{e['id']:>4}  {e['date']}  {e['name']}  met {e['met']}, followed up {e['followed_up']}")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _person_or_new(store, ref: str):
    """``event met --add``: a person you just met may not be in the store yet."""
    try:
        return store.find_person(ref)
    except errors.NotFoundError:
        text = ref.strip()
        if "@" in text:
            local = text.split("@", 1)[0].replace(".", " ").replace("_", " ").title()
            pid = store.add_person(local, emails=[text])
        else:
            pid = store.add_person(text)
        print(f"added person {pid}: {store.person(pid)['name']}")
        return pid


def cmd_tie(args):
    with _store(args, create=False) as store:
        store.add_tie(args.a, args.b, args.kind, since=args.since)
        print(f"tied {args.a} and {args.b} ({args.kind})")


def cmd_export(args):
    from netlib.store.export import export_csv

    with _store(args, create=False) as store:
        files = export_csv(store, args.dir)
        for f in files:
            print(f)


def cmd_demo(args):
    from netlib.demo.build import run_demo

    run_demo(store=args.store, people=args.people, seed=args.seed, report=not args.no_report,
             out=args.out, echo=print)


def cmd_checklist(args):
    from netlib.garden.analysis import analyse, report_date

    with _store(args, create=False) as store:
        month = args.month or _this_month()
        if args.action in ("done", "snooze", "dismiss", "reopen"):
            from netlib.store.ticks import parse_key, tick

            if not args.key:
                raise errors.ValidationError(f"'netlib checklist {args.action}' needs an item's KEY, e.g. water:p42")
            parse_key(args.key)
            listed = {i.key for items in analyse(store.snapshot(), report_date(month)).checklists.values()
                      for i in items}
            saved = store.con.execute("SELECT 1 FROM checklist WHERE key=? AND month=?", (args.key, month)).fetchone()
            if args.key not in listed and not saved and args.action != "reopen":
                raise errors.NotFoundError(f"'{args.key}' is not on the {month} checklist; "
                                           f"'netlib checklist --month {month}' lists the keys")
            print(tick(store, args.key, args.action, month=month, until=args.until))
            return
        garden = analyse(store.snapshot(), report_date(month))
        data = garden.checklist_json()
        if args.json:
            _print_json(data)
            return
        from netlib.report.content import checklist_markdown

        print(checklist_markdown(garden))


def cmd_settings(args):
    from netlib.store.settings import merge

    with _store(args) as store:
        if args.key and args.value is not None:
            try:
                value = json.loads(args.value)
            except json.JSONDecodeError:
                value = args.value
            store.set_setting(args.key, value)
            print(f"{args.key} = {json.dumps(value)}")
            return
        settings = merge(store.settings())
        if args.key:
            if args.key not in settings:
                raise errors.ValidationError(f"no setting '{args.key}'; 'netlib settings' lists them")
            _print_json(settings[args.key])
        else:
            _print_json(settings)


def cmd_path(args):
    from netlib.garden.analysis import analyse, report_date, warm_paths

    with _store(args, create=False) as store:
        target = args.target
        try:  # a person (id, email, a name or part of one), else a company
            target = store.find_person(args.target)
        except errors.NotFoundError:
            pass
        garden = analyse(store.snapshot(), report_date(args.month or _this_month()))
        paths = warm_paths(garden, target, limit=args.limit)
        if args.json:
            _print_json(paths)
            return
        if not paths:
            print(f"no warm path to {args.target} in your garden")
        for p in paths:
            print(f"{p['score']:.2f}  " + " -> ".join(["you", *p["names"]]) + f"\n      {p['why']}")


def cmd_map(args):
    from netlib.report.content import write_standalone_map

    with _store(args, create=False) as store:
        path = write_standalone_map(store, args.month or _this_month(), args.out, redact=args.redact,
                                    keep_companies=args.keep_companies, max_ring=args.max_ring)
        print(f"wrote {path}")


def cmd_report(args):
    # pandas is not imported here: the report's preparer (netlib.prepared) forks first and
    # imports it while this process starts the kernel
    from netlib.months import months_between, report_day
    from netlib.report.runner import run_report

    if args.month and (args.from_ or args.to):
        raise errors.ValidationError("use either --month or --from/--to, not both")
    if bool(args.from_) != bool(args.to):
        raise errors.ValidationError("a range needs both --from and --to, e.g. --from 2026-01 --to 2026-11")
    months = months_between(args.from_, args.to) if args.from_ else [args.month or _this_month()]
    for month in months:  # refuse a month that has not begun before any kernel starts
        report_day(month, dt.date.today())
    for month in months:
        folder = run_report(store_path(args.store), month, out=args.out if len(months) == 1 else None,
                            redact=args.redact, keep_companies=args.keep_companies, progress=True)
        print(f"wrote {folder}")


def cmd_check(args):
    from netlib.store.maintenance import check

    with _store(args, create=False) as store:
        problems = check(store)
        for line in problems:
            print(line)
        if any(p.startswith("error") for p in problems):
            return 1
        if not problems:
            print("store is healthy")


def cmd_backup(args):
    with _store(args, create=False) as store:
        target = args.out or store.path.with_name(f"{store.path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
        print(f"backed up to {store.backup(target)}")


# -- parser ------------------------------------------------------------------------------
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, func, help, example):
        p = sub.add_parser(name, parents=[common], help=help, description=help,
                           epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "Create the store (owner-only file).", "netlib init --me alex@example.com")
    p.add_argument("--me", action="append", metavar="EMAIL", help="your own email address (repeatable)")
    p.add_argument("--name", help="your name, shown at the centre of the map")

    p = command("import", cmd_import, "Import files: LinkedIn, vCard, Google/Outlook CSV, .ics, netlib CSV.",
                "netlib import ~/Downloads/Connections.csv contacts.vcf")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", help="the file's format when detection guesses wrong "
                   "(linkedin, vcard, google, outlook, ics, netlib-people, netlib-interactions, netlib-events, netlib-ties)")
    p.add_argument("--me", action="append", metavar="EMAIL", help="your email: left out of calendar attendees")
    p.add_argument("--strict", action="store_true", help="fail the whole import on any bad record")

    p = command("people", cmd_people, "List, search, show, add, set or split people.",
                "netlib people --search acme --json; netlib people show 12")
    p.add_argument("action", nargs="?", choices=["show", "split", "set", "add"], help="what to do (default: list)")
    p.add_argument("ref", nargs="?", help="person id, email or name (for show/split/set); name (for add)")
    p.add_argument("source", nargs="?", type=int, help="for split: the source id that 'people show' lists")
    p.add_argument("--search", metavar="TEXT", help="name, company, position, email or tag contains TEXT")
    p.add_argument("--json", action="store_true", help="print JSON (stable; see README)")
    p.add_argument("--ring", type=int, choices=range(1, 7), help="for set: a manual ring, 1 (inner) to 6")
    p.add_argument("--cadence", type=int, metavar="DAYS", help="for set: keep in touch every DAYS")
    p.add_argument("--tags", help="for set: comma-separated tags")
    p.add_argument("--notes", help="for set: notes")
    p.add_argument("--email", action="append", help="for add: an email (repeatable)")
    p.add_argument("--company", help="for add: company")
    p.add_argument("--position", help="for add: position")

    p = command("log", cmd_log, "Log an interaction with one or more people.",
                'netlib log --with "Jane Doe" --kind coffee --date 2026-11-20 "talked about her move"')
    p.add_argument("summary", nargs="?", help="what happened")
    p.add_argument("--with", dest="with_", action="append", required=True, metavar="PERSON",
                   help="id, email or name (repeatable)")
    p.add_argument("--kind", required=True, help="coffee, call, email, message, meeting, intro, help_given, ...")
    p.add_argument("--date", type=_date, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
    p.add_argument("--direction", default="both", choices=["out", "in", "both"],
                   help="out: you to them; in: them to you")
    p.add_argument("--event", help="the event it happened at (id or name)")

    p = command("event", cmd_event, "Add events, record whom you met, mark follow-ups.",
                'netlib event add "PyData Berlin" --date 2026-11-12; netlib event met "PyData Berlin" jane@x.org')
    p.set_defaults(action="list", json=False)
    events = p.add_subparsers(dest="action", metavar="ACTION")
    e = events.add_parser("list", parents=[common], help="list events",
                          epilog="Example: netlib event list --json")
    e.add_argument("--json", action="store_true")
    e = events.add_parser("add", parents=[common], help="add an event",
                          epilog='Example: netlib event add "PyData Berlin" --date 2026-11-12 --location Berlin')
    e.add_argument("name")
    e.add_argument("--date", type=_date, required=True, help="YYYY-MM-DD")
    e.add_argument("--location")
    e.add_argument("--notes")
    for action, text in (("met", "record whom you met there"), ("followed-up", "mark people followed up")):
        e = events.add_parser(action, parents=[common], help=text,
                              epilog=f'Example: netlib event {action} "PyData Berlin" jane@x.org "Omar Haddad"'
                                     + (" --add" if action == "met" else ""))
        e.add_argument("event", help="event id or name")
        e.add_argument("people", nargs="+", help="people (id, email or name)")
        if action == "met":
            e.add_argument("--learned", help="what you learned about them")
            e.add_argument("--add", action="store_true",
                           help="add people who are not in your garden yet (a name or an email)")
        else:
            e.add_argument("--date", type=_date, help="when you followed up (default today)")

    p = command("tie", cmd_tie, "Record that two of your people know each other.",
                'netlib tie "Jane Doe" "Omar Haddad" --kind knows')
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--kind", default="knows", choices=["knows", "colleague", "family", "intro", "coattendance"])
    p.add_argument("--since", type=_date)

    p = command("export", cmd_export, "Write every table as CSV (netlib import reads it back).",
                "netlib export ~/garden-export")
    p.add_argument("dir")

    p = command("demo", cmd_demo, "Build a sample store from data/sample/ and write its monthly report.",
                "netlib demo; netlib demo --people 30000 --store /tmp/big.db --no-report")
    p.add_argument("--people", type=int, help="generate a network of this size instead of the bundled sample")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-report", action="store_true", help="only build the store")
    p.add_argument("--out", help="the report folder (default reports/YYYY-MM)")

    p = command("checklist", cmd_checklist, "This month's cultivation checklists; tick items done.",
                "netlib checklist --month 2026-11; netlib checklist done water:p42")
    p.add_argument("action", nargs="?", choices=["show", "done", "snooze", "dismiss", "reopen"], default="show")
    p.add_argument("key", nargs="?", help="the item's key (shown in brackets)")
    p.add_argument("--month", type=_month, help="YYYY-MM (default: this month)")
    p.add_argument("--until", type=_date, help="for snooze: hide until YYYY-MM-DD (default: 2 weeks)")
    p.add_argument("--json", action="store_true", help="print JSON (stable; see README)")

    p = command("settings", cmd_settings, "Show or set cadences, goals, caps and your identity.",
                "netlib settings cadence_days '{\"1\": 14, \"2\": 30}'; netlib settings owner_emails '[\"me@x.org\"]'")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?", help="a JSON value (or plain text)")

    p = command("path", cmd_path, "Warm paths: who can introduce you to a person or a company.",
                'netlib path "Globex"')
    p.add_argument("target", help="a person (id, email, name) or a company")
    p.add_argument("--month", type=_month)
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")

    p = command("map", cmd_map, "Write the standalone network map (one HTML file, works offline).",
                "netlib map --month 2026-11 --out map.html --redact")
    p.add_argument("--month", type=_month)
    p.add_argument("--out", default="map.html")
    p.add_argument("--redact", action="store_true", help="pseudonyms instead of names; no contact details")
    p.add_argument("--keep-companies", action="store_true", help="with --redact: keep companies")
    p.add_argument("--max-ring", type=int, default=6, choices=range(1, 7), help="show only rings up to this")

    p = command("report", cmd_report, "Run the monthly report notebook and export HTML.",
                "netlib report --month 2026-11; netlib report --from 2026-01 --to 2026-11 --redact")
    p.add_argument("--month", type=_month)
    p.add_argument("--from", dest="from_", type=_month, metavar="MONTH")
    p.add_argument("--to", type=_month, metavar="MONTH")
    p.add_argument("--out", help="folder (default reports/YYYY-MM)")
    p.add_argument("--redact", action="store_true", help="safe to share: pseudonyms, no contact details")
    p.add_argument("--keep-companies", action="store_true", help="with --redact: keep companies")

    p = command("check", cmd_check, "Verify the store: integrity, orphans, likely duplicate people.",
                "netlib check")
    p = command("backup", cmd_backup, "Write a consistent copy of the store, even while it is in use.",
                "netlib backup --out ~/backups/garden.db")
    p.add_argument("--out", help="the copy's path (default: beside the store, with a timestamp)")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
