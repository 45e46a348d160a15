"""Commands about people and what happened with them: people, log, event, tie."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netlib import errors
from netlib.cli.common import count, date_arg, open_store, print_json, terminal_text
from netlib.importers.normalise import plural


def cmd_people(args):
    with open_store(args, create=False) as store:
        if args.action == "show":
            person = store.person(args.ref)
            if args.json:
                print_json(person)
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
                print_json(people)
            else:
                for p in people:
                    what = terminal_text(", ".join(x for x in (p["position"], p["company"]) if x))
                    last = p["last_interaction"] or "never"
                    print(f"{p['id']:>6}  {terminal_text(p['name'])}" + (f" ({what})" if what else "")
                          + f"  last: {terminal_text(last)}")
                print(plural(len(people), "person", "people"))


def _print_person(p):
    print(f"{terminal_text(p['name'])} (id {p['id']})")
    for label, key in (("company", "company"), ("position", "position"), ("LinkedIn", "linkedin_url"),
                       ("birthday", "birthday"), ("in your garden since", "since"), ("notes", "notes")):
        if p.get(key):
            print(f"  {label}: {terminal_text(p[key])}")
    for label, key in (("emails", "emails"), ("phones", "phones"), ("tags", "tags")):
        if p[key]:
            print(f"  {label}: {terminal_text(', '.join(p[key]))}")
    print("  sources (how this person was put together):")
    explain = {"new": "started this person", "source": "same record as before", "email": "matched by email",
               "linkedin": "matched by LinkedIn URL", "name+company": "matched by name and company",
               "split": "split out by hand"}
    for s in p["sources"]:
        where = terminal_text(Path(s["file"]).name) if s["file"] else "added by hand"
        print(f"    [{s['id']}] {s['kind']} from {where}: {explain.get(s['matched_by'], s['matched_by'])}")
    if len(p["sources"]) > 1:
        print(f"  a wrong merge? 'netlib people split {p['id']} SOURCE_ID' undoes it")
    print(f"  interactions: {len(p['interactions'])}")
    for i in p["interactions"][:15]:
        print(f"    {i['date']}  {i['kind']:<13} {terminal_text(i['summary'])}")
    for e in p["events"]:
        print(f"  met at {terminal_text(e['name'])} on {e['date']}" + (" (followed up)" if e["followed_up"] else ""))


def cmd_log(args):
    if args.date > dt.date.today():
        raise errors.ValidationError(f"--date {args.date} is in the future; log what has happened")
    with open_store(args, create=False) as store:
        pids = [store.find_person(ref) for ref in args.with_]
        iid = store.log(pids, args.kind, args.date, args.summary, direction=args.direction, event=args.event)
        names = ", ".join(f"{store.person(p)['name']} (id {p})" for p in pids)
        print(f"logged interaction {iid}: {args.kind} on {args.date} with {terminal_text(names)}")


def cmd_event(args):
    with open_store(args, create=False) as store:
        if args.action == "add":
            eid = store.add_event(args.name, args.date, location=args.location, notes=args.notes)
            print(f"added event {eid}: {terminal_text(args.name)} on {args.date}")
        elif args.action == "met":
            with store.transaction():  # new people and the meeting land together
                people = [_person_or_new(store, ref) for ref in args.people] if args.add else args.people
                pids = store.met(args.event, people, learned=args.learned)
            names = ", ".join(store.person(p)["name"] for p in pids)
            print(f"recorded {count(len(pids), 'person', 'people')} met at event {terminal_text(args.event)}: "
                  f"{terminal_text(names)}")
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
                print(f"{e['id']:>4}  {e['date']}  {terminal_text(e['name'])}  met {e['met']}, "
                      f"followed up {e['followed_up']}")


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
