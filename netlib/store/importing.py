"""Writing imports into the store: a batch, a stream of chunks of one file, or a file
parsed by :mod:`netlib.importers` (a mixin of :class:`~netlib.store.core.Store`, which
gives it ``con``, ``transaction``, ``settings`` and ``path``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netlib.errors import ImportFileError, RecordError, ValidationError
from netlib.importers.records import ImportBatch, SkippedRecord
from netlib.store.settings import DEFAULTS, merge, validate
from netlib.store.writer import BatchWriter, ImportReport

__all__ = ["Importing"]


class Importing:
    def apply(self, batch: ImportBatch, *, today: dt.date | None = None, strict: bool = False) -> ImportReport:
        """Write an importer's batch in one transaction and say what changed.

        ``today`` is the import date, used as ``since`` for people whose source gives no
        date (so they join the garden as of the day you imported them). With ``strict``,
        any skipped record (in the batch, or a reference the store cannot resolve) raises
        :class:`~netlib.errors.RecordError` and nothing is written.
        """
        return self.apply_stream([batch], today=today, strict=strict)

    def apply_stream(self, chunks, *, today: dt.date | None = None, strict: bool = False) -> ImportReport:
        """Write a file's batch, given as chunks, in one transaction, as they come.

        ``chunks`` are partial batches of one file in order (see
        :func:`netlib.importers.iter_batches`); a reference in one names a person of the same
        or an earlier chunk. Each chunk is written before the next is read, so memory is
        bounded by a chunk plus the identity indexes, not by the file. The report, and what
        the store holds after, are those of :meth:`apply` with the chunks put together. On
        any exception (from the writing or from reading the next chunk) and, with
        ``strict``, for any skipped record, the whole import is rolled back.
        """
        today = today or dt.date.today()
        chunks = iter(chunks)
        batch = next(chunks)  # the file's first records, read before the store is locked
        if batch.extra.get("owner_unknown"):  # you are never a person in your own garden
            raise ImportFileError(batch.path, "does not say whose calendar it is, so you would become a person in "
                                              "your own garden", fix="give your address: netlib import --me "
                                              "you@example.com FILE, or set it once with netlib init --me")
        report = ImportReport(batch.path, batch.kind)
        read_skips: list[SkippedRecord] = []  # the importer's, listed before the writer's
        with self.transaction(label=f"import {Path(str(batch.path)).name}") as con:
            import_id = con.execute(
                "INSERT INTO imports(path, kind, sha256, at) VALUES (?, ?, ?, ?)",
                (str(batch.path), batch.kind, batch.sha256, dt.datetime.now().isoformat(timespec="seconds")),
            ).lastrowid
            writer = BatchWriter(con, batch, import_id, today, report)
            while batch is not None:
                read_skips += batch.skipped
                report.warnings += batch.extra.get("warnings", [])
                report.notes += batch.extra.get("notes", [])
                if strict and read_skips:  # the first of all skips, whatever comes after
                    break
                writer.write(batch)
                lines = batch.extra.get("setting_lines", {})
                for key, value in batch.settings.items():
                    try:
                        if key in DEFAULTS or key == "demo":  # another part's setting passes, as in merge()
                            validate(key, value)
                    except ValidationError as err:  # as `netlib settings` would refuse it
                        read_skips.append(SkippedRecord(batch.path, lines.get(key), f"setting not imported: {err}"))
                        continue
                    self._set_setting(con, key, value)
                for row in batch.extra.get("checklist", []):
                    con.execute(
                        "INSERT OR REPLACE INTO checklist(key, month, state, until, at) VALUES (?, ?, ?, ?, ?)",
                        (row["key"], row["month"], row["state"], row.get("until") or None, row["at"]),
                    )
                batch = next(chunks, None)
            report.skipped = read_skips + writer.skipped()
            if strict and report.skipped:
                first = report.skipped[0]
                raise RecordError(first.path, first.reason, line=first.line,
                                  fix="fix the record, or import without --strict to skip it")
            con.execute(
                "UPDATE imports SET added=?, updated=?, unchanged=?, skipped=? WHERE id=?",
                (report.added, report.updated, report.unchanged, len(report.skipped), import_id),
            )
        return report

    def import_file(self, path, *, kind=None, me=(), strict=False, today=None, progress=None) -> ImportReport:
        """Parse a file (:func:`netlib.importers.iter_batches`) and write it to the store.

        The file is read and written in chunks inside one transaction (memory stays bounded
        by a chunk, not the file); it lands whole or not at all. ``me``: your addresses,
        beside the ``owner_emails`` setting. ``progress(done, total)`` is called as it reads.
        """
        settings = merge(self.settings())
        owner = set(me) | set(settings["owner_emails"])
        from netlib.importers.kinds import iter_batches  # the file formats' parsers load only to import

        chunks = iter_batches(path, kind, me=owner, today=today, strict=strict, progress=progress,
                              owner_name=settings["owner_name"], mass_mail=settings["mass_mail"])
        return self.apply_stream(chunks, today=today, strict=strict)

