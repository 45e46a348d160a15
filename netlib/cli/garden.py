"""Commands that read the garden: checklist, settings, path, map, report."""

from __future__ import annotations

import datetime as dt
import json
import sys

from netlib import errors
from netlib.cli.common import date_arg, month_arg, open_store, print_json, terminal_lines, terminal_text, this_month
from netlib.paths import store_path


def cmd_checklist(args):
    from netlib.garden.analysis import analyse, report_date

    with open_store(args, create=False) as store:
        month = args.month or this_month()
        if args.action in ("done", "snooze", "dismiss", "reopen"):
            from netlib.store.ticks import parse_key, tick

            if not args.key:
                raise errors.ValidationError(f"'netlib checklist {args.action}' needs an item's KEY, e.g. water:p42")
            parse_key(args.key)
            listed = {i.key: i for items in analyse(store.snapshot(), report_date(month)).checklists.values()
                      for i in items}
            saved = store.checklist_state(args.key, month)
            if args.key not in listed and not saved and args.action != "reopen":
                raise errors.NotFoundError(f"'{args.key}' is not on the {month} checklist; "
                                           f"'netlib checklist --month {month}' lists the keys")
            channel = listed[args.key].channel if args.key in listed else None
            print(terminal_lines(tick(store, args.key, args.action, month=month, until=args.until, channel=channel)))
            return
        garden = analyse(store.snapshot(), report_date(month))
        if args.ics:
            from netlib.paths import write_private
            from netlib.report.calendar import checklist_ics

            path = write_private(args.ics, checklist_ics(garden))
            opened = sum(i.state == "open" for items in garden.checklists.values() for i in items)
            print(f"wrote {path}: {opened} event{'' if opened == 1 else 's'} for {month} "
                  "(import it into your calendar; exporting again updates the same events)")
            return
        data = garden.checklist_json()
        if args.json:
            print_json(data)
            return
        from netlib.report.content import checklist_markdown

        print(terminal_lines(checklist_markdown(garden)))


def cmd_settings(args):
    from netlib.store.settings import merge

    with open_store(args) as store:
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
            print_json(settings[args.key])
        else:
            print_json(settings)


def cmd_path(args):
    from netlib.garden.analysis import analyse, report_date, warm_paths

    with open_store(args, create=False) as store:
        target = args.target
        try:  # a person (id, email, a name or part of one), else a company
            target = store.find_person(args.target)
        except errors.NotFoundError:
            pass
        garden = analyse(store.snapshot(), report_date(args.month or this_month()))
        paths = warm_paths(garden, target, limit=args.limit)
        if args.json:
            print_json(paths)
            return
        if not paths:
            print(f"no warm path to {terminal_text(args.target)} in your garden")
        for p in paths:
            print(f"{p['score']:.2f}  " + " -> ".join(["you", *(terminal_text(n, 40) for n in p["names"])])
                  + f"\n      {terminal_text(p['why'])}")


def cmd_map(args):
    from netlib.report.content import write_standalone_map

    with open_store(args, create=False) as store:
        path = write_standalone_map(store, args.month or this_month(), args.out, redact=args.redact,
                                    keep_companies=args.keep_companies, max_ring=args.max_ring,
                                    keep_labels=args.keep_labels)
        print(f"wrote {path}")


def cmd_report(args):
    # nothing of the analysis (pandas, the garden, the map) is imported here: the notebook's
    # kernel imports it; this process only runs papermill and the HTML export
    from netlib.months import months_between, report_day
    from netlib.report.runner import run_report

    if args.month and (args.from_ or args.to):
        raise errors.ValidationError("use either --month or --from/--to, not both")
    if bool(args.from_) != bool(args.to):
        raise errors.ValidationError("a range needs both --from and --to, e.g. --from 2026-01 --to 2026-11")
    months = months_between(args.from_, args.to) if args.from_ else [args.month or this_month()]
    for month in months:  # refuse a month that has not begun before any kernel starts
        report_day(month, dt.date.today())
    with open_store(args, create=False):  # and a missing or damaged store (a quick check)
        pass
    for month in months:
        folder = run_report(store_path(args.store), month, out=args.out if len(months) == 1 else None,
                            redact=args.redact, keep_companies=args.keep_companies,
                            keep_labels=args.keep_labels,
                            progress=sys.stderr.isatty())  # a bar for a person watching, not in a log
        print(f"wrote {folder}")


def register(command, common) -> None:
    """Add these commands to the parser (see :func:`netlib.cli.build_parser`)."""
    p = command("checklist", cmd_checklist, "This month's cultivation checklists; tick items done.",
                "netlib checklist --month 2026-11; netlib checklist done water:p42; "
                "netlib checklist --month 2026-11 --ics november.ics")
    p.add_argument("action", nargs="?", choices=["show", "done", "snooze", "dismiss", "reopen"], default="show")
    p.add_argument("key", nargs="?", help="the item's key (shown in brackets)")
    p.add_argument("--month", type=month_arg, help="YYYY-MM (default: this month)")
    p.add_argument("--until", type=date_arg, help="for snooze: hide until YYYY-MM-DD (default: 2 weeks)")
    p.add_argument("--json", action="store_true", help="print JSON (stable; see README)")
    p.add_argument("--ics", metavar="FILE", help="write the month's open items as a calendar file (.ics)")

    p = command("settings", cmd_settings, "Show or set cadences, goals, caps and your identity.",
                "netlib settings cadence_days '{\"1\": 14, \"2\": 30}'; netlib settings owner_emails '[\"me@x.org\"]'")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?", help="a JSON value (or plain text)")

    p = command("path", cmd_path, "Warm paths: who can introduce you to a person or a company.",
                'netlib path "Globex"')
    p.add_argument("target", help="a person (id, email, name) or a company")
    p.add_argument("--month", type=month_arg)
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")

    p = command("map", cmd_map, "Write the standalone network map (one HTML file, works offline).",
                "netlib map --month 2026-11 --out map.html --redact")
    p.add_argument("--month", type=month_arg)
    p.add_argument("--out", default="map.html")
    p.add_argument("--redact", action="store_true", help="pseudonyms instead of names; no contact details")
    p.add_argument("--keep-companies", action="store_true", help="with --redact: keep companies")
    p.add_argument("--keep-labels", action="store_true",
                   help="with --redact: keep event names, tags and goals as written (they can name people)")
    p.add_argument("--max-ring", type=int, default=6, choices=range(1, 7), help="show only rings up to this")

    p = command("report", cmd_report, "Run the monthly report notebook and export HTML.",
                "netlib report --month 2026-11; netlib report --from 2026-01 --to 2026-11 --redact")
    p.add_argument("--month", type=month_arg)
    p.add_argument("--from", dest="from_", type=month_arg, metavar="MONTH")
    p.add_argument("--to", type=month_arg, metavar="MONTH")
    p.add_argument("--out", help="folder (default reports/YYYY-MM)")
    p.add_argument("--redact", action="store_true", help="safe to share: pseudonyms, no contact details")
    p.add_argument("--keep-companies", action="store_true", help="with --redact: keep companies")
    p.add_argument("--keep-labels", action="store_true",
                   help="with --redact: keep event names, tags and goals as written (they can name people)")
