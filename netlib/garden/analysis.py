"""The garden: one month's analysis of your network, as a pure function of the data.

``analyse(snapshot, as_of, settings=...)`` cuts the snapshot at the as-of date first
(:meth:`Snapshot.as_of`) and never reads the clock, so the report for March 2026 computed
today equals the one computed on 31 March 2026, whatever was added since.
The steps live in modules named for nouns: :mod:`netlib.garden.strength`, :mod:`netlib.garden.rings`,
:mod:`netlib.garden.reciprocity`, :mod:`netlib.garden.weave`, :mod:`netlib.garden.bridges`,
:mod:`netlib.garden.checklist`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlib.garden import bridges as _bridges
from netlib.garden import checklist as _cl
from netlib.garden import dated as _dated
from netlib.garden.goals import goals as _goals
from netlib.garden.graph import runs as _runs
from netlib.garden import rings as _rings
from netlib.garden import weave as _weave
from netlib.garden.paths import warm_paths as _warm_paths
from netlib.garden import terms as _words
from netlib.garden.checklist import ChecklistItem
from netlib.errors import ValidationError
from netlib.months import report_day
from netlib.garden.reciprocity import gives_and_asks, ledger
from netlib.garden.shortlist import apply_state, short_list
from netlib.store.settings import merge
from netlib.store.snapshot import Snapshot, positions, to_timestamp
from netlib.garden.strength import contacts, tie_strength

__all__ = ["HEALTH", "RINGS", "CHECKLISTS", "ChecklistItem", "Garden", "analyse", "standing", "warm_paths",
           "month_summary"]

HEALTH = _rings.HEALTH  # ("seedling", "thriving", "needs water", "wilting", "dormant")
RINGS = _words.RINGS  # {1: "inner circle", ..., 6: "acquaintances"}
CHECKLISTS = ("plans", "birthdays", "follow_up", "water", "reconnect", "give_back", "weave", "goals")
PEOPLE_COLUMNS = ["name", "company", "position", "tags", "ring", "ring_name", "strength", "health", "cluster",
                  "last_interaction", "interaction_count", "cadence_days", "days_overdue", "constraint", "bridge",
                  "next_action"]


@dataclass
class Garden:
    """One month's analysis. ``people`` columns: see ``PEOPLE_COLUMNS``; ``detail`` holds
    the working columns behind them (peak_strength, raw, first_met, days_silent,
    was_strong, last_kind, degree, effective_size, emails, linkedin_url)."""

    as_of: pd.Timestamp
    month: str
    people: pd.DataFrame
    ties: pd.DataFrame
    clusters: pd.DataFrame
    reciprocity: pd.DataFrame
    checklists: dict
    settings: dict
    detail: pd.DataFrame = field(default=None, repr=False, compare=False)
    snapshot: Snapshot = field(default=None, repr=False, compare=False)
    #: :func:`netlib.garden.strength.contacts` of ``snapshot``: one row per (interaction, person)
    contacts: pd.DataFrame = field(default=None, repr=False, compare=False)
    #: who was met at each event and whether followed up (event_id, person_id, done):
    #: :func:`netlib.garden.checklist.met_at_events`, the follow-up rule, without names or notes
    met: pd.DataFrame = field(default=None, repr=False, compare=False)

    def checklist_json(self) -> dict:
        """``{"month", "as_of", "plans": [item dicts], ...}``, ready for ``json.dumps``
        (dismissed and snoozed items too, with their state)."""
        out = {"month": self.month, "as_of": self.as_of.date().isoformat()}
        for name in CHECKLISTS:
            out[name] = [item.to_dict() for item in self.checklists.get(name, [])]
        return out


def report_date(month: str, today=None) -> pd.Timestamp:
    """The as-of date for a month's report: its last day, or ``today`` while it runs.

    A finished month is always read at its end, so it can be recomputed exactly; the
    current month is read as of today (never in the future, where "16 days ago" would be
    a lie); a month that has not begun is refused with a ValidationError.

    >>> report_date("2026-11", today="2026-11-25")
    Timestamp('2026-11-25 00:00:00')
    >>> report_date("2026-10", today="2026-11-25")
    Timestamp('2026-10-31 00:00:00')
    """
    now = to_timestamp(today if today is not None else dt.date.today())
    return pd.Timestamp(report_day(month, now.date()))


def _as_of(value, settings: dict) -> pd.Timestamp:
    value = settings.get("as_of") if value is None else value
    if value is None:
        raise ValidationError("as_of is required: pass a date like '2026-11-30' (or netlib.months.last_day('2026-11')), "
                              "or set the 'as_of' setting; the garden never guesses today")
    try:
        return to_timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValidationError(f"as_of is {value!r}; use a date like 2026-11-30") from err


@dataclass
class Weave:
    """Who knows whom, as of a cut snapshot (:func:`weave_of`): what :func:`analyse` reads
    from :mod:`netlib.garden.weave` and :mod:`netlib.garden.bridges`, which depend on nothing else it computes."""

    ties: pd.DataFrame
    cluster: pd.Series  # per person id; -1: none
    clusters: pd.DataFrame
    holes: pd.DataFrame  # constraint (NaN below two ties), effective_size, degree; per person id
    bridge: pd.Series  # per person id


def _merged(snapshot: Snapshot, settings: dict | None) -> dict:
    return merge({**(snapshot.settings or {}), **(settings or {})})


def _source(snap: Snapshot) -> pd.DataFrame:
    """The people of a cut snapshot indexed by int64 id, tags as new lists: the garden hands
    them out (``people``, ``detail``), and a notebook editing them in place must not edit
    the snapshot, which the next analysis reads (a Live panel keeps one). A hand-made frame's
    tags as a numpy array (of any shape: ``np.array([("ml", "ai")])`` has two) are its items."""
    src = snap.people
    src = src.set_axis(pd.Index(src.index.astype("int64"), name="id"))
    cells = src["tags"].tolist()
    if src["tags"].dtype == object and set(map(type, cells)) <= {list}:
        tags = list(map(list, cells))  # lists, as the store makes them: copied in one C loop
    else:
        tags = [t.ravel().tolist() if isinstance(t, np.ndarray) else list(t) if isinstance(t, (list, tuple)) else []
                for t in cells]
    return src.assign(tags=pd.Series(tags, index=src.index, dtype=object))


def _spread(values: dict, index: pd.Index, fill) -> np.ndarray:
    """``[values.get(key, fill) for key in index]`` as an object array, looking up only the
    dict's few keys in the index (whose ids are unique) rather than every id in the dict."""
    out = np.full(len(index), fill, dtype=object)
    at = positions(index, np.array(list(values), dtype=np.int64)) if values else np.zeros(0, dtype=np.int64)
    found = at >= 0
    out[at[found]] = np.array(list(values.values()), dtype=object)[found]
    return out


def _events_of(met: pd.DataFrame) -> pd.Series:
    """The names of the events each person was met at (``met``: event_people joined to
    events, as :func:`~netlib.garden.checklist.met_at_events` makes it), a list per person
    id in ``met``'s row order: ``met.groupby("person_id")["name"].agg(list)`` without its
    Python call per person. An event without a name (None or NaN: a hand-made frame; the
    store requires one) is left out: it cannot be said."""
    met = met[met["name"].notna().to_numpy()] if met["name"].hasnans else met
    if len(met) == 0:
        return pd.Series(dtype=object)
    person = met["person_id"].to_numpy()
    order = np.argsort(person, kind="stable")
    person, names = person[order], met["name"].to_numpy(dtype=object)[order]
    start = _runs(person)  # each person's first row
    names = names.tolist()  # sliced as a list: no array per person
    return pd.Series([names[lo:hi] for lo, hi in zip(start.tolist(), np.r_[start[1:], len(names)].tolist())],
                     index=person[start], dtype=object)


def weave_of(snap: Snapshot, settings: dict | None = None, *, people: pd.DataFrame | None = None,
             events: pd.Series | None = None) -> Weave:
    """The :class:`Weave` of ``snap`` (already cut at the day analysed: ``snapshot.as_of``),
    with ``settings`` laid over its own as :func:`analyse` lays them. ``people``: its people
    as :func:`_source` makes them, and ``events``: the events each person was met at
    (:func:`_events_of`), when the caller has them."""
    settings = _merged(snap, settings)
    people = _source(snap) if people is None else people
    if events is None:
        events = _events_of(snap.event_people[["event_id", "person_id"]].merge(
            snap.events[["id", "name"]], left_on="event_id", right_on="id"))
    people = people.assign(events=events.reindex(people.index).to_numpy())
    keys = _weave.company_keys(people["company"]).to_numpy()  # once for both (people: snap.people's rows)
    ties = _weave.build_ties(snap, settings, keys=keys)
    cluster, clusters = _weave.clusters(ties, people, settings, keys=keys)
    holes = _bridges.structural_holes(ties, people.index)
    holes.loc[holes["degree"] < 2, "constraint"] = np.nan
    bridge = _bridges.bridges(holes, ties, cluster, settings).astype(bool)
    return Weave(ties=ties, cluster=cluster, clusters=clusters, holes=holes, bridge=bridge)


def standing(snapshot: Snapshot, as_of, *, settings: dict | None = None) -> pd.DataFrame:
    """Each person's strength, ring and health at the end of ``as_of``: the columns of
    :func:`analyse`'s ``detail`` up to health (the same values), without the weave, the
    reciprocity ledger or the checklists, for what needs one person's standing
    (``netlib people show``)."""
    settings = _merged(snapshot, settings)
    day = _as_of(as_of, settings)
    snap = snapshot.as_of(day)
    return _standing(snap, _source(snap), contacts(snap, settings), day, settings)


def _standing(snap: Snapshot, src: pd.DataFrame, rows: pd.DataFrame, day, settings: dict) -> pd.DataFrame:
    strength = tie_strength(snap, day, settings, rows)
    d = strength.join(src[["name", "company", "position", "tags", "since", "emails", "linkedin_url"]])
    d["ring"] = _rings.assign_rings(strength, src["ring_override"], settings)
    d["ring_name"] = d["ring"].map(RINGS)
    d["cadence_days"] = _rings.cadence(d["ring"], src["cadence_override"], settings)
    d["first_contact"] = _rings.first_contact(snap, strength)
    d["first_met"] = _rings.first_met(snap, strength, d["first_contact"])
    return d.join(_rings.health(d, day, settings))


def analyse(snapshot: Snapshot, as_of=None, *, settings: dict | None = None,
            contacts_rows: pd.DataFrame | None = None) -> Garden:
    """Analyse ``snapshot`` as it stood at the end of ``as_of``.

    Parameters
    ----------
    snapshot : Snapshot
    as_of : date, str or Timestamp
        Required (``None`` falls back to the ``as_of`` setting, else raises
        :class:`~netlib.errors.ValidationError`): the garden never reads the clock.
    settings : dict, optional
        User settings laid over ``snapshot.settings`` and :data:`netlib.store.settings.DEFAULTS`.
    contacts_rows : pandas.DataFrame, optional
        :func:`netlib.garden.strength.contacts` of ``snapshot.as_of(as_of)`` with these settings,
        when the caller has them already (the report computes them for its history first).
    """
    settings = _merged(snapshot, settings)
    day = _as_of(as_of, settings)
    month = f"{day:%Y-%m}"
    snap = snapshot.as_of(day)
    src = _source(snap)
    ids = src.index
    rows, kinds = contacts(snap, settings, kinds=True) if contacts_rows is None else (contacts_rows, None)
    d = _standing(snap, src, rows, day, settings)
    recip = ledger(rows, ids, kinds=kinds)

    caps, state = settings["caps"], snap.checklist
    met = _cl.met_at_events(snap)
    extra = len(state)
    built = {  # all but the weave's, which needs the weave
        "follow_up": _cl.follow_up(snap, d, day, settings, caps["follow_up"] + extra, met=met),
        "water": _cl.water(d, caps["water"] + extra),
        "reconnect": _cl.reconnect(d, caps["reconnect"] + extra),
        "give_back": _cl.give_back(d, recip, caps["give_back"] + extra),
        "goals": _goals(d, rows, day, settings),  # (it reads the month's rows: none later than the day)
        "plans": _dated.plan_items(snap.plans, d, rows, day, settings),
        "birthdays": _dated.birthday_items(d, src["birthday"], day),
    }
    events = _events_of(met)
    w = weave_of(snap, settings, people=src, events=events)
    ties, clusters = w.ties, w.clusters
    d["cluster"] = w.cluster
    d = d.join(w.holes)
    d["bridge"] = w.bridge
    built["weave"] = _cl.weave(d, ties, caps["weave"] + extra, events)  # sets made for rings 1-4 only
    lists = apply_state({name: built[name] for name in CHECKLISTS}, state, month, day, caps)
    short_list(lists, settings["checklist_limit"])
    for items in lists.values():
        for item in items:
            item.href = _cl.ready_action(item, d)
    action = {}
    for name in reversed(CHECKLISTS[:-1]):  # earlier checklists win
        for item in reversed(lists[name]):
            if item.state == "open":
                action.update(dict.fromkeys(item.person_ids, item.action))
    d["next_action"] = _spread(action, d.index, "")
    return Garden(as_of=day, month=month, people=d[PEOPLE_COLUMNS], ties=ties, clusters=clusters,
                  reciprocity=recip, checklists=lists, settings=settings, detail=d, snapshot=snap,
                  contacts=rows, met=met[["event_id", "person_id", "done"]])


def warm_paths(garden: Garden, target, *, limit: int = 5) -> list[dict]:
    """Who can introduce you to ``target`` (person id, name, or company); see :func:`netlib.garden.paths.warm_paths`."""
    return _warm_paths(garden.people, garden.ties, target, limit=limit)


def month_summary(garden: Garden) -> dict:
    """Headline numbers of the month, plain Python values.

    ``people``; ``active_ties`` (people with contact in the last ``active_days``, 90);
    ``new_people`` (first met within the month, and met: see :func:`netlib.garden.rings.met_within`);
    ``interactions`` (in the month);
    ``gives`` (help given + intros you made) and ``asks`` (help received + intros made for
    you) in the month; ``rings`` and ``health`` counts (every ring and state present).
    """
    day, d = garden.as_of, garden.detail
    start = day.replace(day=1)
    snap = garden.snapshot
    inter = snap.interactions if snap is not None else pd.DataFrame(columns=["date", "kind", "direction"])
    inter = inter[(inter["date"] >= start) & (inter["date"] <= day)]
    gives, asks = gives_and_asks(inter["kind"], inter["direction"])
    silent = (day - d["last_interaction"]) / pd.Timedelta(days=1)
    return {
        "month": garden.month,
        "as_of": day.date().isoformat(),
        "people": int(len(d)),
        "active_ties": int((silent <= garden.settings["active_days"]).sum()),
        "new_people": int(_rings.met_within(d, start, day).sum()),
        "interactions": int(len(inter)),
        "gives": int(gives.sum()),
        "asks": int(asks.sum()),
        "rings": {r: int((d["ring"] == r).sum()) for r in RINGS},
        "health": {h: int((d["health"] == h).sum()) for h in HEALTH},
    }
