"""Tie strength between you and each person, from recency, frequency and kind of contact.

The formula (all knobs in :mod:`netlib.store.settings`)::

    raw_i(D)      = sum over interactions k with person i, dated t_k <= D, of
                    kind_weight[kind_k] / n_k * 2 ** (-(D - t_k) / half_life_days)
    strength_i(D) = 1 - exp(-raw_i(D) / strength_scale)            (0..1)

- frequency: every interaction adds; recency: each one halves every ``half_life_days``
  without contact (friendships decay, Roberts & Dunbar 2011, 2015);
- kind: a coffee or help given weighs more than a bulk email; ``connected`` alone is weak
  (time, intimacy and reciprocal services make a tie strong, Granovetter 1973; frequency
  and recency are the strongest signals, Gilbert & Karahalios 2009);
- ``n_k`` is the number of people in the interaction, so a 20-person meeting says little
  about each (Newman's collaboration weighting);
- the saturating map keeps strength absolute (it does not depend on other people) and in
  0..1. With the defaults one fresh coffee gives 0.39, a coffee every quarter settles near
  0.63, one every month near 0.91, a lone LinkedIn connection 0.05.

The *peak* strength is the strength just after each of the person's interactions, the
largest over those dates (the curve only rises at interactions, so this is its maximum up
to ``D``). It says whether a tie "was strong" without looking past ``D``.

Kinds with weight 0 (``note``) are not contact: they neither add strength nor count as
the last interaction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.garden.graph import runs, segments, stable_order
from netlib.store.snapshot import positions

__all__ = ["contacts", "tie_strength", "peaks", "decayed", "strength_of"]

_LN2 = np.log(2.0)


def contacts(snapshot, settings: dict, *, kinds: bool = False):
    """One row per (interaction, person) of known people, with its weight.

    Columns: interaction_id, person_id, date, kind, direction, n (people in it), weight
    (``kind_weights[kind] / n``), sorted by (person, date, interaction). Participants who
    are not in ``snapshot.people`` are dropped; so are participants of unknown interactions.
    With ``kinds=True``, returns ``(rows, (codes, names))`` instead: each row's kind as a
    code of ``pd.factorize`` (-1: none) and the kinds it numbers, which this function has
    to make anyway, for :func:`netlib.garden.reciprocity.ledger`.
    """
    # Column arithmetic on numpy arrays rather than a merge: each participant row finds its
    # interaction by position, and one sort key (person, then the interaction's place in
    # (date, id) order) orders the rows; interaction-level values are taken once, at the end.
    parts = snapshot.participants
    inter = snapshot.interactions
    iid = parts["interaction_id"].to_numpy()
    pid = parts["person_id"].to_numpy()
    ids = inter["id"].to_numpy()
    at = positions(ids, iid)  # -1: no such interaction
    keep = (at >= 0) & (positions(snapshot.people.index, pid) >= 0)
    if not keep.all():
        iid, pid, at = iid[keep], pid[keep], at[keep]
    date = pd.to_datetime(inter["date"]).to_numpy()
    pairs = _sorted_pairs(pid, at, date, ids) if iid.dtype == ids.dtype else None
    if pairs is not None:
        pid, at = pairs
        iid = ids[at]  # the same values as the participants' (at is where each is found), and dtype
    else:
        order = _by_person_date_id(pid, at, date, ids)
        iid, pid, at = iid[order], pid[order], at[order]
        if len(at) > 1:  # (interaction, person) twice: the store's primary key forbids it, a hand-made snapshot may not
            again = (pid[1:] == pid[:-1]) & (at[1:] == at[:-1])  # adjacent once sorted; the first one stays
            if again.any():
                first = np.r_[True, ~again]
                iid, pid, at = iid[first], pid[first], at[first]
    n = np.bincount(at, minlength=len(inter))[at] if len(at) else np.zeros(0, dtype=np.int64)
    codes, names = pd.factorize(inter["kind"].to_numpy(dtype=object))  # weigh each kind once, not each row
    weights = settings["kind_weights"]
    per_kind = np.array([float(weights[k]) if k in weights else 0.0 for k in names] + [0.0])
    codes = codes[at]  # each row's
    kind_w = per_kind[codes]  # code -1 (no kind) takes the trailing 0.0
    rows = pd.DataFrame({
        "interaction_id": iid,
        "person_id": pid.astype("int64", copy=False),  # (the frame copies its columns anyway)
        "date": date[at],
        "kind": inter["kind"].array.take(at),
        "direction": inter["direction"].array.take(at),
        "n": n.astype("int64", copy=False),
        "weight": kind_w / np.maximum(n, 1),
    })
    return (rows, (codes, names)) if kinds else rows


def _sorted_pairs(pid: np.ndarray, at: np.ndarray, date: np.ndarray, ids: np.ndarray):
    """``(pid, at)`` sorted by person, then the interaction's (date, id), each pair once; or
    None where this shortcut does not apply (then :func:`_by_person_date_id` sorts them).

    Each row becomes one int64, ``(pid - min pid) * len(ids) + rank``, where ``rank`` is the
    interaction's place in (date, id) order: sorting these numbers sorts the rows as
    ``np.lexsort((ids[at], date[at], pid))`` does, and the number gives back both the person
    and the interaction, so no permutation is gathered. Equal numbers are the same
    (person, interaction), so an unstable sort is fine and keeping one of each is the dedup.
    """
    if len(at) == 0 or pid.dtype.kind not in "iu" or ids.dtype.kind not in "iu" or np.isnat(date).any():
        return None
    low, high = int(pid.min()), int(pid.max())
    if low < -2**62 or high > 2**62 or (high - low + 1) * len(ids) >= 2**62:  # the key and pid - low fit
        return None
    order = _date_id_order(date, ids)
    in_order = len(order) < 2 or bool((order[1:] > order[:-1]).all())  # the store's rows: rank = position
    key = (pid.astype(np.int64) - low) * len(ids)
    if in_order:
        key += at
    else:
        rank = np.empty(len(ids), dtype=np.int64)
        rank[order] = np.arange(len(ids))
        key += rank[at]
    key.sort()
    if len(key) > 1:
        again = key[1:] == key[:-1]  # (interaction, person) twice: the store's primary key forbids it
        if again.any():
            key = key[np.r_[True, ~again]]
    person, place = np.divmod(key, len(ids))
    return person + low, (place if in_order else order[place])


def _by_person_date_id(pid: np.ndarray, at: np.ndarray, date: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The order of rows (person ``pid``, interaction at position ``at``) by person, then
    the interaction's date, then its id: ``np.lexsort((ids[at], date[at], pid))``, stable."""
    if len(at) == 0 or pid.dtype.kind not in "iu" or ids.dtype.kind not in "iu" or np.isnat(date).any():
        return np.lexsort((ids[at], date[at], pid))
    rank = np.empty(len(ids), dtype=np.int64)  # each interaction's place in (date, id) order
    rank[_date_id_order(date, ids)] = np.arange(len(ids))
    # least significant first, each sort stable: by the interaction's place, then by person
    # (numpy radix-sorts 16-bit digits in linear time; a repeated pair keeps its first row first)
    low = int(pid.min())
    order = _by_place(rank[at], len(ids))
    return order[stable_order(pid[order].astype(np.int64) - low, int(pid.max()) - low + 1)]


def _by_place(place: np.ndarray, top: int) -> np.ndarray:
    """``stable_order(place, top)``: in linear time without a sort when each interaction's
    rows are adjacent (the store lists participants by interaction): its rows, as a block,
    go to the interaction's place."""
    starts = runs(place)
    block = np.full(top, -1, dtype=np.int64)
    block[place[starts]] = np.arange(len(starts))
    block = block[block >= 0]  # the blocks in order of place
    if len(block) != len(starts):  # an interaction's rows apart
        return stable_order(place, top)
    size = np.diff(np.r_[starts, len(place)])
    return segments(starts[block], size[block])


def _date_id_order(date: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``np.lexsort((ids, date))``; one linear radix pass when the ids increase already and
    the dates are whole days within 179 years (always so from the store)."""
    if len(ids) > 1:
        same = date[1:] == date[:-1]
        if ((date[1:] > date[:-1]) | (same & (ids[1:] >= ids[:-1]))).all():
            return np.arange(len(ids))  # in that order already: the store reads them so
    if len(ids) > 1 and (ids[1:] > ids[:-1]).all():
        day = np.timedelta64(1, "D")
        days = (date - date.min()) // day
        if days.max() < 2**16 and (date.min() + days * day == date).all():
            return stable_order(days, int(days.max()) + 1)
    return np.lexsort((ids, date))


def decayed(weight: np.ndarray, days: np.ndarray, half_life: float) -> np.ndarray:
    """Each contact's weight halved every ``half_life`` days (``days`` <= 0: before the day)."""
    return weight * np.exp2(days / half_life)


def strength_of(raw, scale: float):
    """Strength (0..1) of a summed decayed weight: ``1 - exp(-raw / scale)``."""
    return 1.0 - np.exp(-raw / scale)


def peaks(person: np.ndarray, days: np.ndarray, weight: np.ndarray, half_life: float) -> np.ndarray:
    """Decayed weight just after each row's interaction, rows sorted by (person, date).

    ``R_k = sum_{j<=k, same person} w_j 2^(-(t_k - t_j)/h)``, computed for all rows at
    once as a log-space cumulative sum (``np.logaddexp.accumulate``): each person's values
    are lifted by an offset so large that earlier people's sums vanish beside them.
    """
    if len(person) == 0:
        return np.zeros(0)
    c = _LN2 / half_life
    shift = c * (days - days.min())
    a = np.log(np.maximum(weight, 1e-12)) + shift
    group = np.concatenate([[0], np.cumsum(person[1:] != person[:-1])])
    span = float(a.max() - a.min()) + np.log(len(a)) + 60.0
    lift = group * span
    acc = np.logaddexp.accumulate(a + lift)
    return np.exp(acc - lift - shift)  # each product made once, the same floats as made twice


def tie_strength(snapshot, as_of: pd.Timestamp, settings: dict, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Strength from you to every person of ``snapshot.people`` at ``as_of``.

    Parameters
    ----------
    snapshot : Snapshot
        Already cut with ``snapshot.as_of(as_of)``; rows dated after ``as_of`` are ignored anyway.
    as_of : pandas.Timestamp
    settings : dict
        Merged settings (``half_life_days``, ``strength_scale``, ``kind_weights``).
    rows : pandas.DataFrame, optional
        :func:`contacts` of the snapshot, when the caller has them already.

    Returns
    -------
    pandas.DataFrame
        Index person id; columns ``strength`` and ``peak_strength`` (0..1), ``raw``,
        ``last_interaction`` (NaT if never), ``last_kind``, ``first_interaction``,
        ``interaction_count`` (contact interactions, i.e. of a kind with weight > 0).
        A person with no interactions has strength 0.

    Examples
    --------
    One coffee today, default settings: ``1 - exp(-3 / 6)`` = 0.393.
    """
    ids = snapshot.people.index.astype("int64")
    rows = contacts(snapshot, settings) if rows is None else rows
    half_life = float(settings["half_life_days"])
    scale = float(settings["strength_scale"])
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    if not _in_contacts_order(rows):  # contacts() sorts them so; anything else is put so
        rows = rows.take(np.lexsort((rows["interaction_id"].to_numpy(), rows["date"].to_numpy(),
                                     rows["person_id"].to_numpy())))
    date = rows["date"].to_numpy()
    weight = rows["weight"].to_numpy(dtype=float)
    use = (date <= as_of.to_datetime64()) & (weight > 0)  # NaT compares False
    if not use.any():
        out["strength"] = 0.0
        out["peak_strength"] = 0.0
        out["raw"] = 0.0
        out["last_interaction"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
        out["last_kind"] = pd.Series(None, index=out.index, dtype="object")
        out["first_interaction"] = out["last_interaction"]
        out["interaction_count"] = 0
        return out
    date, weight = date[use], weight[use]
    person = rows["person_id"].to_numpy()[use]
    iid = rows["interaction_id"].to_numpy()[use]
    days = (date - as_of.to_datetime64()) / np.timedelta64(1, "D")  # <= 0
    # Rows come by (person, date, interaction): each person's rows are one slice, so the
    # sum, first, last, peak and the count are read off the slices (the history adds its
    # months' sums the same way, np.add.reduceat, so both give the same floats).
    begins = runs(person)
    ends = np.r_[begins[1:], len(person)] - 1
    raw_of = np.add.reduceat(decayed(weight, days, half_life), begins)
    peak_of = np.maximum.reduceat(peaks(person, days, weight, half_life), begins)
    repeat = np.r_[False, (person[1:] == person[:-1]) & (iid[1:] == iid[:-1])]  # an interaction twice
    count_of = np.diff(np.r_[begins, len(person)]) - np.add.reduceat(repeat, begins)
    at = positions(person[begins], out.index)  # each person's slice, -1: none
    has = at >= 0

    def spread(values, fill):
        full = np.full(len(out), fill, dtype=values.dtype)
        full[has] = values[at[has]]
        return full

    raw = spread(raw_of, 0.0)
    out["strength"] = strength_of(raw, scale)
    out["peak_strength"] = np.maximum(strength_of(spread(peak_of, 0.0), scale), out["strength"].to_numpy())
    out["raw"] = raw
    out["last_interaction"] = spread(date[ends], np.datetime64("NaT", "us"))
    kind = rows["kind"].iloc[np.flatnonzero(use)[ends]].to_numpy()  # each person's last row's, not all rows'
    out["last_kind"] = pd.Series(kind, index=person[begins]).reindex(out.index)
    out["first_interaction"] = spread(date[begins], np.datetime64("NaT", "us"))
    out["interaction_count"] = spread(count_of, 0).astype("int64")
    return out


def _in_contacts_order(rows: pd.DataFrame) -> bool:
    """Whether ``rows`` are sorted by (person, date, interaction), as :func:`contacts` makes them."""
    p, d, i = (rows[c].to_numpy() for c in ("person_id", "date", "interaction_id"))
    if len(p) < 2:
        return True
    same_p, same_d = p[1:] == p[:-1], d[1:] == d[:-1]
    return bool(((p[1:] > p[:-1]) | (same_p & ((d[1:] > d[:-1]) | (same_d & (i[1:] >= i[:-1]))))).all())
