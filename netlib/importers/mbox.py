"""Email from an mbox file (Google Takeout, Apple Mail, Thunderbird): headers only, streamed.

The file is read in blocks of bytes by :mod:`netlib.importers.mail_headers`: only each
message's header block is decoded; bodies and attachments are passed over, never parsed.

What is read: ``From``, ``To``, ``Cc``, ``Bcc``, ``Date``, ``Message-ID``, ``In-Reply-To``,
``References``, ``X-GM-THRID``, ``X-Gmail-Labels``, ``List-Id``, ``List-Unsubscribe``,
``Precedence``, ``Auto-Submitted``, ``Sender`` and ``Content-Type``. What is kept: who
wrote to whom, on which day, in which thread (as a hash). Never a subject, a body or an
attachment.

One ``email`` interaction per person per thread per day, ``out`` when you wrote to them,
``in`` when they wrote to you, ``both`` when both did that day. Addresses you have written
to become people; everyone else only adds interactions to people already in the garden
(optional ``?email:`` references). People on the same message (up to ``mass_mail`` of them)
are tied like meeting attendees (Newman's 1/(n-1) weighting).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from email.utils import parsedate_to_datetime
from itertools import combinations

from netlib.errors import ImportFileError
from netlib.importers.mail_headers import MAX_HEADER, addresses, iter_headers, looks_like, parse_headers
from netlib.importers.normalise import name_from_email
from netlib.importers.reading import Collector, FileInfo
from netlib.importers.records import InteractionRecord, PersonRecord, TieRecord

__all__ = ["batches", "looks_like", "MASS_MAIL", "REASONS"]

#: A message to more people than this makes interactions but no ties (the ``mass_mail`` setting).
MASS_MAIL = 10
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?\b|mailer-daemon|postmaster|bounces?\b")
_SKIP_LABELS = {"spam", "trash"}
_DRAFT_LABELS = {"draft", "drafts"}
#: Why mail is left out without being listed one by one, in the order the summary names them.
REASONS = ("spam or trash", "drafts", "mailing lists and bulk mail", "automated mail", "no-reply senders",
           "calendar notifications")


def _labels(h: dict[str, str]) -> set[str]:
    return {lab.strip().strip('"').lower() for lab in h.get("x-gmail-labels", "").split(",")}


def _reason(h: dict[str, str], sender: str | None) -> str | None:
    """Why a message is left out without a line of its own (one of :data:`REASONS`), or None."""
    labels = _labels(h)
    if labels & _SKIP_LABELS:
        return REASONS[0]
    if labels & _DRAFT_LABELS:
        return REASONS[1]
    if "list-id" in h or "list-unsubscribe" in h or h.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return REASONS[2]
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return REASONS[3]
    agent = " ".join(a for a, _ in addresses(h.get("sender"))) + " " + (sender or "")
    if "calendar-notification@" in agent or h.get("content-type", "").lower().startswith("text/calendar"):
        return REASONS[5]
    if sender and _NO_REPLY.search(sender.split("@", 1)[0]):
        return REASONS[4]
    return None


def _day(value: str | None) -> tuple[dt.date | None, str | None]:
    """The day a Date header names (in its own offset), or None and why not."""
    if not value:
        return None, "has no Date header, so it cannot be dated"
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        when = None
    if when is None or not 1971 <= when.year <= 2100:
        return None, f"has the Date '{value[:60]}', which is not a real date"
    return when.date(), None


def _thread(h: dict[str, str]) -> str:
    """A short stable key of the message's thread: Gmail's thread id, else the first of
    References, else In-Reply-To, else its own Message-ID (a hash: ids are not kept)."""
    refs = h.get("references", "").split()
    root = (h.get("x-gm-thrid") or (refs[0] if refs else None) or h.get("in-reply-to", "").strip()
            or h.get("message-id", "").strip())
    if not root:
        root = "\x1f".join((h.get("from", ""), h.get("date", ""), h.get("to", "")))
    return hashlib.sha256(root.strip().encode("utf-8", "replace")).hexdigest()[:16]


def _is_me(addr: str, me: set[str]) -> bool:
    if addr in me:
        return True
    local, _, domain = addr.partition("@")
    return "+" in local and f"{local.split('+', 1)[0]}@{domain}" in me


class _Mailbox:
    """What the messages add up to, held per (thread, day): small, whatever the bodies weigh."""

    def __init__(self, me: set[str], mass_mail: int):
        self.me, self.mass_mail = me, mass_mail
        self.groups: dict[tuple[str, dt.date], dict[str, int]] = {}  # addr -> 1 they wrote, 2 you wrote
        self.lines: dict[tuple[str, dt.date], int] = {}
        self.together: dict[tuple[str, dt.date], set[str]] = {}  # people on the same messages
        self.written: set[str] = set()
        self.names: dict[str, tuple[int, str]] = {}  # addr -> (priority, name)
        self.left = dict.fromkeys(REASONS, 0)
        self.messages = self.mine = 0
        self.sent_by: dict[str, int] = {}  # senders of mail labelled Sent that is not from your addresses

    def name(self, addr: str, name: str | None, priority: int) -> None:
        if name and priority > self.names.get(addr, (-1, ""))[0]:
            self.names[addr] = (priority, name)

    def add(self, h: dict[str, str], number: int, line: int, out: Collector) -> None:
        senders = addresses(h.get("from"))
        sender, sender_name = senders[0] if senders else (None, None)
        reason = _reason(h, sender)
        if reason:
            self.left[reason] += 1
            return
        if sender is None:
            out.skip(line, f"message {number} has no From address, so who wrote it is unknown")
            return
        day, why = _day(h.get("date"))
        if day is None:
            out.skip(line, f"message {number} {why}")
            return
        self.messages += 1
        recipients = {}
        for field in ("to", "cc", "bcc"):
            for addr, name in addresses(h.get(field)):  # a no-reply address is never someone
                if not _is_me(addr, self.me) and not _NO_REPLY.search(addr.split("@", 1)[0]):
                    recipients.setdefault(addr, name)
        key = (_thread(h), day)
        group = self.groups.setdefault(key, {})
        self.lines.setdefault(key, line)
        if _is_me(sender, self.me):
            self.mine += 1
            for addr, name in recipients.items():
                group[addr] = group.get(addr, 0) | 2
                self.written.add(addr)
                self.name(addr, name, 1)
            others = set(recipients)
        else:
            if "sent" in _labels(h):  # Gmail says you sent it: an address of yours not in the setting?
                self.sent_by[sender] = self.sent_by.get(sender, 0) + 1
            group[sender] = group.get(sender, 0) | 1
            self.name(sender, sender_name, 2)
            for addr, name in recipients.items():
                self.name(addr, name, 0)
            others = set(recipients) | {sender}
        if not group:
            del self.groups[key], self.lines[key]
        if len(recipients) <= self.mass_mail and len(others) >= 2:
            self.together.setdefault(key, set()).update(others)

    def ref(self, addr: str) -> str:
        return f"email:{addr}" if addr in self.written else f"?email:{addr}"


def batches(info: FileInfo, *, me=(), strict=False, progress=None, chunk=None, mass_mail=MASS_MAIL, **_):
    """People you wrote to, ``email`` interactions and co-recipient ties from an mbox file."""
    out = Collector(info, "mbox", strict=strict, progress=progress, chunk=chunk)
    me = {m.strip().lower() for m in me if m and m.strip()}
    if not me:
        raise ImportFileError(info.path, "cannot be read without your own address: it tells your mail from "
                                         "mail sent to you", fix="set it once: netlib settings owner_emails "
                                         "'[\"you@example.com\"]' (several allowed), or import with --me")
    if not looks_like(info.head):
        raise ImportFileError(info.path, "does not start with an mbox 'From ' line", line=1,
                              fix="expected an mbox export (Google Takeout Mail, Apple Mail, Thunderbird)")
    box = _Mailbox(me, mass_mail if mass_mail is not None else MASS_MAIL)
    with open(info.path, "rb") as fh:
        for number, line, raw in iter_headers(fh, out.tick):
            if raw is None:
                out.skip(line, f"message {number} has a header block over {MAX_HEADER // 1024} KiB; "
                               "the file may be damaged")
                continue
            box.add(parse_headers(raw), number, line, out)
            if out.chunk is not None and len(out.batch.skipped) >= out.chunk:
                yield out.take()
    yield from _emit(box, out)


def _emit(box: _Mailbox, out: Collector):
    for addr in sorted(box.written):
        name = box.names.get(addr, (0, None))[1] or name_from_email(addr)
        out.batch.people.append(PersonRecord(key=f"email:{addr}", name=name, emails=[addr]))
        if out.full():
            yield out.take()
    direction = {1: "in", 2: "out", 3: "both"}
    for (thread, day), group in box.groups.items():
        for addr, bits in group.items():
            out.batch.interactions.append(InteractionRecord(
                key=f"{thread}:{day.isoformat()}:{addr}", date=day, kind="email", people=[box.ref(addr)],
                direction=direction[bits], line=box.lines[(thread, day)]))
            if out.full():
                yield out.take()
    pairs: dict[tuple[str, str], TieRecord] = {}
    for (_, day), people in box.together.items():
        if not 2 <= len(people) <= box.mass_mail + 1:
            continue
        weight = 1.0 / (len(people) - 1)
        for a, b in combinations(sorted(people), 2):
            tie = pairs.get((a, b))
            if tie is None:
                pairs[(a, b)] = TieRecord(box.ref(a), box.ref(b), "coattendance", since=day, weight=weight)
            else:
                tie.weight += weight
                tie.since = min(tie.since, day)
    for tie in pairs.values():
        out.batch.ties.append(tie)
        if out.full():
            yield out.take()
    left = [f"{n} {why}" for why, n in box.left.items() if n]
    notes = out.batch.extra.setdefault("notes", [])
    notes.append(f"{box.messages} messages read" + (f"; left out: {', '.join(left)}" if left else ""))
    if box.sent_by:
        top = sorted(box.sent_by, key=lambda a: (-box.sent_by[a], a))[:3]
        notes.append(f"{sum(box.sent_by.values())} messages labelled Sent are from addresses not among yours "
                     f"({', '.join(top)}): if they are yours, add them to netlib settings owner_emails and "
                     "import again")
    if box.messages and not box.mine:
        notes.append(f"none of them is from your addresses ({', '.join(sorted(box.me))}), so nobody became a "
                     "person; check: netlib settings owner_emails")
    yield out.finish()
