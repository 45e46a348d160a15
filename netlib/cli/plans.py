"""Plans: `netlib plan` records a touchpoint you intend on a future date."""

from __future__ import annotations

import argparse
import datetime as dt

from netlib import errors
from netlib.cli.common import date_arg, open_store, terminal_text


def plan_date(text: str) -> dt.date:
    """--date: a day up to :data:`~netlib.store.plans.LAST_PLAN_DAY` (a typo like 9999 is refused
    before the store is opened)."""
    from netlib.store.plans import LAST_PLAN_DAY

    day = date_arg(text)
    if day > LAST_PLAN_DAY:
        raise argparse.ArgumentTypeError(f"'{text}' is too far ahead; a plan's date is from today to {LAST_PLAN_DAY}")
    return day


def cmd_plan(args):
    from netlib.store.plans import PLAN_KINDS

    with open_store(args, create=False) as store:
        if args.cancel is not None:
            store.cancel_plan(args.cancel)
            print(f"cancelled plan {args.cancel}")
            return
        if args.list or (args.with_ is None and args.what is None):
            plans = store.plans()
            if not plans:
                print("no plans yet; add one with: netlib plan --with PERSON --date YYYY-MM-DD \"what\"")
            for p in plans:
                print(f"[plan:{p['id']}]  {p['date']}  {terminal_text(p['name'], 40)}: {terminal_text(p['what'], 80)} "
                      f"({p['kind']})")
            return
        if not args.with_ or not args.date or not args.what:
            raise errors.ValidationError('a plan needs --with PERSON, --date YYYY-MM-DD and what, e.g. '
                                         'netlib plan --with "Dana Lee" --date 2026-12-03 "coffee about her move"'
                                         "; 'netlib plan --list' lists your plans")
        if args.kind not in PLAN_KINDS:
            raise errors.ValidationError(f"kind '{args.kind}' is not one of: {', '.join(PLAN_KINDS)}")
        pid = store.find_person(args.with_)
        plan = store.add_plan(pid, args.date, args.what, kind=args.kind, today=dt.date.today())
        name = next(p["name"] for p in store.plans() if p["id"] == plan)
        print(f"planned [plan:{plan}]: {args.kind} with {terminal_text(name)} on {args.date}: {terminal_text(args.what)}; "
              f"it shows in the {args.date:%Y-%m} checklist")


def register(command, common) -> None:
    """Add `netlib plan` to the parser (see :func:`netlib.cli.build_parser`)."""
    p = command("plan", cmd_plan, "Plan a touchpoint with a person on a future date (or list, cancel plans).",
                'netlib plan --with "Dana Lee" --date 2026-12-03 --kind coffee "coffee about her move"; '
                "netlib plan --list")
    p.add_argument("what", nargs="?", help="what you intend, in a few words")
    p.add_argument("--with", dest="with_", metavar="PERSON", help="the person (id, email or name)")
    p.add_argument("--date", type=plan_date, help="YYYY-MM-DD, from today to 2100-12-31")
    p.add_argument("--kind", default="meeting", help="coffee, call, meeting, email, message, ... (default: meeting)")
    p.add_argument("--list", action="store_true", help="list the plans")
    p.add_argument("--cancel", type=int, metavar="ID", help="cancel a plan")
