"""vCard files (2.1, 3.0, 4.0): one person per card, a bad card skipped alone."""

from __future__ import annotations

import re

import vobject

from netlib.errors import ImportFileError
from netlib.importers.dates import parse_birthday
from netlib.importers.normalise import clean, clean_name, first_word, hash_key, norm_email, norm_linkedin
from netlib.importers.reading import Collector, FileInfo, read_text
from netlib.importers.records import PersonRecord

__all__ = ["batches", "split_cards"]

_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_cards(text: str):
    """``(line, block)`` for each ``BEGIN:VCARD`` .. ``END:VCARD`` block, lines 1-based.

    Photos are dropped (they are big and netlib does not use them) and vCard 2.1
    quoted-printable soft line breaks (a trailing ``=``) are joined, which vobject does not do.
    An unterminated last block is returned too, so its parse fails and is reported.
    """
    lines = _NEWLINE.split(text)
    block: list[str] | None = None
    start = 0
    depth = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if block is None:
                block, start, depth = [], i + 1, 0
            depth += 1
        if block is None:
            i += 1
            continue
        head = upper.split(":", 1)[0]
        if head.startswith("PHOTO") or head.split(".", 1)[-1].startswith("PHOTO"):
            i += 1
            while i < len(lines) and lines[i][:1] in (" ", "\t"):
                i += 1
            continue
        if "QUOTED-PRINTABLE" in head and line.endswith("="):
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i].lstrip()
        if line.strip():
            block.append(line)
        if upper == "END:VCARD":
            depth -= 1
            if depth == 0:
                yield start, "\r\n".join(block) + "\r\n"
                block = None
        i += 1
    if block:
        yield start, "\r\n".join(block) + "\r\n"


def batches(info: FileInfo, *, strict=False, progress=None, chunk=None, **_):
    """Every card as a :class:`PersonRecord`; key is the UID, else first email, else a hash.

    The text is read whole (vCard files are small); the people come in chunks of ``chunk``.
    """
    out = Collector(info, "vcard", strict=strict, progress=progress, chunk=chunk)
    text = read_text(info)
    found = False
    seen: set[str] = set()
    total = text.count("\n") + 1
    for n, (line, block) in enumerate(split_cards(text)):
        found = True
        if out.full():
            yield out.take()
        if progress is not None and not n % 500:
            out.tick(info.size * line // total)
        try:
            card = vobject.readOne(block)
        except Exception as err:  # vobject raises many kinds; one bad card must not stop the rest
            out.skip(line, f"card does not parse ({_short(err)}); expected a vCard 2.1, 3.0 or 4.0 card")
            continue
        rec = _person(card, line, out)
        if rec is None:
            continue
        if rec.key in seen:
            continue
        seen.add(rec.key)
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
