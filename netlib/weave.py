"""The weave: ties among your people, their clusters, brokers (bridges) and warm paths.

Everything here works on the people-to-people graph *without you in it* (you are tied to
everyone, which would hide the structure).

Ties
    ``snapshot.ties`` (co-attendance, colleague, knows, family, intro) plus ``colleague``
    ties derived from the same normalised company (:func:`netlib.identity.company_key`)
    for companies with at most ``colleague_group_cap`` (50) of your people: a 2,000-person
    company would otherwise add two million edges that say little about who knows whom.
    Per pair, ``raw = sum(tie_kind_weights[kind] * weight)`` (a derived colleague tie
    only where no colleague tie is recorded) and ``weight = 1 - exp(-raw)`` in 0..1.
Clusters
    Louvain (``louvain_communities``, seeded) up to ``louvain_max_people`` people with ties;
    above that a vectorised, deterministic label propagation: networkx Louvain takes about
    11 s at 30,000 people and its label propagation about 1.4 s, beyond the garden's 3 s
    budget; the numpy version runs in a fraction of a second. Singletons get cluster -1.
Bridges
    Burt's constraint ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` and effective size
    ``sum_j (1 - sum_q p_iq m_jq)`` (``p`` = weight share, ``m`` = weight over the
    neighbour's largest weight), computed for all people at once from the wedges
    ``i - q - j`` with numpy (networkx's ``constraint`` is cubic in degree: 142 s at 500
    contacts). A *bridge* has constraint <= ``bridge_max_constraint`` and at least
    ``bridge_min_outside`` of its tie weight into clusters other than its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import AmbiguousError, NotFoundError
from .identity import company_key, name_key
from .records import TIE_KINDS

__all__ = ["build_ties", "clusters", "structural_holes", "bridges", "warm_paths"]

_KIND_BIT = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


def _company_keys(companies: pd.Series) -> pd.Series:
    uniq = companies.dropna().unique()
    keys = {c: company_key(c) if isinstance(c, str) else "" for c in uniq}
    return pd.Series([keys[c] if isinstance(c, str) else "" for c in companies], index=companies.index, dtype=object)


def build_ties(snapshot, settings: dict) -> pd.DataFrame:
    """People-to-people ties with columns ``a < b``, ``weight`` (0..1), ``kinds`` (comma-joined).

    Ties to people not in ``snapshot.people`` and self-ties are ignored.
    """
    ids = snapshot.people.index
    kind_w = settings["tie_kind_weights"]
    t = snapshot.ties
    t = t[t["a"].isin(ids) & t["b"].isin(ids) & (t["a"] != t["b"]) & t["kind"].isin(list(_KIND_BIT))]
    a = t["a"].to_numpy().astype("int64")
    b = t["b"].to_numpy().astype("int64")
    w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    rows = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b), "kind": t["kind"].to_numpy(),
                         "raw": w * t["kind"].map({k: float(kind_w.get(k, 1.0)) for k in _KIND_BIT}).to_numpy(dtype=float)})
    rows = rows.groupby(["a", "b", "kind"], as_index=False, sort=False)["raw"].sum()
    cap = int(settings["colleague_group_cap"])
    comp = pd.DataFrame({"id": ids.to_numpy().astype("int64"), "ck": _company_keys(snapshot.people["company"]).to_numpy()})
    comp = comp[comp["ck"] != ""]
    size = comp.groupby("ck")["id"].transform("size")
    comp = comp[(size >= 2) & (size <= cap)]
    if len(comp):
        pairs = comp.merge(comp, on="ck", suffixes=("_a", "_b"))
        pairs = pairs[pairs["id_a"] < pairs["id_b"]]
        derived = pd.DataFrame({"a": pairs["id_a"].to_numpy(), "b": pairs["id_b"].to_numpy(), "kind": "colleague",
                                "raw": float(kind_w.get("colleague", 0.5))})
        known = rows[rows["kind"] == "colleague"][["a", "b"]]
        if len(known):
            flag = derived.merge(known.assign(_k=True), on=["a", "b"], how="left")["_k"].notna().to_numpy()
            derived = derived[~flag]
        rows = pd.concat([rows, derived], ignore_index=True) if len(rows) else derived
    if len(rows) == 0:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64"),
                             "weight": pd.Series(dtype=float), "kinds": pd.Series(dtype=object)})
    rows["bit"] = rows["kind"].map(_KIND_BIT).astype("int64")
    agg = rows.groupby(["a", "b"], as_index=False, sort=True).agg(raw=("raw", "sum"), bits=("bit", "sum"))
    names = {bits: ",".join(k for k in TIE_KINDS if bits & _KIND_BIT[k]) for bits in agg["bits"].unique()}
    return pd.DataFrame({"a": agg["a"].astype("int64"), "b": agg["b"].astype("int64"),
                         "weight": 1.0 - np.exp(-agg["raw"].to_numpy(dtype=float)),
                         "kinds": agg["bits"].map(names)})


def _directed(ties: pd.DataFrame, index: pd.Index):
    """Both directions of every tie as positions into ``index``, sorted by (src, dst)."""
    a = index.get_indexer(ties["a"].to_numpy())
    b = index.get_indexer(ties["b"].to_numpy())
    w = ties["weight"].to_numpy(dtype=float)
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    w = np.concatenate([w, w])
    order = np.lexsort((dst, src))
    return src[order], dst[order], w[order]


def _label_propagation(n: int, src, dst, w, seed: int, max_iter: int = 40) -> np.ndarray:
    """Deterministic semi-synchronous label propagation on positions 0..n-1.

    Each round, half of the nodes (a seeded split) take the label with the largest total
    tie weight among their neighbours (on equal scores: keep the current label, else the
    smallest), then the other half. Only nodes with a neighbour that changed label are
    recomputed, so late rounds are cheap. Stops when nothing changes or after
    ``max_iter`` rounds (lattice-like graphs coarsen slowly; the cap bounds the time).
    """
    labels = np.arange(n, dtype=np.int64)
    half = np.random.default_rng(seed).integers(0, 2, size=n).astype(bool)
    eps = 1e-9 * (w.max() if len(w) else 1.0)  # a tiny self weight: keep the label on equal scores
    nodes = np.arange(n)
    s_all = np.concatenate([src, nodes])
    d_all = np.concatenate([dst, nodes])
    w_all = np.concatenate([w, np.full(n, eps)])
    dirty = np.ones(n, dtype=bool)
    for _ in range(max_iter):
        if not dirty.any():
            break
        for side in (half, ~half):
            todo = side & dirty
            dirty &= ~side
            mask = todo[s_all]
            s, d, ww = s_all[mask], d_all[mask], w_all[mask]
            if len(s) == 0:
                continue
            key = s * n + labels[d]
            uniq, inv = np.unique(key, return_inverse=True)
            score = np.bincount(inv, weights=ww)
            node, lab = uniq // n, uniq % n
            starts = np.flatnonzero(np.r_[True, node[1:] != node[:-1]])
            seg = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(node)]))
            best = np.maximum.reduceat(score, starts)
            cand = np.flatnonzero(score >= best[seg] * (1 - 1e-12))
            keep = np.zeros(len(starts), dtype=bool)
            keep[seg[cand[lab[cand] == labels[node[cand]]]]] = True
            first = cand[np.r_[True, node[cand][1:] != node[cand][:-1]]]
            targets = node[first]
            new = np.where(keep[seg[first]], labels[targets], lab[first])
            moved = targets[labels[targets] != new]
            labels[targets] = new
            if len(moved):
                changed = np.zeros(n, dtype=bool)
                changed[moved] = True
                dirty[d_all[changed[s_all]]] = True
    return labels


def clusters(ties: pd.DataFrame, people: pd.DataFrame, settings: dict):
    """Cluster of every person (-1 = none) and the clusters frame.

    Returns
    -------
    (pandas.Series, pandas.DataFrame)
        Cluster id per person id; and a frame indexed by cluster id (0 = largest, ties by
        lowest member id) with ``size``, ``label`` (most common company, else tag, among
        members) and ``people`` (list of ids).
    """
    cluster = pd.Series(-1, index=people.index, dtype="int64")
    empty = pd.DataFrame({"size": pd.Series(dtype="int64"), "label": pd.Series(dtype=object),
                          "people": pd.Series(dtype=object)}).rename_axis("cluster")
    if len(ties) == 0:
        return cluster, empty
    nodes = pd.Index(np.unique(np.concatenate([ties["a"].to_numpy(), ties["b"].to_numpy()])))
    if len(nodes) <= settings["louvain_max_people"]:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(nodes.tolist())
        g.add_weighted_edges_from(zip(ties["a"].tolist(), ties["b"].tolist(), ties["weight"].tolist()))
        comms = nx.community.louvain_communities(g, weight="weight", seed=settings["seed"])
        label = np.empty(len(nodes), dtype=np.int64)
        for i, members in enumerate(comms):
            label[nodes.get_indexer(sorted(members))] = i
    else:
        src, dst, w = _directed(ties, nodes)
        label = _label_propagation(len(nodes), src, dst, w, settings["seed"])
    frame = pd.DataFrame({"id": nodes.to_numpy(), "raw": label})
    stats = frame.groupby("raw")["id"].agg(["size", "min"])
    stats = stats[stats["size"] >= 2].sort_values(["size", "min"], ascending=[False, True])
    renumber = pd.Series(np.arange(len(stats), dtype=np.int64), index=stats.index)
    frame["cluster"] = frame["raw"].map(renumber).fillna(-1).astype("int64")
    cluster.loc[frame["id"].to_numpy()] = frame["cluster"].to_numpy()
    members = frame[frame["cluster"] >= 0]
    if len(members) == 0:
        return cluster, empty
    out = pd.DataFrame({"size": members.groupby("cluster")["id"].size(),
                        "people": members.sort_values("id").groupby("cluster")["id"].agg(list)})
    out["label"] = _cluster_labels(members, people)
    out.index.name = "cluster"
    return cluster, out[["size", "label", "people"]]


def _cluster_labels(members: pd.DataFrame, people: pd.DataFrame) -> pd.Series:
    """Most common company (else tag) per cluster; ``"cluster N"`` when neither repeats."""
    m = members[["id", "cluster"]].copy()
    m["company"] = people["company"].reindex(m["id"]).to_numpy()
    m["tags"] = people["tags"].reindex(m["id"]).to_numpy()
    best = {}
    comp = m[m["company"].map(lambda c: bool(company_key(c)) if isinstance(c, str) else False)]
    if len(comp):
        counts = comp.groupby(["cluster", "company"]).size().reset_index(name="n")
        counts = counts.sort_values(["cluster", "n", "company"], ascending=[True, False, True])
        for c, name, n in counts.drop_duplicates("cluster")[["cluster", "company", "n"]].itertuples(index=False):
            best[c] = (n, name)
    tags = m[["cluster", "tags"]].explode("tags").dropna()
    if len(tags):
        counts = tags.groupby(["cluster", "tags"]).size().reset_index(name="n")
        counts = counts.sort_values(["cluster", "n", "tags"], ascending=[True, False, True])
        for c, name, n in counts.drop_duplicates("cluster")[["cluster", "tags", "n"]].itertuples(index=False):
            if n > best.get(c, (0, ""))[0]:
                best[c] = (n, str(name))
    ids = sorted(m["cluster"].unique())
    labels = [best[c][1] if best.get(c, (0,))[0] >= 2 else f"cluster {c}" for c in ids]
    seen: dict[str, int] = {}
    for k, label in enumerate(labels):  # two clusters of one company: "Acme", "Acme (2)"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[k] = f"{label} ({seen[label]})"
    return pd.Series(labels, index=ids)


def structural_holes(ties: pd.DataFrame, index: pd.Index, *, chunk: int = 2_000_000) -> pd.DataFrame:
    """Burt's constraint and effective size of every person, vectorised over wedges.

    For ego ``i`` with weight shares ``p_ij = w_ij / sum_k w_ik`` and ``m_jq = w_jq /
    max_k w_jk``::

        constraint(i)     = sum_j (p_ij + sum_q p_iq p_qj) ** 2
        effective_size(i) = sum_j (1 - sum_q p_iq m_jq)

    with ``j`` and ``q`` over ``i``'s neighbours. These equal networkx's ``constraint`` and
    ``effective_size`` with ``weight="weight"`` (see tests/test_weave.py). The inner sums
    run over every wedge ``i - q - j``, grouped by its middle ``q`` in chunks of about
    ``chunk`` wedges, so memory stays bounded.

    Returns
    -------
    pandas.DataFrame
        Index ``index``; ``degree``, ``constraint``, ``effective_size``; NaN where the
        person has no tie (networkx's convention for isolated nodes).
    """
    n = len(index)
    out = pd.DataFrame({"degree": np.zeros(n, dtype=np.int64), "constraint": np.nan, "effective_size": np.nan},
                       index=index)
    if len(ties) == 0 or n == 0:
        return out
    src, dst, w = _directed(ties, index)
    deg = np.bincount(src, minlength=n)
    total = np.bincount(src, weights=w, minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, src, w)
    p = w / total[src]
    m = w / wmax[src]
    keys = src * n + dst  # sorted, since edges are sorted by (src, dst)
    rev = np.searchsorted(keys, dst * n + src)  # position of the reverse edge j -> i
    p_in = p[rev]  # p[i -> q] for the edge q -> i
    m_in = m[rev]  # m[i -> q] for the edge q -> i
    indirect = np.zeros(len(src))
    redundant = np.zeros(len(src))
    start = np.r_[0, np.cumsum(deg)]
    middles = np.flatnonzero(deg >= 2)
    cost = deg[middles].astype(np.int64) ** 2
    bounds = np.searchsorted(np.cumsum(cost), np.arange(chunk, cost.sum() + chunk, chunk), side="right")
    lo = 0
    for hi in np.unique(np.r_[bounds, len(middles)]):
        qs = middles[lo:hi]
        lo = hi
        if len(qs) == 0:
            continue
        d = deg[qs].astype(np.int64)
        sizes = d * d
        rep = np.repeat(np.arange(len(qs)), sizes)
        k = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        dd = d[rep]
        x, y = k // dd, k % dd
        keep = x < y  # each unordered pair once; both directions are credited below
        base = start[qs][rep[keep]]
        e1 = base + x[keep]  # q -> i
        e2 = base + y[keep]  # q -> j
        want = dst[e1] * n + dst[e2]
        pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        hit = keys[pos] == want  # the wedge i - q - j closes: i and j are tied
        e1, e2, pos = e1[hit], e2[hit], pos[hit]
        both = np.concatenate([pos, rev[pos]])  # edges i -> j and j -> i
        indirect += np.bincount(both, weights=np.concatenate([p_in[e1] * p[e2], p_in[e2] * p[e1]]),
                                minlength=len(src))
        redundant += np.bincount(both, weights=np.concatenate([p_in[e1] * m_in[e2], p_in[e2] * m_in[e1]]),
                                 minlength=len(src))
    local = (p + indirect) ** 2
    has = deg > 0
    out["degree"] = deg
    out.loc[has, "constraint"] = np.bincount(src, weights=local, minlength=n)[has]
    out.loc[has, "effective_size"] = np.bincount(src, weights=1.0 - redundant, minlength=n)[has]
    return out


def bridges(holes: pd.DataFrame, ties: pd.DataFrame, cluster: pd.Series, settings: dict) -> pd.Series:
    """True for brokers: at least ``bridge_min_outside`` (a quarter) of their tie weight
    runs into other clusters, and Burt's constraint is at most ``bridge_max_constraint``.

    Constraint alone would crown members of big cliques (a member of a 50-person colleague
    clique has constraint about 4/50); the outside share says the ties reach across.
    """
    flag = pd.Series(False, index=holes.index)
    if len(ties) == 0:
        return flag
    a, b, w = ties["a"].to_numpy(), ties["b"].to_numpy(), ties["weight"].to_numpy(dtype=float)
    ca = cluster.reindex(a).to_numpy()
    cb = cluster.reindex(b).to_numpy()
    cross = (ca != cb)
    ends = pd.DataFrame({"id": np.concatenate([a, b]), "w": np.concatenate([w, w]),
                         "out": np.concatenate([w * (cross & (cb >= 0)), w * (cross & (ca >= 0))])})
    sums = ends.groupby("id")[["w", "out"]].sum()
    share = (sums["out"] / sums["w"]).reindex(holes.index).fillna(0.0)
    low = holes["constraint"].le(settings["bridge_max_constraint"]) & holes["degree"].ge(2)
    return (share >= settings["bridge_min_outside"]) & low


def _resolve_target(people: pd.DataFrame, target):
    """Target person ids and a description: a person id, a person's name, or a company."""
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if int(target) not in people.index:
            raise NotFoundError(f"no person with id {target}; `netlib people list` shows the ids")
        return [int(target)], people.at[int(target), "name"], "person"
    text = str(target).strip()
    if text.isdigit() and int(text) in people.index:
        return [int(text)], people.at[int(text), "name"], "person"
    key = name_key(text)
    if key:
        names = people["name"].map(lambda v: name_key(v) if isinstance(v, str) else "")
        hits = people.index[names.to_numpy() == key]
        if len(hits) > 1:
            raise AmbiguousError(f"{len(hits)} people are called {text!r}; use an id instead",
                                 candidates=[int(i) for i in hits])
        if len(hits) == 1:
            return [int(hits[0])], people.at[hits[0], "name"], "person"
        ck = company_key(text)
        at = people.index[_company_keys(people["company"]).to_numpy() == ck] if ck else []
        if len(at):
            return [int(i) for i in at], text, "company"
    raise NotFoundError(f"no person or company matches {text!r}; try a person's id, full name, or a company name")


def warm_paths(people: pd.DataFrame, ties: pd.DataFrame, target, *, limit: int = 5) -> list[dict]:
    """Who can introduce you to ``target`` (a person id or name, or a company name).

    A path runs you -> first hop -> ... -> target; its score is the product of your
    strength to the first hop and the tie weights after it (all in 0..1), so the best path
    is a shortest path on ``-log(weight)`` (Dijkstra from the targets). One path per first
    hop, best first. For a company, people you know *at* the company come as one-hop paths.

    Returns
    -------
    list of dict
        ``via``, ``via_name``, ``target``, ``target_name``, ``path`` (ids, first hop first),
        ``names``, ``score``, ``why``.
    """
    import networkx as nx

    targets, label, what = _resolve_target(people, target)
    g = nx.Graph()
    w = ties["weight"].to_numpy(dtype=float)
    cost = -np.log(np.clip(w, 1e-12, 1.0))
    g.add_weighted_edges_from(zip(ties["a"].tolist(), ties["b"].tolist(), cost.tolist()), weight="cost")
    g.add_nodes_from(targets)
    dist, paths = nx.multi_source_dijkstra(g, set(targets), weight="cost")
    strength = people["strength"]
    found = []
    for via, d in dist.items():
        s = float(strength.get(via, 0.0))
        if s <= 0 or (what == "person" and via in targets):
            continue
        path = list(reversed(paths[via]))
        found.append((s * float(np.exp(-d)), via, path))
    if what == "person":  # you may already know them: say so first
        found += [(float(strength.get(t, 0.0)), t, [t]) for t in targets if float(strength.get(t, 0.0)) > 0]
    found.sort(key=lambda item: (-item[0], len(item[2]), item[1]))
    out = []
    for score, via, path in found[:limit]:
        names = [str(people.at[p, "name"]) for p in path]
        end = path[-1]
        if len(path) == 1 and what == "person":
            why = f"You know {names[0]} yourself (strength {strength[via]:.2f}): no introduction needed."
        elif len(path) == 1:
            why = f"You know {names[0]} at {label} (strength {strength[via]:.2f})."
        else:
            chain = " -> ".join(names)
            why = f"Ask {names[0]} (your strength {strength[via]:.2f}): {chain}; path score {score:.2f}."
        out.append({"via": int(via), "via_name": names[0], "target": int(end), "target_name": names[-1],
                    "path": [int(p) for p in path], "names": names, "score": round(score, 6), "why": why})
    return out
