"""A small store built through the store API, for the report, redaction and notebook tests.

Every private string is distinctive (``Zebulon``, ``zq-``...), so a test can look for it
in a report without false hits from ordinary words or the inlined vis-network library.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netlib.store.core import Store

MONTH = "2026-11"
PREVIOUS = "2026-10"

PEOPLE = [
    # name, first, last, company, position, email, phone, linkedin, notes, tags
    ("Zebulon Quackenbush", "Zebulon", "Quackenbush", "Xylofant Dynamics", "Chief Zorbologist",
     "zebulon.q@xylofant.example", "+44 7700 900123", "https://www.linkedin.com/in/zebulon-quackenbush-zq1",
     "zq-note: allergic to walnuts", ["design"]),
    ("Philippa Vandersloot", "Philippa", "Vandersloot", "Xylofant Dynamics", "Head of Qrill",
     "philippa.v@xylofant.example", "+44 7700 900456", "https://www.linkedin.com/in/philippa-vandersloot-zq2",
     "zq-note: runs marathons", ["design", "mentor"]),
    ("Ignatius Brightwater", "Ignatius", "Brightwater", "Gloamwick Partners", "Zephyr Analyst",
     "ignatius@gloamwick.example", "+1 555 010 7788", "https://www.linkedin.com/in/ignatius-brightwater-zq3",
     "zq-note: two kids at Oakfield school", ["data"]),
    ("Marigolde Featherstonehaugh", "Marigolde", "Featherstonehaugh", "Gloamwick Partners", "Quibbler",
     "marigolde@gloamwick.example", "+1 555 010 9911", None, None, ["data"]),
    ("Bartholomew Okonkwo-Zielinski", "Bartholomew", "Okonkwo-Zielinski", "Sprocketeer Ltd", "Founder",
     "bart@sprocketeer.example", None, "https://www.linkedin.com/in/bartholomew-oz-zq5",
     "zq-note: met through Philippa", ["founder"]),
    ("Cordelia Wintergreen", "Cordelia", "Wintergreen", "Sprocketeer Ltd", "Engineer",
     "cordelia@sprocketeer.example", "+49 151 2345 6789", None, None, []),
    ("Thaddeus Pemberton-Smythe", "Thaddeus", "Pemberton-Smythe", "Umbrafield Capital", "Partner",
     "thaddeus@umbrafield.example", None, "https://www.linkedin.com/in/thaddeus-ps-zq7", None, ["vc"]),
    ("Ottoline Fairweather", "Ottoline", "Fairweather", None, None,
     "ottoline@fairweather.example", None, None, "zq-note: old flatmate", []),
]

SUMMARIES = [
    "zq-summary: talked about her Brexit visa trouble",
    "zq-summary: he is leaving Xylofant in January",
    "zq-summary: salary negotiation advice",
    "zq-summary: intro to the Umbrafield fund",
    "zq-summary: asked about the Lisbon offsite",
]
LEARNED = "zq-learned: wants to move into climate tech, ask about Gloamwick"
EVENT = "Fintech Breakfast Meetup"


def build(path) -> Path:
    """Create the store at ``path``: 8 people, ~30 interactions over a year, 2 events, ties."""
    path = Path(path)
    with Store(path) as s:
        s.set_setting("owner_name", "Quentin Harrowgate")
        s.set_setting("owner_emails", ["quentin@harrowgate.example"])
        ids = []
        for name, first, last, company, position, email, phone, linkedin, notes, tags in PEOPLE:
            pid = s.add_person(name, emails=[email], company=company, position=position, tags=tags,
                               since="2025-09-01", notes=notes)
            fields = {"first_name": first, "last_name": last}
            if linkedin:
                fields["linkedin_url"] = linkedin
            s.edit_person(pid, **fields)
            if phone:
                with s.transaction() as con:
                    con.execute("INSERT INTO phones(person_id, phone) VALUES (?, ?)", (pid, phone))
            ids.append(pid)
        a, b, c, d, e, f, g, h = ids
        day = dt.date(2025, 12, 5)
        # a steady rhythm with a and b, rarer contact with the rest, across 12 months
        for k in range(12):
            when = day + dt.timedelta(days=30 * k)
            s.log([a], "coffee", when, SUMMARIES[k % len(SUMMARIES)])
            if k % 2 == 0:
                s.log([b], "call", when + dt.timedelta(days=3), SUMMARIES[(k + 1) % len(SUMMARIES)])
            if k % 4 == 1:
                s.log([c, d], "meeting", when + dt.timedelta(days=5), SUMMARIES[(k + 2) % len(SUMMARIES)])
        s.log([g], "help_received", "2026-08-14", SUMMARIES[3], direction="in")
        s.log([g], "intro", "2026-09-02", SUMMARIES[3], direction="in")
        s.log([b], "help_given", "2026-11-10", SUMMARIES[2], direction="out")
        s.log([h], "coffee", "2025-10-20", SUMMARIES[4])
        s.log([h], "meal", "2025-09-25", SUMMARIES[4])
        s.log([e, f], "meeting", "2026-03-11", SUMMARIES[1])
        ev = s.add_event(EVENT, "2026-11-05", location="zq-location: Harrowgate House", notes="zq-event-note")
        s.met(ev, [e, f], learned=LEARNED)
        ev2 = s.add_event("Design Systems Night", "2026-10-15")
        s.met(ev2, [a, c])
        s.followed_up(ev2, a, date="2026-10-20")
        s.add_tie(a, b, "colleague", since="2025-09-01")
        s.add_tie(c, d, "colleague", since="2025-09-01")
        s.add_tie(e, f, "colleague", since="2025-09-01")
        s.add_tie(b, e, "knows", since="2025-09-01")
        s.add_tie(c, e, "knows", since="2026-01-01")
        s.add_tie(a, c, "knows", since="2026-01-01")
    return path


def private_strings(path) -> list[str]:
    """Every private string the store holds (names, name parts, emails, phones, notes,
    LinkedIn URLs, summaries, learned notes, event notes and locations, the owner)."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = set()
    queries = [
        "SELECT name FROM people", "SELECT first_name FROM people", "SELECT last_name FROM people",
        "SELECT notes FROM people", "SELECT linkedin_url FROM people", "SELECT email FROM emails",
        "SELECT phone FROM phones", "SELECT summary FROM interactions", "SELECT learned FROM event_people",
        "SELECT notes FROM events", "SELECT location FROM events", "SELECT company FROM people",
        "SELECT position FROM people",
    ]
    for q in queries:
        out.update(r[0] for r in con.execute(q) if r[0])
    con.close()
    out.update(["Quentin Harrowgate", "Quentin", "Harrowgate", "quentin@harrowgate.example"])
    return sorted(out)
