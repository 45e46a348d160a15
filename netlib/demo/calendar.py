"""A Google Calendar export (``calendar.ics``) of your coffees, calls and events."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from netlib.demo.people import COMPANIES, TOPICS, Person, card_name, given_name
from netlib.demo.vtext import escape_text, fold_line

__all__ = ["write_calendar"]


_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""".split("\n")


def _stamp(t: dt.datetime, tz: bool) -> str:
    if tz:
        return f";TZID=Europe/Berlin:{t:%Y%m%dT%H%M%S}"
    utc = t - dt.timedelta(hours=2 if 4 <= t.month <= 10 else 1)  # Berlin to UTC, near enough
    return f":{utc:%Y%m%dT%H%M%S}Z"


class _Calendar:
    """Google Calendar's export: one VEVENT per meeting, the owner organizing most of them."""

    def __init__(self, rng: random.Random, owner: tuple[str, str], end: dt.date):
        self.rng, self.owner, self.end = rng, owner, end
        self.lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                      "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                      f"X-WR-CALNAME:{owner[1]}", "X-WR-TIMEZONE:Europe/Berlin", *_VTIMEZONE]

    @staticmethod
    def attendee(cn: str, email: str, partstat: str = "ACCEPTED", cutype: str = "INDIVIDUAL") -> str:
        cn = f'"{cn}"' if any(c in cn for c in ",;:") else cn
        return (f"ATTENDEE;CUTYPE={cutype};ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN={cn};"
                f"X-NUM-GUESTS=0:mailto:{email}")

    def event(self, summary: str, start: dt.datetime | dt.date, who: list[str], *, minutes: int = 30,
              tz: bool = True, organizer: tuple[str, str] | None = None, extra=(), uid: str | None = None,
              status: str = "CONFIRMED", description: str = "", location: str = "") -> str:
        uid = uid or f"{self.rng.getrandbits(104):026x}@google.com"
        org = organizer or self.owner
        lines = ["BEGIN:VEVENT"]
        if isinstance(start, dt.datetime):
            lines += [f"DTSTART{_stamp(start, tz)}",
                      f"DTEND{_stamp(start + dt.timedelta(minutes=minutes), tz)}"]
            made = start.date()
        else:
            lines += [f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{start + dt.timedelta(days=max(1, minutes // 1440)):%Y%m%d}"]
            made = start
        made = min(made, self.end) - dt.timedelta(days=self.rng.randrange(1, 20))
        lines += [f"DTSTAMP:{self.end:%Y%m%d}T000000Z", f"ORGANIZER;CN={org[0]}:mailto:{org[1]}",
                  f"UID:{uid}", *extra]
        if who:
            lines.append(self.attendee(self.owner[0], self.owner[1]))
            lines += who
        lines += [f"CREATED:{made:%Y%m%d}T101500Z", f"DESCRIPTION:{escape_text(description)}",
                  f"LAST-MODIFIED:{made:%Y%m%d}T101500Z", f"LOCATION:{escape_text(location)}", "SEQUENCE:0",
                  f"STATUS:{status}", f"SUMMARY:{escape_text(summary)}", "TRANSP:OPAQUE", "END:VEVENT"]
        self.lines += lines
        return uid

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("".join(fold_line(line) for line in self.lines + ["END:VCALENDAR"]))


def _meet(rng: random.Random) -> str:
    code = "".join(rng.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(10))
    return f"Join with Google Meet: https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:]}"


def write_calendar(path: Path, people: list[Person], rng: random.Random, owner: tuple[str, str],
                    start: dt.date, end: dt.date) -> int:
    cal = _Calendar(rng, owner, end)
    pool = [p for p in people if p.emails]
    cn = {id(p): card_name(p)[0] for p in pool}

    def who(p, partstat="ACCEPTED"):
        return cal.attendee(cn[id(p)], p.emails[0], partstat)

    def at(day: dt.date, hour: int | None = None) -> dt.datetime:
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(hour or rng.choice([9, 10, 11, 14, 15, 16]), rng.choice([0, 30])))

    # The weekly team meeting: RRULE, two EXDATEs, one moved instance, a meeting room.
    team = [p for p in pool if p.company == 0][:6] or pool[:5]
    first = start + dt.timedelta(days=(1 - start.weekday()) % 7 + 7)
    sync = dt.datetime.combine(first, dt.time(10, 0))
    weeks = (end - first).days // 7
    xmas = next(k for k in range(weeks) if (first + dt.timedelta(weeks=k)).month == 12
                and (first + dt.timedelta(weeks=k)).day >= 22) if weeks > 40 else 3
    ex = [sync + dt.timedelta(weeks=k) for k in (xmas, xmas + 1)]
    room = cal.attendee("Berlin-3-Spree (8)", "c_1889a2b3c4d5e6f7@resource.calendar.google.com",
                        cutype="RESOURCE")
    series = cal.event("Product design sync", sync, [who(p) for p in team] + [room], minutes=45,
                       extra=[f"RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={end:%Y%m%d}T000000Z",
                              f"EXDATE;TZID=Europe/Berlin:{ex[0]:%Y%m%dT%H%M%S}",
                              f"EXDATE;TZID=Europe/Berlin:{ex[1]:%Y%m%dT%H%M%S}"],
                       description="Weekly: what shipped, what's stuck, crit.", location="Berlin-3-Spree (8)")
    moved = sync + dt.timedelta(weeks=5)
    cal.event("Product design sync (moved to Wednesday)", moved + dt.timedelta(days=1), [who(p) for p in team],
              minutes=45, uid=series, extra=[f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}"])
    count = 2
    # 1:1s: every six weeks with the core, quarterly with close friends; dormant ones stop.
    for p in pool:
        gap = {"core": 42, "close": 90, "giver": 75, "dormant": 30}.get(p.tier)
        if not gap:
            continue
        day = max(start.toordinal(), p.lo) + rng.randrange(0, gap)
        while day <= min(p.hi, end.toordinal()):
            video = rng.random() < 0.6
            cal.event(f"{owner[0].split()[0]} / {given_name(p)}", at(dt.date.fromordinal(day)), [who(p)],
                      tz=rng.random() < 0.7, description=_meet(rng) if video else "",
                      location="" if video else rng.choice(["Café Einstein", "Bonanza Coffee", "Office"]))
            day += gap + rng.randrange(-7, 8)
            count += 1
    # Small meetings among colleagues at other companies: co-attendance ties.
    by_company: dict[int, list[Person]] = {}
    for p in pool:
        by_company.setdefault(p.company, []).append(p)
    groups = sorted((c for c, ps in by_company.items() if len(ps) >= 2 and c not in (0, len(COMPANIES) - 1)),
                    key=lambda c: (-len(by_company[c]), c))[:6]
    declined = False
    for c in groups + [0, 0] * (len(by_company.get(0, ())) >= 2):
        name = COMPANIES[c][0].split(",")[0]
        for _ in range(rng.randrange(3, 6)):
            members = rng.sample(by_company[c], min(len(by_company[c]), rng.randrange(2, 5)))
            day = dt.date.fromordinal(rng.randrange(start.toordinal() + 7, end.toordinal()))
            status = ["ACCEPTED"] * len(members)
            if not declined and len(members) >= 3:
                status[-1], declined = "DECLINED", True
            elif rng.random() < 0.2:
                status[-1] = "TENTATIVE"
            org = (cn[id(members[0])], members[0].emails[0]) if rng.random() < 0.4 and c else None
            title = f"{name} x Brightline: {rng.choice(TOPICS)}" if c else f"Design crit: {rng.choice(TOPICS)}"
            cal.event(title, at(day), [who(p, s) for p, s in zip(members, status)], minutes=60,
                      organizer=org, tz=rng.random() < 0.8, description=_meet(rng))
            count += 1
    # One cancelled, one all-day offsite, and a few people who are only in the calendar.
    for p in ([p for p in pool if p.tier in ("core", "close")] or pool)[:1]:
        cal.event(f"Coffee with {given_name(p)}", at(end - dt.timedelta(days=12), 9), [who(p)],
                  status="CANCELLED", location="Bonanza Coffee")
    offsite = end - dt.timedelta(days=40)
    offsite -= dt.timedelta(days=(offsite.weekday() - 3) % 7)  # Thursday and Friday
    cal.event("Team offsite", offsite, [who(p) for p in team], minutes=2 * 1440,
              location="Gut Sarnow, Brandenburg")
    for name, email, title, as_email in [
        ("Jordan Reyes", "jordan.reyes@talentbridge.example", "Intro call: Head of Design role", True),
        ("Mira Holm", "mira@podcast.example", "Podcast recording: Designing for trust", False),
        ("Tomás Quiroga", "tq@quiroga-consulting.example", "Quick chat about a workshop", False),
    ]:
        day = dt.date.fromordinal(rng.randrange(start.toordinal() + 30, end.toordinal()))
        cal.event(title, at(day), [cal.attendee(email if as_email else name, email)],
                  tz=False, description=_meet(rng))
    cal.write(path)
    return count + 5
