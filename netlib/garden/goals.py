"""Your own goals for the month, one checklist item each, progress counted from the month's data.

Goal schema (``settings["goals"]``, a list of objects)::

    {"text": "meet 3 people in product design",  # shown as the action; slug makes the key
     "kind": "meet",      # "meet" (new people), "give" (help given or intros made),
                          # or an interaction kind ("coffee", "call", ...)
     "tag": "design",     # optional: people tagged so (case-insensitive)
     "keyword": "design", # optional: word in their company, position or tags
     "count": 3}          # how many this month (default 1)
"""

from __future__ import annotations

import re
import numpy as np
import pandas as pd

from netlib.garden.checklist import ChecklistItem, kind_word, plural, said
from netlib.garden.graph import flatten
from netlib.garden.terms import Private
from netlib.garden.rings import met_within
from netlib.garden.reciprocity import gives_and_asks

__all__ = ["goals", "goal_key"]


def goal_key(text: str) -> str:
    """The checklist key of the goal written ``text``: ``goal:`` and its words, slugged.

    >>> goal_key("Meet 3 people in ML!")
    'goal:meet-3-people-in-ml'
    """
    return "goal:" + (re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "goal")


class _Words:
    """The words goals match people by, made once for all the month's goals: each person's
    tags, trimmed, any case, as codes of their distinct texts (a goal compares the few
    texts, not every person's tags); their "company position", any case."""

    def __init__(self, people: pd.DataFrame):
        self.people = people
        self._tags = self._text = None

    @property
    def tags(self) -> tuple[np.ndarray, np.ndarray, list]:
        """``(owner, code, texts)``: for every tag, its person's position in ``people`` and
        the code of its text among ``texts``, the texts
        ``people["tags"].explode().dropna().astype(str).str.strip().str.casefold()`` has."""
        if self._tags is None:
            owner, flat = flatten(self.people["tags"].to_numpy(dtype=object))  # owner: by position
            if set(map(type, flat)) <= {str}:  # text: as a rule
                code, raw = pd.factorize(flat)
                # trimmed and folded once per distinct text; two texts may fold to one
                folded, texts = pd.factorize(np.array([t.strip().casefold() for t in raw], dtype=object))
                code = folded[code] if len(code) else code
            else:  # anything else among the items: pandas' own way
                tags = pd.Series(flat, index=owner, dtype=object).dropna().astype(str).str.strip().str.casefold()
                owner = tags.index.to_numpy(dtype=np.int64)
                code, texts = pd.factorize(tags.to_numpy(dtype=object))
            self._tags = (owner, code, list(texts))
        return self._tags

    def tagged(self, chosen) -> np.ndarray:
        """Whether each person has a tag whose text (of :attr:`tags`' ``texts``) ``chosen`` says."""
        owner, code, texts = self.tags
        hit = np.zeros(len(texts), dtype=bool)
        hit[[i for i, text in enumerate(texts) if chosen(text)]] = True
        out = np.zeros(len(self.people), dtype=bool)
        out[owner[hit[code]]] = True
        return out

    @property
    def text(self) -> tuple[np.ndarray, list[str]]:
        """``(code, texts)``: each person's "company position", any case, as the code of its
        text among ``texts``, made once per distinct (company, position)."""
        if self._text is None:
            (company, companies), (position, positions) = (
                pd.factorize(self.people[c].fillna("").astype(str).to_numpy(dtype=object))
                for c in ("company", "position"))
            width = len(positions)
            code, pairs = pd.factorize(company.astype(np.int64) * width + position)  # no -1: nothing missing
            texts = [(companies[k // width] + " " + positions[k % width]).casefold() for k in pairs.tolist()]
            self._text = (code, texts)
        return self._text


def _matches(words: _Words, goal: dict) -> pd.Series:
    """People a goal's ``tag`` (exact, any case) and ``keyword`` (in company, position or tags) select."""
    people = words.people
    ok = pd.Series(True, index=people.index)
    if not goal.get("tag") and not goal.get("keyword"):
        return ok
    if goal.get("tag"):
        tag = goal["tag"].strip().casefold()
        ok &= words.tagged(lambda text: text == tag)
    if goal.get("keyword"):
        word = goal["keyword"].strip().casefold()
        tagged = words.tagged(lambda text: word in text)
        code, texts = words.text
        ok &= np.fromiter((word in text for text in texts), bool, len(texts))[code] | tagged
    return ok


def goals(people: pd.DataFrame, contacts: pd.DataFrame, as_of: pd.Timestamp, settings: dict) -> list[ChecklistItem]:
    """One item per goal of ``settings["goals"]``, progress counted from this month's data."""
    start = as_of.replace(day=1)
    goals = settings.get("goals", [])
    if not goals:
        return []
    date = contacts["date"].to_numpy()
    month_rows = contacts[(date >= start.to_datetime64()) & (date <= as_of.to_datetime64())]
    items, words, new = [], _Words(people), None
    for number, goal in enumerate(goals, 1):
        kind, count = goal.get("kind", "meet"), goal.get("count", 1)
        match = _matches(words, goal)
        if kind == "meet":
            new = met_within(people, start, as_of) if new is None else new
            ids = people.index[(new & match).to_numpy()].tolist()
            counted, nouns = len(ids), ("new person met", "new people met")
        else:
            rows = month_rows[month_rows["person_id"].isin(people.index[match.to_numpy()])]
            if kind == "give":
                rows = rows[gives_and_asks(rows["kind"], rows["direction"])[0]]
                nouns = ("give (help or an introduction)", "gives (help or introductions)")
            else:
                rows = rows[rows["kind"] == kind]
                nouns = (kind_word(kind), kind_word(kind) + "s")
            ids = sorted(set(rows["person_id"].tolist()))
            counted = rows["interaction_id"].nunique()
        names = [str(n) for n in people["name"].reindex(ids).tolist()]
        what = nouns[0] if (counted if counted >= count else count) == 1 else nouns[1]
        filters = ["tagged '{tag}'" for _ in [0] if goal.get("tag")]
        filters += ["matching '{keyword}'" for _ in [0] if goal.get("keyword")]
        if filters:
            what += " " + " and ".join(filters)
        shown = " (with {names}" + (f" and {plural(len(names) - 3, 'other')}" if len(names) > 3 else "") + ")"
        goal_n = int(count) if float(count).is_integer() else count
        if counted >= count:
            template = f"Reached: {counted} {what} this month, for a goal of {goal_n}"
        else:
            template = f"{counted} of {goal_n} {what} so far this month"
        template += (shown if names else "") + "."
        who = [Private("person", int(i), n) for i, n in zip(ids[:3], names[:3])]
        why, why_parts = said(template, names=(*[(w, ", ") for w in who[:-1]], *who[-1:]),
                              tag=Private("goal_tag", number, str(goal.get("tag", ""))),
                              keyword=Private("goal_keyword", number, str(goal.get("keyword", ""))))
        action, action_parts = said("{goal}", goal=Private("goal", number, str(goal["text"])))
        item = ChecklistItem(goal_key(goal['text']), "goals", [int(i) for i in ids], names, why,
                             action, None, max(0.0, 1.0 - counted / count),
                             parts={"why": why_parts, "action": action_parts})
        if counted >= count:
            item.state = "done"
        items.append(item)
    return items
