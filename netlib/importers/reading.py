"""Reading the files people bring: one pass for size, digest and encoding, the text, the
batch being filled (:class:`Collector`), and CSV rows (delimiter, header, data rows).

Values are normalised in :mod:`netlib.importers.normalise` and dates read in
:mod:`netlib.importers.dates`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from netlib.errors import ImportFileError, RecordError
from netlib.importers.records import ImportBatch, SkippedRecord

__all__ = [
    "FileInfo",
    "scan",
    "open_text",
    "read_text",
    "head_text",
    "Collector",
    "fold_header",
    "DELIMITERS",
    "sniff_rows",
    "csv_delimiter",
    "CsvReader",
    "data_rows",
    "leading_rows",
    "header_row",
]

_CHUNK = 1 << 20
#: The longest CSV cell read (the csv module's default, 128 KiB, drops rows with long notes).
FIELD_LIMIT = 16 << 20
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
#: The longest physical line of a CSV read: the rest of a longer one is read past in pieces,
#: never held, and its row is a skipped record (a cell may still span many shorter lines).
LINE_LIMIT = FIELD_LIMIT
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
    multibyte = False  # valid UTF-8 beyond ASCII seen before the first invalid byte
    lines, bad_line = 0, None
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
                    encoding = _utf16_without_bom(head)
                    if encoding is None:
                        raise ImportFileError(path, "is a binary file (it holds NUL bytes), not a text export",
                                              fix="export the data as CSV, vCard (.vcf) or iCalendar (.ics)")
            size += len(chunk)
            digest.update(chunk)
            if encoding is None:
                if utf8_ok:
                    try:
                        utf8.decode(chunk)
                        multibyte = multibyte or max(chunk) >= 0x80
                    except UnicodeDecodeError as err:
                        utf8_ok = False
                        bad_line = lines + chunk[:max(err.start, 0)].count(b"\n") + 1
                        multibyte = multibyte or max(chunk[:max(err.start, 0)] or b"\x00") >= 0x80
                    lines += chunk.count(b"\n")
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
        elif multibyte and bad_line is not None:
            raise ImportFileError(path, "mixes encodings: it is UTF-8, but this line holds bytes that are not, "
                                        "so names after it would be garbled", line=bad_line,
                                  fix="save the file as UTF-8 again (or fix that line) and import it again")
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


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text written in UTF-16 without a BOM (mostly ASCII:
    every other byte NUL), else None (a binary file)."""
    data = head[: len(head) // 2 * 2]
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.8 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and sum(c.isprintable() or c in "\r\n\t" for c in text) >= 0.95 * len(text):
                return codec
    return None


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
    if codec.startswith("utf-16"):
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


# -- CSV ------------------------------------------------------------------------------------
def fold_header(cell: str) -> str:
    """A header cell as headers are compared: no BOM, no surrounding spaces, case folded."""
    return cell.replace("\ufeff", "").strip().casefold()


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


def csv_delimiter(info: FileInfo, matches) -> str:
    """The delimiter (:data:`DELIMITERS`, a comma first) under which one of the file's first
    rows is a header ``matches`` accepts (its cells folded); a comma when none is."""
    text = head_text(info)
    for delimiter in DELIMITERS:
        if any(matches([fold_header(c) for c in row]) for _, row in sniff_rows(text, delimiter=delimiter)):
            return delimiter
    return ","


class _LongLine(Exception):
    """A physical line over :data:`LINE_LIMIT` characters was read past."""


class _Lines:
    """A text stream's lines for :func:`csv.reader`, noting when the end was reached and how
    many quote characters the record being read has had (odd: inside a quoted cell).

    A line longer than :data:`LINE_LIMIT` is read past in pieces (its quotes counted) and
    raises :class:`_LongLine`: memory stays bounded whatever the file holds."""

    def __init__(self, stream):
        self._stream = stream
        self.limit = LINE_LIMIT
        self.eof = False
        self.quotes = 0

    def __iter__(self):
        return self

    def __next__(self):
        line = self._stream.readline(self.limit + 1)
        if not line:
            self.eof = True
            raise StopIteration
        self.quotes += line.count('"')
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            line = None  # not held while the rest is read past
            while (rest := self._stream.readline(_CHUNK)) and not rest.endswith(("\n", "\r")):
                self.quotes += rest.count('"')
            self.quotes += rest.count('"')
            raise _LongLine
        return line


class CsvReader:
    """:func:`csv.reader` over a text stream that refuses a quote never closed.

    The csv module reads such a quote to the end of the file, so every later row would
    silently become part of one cell; :class:`ImportFileError` names the line it opens on.
    """

    def __init__(self, stream, path, delimiter: str = ","):
        self._lines = _Lines(stream)
        self._reader = csv.reader(self._lines, delimiter=delimiter)
        self.path = path
        self._passed = 0  # lines read past the csv module (the rest of an oversized cell)

    @property
    def line_num(self) -> int:
        return self._reader.line_num + self._passed

    def __iter__(self):
        return self

    def __next__(self):
        start = self.line_num + 1
        self._lines.quotes = 0
        try:
            row = next(self._reader)
        except _LongLine:
            self._passed += 1
            self._pass_record(start)
            raise csv.Error(f"a line is longer than {self._lines.limit:,} characters, so the row is "
                            "skipped; the rows after it are read") from None
        except csv.Error as err:
            if "field larger than field limit" not in str(err):
                raise
            self._pass_record(start)
            raise csv.Error(f"a cell is longer than {csv.field_size_limit():,} characters, so the row is "
                            "skipped; the rows after it are read") from err
        if self._lines.eof:  # a row is complete before the end unless a quote stayed open
            self._open_quote(start)
        return row

    def _open_quote(self, start):
        raise ImportFileError(self.path, "a quoted cell starts on this line and is never closed, so the "
                                         "rest of the file would be read as one cell", line=start,
                              fix='close the quote, or write a quote inside a cell as two ("")')

    def _pass_record(self, start) -> None:
        """Read past the rest of a record whose cell was too long: while the quotes read so
        far are odd the cell is still open, and the record ends with the line that closes it."""
        while self._lines.quotes % 2:
            try:
                next(self._lines)
            except StopIteration:
                self._open_quote(start)
            except _LongLine:
                pass
            self._passed += 1


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
