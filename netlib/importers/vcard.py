"""vCard files (2.1, 3.0, 4.0): one person per card, a bad card skipped alone.

The file is read as a stream of lines, each bounded (:data:`MAX_PROPERTY`): a card starts
only at a line-start ``BEGIN:VCARD`` outside a card, and one left without ``END:VCARD`` (the
next ``BEGIN:VCARD`` or the end of the file comes first) is a skipped record, so the cards
after it still import. Binary properties (PHOTO, LOGO, SOUND, KEY) are dropped unread, and
any other value over :data:`MAX_PROPERTY` is dropped with a warning.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import vobject

from netlib.errors import ImportFileError
from netlib.importers.dates import parse_birthday
from netlib.importers.normalise import clean, clean_name, first_word, hash_key, norm_email, norm_linkedin
from netlib.importers.reading import Collector, FileInfo, open_text
from netlib.importers.records import PersonRecord

__all__ = ["batches", "split_cards", "Card", "MAX_PROPERTY", "BINARY"]

#: A property (its lines unfolded) longer than this many characters is dropped while reading.
MAX_PROPERTY = 1 << 20
#: Properties holding pictures, sounds or keys: netlib never uses them, so they are not read.
BINARY = ("PHOTO", "LOGO", "SOUND", "KEY")


@dataclass
class Card:
    """One card as read: its first line, its text (None when abandoned) and what was dropped."""

    line: int
    text: str | None
    dropped: list[str] = field(default_factory=list)  # names of oversized properties
    ended_by: int | None = None  # for an abandoned card: the line that ended it (None: end of file)


def _lines(stream, limit: int):
    """``(number, text, cut)`` for each physical line (any line end), at most ``limit``
    characters of it: the rest of a longer line is read and thrown away (``cut`` True)."""
    number = 0
    while True:
        text = stream.readline(limit + 1)
        if not text:
            return
        number += 1
        cut = False
        while len(text) > limit and not text.endswith(("\n", "\r")):
            cut = True
            text = text[:limit]
            rest = stream.readline(limit + 1)
            while rest and not rest.endswith(("\n", "\r")):
                rest = stream.readline(limit + 1)
        yield number, text.rstrip("\r\n").replace("\x00", ""), cut


def _name(line: str) -> str:
    """A property's name: ``item1.PHOTO;TYPE=JPEG:...`` -> ``PHOTO``."""
    head = line.split(":", 1)[0].split(";", 1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()


def split_cards(lines, limit: int | None = None):
    """Each card of a stream of lines (a text stream or a string) as a :class:`Card`.

    vCard 2.1 quoted-printable soft line breaks (a trailing ``=``) are joined, which vobject
    does not do. Text before the first card and between cards is ignored.
    """
    limit = limit or MAX_PROPERTY
    if isinstance(lines, str):
        lines = io.StringIO(lines, newline="")
    card: Card | None = None
    props: list[str] = []
    size = 0
    skipping = soft = False
    for number, line, cut in _lines(lines, limit):
        folded = line[:1] in (" ", "\t") or soft
        upper = "" if folded else line.strip().upper()
        if upper == "END:VCARDBEGIN:VCARD":  # two files put together, the first without a last newline
            if card is not None:
                props.append("END:VCARD")
                card.text = "\r\n".join(props) + "\r\n"
                yield card
            card, props, size, skipping, soft = Card(number, None), ["BEGIN:VCARD"], 0, False, False
            continue
        if upper == "BEGIN:VCARD":
            if card is not None:
                card.ended_by = number
                yield card  # abandoned: text stays None
            card, props, size, skipping, soft = Card(number, None), [line.strip()], 0, False, False
            continue
        if card is None:
            continue
        if upper == "END:VCARD":
            props.append("END:VCARD")
            card.text = "\r\n".join(props) + "\r\n"
            yield card
            card, props = None, []
            continue
        if folded:
            if skipping:
                soft = soft and line.endswith("=")
                continue
            size += len(line)
            if size > limit or cut:
                card.dropped.append(_name(props.pop()))
                skipping = True
            elif soft:
                props[-1] = props[-1][:-1] + line.lstrip()
            else:
                props[-1] += line[1:]
            soft = soft and line.endswith("=")
            continue
        name = _name(line)
        skipping = name in BINARY
        soft = "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper() and line.endswith("=")
        if skipping or not line.strip():
            continue
        if cut:
            card.dropped.append(name)
            skipping = True
            continue
        props.append(line)
        size = len(line)
    if card is not None:
        yield card


def batches(info: FileInfo, *, strict=False, progress=None, chunk=None, **_):
    """Every card as a :class:`PersonRecord`; key is the UID, else first email, else a hash.

    The file is streamed, card by card; the people come in chunks of ``chunk``. A second
    card with the same UID or first email is listed as a skipped record (the first is kept).
    """
    out = Collector(info, "vcard", strict=strict, progress=progress, chunk=chunk)
    found = False
    seen: dict[str, int] = {}
    with open_text(info) as stream:
        for n, card in enumerate(split_cards(stream)):
            found = True
            if out.full():
                yield out.take()
            if progress is not None and not n % 500:
                out.tick(stream.buffer.tell())
            line = card.line
            if card.text is None:
                end = f"line {card.ended_by} starts another card" if card.ended_by else "the file ends"
                out.skip(line, f"card has no END:VCARD ({end} first), so it is skipped; the cards after it "
                               "are read. Expected END:VCARD at the end of each card")
                continue
            for name in card.dropped:
                out.warn(line, f"{name} is longer than {MAX_PROPERTY:,} characters, so it was left out; "
                               "the card is kept without it")
            try:
                vcard = vobject.readOne(card.text)
            except Exception as err:  # vobject raises many kinds; one bad card must not stop the rest
                out.skip(line, f"card does not parse ({_short(err)}); expected a vCard 2.1, 3.0 or 4.0 card")
                continue
            rec = _person(vcard, line, out)
            if rec is None:
                continue
            if rec.key in seen:
                what = "UID" if rec.key.startswith("uid:") else "email" if rec.key.startswith("email:") else "name"
                out.skip(line, f"a second card with the {what} {rec.key.split(':', 1)[-1]} (first on line "
                               f"{seen[rec.key]}); kept the first")
                continue
            seen[rec.key] = line
            out.batch.people.append(rec)
    if not found:
        raise ImportFileError(info.path, "holds no BEGIN:VCARD line", line=1,
                              fix="expected a vCard (.vcf) file; use --kind to choose another format")
    yield out.finish()


def _short(err) -> str:
    text = str(err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:120]


def _text(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value if v)
    return clean(value)


def _param(prop, name) -> list[str]:
    return [str(v) for v in prop.params.get(name, [])]


def _types(prop) -> set[str]:
    out = set()
    for v in _param(prop, "TYPE"):
        out.update(t.strip().lower() for t in v.split(","))
    for key in prop.params:  # vCard 2.1 bare types: EMAIL;PREF;HOME:
        if not prop.params[key]:
            out.add(key.lower())
    return out


def _person(card, line: int, out: Collector) -> PersonRecord | None:
    c = card.contents
    emails: list[str] = []
    for prop in c.get("email", []):
        addr = norm_email(prop.value)
        if addr and addr not in emails:
            pref = "pref" in _types(prop) or _param(prop, "PREF")
            emails.insert(0, addr) if pref else emails.append(addr)
    phones = []
    for prop in c.get("tel", []):
        phone = clean(prop.value)
        if phone and phone not in phones:
            phones.append(phone)
    fn = _text(c["fn"][0].value) if "fn" in c else None
    first = last = None
    if "n" in c:
        n = c["n"][0].value
        if hasattr(n, "given"):
            first, last = _text(n.given), _text(n.family)
        else:
            parts = str(n).split(";")
            last, first = clean(parts[0]), clean(parts[1]) if len(parts) > 1 else None
    company = None
    if "org" in c:
        org = c["org"][0].value
        company = clean(org[0] if isinstance(org, (list, tuple)) and org else org)
    name = clean_name(fn) or clean_name(" ".join(p for p in (first, last) if p)) or company or (emails[0] if emails else None)
    if not name:
        out.skip(line, "card has no name, email or organisation; expected at least FN or EMAIL")
        return None
    linkedin = None
    for prop in c.get("x-socialprofile", []):
        if "linkedin" in _types(prop) or "linkedin" in str(prop.value).lower():
            linkedin = norm_linkedin(prop.value)
            if not linkedin and _param(prop, "X-USER"):
                linkedin = norm_linkedin("linkedin.com/in/" + _param(prop, "X-USER")[0])
            if linkedin:
                break
    if not linkedin:
        for prop in c.get("url", []):
            linkedin = norm_linkedin(prop.value)
            if linkedin:
                break
    birthday = None
    if "bday" in c:
        prop = c["bday"][0]
        omit = (_param(prop, "X-APPLE-OMIT-YEAR") or [None])[0]
        birthday, ok = parse_birthday(str(prop.value), omit_year=omit)
        if not ok:
            out.warn(line, f"BDAY is '{prop.value}', expected a date like '1990-03-14' or '--03-14'; "
                           "the card is kept without a birthday")
    tags: list[str] = []
    for prop in c.get("categories", []):
        values = prop.value if isinstance(prop.value, (list, tuple)) else str(prop.value).split(",")
        for tag in values:
            tag = clean(tag)
            if tag and tag not in tags:
                tags.append(tag)
    uid = _text(c["uid"][0].value) if "uid" in c else None
    key = f"uid:{uid}" if uid else f"email:{emails[0]}" if emails else hash_key(name, company)
    return PersonRecord(
        key=key, name=name, first_name=first_word(clean_name(first)), last_name=clean_name(last),
        emails=emails, phones=phones, company=company,
        position=_text(c["title"][0].value) if "title" in c else None,
        linkedin_url=linkedin, tags=tags,
        notes=_text(c["note"][0].value) if "note" in c else None,
        birthday=birthday, line=line,
    )
