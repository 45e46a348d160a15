"""Commands about people and what happened with them: people (in
:mod:`netlib.cli.people_commands`), log, event, tie."""

from __future__ import annotations

import datetime as dt

from netlib import errors
from netlib.cli.common import count, date_arg, open_store, print_json, terminal_text
from netlib.cli.people_commands import register_people
from netlib.importers.normalise import plural


def cmd_log(args):
    if args.date > dt.date.today():
        raise errors.ValidationError(f"--date {args.date} is in the future; log what has happened")
    with open_store(args, create=False) as store:
        pids = [store.find_person(ref) for ref in args.with_]
        iid = store.log(pids, args.kind, args.date, args.summary, direction=args.direction, event=args.event)
        names = ", ".join(f"{terminal_text(store.person(p)['name'])} (id {p})" for p in pids)
        print(f"logged interaction {iid}: {args.kind} on {args.date} with {names}")


def cmd_event(args):
    with open_store(args, create=False) as store:
        if args.action == "add":
            eid = store.add_event(args.name, args.date, location=args.location, notes=args.notes)
            print(f"added event {eid}: {terminal_text(args.name)} on {args.date}")
        elif args.action == "met":
            with store.transaction():  # new people and the meeting land together
                people = [_person_or_new(store, ref) for ref in args.people] if args.add else args.people
                pids = store.met(args.event, people, learned=args.learned)
            names = ", ".join(terminal_text(store.person(p)["name"]) for p in pids)
            print(f"recorded {count(len(pids), 'person', 'people')} met at event {terminal_text(args.event)}: {names}")
        elif args.action == "followed-up":
            with store.transaction():
                for person in args.people:
                    store.followed_up(args.event, person, date=args.date)
            print(f"marked {plural(len(args.people), 'person', 'people')} followed up")
        else:
            events = store.events()
            if args.json:
                print_json(events)
            for e in events if not args.json else []:
                print(f"{e['id']:>4}  {e['date']}  {terminal_text(e['name'], 60)}  met {e['met']}, followed up {e['followed_up']}")


def _person_or_new(store, ref: str):
    """``event met --add``: a person you just met may not be in the store yet."""
    pid, added = store.find_or_add_person(ref)
    if added:
        print(f"added person {pid}: {terminal_text(store.person(pid)['name'])}")
    return pid


def cmd_tie(args):
    with open_store(args, create=False) as store:
        store.add_tie(args.a, args.b, args.kind, since=args.since)
        print(f"tied {terminal_text(args.a)} and {terminal_text(args.b)} ({args.kind})")


def register(command, common) -> None:
    """Add these commands to the parser (see :func:`netlib.cli.build_parser`)."""
    register_people(command, common)

    p = command("log", cmd_log, "Log an interaction with one or more people.",
                'netlib log --with "Jane Doe" --kind coffee --date 2026-11-20 "talked about her move"')
    p.add_argument("summary", nargs="?", help="what happened")
    p.add_argument("--with", dest="with_", action="append", required=True, metavar="PERSON",
                   help="id, email or name (repeatable)")
    p.add_argument("--kind", required=True, help="coffee, call, email, message, meeting, intro, help_given, ...")
    p.add_argument("--date", type=date_arg, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
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
    e.add_argument("--date", type=date_arg, required=True, help="YYYY-MM-DD")
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
            e.add_argument("--date", type=date_arg, help="when you followed up (default today)")

    p = command("tie", cmd_tie, "Record that two of your people know each other.",
                'netlib tie "Jane Doe" "Omar Haddad" --kind knows')
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--kind", default="knows", choices=["knows", "colleague", "family", "intro", "coattendance"])
    p.add_argument("--since", type=date_arg)
