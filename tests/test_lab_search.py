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


# ---------------------------------------------------------------- typing at random, against brute force

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netlib.importers.normalise import fold  # noqa: E402
from netlib.lab.search import ANY, KEPT  # noqa: E402

#: Letters that fold (accents, ß, Σ, ligatures), regex and HTML characters, spaces of two kinds.
LETTERS = "aAnNeEoOsSéÉñÑßΣσςﬁ .*+?()[]\\^$|<>&'\"\u00a0\u0301-"
words = st.text(LETTERS, max_size=8)
people_rows = st.lists(st.tuples(words, st.one_of(st.none(), words), st.one_of(st.none(), words),
                                 st.lists(words.filter(bool), max_size=2), st.integers(1, 3), st.sampled_from("ab")),
                       min_size=1, max_size=12)
# each step: type a letter, delete the last one, paste a word, or clear
steps = st.lists(st.one_of(st.sampled_from(LETTERS), st.just("DEL"), st.just("CLEAR"), words.map(lambda w: ("PASTE", w))),
                 max_size=40)


def _brute(frame, search, ring, tag):
    text = fold(search.strip())
    keep = []
    for name, company, position, tags, r in zip(frame["name"], frame["company"], frame["position"], frame["tags"],
                                                 frame["ring"]):
        hay = " ".join([v if isinstance(v, str) else "" for v in (name, company, position)] + [" ".join(tags)])
        keep.append(text in fold(hay) and (ring == ANY or r == ring) and (tag == ANY or tag in tags))
    return np.array(keep, bool)


@settings(max_examples=300, deadline=None)
@given(people_rows, steps, st.sampled_from([ANY, 1, 2]), st.sampled_from([ANY, "a", "é"]))
def test_random_typing_matches_a_brute_force_substring_search(rows, keys, ring, tag):
    frame = pd.DataFrame({"name": [r[0] for r in rows], "company": [r[1] for r in rows],
                          "position": [r[2] for r in rows], "tags": [r[3] for r in rows],
                          "ring": [r[4] for r in rows], "strength": np.linspace(0, 1, len(rows)),
                          "health": "thriving", "cluster": [r[5] for r in rows]})
    index = PeopleIndex(frame)
    text = ""
    for key in keys:
        text = (text[:-1] if key == "DEL" else "" if key == "CLEAR" else text + key[1] if isinstance(key, tuple)
                else text + key)
        assert np.array_equal(index.mask(text, ring=ring, tag=tag), _brute(index.people, text, ring, tag)), text


def test_a_full_memory_of_searches_starts_again_and_stays_right():
    index = PeopleIndex(PEOPLE)
    for k in range(3 * KEPT):
        text = "an"[: k % 3] + "x" * (k // 3 % 4)
        assert np.array_equal(index.mask(text), PeopleIndex(PEOPLE).mask(text)), text
    assert len(index._found) <= KEPT


def test_tags_asked_from_python_are_remembered_within_the_same_bound():
    """The notebook's dropdown offers only the garden's tags, but Python may ask any tag:
    the per-tag masks are bounded as the searches are, and stay right after starting again."""
    index = PeopleIndex(PEOPLE)
    for k in range(3 * KEPT):
        tag = f"never-a-tag-{k}" if k % 2 else "ml"
        assert np.array_equal(index.mask("", tag=tag), _brute(index.people, "", ANY, tag)), tag
    assert len(index._tagged) <= KEPT
