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

__all__ = ["contacts", "tie_strength", "peaks", "decayed", "strength_of"]

_LN2 = np.log(2.0)


def contacts(snapshot, settings: dict) -> pd.DataFrame:
    """One row per (interaction, person) of known people, with its weight.

    Columns: interaction_id, person_id, date, kind, direction, n (people in it), weight
    (``kind_weights[kind] / n``). Participants who are not in ``snapshot.people`` are
    dropped; so are participants of unknown interactions.
    """
    # Column arithmetic on numpy arrays rather than a merge (a fifth of its cost at 300,000
    # rows): each participant row finds its interaction by id, and the rows are sorted by
    # (person, date, interaction) at the end, so their order before does not matter.
    parts = snapshot.participants
    inter = snapshot.interactions
    iid = parts["interaction_id"].to_numpy()
    pid = parts["person_id"].to_numpy()
    at = pd.Index(inter["id"]).get_indexer(iid)  # -1: no such interaction
    keep = (at >= 0) & pd.Series(pid).isin(snapshot.people.index).to_numpy()
    if not keep.all():
        iid, pid, at = iid[keep], pid[keep], at[keep]
    pairs = pd.DataFrame({"i": iid, "p": pid})
    if pairs.duplicated().any():  # the store's primary key forbids them; a hand-made snapshot may not
        first = ~pairs.duplicated().to_numpy()
        iid, pid, at = iid[first], pid[first], at[first]
    n = np.bincount(at, minlength=len(inter))[at] if len(at) else np.zeros(0, dtype=np.int64)
    kind = inter["kind"].to_numpy()[at]
    codes, kinds = pd.factorize(kind)  # weight each kind once, not each row
    weights = settings["kind_weights"]
    per_kind = np.array([float(weights[k]) if k in weights else 0.0 for k in kinds] + [0.0])
    kind_w = per_kind[codes]  # code -1 (no kind) takes the trailing 0.0
    order = np.lexsort((iid, inter["date"].to_numpy()[at], pid))
    out = pd.DataFrame({
        "interaction_id": iid,
        "person_id": pid.astype("int64"),
        "date": pd.to_datetime(inter["date"]).to_numpy()[at],
        "kind": kind,
        "direction": inter["direction"].to_numpy()[at],
        "n": n.astype("int64"),
        "weight": kind_w / np.maximum(n, 1),
    })
    return out.take(order).reset_index(drop=True)


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
    a = np.log(np.maximum(weight, 1e-12)) + c * (days - days.min())
    group = np.concatenate([[0], np.cumsum(person[1:] != person[:-1])])
    span = float(a.max() - a.min()) + np.log(len(a)) + 60.0
    lifted = a + group * span
    acc = np.logaddexp.accumulate(lifted)
    log_r = acc - group * span - c * (days - days.min())
    return np.exp(log_r)


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
    rows = rows[(rows["date"] <= as_of) & (rows["weight"] > 0)]
    half_life = float(settings["half_life_days"])
    scale = float(settings["strength_scale"])
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    if len(rows) == 0:
        out["strength"] = 0.0
        out["peak_strength"] = 0.0
        out["raw"] = 0.0
        out["last_interaction"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
        out["last_kind"] = pd.Series(None, index=out.index, dtype="object")
        out["first_interaction"] = out["last_interaction"]
        out["interaction_count"] = 0
        return out
    person = rows["person_id"].to_numpy()
    days = ((rows["date"] - as_of) / pd.Timedelta(days=1)).to_numpy(dtype=float)  # <= 0
    weight = rows["weight"].to_numpy(dtype=float)
    frame = pd.DataFrame({"person_id": person, "decayed": decayed(weight, days, half_life),
                          "peak": peaks(person, days, weight, half_life),
                          "date": rows["date"].to_numpy(), "kind": rows["kind"].to_numpy(),
                          "interaction_id": rows["interaction_id"].to_numpy()})
    grouped = frame.groupby("person_id", sort=True)
    agg = grouped.agg(raw=("decayed", "sum"), peak=("peak", "max"), last=("date", "max"),
                      first=("date", "min"), count=("interaction_id", "nunique"))
    last_kind = frame.drop_duplicates("person_id", keep="last").set_index("person_id")["kind"]
    raw = agg["raw"].reindex(out.index, fill_value=0.0)
    peak_raw = agg["peak"].reindex(out.index, fill_value=0.0)
    out["strength"] = strength_of(raw.to_numpy(), scale)
    out["peak_strength"] = np.maximum(strength_of(peak_raw.to_numpy(), scale), out["strength"].to_numpy())
    out["raw"] = raw.to_numpy()
    out["last_interaction"] = agg["last"].reindex(out.index)
    out["last_kind"] = last_kind.reindex(out.index)
    out["first_interaction"] = agg["first"].reindex(out.index)
    out["interaction_count"] = agg["count"].reindex(out.index, fill_value=0).astype("int64")
    return out
