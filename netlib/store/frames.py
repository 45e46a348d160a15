"""Reading the store's tables into pandas frames, fast (for :meth:`netlib.store.core.Store.snapshot`).

Two ways, with the same result:

:func:`frame`
    ``fetchall`` and one column per field, typed as ``pandas.read_sql_query`` types them
    (int64, float64 when NULLs, text, object when all NULL), numbers typed by numpy at once.
:func:`packed` (in :mod:`netlib.store.packing`)
    For the big tables (interactions, participants, ties: 300,000 rows each at 30,000
    people) and people. A Python tuple per row and an object per value are most of
    ``fetchall``'s time, so SQLite packs each column into one text (``group_concat``) that
    numpy parses in C (:mod:`netlib.store.parsers`): numbers as they are, ISO dates as day numbers, text of a few
    distinct values (kinds, directions) as codes, and other text split by ``str.split``.
    It is taken only when the parse shows the column fits (integers are integers, dates
    are valid ``YYYY-MM-DD``, words are words of the vocabulary, no NULL where that would
    change the type pandas gives); otherwise the caller uses :func:`frame`. Rows come
    sorted by the columns the caller names, else in no promised order.

:func:`table` reads a table of the snapshot as :data:`TABLES` defines it (its columns,
order and types), for :func:`read_snapshot` and the incremental read
(:mod:`netlib.store.incremental`) alike.
"""

from __future__ import annotations

import contextlib
import gc

import numpy as np
import pandas as pd

from netlib.errors import StoreError
from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS, TIE_KINDS
from netlib.store.order import row_order
from netlib.store.packing import column, packed
from netlib.store.parsers import dates
from netlib.store.settings import merge
from netlib.store.snapshot import INTERACTION_COLUMNS, Snapshot

__all__ = ["frame", "table", "TABLES", "read_snapshot", "sorted_by", "no_gc"]


@contextlib.contextmanager
def no_gc():
    """Pause the cyclic garbage collector: fetching 300,000 row tuples otherwise triggers
    hundreds of collections, each walking every live object."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def frame(con, sql: str, date_columns=()) -> pd.DataFrame:
    """The rows of ``sql`` as a frame, typed as ``pandas.read_sql_query`` types them."""
    with no_gc():
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        columns = list(zip(*rows)) if rows else [()] * len(names)
        del rows
    df = pd.DataFrame({name: column(values) for name, values in zip(names, columns)})
    for col in date_columns:
        df[col] = dates(df[col])
    return df


# ------------------------------------------------------------------ the store as a snapshot

#: Each table as the snapshot holds it, the one definition the whole read
#: (:func:`read_snapshot`) and the incremental one (:mod:`netlib.store.incremental`) share:
#: its columns, each with its :func:`packed` kind (``None``: text or a number, read by
#: :func:`frame` only; a ``date`` kind is parsed by both), the ORDER BY of the snapshot's
#: rows (none: the caller sorts) and its 0/1 columns held as bool. :func:`read_snapshot`
#: reads people, interactions, participants and ties packed when it can.
TABLES = {
    "people": ({"id": "int"} | dict.fromkeys(["name", "first_name", "last_name", "company", "position",
                                              "linkedin_url", "notes", "birthday"], "text")
               | {"since": "date?", "ring_override": "int?", "cadence_override": "int?"}, "id", ()),
    "interactions": ({"id": "int", "date": "date", "kind": INTERACTION_KINDS, "direction": DIRECTIONS,
                      "event_id": "int?"}, "date, id", ()),
    "participants": ({"interaction_id": "int", "person_id": "int"}, "", ()),
    "ties": ({"a": "int", "b": "int", "kind": TIE_KINDS, "since": "date?", "weight": "real"}, "", ()),
    "events": ({"id": None, "name": None, "date": "date", "location": None, "notes": None}, "date, id", ()),
    "event_people": ({"event_id": None, "person_id": None, "learned": None, "followed_up": None,
                      "followed_up_on": "date?"}, "", ("followed_up",)),
    "checklist": ({"key": None, "month": None, "state": None, "until": "date?", "at": "date?"}, "", ()),
    "plans": ({"id": None, "person_id": None, "date": "date", "what": None, "kind": None, "created": "date",
               "cancelled": None}, "date, id", ("cancelled",)),
}


def table(con, name: str, rowids=None, *, summaries: bool = False) -> pd.DataFrame:
    """``name`` (a key of :data:`TABLES`) as the snapshot holds it, through :func:`frame`;
    ``rowids``: only those rows."""
    columns, order, flags = TABLES[name]
    dated = [c for c, kind in columns.items() if kind in ("date", "date?")]
    # the interactions with their text (summary, source) are the snapshot's columns; without, both are None
    selected = ", ".join(INTERACTION_COLUMNS if name == "interactions" and summaries else columns)
    where = "" if rowids is None else f" WHERE rowid IN ({', '.join(str(int(r)) for r in rowids)})"
    df = frame(con, f"SELECT {selected} FROM {name}{where}" + (f" ORDER BY {order}" if order else ""), dated)
    for col, kind in columns.items():
        if kind in ("int", "int?") and not pd.api.types.is_numeric_dtype(df[col]):
            _numbers_only(name, col, df[col])
    for col in flags:
        df[col] = df[col].astype(bool)
    if name == "interactions" and not summaries:
        _no_summaries(df)
    return df


def _numbers_only(table_name: str, column: str, values: pd.Series) -> None:
    """Raise a :class:`~netlib.errors.StoreError` naming the first value of an id column
    that is no number (text or bytes only SQL outside netlib can write there)."""
    bad = next((v for v in values.tolist() if v is not None and not isinstance(v, (int, float))), None)
    if bad is not None:
        # SQLite keeps text and BLOBs as such in an integer column: their type finds them all
        raise _changed_outside(table_name, column, bad, "a number", f"typeof({column}) IN ('text', 'blob')")


def _changed_outside(table_name: str, column: str, value, what: str, rows: str) -> StoreError:
    """The one line for a ``value`` netlib never writes in ``table_name``'s ``column`` (``what``: what it writes;
    ``rows``: how to find the rows, an SQL condition)."""
    return StoreError(f"the store's table {table_name} holds {str(value)[:40]!r} in its column {column}, where netlib "
                      f"writes {what}: the store was changed outside netlib; fix or delete those rows with sqlite3 (SELECT "
                      f"rowid, * FROM {table_name} WHERE {rows}), or import your last 'netlib export' into a new store")


def _no_summaries(interactions: pd.DataFrame) -> None:
    """The ``summary`` and ``source`` columns, all None, where a read with them has them."""
    for col in ("summary", "source"):  # where the snapshot's column list has them
        interactions.insert(INTERACTION_COLUMNS.index(col), col, pd.Series(None, index=interactions.index, dtype=object))


def read_snapshot(store, summaries: bool):
    """Every table of ``store`` as a :class:`~netlib.store.snapshot.Snapshot` (inside the
    caller's read transaction)."""
    con = store.con
    people = _people(store)
    if summaries:  # text the packed read does not take
        interactions = table(con, "interactions", summaries=True)
    else:
        interactions = _packed_or_table(con, "interactions", ("date", "id"))
    participants = _packed_or_table(con, "participants", ("interaction_id", "person_id"))
    return Snapshot(
        people=people, interactions=interactions, participants=participants, events=table(con, "events"),
        event_people=table(con, "event_people"), ties=_ties_frame(con), checklist=table(con, "checklist"),
        settings=merge(store.settings()), plans=table(con, "plans"),
    )


# ------------------------------------------------------------------ snapshot helpers

def _packed_or_table(con, name: str, by: tuple) -> pd.DataFrame:
    """``name`` as :func:`table` reads it, read :func:`packed` when it fits; its rows in the
    order of ``by`` either way (the packed read and an ORDER BY in :data:`TABLES` sort them,
    else they are sorted here: the key's order, usually read so)."""
    df = packed(con, name, TABLES[name][0], by=by)
    if df is None:
        df = table(con, name)
        return df if TABLES[name][1] else sorted_by(df, *by)
    if name == "interactions":
        _no_summaries(df)  # as table() has them
    return df


def _people(store) -> pd.DataFrame:
    """The people as the snapshot holds them: by id, with their lists of emails, phones and
    tags, the overrides as Int64."""
    people = _packed_or_table(store.con, "people", ("id",)).set_index("id")
    ids = people.index.tolist()
    with no_gc():  # 90,000 lists, most of them empty: each its own, as a person's list can be edited
        for name in ("emails", "phones", "tags"):
            grouped = store.person_lists(name)
            people[name] = [grouped.get(pid) or [] for pid in ids]
    people["ring_override"] = _nullable_ints(people["ring_override"])
    people["cadence_override"] = _nullable_ints(people["cadence_override"])
    return people


#: The overrides (ring, cadence in days) read are whole numbers of magnitude below this: a
#: float64, as an integer column beside a NULL is read, holds each of them exactly, and
#: above it no longer each one (2**53 + 1 is read as 2**53). netlib writes at most 36500.
_EXACT = 2**53


def _nullable_ints(values: pd.Series) -> pd.Series:
    """``values.astype("Int64")``, made directly when all are NULL (an object column of
    None, which astype converts one value at a time). A value that is not a whole number
    below :data:`_EXACT` (in size) is a :class:`~netlib.errors.StoreError`, whatever the
    other rows hold (beside a NULL such a number would be read changed)."""
    if values.dtype != object or values.notna().any():
        bad = []
        if values.dtype.kind == "f":  # beside a NULL: 2.5, inf or 2**63 would fail astype with a TypeError
            floats = values.dropna().to_numpy()
            bad = floats[(floats != np.round(floats)) | (np.abs(floats) >= _EXACT)].tolist()
        elif values.dtype.kind == "i":  # no NULL: exact, but held to the same limit
            ints = values.to_numpy()
            bad = ints[(ints >= _EXACT) | (ints <= -_EXACT)].tolist()
        elif values.dtype == object:  # text (the general read; the packed one declines it)
            bad = [v for v in values.dropna().tolist() if not isinstance(v, int) or not -_EXACT < v < _EXACT]
        if bad:
            at = values.index[values.isin(bad[:1])][0]  # the person's id (the people are indexed by it)
            raise _changed_outside("people", values.name, bad[0], "a whole number below 2**53", f"id = {at}")
        return values.astype("Int64")
    n = len(values)
    return pd.Series(pd.arrays.IntegerArray(np.ones(n, dtype=np.int64), np.ones(n, dtype=bool)), index=values.index,
                     name=values.name)


def sorted_by(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``df`` stably sorted by ``columns`` (the most significant first) with a fresh index,
    or ``df`` itself when its rows are in that order already (see :func:`netlib.store.order.row_order`)."""
    order = row_order(tuple(df[c].to_numpy() for c in reversed(columns)))
    return df if order is None else df.take(order).reset_index(drop=True)


def _ties_frame(con) -> pd.DataFrame:
    """Ties summed over their sources: one row per (a, b, kind), ``since`` the earliest and
    ``weight`` the sum, in (a, b, kind) order; as ``GROUP BY a, b, kind`` in SQL, but the
    grouping runs in pandas and only over pairs that more than one source recorded."""
    key = ["a", "b", "kind"]
    ties = packed(con, "ties", TABLES["ties"][0], by=tuple(key))  # kinds in their BINARY order
    if ties is not None:
        dup = _repeated(ties["a"].to_numpy(), ties["b"].to_numpy(), ties["kind"].to_numpy(dtype=object), ties.index)
    else:  # a table scan (no ORDER BY in TABLES): sorting here is faster
        ties = table(con, "ties")
        if not len(ties):
            return ties
        codes, kinds = pd.factorize(ties["kind"].to_numpy(dtype=object))
        if (codes >= 0).all() and all(isinstance(x, str) for x in kinds):
            # sort_values(key, kind="mergesort") as one stable lexsort of numbers
            rank = np.argsort(np.argsort(np.array(kinds, dtype=object), kind="stable"))  # SQLite's BINARY order
            a, b, k = ties["a"].to_numpy(), ties["b"].to_numpy(), rank[codes]
            order = row_order((k, b, a))
            if order is not None:
                ties = ties.take(order).reset_index(drop=True)
                a, b, k = a[order], b[order], k[order]
            dup = _repeated(a, b, k, ties.index)
        else:  # a NULL kind (no tie the store writes): pandas sorts
            ties = ties.sort_values(key, kind="mergesort", ignore_index=True)  # str order is SQLite's BINARY order
            dup = ties.duplicated(key, keep=False)
    if dup.any():
        agg = ties[dup].groupby(key, sort=False).agg(since=("since", "min"), weight=("weight", "sum"))
        ties = ties.drop_duplicates(key).set_index(key)
        ties.loc[agg.index, "since"] = agg["since"]
        ties.loc[agg.index, "weight"] = agg["weight"]
        ties = ties.reset_index()
    return ties


def _repeated(a: np.ndarray, b: np.ndarray, k: np.ndarray, index) -> pd.Series:
    """Of ties sorted by (a, b, k), those whose key another row shares, as
    ``duplicated(keep=False)`` marks them; the kinds are compared only where a and b repeat
    (rarely)."""
    same = (a[1:] == a[:-1]) & (b[1:] == b[:-1])
    pairs = np.flatnonzero(same)
    same[pairs] = k[pairs + 1] == k[pairs]
    return pd.Series(np.r_[same, False] | np.r_[False, same], index=index)
