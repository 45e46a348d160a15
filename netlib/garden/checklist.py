"""The six cultivation checklists: concrete things to do this month, each explained.

Keys are stable across months (``water:p42``, ``follow_up:e3:p42``, ``weave:p12:p40``,
``reconnect:p7``, ``give_back:p9``, ``goal:<slug>``) so that a snooze or a tick carries
over; the store keeps state per (key, month).

State of an item for the month (:func:`apply_state`): ``done`` or ``dismissed`` when the
store says so for this month (a goal is also ``done`` once reached), ``snoozed`` while a
snooze's ``until`` lies after the as-of date, else ``open``. Lists hold the open items
first (capped per checklist, ``caps``), then the others with their state, so a report can
show "done"; an interface lists only ``state == "open"`` items.

Goal schema (``settings["goals"]``, a list of objects)::

    {"text": "meet 3 people in product design",  # shown as the action; slug makes the key
     "kind": "meet",      # "meet" (new people), "give" (help given or intros made),
                          # or an interaction kind ("coffee", "call", ...)
     "tag": "design",     # optional: people tagged so (case-insensitive)
     "keyword": "design", # optional: word in their company, position or tags
     "count": 3}          # how many this month (default 1)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from netlib.importers.normalise import company_key
from netlib.garden.rings import met_within

__all__ = ["ChecklistItem", "met_at_events", "follow_up", "water", "reconnect", "give_back", "weave", "goals", "apply_state"]


@dataclass
class ChecklistItem:
    """One concrete action; ``why`` explains it in plain words with numbers."""

    key: str
    checklist: str
    person_ids: list[int]
    people: list[str]
    why: str
    action: str
    channel: str | None
    score: float
    state: str = "open"  # open | done | snoozed | dismissed

    def to_dict(self) -> dict:
        """A JSON-ready dict (plain ints, floats and strings)."""
        d = asdict(self)
        d["person_ids"] = [int(p) for p in self.person_ids]
        d["people"] = [str(p) for p in self.people]
        d["score"] = round(float(self.score), 6)
        return d


def _days(value: float) -> str:
    return f"{int(round(value)):,} day" + ("" if int(round(value)) == 1 else "s")


def _kind_word(kind) -> str:
    return {"help_given": "help you gave", "help_received": "help you received", "connected": "connection",
            "intro": "introduction"}.get(kind, kind if isinstance(kind, str) else "contact")


def _top(frame: pd.DataFrame, score: pd.Series, n: int) -> pd.DataFrame:
    frame = frame.assign(_score=score)
    return frame.sort_values(["_score", "strength"], ascending=[False, False], kind="mergesort").head(n)


def _reach(row) -> str:
    if isinstance(row.emails, list) and row.emails:
        return "email"
    if isinstance(row.linkedin_url, str) and row.linkedin_url:
        return "linkedin"
    return "message"


def met_at_events(snapshot) -> pd.DataFrame:
    """Everyone met at each event, with ``done``: followed up, either marked so or in touch
    with you since (any interaction but the event itself, the same day included).

    One rule for the follow-up checklist, the report's events table and ``netlib event list``.
    """
    ev = snapshot.event_people.merge(snapshot.events[["id", "name", "date"]], left_on="event_id", right_on="id")
    done = ev["followed_up"].fillna(False).astype(bool)
    inter = snapshot.interactions[snapshot.interactions["kind"] != "event"][["id", "date"]]
    parts = snapshot.participants
    parts = parts[parts["person_id"].isin(ev["person_id"])]  # only those met at events matter
    contact = parts.merge(inter, left_on="interaction_id", right_on="id")
    if len(ev) and len(contact):
        last = pd.to_datetime(ev["person_id"].map(contact.groupby("person_id")["date"].max()))
        done = done | (last.notna() & (last >= ev["date"])).to_numpy()
    return ev.assign(done=done.astype(bool))


def follow_up(snapshot, people: pd.DataFrame, as_of: pd.Timestamp, settings: dict, n: int,
              met: pd.DataFrame | None = None) -> list[ChecklistItem]:
    """People met at an event in the last ``follow_up_weeks`` weeks, not yet followed up:
    neither marked followed up nor in touch with you (any interaction) since the event.

    Channel: ``linkedin`` when they have no LinkedIn URL (you are not connected yet), else
    ``email`` when you have an address, else ``coffee``. ``met``: :func:`met_at_events`
    of ``snapshot``, when the caller has it.
    """
    ev = met_at_events(snapshot) if met is None else met
    since = as_of - pd.Timedelta(weeks=settings["follow_up_weeks"])
    ev = ev[(ev["date"] > since) & (ev["date"] <= as_of) & ~ev["done"] & ev["person_id"].isin(people.index)]
    if len(ev) == 0:
        return []
    ev = ev.assign(ago=((as_of - ev["date"]) / pd.Timedelta(days=1)).astype(float))
    ev = ev.sort_values(["ago", "event_id", "person_id"]).head(n)
    items = []
    for row in ev.itertuples(index=False):
        p = people.loc[row.person_id]
        if not (isinstance(p["linkedin_url"], str) and p["linkedin_url"]):
            channel, how = "linkedin", "connect on LinkedIn"
        elif isinstance(p["emails"], list) and p["emails"]:
            channel, how = "email", "send an email"
        else:
            channel, how = "coffee", "suggest a coffee"
        why = f"Met at {row.name} on {row.date:%Y-%m-%d} ({_days(row.ago)} ago); not followed up yet."
        if isinstance(row.learned, str) and row.learned.strip():
            why += f" You noted: {row.learned.strip()}"
        score = 1.0 - row.ago / (7.0 * settings["follow_up_weeks"]) + float(p["strength"])
        known = p.get("first_contact")
        if known is not None and pd.notna(known) and known < row.date:  # in your network already
            why += f" You were in touch before, first on {known:%Y-%m-%d}."
            action = f"Follow up on what you talked about: {how}"
        else:
            action = f"Invite them in: {how}"
        items.append(ChecklistItem(f"follow_up:e{int(row.event_id)}:p{int(row.person_id)}", "follow_up",
                                   [int(row.person_id)], [str(p["name"])], why, action, channel, score))
    return items


def water(people: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """Overdue people (needs water, wilting), ranked by strength x (1 + overdue / cadence)."""
    # acquaintances (ring 6) can wilt, but watering is for the ties you tend (rings 1-5)
    due = people[people["health"].isin(["needs water", "wilting"]) & (people["ring"] <= 5)]
    over = (due["days_overdue"] / due["cadence_days"]).fillna(1.0).clip(lower=0)
    top = _top(due, due["strength"] * (1.0 + over), n)
    items = []
    for pid, row in top.iterrows():
        ring = int(row["ring"])
        cadence = f"you usually talk every {_days(row['cadence_days'])} (ring {ring})"
        if pd.notna(row["last_interaction"]):
            why = f"Last {_kind_word(row['last_kind'])} {_days(row['days_silent'])} ago; {cadence}."
        elif pd.notna(row["days_silent"]):
            why = f"No contact since they joined your network {_days(row['days_silent'])} ago; {cadence}."
        else:
            why = f"No contact recorded yet; {cadence}."
        if row["health"] == "wilting":
            why += " That is more than twice the cadence: the tie is wilting."
        channel = "coffee" if ring <= 2 else "call" if ring == 3 else _reach(row)
        action = {"coffee": "Suggest a coffee", "call": "Give them a call", "email": "Send a note by email",
                  "linkedin": "Send a note on LinkedIn"}.get(channel, f"Send a note ({channel})")
        items.append(ChecklistItem(f"water:p{int(pid)}", "water", [int(pid)], [str(row["name"])], why, action,
                                   channel, float(row["_score"])))
    return items


def reconnect(people: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """Dormant ties that were strong, longest-silent strongest first (Levin et al. 2011)."""
    dormant = people[(people["health"] == "dormant") & people["was_strong"]]
    score = dormant["peak_strength"] * (dormant["days_silent"].clip(upper=3 * 365) / (3 * 365))
    items = []
    for pid, row in _top(dormant, score, n).iterrows():
        why = (f"You were close once (peak strength {row['peak_strength']:.2f}); last "
               f"{_kind_word(row['last_kind'])} {_days(row['days_silent'])} ago "
               f"({row['last_interaction']:%Y-%m-%d}). Dormant ties give advice as useful as current ones, "
               "with fresher ideas (Levin, Walter & Murnighan 2011).")
        items.append(ChecklistItem(f"reconnect:p{int(pid)}", "reconnect", [int(pid)], [str(row["name"])], why,
                                   "Reconnect: ask what they are working on now", _reach(row), float(row["_score"])))
    return items


def give_back(people: pd.DataFrame, recip: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """People who helped you more than you helped them (balance < 0), biggest debt first."""
    owed = recip[recip["balance"] < 0]
    rows = people.loc[owed.index].join(owed)
    items = []
    for pid, row in _top(rows, -rows["balance"] * (0.5 + rows["strength"]), n).iterrows():
        why = (f"{row['name']} helped you {row['received']} time(s) and introduced you {row['intros_by']} time(s); "
               f"you helped {row['given']} time(s) and introduced them {row['intros_for']} time(s) "
               f"(balance {row['balance']}).")
        where = f" at {row['company']}" if company_key(row["company"]) else ""
        action = f"Offer something concrete: an introduction, a lead, or help with their work{where}"
        channel = "coffee" if int(row["ring"]) <= 3 else _reach(row)
        items.append(ChecklistItem(f"give_back:p{int(pid)}", "give_back", [int(pid)], [str(row["name"])], why,
                                   action, channel, float(row["_score"])))
    return items


def _words(value) -> set[str]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return {str(v).strip().casefold() for v in value if str(v).strip()}
    return set()


def weave(people: pd.DataFrame, ties: pd.DataFrame, cluster_labels: dict, n: int) -> list[ChecklistItem]:
    """Introductions between two people of rings 1-4 who are not tied but share a tag or
    a cluster; the ``why`` names what they share. Two people at the same company are left
    out: colleagues can find each other without you, and a weave is worth most across
    companies (Burt's structural holes)."""
    close = people[people["ring"] <= 4].sort_index()
    if len(close) < 2:
        return []
    among = ties["a"].isin(close.index).to_numpy() & ties["b"].isin(close.index).to_numpy()  # not all 150,000
    tied = set(zip(ties["a"].to_numpy()[among].tolist(), ties["b"].to_numpy()[among].tolist()))
    info = [(int(pid), _words(r.tags), company_key(r.company) if isinstance(r.company, str) else "",
             int(r.cluster), float(r.strength), str(r.name), r.company) for pid, r in zip(close.index, close.itertuples())]
    found = []
    for x in range(len(info)):
        a = info[x]
        for b in info[x + 1:]:
            if (a[0], b[0]) in tied or (a[2] and a[2] == b[2]):
                continue  # tied already, or colleagues who can find each other without you
            shared = []
            tags = sorted(a[1] & b[1])
            if tags:
                shared.append("both tagged " + " and ".join(f"'{t}'" for t in tags))
            if a[3] >= 0 and a[3] == b[3]:
                shared.append(f"both in the '{cluster_labels.get(a[3], a[3])}' cluster")
            if shared:
                found.append(((len(shared) + len(tags)) * float(np.sqrt(a[4] * b[4])), a, b, shared))
    found.sort(key=lambda f: (-f[0], f[1][0], f[2][0]))
    items = []
    for score, a, b, shared in found[:n]:
        why = f"{a[5]} and {b[5]} are both close to you but not tied to each other; {'; '.join(shared)}."
        items.append(ChecklistItem(f"weave:p{a[0]}:p{b[0]}", "weave", [a[0], b[0]], [a[5], b[5]], why,
                                   f"Introduce {a[5]} and {b[5]}", "email", float(score)))
    return items


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "goal"


def _matches(people: pd.DataFrame, goal: dict) -> pd.Series:
    """People a goal's ``tag`` (exact, any case) and ``keyword`` (in company, position or tags) select."""
    ok = pd.Series(True, index=people.index)
    if not goal.get("tag") and not goal.get("keyword"):
        return ok
    tags = people["tags"].explode().dropna().astype(str).str.strip().str.casefold()
    if goal.get("tag"):
        ok &= people.index.isin(tags.index[tags == goal["tag"].strip().casefold()])
    if goal.get("keyword"):
        word = goal["keyword"].strip().casefold()
        text = (people["company"].fillna("").astype(str) + " " + people["position"].fillna("").astype(str)).str.casefold()
        ok &= text.str.contains(word, regex=False) | people.index.isin(tags.index[tags.str.contains(word, regex=False)])
    return ok


def goals(people: pd.DataFrame, contacts: pd.DataFrame, as_of: pd.Timestamp, settings: dict) -> list[ChecklistItem]:
    """One item per goal of ``settings["goals"]``, progress counted from this month's data."""
    start = as_of.replace(day=1)
    month_rows = contacts[(contacts["date"] >= start) & (contacts["date"] <= as_of)]
    items = []
    for goal in settings.get("goals", []):
        kind, count = goal.get("kind", "meet"), goal.get("count", 1)
        match = _matches(people, goal)
        if kind == "meet":
            new = met_within(people, start, as_of)
            ids = people.index[(new & match).to_numpy()].tolist()
            counted, what = len(ids), "new people met"
        else:
            rows = month_rows[month_rows["person_id"].isin(people.index[match.to_numpy()])]
            if kind == "give":
                rows = rows[(rows["kind"] == "help_given") | ((rows["kind"] == "intro") & (rows["direction"] == "out"))]
                what = "gives (help or intros)"
            else:
                rows = rows[rows["kind"] == kind]
                what = f"{_kind_word(kind)}s"
            ids = sorted(set(rows["person_id"].tolist()))
            counted = rows["interaction_id"].nunique()
        names = [str(n) for n in people["name"].reindex(ids).tolist()]
        filters = [f"tagged '{goal['tag']}'" for _ in [0] if goal.get("tag")]
        filters += [f"matching '{goal['keyword']}'" for _ in [0] if goal.get("keyword")]
        if filters:
            what += " " + " and ".join(filters)
        shown = f" (with {', '.join(names[:10])}" + (f" and {len(names) - 10} more" if len(names) > 10 else "") + ")"
        why = f"{counted} of {count} {what} so far this month" + (shown if names else "") + "."
        item = ChecklistItem(f"goal:{_slug(goal['text'])}", "goals", [int(i) for i in ids], names, why,
                             goal["text"], None, max(0.0, 1.0 - counted / count))
        if counted >= count:
            item.state = "done"
        items.append(item)
    return items


def apply_state(items: list[ChecklistItem], state: pd.DataFrame, month: str, as_of: pd.Timestamp,
                cap: int | None) -> list[ChecklistItem]:
    """Set each item's state from the store's checklist rows; open items first, capped."""
    if len(state):
        rows = state.sort_values("at", kind="mergesort", na_position="first")
        this = rows[(rows["month"] == month) & rows["state"].isin(["done", "dismissed"])]
        marked = dict(zip(this["key"], this["state"]))
        until = pd.to_datetime(rows["until"])
        snoozed = set(rows.loc[(rows["state"] == "snoozed") & until.notna() & (until > as_of), "key"])
        for item in items:
            if item.key in marked:
                item.state = marked[item.key]
            elif item.key in snoozed and item.state == "open":
                item.state = "snoozed"
    opened = sorted((i for i in items if i.state == "open"), key=lambda i: -i.score)
    others = [i for i in items if i.state != "open"]
    return (opened if cap is None else opened[:cap]) + others
