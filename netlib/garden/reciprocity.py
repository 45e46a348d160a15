"""The reciprocity ledger: what you and each person have done for each other.

Per person, counting interactions up to the as-of date:

- ``given``: ``help_given`` interactions with them;
- ``received``: ``help_received`` interactions with them;
- ``intros_for``: ``intro`` with direction ``out`` (you introduced them to someone);
- ``intros_by``: ``intro`` with direction ``in`` (they introduced you);
- ``balance = (given + intros_for) - (received + intros_by)``: negative means they have
  done more for you than you for them (the "give back" checklist).

Givers fare best when they give strategically (Grant 2013), and people underestimate how
willing others are to help when asked (Flynn & Lake 2008): the ledger nudges both ways.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.store.snapshot import positions

__all__ = ["ledger", "gives_and_asks", "COLUMNS"]

COLUMNS = ["given", "received", "intros_for", "intros_by", "balance"]


def gives_and_asks(kind, direction):
    """Which rows are gives (``help_given``, or an ``intro`` you made: direction ``out``) and
    which are asks (``help_received``, or an ``intro`` made for you: ``in``), as the month's
    numbers (:func:`netlib.garden.analysis.month_summary`) and the goals count them;
    ``kind`` and ``direction`` row by row (two Series or two arrays)."""
    intro = kind == "intro"
    gives = (kind == "help_given") | (intro & (direction == "out"))
    return gives, (kind == "help_received") | (intro & (direction == "in"))


def ledger(contacts: pd.DataFrame, people_index: pd.Index, *, kinds: tuple | None = None) -> pd.DataFrame:
    """The ledger for every person of ``people_index``.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Rows of :func:`netlib.garden.strength.contacts` already cut at the as-of date.
    people_index : pandas.Index
        Person ids; people without any give or ask get zeros.
    kinds : (codes, names), optional
        The kind of each row as codes of ``names`` (-1: none), when the caller has them
        (``contacts(..., kinds=True)``): then no row's kind is looked up by its text.

    Examples
    --------
    Two ``help_received`` and one ``help_given`` with the same person -> given 1,
    received 2, balance -1.
    """
    # Only the few rows of a give or an ask are looked at closely (one hash lookup per row
    # finds them, or one array lookup per row from the kinds' codes); each count is a
    # bincount over the people's positions.
    counted = ["help_given", "help_received", "intro"]
    if kinds is None:
        some = contacts["kind"].isin(counted).to_numpy()
        kind = np.asarray(contacts["kind"].array[some], dtype=object)
        given, received, intro = (kind == name for name in counted)
    else:
        codes, names = kinds
        names = list(names)
        code = [names.index(name) if name in names else -2 for name in counted]  # -2: no row has it
        wanted = np.zeros(len(names) + 1, dtype=bool)  # its last place stands for code -1: no kind
        wanted[[c for c in code if c >= 0]] = True
        some = wanted[codes]
        given, received, intro = (codes[some] == c for c in code)
    direction = np.asarray(contacts["direction"].array[some], dtype=object)
    at = positions(people_index, contacts["person_id"].to_numpy()[some])  # -1: not among them
    flags = {"given": given, "received": received,
             "intros_for": intro & (direction == "out"), "intros_by": intro & (direction == "in")}
    out = pd.DataFrame({name: np.bincount(at[flag & (at >= 0)], minlength=len(people_index)).astype(np.int64)
                        for name, flag in flags.items()}, index=people_index)
    out.index.name = "id"
    out["balance"] = (out["given"] + out["intros_for"]) - (out["received"] + out["intros_by"])
    return out.astype(np.int64)
