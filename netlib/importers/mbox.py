"""Email from an mbox file (Google Takeout, Apple Mail, Thunderbird): headers only, streamed.

The file is read in blocks of bytes; a message starts at a line that looks like an mbox
separator (``From <sender> <asctime date>``) followed by a header line, so a body line that
starts ``From `` does not split a message, and mboxrd's quoted ``>From `` lines are body
text like any other. Only each message's header block is decoded; bodies and attachments
are passed over by searching the bytes for the next separator, never parsed.

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
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from itertools import combinations

from netlib.errors import ImportFileError
from netlib.importers.normalise import clean_name, name_from_email, norm_email
from netlib.importers.reading import Collector, FileInfo
from netlib.importers.records import InteractionRecord, PersonRecord, TieRecord

__all__ = ["batches", "looks_like", "iter_headers", "MASS_MAIL", "HEADERS"]

#: A message to more people than this makes interactions but no ties (the ``mass_mail`` setting).
MASS_MAIL = 10
#: The headers read; every other header line is passed over.
HEADERS = frozenset((
    "from", "to", "cc", "bcc", "date", "message-id", "in-reply-to", "references", "x-gm-thrid",
    "x-gmail-labels", "list-id", "list-unsubscribe", "precedence", "auto-submitted", "sender",
    "content-type",
))
_BLOCK = 4 << 20
#: A header block longer than this is not a header block (a broken file): the message is skipped.
MAX_HEADER = 1 << 20
_SEPARATOR = re.compile(
    rb"From \S+ +[A-Za-z]{3},? +[A-Za-z]{3} +\d{1,2} +\d{1,2}:\d\d(?::\d\d)?(?: +[+-]?\w+)? +\d{4}\b[^\n]*$", re.M)
#: A separator line is short; a longer line starting 'From ' is body text, whatever follows.
_LONGEST_SEPARATOR = 1024
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?\b|mailer-daemon|postmaster|bounces?\b")
_SKIP_LABELS = {"spam", "trash"}
_DRAFT_LABELS = {"draft", "drafts"}
#: Why mail is left out without being listed one by one, in the order the summary names them.
REASONS = ("spam or trash", "drafts", "mailing lists and bulk mail", "automated mail", "no-reply senders",
           "calendar notifications")


def looks_like(head: bytes) -> bool:
    """Whether a file's first bytes are an mbox: a separator line, then a header line."""
    head = head.lstrip(b"\r\n")
    end = head.find(b"\n")
    return end > 0 and bool(_SEPARATOR.match(head, 0, end if head[end - 1:end] != b"\r" else end - 1)) and bool(
        _HEADER_LINE.match(head, end + 1))


def _is_separator(buf: bytes, start: int, end: int) -> bool:
    if end > start and buf[end - 1] == 13:  # CRLF
        end -= 1
    return bool(_SEPARATOR.match(buf, start, end)) and bool(_HEADER_LINE.match(buf, (buf.find(b"\n", start) + 1)))


def iter_headers(fh, tick=None):
    """``(number, line, header bytes)`` for each message of a binary mbox stream, in order.

    Bodies are skipped by searching for the next separator. ``header bytes`` is None for a
    message whose header block runs past :data:`MAX_HEADER` (not a real header block).
    ``tick(bytes read)`` is called after every block.
    """
    buf = fh.read(_BLOCK)
    done = len(buf)
    eof = not buf
    pos = 0  # where to search from
    line, counted = 1, 0  # the line number at buf[counted]
    number = 0
    first = True

    def more(keep: int) -> int:
        """Read the next block, dropping buf[:keep]; returns how far offsets moved."""
        nonlocal buf, eof, done, counted, line
        line += buf.count(b"\n", counted, keep) if keep > counted else 0
        counted = max(counted, keep) - keep
        block = fh.read(_BLOCK)
        done += len(block)
        if tick is not None:
            tick(done)
        if not block:
            eof = True
        buf = buf[keep:] + block
        return keep

    while True:
        if first:
            stripped = len(buf) - len(buf.lstrip(b"\r\n"))
            cand = stripped if buf[stripped:stripped + 5] == b"From " else -1
        else:
            cand = buf.find(b"\nFrom ", pos)
            cand = cand + 1 if cand >= 0 else -1
        if cand < 0:
            if eof:
                return
            shift = more(max(pos, len(buf) - 6))
            pos = max(pos - shift, 0)
            continue
        e1 = buf.find(b"\n", cand, cand + _LONGEST_SEPARATOR)
        e2 = buf.find(b"\n", e1 + 1) if e1 >= 0 else -1
        if e1 < 0 and len(buf) - cand >= _LONGEST_SEPARATOR:  # a long body line, never a separator
            pos = cand
            continue
        if e2 < 0 and not eof:
            more(cand if first else cand - 1)  # keep the newline before it, where the search finds it
            pos = 0
            continue
        if e1 < 0 or not _is_separator(buf, cand, e1):
            if first:
                return
            pos = cand
            continue
        first = False
        number += 1
        line += buf.count(b"\n", counted, cand)
        counted = cand
        at_line = line
        start = e1 + 1
        while True:
            limit = min(len(buf), start + MAX_HEADER + 2)
            lf = buf.find(b"\n\n", start - 1, limit)
            crlf = buf.find(b"\n\r\n", start - 1, lf + 1 if lf >= 0 else limit)
            ends = [i for i in (lf, crlf) if i >= 0]
            if ends or eof or len(buf) - start > MAX_HEADER:
                break
            shift = more(cand)
            cand, e1, start = cand - shift, e1 - shift, start - shift
        if ends:
            end = min(ends)
            if end - start > MAX_HEADER:
                yield number, at_line, None
            else:
                yield number, at_line, buf[start:end + 1]
            pos = end + 1
        elif eof:
            yield number, at_line, buf[start:] if len(buf) - start <= MAX_HEADER else None
            return
        else:
            yield number, at_line, None
            pos = start + MAX_HEADER


def parse_headers(raw: bytes) -> dict[str, str]:
    """The wanted headers of one header block (folded lines joined; repeated ones joined with a comma)."""
    out: dict[str, str] = {}
    name = None
    for raw_line in raw.decode("utf-8", "replace").split("\n"):
        text = raw_line.rstrip("\r")
        if text[:1] in (" ", "\t"):
            if name is not None:
                out[name] += " " + text.strip()
            continue
        key, sep, value = text.partition(":")
        key = key.strip().lower()
        if not sep or key not in HEADERS:
            name = None
            continue
        name = key
        value = value.strip()
        out[name] = f"{out[name]}, {value}" if name in out else value
    return out


def _decode(text: str) -> str:
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return text


def _display_name(name: str) -> str | None:
    """A readable name from a display name: quotes gone, RFC 2047 decoded, 'Doe, Jane' turned round."""
    name = clean_name(_decode(name).strip().strip('"\'').strip())
    if not name or norm_email(name):
        return None
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if first and last:
            name = f"{first} {last}"
    return name


_PLAIN = re.compile(r"\s*(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))\s*")


def _simple(value: str) -> list[tuple[str, str]] | None:
    """The common case read fast: unquoted ``Name <a@x>`` or ``a@x``, comma separated; None
    for anything else (quotes, comments, groups), which :func:`email.utils.getaddresses` reads."""
    if '"' in value or "(" in value or "\\" in value or ":" in value or ";" in value:
        return None
    out = []
    for part in value.split(","):
        m = _PLAIN.fullmatch(part)
        if m is None:
            return None
        out.append((m.group(1) or "", m.group(2) or m.group(3)))
    return out


def _addresses(value: str | None) -> list[tuple[str, str | None]]:
    """(address, name) pairs of an address header, addresses normalised; unreadable ones dropped."""
    if not value:
        return []
    out = []
    for name, addr in _simple(value) or getaddresses([value]):
        addr = norm_email(addr)
        if addr:
            out.append((addr, _display_name(name) if name else None))
    return out


def _reason(h: dict[str, str], sender: str | None) -> str | None:
    """Why a message is left out without a line of its own (one of :data:`REASONS`), or None."""
    labels = {lab.strip().strip('"').lower() for lab in h.get("x-gmail-labels", "").split(",")}
    if labels & _SKIP_LABELS:
        return REASONS[0]
    if labels & _DRAFT_LABELS:
        return REASONS[1]
    if "list-id" in h or "list-unsubscribe" in h or h.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return REASONS[2]
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return REASONS[3]
    agent = " ".join(a for a, _ in _addresses(h.get("sender"))) + " " + (sender or "")
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

    def name(self, addr: str, name: str | None, priority: int) -> None:
        if name and priority > self.names.get(addr, (-1, ""))[0]:
            self.names[addr] = (priority, name)

    def add(self, h: dict[str, str], number: int, line: int, out: Collector) -> None:
        senders = _addresses(h.get("from"))
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
            for addr, name in _addresses(h.get(field)):
                if not _is_me(addr, self.me):
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
    if box.messages and not box.mine:
        notes.append(f"none of them is from your addresses ({', '.join(sorted(box.me))}), so nobody became a "
                     "person; check: netlib settings owner_emails")
    yield out.finish()
