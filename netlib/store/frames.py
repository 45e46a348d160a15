"""Reading the store's tables into pandas frames, fast (for :meth:`netlib.store.core.Store.snapshot`).

Two ways, with the same result:

:func:`frame`
    ``fetchall`` and one column per field, typed as ``pandas.read_sql_query`` types them
    (int64, float64 when NULLs, text, object when all NULL), at about half its cost.
:func:`packed`
    For the big tables (interactions, participants, ties: 300,000 rows each at 30,000
    people). A Python tuple per row and an object per value are most of ``fetchall``'s
    time, so SQLite packs each column into one text (``group_concat``) that numpy parses
    in C: numbers as they are, ISO dates as day numbers, and text of a few distinct
    values (kinds, directions) as codes. It is taken only when one scan shows the
    column fits (integers are integers, dates are valid ``YYYY-MM-DD``, no NULL where
    that would change the type pandas gives); otherwise the caller uses :func:`frame`.
    Rows come in no promised order: callers sort.
"""

from __future__ import annotations

import contextlib
import sqlite3
import warnings

import numpy as np
import pandas as pd

from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS, TIE_KINDS
from netlib.store.settings import merge
from netlib.store.snapshot import Snapshot
import gc

__all__ = ["frame", "packed", "dates", "table", "TABLES"]

_UNIX_EPOCH_JULIAN_DAY = 2440587.5


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


def dates(values) -> pd.Series:
    """ISO dates as ``datetime64`` (unparsable text becomes NaT), as ``pd.to_datetime``
    with ``errors="coerce"`` gives them, but through the fast fixed-format parser when
    every value is a plain ``YYYY-MM-DD`` date (the store writes them so)."""
    try:
        return pd.to_datetime(values, format="%Y-%m-%d")
    except (ValueError, TypeError):
        return pd.to_datetime(values, errors="coerce")


def frame(con, sql: str, date_columns=()) -> pd.DataFrame:
    """The rows of ``sql`` as a frame, typed as ``pandas.read_sql_query`` types them."""
    with no_gc():
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        columns = list(zip(*rows)) if rows else [()] * len(names)
        del rows
    df = pd.DataFrame({name: _column(values) for name, values in zip(names, columns)})
    for col in date_columns:
        df[col] = dates(df[col])
    return df


def _column(values: tuple):
    """One fetched column as pandas would type it: numbers straight through numpy (a
    fraction of pandas' inference on 300,000 ints), anything else (text, NULLs) by pandas."""
    if values and type(values[0]) in (int, float):
        array = np.array(values)
        if array.dtype.kind in "if":  # all ints: int64; ints and floats: float64, as pandas
            return array
    return pd.Series(values, dtype=None if len(values) else object)


def packed(con, table: str, columns: dict) -> pd.DataFrame | None:
    """``table``'s ``columns`` as a frame equal to :func:`frame`'s (dates parsed), or
    ``None`` when a column does not fit the packed read (see the module docstring).

    ``columns`` maps a column to its kind: ``"int"`` (INTEGER NOT NULL), ``"int?"``
    (integer or NULL: int64, or float64 with NaN), ``"real"`` (a number, NOT NULL),
    ``"date"`` (ISO date; ``"date?"``: or NULL, NaT) or a tuple of the text values the
    column may hold (NOT NULL; kinds, directions).

    The checks are made on the packed text in numpy rather than per row in SQL (where
    each function call costs more than the whole parse here): a number that is not an
    integer stops the parse short, a date must be exactly ``YYYY-MM-DD`` and a real day.
    """
    packs = []
    for name, kind in columns.items():
        c = f'"{name}"'
        if kind == "int":  # a NULL is left out (too few numbers); anything but an integer stops the parse
            packs.append(f"group_concat({c})")
        elif kind == "int?":  # NULL as nan; text (even 'nan') as x, which stops the parse
            packs.append(f"group_concat(CASE WHEN {c} IS NULL THEN 'nan' WHEN typeof({c}) = 'text' THEN 'x' "
                         f"ELSE {c} END)")
        elif kind == "real":  # SQLite's float to text is not exact: see _reals
            packs.append(f"group_concat(rowid) || ';' || group_concat(CASE WHEN {_BINARY.format(c=c)} "
                         f"THEN CAST({c} * {_SCALE} AS INTEGER) ELSE 'nan' END)")
        elif kind in ("date", "date?"):
            packs.append(f"group_concat(ifnull({c}, '{_NO_DATE}'))")
        else:  # a vocabulary: the text itself (NULL as '', in no vocabulary), coded by _codes
            packs.append(f"group_concat(ifnull({c}, ''))")
    try:  # one scan: the count and the packed columns together (NULLs are counted in the parse)
        total, *texts = con.execute(f"SELECT count(*), {', '.join(packs)} FROM {table}").fetchone()
    except sqlite3.OperationalError:  # text that is not UTF-8
        return None
    if not total or any(text is None for text in texts):
        return None  # no rows, or a column all NULL (the general read types it as pandas does)
    out = {}
    for (name, kind), text in zip(columns.items(), texts):
        if kind in ("date", "date?"):
            values = _iso_days(text, total, kind == "date?")
            if values is None:
                return None
            out[name] = pd.Series(values.astype(_DATE_TYPE))
            continue
        if kind == "real":
            out[name] = _reals(con, table, name, text, total)
            if out[name] is None:
                return None
            continue
        if isinstance(kind, tuple):
            vocabulary = sorted(kind)
            codes = _codes(text, total, vocabulary)
            if codes is None:
                return None  # a value outside the vocabulary
            out[name] = pd.Series(np.array(vocabulary, dtype=object)[codes],
                                  dtype=pd.Series(vocabulary).dtype)  # the type pandas gives these strings
            continue
        nulls = kind == "int?" and "nan" in text  # then float64 with NaN, as pandas has it
        numbers = _numbers(text, np.float64 if nulls else np.int64, total)
        if numbers is None or (nulls and np.isnan(numbers).all()):
            return None  # (all NULL: object, as the general read has it)
        out[name] = numbers
    return pd.DataFrame(out)


def _codes(text: str, total: int, vocabulary: list) -> np.ndarray | None:
    """The position in ``vocabulary`` (sorted) of each of ``total`` comma-separated values,
    or None unless each is exactly one of its words (no comma in any of them).

    A ``CASE`` in SQL compares each row with the words one by one; here numpy finds each
    value's candidate word by its length, first and last byte, then compares the value's
    first and last eight bytes (all of a word of up to 16) with the word's."""
    words = [w.encode("utf-8") for w in vocabulary]
    if not words or min(map(len, words)) == 0 or max(map(len, words)) > 16:
        return None
    keys = np.array([(len(w) << 16) | (w[0] << 8) | w[-1] for w in words], dtype=np.int64)
    if len(set(keys.tolist())) < len(words):
        return None  # words the key does not tell apart: the general read
    order = np.argsort(keys)
    buffer = text.encode("utf-8") + b"," + bytes(8)
    raw = np.frombuffer(buffer, dtype=np.uint8)[:-8]
    ends = np.flatnonzero(raw == ord(","))  # each value's comma
    if len(ends) != total:
        return None  # a comma inside a value
    starts = np.empty(total, dtype=np.int64)
    starts[0], starts[1:] = 0, ends[:-1] + 1
    lengths = ends - starts
    key = (lengths << 16) | (raw[starts].astype(np.int64) << 8) | raw[np.maximum(ends - 1, 0)]
    at = order[np.searchsorted(keys[order], key).clip(max=len(words) - 1)]
    if (keys[at] != key).any():
        return None
    # eight bytes from every offset (unaligned little-endian words over the same buffer)
    eights = np.ndarray((len(raw),), dtype="<u8", buffer=buffer, strides=(1,))
    head = np.array([int.from_bytes(w[:8], "little") for w in words], dtype=np.uint64)
    tail = np.array([int.from_bytes(w[-8:], "little") if len(w) > 8 else 0 for w in words], dtype=np.uint64)
    mask = np.array([(1 << 8 * min(len(w), 8)) - 1 for w in words], dtype=np.uint64)
    if ((eights[starts] & mask[at]) != head[at]).any():
        return None
    long = lengths > 8
    if long.any() and (eights[ends[long] - 8] != tail[at[long]]).any():
        return None
    return at


def _numbers(text: str, dtype, total: int) -> np.ndarray | None:
    """``total`` comma-separated numbers parsed as ``dtype``, or None (fewer, or not numbers)."""
    try:
        with warnings.catch_warnings():  # a value that is no integer ends the parse early
            warnings.simplefilter("ignore", DeprecationWarning)  # (older numpy warns, newer raises)
            numbers = np.fromstring(text, dtype=dtype, sep=",")
    except ValueError:
        return None
    return numbers if len(numbers) == total else None


#: A packed REAL column: a binary fraction (weights of 1 or 0.5, most of them) travels exactly
#: as the integer ``value * 2**20``; any other value (0 too: its sign) is read by rowid.
_SCALE = 1 << 20
_BINARY = "typeof({c}) = 'real' AND {c} <> 0 AND {c} * %d = CAST({c} * %d AS INTEGER)" % (_SCALE, _SCALE)


#: Up to this many values of a REAL column that are no binary fraction are fetched by rowid.
_BY_ROWID = 10_000


def _reals(con, table: str, name: str, text: str, total: int) -> np.ndarray | None:
    """A ``"real"`` column of :func:`packed` (``text``: the rowids, ``;``, the scaled values
    or ``nan``) as float64, the values exactly as fetched; ``None`` if one is no number."""
    rowids, _, scaled = text.partition(";")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            rowid = np.fromstring(rowids, dtype=np.int64, sep=",")
            values = np.fromstring(scaled, dtype=np.float64, sep=",") / _SCALE
    except ValueError:
        return None
    if len(rowid) != total or len(values) != total:
        return None
    other = np.flatnonzero(np.isnan(values))
    if len(other):  # the rest, fetched as Python numbers: by rowid when few, else in one more scan
        c = f'"{name}"'
        which = (f"rowid IN ({', '.join(map(str, rowid[other].tolist()))})" if len(other) <= _BY_ROWID
                 else f"NOT ({_BINARY.format(c=c)})")
        rows = con.execute(f"SELECT rowid, {c} FROM {table} WHERE {which} ORDER BY rowid").fetchall()
        fetched = np.array([r[1] for r in rows])
        if len(rows) != len(other) or fetched.dtype.kind not in "if":
            return None
        found = np.array([r[0] for r in rows], dtype=np.int64)
        at = np.searchsorted(found, rowid[other]).clip(max=len(found) - 1)
        if (found[at] != rowid[other]).any():
            return None
        values[other] = fetched[at]
    return values


#: Stands for NULL in a packed date column (ten characters, as every date there).
_NO_DATE = "__________"
#: The type :func:`dates` gives plain ISO dates.
_DATE_TYPE = dates(pd.Series(["2000-01-01"])).dtype


def _iso_days(text: str, total: int, nullable: bool) -> np.ndarray | None:
    """``total`` comma-separated ``YYYY-MM-DD`` dates (or :data:`_NO_DATE`, NaT, if
    ``nullable`` and not all) as ``datetime64[D]``, or ``None`` unless every one is a real
    day of years 1000-2999. In integers: the digits as bytes, the day number by the
    civil-calendar formula (March-based years, 400-year eras)."""
    try:
        raw = np.frombuffer((text + ",").encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:
        return None
    if raw.size != 11 * total:
        return None
    rec = raw.reshape(total, 11)
    missing = rec[:, 0] == ord("_")
    nulls = int(np.count_nonzero(missing))
    if (nulls and not nullable) or nulls == total or (nulls and (rec[missing, :10] != ord("_")).any()):
        return None
    d = rec[:, :10] - np.uint8(ord("0"))  # a digit's value; any other byte wraps above 9 ('-': 253)
    shaped = ((rec[:, 10] == ord(",")) & (d[:, 4] == 253) & (d[:, 7] == 253)
              & (np.count_nonzero(d <= 9, axis=1) == 8) & (d[:, 0] >= 1) & (d[:, 0] <= 2))
    if not (shaped | missing).all():
        return None
    digit = [d[:, k].astype(np.int32) for k in range(10)]
    year = digit[0] * 1000 + digit[1] * 100 + digit[2] * 10 + digit[3]
    month = digit[5] * 10 + digit[6]
    day = digit[8] * 10 + digit[9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    longest = _MONTH_DAYS[np.clip(month, 0, 12)] + ((month == 2) & leap)
    if not (missing | ((month >= 1) & (month <= 12) & (day >= 1) & (day <= longest))).all():
        return None  # 2026-02-31 and the like: pandas reads the column differently (NaT)
    march_year = year - (month <= 2)
    era, of_era = march_year // 400, march_year % 400
    of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    days = (era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468).astype(np.int64)
    days[missing] = np.iinfo(np.int64).min  # NaT
    return days.view("datetime64[D]")


#: Days of each month (index 1-12; February of a common year).
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)


# ------------------------------------------------------------------ the store as a snapshot

#: Each table as the snapshot holds it, the one definition the whole read
#: (:func:`read_snapshot`) and the incremental one (:mod:`netlib.store.incremental`) share:
#: its columns, each with its :func:`packed` kind (``None``: text or a number, read by
#: :func:`frame` only; a ``date`` kind is parsed by both), the ORDER BY of the snapshot's
#: rows (none: the caller sorts) and its 0/1 columns held as bool.
TABLES = {
    "people": (dict.fromkeys(["id", "name", "first_name", "last_name", "company", "position", "linkedin_url",
                              "notes", "birthday"]) | {"since": "date?", "ring_override": None,
                                                       "cadence_override": None}, "id", ()),
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
#: The interactions' columns with their text (``summaries=True``); without, both are None.
_SUMMARIES = "id, date, kind, direction, summary, event_id, source"


def table(con, name: str, rowids=None, *, summaries: bool = False) -> pd.DataFrame:
    """``name`` (a key of :data:`TABLES`) as the snapshot holds it, through :func:`frame`;
    ``rowids``: only those rows."""
    columns, order, flags = TABLES[name]
    dated = [c for c, kind in columns.items() if kind in ("date", "date?")]
    selected = _SUMMARIES if name == "interactions" and summaries else ", ".join(columns)
    where = "" if rowids is None else f" WHERE rowid IN ({', '.join(str(int(r)) for r in rowids)})"
    df = frame(con, f"SELECT {selected} FROM {name}{where}" + (f" ORDER BY {order}" if order else ""), dated)
    for col in flags:
        df[col] = df[col].astype(bool)
    if name == "interactions" and not summaries:
        _no_summaries(df)
    return df


def _no_summaries(interactions: pd.DataFrame) -> None:
    """The ``summary`` and ``source`` columns, all None, where a read with them has them."""
    interactions.insert(4, "summary", pd.Series(None, index=interactions.index, dtype=object))
    interactions["source"] = pd.Series(None, index=interactions.index, dtype=object)


def read_snapshot(store, summaries: bool):
    """Every table of ``store`` as a :class:`~netlib.store.snapshot.Snapshot` (inside the
    caller's read transaction)."""
    con = store.con
    people = table(con, "people").set_index("id")
    with no_gc():  # 90,000 lists, most of them empty: each its own, as a person's list can be edited
        for name in ("emails", "phones", "tags"):
            grouped = store.person_lists(name)
            people[name] = [grouped.get(pid) or [] for pid in people.index.tolist()]
    people["ring_override"] = people["ring_override"].astype("Int64")
    people["cadence_override"] = people["cadence_override"].astype("Int64")
    interactions = None if summaries else packed(con, "interactions", TABLES["interactions"][0])
    if interactions is None:
        interactions = table(con, "interactions", summaries=summaries)
    else:  # packed rows come in no order: sort as ORDER BY date, id
        order = _lexsort((interactions["id"].to_numpy(), interactions["date"].to_numpy()))
        if order is not None:
            interactions = interactions.take(order).reset_index(drop=True)
        _no_summaries(interactions)
    participants = packed(con, "participants", TABLES["participants"][0])
    if participants is None:
        participants = table(con, "participants")
    order = _lexsort((participants["person_id"].to_numpy(), participants["interaction_id"].to_numpy()))
    if order is not None:  # as the primary key orders them (the table is usually read so)
        participants = participants.take(order).reset_index(drop=True)
    return Snapshot(
        people=people, interactions=interactions, participants=participants, events=table(con, "events"),
        event_people=table(con, "event_people"), ties=_ties_frame(con), checklist=table(con, "checklist"),
        settings=merge(store.settings()), plans=table(con, "plans"),
    )


# ------------------------------------------------------------------ snapshot helpers


def _lexsort(keys: tuple) -> np.ndarray | None:
    """``np.lexsort(keys)`` (the last key first), or ``None`` when the rows are in that
    order already (tables are often read in key order, and a stable sort of sorted rows
    changes nothing).

    Keys of integers (or of whole days) whose ranges multiply, with the row count, to less
    than 2**63 are folded into one int64 per row, the row's position last: one comparison
    says whether the rows are in order, and one ``argsort`` of unique numbers (any
    algorithm gives the stable order) is a fraction of ``np.lexsort``'s time."""
    n = len(keys[0]) if keys else 0
    folded = _folded(keys, n)
    if folded is not None:
        return None if (folded[1:] > folded[:-1]).all() else np.argsort(folded)
    ok = None
    for key in keys:  # from the least significant; equal rows keep their order
        later = key[1:] > key[:-1] if ok is not None else key[1:] >= key[:-1]
        ok = later if ok is None else later | ((key[1:] == key[:-1]) & ok)
    return None if ok is None or ok.all() else np.lexsort(keys)


def _folded(keys: tuple, n: int) -> np.ndarray | None:
    """``keys`` and the row position as one int64 per row, in the same order, or None."""
    if n < 2:
        return None
    numbers, span = [], n
    for key in keys:
        if key.dtype.kind == "M":
            day = int(np.timedelta64(1, "D") / np.timedelta64(1, np.datetime_data(key.dtype)[0]))
            key = key.view(np.int64)
            if key.min() == np.iinfo(np.int64).min or (day > 1 and (key % day).any()):
                return None  # NaT (lexsort puts it last) or not whole days
            key = key // day
        elif key.dtype.kind not in "iu":
            return None
        low, high = int(key.min()), int(key.max())
        span *= high - low + 1
        if span >= 2**62:
            return None
        numbers.append((key, low, high - low + 1))
    folded = np.zeros(n, dtype=np.int64)
    for key, low, width in reversed(numbers):  # the most significant first
        folded *= width
        folded += key.astype(np.int64) - low
    folded *= n
    folded += np.arange(n)
    return folded


def _ties_frame(con) -> pd.DataFrame:
    """Ties summed over their sources: one row per (a, b, kind), ``since`` the earliest and
    ``weight`` the sum, in (a, b, kind) order; as ``GROUP BY a, b, kind`` in SQL, but the
    grouping runs in pandas and only over pairs that more than one source recorded."""
    ties = packed(con, "ties", TABLES["ties"][0])
    was_packed = ties is not None
    if not was_packed:  # a table scan: sorting here is faster than ORDER BY
        ties = frame(con, f"SELECT {', '.join(TABLES['ties'][0])} FROM ties")
    key = ["a", "b", "kind"]
    if len(ties):
        codes, kinds = pd.factorize(ties["kind"].to_numpy(dtype=object))
        if (codes >= 0).all() and all(isinstance(x, str) for x in kinds):
            # sort_values(key, kind="mergesort") as one stable lexsort of numbers
            rank = np.argsort(np.argsort(np.array(kinds, dtype=object), kind="stable"))  # SQLite's BINARY order
            a, b, k = ties["a"].to_numpy(), ties["b"].to_numpy(), rank[codes]
            order = _lexsort((k, b, a))
            if order is not None:
                ties = ties.take(order).reset_index(drop=True)
                a, b, k = a[order], b[order], k[order]
            same = (a[1:] == a[:-1]) & (b[1:] == b[:-1]) & (k[1:] == k[:-1])
            dup = pd.Series(np.r_[same, False] | np.r_[False, same], index=ties.index)  # duplicated(keep=False)
        else:  # a NULL kind (no tie the store writes): pandas sorts
            ties = ties.sort_values(key, kind="mergesort", ignore_index=True)  # str order is SQLite's BINARY order
            dup = ties.duplicated(key, keep=False)
        if dup.any():
            agg = ties[dup].groupby(key, sort=False).agg(since=("since", "min"), weight=("weight", "sum"))
            ties = ties.drop_duplicates(key).set_index(key)
            ties.loc[agg.index, "since"] = agg["since"]
            ties.loc[agg.index, "weight"] = agg["weight"]
            ties = ties.reset_index()
    if not was_packed:
        ties["since"] = dates(ties["since"])
    return ties

