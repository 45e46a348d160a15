"""netlib's own CSV formats (people, interactions, events, ties); see docs/csv-formats.md."""

from __future__ import annotations

import json

from netlib.errors import ImportFileError
from netlib.importers.dates import BIRTHDAY_LAST_YEAR, parse_birthday, parse_iso_date
from netlib.importers.normalise import clean, hash_key, linkedin_profile, norm_email, norm_linkedin, unneutralise
from netlib.importers.reading import Collector, CsvReader, FileInfo, csv_delimiter, data_rows, header_row, open_text
from netlib.importers.records import (DIRECTIONS, EventRecord, INTERACTION_KINDS, InteractionRecord,
                                      PLAN_KINDS, PersonRecord, TIE_KINDS, TieRecord)

__all__ = ["batches", "match", "reference", "COLUMNS", "REQUIRED"]

#: Every column of each format, in the order ``netlib export`` writes them.
COLUMNS = {
    "netlib-people": ("id", "name", "first_name", "last_name", "emails", "phones", "company", "position",
                      "linkedin_url", "tags", "notes", "birthday", "since", "ring", "cadence_days", "sources"),
    "netlib-interactions": ("id", "date", "kind", "direction", "with", "summary", "event"),
    "netlib-events": ("id", "name", "date", "location", "notes", "met", "followed_up", "learned"),
    "netlib-ties": ("a", "b", "kind", "since", "weight"),
    "netlib-checklist": ("key", "month", "state", "until", "at"),
    "netlib-settings": ("key", "value"),
    "netlib-plans": ("id", "person", "date", "what", "kind", "created", "cancelled"),
    "netlib-merges": ("keep", "other_id", "other_name", "at", "split_at", "record"),
}
#: The columns a file must have to be read as that format.
REQUIRED = {
    "netlib-people": ("name",),
    "netlib-interactions": ("date", "kind", "with"),
    "netlib-events": ("name", "date"),
    "netlib-ties": ("a", "b"),
    "netlib-checklist": ("key", "month", "state", "at"),
    "netlib-settings": ("key", "value"),
    "netlib-plans": ("person", "date", "what"),
    "netlib-merges": ("keep", "other_id", "record"),
}
_FILES = {"netlib-people": "people.csv", "netlib-interactions": "interactions.csv",
          "netlib-events": "events.csv", "netlib-ties": "ties.csv", "netlib-checklist": "checklist.csv",
          "netlib-settings": "settings.csv", "netlib-plans": "plans.csv", "netlib-merges": "merges.csv"}
_PEOPLE_SIGNS = {"emails", "phones", "linkedin_url", "ring", "cadence_days", "tags", "id"}


def match(cells) -> str | None:
    """The netlib format a folded header row belongs to, or None."""
    have = set(cells)
    if {"key", "month", "state"} <= have:
        return "netlib-checklist"
    if have == {"key", "value"}:
        return "netlib-settings"
    if {"keep", "other_id", "record"} <= have:
        return "netlib-merges"
    if {"person", "date", "what"} <= have:
        return "netlib-plans"
    if {"a", "b"} <= have:
        return "netlib-ties"
    if {"date", "kind", "with"} <= have:
        return "netlib-interactions"
    if {"name", "date"} <= have and have & {"met", "followed_up", "location"}:
        return "netlib-events"
    if "name" in have and "date" not in have and have & _PEOPLE_SIGNS:
        return "netlib-people"
    return None


def _split(value: str) -> list[str]:
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
    if v.isdigit():
        return f"netlib:{v}"
    return f"name:{v}"


def batches(info: FileInfo, *, kind="netlib-people", strict=False, progress=None, chunk=None, **_):
    """One of netlib's CSV files, chosen by ``kind``, in chunks of about ``chunk`` records."""
    out = Collector(info, kind, strict=strict, progress=progress, chunk=chunk)
    required = REQUIRED[kind]
    delimiter = csv_delimiter(info, lambda cells: all(r in cells for r in required))
    with open_text(info) as stream:
        reader = CsvReader(stream, info.path, delimiter)
        header, line = header_row(reader, lambda cells: all(r in cells for r in required))
        if header is None:
            missing = required[-1] if len(required) > 1 else required[0]
            raise ImportFileError(
                info.path, f"header has no '{missing}' column", line=line, column=missing,
                fix=f"expected netlib's {_FILES[kind]} with columns {','.join(COLUMNS[kind])}; "
                    "see docs/csv-formats.md, or use --kind to choose another format",
            )
        pos = {name: i for i, name in reversed(list(enumerate(header)))}
        row_of = _Row(pos)
        handler = {"netlib-people": _person, "netlib-interactions": _interaction,
                   "netlib-events": _event, "netlib-ties": _tie, "netlib-checklist": _checklist,
                   "netlib-settings": _setting, "netlib-plans": _plan, "netlib-merges": _merge}[kind]
        seen: dict[str, int] = {}
        for line, row in data_rows(reader, out, stream.buffer):
            if out.full():
                yield out.take()
            rec = handler(row_of.bind(row), line, out)
            if rec is None:
                continue
            if isinstance(rec, tuple):  # checklist state or a setting: not a record
                target, value = rec
                if target == "settings":
                    out.batch.settings.update(value)
                    out.batch.extra.setdefault("setting_lines", {}).update({k: line for k in value})
                else:
                    out.batch.extra.setdefault(target, []).append(value)
                continue
            key = getattr(rec, "key", None)
            if key is not None:
                if key in seen:
                    out.skip(line, f"the id in this row repeats line {seen[key]}; kept the first")
                    continue
                seen[key] = line
            {"netlib-people": out.batch.people, "netlib-interactions": out.batch.interactions,
             "netlib-events": out.batch.events, "netlib-ties": out.batch.ties}[kind].append(rec)
    yield out.finish()


class _Row:
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


#: The years a date of netlib's CSVs may have (the calendar importer keeps the same range; a
#: birthday's last year is the same, and one before 1900 reads as a birthday without a year).
YEARS = (1900, BIRTHDAY_LAST_YEAR)


def _date(r, column, line, out, *, required) -> tuple[bool, object]:
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


def _choice(r, column, allowed, default, line, out) -> str | None:
    """A cell that must be one of ``allowed`` (any case; ``default`` when empty), or None
    after skipping the record with a reason that lists what is allowed."""
    value = r[column].lower() or default
    if value in allowed:
        return value
    out.skip(line, f"'{column}' is '{r[column]}', expected one of: {', '.join(allowed)}")
    return None


def _int(r, column, line, out, *, low, high) -> tuple[bool, int | None]:
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


def _refs(r, column, line, out) -> list[str] | None:
    refs = []
    for value in _split(r[column]):
        ref = reference(value)
        if ref is None:
            out.skip(line, f"'{column}' holds '{value}', expected an email, name:NAME, linkedin:URL or an id")
            return None
        refs.append(ref)
    return refs


def _one_ref(r, column, line, out, expected: str) -> str | None:
    """The one person ``column`` names (a plan's person, a merge's keep), else a skipped record."""
    refs = _refs(r, column, line, out)
    if refs is not None and len(refs) != 1:
        out.skip(line, f"'{column}' must name one person, expected {expected}")
    return refs[0] if refs is not None and len(refs) == 1 else None


def _person(r, line, out):
    name = clean(r["name"])  # our own format: the name exactly as written
    emails = [e for e in (norm_email(v) for v in _split(r["emails"])) if e]
    if not name:
        name = " ".join(p for p in (r["first_name"], r["last_name"]) if p) or (emails[0] if emails else None)
    if not name:
        out.skip(line, "'name' is empty, expected the person's name")
        return None
    ok, since = _date(r, "since", line, out, required=False)
    ok2, ring = _int(r, "ring", line, out, low=1, high=6) if ok else (False, None)
    ok3, cadence = _int(r, "cadence_days", line, out, low=1, high=36500) if ok2 else (False, None)
    if not ok3:
        return None
    birthday, good = parse_birthday(r["birthday"])
    if not good:
        out.skip(line, f"'birthday' is '{r['birthday']}', expected a date between {YEARS[0]} and {YEARS[1]} "
                       "like '1990-03-14', or '--03-14' without a year")
        return None
    company = clean(r["company"])
    ident = r["id"]
    linkedin = norm_linkedin(r["linkedin_url"]) or clean(r["linkedin_url"])
    key = f"netlib:{ident}" if ident else f"email:{emails[0]}" if emails else \
        f"linkedin:{linkedin}" if linkedin_profile(linkedin) else hash_key(name, company)
    if r["sources"]:  # written by 'netlib export': the records that made this person (batch.extra)
        found = _json(r, "sources", line, out, list)
        if found is None:
            return None
        out.batch.extra.setdefault("sources", {})[key] = found
    return PersonRecord(
        key=key, name=name, first_name=clean(r["first_name"]), last_name=clean(r["last_name"]),
        emails=emails, phones=_split(r["phones"]), company=company, position=clean(r["position"]),
        linkedin_url=linkedin, tags=list(dict.fromkeys(_split(r["tags"]))), notes=clean(r["notes"]),
        birthday=birthday, since=since, ring=ring, cadence_days=cadence, line=line,
    )


def _interaction(r, line, out):
    ok, date = _date(r, "date", line, out, required=True)
    if not ok:
        return None
    kind = _choice(r, "kind", INTERACTION_KINDS, None, line, out)
    direction = _choice(r, "direction", DIRECTIONS, "both", line, out) if kind else None
    if not (kind and direction):
        return None
    people = _refs(r, "with", line, out)
    if people is None:
        return None
    if not people:
        out.skip(line, "'with' is empty, expected at least one person (an email, name:NAME or id)")
        return None
    summary = clean(r["summary"])
    key = f"netlib:{r['id']}" if r["id"] else hash_key("", "", date.isoformat(), kind, direction,
                                                      ";".join(people), summary or "")
    event = r["event"]
    return InteractionRecord(key=key, date=date, kind=kind, people=people, direction=direction,
                             summary=summary, event_key=f"netlib:{event}" if event else None, line=line)


def _event(r, line, out):
    name = clean(r["name"])
    if not name:
        out.skip(line, "'name' is empty, expected the event's name")
        return None
    ok, date = _date(r, "date", line, out, required=True)
    if not ok:
        return None
    met = _refs(r, "met", line, out)
    followed = _refs(r, "followed_up", line, out) if met is not None else None
    if followed is None:
        return None
    met += [f for f in followed if f not in met]
    key = f"netlib:{r['id']}" if r["id"] else hash_key(name, "", date.isoformat())
    if r["learned"]:  # {person reference: [what you learned, the day you followed up]}
        found = _json(r, "learned", line, out, dict)
        if found is None:
            return None
        out.batch.extra.setdefault("learned", {})[key] = {reference(k): v for k, v in found.items() if reference(k)}
    return EventRecord(key=key, name=name, date=date, location=clean(r["location"]), notes=clean(r["notes"]),
                       met=met, followed_up=followed, line=line)


def _loads(text):
    """``text`` as JSON; ValueError for what is not, nested past the recursion limit too."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _json(r, column, line, out, shape):
    try:
        value = _loads(r[column])
    except ValueError:
        value = None
    if not isinstance(value, shape):
        out.skip(line, f"'{column}' is not what 'netlib export' writes (JSON); leave it empty or export again")
        return None
    return value


def _tie(r, line, out):
    pair = _refs(r, "a", line, out)
    pair = pair + (_refs(r, "b", line, out) or []) if pair is not None else None
    if pair is None or len(pair) != 2:
        if pair is not None:
            out.skip(line, "'a' and 'b' must each name one person, expected an email, name:NAME or id")
        return None
    if pair[0] == pair[1]:
        out.skip(line, f"'a' and 'b' are the same person ({pair[0]}); a tie links two people")
        return None
    kind = _choice(r, "kind", TIE_KINDS, "knows", line, out)
    if not kind:
        return None
    ok, since = _date(r, "since", line, out, required=False)
    if not ok:
        return None
    weight = 1.0
    if r["weight"]:
        try:
            weight = float(r["weight"])
        except ValueError:
            weight = -1.0
        if not weight > 0 or weight == float("inf"):
            out.skip(line, f"'weight' is '{r['weight']}', expected a positive number like 1 or 0.5")
            return None
    return TieRecord(pair[0], pair[1], kind, since=since, weight=weight, line=line)


def _checklist(r, line, out):
    state = r["state"]
    if state not in ("done", "snoozed", "dismissed"):
        out.skip(line, f"'state' is '{state}', expected done, snoozed or dismissed")
        return None
    ok, at = _date(r, "at", line, out, required=True)
    ok2, until = _date(r, "until", line, out, required=False)
    if not (ok and ok2):
        return None
    return "checklist", {"key": r["key"], "month": r["month"], "state": state,
                         "until": until.isoformat() if until else None, "at": at.isoformat()}


def _setting(r, line, out):
    try:
        value = _loads(r["value"])
    except ValueError:
        out.skip(line, f"the value of '{r['key']}' is not JSON, expected what 'netlib export' writes")
        return None
    return "settings", {r["key"]: value}


def _plan(r, line, out):
    """A plan (``netlib plan``): for the store to write once its people are in."""
    person = _one_ref(r, "person", line, out, "an email, name:NAME or id")
    if person is None:
        return None
    what = clean(r["what"])
    if not what:
        out.skip(line, "'what' is empty, expected a few words on what you intend")
        return None
    ok, date = _date(r, "date", line, out, required=True)
    ok2, created = _date(r, "created", line, out, required=False) if ok else (False, None)
    kind = _choice(r, "kind", PLAN_KINDS, "meeting", line, out) if ok2 else None
    ok3, cancelled = _int(r, "cancelled", line, out, low=0, high=1) if kind else (False, None)
    if not ok3:
        return None
    key = int(r["id"]) if r["id"].isdigit() and len(r["id"]) < 18 else None
    return "plans", {"id": key, "person": person, "date": date.isoformat(), "what": what, "kind": kind,
                     "created": (created or date).isoformat(), "cancelled": cancelled or 0, "line": line}


def _merge(r, line, out):
    """A merge by hand, as 'netlib export' writes it (its record is the export's own JSON)."""
    keep = _one_ref(r, "keep", line, out, "an id")
    if keep is None:
        return None
    ok, other = _int(r, "other_id", line, out, low=1, high=2**62)
    ok2, at = _date(r, "at", line, out, required=True) if ok else (False, None)
    ok3, split_at = _date(r, "split_at", line, out, required=False) if ok2 else (False, None)
    record = _json(r, "record", line, out, dict) if ok3 else None
    if record is None:
        return None
    if not isinstance(record.get("other"), dict) or record.get("portable") != 1:
        out.skip(line, "'record' is not what 'netlib export' writes; export again")
        return None
    return "merges", {"keep": keep, "other_id": other, "other_name": clean(r["other_name"]) or "?",
                      "at": at.isoformat(), "split_at": split_at.isoformat() if split_at else None,
                      "record": record, "line": line}
