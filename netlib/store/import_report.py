"""What one import did: counts, skipped records, dropped values and the importer's notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netlib.importers.normalise import plural
from netlib.importers.records import SkippedRecord

__all__ = ["ImportReport"]


@dataclass
class ImportReport:
    """What one import did."""

    path: str
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    interactions: int = 0
    events: int = 0
    ties: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    #: values dropped from records that were kept (an unreadable birthday, say)
    warnings: list[SkippedRecord] = field(default_factory=list)
    left_out: int = 0  # interactions whose optional people (``?email:x``) are all unknown
    notes: list[str] = field(default_factory=list)  # the importer's words on the file, once

    def summary(self) -> str:
        line = (
            f"{Path(self.path).name} ({self.kind}): {plural(self.added, 'person', 'people')} added, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged; "
            f"{plural(self.interactions, 'interaction')}, {plural(self.events, 'event')}, "
            f"{plural(self.ties, 'tie')} added; {plural(len(self.skipped), 'record')} skipped"
        )
        notes = list(self.notes)
        if self.left_out:
            notes.append(f"{plural(self.left_out, 'interaction')} left out: nobody in them is in your garden yet")
        return "\n".join([line, *(f"  {n}" for n in notes)])
