"""LinkedIn's full data export: the ZIP (``Basic_LinkedInDataExport_MM-DD-YYYY.zip``) or one of its files.

Read from the ZIP as streams, in this order: ``Connections.csv`` (by
:mod:`netlib.importers.linkedin`), ``Profile.csv`` (your name, to recognise your own
messages), ``messages.csv`` (:mod:`netlib.importers.linkedin_messages`), ``Invitations.csv``,
``Recommendations_Received.csv`` / ``Recommendations_Given.csv`` and
``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv``. Every other file is
named once in the import's notes and not read.

- An outgoing invitation is you reaching out (an ``invitation``, ``out``: it counts as a
  follow-up after an event) and makes a person; an incoming one is them reaching out
  (``in``) and only adds to people already in the garden.
- Recommendations and endorsements are ``help_received`` / ``help_given`` on their day, for
  the reciprocity ledger and the give-back checklist. Recommendations name people without a
  profile URL: they are matched by name, and listed as skipped when nobody has that name.
- People are matched by profile URL (normalised), then email, then name. A person is only
  made with a profile URL; the text of messages, invitations and recommendations is never kept.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from netlib.errors import ImportFileError
from netlib.importers import linkedin
from netlib.importers.linkedin_files import (ROLES, NotExportFile, fix_text, parse_date, person_name, read_rows, role_of,
                                             skip, slash_order)
from netlib.importers.linkedin_messages import emit_messages, read_messages
from netlib.importers.normalise import name_key, norm_linkedin
from netlib.importers.reading import Collector, FileInfo, fold_header, head_text, open_text, sniff_rows
from netlib.importers.records import InteractionRecord, PersonRecord

__all__ = ["batches", "is_export", "matches"]

#: The most one file of the export may unpack to (messages.csv of a decade of messages is
#: well under it; a ZIP bomb is far over it). Connections.csv has its own bound.
MAX_EXPORT_MEMBER = 1 << 30

_ORDER = ("profile", "messages", "invitations", "recommendations_received", "recommendations_given",
          "endorsements_received", "endorsements_given")


def matches(cells) -> bool:
    """Whether folded header cells are one of the export's files netlib reads (not Connections.csv)."""
    return role_of(cells) is not None


def _members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Role -> member name of the files netlib reads (the shortest path when a name repeats)."""
    found: dict[str, str] = {}
    for name in zf.namelist():
        role = ROLES.get(name.rsplit("/", 1)[-1].lower())
        if role and (role not in found or len(name) < len(found[role])):
            found[role] = name
    return found


def is_export(path) -> bool:
    """Whether a ZIP holds any LinkedIn export file netlib reads."""
    try:
        with zipfile.ZipFile(path) as zf:
            return bool(_members(zf))
    except (zipfile.BadZipFile, OSError):
        return False


class _Export:
    """What spans the files of one export: you, the people made, the conversations, the counts."""

    def __init__(self, out: Collector, owner_name: str):
        self.out = out
        self.owner_names = [owner_name] if owner_name else []
        self.owner_setting = owner_name
        self.keys: set[str] = set()  # person keys of this import (connections: their URL)
        self.conversations: dict = {}
        self.messages_where = ""
        self.ties: dict = {}
        self.left: Counter = Counter()

    def ref(self, url, name, *, make: bool) -> str:
        """How an interaction names someone: a person of this import, a new person (``make``,
        with a profile URL), else an optional reference to someone already in the garden."""
        if url:
            if url in self.keys:
                return url
            key = f"profile:{url}"
            if key in self.keys:
                return key
            if make:
                self.keys.add(key)
                self.out.batch.people.append(PersonRecord(key=key, name=name or _slug_name(url), linkedin_url=url))
                return key
            return f"?linkedin:{url}"
        return f"?name:{name}"


def _slug_name(url: str) -> str:
    """A name for someone known only by their profile URL (``/in/jane-doe-1a2b`` -> ``Jane Doe``)."""
    words = [w for w in url.rsplit("/", 1)[-1].split("-") if w.isalpha()]
    return " ".join(w.capitalize() for w in words) or url


def batches(info: FileInfo, *, owner_name="", strict=False, progress=None, chunk=None, **opts):
    """Everything the export (a ZIP, or one of its CSV files) says about your network."""
    out = Collector(info, "linkedin", strict=strict, progress=progress, chunk=chunk)
    ctx = _Export(out, owner_name)
    if info.encoding != "zip":
        role = _csv_role(info)
        if role == "connections":
            yield from linkedin.batches(info, strict=strict, progress=progress, chunk=chunk, **opts)
            return
        with open_text(info) as stream:
            _read(role, stream, str(info.path), ctx)
        yield from _emit(ctx)
        return
    try:
        with zipfile.ZipFile(info.path) as zf:
            members = _members(zf)
            ignored = sorted({n.rsplit("/", 1)[-1] for n in zf.namelist()
                              if not n.endswith("/") and n not in members.values()}, key=str.lower)
    except linkedin.ZIP_ERRORS as err:
        raise ImportFileError(info.path, f"is not a readable ZIP archive ({err})",
                              fix="download the LinkedIn export again") from err
    if not members:
        raise ImportFileError(info.path, "is a ZIP without a Connections.csv or any other LinkedIn export file "
                                         "netlib reads", fix="pass the LinkedIn data export ZIP as downloaded")
    if "connections" in members:
        where = f"{info.path}:{members['connections'].rsplit('/', 1)[-1]}"
        for part in linkedin.batches(info, strict=strict, progress=None, chunk=chunk, **opts):
            ctx.keys.update(p.key for p in part.people if p.linkedin_url)
            for record in part.skipped + part.extra.get("warnings", []):
                record.path = where  # 'export.zip:Connections.csv:76', not 'export.zip:76'
            yield part
    with zipfile.ZipFile(info.path) as zf:
        for role in _ORDER:
            if role in members:
                where = f"{info.path}:{members[role].rsplit('/', 1)[-1]}"
                size = zf.getinfo(members[role]).file_size
                if size > MAX_EXPORT_MEMBER:  # a ZIP bomb, or not LinkedIn's: refused before reading
                    raise ImportFileError(where, f"would unpack to {size:,} bytes, more than netlib reads from one "
                                                 f"export file ({MAX_EXPORT_MEMBER:,})",
                                          fix="download the LinkedIn export again, or import its CSV files one by one")
                try:
                    with io.TextIOWrapper(zf.open(members[role]), encoding="utf-8-sig", errors="replace",
                                          newline="") as stream:
                        _read(role, stream, where, ctx)
                except NotExportFile:  # a file of that name, not of that shape: said once, not read
                    ignored.append(f"{members[role].rsplit('/', 1)[-1]} (not LinkedIn's columns)")
                except linkedin.ZIP_ERRORS as err:  # damaged, encrypted, an unknown method: one line
                    raise ImportFileError(where, f"cannot be read from the ZIP ({err})",
                                          fix="download the LinkedIn export again") from err
                if out.full():
                    yield out.take()
    if ignored:
        out.batch.extra.setdefault("notes", []).append(
            "not read (nothing in them for the garden): " + ", ".join(ignored))
    yield from _emit(ctx)


def _csv_role(info: FileInfo) -> str:
    for _, row in sniff_rows(head_text(info)):
        cells = [fold_header(c) for c in row]
        if linkedin.matches(cells):
            return "connections"
        role = role_of(cells, info.path.name)
        if role == "recommendations":
            raise ImportFileError(info.path, "is a LinkedIn recommendations file, but its name does not say "
                                             "whether they were received or given",
                                  fix="keep LinkedIn's name: Recommendations_Received.csv or Recommendations_Given.csv")
        if role:
            return role
    return "connections"  # whose reader says which column is missing


def _read(role: str, stream, where: str, ctx: _Export) -> None:
    out = ctx.out
    if role == "profile":
        for _, row in read_rows(stream, where, role, out):
            name = person_name(row.get("first name", ""), row.get("last name", ""))
            if name:
                ctx.owner_names.append(name)
                if not ctx.owner_setting:
                    out.batch.settings["owner_name"] = name
            break
    elif role == "messages":
        ctx.messages_where = where
        read_messages(stream, where, out, ctx)
    elif role == "invitations":
        _invitations(list(read_rows(stream, where, role, out)), where, ctx)
    elif role.startswith("recommendations"):
        _help(list(read_rows(stream, where, role, out)), where, ctx, role.endswith("given"), "creation date",
              ("first name", "last name"), None)
    else:
        given = role.endswith("given")
        who = "endorsee" if given else "endorser"
        _help(list(read_rows(stream, where, role, out)), where, ctx, given, "endorsement date",
              (f"{who} first name", f"{who} last name"), f"{who} public url")


def _invitations(rows, where, ctx: _Export) -> None:
    order = slash_order(r.get("sent at", "") for _, r in rows)
    for line, row in rows:
        raw = row.get("sent at", "")
        day = parse_date(raw, order)
        if day is None:
            skip(ctx.out, where, line, f"'Sent At' is '{raw.strip()[:40]}', expected a date like '8/6/24, 3:15 PM'")
            continue
        outgoing = row.get("direction", "").strip().upper() == "OUTGOING"
        if not outgoing and row.get("direction", "").strip().upper() != "INCOMING":
            skip(ctx.out, where, line, f"'Direction' is '{row.get('direction', '')[:20]}', expected INCOMING or OUTGOING")
            continue
        name = person_name(row.get("to" if outgoing else "from", ""))
        url = norm_linkedin(row.get("inviteeprofileurl" if outgoing else "inviterprofileurl", ""))
        if not (name or url):
            continue
        ref = ctx.ref(url, name, make=outgoing)
        ctx.out.batch.interactions.append(InteractionRecord(
            key=f"inv:{url or name_key(name)}:{day.isoformat()}", date=day, kind="invitation", people=[ref],
            direction="out" if outgoing else "in", line=line))


def _help(rows, where, ctx: _Export, given: bool, date_col: str, name_cols, url_col) -> None:
    """Recommendations or endorsements: one help interaction per person per day."""
    order = slash_order(r.get(date_col, "") for _, r in rows)
    what = "endorsement" if url_col else "recommendation"
    days: dict[tuple, list] = {}
    for line, row in rows:
        raw = row.get(date_col, "")
        day = parse_date(raw, order)
        if day is None:
            skip(ctx.out, where, line, f"'{date_col.title()}' is '{raw.strip()[:40]}', expected a date like "
                                       f"'{'2024/10/24 14:11:21 UTC' if url_col else '04/14/09, 09:42 AM'}'")
            continue
        name = person_name(*(row.get(c, "") for c in name_cols))
        url = norm_linkedin(row.get(url_col, "")) if url_col else None
        if not (name or url):
            skip(ctx.out, where, line, f"the {what} names nobody")
            continue
        entry = days.setdefault((url or name_key(name), day), [line, name, url, []])
        skill = fix_text(row.get("skill name", "").strip())
        if skill and skill not in entry[3]:
            entry[3].append(skill)
    for (who, day), (line, name, url, skills) in days.items():
        ref = ctx.ref(url, name, make=True) if url else f"name:{name}"
        if url_col:
            summary = (f"you endorsed them for {', '.join(skills)}" if given
                       else f"endorsed you for {', '.join(skills)}") if skills else None
        else:
            summary = "you wrote them a LinkedIn recommendation" if given else "wrote you a LinkedIn recommendation"
        ctx.out.batch.interactions.append(InteractionRecord(
            key=f"{'endorse' if url_col else 'rec'}-{'out' if given else 'in'}:{who}:{day.isoformat()}", date=day,
            kind="help_given" if given else "help_received", people=[ref], direction="out" if given else "in",
            summary=summary, line=line))


def _emit(ctx: _Export):
    out = ctx.out
    yield from emit_messages(ctx, out)
    out.batch.ties.extend(ctx.ties.values())
    left = [f"{n} {why}" for why, n in ctx.left.items() if n]
    if left:
        out.batch.extra.setdefault("notes", []).append("left out: " + ", ".join(left))
    yield out.finish()
