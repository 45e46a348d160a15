"""Honest names for clusters: a company only when most of a cluster works there, else a
tag or event at least half of it shares, else "N people around NAME" (:func:`cluster_labels`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.garden.graph import flatten
from netlib.importers.normalise import company_key

__all__ = ["cluster_labels", "company_keys"]


def company_keys(companies: pd.Series) -> pd.Series:
    """:func:`~netlib.importers.normalise.company_key` of every company (``""`` where there is none),
    computed once per distinct company."""
    codes, uniq = pd.factorize(companies.to_numpy(dtype=object))  # code -1: None / NaN
    keys = np.array([company_key(c) if isinstance(c, str) else "" for c in uniq] + [""], dtype=object)
    return pd.Series(keys[codes], index=companies.index, dtype=object)


def _most_common(group: np.ndarray, code: np.ndarray, uniq: np.ndarray, k: int):
    """Per group ``0 .. k-1``: how often its most common value ``uniq[code]`` occurs, and that
    value (on equal counts the smallest); 0 and None for a group without values."""
    count, best = np.zeros(k, dtype=np.int64), np.full(k, None, dtype=object)
    if len(code) == 0:
        return count, best
    order = np.argsort(uniq, kind="stable")
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order] = np.arange(len(uniq))  # a value's place in sorted order
    pairs, n = np.unique(group * len(uniq) + rank[code], return_counts=True)
    g, r = pairs // len(uniq), pairs % len(uniq)
    pick = np.lexsort((r, -n, g))
    pick = pick[np.r_[True, g[pick][1:] != g[pick][:-1]]]  # the first per group
    count[g[pick]] = n[pick]
    best[g[pick]] = uniq[order[r[pick]]]
    return count, best


def _items(values: np.ndarray):
    """The items of each row's list (a scalar is one item; None, NaN and an empty list none)
    as text stripped of spaces, empty text left out, each distinct item once per row:
    ``(row, code, uniq)`` with the item ``uniq[code]``, ``uniq`` distinct."""
    row, flat = flatten(values)
    keep = ~pd.isna(flat)
    code, uniq = pd.factorize(flat[keep])
    # strip the distinct items only, then merge those equal once stripped
    code2, uniq = pd.factorize(np.array([str(u).strip() for u in uniq] + [""], dtype=object))
    code, row = code2[code], row[keep]
    if (uniq == "").any():
        full = code != np.flatnonzero(uniq == "")[0]
        code, row = code[full], row[full]
    # one per (row, item), in any order: what is made of them counts them (:func:`_most_common`)
    key = pd.unique(row.astype(np.int64) * max(len(uniq), 1) + code)
    return key // max(len(uniq), 1), key % max(len(uniq), 1), uniq


def _heaviest(cluster: np.ndarray, weight: np.ndarray, k: int) -> np.ndarray:
    """Per cluster ``0 .. k - 1``: the position of its member of most ``weight``, on equal
    weight the first; as the first of each cluster in ``np.lexsort((-weight, cluster))``.
    Members sorted by cluster, every cluster there, and finite weights (as clusters() gives
    them): each cluster's maximum by ``maximum.reduceat`` and its first member at it, no sort."""
    step = np.diff(cluster)
    if (len(cluster) and cluster[0] == 0 and cluster[-1] == k - 1 and ((step == 0) | (step == 1)).all()
            and np.isfinite(weight).all()):
        start = np.searchsorted(cluster, np.arange(k))
        top = np.repeat(np.maximum.reduceat(weight, start), np.diff(np.r_[start, len(cluster)]))
        at = np.flatnonzero(weight == top)
        return at[np.r_[True, cluster[at][1:] != cluster[at][:-1]]]
    order = np.lexsort((-weight, cluster))  # stable: on equal weight, the lowest id first
    return order[np.r_[True, cluster[order][1:] != cluster[order][:-1]]]


def cluster_labels(ids: np.ndarray, cluster: np.ndarray, people: pd.DataFrame, weight: np.ndarray,
                   keys: np.ndarray):
    """A name for each cluster ``0, 1, ...`` of members ``ids`` (sorted by cluster, then id;
    ``cluster`` holds theirs, ``weight`` their tie weight inside it, ``keys`` their
    :func:`company_keys`), and what the name is (``company``, ``tag``, ``event`` or
    ``around``) and its hub's id:

    - the company most of its people (more than half) work at;
    - else the tag, or the event (``people["events"]``: names of the events each was met
      at, when given), that the most members share, if at least half of them and two do;
    - else "N people around NAME", NAME the hub: the member with the most tie weight
      inside the cluster (on equal weight the lowest id).

    A name two clusters share gets " (2)" on the second.
    """
    k = int(cluster.max()) + 1
    size = np.bincount(cluster, minlength=k)
    company = people["company"].reindex(ids)
    has = keys != ""
    n, best = _most_common(cluster[has], *pd.factorize(company.to_numpy(dtype=object)[has]), k)
    shared = []
    for column, what in (("tags", "tag"), ("events", "event")):
        if column not in people:
            continue
        row, code, uniq = _items(people[column].reindex(ids).to_numpy())  # a member counts once per value
        shared.append((what, *_most_common(cluster[row], code, uniq, k)))
    hubs = ids[_heaviest(cluster, weight, k)]
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
