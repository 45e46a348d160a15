"""Honest names for clusters: a company only when most of a cluster works there, else a
tag or event at least half of it shares, else "N people around NAME" (:func:`cluster_labels`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.importers.normalise import company_key

__all__ = ["cluster_labels", "company_keys"]


def company_keys(companies: pd.Series) -> pd.Series:
    """:func:`~netlib.importers.normalise.company_key` of every company (``""`` where there is none),
    computed once per distinct company."""
    codes, uniq = pd.factorize(companies.to_numpy(dtype=object))  # code -1: None / NaN
    keys = np.array([company_key(c) if isinstance(c, str) else "" for c in uniq] + [""], dtype=object)
    return pd.Series(keys[codes], index=companies.index, dtype=object)


def _most_common(group: np.ndarray, value: np.ndarray, k: int):
    """Per group ``0 .. k-1``: how often its most common value occurs, and that value (on
    equal counts the smallest); 0 and None for a group without values."""
    count, best = np.zeros(k, dtype=np.int64), np.full(k, None, dtype=object)
    if len(value) == 0:
        return count, best
    codes, uniq = pd.factorize(value)
    order = np.argsort(uniq, kind="stable")
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order] = np.arange(len(uniq))  # a value's place in sorted order
    pairs, n = np.unique(group * len(uniq) + rank[codes], return_counts=True)
    g, r = pairs // len(uniq), pairs % len(uniq)
    pick = np.lexsort((r, -n, g))
    pick = pick[np.r_[True, g[pick][1:] != g[pick][:-1]]]  # the first per group
    count[g[pick]] = n[pick]
    best[g[pick]] = uniq[order[r[pick]]]
    return count, best


def _hubs(ids: np.ndarray, cluster: np.ndarray, ties: pd.DataFrame, k: int) -> np.ndarray:
    """Per cluster ``0 .. k-1``: the member with the most tie weight inside it (on equal
    weight the lowest id; ``ids`` are sorted within each cluster)."""
    of = pd.Series(cluster, index=ids)
    ca, cb = of.reindex(ties["a"].to_numpy()).to_numpy(), of.reindex(ties["b"].to_numpy()).to_numpy()
    inside = (ca == cb) & ~np.isnan(ca.astype(float))
    w = ties["weight"].to_numpy(dtype=float)[inside]
    weight = pd.concat([pd.Series(w, index=ties["a"].to_numpy()[inside]),
                        pd.Series(w, index=ties["b"].to_numpy()[inside])]).groupby(level=0).sum()
    frame = pd.DataFrame({"id": ids, "c": cluster, "w": weight.reindex(ids).fillna(0.0).to_numpy()})
    frame = frame.sort_values(["c", "w", "id"], ascending=[True, False, True], kind="mergesort")
    return frame.drop_duplicates("c").set_index("c")["id"].reindex(range(k)).to_numpy()


def cluster_labels(ids: np.ndarray, cluster: np.ndarray, people: pd.DataFrame, ties: pd.DataFrame):
    """A name for each cluster ``0, 1, ...`` of members ``ids`` (``cluster`` holds theirs), and
    what the name is (``company``, ``tag``, ``event`` or ``around``) and its hub's id:

    - the company most of its people (more than half) work at;
    - else the tag, or the event (``people["events"]``: names of the events each was met
      at, when given), that the most members share, if at least half of them and two do;
    - else "N people around NAME", NAME the member with the most tie weight inside it.

    A name two clusters share gets " (2)" on the second.
    """
    k = int(cluster.max()) + 1
    size = np.bincount(cluster, minlength=k)
    company = people["company"].reindex(ids)
    has = company_keys(company).to_numpy() != ""
    n, best = _most_common(cluster[has], company.to_numpy(dtype=object)[has], k)
    shared = []
    for column, what in (("tags", "tag"), ("events", "event")):
        if column not in people:
            continue
        values = pd.DataFrame({"c": cluster, "id": ids, "v": people[column].reindex(ids).to_numpy()})
        values = values.explode("v").dropna(subset=["v"])
        values = values.assign(v=values["v"].astype(str).str.strip())
        values = values[values["v"] != ""].drop_duplicates(["id", "v"])  # a member counts once per value
        shared.append((what, *_most_common(values["c"].to_numpy(dtype=np.int64), values["v"].to_numpy(dtype=object), k)))
    hubs = _hubs(ids, cluster, ties, k)
    names = people["name"]
    labels, kinds = [], []
    for c in range(k):
        if n[c] * 2 > size[c]:
            labels.append(str(best[c]))
            kinds.append("company")
            continue
        options = [(count[c], what, str(value[c])) for what, count, value in shared
                   if count[c] >= 2 and count[c] * 2 >= size[c]]
        if options:
            _, what, value = max(options, key=lambda o: o[0])  # the first (a tag) on equal counts
            labels.append(value)
            kinds.append(what)
            continue
        labels.append(f"{size[c]} people around {names.get(hubs[c], 'someone')}")
        kinds.append("around")
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):  # two clusters of one company: "Acme", "Acme (2)"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({seen[label]})"
    return labels, kinds, [int(h) for h in hubs]
