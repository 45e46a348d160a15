"""netlib's own CSV formats, what ``netlib export`` writes (see docs/csv-formats.md): which
format a header is, and reading a file of one. People, interactions, events and ties are read
here; checklist ticks, settings, plans and merges in :mod:`~netlib.importers.netlib_extras`,
the cells of both with :mod:`~netlib.importers.netlib_cells`."""

from __future__ import annotations

from netlib.errors import ImportFileError
from netlib.importers.dates import parse_birthday
from netlib.importers.netlib_cells import (YEARS, Row, read_choice, read_date, read_int, read_json, read_refs,
                                           reference, split_list)
from netlib.importers.netlib_extras import ROWS
from netlib.importers.normalise import clean, hash_key, linkedin_profile, norm_email, norm_linkedin
from netlib.importers.reading import Collector, CsvReader, FileInfo, csv_delimiter, data_rows, header_row, open_text
from netlib.importers.records import (DIRECTIONS, EventRecord, INTERACTION_KINDS, InteractionRecord, PersonRecord,
                                      TIE_KINDS, TieRecord)

__all__ = ["batches", "match", "COLUMNS", "REQUIRED"]

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
        row_of = Row(pos)
        handler = {"netlib-people": _person, "netlib-interactions": _interaction,
                   "netlib-events": _event, "netlib-ties": _tie, **ROWS}[kind]
        seen: dict[str, int] = {}
        for line, row in data_rows(reader, out, stream.buffer):
            if out.full():
                yield out.take()
            rec = handler(row_of.bind(row), line, out)
            if rec is None:
                continue
            if isinstance(rec, tuple):  # a tick, a setting, a plan, a merge (netlib_extras): not a record
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


def _person(r, line, out):
    name = clean(r["name"])  # our own format: the name exactly as written
    emails = [e for e in (norm_email(v) for v in split_list(r["emails"])) if e]
    if not name:
        name = " ".join(p for p in (r["first_name"], r["last_name"]) if p) or (emails[0] if emails else None)
    if not name:
        out.skip(line, "'name' is empty, expected the person's name")
        return None
    ok, since = read_date(r, "since", line, out, required=False)
    ok2, ring = read_int(r, "ring", line, out, low=1, high=6) if ok else (False, None)
    ok3, cadence = read_int(r, "cadence_days", line, out, low=1, high=36500) if ok2 else (False, None)
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
        found = read_json(r, "sources", line, out, list)
        if found is None:
            return None
        out.batch.extra.setdefault("sources", {})[key] = found
    return PersonRecord(
        key=key, name=name, first_name=clean(r["first_name"]), last_name=clean(r["last_name"]),
        emails=emails, phones=split_list(r["phones"]), company=company, position=clean(r["position"]),
        linkedin_url=linkedin, tags=list(dict.fromkeys(split_list(r["tags"]))), notes=clean(r["notes"]),
        birthday=birthday, since=since, ring=ring, cadence_days=cadence, line=line,
    )


def _interaction(r, line, out):
    ok, date = read_date(r, "date", line, out, required=True)
    if not ok:
        return None
    kind = read_choice(r, "kind", INTERACTION_KINDS, None, line, out)
    direction = read_choice(r, "direction", DIRECTIONS, "both", line, out) if kind else None
    if not (kind and direction):
        return None
    people = read_refs(r, "with", line, out)
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
    ok, date = read_date(r, "date", line, out, required=True)
    if not ok:
        return None
    met = read_refs(r, "met", line, out)
    followed = read_refs(r, "followed_up", line, out) if met is not None else None
    if followed is None:
        return None
    met += [f for f in followed if f not in met]
    key = f"netlib:{r['id']}" if r["id"] else hash_key(name, "", date.isoformat())
    if r["learned"]:  # {person reference: [what you learned, the day you followed up]}
        found = read_json(r, "learned", line, out, dict)
        if found is None:
            return None
        out.batch.extra.setdefault("learned", {})[key] = {reference(k): v for k, v in found.items() if reference(k)}
    return EventRecord(key=key, name=name, date=date, location=clean(r["location"]), notes=clean(r["notes"]),
                       met=met, followed_up=followed, line=line)


def _tie(r, line, out):
    pair = read_refs(r, "a", line, out)
    pair = pair + (read_refs(r, "b", line, out) or []) if pair is not None else None
    if pair is None or len(pair) != 2:
        if pair is not None:
            out.skip(line, "'a' and 'b' must each name one person, expected an email, name:NAME or id")
        return None
    if pair[0] == pair[1]:
        out.skip(line, f"'a' and 'b' are the same person ({pair[0]}); a tie links two people")
        return None
    kind = read_choice(r, "kind", TIE_KINDS, "knows", line, out)
    if not kind:
        return None
    ok, since = read_date(r, "since", line, out, required=False)
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
