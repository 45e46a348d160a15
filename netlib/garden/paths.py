"""Warm paths: who among your people can introduce you to a person or a company."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.errors import AmbiguousError, NotFoundError
from netlib.garden.weave import company_keys
from netlib.importers.normalise import company_key, digits, name_key

__all__ = ["warm_paths", "KNOWN_STRENGTH", "INTRODUCER_STRENGTH", "TIE_WEIGHT", "MAX_PATH"]

#: your strength to a person at or above which "you know them yourself" is the first answer
#: (about two coffees in the last half-year)
KNOWN_STRENGTH = 0.2
#: your strength to an introducer at least (below it you would be asking a stranger)
INTRODUCER_STRENGTH = 0.1
#: the weight of a tie an introduction runs along, at least (a derived colleague tie is 0.39,
#: one small meeting together 0.39, a 20-person all-hands 0.05)
TIE_WEIGHT = 0.3
#: people on a path besides you, the target included: an introducer and one person they know
MAX_PATH = 3


def _resolve_target(people: pd.DataFrame, target):
    """Target person ids and a description: a person id, a person's name, or a company."""
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if int(target) not in people.index:
            raise NotFoundError(f"no person with id {target}; `netlib people list` shows the ids")
        return [int(target)], people.at[int(target), "name"], "person"
    text = str(target).strip()
    if digits(text) and int(text) in people.index:
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
        at = people.index[company_keys(people["company"]).to_numpy() == ck] if ck else []
        if len(at):
            return [int(i) for i in at], text, "company"
    raise NotFoundError(f"no person or company matches {text!r}; try a person's id, full name, or a company name")


def warm_paths(people: pd.DataFrame, ties: pd.DataFrame, target, *, limit: int = 5) -> list[dict]:
    """Who can introduce you to ``target`` (a person id or name, or a company name).

    A path runs you -> first hop -> ... -> target; its score is the product of your
    strength to the first hop and the tie weights after it (all in 0..1). Each first hop's
    best path of at most :data:`MAX_PATH` people is found directly: its ties to a target,
    and its ties to someone tied to a target (in numpy, over the ties near the targets
    only). One path per first hop, best first; on equal scores the shorter path, then the
    lower ids. For a company, people you know *at* the company come as one-hop paths.

    Only real ties carry an introduction: every tie on the path weighs at least
    :data:`TIE_WEIGHT`, and your strength to the introducer is at least
    :data:`INTRODUCER_STRENGTH`, and at most :data:`MAX_PATH` people stand between you and
    the end of the path (the target included). When you know the target person yourself with strength
    :data:`KNOWN_STRENGTH` or more, that is the first answer, whatever the paths score.

    Returns
    -------
    list of dict
        ``via``, ``via_name``, ``target``, ``target_name``, ``path`` (ids, first hop first),
        ``names``, ``score``, ``why``.
    """
    targets, label, what = _resolve_target(people, target)
    strength = people["strength"]
    found = []
    for via, (product, path) in _best_paths(ties, targets, what == "company").items():
        s = float(strength.get(via, 0.0))
        if s >= INTRODUCER_STRENGTH and s > 0:
            found.append((s * product, via, path))
    if what == "person":  # you may already know them: say so, first when you know them well
        found += [(float(strength.get(t, 0.0)), t, [t]) for t in targets if float(strength.get(t, 0.0)) > 0]
    first = lambda item: what == "person" and len(item[2]) == 1 and item[0] >= KNOWN_STRENGTH  # noqa: E731
    found.sort(key=lambda item: (not first(item), -item[0], len(item[2]), item[1], item[2]))
    out = []
    for score, via, path in found[:limit]:
        names = [str(people.at[p, "name"]) for p in path]
        end = path[-1]
        if len(path) == 1 and what == "person":
            why = (f"You know {names[0]} yourself (strength {strength[via]:.2f}): no introduction needed."
                   if score >= KNOWN_STRENGTH else
                   f"You have met {names[0]}, though not much yet (strength {strength[via]:.2f}).")
        elif len(path) == 1:
            why = f"You know {names[0]} at {label} (strength {strength[via]:.2f})."
        else:
            chain = " -> ".join(names)
            why = f"Ask {names[0]} (your strength {strength[via]:.2f}): {chain}; path score {score:.2f}."
        out.append({"via": int(via), "via_name": names[0], "target": int(end), "target_name": names[-1],
                    "path": [int(p) for p in path], "names": names, "score": round(score, 6), "why": why})
    return out


def _best_paths(ties: pd.DataFrame, targets: list[int], own: bool) -> dict:
    """``{first hop: (product of the tie weights along, path first hop first)}`` over ties
    of at least :data:`TIE_WEIGHT`: ``[v, t]`` and ``[v, m, t]`` to a target ``t``, the
    best for each ``v`` (on equal products the shorter path, then the lower ids); a target
    is its own path ``[t]`` (product 1) when ``own`` (a company's people), else no first hop."""
    real = ties[ties["weight"].to_numpy(dtype=float) >= TIE_WEIGHT]
    a, b = real["a"].to_numpy(dtype=np.int64), real["b"].to_numpy(dtype=np.int64)
    w = real["weight"].to_numpy(dtype=float)
    src, dst, wt = np.r_[a, b], np.r_[b, a], np.r_[w, w]  # both directions
    goal = np.asarray(sorted(set(targets)), dtype=np.int64)
    is_goal = lambda x: np.isin(x, goal)  # noqa: E731
    # one tie to a target: (v, t, weight); the best target of each middle m (not a target)
    near = is_goal(dst)
    one = pd.DataFrame({"v": src[near], "t": dst[near], "w": wt[near]})
    mid = one[~is_goal(one["v"].to_numpy())].sort_values(["v", "w", "t"], ascending=[True, False, True])
    mid = mid.drop_duplicates("v").set_index("v")  # m -> its best (t, w)
    via_mid = np.isin(dst, mid.index.to_numpy()) & (src != dst)
    m = dst[via_mid]
    two = pd.DataFrame({"v": src[via_mid], "m": m, "w": wt[via_mid], "t": mid["t"].reindex(m).to_numpy(),
                        "w_t": mid["w"].reindex(m).to_numpy()})
    two = two[two["v"].to_numpy() != two["t"].to_numpy()]
    rows = [pd.DataFrame({"v": one["v"], "m": -1, "t": one["t"], "score": one["w"], "hops": 1}),
            pd.DataFrame({"v": two["v"], "m": two["m"], "t": two["t"], "score": two["w"] * two["w_t"], "hops": 2})]
    cand = pd.concat(rows, ignore_index=True)
    cand = cand[~is_goal(cand["v"].to_numpy())]  # a target's own path is [t]
    cand = cand.sort_values(["v", "score", "hops", "m", "t"], ascending=[True, False, True, True, True])
    out = {}
    for v, m, t, score in zip(*(cand.drop_duplicates("v")[c].tolist() for c in ("v", "m", "t", "score"))):
        out[int(v)] = (float(score), [int(v), int(t)] if m < 0 else [int(v), int(m), int(t)])
    if own:
        out.update({int(t): (1.0, [int(t)]) for t in goal})
    return out
