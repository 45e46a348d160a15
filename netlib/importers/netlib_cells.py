"""Reading the cells of netlib's own CSVs: dates, choices, whole numbers, person references
and JSON, each either a value or a skipped record with a reason that says what is expected."""

from __future__ import annotations

import json

from netlib.importers.dates import YEARS, parse_iso_date
from netlib.importers.normalise import digits, norm_email, norm_linkedin, unneutralise

__all__ = ["Row", "YEARS", "loads_json", "read_choice", "read_date", "read_int", "read_json", "read_ref",
           "read_refs", "reference", "split_list"]


class Row:
    """One data row, its cells read by column name (an absent column reads as empty)."""

    def __init__(self, pos):
        self.pos = pos
        self.row: list[str] = []

    def bind(self, row):
        self.row = row
        return self

    def __getitem__(self, name) -> str:
        i = self.pos.get(name)
        # netlib export writes formula-like cells with a leading apostrophe: undo it
        return unneutralise(self.row[i].strip()) if i is not None and i < len(self.row) else ""




def read_date(r, column, line, out, *, required) -> tuple[bool, object]:
    """``(True, date or None)``, or ``(False, None)`` after skipping the record: an ISO date within :data:`YEARS`."""
    raw = r[column]
    if not raw:
        if required:
            out.skip(line, f"'{column}' is empty, expected a date like '2026-11-25'")
            return False, None
        return True, None
    date = parse_iso_date(raw)
    if date is None:
        out.skip(line, f"'{column}' is '{raw}', expected a date like '2026-11-25'")
        return False, None
    if not YEARS[0] <= date.year <= YEARS[1]:  # a typo like 9999 or 0202: as the calendar importer says
        out.skip(line, f"'{column}' is '{raw}', expected a date between {YEARS[0]} and {YEARS[1]}")
        return False, None
    return True, date


def read_choice(r, column, allowed, default, line, out) -> str | None:
    """A cell that must be one of ``allowed`` (any case; ``default`` when empty), or None
    after skipping the record with a reason that lists what is allowed."""
    value = r[column].lower() or default
    if value in allowed:
        return value
    out.skip(line, f"'{column}' is '{r[column]}', expected one of: {', '.join(allowed)}")
    return None


def read_int(r, column, line, out, *, low, high) -> tuple[bool, int | None]:
    """``(True, number or None)``, or ``(False, None)`` after skipping the record: a whole number in ``[low, high]``."""
    raw = r[column]
    if not raw:
        return True, None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:  # the store's CHECK and SQLite's 64-bit limit
        out.skip(line, f"'{column}' is '{raw}', expected a whole number from {low} to {high}")
        return False, None
    return True, value


def read_refs(r, column, line, out) -> list[str] | None:
    """The people ``column`` names (``;``-separated, each a :func:`reference`), or None after skipping the record."""
    refs = []
    for value in split_list(r[column]):
        ref = reference(value)
        if ref is None:
            out.skip(line, f"'{column}' holds '{value}', expected an email, name:NAME, linkedin:URL or an id")
            return None
        refs.append(ref)
    return refs


def read_ref(r, column, line, out, expected: str) -> str | None:
    """The one person ``column`` names (a plan's person, a merge's keep), else a skipped record."""
    refs = read_refs(r, column, line, out)
    if refs is not None and len(refs) != 1:
        out.skip(line, f"'{column}' must name one person, expected {expected}")
    return refs[0] if refs is not None and len(refs) == 1 else None


def split_list(value: str) -> list[str]:
    """A ``;``-separated cell as its non-empty parts."""
    return [v.strip() for v in value.split(";") if v.strip()] if value else []


def reference(value: str) -> str | None:
    """A person reference as the store reads it.

    ``email:x@y``, ``name:Jane Doe``, ``linkedin:URL`` and ``netlib:ID`` (or ``id:ID``) pass
    through, normalised; a bare value is classified: with ``@`` an email, starting with
    ``http`` (or naming linkedin.com) a LinkedIn URL, all digits a netlib id, else a name.

    >>> reference("Jane@X.com"), reference("42"), reference("Jane Doe")
    ('email:jane@x.com', 'netlib:42', 'name:Jane Doe')
    """
    v = value.strip()
    if not v:
        return None
    prefix, sep, rest = v.partition(":")
    low = prefix.strip().lower()
    if sep and low in ("email", "name", "linkedin", "netlib", "id"):
        rest = rest.strip()
        if low == "email":
            addr = norm_email(rest)
            return f"email:{addr}" if addr else None
        if low == "linkedin":
            return f"linkedin:{norm_linkedin(rest) or rest}"
        if low in ("netlib", "id"):
            return f"netlib:{rest}" if rest else None
        return f"name:{rest}" if rest else None
    lower = v.lower()
    if lower.startswith("http") or "linkedin.com" in lower:
        url = norm_linkedin(v)
        return f"linkedin:{url}" if url else None
    if "@" in v:
        addr = norm_email(v)
        return f"email:{addr}" if addr else None
    if digits(v):
        return f"netlib:{v}"
    return f"name:{v}"


def loads_json(text):
    """``text`` as JSON; ValueError for what is not, nested past the recursion limit too."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def read_json(r, column, line, out, shape):
    """``column`` as the JSON ``shape`` (list or dict) 'netlib export' writes, or None after skipping the record."""
    try:
        value = loads_json(r[column])
    except ValueError:
        value = None
    if not isinstance(value, shape):
        out.skip(line, f"'{column}' is not what 'netlib export' writes (JSON); leave it empty or export again")
        return None
    return value
