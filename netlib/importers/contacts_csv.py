"""Google Contacts CSV (current and older layout) and Outlook contacts CSV."""

from __future__ import annotations

import datetime as dt
import re

from netlib.errors import ImportFileError
from netlib.importers.dates import parse_birthday, parse_slash_date
from netlib.importers.normalise import clean, clean_name, first_word, hash_key, norm_email, norm_linkedin
from netlib.importers.reading import (Collector, CsvReader, FileInfo, csv_delimiter, data_rows, header_row,
                                      open_text)
from netlib.importers.records import ImportBatch, PersonRecord

__all__ = ["batches", "match", "SYSTEM_LABELS"]

#: Google's own labels, which say nothing about the person.
SYSTEM_LABELS = {"mycontacts", "starred"}
_MULTI = " ::: "
_GOOGLE_VALUE = re.compile(r"^(e-mail|phone|website) (\d+) - value$")
_OUTLOOK_EMAIL = re.compile(r"^e-mail(?: \d)? address$")
_FIX = {
    "google": "expected a Google Contacts CSV export; use --kind to choose another format",
    "outlook": "expected an Outlook contacts CSV export; use --kind to choose another format",
}


def match(cells) -> str | None:
    """``'google'`` or ``'outlook'`` for folded header cells, else None."""
    have = set(cells)
    named = bool(have & {"first name", "given name", "name"})
    if named and (have & {"labels", "group membership", "e-mail 1 - value"}):
        return "google"
    if "first name" in have and "e-mail address" in have:
        return "outlook"
    return None


def batches(info: FileInfo, *, kind="google", strict=False, progress=None, chunk=None, **_):
    """Each contact as a :class:`PersonRecord`; key is the first email, else a hash.

    Yields chunks of about ``chunk`` people (one batch when None). Birthdays like 3/4/1990
    take the day/month order of the whole file's unambiguous ones, so when the file has a
    birthday column a first pass (see :func:`_votes`) counts those before any row is kept.
    """
    out = Collector(info, kind, strict=strict, progress=progress, chunk=chunk)
    delimiter = csv_delimiter(info, lambda cells: match(cells) == kind)
    with open_text(info) as stream:
        reader = CsvReader(stream, info.path, delimiter)
        header, line = header_row(reader, lambda cells: match(cells) == kind)
        if header is None:
            column = "E-mail 1 - Value" if kind == "google" else "E-mail Address"
            raise ImportFileError(info.path, f"header has no 'First Name' and '{column}' columns",
                                  line=line, column=column, fix=_FIX[kind])
        cols = _Columns(header, kind)
        cols.order = _votes(info, kind, delimiter) if cols.birthday is not None else None
        seen: dict[str, int] = {}
        unsettled: list[tuple[int | None, str]] = []  # (line, raw) of birthdays no order settles
        for line, row in data_rows(reader, out, stream.buffer):
            if out.full():
                yield out.take()
            rec = cols.person(row, line, out, unsettled, None)
            if rec is None:
                continue
            if rec.key in seen:
                out.skip(line, f"a second contact with the key {rec.key} (first on line {seen[rec.key]}); "
                               "kept the first")
                continue
            seen[rec.key] = line
            out.batch.people.append(rec)
    for line, raw in unsettled:  # warned last, as when the whole file was held
        out.warn(line, f"'Birthday' is '{raw}', which could be day/month or month/day and no other "
                       "birthday in the file tells; the contact is kept without a birthday")
    yield out.finish()


def _votes(info: FileInfo, kind: str, delimiter: str = ",") -> str | None:
    """The day/month order the file's unambiguous slash birthdays show ("md", "dm" or None).

    A streaming pass of its own that keeps only two counts. Rows are judged as the main pass
    judges them (a contact without a name casts no vote); whatever is wrong with the file is
    left for the main pass to report, at the record it belongs to.
    """
    votes = {"md": 0, "dm": 0}
    quiet = Collector(info, kind)
    try:
        with open_text(info) as stream:
            reader = CsvReader(stream, info.path, delimiter)
            header, _ = header_row(reader, lambda cells: match(cells) == kind)
            if header is None:
                return None
            cols = _Columns(header, kind)
            for line, row in data_rows(reader, quiet):
                raw = cols.cell(row, cols.birthday)
                if raw and "/" in raw:
                    quiet.batch = ImportBatch(quiet.path, kind, info.sha256)  # nothing kept
                    cols.person(row, line, quiet, [], votes)
    except ImportFileError:
        pass
    return "md" if votes["md"] and not votes["dm"] else "dm" if votes["dm"] and not votes["md"] else None


def _compose(year, month, day) -> str | None:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _multi(cell: str) -> list[tuple[bool, str]]:
    """``'* a ::: b'`` -> ``[(True, 'a'), (False, 'b')]``: (primary, value)."""
    out = []
    for part in cell.split(_MULTI) if _MULTI in cell else [cell]:
        part = part.strip()
        primary = part.startswith("* ")
        if primary:
            part = part[2:].strip()
        if part:
            out.append((primary, part))
    return out


class _Columns:
    """Column positions, worked out once per file so each row is cheap."""

    def __init__(self, header, kind):
        self.kind = kind
        self.order: str | None = None  # day/month order of ambiguous birthdays, from _votes
        self.width = len(header)
        pos = {name: i for i, name in reversed(list(enumerate(header)))}
        self.get = lambda name: pos.get(name)
        self.emails, self.phones, self.sites = [], [], []
        for i, name in enumerate(header):
            m = _GOOGLE_VALUE.match(name)
            if m:
                label = pos.get(f"{m.group(1)} {m.group(2)} - label", pos.get(f"{m.group(1)} {m.group(2)} - type"))
                {"e-mail": self.emails, "phone": self.phones, "website": self.sites}[m.group(1)].append((label, i))
            elif _OUTLOOK_EMAIL.match(name):
                self.emails.append((None, i))
            elif kind == "outlook" and ("phone" in name or name == "mobile"):
                self.phones.append((None, i))
            elif kind == "outlook" and name == "web page":
                self.sites.append((None, i))
        self.first = pos.get("first name", pos.get("given name"))
        self.middle = pos.get("middle name", pos.get("additional name"))
        self.last = pos.get("last name", pos.get("family name"))
        self.full = pos.get("name")
        self.fallbacks = [pos[c] for c in ("file as", "nickname") if c in pos]
        self.company = pos.get("organization name", pos.get("organization 1 - name", pos.get("company")))
        self.position = pos.get("organization title", pos.get("organization 1 - title", pos.get("job title")))
        self.birthday = pos.get("birthday")
        self.notes = pos.get("notes")
        self.labels = pos.get("labels", pos.get("group membership", pos.get("categories")))

    def cell(self, row, i) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    def values(self, row, pairs) -> list[tuple[bool, str]]:
        out = []
        for label_i, value_i in pairs:
            cell = self.cell(row, value_i)
            if not cell:
                continue
            label_primary = self.cell(row, label_i).startswith("* ")
            out.extend((p or label_primary, v) for p, v in _multi(cell))
        return sorted(out, key=lambda pv: not pv[0])  # primary first, order kept otherwise

    def person(self, row, line, out: Collector, unsettled, votes) -> PersonRecord | None:
        """The row as a person, or None (skipped). With ``votes`` (the first pass), count the
        day/month order of slash birthdays; without, use ``self.order`` from that pass."""
        cell = self.cell
        emails: list[str] = []
        for _, value in self.values(row, self.emails):
            addr = norm_email(value)
            if addr and addr not in emails:
                emails.append(addr)
        phones: list[str] = []
        for _, value in self.values(row, self.phones):
            if value not in phones:
                phones.append(value)
        linkedin = None
        for _, value in self.values(row, self.sites):
            linkedin = norm_linkedin(value)
            if linkedin:
                break
        first, last = clean_name(cell(row, self.first)), clean_name(cell(row, self.last))
        middle = clean(cell(row, self.middle))
        name = clean_name(cell(row, self.full)) or " ".join(p for p in (first, middle, last) if p) or None
        for i in self.fallbacks:
            name = name or clean_name(cell(row, i))
        company = clean(cell(row, self.company))
        name = name or company or (emails[0] if emails else None)
        if not name:
            out.skip(line, "contact has no name, email or company; expected at least one of them")
            return None
        tags: list[str] = []
        raw_labels = cell(row, self.labels)
        if raw_labels:
            parts = raw_labels.split(";") if self.kind == "outlook" else [v for _, v in _multi(raw_labels)]
            for tag in parts:
                tag = tag.strip()
                if tag.startswith("* "):
                    tag = tag[2:].strip()
                if tag and tag.casefold() not in SYSTEM_LABELS and tag not in tags:
                    tags.append(tag)
        rec = PersonRecord(
            key=f"email:{emails[0]}" if emails else hash_key(name, company),
            name=name, first_name=first_word(first), last_name=last, emails=emails, phones=phones,
            company=company, position=clean(cell(row, self.position)), linkedin_url=linkedin,
            tags=tags, notes=clean(cell(row, self.notes)), line=line,
        )
        raw = cell(row, self.birthday)
        if raw:
            self.birthday_of(rec, raw, out, unsettled, votes)
        return rec

    def birthday_of(self, rec, raw, out, unsettled, votes) -> None:
        value, ok = parse_birthday(raw)
        if ok:
            rec.birthday = value
            return
        parts = parse_slash_date(raw)
        if parts:
            a, b, year = parts
            if a == 0 and b == 0:
                return  # Outlook's empty birthday 0/0/00
            if 1 <= a <= 12 and 1 <= b <= 12:
                if a == b:
                    rec.birthday = _compose(year, a, b)
                elif votes is not None:
                    pass  # the first pass: an ambiguous date casts no vote
                elif self.order is None:
                    unsettled.append((rec.line, raw))
                else:
                    month, day = (a, b) if self.order == "md" else (b, a)
                    rec.birthday = _compose(year, month, day)
                return
            if 1 <= a <= 12 < b <= 31:
                if votes is not None:
                    votes["md"] += 1
                rec.birthday = _compose(year, a, b)
                return
            if 1 <= b <= 12 < a <= 31:
                if votes is not None:
                    votes["dm"] += 1
                rec.birthday = _compose(year, b, a)
                return
        out.warn(rec.line, f"'Birthday' is '{raw}', expected a date like '1990-03-14', '--03-14' or "
                           "'3/14/1990'; the contact is kept without a birthday")
