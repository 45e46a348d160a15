"""Which importer reads a file, and reading it: :func:`detect`, :func:`parse`, :func:`iter_batches`.

The kind is found from the content (a header row, ``BEGIN:VCARD``, ``BEGIN:VCALENDAR``, a
ZIP), never from the file name alone. Importers never touch the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from netlib.errors import ImportFileError
from netlib.importers.records import ImportBatch

from netlib.importers import contacts_csv, ics, linkedin, linkedin_export, mbox, netlib_csv, vcard
from netlib.importers.reading import DELIMITERS, FileInfo, fold_header, head_text, scan, sniff_rows

__all__ = ["parse", "iter_batches", "detect", "KINDS", "CHUNK"]

#: Records per chunk when streaming: big enough for ``executemany`` to pay, small enough
#: that a chunk of fat rows stays a few MB.
CHUNK = 10_000

#: Every kind of file netlib imports, in the words ``--kind`` takes.
KINDS = (
    "linkedin",
    "mbox",
    "vcard",
    "ics",
    "google",
    "outlook",
    "netlib-people",
    "netlib-interactions",
    "netlib-events",
    "netlib-ties",
    "netlib-checklist",
    "netlib-settings",
    "netlib-plans",
    "netlib-merges",
)

_DESCRIBE = {
    "linkedin": "a LinkedIn Connections.csv",
    "mbox": "an mbox mail file",
    "vcard": "a vCard file",
    "ics": "an iCalendar file",
    "google": "a Google Contacts CSV",
    "outlook": "an Outlook contacts CSV",
    "netlib-people": "a netlib people.csv",
    "netlib-interactions": "a netlib interactions.csv",
    "netlib-events": "a netlib events.csv",
    "netlib-ties": "a netlib ties.csv",
    "netlib-checklist": "a netlib checklist.csv",
    "netlib-settings": "a netlib settings.csv",
    "netlib-plans": "a netlib plans.csv",
    "netlib-merges": "a netlib merges.csv",
}


def _csv_kind(cells) -> str | None:
    if linkedin.matches(cells) or linkedin_export.matches(cells):
        return "linkedin"
    return contacts_csv.match(cells) or netlib_csv.match(cells)


def _sniff(info: FileInfo) -> str | None:
    if info.encoding == "zip":
        try:
            return "linkedin" if linkedin_export.is_export(info.path) else None
        except Exception:  # a broken ZIP is just not a kind we know
            return None
    if mbox.looks_like(info.head):
        return "mbox"
    text = head_text(info)
    for raw in text.splitlines():
        first = raw.strip().upper()
        if first:
            break
    else:
        return None
    if first.startswith("BEGIN:VCARD"):
        return "vcard"
    if first.startswith("BEGIN:VCALENDAR"):
        return "ics"
    for delimiter in DELIMITERS:  # a comma first: a semicolon file's header is one cell then
        for _, row in sniff_rows(text, delimiter=delimiter):
            cells = [fold_header(c) for c in row]
            if any(cells):
                kind = _csv_kind(cells)
                if kind:
                    return kind
    return None


def _unknown(path) -> ImportFileError:
    return ImportFileError(
        path,
        "is not a file netlib recognises (no LinkedIn, Google or Outlook header, no BEGIN:VCARD, "
        "no BEGIN:VCALENDAR, no mbox 'From ' line, no netlib CSV header)",
        fix=f"use --kind to choose one of: {', '.join(KINDS)}",
    )


def detect(path) -> str:
    """The kind of an import file, decided by its content.

    Raises :class:`~netlib.errors.ImportFileError` for an empty, binary or unknown file.

    >>> detect("Connections.csv")  # doctest: +SKIP
    'linkedin'
    """
    info = scan(path)
    kind = _sniff(info)
    if kind is None:
        raise _unknown(path)
    return kind


def parse(path, kind=None, *, me=(), window=None, today=None, strict=False, progress=None, owner_name="",
          mass_mail=None) -> ImportBatch:
    """Read one import file into an :class:`~netlib.importers.records.ImportBatch`, held whole.

    The arguments are those of :func:`iter_batches`, which reads the file in chunks.
    """
    batches = list(iter_batches(path, kind, me=me, window=window, today=today, strict=strict, progress=progress,
                                chunk=None, owner_name=owner_name, mass_mail=mass_mail))
    batch = batches[0]
    for more in batches[1:]:  # one when not chunked; merged all the same
        batch.people += more.people
        batch.interactions += more.interactions
        batch.events += more.events
        batch.ties += more.ties
        batch.skipped += more.skipped
        batch.settings.update(more.settings)
        for key, value in more.extra.items():
            batch.extra.setdefault(key, []).extend(value)
    return batch


def iter_batches(path, kind=None, *, me=(), window=None, today=None, strict=False, progress=None,
                 chunk: int | None = CHUNK, owner_name: str = "", mass_mail: int | None = None
                 ) -> Iterator[ImportBatch]:
    """Read one import file as a stream of partial :class:`~netlib.importers.records.ImportBatch` chunks.

    Each chunk holds about ``chunk`` records (people, interactions, events, ties) with the
    skipped records and warnings found while reading them; put together, in order, they are
    what :func:`parse` returns. There is always at least one chunk (the last may be empty).
    A reference in a chunk names a person of the same or an earlier chunk. ``chunk=None``
    reads the whole file into one batch. The file's kind is found (and a wrong ``kind``
    refused) before this returns; errors in its records are raised while iterating.

    Parameters
    ----------
    path : str or Path
    kind : str, optional
        One of :data:`KINDS`; found from the content when None. When given and the content
        is clearly another kind, :class:`~netlib.errors.ImportFileError` says which.
    me : collection of str
        Your own email addresses (any case); left out of calendar attendees; in an mbox,
        they tell your mail from mail to you (an mbox needs at least one).
    owner_name : str
        Your name (the ``owner_name`` setting): in a LinkedIn export without ``Profile.csv``
        it tells your messages from theirs.
    mass_mail : int, optional
        An email to more people than this makes interactions but no ties (default
        :data:`netlib.importers.mbox.MASS_MAIL`).
    window : (date, date), optional
        Calendars only: the days to expand recurring series in. The default is
        :func:`netlib.importers.recurrence.default_window` of ``today`` (10 years before it
        to 92 days after); one-off events are always all imported.
    today : date, optional
        The import day (default: today), which the calendar window is counted from.
    strict : bool
        Raise :class:`~netlib.errors.RecordError` at the first bad record instead of
        listing it in ``batch.skipped`` (and dropped values in ``batch.extra['warnings']``).
    progress : callable, optional
        ``progress(done_bytes, total_bytes)``, called about every MiB and at the end.
    chunk : int or None
        Records per chunk (:data:`CHUNK`); None for the whole file in one batch.
    """
    path = Path(path)
    info = scan(path)
    sniffed = _sniff(info)
    if kind is None:
        if sniffed is None:
            raise _unknown(path)
        kind = sniffed
    elif kind not in KINDS:
        raise ImportFileError(path, f"'{kind}' is not a kind of import", fix=f"use one of: {', '.join(KINDS)}")
    elif sniffed is not None and sniffed != kind:
        raise ImportFileError(
            path,
            f"does not look like {_DESCRIBE[kind]}: it looks like {_DESCRIBE[sniffed]}",
            fix=f"use --kind {sniffed}, or leave --kind out",
        )
    if window is not None:
        window = (_as_date(window[0]), _as_date(window[1]))
    me = {str(m).strip().lower() for m in me or ()}
    opts = dict(kind=kind, me=me, window=window, today=_as_date(today) if today else None, strict=strict,
                progress=progress, chunk=chunk)
    if kind == "linkedin":
        return linkedin_export.batches(info, owner_name=owner_name, **opts)
    if kind == "mbox":
        return mbox.batches(info, mass_mail=mass_mail, **opts)
    if kind == "vcard":
        return vcard.batches(info, **opts)
    if kind == "ics":
        return ics.batches(info, **opts)
    if kind in ("google", "outlook"):
        return contacts_csv.batches(info, **opts)
    return netlib_csv.batches(info, **opts)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
