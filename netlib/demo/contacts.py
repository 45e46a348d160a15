"""Contact exports: LinkedIn's ``Connections.csv``, an Apple-style vCard file, a Google Contacts CSV."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from netlib.demo.people import COMPANIES, TOPICS, Person, card_name, uid
from netlib.demo.vtext import escape_text, fold_line

__all__ = ["write_linkedin", "write_vcards", "write_google"]


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

_LINKEDIN_NOTE = (
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"'
)

_LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"

_GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Website 1 - Label,Website 1 - Value"
).split(",")


def _linkedin_date(day: dt.date) -> str:
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def write_linkedin(path: Path, people: list[Person], rng: random.Random, scale: bool, end: dt.date):
    rows = []
    for p in people:
        if p.linkedin:
            company = COMPANIES[p.company][0]
            if rng.random() < 0.03 and p.tier == "rare":  # some members show no current job
                company, position = "", ""
            else:
                position = p.position
            rows.append((p.connected, [p.first, p.last, f"https://www.linkedin.com/in/{p.slug}",
                                       p.li_email, company, position, _linkedin_date(p.connected)]))
    hidden = max(2, len(rows) // 1000)
    for _ in range(hidden):  # members who hide their profile: only the date survives
        day = end - dt.timedelta(days=rng.randrange(0, 900))
        rows.append((day, ["", "", "", "", "", "", _linkedin_date(day)]))
    rows.sort(key=lambda r: r[0], reverse=True)  # LinkedIn lists the newest first
    if not scale:  # LinkedIn exports occasionally repeat a row
        rows.insert(len(rows) // 3, rows[len(rows) // 3])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"Notes:\n{_LINKEDIN_NOTE}\n\n{_LINKEDIN_HEADER}\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerows(r for _, r in rows)


#: Numbers reserved for fiction (Ofcom's drama ranges): 4,000 of them, none of them anyone's.
_PHONE_RANGES = ("+44 20 7946 {:04d}", "+44 161 496 {:04d}", "+44 121 496 {:04d}", "+44 7700 90{:04d}")


def _phone(rng: random.Random, used: set[str]) -> str:
    """A fictional phone number no other person in the sample has."""
    n = rng.randrange(4000)
    while True:
        number = _PHONE_RANGES[n // 1000].format(n % 1000)
        if number not in used:
            used.add(number)
            return number
        n = (n + 1) % 4000


def _note(p: Person, rng: random.Random, people_by_first: list[str]) -> str:
    notes = [f"Met through {rng.choice(people_by_first)}; talked about {rng.choice(TOPICS)}.",
             f"Interested in {rng.choice(TOPICS)} and {rng.choice(TOPICS)}. Has two kids, "
             f"loves bouldering, and always recommends a book; ask about the last one.",
             f"Former colleague at {COMPANIES[4][0]}.", "Prefers Signal over email.",
             f"Great sounding board for {rng.choice(TOPICS)}."]
    return rng.choice(notes)


def write_vcards(path: Path, people: list[Person], rng: random.Random, end: dt.date, phones: set[str]):
    firsts = [p.first for p in people[:200]]
    n_profile = n_bday = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for p in people:
            if not p.vcard:
                continue
            fn, family, given = card_name(p)
            suffix = "PhD" if "PhD" in p.last else ""
            lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 15.1//EN",
                     f"N:{escape_text(family)};{escape_text(given)};;{'Dr.' if suffix else ''};{suffix}", f"FN:{escape_text(fn)}"]
            if p.vcard_name and p.first.startswith("Catherine"):
                lines.append("NICKNAME:Cathy")
            company = COMPANIES[p.company][0]
            if company != "Self-employed":
                if rng.random() < 0.3 and company.endswith((", Inc.", ", Ltd.", " GmbH")):
                    company = company.rsplit(" ", 1)[0].rstrip(",")  # the card says "Northwind Analytics"
                lines.append(f"ORG:{escape_text(company)};")
            lines.append(f"TITLE:{escape_text(p.position)}")
            emails = [("WORK" if e == p.work else "HOME", e) for e in p.emails]
            for i, (label, email) in enumerate(emails):
                pref = ";type=pref" if i == 0 else ""
                lines.append(f"EMAIL;type=INTERNET;type={label}{pref}:{email}")
            if rng.random() < 0.15:  # Apple's grouped custom label
                lines.append(f"item1.EMAIL;type=INTERNET:{p.ascii[0]}@{rng.choice(['alumni.ashgrove.example', 'studio.example'])}")
                lines.append("item1.X-ABLabel:Alumni")
            for i in range(rng.choice([0, 1, 1, 1, 2])):
                kind = "CELL" if i == 0 else "WORK"
                lines.append(f"TEL;type={kind};type=VOICE{';type=pref' if i == 0 else ''}:{_phone(rng, phones)}")
            r = rng.random()
            if n_bday == 0 or r < 0.08:
                lines.append(f"BDAY:--{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
                             if n_bday == 0 else f"BDAY:{rng.randrange(1965, 2000)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
                n_bday += 1
            elif r < 0.12:
                lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
            if rng.random() < 0.5 or p.tier in ("core", "giver"):
                lines.append(f"NOTE:{escape_text(_note(p, rng, firsts))}")
            if p.tags:
                lines.append("CATEGORIES:" + ",".join(p.tags[:3]))
            if p.linkedin and (rng.random() < 0.4 or p.vcard_name or n_profile < 3):
                url = f"https://www.linkedin.com/in/{p.slug}"
                if n_profile % 5 == 1:
                    url = "http://www.linkedin.com/in/" + p.slug + "/"  # as typed by hand
                lines.append(f"X-SOCIALPROFILE;type=linkedin:{url}")
                n_profile += 1
            lines += [f"UID:{uid(rng).upper()}", f"REV:{end.isoformat()}T09:00:00Z", "END:VCARD"]
            fh.write("".join(fold_line(line) for line in lines))


def write_google(path: Path, people: list[Person], rng: random.Random, phones: set[str]):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(_GOOGLE_HEADER)
        row_n = 0
        for p in people:
            if not p.google:
                continue
            row = dict.fromkeys(_GOOGLE_HEADER, "")
            given, family = p.first.split(" (")[0], p.last.split(",")[0]
            row.update({"First Name": given, "Last Name": family, "File As": "",
                        "Organization Name": "" if p.company == len(COMPANIES) - 1 else COMPANIES[p.company][0],
                        "Organization Title": p.position,
                        "Labels": " ::: ".join(["* myContacts"] + [t.title() for t in p.tags[:2]])})
            if "PhD" in p.last:
                row["Name Suffix"] = "PhD"
            emails = [("Work" if e == p.work else "Home", e) for e in p.emails]
            if row_n == 1 and len(emails) == 2:  # two addresses under one label, Google joins them
                emails = [("Work", f"{emails[0][1]} ::: {emails[1][1]}")]
            for i, (label, value) in enumerate(emails[:2], 1):
                row[f"E-mail {i} - Label"] = ("* " if i == 1 else "") + label
                row[f"E-mail {i} - Value"] = value
            if rng.random() < 0.6:
                row["Phone 1 - Label"], row["Phone 1 - Value"] = "Mobile", _phone(rng, phones)
            if rng.random() < 0.1:
                row["Birthday"] = f"--{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            if rng.random() < 0.3:
                row["Notes"] = f"Talked about {rng.choice(TOPICS)}."
            if p.linkedin and rng.random() < 0.3:
                row["Website 1 - Label"] = "Profile"
                row["Website 1 - Value"] = f"https://www.linkedin.com/in/{p.slug}"
            w.writerow(row.values())
            row_n += 1
