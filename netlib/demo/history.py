"""The history a person already has: LinkedIn's full export ZIP and a Takeout-style mbox.

Both follow the same synthetic people as the other files (their tiers and active windows),
with the quirks of the real exports: a BOM and CRLF in ``messages.csv``, multi-line quoted
content, a group conversation, recruiters' InMail, the SPAM folder; in the mbox, Gmail's
labels and thread ids, encoded names, ``From `` and ``>From `` body lines, an attachment,
newsletters, no-reply and calendar mail, spam and trash, a mass mail and a message without
a date. Every text is made up; none of it is ever stored by netlib.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import random
import zipfile
from email.header import Header
from pathlib import Path

from netlib.demo.people import COMPANIES, TOPICS, Person, given_name

__all__ = ["write_linkedin_export", "write_mbox", "EXPORT_NAME", "MBOX_NAME"]

EXPORT_NAME = "LinkedInDataExport.zip"
MBOX_NAME = "mail.mbox"
_CONVERSATIONS = {"core": 3, "close": 2, "giver": 2, "active": 0.6, "dormant": 2, "seedling": 1, "rare": 0.04}
_THREADS = {"core": 4, "close": 3, "giver": 2, "active": 0.7, "dormant": 2, "seedling": 1, "rare": 0.08}
_LINES = ["Thanks for {t}, that helped.", "Shall we catch up about {t} next week?", "Saw this and thought of you: {t}.",
          "Quick question on {t}.", "Great to see you the other day!", "Happy to help with {t}."]
_RECRUITERS = [("Taylor", "Quinn"), ("Morgan", "Blake"), ("Riley", "Sutton")]


def _when(rng: random.Random, lo: int, hi: int) -> dt.datetime:
    day = dt.date.fromordinal(rng.randrange(lo, hi + 1))
    return dt.datetime.combine(day, dt.time(rng.randrange(7, 22), rng.randrange(60), rng.randrange(60)))


def _count(rng: random.Random, rate: float) -> int:
    return int(rate) + (rng.random() < rate - int(rate))


def _url(p: Person) -> str:
    return f"https://www.linkedin.com/in/{p.slug}"


def _text(rng: random.Random, lines: int) -> str:
    return "\n".join(rng.choice(_LINES).format(t=rng.choice(TOPICS)) for _ in range(lines))


def _us(when: dt.datetime, *, year4=False) -> str:
    hour = when.hour % 12 or 12
    year = when.year if year4 else f"{when.year % 100:02d}"
    return f"{when.month}/{when.day}/{year}, {hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def _csv(rows, *, crlf=False) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_linkedin_export(path: Path, people: list[Person], rng: random.Random, connections: Path,
                          owner: tuple[str, str], members: dict, end: dt.date) -> Path:
    """The export ZIP: Connections.csv (the same bytes as beside it), Profile, messages,
    Invitations, Recommendations, Endorsements and a few files netlib does not read."""
    first, _, last = owner[0].partition(" ")
    me_url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}"
    pool = [p for p in people if p.linkedin and p.lo <= p.hi][:400]
    rows, cid = [], 0

    def conversation(others: list[Person], messages: int, lo: int, hi: int, folder="INBOX", you_first=None):
        nonlocal cid
        cid += 1
        conv = f"2-{rng.getrandbits(160):040x}"
        title = "Design crit" if len(others) > 1 else ""
        when = _when(rng, lo, hi)
        you = rng.random() < 0.55 if you_first is None else you_first
        for _ in range(messages):
            if you:
                frm, furl, to = owner[0], me_url, others
            else:
                frm, furl = others[0].name, _url(others[0])
                to = [None, *others[1:]]
            names = ", ".join(owner[0] if t is None else t.name for t in to)
            urls = ",".join(me_url if t is None else _url(t) for t in to)
            rows.append((when, [conv, title, frm, furl, names, urls, when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                                rng.choice(["", "", f"About {rng.choice(TOPICS)}"]), _text(rng, rng.randrange(1, 4)),
                                folder]))
            when = min(when + dt.timedelta(hours=rng.randrange(1, 60)), dt.datetime.combine(end, dt.time(23)))
            you = not you if rng.random() < 0.8 else you

    for p in pool:
        for _ in range(_count(rng, _CONVERSATIONS.get(p.tier, 0))):
            conversation([p], rng.randrange(1, 5), p.lo, p.hi)
    chosen = {id(p) for p in pool}
    groups = [[people[i] for i in idx if id(people[i]) in chosen][:3] for idx in members.values()]
    for group in [g for g in groups if len(g) == 3][:2]:
        lo, hi = max(q.lo for q in group), min(q.hi for q in group)
        if lo <= hi:
            conversation(group, 3, lo, hi, you_first=False)
    lo = end.toordinal() - 300
    for f, l in _RECRUITERS:  # InMail: one-way, never answered
        stranger = Person(f, l, (f.lower(), l.lower()), 0, "Recruiter", "rare", slug=f"{f}-{l}-talent".lower())
        conversation([stranger], 1, lo, end.toordinal(), you_first=False)
    spammer = Person("Prize", "Desk", ("prize", "desk"), 0, "", "rare", slug="prize-desk-4411")
    conversation([spammer], 1, lo, end.toordinal(), folder="SPAM", you_first=False)
    rows.sort(key=lambda r: r[0], reverse=True)  # newest first, as LinkedIn lists them
    header = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
              "DATE", "SUBJECT", "CONTENT", "FOLDER"]
    files = {
        "Connections.csv": connections.read_bytes(),
        "Profile.csv": _csv([["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                              "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                              "Instant Messengers"],
                             [first, last, "", "", "", f"Design lead at {COMPANIES[0][0]}",
                              "Designing calm software.\nMentor, speaker.", "Design", "", "Berlin, Germany",
                              "", "", ""]]),
        "messages.csv": b"\xef\xbb\xbf" + _csv([header, *(r for _, r in rows)], crlf=True),
        **_invitations(pool, rng, owner, me_url, end),
        **_help(pool, rng, end),
        "Skills.csv": _csv([["Name"], ["User Research"], ["Design Systems"], ["Facilitation"]]),
        "Ad_Targeting.csv": _csv([["Member Age", "Company Names"], ["35-54", COMPANIES[0][0]]]),
        "Learning.csv": _csv([["Content Title", "Content Type"], ["Leading Design Teams", "COURSE"]]),
    }
    stamp = (end.year, end.month, end.day, 9, 0, 0)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return path


def _invitations(pool, rng, owner, me_url, end) -> dict[str, bytes]:
    rows = [["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]]
    recent = sorted((p for p in pool if p.connected and (end - p.connected).days < 730), key=lambda p: p.connected,
                    reverse=True)
    for p in recent:
        when = dt.datetime.combine(p.connected, dt.time(rng.randrange(8, 20), rng.randrange(60)))
        note = rng.choice(["", "", f"Hi {given_name(p)}, great to meet you!"])
        if rng.random() < 0.6:
            rows.append([owner[0], p.name, _us(when), note, "OUTGOING", me_url, _url(p)])
        else:
            rows.append([p.name, owner[0], _us(when), note, "INCOMING", _url(p), me_url])
    when = dt.datetime.combine(end - dt.timedelta(days=9), dt.time(21, 5))
    rows.append(["Dana Growth", owner[0], _us(when), "Let's connect!", "INCOMING",
                 "https://www.linkedin.com/in/dana-growth-hacker", me_url])
    return {"Invitations.csv": _csv(rows)}


def _help(pool, rng, end) -> dict[str, bytes]:
    rec_header = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
    received, given = [rec_header], [rec_header]
    for target, tiers in ((received, ("giver",)), (given, ("close", "core"))):
        for p in [p for p in pool if p.tier in tiers][:2 if target is given else 3]:
            when = _when(rng, p.lo, p.hi)
            target.append([p.first, p.last, COMPANIES[p.company][0], p.position,
                           f"{given_name(p) if target is given else 'Alex'} is generous with time.\n"
                           f"{_text(rng, 1)}", f"{when:%m/%d/%y}, {_us(when).split(', ')[1]}", "VISIBLE"])
    out = {"Recommendations_Received.csv": _csv(received), "Recommendations_Given.csv": _csv(given)}
    skills = ["User Research", "Design Systems", "Prototyping", "Facilitation", "Product Strategy", "Python"]
    for name, who, n in (("Endorsement_Received_Info.csv", "Endorser", 16), ("Endorsement_Given_Info.csv", "Endorsee", 8)):
        rows = [["Endorsement Date", "Skill Name", f"{who} First Name", f"{who} Last Name", f"{who} Public Url",
                 "Endorsement Status"]]
        chosen = [p for p in pool if p.tier in ("core", "close", "active", "giver")]
        for p in rng.sample(chosen, min(n, len(chosen))):
            when = _when(rng, p.lo, p.hi)
            for skill in rng.sample(skills, rng.randrange(1, 3)):
                rows.append([f"{when:%Y/%m/%d %H:%M:%S} UTC", skill, p.first, p.last, f"www.linkedin.com/in/{p.slug}",
                             "ACCEPTED"])
        out[name] = _csv(rows)
    return out


def _address(name: str, addr: str) -> str:
    if not name.isascii():
        return f"{Header(name, 'utf-8').encode()} <{addr}>"
    return f'"{name}" <{addr}>' if "," in name else f"{name} <{addr}>"


def write_mbox(path: Path, people: list[Person], rng: random.Random, owner: tuple[str, str], end: dt.date) -> Path:
    """Your mailbox as Google Takeout exports it (headers that matter, short made-up bodies)."""
    me = _address(*owner)
    pool = [p for p in people if p.emails and p.lo <= p.hi][:400]
    msgs: list[tuple[dt.datetime, str]] = []
    counter = 0

    def message(when, frm, to, subject, body, *, labels="Inbox", thread=None, extra="", date=True):
        nonlocal counter
        counter += 1
        mid = f"<{rng.getrandbits(64):016x}.{counter}@mail.example>"
        thread = thread or [rng.getrandbits(62), None]
        head = [f"X-GM-THRID: {thread[0]}", f"X-Gmail-Labels: {labels}", f"Message-ID: {mid}"]
        if thread[1]:
            head += [f"In-Reply-To: {thread[1]}", f"References: {thread[1]}"]
        if date:
            head.append(f"Date: {when:%a, %d %b %Y %H:%M:%S} +0000")
        head += [f"From: {frm}", f"To: {to}", f"Subject: {subject}", "MIME-Version: 1.0"]
        head += extra.splitlines() if extra else ["Content-Type: text/plain; charset=UTF-8"]
        sep = f"From {thread[0]}@xxx {when:%a %b %d %H:%M:%S} +0000 {when.year}"
        msgs.append((when, f"{sep}\n" + "\n".join(head) + f"\n\n{body}\n"))
        thread[1] = thread[1] or mid
        return thread

    for p in pool:
        them = _address(p.vcard_name or p.name, p.emails[0])
        for _ in range(_count(rng, _THREADS.get(p.tier, 0))):
            when, thread = _when(rng, p.lo, p.hi), None
            you = rng.random() < 0.6
            subject = f"{rng.choice(['About', 'Re:', 'Following up on'])} {rng.choice(TOPICS)}"
            for _ in range(rng.randrange(1, 4)):
                body = _text(rng, rng.randrange(1, 4))
                if rng.random() < 0.1:
                    body += "\n\nFrom what I remember, that is how it went.\n>From the archive: an old note."
                thread = message(when, me if you else them, them if you else me, subject, body,
                                 labels="Sent" if you else "Inbox,Important", thread=thread)
                when = min(when + dt.timedelta(hours=rng.randrange(2, 40)), dt.datetime.combine(end, dt.time(22)))
                you = not you
    start = end.toordinal() - 330
    for week in range(0, 330, 14):
        message(dt.datetime.combine(dt.date.fromordinal(start + week), dt.time(7)), "Design Weekly <news@weekly.example>",
                me, "This week in design", "Top stories ...", labels="Inbox,Category Promotions",
                extra="List-Id: <weekly.news.example>\nList-Unsubscribe: <mailto:leave@weekly.example>")
    for i in range(4):
        when = _when(rng, start, end.toordinal())
        message(when, "Shop <no-reply@shop.example>", me, "Your order has shipped", "Tracking ...")
        message(when, "Prize Desk <winner@prize.example>", me, "You won!", "Claim now", labels="Spam")
        message(when, "Old Friend <old.friend@example.org>", me, "Old thread", "...", labels="Trash")
        if pool:
            message(when, _address(pool[i].name, pool[i].emails[0]), me, "Invitation: coffee", "...",
                    extra="Sender: Google Calendar <calendar-notification@google.com>\nContent-Type: text/calendar")
    guests = [p for p in pool if p.tier in ("active", "rare")][:14]
    if guests:
        message(dt.datetime.combine(end - dt.timedelta(days=40), dt.time(18)), me,
                ", ".join(_address(p.vcard_name or p.name, p.emails[0]) for p in guests),
                "Summer party at ours", "Bring a friend!", labels="Sent")
        attachment = base64.encodebytes(bytes(rng.getrandbits(8) for _ in range(6000))).decode()
        p = guests[0]
        message(dt.datetime.combine(end - dt.timedelta(days=38), dt.time(9)), _address(p.name, p.emails[0]), me,
                "Photos", f"--b1\nContent-Type: text/plain\n\nPhotos attached.\n--b1\nContent-Type: image/jpeg\n"
                          f"Content-Transfer-Encoding: base64\n\n{attachment}--b1--",
                extra='Content-Type: multipart/mixed; boundary="b1"')
        message(dt.datetime.combine(end - dt.timedelta(days=30), dt.time(9)), _address(p.name, p.emails[0]), me,
                "No date on this one", "Sent from a broken phone.", date=False)
    msgs.sort(key=lambda m: m[0])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(text for _, text in msgs))
    return path
