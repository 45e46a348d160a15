"""LinkedIn's ``Connections.csv`` (alone or inside the data-export ZIP)."""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from collections.abc import Iterator

from netlib.errors import ImportFileError
from netlib.importers.dates import parse_connected_date
from netlib.importers.normalise import clean, hash_key, norm_email, norm_linkedin, split_name
from netlib.importers.reading import (Collector, CsvReader, FileInfo, csv_delimiter, data_rows, leading_rows,
                                      open_text)
from netlib.importers.records import ImportBatch, InteractionRecord, PersonRecord

__all__ = ["batches", "COLUMNS", "GERMAN", "matches", "zip_member", "MAX_MEMBER", "ZIP_ERRORS"]

#: The English header, in the export's order.
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
#: Reported localized header (German), mapped onto the English one.
GERMAN = dict(zip(
    ("Vorname", "Nachname", "URL", "E-Mail-Adresse", "Unternehmen", "Position", "Verbunden am"), COLUMNS
))
_FOLD = {c.casefold(): c for c in COLUMNS} | {k.casefold(): v for k, v in GERMAN.items()}
_REQUIRED = ("Connected On", "First Name", "Last Name")
FIX = "expected a LinkedIn Connections.csv export; use --kind to choose another format"


def _english(cells) -> list[str | None]:
    return [_FOLD.get(c) for c in cells]


def matches(cells) -> bool:
    """Whether folded header cells are a Connections.csv header (English or German)."""
    names = set(_english(cells))
    return all(r in names for r in _REQUIRED)


def zip_member(path) -> str | None:
    """The name of ``Connections.csv`` inside a LinkedIn export ZIP (any case, any folder)."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.rsplit("/", 1)[-1].lower() == "connections.csv"]
    return min(names, key=len) if names else None


def batches(info: FileInfo, *, strict=False, progress=None, chunk=None, **_) -> Iterator[ImportBatch]:
    """Each connection as a person and a ``connected`` interaction on the day you connected.

    Rows are streamed, in chunks of about ``chunk`` records (one chunk when None); hidden
    members (a row with only a date) and rows with an unreadable date are skipped with a
    reason; repeated rows (same profile) are kept once.
    """
    out = Collector(info, "linkedin", strict=strict, progress=progress, chunk=chunk)
    if info.encoding == "zip":
        try:
            member = zip_member(info.path)
            if member is None:
                raise ImportFileError(info.path, "is a ZIP without a Connections.csv",
                                      fix="pass the LinkedIn data export ZIP, or Connections.csv itself")
            with zipfile.ZipFile(info.path) as zf:
                size = zf.getinfo(member).file_size
                if size > MAX_MEMBER:
                    raise ImportFileError(info.path, f"holds a {member} of {size:,} bytes, over the "
                                                     f"{MAX_MEMBER:,} bytes netlib reads from a ZIP",
                                          fix="extract Connections.csv and import it on its own")
                codec, errors = _zip_codec(zf, member)
                with io.TextIOWrapper(zf.open(member), encoding=codec, errors=errors, newline="") as stream:
                    yield from _rows(stream, out, None)
        except ImportFileError:
            raise
        except ZIP_ERRORS as err:  # encrypted, corrupt, an unknown method: one line, never a traceback
            raise ImportFileError(info.path, f"is not a readable ZIP archive ({_zip_reason(err)})",
                                  fix="download the LinkedIn export again, or extract Connections.csv "
                                      "and import it on its own") from err
    else:  # a Connections.csv opened and saved again in Excel may have semicolons
        with open_text(info) as stream:
            yield from _rows(stream, out, stream.buffer, csv_delimiter(info, matches))
    yield out.finish()


#: The largest ZIP member read (uncompressed; the ZIP's own size field bounds the reading).
#: A Connections.csv of 30,000 connections is about 3 MiB.
MAX_MEMBER = 64 << 20
#: What reading a ZIP raises: bad archive, bad CRC or deflate data, an encrypted member
#: (RuntimeError), an unsupported method (NotImplementedError), a cut-short member (EOFError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError,
              ValueError, KeyError)


def _zip_reason(err) -> str:
    text = str(err).strip().splitlines()
    reason = text[0] if text else type(err).__name__
    if "encrypted" in reason or "password" in reason:
        return "Connections.csv in it is encrypted"
    if isinstance(err, NotImplementedError):
        return f"it is packed with a method netlib cannot read: {reason}"
    return reason[:200]


def _zip_codec(zf: zipfile.ZipFile, member: str) -> tuple[str, str]:
    """How to decode a ZIP member, read once in pieces: UTF-8 (with or without BOM), else cp1252."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    first = True
    bom = False
    with zf.open(member) as raw:
        while piece := raw.read(1 << 20):
            if first:
                bom, first = piece.startswith(codecs.BOM_UTF8), False
            try:
                utf8.decode(piece)
            except UnicodeDecodeError:
                return "cp1252", "replace"
    try:
        utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252", "replace"
    return ("utf-8-sig" if bom else "utf-8"), "strict"


def _rows(stream, out: Collector, raw, delimiter: str = ",") -> Iterator[ImportBatch]:
    reader = CsvReader(stream, out.path, delimiter)
    header, line, _ = _find(reader)
    if header is None:
        raise ImportFileError(out.path, "header has no 'Connected On' column", line=line,
                              column="Connected On", fix=FIX)
    names = _english(header)
    missing = [c for c in _REQUIRED if c not in names]
    if missing:
        raise ImportFileError(out.path, f"header has no '{missing[0]}' column", line=line,
                              column=missing[0], fix=FIX)
    idx = {name: i for i, name in enumerate(names) if name}
    i_first, i_last = idx["First Name"], idx["Last Name"]
    i_url, i_mail = idx.get("URL"), idx.get("Email Address")
    i_co, i_pos, i_date = idx.get("Company"), idx.get("Position"), idx["Connected On"]
    width = max(idx.values()) + 1
    people, interactions = out.batch.people, out.batch.interactions
    seen: set[str] = set()
    for start, row in data_rows(reader, out, raw):
        if out.chunk is not None and len(people) >= out.chunk:
            yield out.take()
            people, interactions = out.batch.people, out.batch.interactions
        if len(row) < width:
            row = row + [""] * (width - len(row))
        first, last = row[i_first].strip(), row[i_last].strip()
        url = norm_linkedin(row[i_url]) if i_url is not None else None
        email = norm_email(row[i_mail]) if i_mail is not None else None
        raw_date = row[i_date].strip()
        if not (first or last or url or email):
            out.skip(start, "a hidden member: LinkedIn exports only the date for members who "
                            "hide their connections, so there is no one to import")
            continue
        date = parse_connected_date(raw_date) if raw_date else None
        if raw_date and date is None:
            out.skip(start, f"'Connected On' is '{raw_date}', expected a date like '25 Nov 2024'")
            continue
        name, first_name, last_name = split_name(first, last)
        company = clean(row[i_co]) if i_co is not None else None
        if not name:
            name = email or (url.rsplit("/", 1)[-1] if url else None)
        if not name:
            out.skip(start, "the row has no usable name, email or profile URL, so there is no one to import")
            continue
        key = url or hash_key(name, company)
        if key in seen:
            continue
        seen.add(key)
        people.append(PersonRecord(
            key=key, name=name, first_name=first_name, last_name=last_name,
            emails=[email] if email else [], company=company,
            position=clean(row[i_pos]) if i_pos is not None else None,
            linkedin_url=url, since=date, line=start,
        ))
        if date is None:
            out.warn(start, "'Connected On' is empty, expected a date like '25 Nov 2024'; "
                            "the person is kept without a connected date")
            continue
        interactions.append(InteractionRecord(
            key=f"linkedin-connected:{key}", date=date, kind="connected", people=[key],
            direction="both", line=start,
        ))


def _find(reader):
    """The header row: the first row naming 'Connected On' and the name columns."""
    best, best_line, best_score, line = None, None, -1, 1
    for start, row in leading_rows(reader):
        cells = [c.replace("\ufeff", "").strip().casefold() for c in row]
        if not any(cells):
            continue
        line = start  # the last non-blank row read, for the message
        if matches(cells):
            return cells, start, cells
        score = sum(1 for c in _english(cells) if c)
        if score > best_score and len(cells) > 2:
            best, best_line, best_score = cells, start, score
    if best is not None and best_score > 0:  # some LinkedIn columns: the caller names the missing one
        return best, best_line, best
    return None, best_line or line, best or []
