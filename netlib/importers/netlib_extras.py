"""netlib's CSVs of what is not a record but an export carries so that it round-trips:
checklist ticks, settings, plans and merges by hand. Each row becomes ``(target, value)``
for the batch's ``settings`` or ``extra[target]``, for the store to write once its people are in."""

from __future__ import annotations

from netlib.importers.normalise import clean, digits
from netlib.importers.netlib_cells import loads_json, read_choice, read_date, read_int, read_json, read_ref
from netlib.importers.records import PLAN_KINDS

__all__ = ["ROWS"]


def _checklist(r, line, out):
    state = r["state"]
    if state not in ("done", "snoozed", "dismissed"):
        out.skip(line, f"'state' is '{state}', expected done, snoozed or dismissed")
        return None
    ok, at = read_date(r, "at", line, out, required=True)
    ok2, until = read_date(r, "until", line, out, required=False)
    if not (ok and ok2):
        return None
    return "checklist", {"key": r["key"], "month": r["month"], "state": state,
                         "until": until.isoformat() if until else None, "at": at.isoformat()}


def _setting(r, line, out):
    try:
        value = loads_json(r["value"])
    except ValueError:
        out.skip(line, f"the value of '{r['key']}' is not JSON, expected what 'netlib export' writes")
        return None
    return "settings", {r["key"]: value}


def _plan(r, line, out):
    """A plan (``netlib plan``): for the store to write once its people are in."""
    person = read_ref(r, "person", line, out, "an email, name:NAME or id")
    if person is None:
        return None
    what = clean(r["what"])
    if not what:
        out.skip(line, "'what' is empty, expected a few words on what you intend")
        return None
    ok, date = read_date(r, "date", line, out, required=True)
    ok2, created = read_date(r, "created", line, out, required=False) if ok else (False, None)
    kind = read_choice(r, "kind", PLAN_KINDS, "meeting", line, out) if ok2 else None
    ok3, cancelled = read_int(r, "cancelled", line, out, low=0, high=1) if kind else (False, None)
    if not ok3:
        return None
    key = int(r["id"]) if digits(r["id"]) and len(r["id"]) < 18 else None
    return "plans", {"id": key, "person": person, "date": date.isoformat(), "what": what, "kind": kind,
                     "created": (created or date).isoformat(), "cancelled": cancelled or 0, "line": line}


def _merge(r, line, out):
    """A merge by hand, as 'netlib export' writes it (its record is the export's own JSON)."""
    keep = read_ref(r, "keep", line, out, "an id")
    if keep is None:
        return None
    ok, other = read_int(r, "other_id", line, out, low=1, high=2**62)
    ok2, at = read_date(r, "at", line, out, required=True) if ok else (False, None)
    ok3, split_at = read_date(r, "split_at", line, out, required=False) if ok2 else (False, None)
    record = read_json(r, "record", line, out, dict) if ok3 else None
    if record is None:
        return None
    if not isinstance(record.get("other"), dict) or record.get("portable") != 1:
        out.skip(line, "'record' is not what 'netlib export' writes; export again")
        return None
    return "merges", {"keep": keep, "other_id": other, "other_name": clean(r["other_name"]) or "?",
                      "at": at.isoformat(), "split_at": split_at.isoformat() if split_at else None,
                      "record": record, "line": line}


#: The reader of a row of each of these formats.
ROWS = {"netlib-checklist": _checklist, "netlib-settings": _setting, "netlib-plans": _plan, "netlib-merges": _merge}
