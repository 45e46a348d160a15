"""Shared helpers for importers: reading text, finding headers, normalising values."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from netlib.errors import ImportFileError, RecordError
from netlib.store.identity import company_key, name_key
from netlib.importers.records import ImportBatch, SkippedRecord

__all__ = [
    "FileInfo",
    "scan",
    "open_text",
    "read_text",
    "Collector",
    "clean",
    "norm_email",
    "norm_linkedin",
    "split_name",
    "clean_name",
    "name_from_email",
    "hash_key",
    "parse_connected_date",
    "parse_iso_date",
    "parse_birthday",
    "parse_slash_date",
    "data_rows",
    "header_row",
    "sniff_rows",
    "csv_delimiter",
    "DELIMITERS",
    "CsvReader",
]

_CHUNK = 1 << 20
#: The longest CSV cell read (the csv module's default, 128 KiB, drops rows with long notes).
FIELD_LIMIT = 16 << 20
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class FileInfo:
    """What one pass over a file's bytes tells: size, digest, encoding, first bytes."""

    path: Path
    size: int
    sha256: str
    encoding: str  # codec to open the file with; "zip" for a ZIP archive
    head: bytes


def scan(path) -> FileInfo:
    """Hash a file and choose its encoding in one streaming pass.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything else that
    is not valid UTF-8 falls back to cp1252 (Excel's default for Outlook CSVs). Raises
    :class:`ImportFileError` for a missing, empty, binary or undecodable file.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(path, "no such file", fix="check the path")
    digest = hashlib.sha256()
    size = 0
    head = b""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    utf8_ok = cp_ok = True
    encoding = None
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            if not size:
                head = chunk[:65536]
                if head.startswith(ZIP_MAGIC):
                    encoding = "zip"
                for bom, name in _BOMS:
                    if head.startswith(bom):
                        encoding = name
                        break
                if encoding is None and b"\x00" in head[:8192]:
                    raise ImportFileError(path, "is a binary file (it holds NUL bytes), not a text export",
                                          fix="export the data as CSV, vCard (.vcf) or iCalendar (.ics)")
            size += len(chunk)
            digest.update(chunk)
            if encoding is None:
                if utf8_ok:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        utf8_ok = False
                if not utf8_ok and cp_ok:
                    try:
                        cp1252.decode(chunk)
                    except UnicodeDecodeError:
                        cp_ok = False
    if encoding is None:
        if utf8_ok:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
        if utf8_ok:
            encoding = "utf-8"
        elif cp_ok:
            encoding = "cp1252"
        else:
            raise ImportFileError(path, "is neither UTF-8 nor Windows-1252 text and cannot be decoded",
                                  fix="save the file as UTF-8 and import it again")
    text_head = head
    for bom, _ in _BOMS:
        if text_head.startswith(bom):
            text_head = text_head[len(bom):]
    if encoding != "zip" and not text_head.strip(b" \t\r\n\x00"):
        raise ImportFileError(path, "is empty", fix="export the data again; the file holds no records")
    return FileInfo(path, size, digest.hexdigest(), encoding, head)


def open_text(info: FileInfo):
    """The file as a text stream (universal newlines off, as the csv module wants)."""
    return open(info.path, encoding=info.encoding, newline="")


def read_text(info: FileInfo) -> str:
    with open_text(info) as f:
        return f.read()


def head_text(info: FileInfo) -> str:
    """The first 64 KiB decoded (a torn last character dropped)."""
    data = info.head
    for bom, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
            break
    codec = {"utf-8-sig": "utf-8", "zip": "utf-8"}.get(info.encoding, info.encoding)
    if codec == "utf-16":
        codec = "utf-16-le" if info.head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        data = data[: len(data) // 2 * 2]
    return data.decode(codec, errors="ignore")


class Collector:
    """An :class:`ImportBatch` being filled, with the strict switch and progress callback.

    ``skip`` records a record that could not be used; ``warn`` a value that was dropped from
    a record that was kept (kept in ``batch.extra["warnings"]``). In strict mode both raise
    :class:`RecordError` instead.
    """

    def __init__(self, info: FileInfo, kind: str, *, strict=False, progress=None, chunk=None):
        self.info = info
        self.path = str(info.path)
        self.kind = kind
        self.batch = ImportBatch(self.path, kind, info.sha256)
        self.strict = strict
        self.progress = progress
        self.chunk = chunk  # records per chunk when streaming; None holds the whole file
        self._last = 0

    def skip(self, line, reason):
        if self.strict:
            raise RecordError(self.path, reason, line=line, fix="fix the record or import without --strict")
        self.batch.skipped.append(SkippedRecord(self.path, line, reason))

    def warn(self, line, reason):
        if self.strict:
            raise RecordError(self.path, reason, line=line, fix="fix the record or import without --strict")
        self.batch.extra.setdefault("warnings", []).append(SkippedRecord(self.path, line, reason))

    def tick(self, done: int):
        if self.progress is not None and done - self._last >= _CHUNK:
            self._last = done
            self.progress(min(done, self.info.size), self.info.size)

    def full(self) -> bool:
        """Whether the chunk being filled holds ``chunk`` records (never, when not streaming)."""
        if self.chunk is None:
            return False
        b = self.batch
        return len(b.people) + len(b.interactions) + len(b.events) + len(b.ties) >= self.chunk

    def take(self) -> ImportBatch:
        """The chunk filled so far; a new, empty one is filled next."""
        done, self.batch = self.batch, ImportBatch(self.path, self.kind, self.info.sha256)
        return done

    def finish(self) -> ImportBatch:
        """The last chunk (the whole batch when not streaming), after the final progress call."""
        if self.progress is not None:
            self.progress(self.info.size, self.info.size)
        return self.batch


# -- CSV headers ---------------------------------------------------------------------------
def fold_header(cell: str) -> str:
    return cell.replace("\ufeff", "").strip().casefold()


# -- values --------------------------------------------------------------------------------
def clean(value) -> str | None:
    """A cell stripped of whitespace; empty becomes None."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def norm_email(value) -> str | None:
    """``' Jane@X.com '`` -> ``'jane@x.com'``; a ``mailto:`` prefix dropped; None if no ``@``."""
    if not value:
        return None
    value = str(value).strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    value = value.strip().strip("<>").strip().lower()
    return value if "@" in value and " " not in value else None


def norm_linkedin(value) -> str | None:
    """A LinkedIn profile URL in one spelling: ``https://www.linkedin.com/in/<slug>``.

    Scheme, host variant (``uk.``, none), case, query, fragment and trailing slash are
    dropped. None when the value is not a LinkedIn URL.

    >>> norm_linkedin("http://UK.LinkedIn.com/in/Jane-Doe/?trk=abc")
    'https://www.linkedin.com/in/jane-doe'
    """
    if not value:
        return None
    text = str(value).strip()
    low = text.lower()
    at = low.find("linkedin.com")
    if at < 0:
        return None
    path = low[at + len("linkedin.com"):]
    for stop in "?#":
        cut = path.find(stop)
        if cut >= 0:
            path = path[:cut]
    path = path.rstrip("/")
    if not path.startswith("/"):
        return None
    return "https://www.linkedin.com" + path


_CREDENTIALS = {
    "phd", "ph.d", "ph.d.", "mba", "md", "m.d.", "cpa", "pmp", "msc", "m.sc", "m.sc.", "ms", "ma", "bsc",
    "b.sc", "ba", "cfa", "jd", "esq", "esq.", "pe", "cissp", "shrm-cp", "shrm-scp", "phr", "sphr", "rn",
    "dds", "do", "dvm", "llm", "ll.m.", "meng", "beng", "mph", "cpa,", "acca", "aca", "fca", "cima",
    "csm", "pmi-acp", "dipl.-ing.", "dr", "dr.", "prof", "prof.", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
    "mfa", "edd", "psyd", "frcs", "mrcp", "facs", "pcc", "acc", "mcc", "cfp", "cma", "cia", "cisa",
}
_SUFFIX_KEEP = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_SPACES = re.compile(r"\s+")


def _is_credential(part: str) -> bool:
    tokens = part.replace("/", " ").split()
    if not tokens:
        return True
    for tok in tokens:
        low = tok.lower().strip(",")
        if low in _CREDENTIALS:
            continue
        letters = tok.replace(".", "").replace("-", "")
        if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
            continue  # MBA, CISSP, FRSA...
        return False
    return True


def clean_name(value) -> str | None:
    """A person's name without trailing credentials or pronouns; aliases kept.

    ``'Jane Doe, PhD'`` -> ``'Jane Doe'``; ``'Sam Lee (she/her)'`` -> ``'Sam Lee'``;
    ``'Catherine (Cathy) Doe'`` stays as it is (the alias helps you recognise them).
    """
    if not value:
        return None
    text = value.strip() if isinstance(value, str) else str(value).strip()
    if "(" not in text and "," not in text:
        return " ".join(text.split()) or None
    if "(" in text:
        def paren(m):
            inner = m.group(1)
            if "/" in inner or _is_credential(inner):
                return ""
            return m.group(0)
        text = _PAREN.sub(paren, text)
    if "," in text:
        parts = text.split(",")
        while len(parts) > 1 and _is_credential(parts[-1]) and parts[-1].strip().lower() not in _SUFFIX_KEEP:
            parts.pop()
        text = ",".join(parts)
    text = _SPACES.sub(" ", text).strip(" ,")
    return text or None


def first_word(value: str | None) -> str | None:
    """The first name proper: ``'Catherine (Cathy)'`` -> ``'Catherine'``."""
    if not value or "(" not in value:
        return value or None
    text = _PAREN.sub("", value).strip()
    return text or value


def split_name(first, last) -> tuple[str | None, str | None, str | None]:
    """(name, first_name, last_name) from two cells, cleaned."""
    first = clean_name(first)
    last = clean_name(last)
    name = (first + " " + last) if first and last else (first or last)
    return name, first_word(first), last


def name_from_email(email: str) -> str:
    """A readable name from an address: ``'jane.doe@x.com'`` -> ``'Jane Doe'``."""
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._\-]+", local) if w]
    if not words:
        return email
    return " ".join(w[:1].upper() + w[1:] for w in words)


def hash_key(*parts) -> str:
    """A stable key from a name and a company (folded, so case and accents do not matter)."""
    name = name_key(parts[0]) if parts else ""
    rest = [company_key(p) for p in parts[1:2]] + [str(p or "").strip().lower() for p in parts[2:]]
    text = "\x1f".join([name, *rest])
    return "hash:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- dates ---------------------------------------------------------------------------------
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German (LinkedIn's localized export, unverified): only the spellings that differ
    "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "januar": 1, "februar": 2, "märz": 3,
    "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_CACHE: dict[str, dt.date | None] = {}


def parse_connected_date(text) -> dt.date | None:
    """A LinkedIn date: ``'25 Nov 2024'`` or, after a spreadsheet, ``'01-Jul-25'``.

    Also ISO ``'2024-11-25'``. Two-digit years are 20YY (LinkedIn started in 2003). Returns
    None for anything else; the month is always a name, so D/M order is never guessed.

    >>> parse_connected_date("01-Jul-25")
    datetime.date(2025, 7, 1)
    """
    if text is None:
        return None
    hit = _DATE_CACHE.get(text)
    if hit is not None or text in _DATE_CACHE:
        return hit
    result = _parse_connected(text)
    if len(_DATE_CACHE) < 100_000:
        _DATE_CACHE[text] = result
    return result


def _parse_connected(text: str) -> dt.date | None:
    s = text.strip()
    if not s:
        return None
    if s[:4].isdigit() and len(s) == 10 and s[4] == "-":
        return parse_iso_date(s)
    parts = s.replace("-", " ").replace(".", " ").replace(",", " ").split()
    if len(parts) != 3:
        return None
    day, month, year = parts
    if not day.isdigit() and day.lower() in _MONTHS:  # 'Nov 25 2024'
        day, month = month, day
    mon = _MONTHS.get(month.lower())
    if mon is None or not day.isdigit() or not year.isdigit() or len(day) > 2:
        return None
    if len(year) == 2:
        y = 2000 + int(year)
    elif len(year) == 4:
        y = int(year)
    else:
        return None
    try:
        return dt.date(y, mon, int(day))
    except ValueError:
        return None


def parse_iso_date(text) -> dt.date | None:
    """``'2024-11-25'`` (or ``'20241125'``, or with a time after ``T``/space) -> date; else None."""
    s = clean(text)
    if not s:
        return None
    s = s.split("T", 1)[0].split(" ", 1)[0]
    try:
        if len(s) == 8 and s.isdigit():
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 10 and s[4] == "-" and s[7] == "-":
            return dt.date(int(s[:4]), int(s[5:7]), int(s[8:]))
    except ValueError:
        return None
    return None


def _month_day(month: int, day: int) -> str | None:
    try:
        dt.date(2000, month, day)  # a leap year, so --02-29 is allowed
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def parse_birthday(text, *, omit_year=None):
    """A birthday as ISO ``YYYY-MM-DD`` or ``--MM-DD`` (no year).

    Accepts ``1990-01-01``, ``19900101``, ``--0314``, ``--03-14`` and Apple's
    ``1604-03-14`` with ``X-APPLE-OMIT-YEAR=1604``. Returns ``(value, ok)``: ``(None, True)``
    for an empty cell, ``(None, False)`` for something unreadable.
    """
    s = clean(text)
    if not s or s in ("0/0/00", "0/0/0000", "00/00/0000"):
        return None, True
    s = s.split("T", 1)[0]
    if s.startswith("--"):
        digits = s[2:].replace("-", "")
        if len(digits) == 4 and digits.isdigit():
            md = _month_day(int(digits[:2]), int(digits[2:]))
            return md, md is not None
        return None, False
    date = parse_iso_date(s)
    if date is None:
        # a year before 1900 (Apple's 1604 placeholder) is not a date python rejects; check by hand
        digits = s.replace("-", "")
        if len(digits) == 8 and digits.isdigit():
            md = _month_day(int(digits[4:6]), int(digits[6:]))
            if md and (omit_year and digits[:4] == str(omit_year) or int(digits[:4]) < 1900):
                return md, True
        return None, False
    if (omit_year and str(date.year) == str(omit_year)) or date.year < 1900:
        return _month_day(date.month, date.day), True
    return date.isoformat(), True


def parse_slash_date(text):
    """``'3/14/1990'`` -> ``(a, b, year)`` numbers in file order, or None; order decided by caller."""
    s = clean(text)
    if not s or s.count("/") != 2:
        return None
    a, b, y = s.split("/")
    if not (a.isdigit() and b.isdigit() and y.isdigit()):
        return None
    return int(a), int(b), (int(y) if len(y) == 4 else None)


#: What separates the cells of a CSV export: a comma, or a semicolon (Excel's CSV where the
#: decimal separator is a comma: most of Europe).
DELIMITERS = (",", ";")


def sniff_rows(text: str, limit: int = 50, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Up to ``limit`` (line, cells) rows from the start of a decoded text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    try:
        while len(out) < limit:
            start = reader.line_num + 1
            row = next(reader)
            out.append((start, row))
    except (StopIteration, csv.Error):
        pass
    return out


def csv_delimiter(info: "FileInfo", matches) -> str:
    """The delimiter (:data:`DELIMITERS`, a comma first) under which one of the file's first
    rows is a header ``matches`` accepts (its cells folded); a comma when none is."""
    text = head_text(info)
    for delimiter in DELIMITERS:
        if any(matches([fold_header(c) for c in row]) for _, row in sniff_rows(text, delimiter=delimiter)):
            return delimiter
    return ","


class _Lines:
    """A text stream's lines for :func:`csv.reader`, noting when the end was reached."""

    def __init__(self, stream):
        self._lines = iter(stream)
        self.eof = False

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self._lines)
        except StopIteration:
            self.eof = True
            raise


class CsvReader:
    """:func:`csv.reader` over a text stream that refuses a quote never closed.

    The csv module reads such a quote to the end of the file, so every later row would
    silently become part of one cell; :class:`ImportFileError` names the line it opens on.
    """

    def __init__(self, stream, path, delimiter: str = ","):
        self._lines = _Lines(stream)
        self._reader = csv.reader(self._lines, delimiter=delimiter)
        self.path = path

    @property
    def line_num(self) -> int:
        return self._reader.line_num

    def __iter__(self):
        return self

    def __next__(self):
        start = self._reader.line_num + 1
        row = next(self._reader)
        if self._lines.eof:  # a row is complete before the end unless a quote stayed open
            raise ImportFileError(self.path, "a quoted cell starts on this line and is never closed, so the "
                                             "rest of the file would be read as one cell", line=start,
                                  fix='close the quote, or write a quote inside a cell as two ("")')
        return row


def data_rows(reader, out: Collector, raw=None):
    """``(line, cells)`` for each non-blank row after the header; unreadable rows skipped."""
    n = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            out.skip(start, f"row cannot be read as CSV ({err})")
            continue
        n += 1
        if raw is not None and not n % 2000:
            out.tick(raw.tell())
        if row and any(c.strip() for c in row):
            yield start, row


def leading_rows(reader, max_rows=50):
    """``(line, row)`` for the readable rows among the first ``max_rows`` (header search)."""
    for _ in range(max_rows):
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            continue
        yield start, row


def header_row(reader, test, *, max_rows=50):
    """The first row whose folded cells pass ``test``: ``(cells, line)``, else ``(None, line)``
    where line is that of the first non-blank row (for the error message)."""
    first_line = None
    for start, row in leading_rows(reader, max_rows):
        cells = [fold_header(c) for c in row]
        if not any(cells):
            continue
        if first_line is None:
            first_line = start
        if test(cells):
            return cells, start
    return None, first_line or 1
