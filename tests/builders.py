"""Build :class:`netlib.store.snapshot.Snapshot` objects for tests and benchmarks: small ones by
hand (:class:`SnapBuilder`), big synthetic ones with numpy (:func:`synthetic_snapshot`)."""

from __future__ import annotations

import numpy as np
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


def synthetic_snapshot(n_people: int = 30_000, n_interactions: int | None = None, n_ties: int | None = None,
                       seed: int = 1) -> Snapshot:
    """A synthetic snapshot made with numpy, shared by the tests and ``benchmarks/garden_bench.py``.

    ``n_people`` people (30,000 is LinkedIn's cap) with Zipf-sized companies and tags;
    ``n_interactions`` interactions (default ten per person, 2014 to mid-2026, so some lie
    after a March 2026 as-of date) whose contact is skewed to a few people, meetings of 2-20
    (a person can appear twice in one: a hand-made snapshot may do what the store forbids);
    ``n_ties`` ties (default five per person), mostly between near ids; 300 events; two
    checklist ticks and two goals in March 2026. The same seed gives the same snapshot.
    """
    n_interactions = n_people * 10 if n_interactions is None else n_interactions
    n_ties = n_people * 5 if n_ties is None else n_ties
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n_people + 1)
    start = pd.Timestamp("2014-01-01")
    span = (pd.Timestamp("2026-06-30") - start).days  # some data lies after the as-of date
    n_comp = max(n_people // 10, 1)
    company = np.minimum(rng.zipf(1.6, n_people), n_comp) - 1
    company = np.where(rng.random(n_people) < 0.1, -1, company)
    names = np.array([f"Company {i}" for i in range(n_comp)], dtype=object)
    tag_pool = np.array(["design", "ml", "product", "sales", "finance", "ops", "research", "hiring", "founder",
                         "investor", "marketing", "data"], dtype=object)
    tag_idx = rng.integers(0, len(tag_pool), size=(n_people, 2))
    n_tags = rng.integers(0, 3, n_people)
    tags = [list(tag_pool[tag_idx[i, :n_tags[i]]]) for i in range(n_people)]
    since = start + pd.to_timedelta(rng.integers(0, span, n_people), unit="D")
    people = pd.DataFrame({
        "name": [f"Person {i}" for i in ids], "first_name": None, "last_name": None,
        "company": np.where(company >= 0, names[np.maximum(company, 0)], None),
        "position": None, "linkedin_url": np.where(rng.random(n_people) < 0.8, "https://linkedin.com/in/x", None),
        "notes": None, "birthday": None, "since": since,
        "ring_override": pd.array([pd.NA] * n_people, dtype="Int64"),
        "cadence_override": pd.array([pd.NA] * n_people, dtype="Float64"),
        "emails": [["x@example.com"] if r < 0.3 else [] for r in rng.random(n_people)],
        "phones": [[] for _ in range(n_people)], "tags": tags,
    }, index=pd.Index(ids, name="id"))

    # the kinds and their shares are fixed here, so the synthetic garden stays the same when
    # the store learns new kinds
    kinds = np.array(["connected", "coffee", "meal", "call", "video", "meeting", "email", "message", "event",
                      "intro", "help_given", "help_received", "note"], dtype=object)
    p = np.array([5, 3, 1, 3, 2, 4, 6, 6, 2, 1, 1, 1, 1], dtype=float)
    kind = kinds[rng.choice(len(kinds), n_interactions, p=p / p.sum())]
    iid = np.arange(1, n_interactions + 1)
    dates = start + pd.to_timedelta(rng.integers(0, span, n_interactions), unit="D")
    direction = np.array(["out", "in", "both"], dtype=object)[rng.integers(0, 3, n_interactions)]
    interactions = pd.DataFrame({"id": iid, "date": dates, "kind": kind, "direction": direction,
                                 "summary": None, "event_id": None, "source": "bench"})
    size = np.where(kind == "meeting", rng.integers(2, 21, n_interactions), 1)
    who = (rng.zipf(1.3, size.sum()) * 7919) % n_people + 1  # skewed: a few people get most contact
    participants = pd.DataFrame({"interaction_id": np.repeat(iid, size), "person_id": who})

    a = rng.integers(1, n_people + 1, n_ties)
    local = rng.random(n_ties) < 0.7
    b = np.where(local, np.clip(a + rng.integers(-40, 41, n_ties), 1, n_people), rng.integers(1, n_people + 1, n_ties))
    keep = a != b
    a, b = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    tie_kind = np.array(["knows", "coattendance", "colleague"], dtype=object)[rng.integers(0, 3, len(a))]
    ties = pd.DataFrame({"a": a, "b": b, "kind": tie_kind, "since": pd.NaT, "weight": rng.random(len(a)) + 0.1})
    ties = ties.drop_duplicates(["a", "b", "kind"])

    n_events = 300
    events = pd.DataFrame({"id": np.arange(1, n_events + 1), "name": [f"Event {i}" for i in range(n_events)],
                           "date": start + pd.to_timedelta(rng.integers(0, span, n_events), unit="D"),
                           "location": None, "notes": None})
    met = rng.integers(3, 30, n_events)
    ev_people = pd.DataFrame({"event_id": np.repeat(events["id"].to_numpy(), met),
                              "person_id": rng.integers(1, n_people + 1, met.sum()), "learned": None,
                              "followed_up": rng.random(met.sum()) < 0.5, "followed_up_on": pd.NaT})
    ev_people = ev_people.drop_duplicates(["event_id", "person_id"])
    checklist = pd.DataFrame({"key": ["water:p1", "reconnect:p2"], "month": ["2026-03", "2026-03"],
                              "state": ["done", "dismissed"], "until": pd.NaT,
                              "at": pd.to_datetime(["2026-03-05", "2026-03-06"])})
    goals = [{"text": "meet 3 people in design", "kind": "meet", "tag": "design", "count": 3},
             {"text": "have 4 coffees", "kind": "coffee", "count": 4}]
    return Snapshot(people=people, interactions=interactions, participants=participants, events=events,
                    event_people=ev_people, ties=ties, checklist=checklist, settings={"goals": goals})
