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

__all__ = ["ledger", "COLUMNS"]

COLUMNS = ["given", "received", "intros_for", "intros_by", "balance"]


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
    def has(column, value):  # a hash lookup per row, not a Python string comparison
        return contacts[column].isin([value]).to_numpy()

    intro = has("kind", "intro")
    flags = pd.DataFrame({
        "person_id": contacts["person_id"].to_numpy(),
        "given": has("kind", "help_given"),
        "received": has("kind", "help_received"),
        "intros_for": intro & has("direction", "out"),
        "intros_by": intro & has("direction", "in"),
    })
    counts = flags.groupby("person_id")[COLUMNS[:4]].sum()
    out = counts.reindex(people_index, fill_value=0).astype("int64")
    out.index.name = "id"
    out["balance"] = (out["given"] + out["intros_for"]) - (out["received"] + out["intros_by"])
    return out.astype(np.int64)
