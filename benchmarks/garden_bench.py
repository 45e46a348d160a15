"""Time ``netlib.garden.analysis.analyse`` on a synthetic 30,000-person network (LinkedIn's cap).

Builds a snapshot in memory with numpy (about 300,000 interactions, 150,000 ties, 300
events), then prints the time of one month's ``analyse()`` and the peak memory it took.
Goal on a 2-core machine: under 3 s and under 1 GB. Prints figures; no pass/fail.

Usage: ``python benchmarks/garden_bench.py [--people 30000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from netlib.garden.analysis import analyse, month_summary, warm_paths
from netlib.importers.records import INTERACTION_KINDS
from netlib.store.snapshot import Snapshot

AS_OF = "2026-03-31"


def build(n_people: int = 30_000, n_interactions: int = 300_000, n_ties: int = 150_000, seed: int = 1) -> Snapshot:
    """A synthetic snapshot: Zipf-sized companies, skewed contact, local ties."""
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

    kinds = np.array(INTERACTION_KINDS, dtype=object)
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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    snap = build(args.people, args.people * 10, args.people * 5)
    print(f"built: {len(snap.people):,} people, {len(snap.interactions):,} interactions, "
          f"{len(snap.participants):,} participants, {len(snap.ties):,} ties in {time.perf_counter() - t0:.1f} s")
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        garden = analyse(snap, AS_OF)
        times.append(time.perf_counter() - t0)
    print(f"analyse(): best {min(times):.2f} s, times {', '.join(f'{t:.2f}' for t in times)}")
    tracemalloc.start()
    analyse(snap, AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory traced during analyse(): {peak / 2**20:,.0f} MiB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    print(f"derived ties: {len(garden.ties):,}; clusters: {len(garden.clusters):,}; "
          f"bridges: {int(garden.people['bridge'].sum()):,}")
    print("summary:", month_summary(garden))
    t0 = time.perf_counter()
    paths = warm_paths(garden, "Company 3")
    print(f"warm_paths('Company 3'): {len(paths)} paths in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
