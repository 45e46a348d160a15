"""The files of LinkedIn's full data export: which is which, their rows, their dates, their names.

Shared by :mod:`netlib.importers.linkedin_messages` and :mod:`netlib.importers.linkedin_export`.
Each file has its own date format (``2026-11-20 14:30:11 UTC``, ``8/6/24, 3:15 PM``,
``2024/10/24 14:11:21 UTC``, ``25 Nov 2024``); a number-first date's order (month/day or
day/month) is decided per file from the file's own values, never guessed row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

from netlib.errors import ImportFileError, RecordError
from netlib.importers.dates import parse_connected_date, within
from netlib.importers.normalise import clean, clean_name
from netlib.importers.reading import CsvReader, fold_header
from netlib.importers.records import SkippedRecord

__all__ = ["NotExportFile", "ROLES", "role_of", "Rows", "read_rows", "slash_order", "parse_date", "fix_text", "person_name",
           "skip"]

#: What each file is, by its name in the ZIP (any case, any folder).
ROLES = {
    "connections.csv": "connections",
    "profile.csv": "profile",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "recommendations_received.csv": "recommendations_received",
    "recommendations_given.csv": "recommendations_given",
    "endorsement_received_info.csv": "endorsements_received",
    "endorsement_given_info.csv": "endorsements_given",
}
_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")


class NotExportFile(ImportFileError):
    """A file named like one of the export's files without its header row."""


def role_of(cells, name: str = "") -> str | None:
    """Which export file a folded header row is (``name``, the file's name, tells the two
    recommendation files apart: their headers are the same); None for none of them."""
    have = set(cells)
    if {"conversation id", "from", "to", "date", "content"} <= have:
        return "messages"
    if {"from", "to", "sent at", "direction"} <= have:
        return "invitations"
    if {"endorsement date", "endorser first name"} <= have:
        return "endorsements_received"
    if {"endorsement date", "endorsee first name"} <= have:
        return "endorsements_given"
    if {"first name", "last name", "text", "creation date"} <= have:
        low = name.lower()
        return "recommendations_given" if "given" in low else "recommendations_received" if "received" in low \
            else "recommendations"
    if {"first name", "last name", "headline"} <= have and "connected on" not in have:
        return "profile"
    return None


def skip(out, where: str, line, reason: str) -> None:
    """A record of ``where`` (``export.zip:messages.csv``) that cannot be used, listed or, strict, raised."""
    if out.strict:
        raise RecordError(where, reason, line=line, fix="fix the record or import without --strict")
    out.batch.skipped.append(SkippedRecord(where, line, reason))


class Rows:
    """A CSV file's data rows as dicts of folded column -> cell, with their line numbers."""

    def __init__(self, stream, where: str, role: str, out):
        self.where, self.out = where, out
        self.reader = CsvReader(stream, where)
        self.header, self.line = None, 1
        for _ in range(20):  # the header is the first row naming the file's columns
            start = self.reader.line_num + 1
            try:
                row = next(self.reader)
            except StopIteration:
                break
            except csv.Error:
                continue
            cells = [fold_header(c) for c in row]
            if role_of(cells, role) is not None and role_of(cells, role).startswith(role.split("_")[0]):
                self.header, self.line = cells, start
                break
        if self.header is None:
            raise NotExportFile(where, f"has no header row of LinkedIn's {role.replace('_', ' ')} file",
                                  line=1, fix="export the data from LinkedIn again; the file may have been edited")

    def __iter__(self):
        width = len(self.header)
        while True:
            start = self.reader.line_num + 1
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as err:
                skip(self.out, self.where, start, f"row cannot be read as CSV ({err})")
                continue
            if not any(c.strip() for c in row):
                continue
            row = row + [""] * (width - len(row))
            yield start, dict(zip(self.header, row))


def read_rows(stream, where, role, out) -> Rows:
    return Rows(stream, where, role, out)


def slash_order(values) -> str:
    """``"md"`` or ``"dm"`` for a file's number-first dates: a first number over 12 means
    day first, a second over 12 month first; LinkedIn writes month first (US) otherwise."""
    day_first = month_first = False
    for text in values:
        m = _SLASH.match(text or "")
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            day_first |= a > 12
            month_first |= b > 12
    return "dm" if day_first and not month_first else "md"


def parse_date(text, order: str = "md") -> dt.date | None:
    """A date in any of the export's formats; ``order`` for number-first dates (see :func:`slash_order`);
    None for a year outside :data:`~netlib.importers.dates.LINKEDIN_YEARS` too."""
    s = clean(text)
    if not s:
        return None
    try:
        m = _YMD.match(s)
        if m:
            return within(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        m = _SLASH.match(s)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
            year = int(y) if len(y) == 4 else 2000 + int(y)
            month, day = (a, b) if order == "md" else (b, a)
            return within(dt.date(year, month, day))
    except ValueError:
        return None
    return parse_connected_date(s.split(",")[0] if s.count(",") == 1 and ":" in s else s)


def fix_text(text: str | None) -> str | None:
    """Undo the mojibake of older exports (``JosÃ©`` -> ``José``); anything else as it is."""
    if text and ("Ã" in text or "Â" in text or "â€" in text):
        try:
            return text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            return text
    return text


def person_name(*parts) -> str | None:
    """A person's name from cells (first and last, or one whole name), cleaned of credentials."""
    text = " ".join(p.strip() for p in (fix_text(p) or "" for p in parts) if p and p.strip())
    return clean_name(text)
