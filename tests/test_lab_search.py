"""netlib.lab.search: what explore's search box finds, and that typing narrows it correctly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.lab.search import PeopleIndex

# Five people, written out so each search's answer can be read off by hand.
PEOPLE = pd.DataFrame({
    "name": ["Ann Lee", "Anna Berg", "Joanne Fox", "José Ruiz", "Bob Stone"],
    "company": ["Acme", "", None, "Danone", "Annex Ltd"],
    "position": ["CTO", "", "", "chef", ""],
    "tags": [["founder"], [], ["investor"], [], []],
    "ring": [2, 1, 3, 2, 1],
    "strength": [0.5, 0.9, 0.7, 0.8, 0.1],
    "health": ["thriving", "needs water", "thriving", "dormant", "thriving"],
    "cluster": [0, 1, 0, 1, 0],
}, index=[11, 12, 13, 14, 15])


def _names(index, mask):
    return index.people["name"][mask].tolist()


def test_people_come_strongest_first_and_every_search_matches_by_hand():
    index = PeopleIndex(PEOPLE)
    assert index.people.index.tolist() == [12, 15, 14, 11, 13]  # ring 1 then 2 then 3, strongest first
    assert _names(index, index.mask("")) == ["Anna Berg", "Bob Stone", "José Ruiz", "Ann Lee", "Joanne Fox"]
    assert _names(index, index.mask("ANN")) == ["Anna Berg", "Bob Stone", "Ann Lee", "Joanne Fox"]  # Annex Ltd
    assert _names(index, index.mask("jose")) == ["José Ruiz"]  # accents ignored
    assert _names(index, index.mask("josé")) == ["José Ruiz"]
    assert _names(index, index.mask("investor")) == ["Joanne Fox"]  # tags
    assert _names(index, index.mask("none")) == ["José Ruiz"]  # Danone; Joanne's missing company is not "None"
    assert _names(index, index.mask("nan")) == []  # nor "nan"
    assert _names(index, index.mask("an", ring=1)) == ["Anna Berg", "Bob Stone"]
    assert _names(index, index.mask("", health="thriving", cluster=0)) == ["Bob Stone", "Ann Lee", "Joanne Fox"]
    assert _names(index, index.mask("", tag="founder")) == ["Ann Lee"]


def test_typing_and_deleting_letters_finds_what_a_fresh_search_finds():
    """Each letter narrows the shorter search's matches, a deleted letter reuses them:
    the answers must be those of an index that never saw the earlier searches."""
    typed = PeopleIndex(PEOPLE)
    for text in ["a", "an", "ann", "anne", "ann", "an", "a", "", "n", "ne", "one", "on", "o", "jo", "jos", "x"]:
        fresh = PeopleIndex(PEOPLE)
        assert np.array_equal(typed.mask(text), fresh.mask(text)), text
    assert _names(typed, typed.mask("one")) == ["Bob Stone", "José Ruiz"]  # Stone, Danone (not Joanne)
