"""Build small :class:`netlib.store.snapshot.Snapshot` objects by hand for tests."""

from __future__ import annotations

import pandas as pd

from netlib.store.snapshot import (CHECKLIST_COLUMNS, EVENT_COLUMNS, EVENT_PEOPLE_COLUMNS, INTERACTION_COLUMNS,
                             PARTICIPANT_COLUMNS, PEOPLE_COLUMNS, PLAN_COLUMNS, TIE_COLUMNS, Snapshot)


def _ts(value):
    return pd.NaT if value is None else pd.Timestamp(value).normalize()


def _frame(rows, columns, dates=()):
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    for c in dates:
        frame[c] = pd.to_datetime(frame[c])
    return frame


class SnapBuilder:
    """Add people, interactions, events, ties and checklist state; ``build()`` a Snapshot.

    People enter the network on 2020-01-01 unless ``since`` says otherwise (``since=None``:
    they appear only once they take part in an interaction or event).

    >>> b = SnapBuilder(); ann = b.person("Ann"); _ = b.interaction("2026-03-01", "coffee", [ann])
    >>> len(b.build().people)
    1
    """

    def __init__(self):
        self.people, self.interactions, self.participants = [], [], []
        self.events, self.event_people, self.ties, self.checklist = [], [], [], []
        self.plans = []

    def person(self, name, *, company=None, position=None, since="2020-01-01", tags=(), ring=None, cadence=None,
               emails=(), linkedin_url=None, pid=None, birthday=None) -> int:
        pid = pid if pid is not None else len(self.people) + 1
        first, _, last = name.partition(" ")
        self.people.append({"id": pid, "name": name, "first_name": first, "last_name": last or None,
                            "company": company, "position": position, "linkedin_url": linkedin_url, "notes": None,
                            "birthday": birthday, "since": _ts(since), "ring_override": ring, "cadence_override": cadence,
                            "emails": list(emails), "phones": [], "tags": list(tags)})
        return pid

    def interaction(self, date, kind, people, *, direction="both", summary=None, event_id=None) -> int:
        iid = len(self.interactions) + 1
        self.interactions.append({"id": iid, "date": _ts(date), "kind": kind, "direction": direction,
                                  "summary": summary, "event_id": event_id, "source": "test"})
        self.participants.extend({"interaction_id": iid, "person_id": p} for p in people)
        return iid

    def event(self, name, date, met, *, followed_up=(), learned=None) -> int:
        eid = len(self.events) + 1
        self.events.append({"id": eid, "name": name, "date": _ts(date), "location": None, "notes": None})
        for p in met:
            done = p in followed_up
            self.event_people.append({"event_id": eid, "person_id": p, "learned": learned, "followed_up": done,
                                      "followed_up_on": _ts(date) if done else pd.NaT})
        return eid

    def tie(self, a, b, kind="knows", *, weight=1.0, since=None):
        a, b = min(a, b), max(a, b)
        self.ties.append({"a": a, "b": b, "kind": kind, "since": _ts(since), "weight": weight})

    def plan(self, person, date, what, *, kind="coffee", created="2026-01-01", cancelled=False) -> int:
        pid = len(self.plans) + 1
        self.plans.append({"id": pid, "person_id": person, "date": _ts(date), "what": what, "kind": kind,
                           "created": _ts(created), "cancelled": cancelled})
        return pid

    def check(self, key, month, state, *, until=None, at=None):
        self.checklist.append({"key": key, "month": month, "state": state, "until": _ts(until),
                               "at": _ts(at or f"{month}-01")})

    def build(self, settings=None) -> Snapshot:
        people = _frame(self.people, ["id", *PEOPLE_COLUMNS], ["since"]).set_index("id")
        people.index = people.index.astype("int64")
        people["ring_override"] = people["ring_override"].astype("Int64")
        people["cadence_override"] = people["cadence_override"].astype("Float64")
        ev_people = _frame(self.event_people, EVENT_PEOPLE_COLUMNS, ["followed_up_on"])
        ev_people["followed_up"] = ev_people["followed_up"].astype(bool)
        return Snapshot(
            people=people,
            interactions=_frame(self.interactions, INTERACTION_COLUMNS, ["date"]),
            participants=_frame(self.participants, PARTICIPANT_COLUMNS),
            events=_frame(self.events, EVENT_COLUMNS, ["date"]),
            event_people=ev_people,
            ties=_frame(self.ties, TIE_COLUMNS, ["since"]),
            checklist=_frame(self.checklist, CHECKLIST_COLUMNS, ["until", "at"]),
            plans=_frame(self.plans, PLAN_COLUMNS, ["date", "created"]),
            settings=dict(settings or {}),
        )
