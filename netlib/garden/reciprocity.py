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


def ledger(contacts: pd.DataFrame, people_index: pd.Index) -> pd.DataFrame:
    """The ledger for every person of ``people_index``.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Rows of :func:`netlib.garden.strength.contacts` already cut at the as-of date.
    people_index : pandas.Index
        Person ids; people without any give or ask get zeros.

    Examples
    --------
    Two ``help_received`` and one ``help_given`` with the same person -> given 1,
    received 2, balance -1.
    """
    # Only the few rows of a give or an ask are looked at closely (one hash lookup per row
    # finds them); each count is a bincount over the people's positions.
    some = contacts["kind"].isin(["help_given", "help_received", "intro"]).to_numpy()
    kind = np.asarray(contacts["kind"].to_numpy()[some], dtype=object)
    direction = np.asarray(contacts["direction"].to_numpy()[some], dtype=object)
    at = positions(people_index, contacts["person_id"].to_numpy()[some])  # -1: not among them
    intro = kind == "intro"
    flags = {"given": kind == "help_given", "received": kind == "help_received",
             "intros_for": intro & (direction == "out"), "intros_by": intro & (direction == "in")}
    out = pd.DataFrame({name: np.bincount(at[flag & (at >= 0)], minlength=len(people_index)).astype(np.int64)
                        for name, flag in flags.items()}, index=people_index)
    out.index.name = "id"
    out["balance"] = (out["given"] + out["intros_for"]) - (out["received"] + out["intros_by"])
    return out.astype(np.int64)
