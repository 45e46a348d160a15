"""``netlib people``: list, show, add, edit, merge, delete, dupes, split; each a subcommand
with its own flags (a flag another one takes is an error). Plain ``netlib people`` lists."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from netlib import errors
from netlib.cli.common import count, open_store, print_json, terminal_text as t

__all__ = ["register_people"]

HEALTH_STATES = ("seedling", "thriving", "needs water", "wilting", "dormant")


def _garden_today(store) -> dict[int, dict]:
    """Person id -> ring, health, strength as of today (the garden's view)."""
    from netlib.garden.analysis import standing

    people = standing(store.snapshot(summaries=False), dt.date.today())
    return {int(pid): {"ring": int(r), "health": h, "strength": round(float(s), 4)}
            for pid, r, h, s in zip(people.index, people["ring"], people["health"], people["strength"])}


def _blank(person) -> dict:
    return {"ring": None, "health": None, "strength": None}


def cmd_list(args):
    with open_store(args, create=False) as store:
        people = store.people(search=args.search, tag=args.tag)
        if args.json or args.ring or args.health:
            garden = _garden_today(store)
            for p in people:
                p.update(garden.get(p["id"]) or _blank(p))
            if args.ring:
                people = [p for p in people if p["ring"] == args.ring]
            if args.health:
                people = [p for p in people if p["health"] == args.health]
        if args.json:
            print_json(people)
            return
        for p in people:
            what = ", ".join(t(x) for x in (p["position"], p["company"]) if x)
            last = p["last_interaction"] or "never"
            print(f"{p['id']:>6}  {t(p['name'], 40)}" + (f" ({t(what, 60)})" if what else "") + f"  last: {last}")
        print(count(len(people), "person", "people"))


def cmd_show(args):
    with open_store(args, create=False) as store:
        person = store.person(args.ref)
        person.update(_garden_today(store).get(person["id"]) or _blank(person))
        if args.json:
            print_json(person)
        else:
            _print_person(person)


_EXPLAIN = {"new": "started this person", "source": "same record as before", "email": "matched by email",
            "linkedin": "matched by LinkedIn URL", "name+company": "matched by name and company",
            "split": "split out by hand", "merge": "merged by hand"}


def _print_person(p):
    print(f"{t(p['name'])} (id {p['id']})")
    if p.get("ring"):
        print(f"  ring {p['ring']}, {p['health']}, strength {p['strength']:.2f} (today)")
    for label, key in (("company", "company"), ("position", "position"), ("LinkedIn", "linkedin_url"),
                       ("birthday", "birthday"), ("in your garden since", "since"), ("notes", "notes"),
                       ("ring (set by hand)", "ring_override"), ("keep in touch every (days)", "cadence_override")):
        if p.get(key) and (text := t(p[key])):  # (a text of only spaces shows as nothing: no line)
            print(f"  {label}: {text}")
    for label, key in (("emails", "emails"), ("phones", "phones"), ("tags", "tags")):
        if texts := [text for v in p[key] if (text := t(v))]:
            print(f"  {label}: {', '.join(texts)}")
    print("  sources (how this person was put together):")
    for s in p["sources"]:
        where = t(Path(s["file"]).name) if s["file"] else "added by hand"
        print(f"    [{s['id']}] {t(s['kind'])} from {where}: {_EXPLAIN.get(s['matched_by'], t(s['matched_by']))}")
    for m in p.get("merges", []):
        print(f"  merged with {t(m['other_name'])} (was id {m['other_id']}) on {m['at']}: sources "
              f"{', '.join(map(str, m['sources']))} came from them; "
              f"'netlib people split {p['id']} {m['sources'][0]}' puts them back")
    if len(p["sources"]) > 1 and not p.get("merges"):
        print(f"  a wrong merge? 'netlib people split {p['id']} SOURCE_ID' undoes it")
    print(f"  interactions: {len(p['interactions'])}")
    for i in p["interactions"][:15]:
        summary = t(i["summary"])  # none (or only spaces): no padding for it, no trailing spaces
        print(f"    {i['date']}  " + (f"{t(i['kind']):<13} {summary}" if summary else t(i["kind"])))
    for e in p["events"]:
        learned = t(e["learned"])
        print(f"  met at {t(e['name'])} on {e['date']}" + (" (followed up)" if e["followed_up"] else "")
              + (f": {learned}" if learned else ""))


def cmd_add(args):
    with open_store(args, create=False) as store:
        with store.transaction():
            pid = store.add_person(args.name, emails=args.email or (), company=args.company,
                                   position=args.position, tags=args.tag or (), notes=args.notes, new=args.new)
            if args.phone:
                store.edit_person(pid, add_phones=args.phone)
        print(f"added person {pid}: {t(args.name)}")


def _auto_int(text: str):
    if text == "auto":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number or 'auto'") from None


def cmd_edit(args):
    fields = {}
    for flag, col in (("name", "name"), ("company", "company"), ("position", "position"),
                      ("linkedin", "linkedin_url"), ("birthday", "birthday"), ("notes", "notes"),
                      ("ring", "ring_override"), ("cadence", "cadence_override")):
        value = getattr(args, flag)
        if value is not _UNSET:
            fields[col] = value
    lists = dict(add_emails=args.add_email or (), remove_emails=args.remove_email or (),
                 add_phones=args.add_phone or (), remove_phones=args.remove_phone or (),
                 add_tags=args.add_tag or (), remove_tags=args.remove_tag or (), append_notes=args.append_notes)
    if not fields and not any(lists.values()):
        raise errors.ValidationError("nothing to change; 'netlib people edit --help' lists what can be edited")
    with open_store(args, create=False) as store:
        pid = store.edit_person(args.ref, **lists, **fields)
        print(f"edited person {pid}: {t(store.person(pid)['name'])}")


def cmd_merge(args):
    with open_store(args, create=False) as store:
        names = {ref: store.person(ref)["name"] for ref in args.other}
        keep = store.find_person(args.keep)
        store.merge_people(keep, *args.other)
        p = store.person(keep)
        print(f"merged {', '.join(t(n) for n in names.values())} into {t(p['name'])} (id {keep}); "
              f"'netlib people show {keep}' explains it, 'netlib undo' takes it back")


def cmd_delete(args):
    with open_store(args, create=False) as store:
        out = store.delete_person(args.ref)
        print(f"deleted {t(out['name'])} (id {out['id']}): {count(out['interactions_deleted'], 'interaction', 'interactions')} "
              f"only with them went too, {out['interactions_kept']} shared stay with the others; "
              "'netlib undo' brings them back")


def cmd_dupes(args):
    with open_store(args, create=False) as store:
        pairs = store.duplicates(limit=args.limit)
    if args.json:
        print_json(pairs)
        return
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        who = lambda x: f"{t(x['name'])} (id {x['id']}" + (f", {t(x['company'])})" if x["company"] else ")")
        print(f"{who(a)} and {who(b)}: {'; '.join(t(r) for r in pair['reasons'])}")
        print(f"    one person? netlib people merge {a['id']} {b['id']}")
    print(f"{count(len(pairs), 'likely duplicate pair', 'likely duplicate pairs')}")


def cmd_split(args):
    with open_store(args, create=False) as store:
        new = store.split(args.ref, args.source)
        print(f"split source {args.source} out of person {args.ref}: person {new} ({t(store.person(new)['name'])})")


_UNSET = object()


def register_people(command, common) -> None:
    """The ``people`` command and its subcommands."""
    listing = argparse.ArgumentParser(add_help=False)
    listing.add_argument("--search", metavar="TEXT",
                         help="a name (accents and nicknames found), company, email, phone, tag, notes, "
                              "an interaction's summary or what you learned")
    listing.add_argument("--ring", type=int, choices=range(1, 7), help="only people in this ring (as of today)")
    listing.add_argument("--health", choices=HEALTH_STATES, help="only people in this health (as of today)")
    listing.add_argument("--tag", help="only people with this tag")
    listing.add_argument("--json", action="store_true", help="print JSON (stable; see README)")
    p = command("people", cmd_list, "List, show, add, edit, merge, delete and split people; find duplicates.",
                "netlib people --search acme; netlib people edit 12 --company Globex; netlib people dupes")
    for action in listing._actions:
        p._add_action(action)
    sub = p.add_subparsers(dest="action", metavar="ACTION")

    def action(name, func, help, example, parents=()):
        s = sub.add_parser(name, parents=[common, *parents], help=help, description=help,
                           epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        s.set_defaults(func=func)
        return s

    action("list", cmd_list, "List people (the default).", 'netlib people list --ring 2 --health "needs water"',
           parents=[listing])
    s = action("show", cmd_show, "One person: details, sources, merges, timeline, ring and health today.",
               'netlib people show "Cathy Brennan"')
    s.add_argument("ref", help="id, email or name")
    s.add_argument("--json", action="store_true")
    s = action("add", cmd_add, "Add a person by hand (refused if someone of that name and company exists).",
               'netlib people add "Omar Haddad" --email omar@example.com --company Globex')
    s.add_argument("name")
    s.add_argument("--email", action="append", help="repeatable")
    s.add_argument("--phone", action="append", help="repeatable")
    s.add_argument("--company")
    s.add_argument("--position")
    s.add_argument("--tag", action="append", help="repeatable")
    s.add_argument("--notes")
    s.add_argument("--new", action="store_true", help="add them even though someone of that name exists")
    s = action("edit", cmd_edit, "Correct a person: any field, emails, phones, tags, notes, ring, cadence.",
               'netlib people edit 15 --company "Costa Health" --add-tag mentor --ring auto')
    s.add_argument("ref", help="id, email or name")
    for flag, help in (("--name", "the name"), ("--company", 'the company ("" clears it)'), ("--position", None),
                       ("--linkedin", "a LinkedIn profile URL"), ("--birthday", "YYYY-MM-DD or MM-DD")):
        s.add_argument(flag, default=_UNSET, help=help)
    notes = s.add_mutually_exclusive_group()
    notes.add_argument("--notes", default=_UNSET, help="replace the notes")
    notes.add_argument("--append-notes", metavar="TEXT", help="add a line to the notes")
    for flag in ("--add-email", "--remove-email", "--add-phone", "--remove-phone", "--add-tag", "--remove-tag"):
        s.add_argument(flag, action="append", metavar=flag.split("-")[-1].upper(), help="repeatable")
    s.add_argument("--ring", type=_auto_int, default=_UNSET, metavar="N|auto",
                   help="a ring by hand, 1 (inner) to 6; auto: the garden decides")
    s.add_argument("--cadence", type=_auto_int, default=_UNSET, metavar="DAYS|auto",
                   help="keep in touch every DAYS; auto: the ring's cadence")
    s = action("merge", cmd_merge, "Merge people into the one you keep; 'people split' undoes it.",
               "netlib people merge 15 31")
    s.add_argument("keep", help="the person to keep (id, email or name)")
    s.add_argument("other", nargs="+", help="the people merged into them")
    s = action("delete", cmd_delete, "Delete a person and what is only theirs ('netlib undo' brings it back).",
               "netlib people delete 31")
    s.add_argument("ref", help="id, email or name")
    s = action("dupes", cmd_dupes, "Likely duplicate people, with the reason for each pair.",
               "netlib people dupes --json")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=None, help="at most this many pairs")
    s = action("split", cmd_split, "Split a source (or a merge) out of a person again.", "netlib people split 15 42")
    s.add_argument("ref", help="id, email or name")
    s.add_argument("source", type=int, help="the source id 'people show' lists")
