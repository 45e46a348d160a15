"""Plain records that importers produce and the store writes.

Importers never touch the store: they turn a file into an :class:`ImportBatch` of these
records, and :meth:`netlib.store.core.Store.apply` writes a batch in one transaction.

Identity: every record carries a ``key`` that is stable across re-imports of the same
source (a LinkedIn URL, a vCard UID, an email, or a hash of the row). The store uses
``(source kind, key)`` to find what it wrote before, so re-importing changes nothing.
People are then matched to existing people by email, LinkedIn URL, then normalised name
with company (see :mod:`netlib.store.identity`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "INTERACTION_KINDS",
    "DIRECTIONS",
    "TIE_KINDS",
    "PLAN_KINDS",
    "PersonRecord",
    "InteractionRecord",
    "EventRecord",
    "TieRecord",
    "SkippedRecord",
    "ImportBatch",
]

#: Kinds of interaction, in the words the CLI and notebooks use.
INTERACTION_KINDS = (
    "connected",  # became connected (LinkedIn) or first added
    "coffee",
    "meal",
    "call",
    "video",
    "meeting",
    "email",
    "message",
    "event",  # met at an event
    "intro",  # an introduction (see direction)
    "help_given",
    "help_received",
    "note",
    "invitation",  # a LinkedIn invitation to connect (see direction)
)

#: out: you to them; in: them to you; both: mutual (a meeting, a coffee).
DIRECTIONS = ("out", "in", "both")

TIE_KINDS = ("colleague", "coattendance", "knows", "family", "intro")

#: What a plan can be: an interaction kind that is contact with one person.
PLAN_KINDS = tuple(k for k in INTERACTION_KINDS if k not in ("connected", "event", "note", "intro"))


@dataclass(slots=True)
class PersonRecord:
    """One person as a source describes them. ``key`` is unique within the source."""

    key: str
    name: str
    first_name: str | None = None
    last_name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    position: str | None = None
    linkedin_url: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    birthday: str | None = None  # ISO date, or "--MM-DD" without a year
    since: dt.date | None = None  # when they entered your network, if the source says
    ring: int | None = None  # manual ring override (netlib CSV only)
    cadence_days: int | None = None  # manual cadence override (netlib CSV only)
    line: int | None = None  # where in the file, for messages


@dataclass(slots=True)
class InteractionRecord:
    """Something that happened between you and one or more people.

    ``people`` holds person keys of this batch, or ``"email:x@y"`` / ``"name:Jane Doe"`` /
    ``"linkedin:URL"`` references the store resolves against people already known. A
    reference starting ``?`` (``"?email:x@y"``) is optional: the person takes part if they
    are already in the garden and is left out otherwise (an interaction left with nobody is
    dropped and counted, not listed as skipped). :class:`TieRecord` ends may be optional too.
    """

    key: str
    date: dt.date
    kind: str
    people: list[str]
    direction: str = "both"
    summary: str | None = None
    event_key: str | None = None
    line: int | None = None


@dataclass(slots=True)
class EventRecord:
    """A gathering where you met people; ``met`` holds person keys or references."""

    key: str
    name: str
    date: dt.date
    location: str | None = None
    notes: str | None = None
    met: list[str] = field(default_factory=list)
    followed_up: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass(slots=True)
class TieRecord:
    """A link between two of your people (not you)."""

    a: str
    b: str
    kind: str
    since: dt.date | None = None
    weight: float = 1.0
    line: int | None = None


@dataclass(slots=True)
class SkippedRecord:
    """A record an importer could not use, with where and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = Path(self.path).name + (f":{self.line}" if self.line else "")
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ImportBatch:
    """Everything one file holds, ready for the store to write in one transaction."""

    path: str
    kind: str
    sha256: str
    people: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    ties: list[TieRecord] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    #: settings the file carries (netlib's own CSV export of settings).
    settings: dict = field(default_factory=dict)
    #: raw rows for tables netlib's own CSV export round-trips (checklist state...).
    extra: dict = field(default_factory=dict)
