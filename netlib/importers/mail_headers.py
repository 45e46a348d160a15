"""Reading an mbox file's bytes: where each message starts, its header block, its addresses.

A message starts at a line that looks like an mbox separator (``From <sender> <asctime
date>``, under 1 KiB) followed by a header line, so a body line that starts ``From `` does
not split a message, and mboxrd's quoted ``>From `` lines are body text like any other.
Only header blocks are decoded; bodies and attachments are passed over by searching the
bytes for the next separator, never parsed. Memory: one block plus one header block.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import getaddresses

from netlib.importers.normalise import norm_email
from netlib.importers.normalise import display_name as person_name

__all__ = ["looks_like", "iter_headers", "parse_headers", "addresses", "display_name", "HEADERS", "MAX_HEADER"]

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


def display_name(name: str) -> str | None:
    """A readable name from a display name: RFC 2047 decoded, then
    :func:`netlib.importers.normalise.display_name` (quotes, 'Doe, Jane' turned round)."""
    return person_name(_decode(name))


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


def addresses(value: str | None) -> list[tuple[str, str | None]]:
    """(address, name) pairs of an address header, addresses normalised; unreadable ones dropped."""
    if not value:
        return []
    out = []
    for name, addr in _simple(value) or getaddresses([value]):
        addr = norm_email(addr)
        if addr:
            out.append((addr, display_name(name) if name else None))
    return out
