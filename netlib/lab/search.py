"""What explore's people search looks in, kept per garden so that typing costs little.

:class:`PeopleIndex` orders the garden's people strongest first and keeps, for each
person, their name, company, position and tags folded (accents ignored, lower case) in
one list; :meth:`PeopleIndex.find` remembers what each search found, so one more typed
letter looks again only among the previous matches and a deleted letter costs nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.importers.normalise import fold

__all__ = ["PeopleIndex", "ANY"]

ANY = "any"
KEPT = 100  # searches remembered per garden


class PeopleIndex:
    """The search box's view of ``people`` (a garden's people frame).

    >>> index = PeopleIndex(garden.people)            # doctest: +SKIP
    >>> index.people.iloc[index.mask("josé", ring=2)]  # doctest: +SKIP
    """

    def __init__(self, people: pd.DataFrame):
        self.source = people
        self.people = people.sort_values(["ring", "strength"], ascending=[True, False])
        p = self.people

        def text(column):
            return p[column].fillna("").astype(str).tolist()

        hay = [f"{n} {c} {q} {' '.join(t)}" for n, c, q, t in
               zip(text("name"), text("company"), text("position"), p["tags"].tolist())]
        folded = {}  # each word folded once: names and companies repeat

        def fold_words(h):
            return " ".join(folded[w] if w in folded else folded.setdefault(w, fold(w)) for w in h.split(" "))

        self.hay = [h.lower() if h.isascii() else fold_words(h) for h in hay]  # "jose" finds "José"
        self._found = {}
        self._tagged = {}  # tag -> who carries it: a keystroke with a tag chosen does not look again

    def find(self, text: str) -> np.ndarray:
        """Positions (in :attr:`people` order) of the people whose folded name, company,
        position or tags contain ``text`` (already folded); all of them for ``""``."""
        if not text:
            return np.arange(len(self.hay))
        if text not in self._found:
            shorter = max((k for k in self._found if k in text), key=len, default=None)
            within = self._found[shorter] if shorter is not None else range(len(self.hay))
            hits = np.fromiter((text in self.hay[i] for i in within), bool, len(within))
            if len(self._found) >= KEPT:
                self._found.clear()
            self._found[text] = (np.flatnonzero(hits) if shorter is None else within[hits])
        return self._found[text]

    def mask(self, search: str = "", *, ring=ANY, health=ANY, tag=ANY, cluster=ANY) -> np.ndarray:
        """True for each person (in :attr:`people` order) matching the search (folded here)
        and every filter that is not :data:`ANY`."""
        p = self.people
        text = fold(search.strip())
        mask = np.zeros(len(p), bool)
        mask[self.find(text)] = True
        if ring != ANY:
            mask &= p["ring"].to_numpy() == ring
        if health != ANY:
            mask &= p["health"].to_numpy() == health
        if tag != ANY:
            if tag not in self._tagged:
                if len(self._tagged) >= KEPT:  # the dropdown offers the garden's tags; Python may ask any
                    self._tagged.clear()
                self._tagged[tag] = np.fromiter((tag in ts for ts in p["tags"].tolist()), bool, len(p))
            mask &= self._tagged[tag]
        if cluster != ANY:
            mask &= p["cluster"].to_numpy() == cluster
        return mask
