"""netlib's own CSVs of what happened: ``events.csv``, ``interactions.csv`` and ``ties.csv``."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import numpy as np

from netlib.demo.people import TOPICS, Person, given_name

__all__ = ["plan_events", "write_events", "write_interactions", "write_ties"]


# Expected interactions a month while active (Dunbar: weekly, monthly, every few months).
_RATE = {"core": 4.0, "close": 1.0, "giver": 0.9, "active": 0.3, "dormant": 3.0,
         "seedling": 1.5, "rare": 0.02}

_KINDS = {  # kind weights by tier
    "core": dict(coffee=20, meal=5, call=14, video=10, message=30, email=10, help_given=5,
                 help_received=4, intro=2),
    "close": dict(coffee=24, meal=3, call=15, video=10, message=20, email=15, help_given=6,
                  help_received=4, intro=3),
    "giver": dict(coffee=20, call=15, video=5, email=15, message=10, help_received=30, intro=5),
    "active": dict(coffee=20, call=14, video=10, email=25, message=15, help_given=7,
                   help_received=4, intro=5),
    "dormant": dict(coffee=25, meal=5, call=15, video=10, message=25, email=12, help_given=4,
                    help_received=4),
    "seedling": dict(coffee=40, message=30, email=20, call=10),
    "rare": dict(email=30, message=30, coffee=14, call=10, help_given=6, help_received=5, intro=5),
}

_GIVES = ["Reviewed {f}'s portfolio", "Shared hiring contacts with {f}", "Gave {f} feedback on a deck",
          "Sent {f} notes on {t}", "Recommended {f} for a speaking slot", "Helped {f} prep for an interview"]

_GETS = ["{f} reviewed my talk", "{f} gave advice on {t}", "{f} shared a salary benchmark",
         "{f} introduced me to their research team", "{f} mentored me on {t}", "{f} read my draft"]

_EVENTS = [
    ("Design Systems Meetup", "Berlin, Betahaus"), ("ClimateTech Summit", "Amsterdam, RAI"),
    ("Product Leaders Breakfast", "Berlin, Factory Görlitzer Park"), ("UX Lisbon", "Lisbon, Cinema São Jorge"),
    ("Data Council Europe", "London, Barbican"), ("Civic Tech Night", "Berlin, Impact Hub"),
    ("Women in Product Dinner", "Hamburg, Hafenstudio"), ("Config Watch Party", "Berlin, Brightline Labs"),
    ("Open Source Design Sprint", "Copenhagen, Founders House"), ("Berlin Design Week", "Berlin, Kraftwerk"),
    ("Accessibility Camp", "Vienna, Sektor5"), ("Energy Transition Forum", "Munich, Werksviertel"),
]


def plan_events(people: list[Person], rng: random.Random, scale: bool, start: dt.date, end: dt.date):
    """About a dozen events; who you met there becomes part of your network from that day."""
    n = len(_EVENTS)
    spread = (end - start).days - 100
    days = [start + dt.timedelta(days=20 + spread * i // (n - 4)) for i in range(n - 3)]
    days += [end - dt.timedelta(days=d) for d in (55, 18, 6)]  # the last two: within 3 weeks
    seedlings = [i for i, p in enumerate(people) if p.tier == "seedling"]
    others = [i for i, p in enumerate(people) if p.tier in ("active", "rare") and p.linkedin]
    rng.shuffle(others)
    events = []
    for e, ((name, place), day) in enumerate(zip(_EVENTS, days)):
        recent = e >= n - 3
        met = [i for j, i in enumerate(seedlings) if recent and j % 3 == e - (n - 3)]
        extra = rng.randrange(8, 25) if scale else rng.randrange(3, 8)
        met += [others.pop() for _ in range(min(extra, len(others)))]
        if e >= n - 2:  # the last two: several people not yet followed up
            followed = [i for i in met if people[i].tier == "seedling" and rng.random() < 0.5]
        else:
            followed = [i for i in met if rng.random() < 0.75]
        for i in met:
            p = people[i]
            if e >= n - 2 and i not in followed:
                # not followed up yet: no contact since the event; if you are LinkedIn
                # connections at all, you connected long before you met
                p.lo, p.hi = day.toordinal() + 1, day.toordinal()
                if not scale and p.tier == "seedling" and p.emails:  # a card from the event, no LinkedIn yet
                    p.linkedin, p.connected = False, None
                elif p.linkedin and (p.connected is None or p.connected >= day):
                    p.connected = day - dt.timedelta(days=rng.randrange(200, 700))
                continue
            p.lo = day.toordinal()
            if p.linkedin and (p.connected is None or p.connected > day):
                p.connected = min(end, day + dt.timedelta(days=rng.randrange(0, 4)))
        notes = (f"{rng.choice(['Talk', 'Panel', 'Workshop'])} on {rng.choice(TOPICS)}; "
                 f"good hallway conversations about {rng.choice(TOPICS)}.")
        events.append((f"e{e + 1:02d}", f"{name} {day.year}", day, place, notes, met, followed))
    return events


def write_events(path: Path, events, people: list[Person]):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "name", "date", "location", "notes", "met", "followed_up"])
        for eid, name, day, place, notes, met, followed in events:
            w.writerow([eid, name, day.isoformat(), place, notes,
                        ";".join(people[i].ref for i in met), ";".join(people[i].ref for i in followed)])


def _summary(rng: random.Random, kind: str, direction: str, p: Person, q: Person | None) -> str:
    f, t = given_name(p), rng.choice(TOPICS)
    if kind == "coffee":
        return f"Coffee with {f}" + (f" and {given_name(q)}" if q else "") + f": {t}"
    if kind == "meal":
        return f"Lunch with {f}, talked about {t}"
    if kind in ("call", "video"):
        return f"{'Call' if kind == 'call' else 'Video call'} with {f} about {t}"
    if kind in ("email", "message"):
        verb = "Emailed" if kind == "email" else "Messaged"
        return f"{verb} {f} about {t}" if direction == "out" else f"{f} wrote about {t}"
    if kind == "help_given":
        return rng.choice(_GIVES).format(f=f, t=t)
    if kind == "help_received":
        return rng.choice(_GETS).format(f=f, t=t)
    if direction == "out":
        return f"Introduced {f} to {given_name(q)}: {t}"
    return f"{f} introduced me to {given_name(q)}"


def write_interactions(path: Path, people: list[Person], rng: random.Random, nrng, members,
                        start: dt.date, end: dt.date, months: int, scale: bool, tick) -> list:
    """Stream a chronological log, one block of days at a time; returns intro pairs for ties."""
    lo = np.array([p.lo for p in people], dtype=np.int64)
    hi = np.array([p.hi for p in people], dtype=np.int64) + 1
    rate = np.array([_RATE[p.tier] for p in people]) / 30.44
    if scale:  # about 10 interactions a person, same shape
        expected = (rate * np.clip(hi - np.maximum(lo, start.toordinal()), 0, None)).sum()
        rate *= 10 * len(people) / max(expected, 1.0)
    kinds = {t: (list(w), list(np.cumsum(list(w.values())))) for t, w in _KINDS.items()}
    s0, span = start.toordinal(), (end - start).days + 1
    intros, next_id = [], 1
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "date", "kind", "direction", "with", "summary"])
        for m in range(months):
            b0, b1 = s0 + span * m // months, s0 + span * (m + 1) // months
            a, b = np.maximum(lo, b0), np.minimum(hi, b1)
            counts = nrng.poisson(rate * np.clip(b - a, 0, None))
            rows = []
            for i in np.flatnonzero(counts).tolist():
                p = people[i]
                names, cum = kinds[p.tier]
                for _ in range(int(counts[i])):
                    kind = rng.choices(names, cum_weights=cum)[0]
                    day = rng.randrange(int(a[i]), int(b[i]))
                    qi = None
                    if kind == "intro":
                        qi = rng.randrange(len(people))
                    elif kind == "coffee" and rng.random() < 0.08:  # with a colleague of theirs
                        mates = members.get(p.company, ())
                        qi = rng.choice(mates) if len(mates) > 1 else None
                    if qi == i:
                        qi, kind = None, "coffee"
                    q = people[qi] if qi is not None else None
                    if kind in ("email", "message"):
                        direction = "out" if rng.random() < 0.55 else "in"
                    else:
                        direction = {"help_given": "out", "help_received": "in"}.get(kind, "both")
                    if kind == "intro":
                        direction = "out" if rng.random() < 0.7 else "in"
                        if direction == "out":
                            intros.append((i, qi, day))
                    refs = p.ref + (f";{q.ref}" if q else "")
                    rows.append((day, i, kind, direction, refs, _summary(rng, kind, direction, p, q)))
            rows.sort(key=lambda r: (r[0], r[1]))
            for day, _, kind, direction, refs, summary in rows:
                w.writerow([f"i{next_id:06d}", dt.date.fromordinal(day).isoformat(), kind,
                            direction, refs, summary])
                next_id += 1
            tick()
    return intros


def write_ties(path: Path, people: list[Person], rng: random.Random, nrng, members, intros,
                scale: bool, end: dt.date):
    """Colleagues who know each other, a few ties across clusters, and your introductions."""
    lam_colleague, lam_knows = (4.5, 0.8) if scale else (1.8, 0.12)
    n_col = nrng.poisson(lam_colleague, len(people))
    n_knows = nrng.poisson(lam_knows, len(people))
    first_day = dt.date(2016, 1, 1).toordinal()
    seen: set[tuple[int, int]] = set()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["a", "b", "kind", "since", "weight"])

        def tie(i: int, j: int, kind: str, since: int, weight: str):
            key = (i, j) if i < j else (j, i)
            if i != j and key not in seen:
                seen.add(key)
                w.writerow([people[i].ref, people[j].ref, kind, dt.date.fromordinal(since).isoformat(), weight])

        last = end.toordinal() - 30
        for i, p in enumerate(people):
            mates = members.get(p.company, ())
            for _ in range(min(int(n_col[i]), len(mates) - 1)):
                tie(i, rng.choice(mates), "colleague", rng.randrange(first_day, last), "1.0")
            for _ in range(int(n_knows[i])):
                j = rng.randrange(len(people))
                if people[j].company != p.company:
                    tie(i, j, "knows", rng.randrange(first_day, last), "0.5")
        for i, j, day in intros:
            tie(i, j, "intro", day, "0.5")
    return len(seen)
