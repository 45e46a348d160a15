"""The six cultivation checklists: concrete things to do this month, each explained.

Keys are stable across months (``water:p42``, ``follow_up:e3:p42``, ``weave:p12:p40``,
``reconnect:p7``, ``give_back:p9``, ``goal:<slug>``) so that a snooze or a tick carries
over; the store keeps state per (key, month). Every item's ``score`` is its *value* on one
scale for all checklists (about 0 to 3: how close the person is, how overdue, how much you
owe, how fresh the event; plans 2.5-3); :mod:`netlib.garden.shortlist` sets each item's state
for the month and keeps the most valuable on the month's short list.

Goals (your own, not counted in the short list) are in :mod:`netlib.garden.goals`.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from netlib.garden.graph import sharing
from netlib.garden.terms import ENDS, SHOWN_LONG, Private, display_text, shown, words
from netlib.importers.normalise import company_key, norm_linkedin, plural
from netlib.store.snapshot import positions

__all__ = ["ChecklistItem", "said", "met_at_events", "follow_up", "water", "reconnect", "give_back", "weave",
           "ready_action", "reach", "plural"]


@dataclass
class ChecklistItem:
    """One concrete action; ``why`` explains it in plain words with numbers.

    ``why`` and ``action`` are cut here, once, at :data:`~netlib.garden.terms.SHOWN_LONG`
    characters (:func:`~netlib.garden.terms.shown`), so every place that shows them (the
    report, checklist.md, the calendar, the lab, ``--json``) takes them as they are. A
    redacted copy (``dataclasses.replace``) is cut again when made: after its texts are
    scrubbed, never before. The ``key`` is never cut (``netlib checklist done KEY``), nor
    are ``people``.
    """

    key: str
    checklist: str
    person_ids: list[int]
    people: list[str]
    why: str
    action: str
    channel: str | None
    score: float
    state: str = "open"  # open | done | snoozed | dismissed | more (beyond the month's short list)
    #: the item's day (ISO date) for birthdays and plans; None: any day of the month
    day: str | None = None
    #: the action itself, ready: a ``mailto:`` or LinkedIn profile link (None: none)
    href: str | None = None
    #: how ``why`` and ``action`` were written: {"why": (template, fields), ...} (see
    #: :func:`netlib.garden.terms.words`); a redacted report writes them again from these,
    #: with pseudonyms and labels for each :class:`~netlib.garden.terms.Private` field
    parts: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.why, self.action = shown(self.why, SHOWN_LONG), shown(self.action, SHOWN_LONG)

    def to_dict(self) -> dict:
        """A JSON-ready dict (plain ints, floats and strings)."""
        d = asdict(self)
        d.pop("parts")
        d["person_ids"] = [int(p) for p in self.person_ids]
        d["people"] = [str(p) for p in self.people]
        d["score"] = round(float(self.score), 6)
        return d


def said(template: str, **fields) -> tuple[str, tuple]:
    """(the text, how it was written): ``template`` with ``fields`` put in (:func:`words`).

    >>> said("Introduce {a}", a=Private("person", 1, "Ann"))[0]
    'Introduce Ann'
    """
    return words(template, fields), (template, fields)


def _times(n) -> str:
    n = int(n)
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n:,} times")


def _days(value: float) -> str:
    return plural(value, "day")


def kind_word(kind) -> str:
    return {"help_given": "help you gave", "help_received": "help you received", "connected": "connection",
            "intro": "introduction"}.get(kind, kind if isinstance(kind, str) else "contact")


def with_article(what: str) -> str:
    """ "a coffee", "an introduction", "help you gave" (help takes none)."""
    if what.startswith("help"):
        return what
    return ("an " if what[:1] in "aeiou" else "a ") + what


def _top(frame: pd.DataFrame, score: pd.Series, n: int) -> pd.DataFrame:
    frame = frame.assign(_score=score)
    return frame.sort_values(["_score", "strength"], ascending=[False, False], kind="mergesort").head(n)


def reach(row) -> str:
    """The channel to reach a person by: ``email`` with an address, else ``linkedin`` with
    a profile, else ``message``."""
    return _reach(row)


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
    parts = snapshot.participants
    person, met = parts["person_id"].to_numpy(), ev["person_id"].to_numpy()
    if person.dtype.kind in "iu" and met.dtype.kind in "iu":  # numpy's table look-up (ids of a compact range)
        mine = np.flatnonzero(np.isin(person, met))
    else:
        mine = np.flatnonzero(parts["person_id"].isin(ev["person_id"]).to_numpy())
    person = person[mine]  # only those met at events matter
    inter = snapshot.interactions
    # their interactions by position, the kind read for those rows only (not all interactions)
    at = positions(inter["id"], parts["interaction_id"].to_numpy()[mine])
    found = np.flatnonzero(at >= 0)
    contact = inter["kind"].array.take(at[found]).to_numpy(dtype=object) != "event"
    person, at = person[found[contact]], at[found[contact]]
    if len(ev) and len(person):
        latest = pd.Series(inter["date"].to_numpy()[at]).groupby(person).max()
        last = pd.to_datetime(ev["person_id"].map(latest))
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
        template = f"Met at {{event}} on {row.date:%Y-%m-%d} ({_days(row.ago)} ago); not followed up yet.{{noted}}"
        noted = row.learned.strip(ENDS) if isinstance(row.learned, str) else ""
        noted = Private("text", None, f" You noted: {noted}" + ("" if noted[-1] in ".!?" else "."), "") if noted else ""
        score = 1.0 + (1.0 - row.ago / (7.0 * settings["follow_up_weeks"])) + float(p["strength"])  # fresh first
        known = p.get("first_contact")
        if known is not None and pd.notna(known) and known < row.date:  # in your network already
            template += f" You were in touch before, first on {known:%Y-%m-%d}."
            action = f"Follow up on what you talked about: {how}"
        else:
            action = f"Invite them in: {how}"
        why, why_parts = said(template, event=Private("event", int(row.event_id), str(row.name)), noted=noted)
        items.append(ChecklistItem(f"follow_up:e{int(row.event_id)}:p{int(row.person_id)}", "follow_up",
                                   [int(row.person_id)], [str(p["name"])], why, action, channel, score,
                                   parts={"why": why_parts, "action": (action, {})}))
    return items


def _in_touch(row) -> str:
    """What happened, truly: "You have met once, 51 days ago (a coffee)"; "usually" only
    with a rhythm to speak of (three contacts or more)."""
    count, last = int(row["interaction_count"]), row["last_interaction"]
    if count == 0 or pd.isna(last):
        if pd.notna(row["days_silent"]):
            return f"No contact since they joined your network {_days(row['days_silent'])} ago"
        return "No contact recorded yet"
    what = with_article(kind_word(row["last_kind"]))
    if count == 1:
        return f"You have been in touch once, {_days(row['days_silent'])} ago ({what})"
    text = f"You have been in touch {_times(count)}; the last, {what}, {_days(row['days_silent'])} ago"
    first = row.get("first_interaction")
    if count >= 3 and first is not None and pd.notna(first):
        gap = (last - first) / pd.Timedelta(days=1) / (count - 1)
        if gap >= 1:
            text += f"; you usually talk about every {_days(gap)}"
    return text


def water(people: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """Overdue people (needs water, wilting) of rings 1-5, most valuable first: closeness
    (ring, and a quarter of strength) and how overdue (half the overdue share of the
    cadence, up to twice the cadence)."""
    # acquaintances (ring 6) can wilt, but watering is for the ties you tend (rings 1-5)
    due = people[people["health"].isin(["needs water", "wilting"]) & (people["ring"] <= 5)]
    over = (due["days_overdue"] / due["cadence_days"]).fillna(1.0).clip(lower=0, upper=2)
    top = _top(due, (6 - due["ring"]) / 5.0 + 0.25 * due["strength"] + over / 2.0, n)
    items = []
    for pid, row in top.iterrows():
        ring = int(row["ring"])
        why = (f"{_in_touch(row)}. Ring {ring} ({row['ring_name']}) asks for contact about every "
               f"{_days(row['cadence_days'])}.")
        if row["health"] == "wilting":
            why += " It has been more than twice that: the tie is wilting."
        channel = "coffee" if ring <= 2 else "call" if ring == 3 else _reach(row)
        action = {"coffee": "Suggest a coffee", "call": "Give them a call", "email": "Send a note by email",
                  "linkedin": "Send a note on LinkedIn"}.get(channel, f"Send a note ({channel})")
        items.append(ChecklistItem(f"water:p{int(pid)}", "water", [int(pid)], [str(row["name"])], why, action,
                                   channel, float(row["_score"]), parts={"why": (why, {}), "action": (action, {})}))
    return items


def reconnect(people: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """Dormant ties that were strong, longest-silent strongest first (Levin et al. 2011)."""
    dormant = people[(people["health"] == "dormant") & people["was_strong"]]
    score = dormant["peak_strength"] + 0.5 * (dormant["days_silent"].clip(upper=3 * 365) / (3 * 365))
    items = []
    for pid, row in _top(dormant, score, n).iterrows():
        why = (f"You were close once (peak strength {row['peak_strength']:.2f}); last "
               f"{kind_word(row['last_kind'])} {_days(row['days_silent'])} ago "
               f"({row['last_interaction']:%Y-%m-%d}). Dormant ties give advice as useful as current ones, "
               "with fresher ideas (Levin, Walter & Murnighan 2011).")
        action = "Reconnect: ask what they are working on now"
        items.append(ChecklistItem(f"reconnect:p{int(pid)}", "reconnect", [int(pid)], [str(row["name"])], why,
                                   action, _reach(row), float(row["_score"]),
                                   parts={"why": (why, {}), "action": (action, {})}))
    return items


def give_back(people: pd.DataFrame, recip: pd.DataFrame, n: int) -> list[ChecklistItem]:
    """People who helped you more than you helped them (balance < 0), biggest debt first."""
    owed = recip[recip["balance"] < 0]
    rows = people.loc[owed.index].join(owed)
    items = []
    value = (6 - rows["ring"]) / 10.0 + 0.25 * rows["strength"] + (-rows["balance"]).clip(upper=3) / 3.0
    for pid, row in _top(rows, value, n).iterrows():
        theirs = [f"helped you {_times(row['received'])}" if row["received"] else "",
                  f"introduced you to someone {_times(row['intros_by'])}" if row["intros_by"] else ""]
        yours = [f"helped them {_times(row['given'])}" if row["given"] else "",
                 f"introduced them to someone {_times(row['intros_for'])}" if row["intros_for"] else ""]
        theirs, yours = [t for t in theirs if t], [t for t in yours if t]
        why, why_parts = said(f"{{who}} {' and '.join(theirs) or 'did more for you'}; "
                              + (f"you {' and '.join(yours)}." if yours else "you have not returned the favour yet."),
                              who=Private("person", int(pid), str(row["name"])))
        where = Private("company", int(pid), f" at {row['company'].strip(ENDS)}") if company_key(row["company"]) else ""
        action, action_parts = said("Offer something concrete: an introduction, a lead, or help with their work{where}",
                                    where=where)
        channel = "coffee" if int(row["ring"]) <= 3 else _reach(row)
        items.append(ChecklistItem(f"give_back:p{int(pid)}", "give_back", [int(pid)], [str(row["name"])], why,
                                   action, channel, float(row["_score"]),
                                   parts={"why": why_parts, "action": action_parts}))
    return items


def _words(value) -> set[str]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return {str(v).strip().casefold() for v in value if str(v).strip()}
    return set()


def _set(value) -> set:
    return set(value) if isinstance(value, (list, tuple, set, frozenset, np.ndarray)) else set()


def weave(people: pd.DataFrame, ties: pd.DataFrame, n: int, events: dict | None = None) -> list[ChecklistItem]:
    """Introductions between two people of rings 1-4 who are not tied to each other, with
    reasons that hold for both: tags both carry, events both were met at (``events``: person
    id -> set of event names), people both know. Two people at the same company are left
    out: colleagues can find each other without you, and a weave is worth most across
    companies (Burt's structural holes). Value: closeness of both (geometric mean of
    strengths) plus a quarter per reason, up to four. ``events`` may also map an id to a
    list (e.g. a Series of lists): only the people of rings 1-4 have theirs made a set."""
    close = people[["tags", "company", "strength", "name"]].iloc[np.flatnonzero((people["ring"] <= 4).to_numpy())]
    close = close.sort_index()
    if len(close) < 2:
        return []
    events = {} if events is None else events
    a_ids, b_ids = ties["a"].to_numpy(), ties["b"].to_numpy()
    touch = np.isin(a_ids, close.index) | np.isin(b_ids, close.index)  # not all 150,000
    knows: dict[int, set] = {}
    for x, y in zip(a_ids[touch].tolist(), b_ids[touch].tolist()):
        knows.setdefault(x, set()).add(y)
        knows.setdefault(y, set()).add(x)
    names = people["name"]
    info = [(int(pid), _words(r.tags), company_key(r.company) if isinstance(r.company, str) else "",
             _set(events.get(int(pid))), float(r.strength), str(r.name), knows.get(int(pid), set()))
            for pid, r in zip(close.index, close.itertuples())]
    found = []
    held = [[("tag", t) for t in r[1]] + [("event", e) for e in r[3]] + [("knows", m) for m in r[6]] for r in info]
    for x, y in sharing(held):  # the pairs with something in common; in any order: sorted below
        a, b = info[x], info[y]
        if b[0] in a[6] or (a[2] and a[2] == b[2]):
            continue  # tied already, or colleagues who can find each other without you
        tags, met, mutual = a[1] & b[1], a[3] & b[3], a[6] & b[6]
        if tags or met or mutual:
            reasons = len(tags) + len(met) + len(mutual)
            found.append((float(np.sqrt(a[4] * b[4])) + 0.25 * min(reasons, 4), a, b, tags, met, mutual))
    found.sort(key=lambda f: (-f[0], f[1][0], f[2][0]))
    items = []
    for score, a, b, tags, met, mutual in found[:n]:  # the words for those kept only
        shared, fields = [], {}
        tags, met, mutual = sorted(tags), sorted(met), sorted(mutual)
        if tags:
            shared.append("both tagged {tags}")
            fields["tags"] = [("'", Private("tag", None, t), "'") for t in tags[:3]]
        if met:
            shared.append("you met both at {events}")
            fields["events"] = [Private("event", None, e) for e in met[:2]]
        if mutual:
            rest = len(mutual) - len(mutual[:2])
            shared.append("both know {mutual}" + (f" and {plural(rest, 'other')}" if rest else ""))
            fields["mutual"] = [Private("person", int(m), str(names.get(m, "someone"))) for m in mutual[:2]]
        pair = {"a": Private("person", a[0], a[5]), "b": Private("person", b[0], b[5])}
        why, why_parts = said("{a} and {b} are both close to you but not tied to each other; " + "; ".join(shared)
                              + ".", **pair, **fields)
        action, action_parts = said("Introduce {a} and {b}", **pair)
        items.append(ChecklistItem(f"weave:p{a[0]}:p{b[0]}", "weave", [a[0], b[0]], [a[5], b[5]], why,
                                   action, "email", float(score), parts={"why": why_parts, "action": action_parts}))
    return items


_SUBJECTS = {"follow_up": "Good to meet you", "water": "Catching up", "reconnect": "It has been a while",
             "give_back": "An idea for you", "birthdays": "Happy birthday!", "weave": "An introduction"}


def ready_action(item: ChecklistItem, people: pd.DataFrame) -> str | None:
    """The action itself, where there is one: ``mailto:`` with the people's first email and
    a short subject for an email, their LinkedIn profile for an invitation or a LinkedIn
    note. Only ``mailto:`` and ``https://www.linkedin.com/...`` links: nothing that loads
    by itself.

    >>> item = ChecklistItem("water:p1", "water", [1], ["Dana"], "", "Send a note by email", "email", 1.0)
    >>> ready_action(item, pd.DataFrame({"emails": [["dana@example.com"]], "linkedin_url": [None]}, index=[1]))
    'mailto:dana@example.com?subject=Catching%20up'
    """
    ids = [p for p in item.person_ids if p in people.index]
    if not ids or item.channel not in ("email", "linkedin", "message", "coffee", "call", "meeting", "video", "meal"):
        return None
    emails = [people.at[p, "emails"][0] for p in ids
              if isinstance(people.at[p, "emails"], list) and people.at[p, "emails"]]
    linkedin = [norm_linkedin(people.at[p, "linkedin_url"]) for p in ids]
    linkedin = [urllib.parse.quote(u, safe=":/-_.%~") if u else None for u in linkedin]  # nothing but a URL
    if item.channel == "linkedin" and len(ids) == 1:  # a note on their profile, or find them to invite
        return linkedin[0] or ("https://www.linkedin.com/search/results/people/?keywords="
                               + urllib.parse.quote(display_text(item.people[0]), safe=""))
    if item.channel == "email" or (emails and len(emails) == len(ids)):
        if len(emails) != len(ids):
            return None
        subject = _SUBJECTS.get(item.checklist) or item.action.split(" (with ")[0]
        if item.checklist == "weave":
            subject = f"Introduction: {' and '.join(map(display_text, item.people))}"
        to = ",".join(urllib.parse.quote(e.strip(), safe="@.+-_") for e in emails)
        return f"mailto:{to}?subject={urllib.parse.quote(shown(subject, 70), safe='')}"  # as shown: no controls
    if len(ids) == 1 and linkedin[0]:
        return linkedin[0]
    return None
