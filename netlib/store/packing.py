"""The packed read of :mod:`netlib.store.frames` (:func:`packed`): a big table's columns
each packed by SQLite into one text (``group_concat``) in one scan, then parsed by numpy
(:mod:`netlib.store.parsers`). See :mod:`netlib.store.frames` for when each read is taken.

Most of the read's time is SQLite's work for each row and each value of the scan, so the
SQL does as little per row as it can (figures in ``benchmarks/read_bench.py``):

- no function calls besides the packing: the checks are comparisons, the rest is done on
  the packed text in numpy;
- a rowid key (``id INTEGER PRIMARY KEY``) holding every integer from its least to its
  greatest value is not packed at all: the scan (``NOT INDEXED``: the table's own b-tree)
  visits rows in rowid order, so the column is that range;
- a nullable integer column (an interaction's event: NULL in most rows) packs only its
  values, each after its row's key (a ``FILTER`` skips the NULL rows);
- two small integer keys travel as one number, the real weights 1 and 0.5 as constants;
- BLOBs (group_concat reads a BLOB's bytes as text, b'12' as 12, where the general read
  gives bytes) are found by comparisons: text and BLOBs sort above every number and a BLOB
  above all text, so ``c < ''`` says "a number" and ``c < x''`` "no BLOB". A row that
  fails such a check (or holds NULL where its column may not) is left out of the scan by
  its WHERE clause, so the scan's count falls short of the table's and the read declines.
  A column that leads an index needs no check per row: its greatest value, the index's
  last entry, is a BLOB if any value is.
"""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd

from netlib.store import parsers
from netlib.store.order import row_order

__all__ = ["packed", "column"]


def packed(con, table: str, columns: dict, by: tuple = ()) -> pd.DataFrame | None:
    """``table``'s ``columns`` as a frame equal to :func:`netlib.store.frames.frame`'s
    (dates parsed), or ``None`` when a column does not fit the packed read; its rows stably
    sorted by the columns ``by`` (the most significant first; a vocabulary column by its
    text's BINARY order), else in no promised order.

    ``columns`` maps a column to its kind: ``"int"`` (INTEGER NOT NULL), ``"int?"``
    (integer or NULL: int64, or float64 with NaN; all NULL: None), ``"real"`` (a number,
    NOT NULL, in a column of REAL affinity), ``"date"`` (ISO date; ``"date?"``: or NULL,
    NaT), ``"text"`` (any text or NULL, in a column of TEXT affinity: no numbers there) or a
    tuple of the text values the column may hold (NOT NULL; kinds, directions).
    """
    indexed, affinity, key = _described(con, table)
    try:
        ends = _ends(con, table, columns, indexed)
    except sqlite3.OperationalError:
        return None
    if ends is None:
        return None  # a BLOB in a column an index leads
    total, bounds = ends
    if not total:
        return None
    # the rowid key: the range of its bounds when it has no gaps, else packed; nullable
    # integers placed by it. Both need the rows in rowid order: a NOT INDEXED scan walks the
    # table's b-tree, keyed by rowid, from its first entry (backwards only if the connection
    # asked for that, which then takes the per-row reads)
    reverse = con.execute("PRAGMA reverse_unordered_selects").fetchone()[0]
    key = key if columns.get(key) == "int" and not reverse else None
    dense = key is not None and bounds[key][1] - bounds[key][0] + 1 == total
    small = [c for c, (low, high) in bounds.items() if c in columns and columns[c] == "int" and not (dense and c == key)
             and type(low) is int and type(high) is int and 0 <= low and high < 1 << 31]
    pairs = {a: (b, bounds[b][1] + 1) for a, b in zip(small[0::2], small[1::2])}  # a * width + b: one number
    sparse = [c for c, kind in columns.items() if kind == "int?" and key is not None]
    packs, checks = {}, []
    for name, kind in columns.items():
        if (dense and name == key) or name in {b for b, _ in pairs.values()}:
            continue
        if name in pairs:
            packs[name] = f'group_concat("{name}" * {pairs[name][1]} + "{pairs[name][0]}")'
            continue
        packs[name], check = _pack(f'"{name}"', kind, name in indexed, affinity.get(name),
                                   f'"{key}"' if name in sparse else None)
        if packs[name] is None:
            return None  # a column of another affinity than its kind needs
        checks += [check] if check else []
    marks = [f"(SELECT {m}(rowid) FROM {table})" for m in ("min", "max") if "real" in columns.values()]
    counts = [f'count("{name}")' for name, kind in columns.items() if kind == "text"]
    sql = (f"SELECT count(*), {', '.join([*packs.values(), *marks, *counts])} FROM {table}"
           + (" NOT INDEXED" if key else "") + (f" WHERE {' AND '.join(checks)}" if checks else ""))
    try:
        scanned, *texts = con.execute(sql).fetchone()
    except sqlite3.OperationalError:  # text that is not UTF-8; or an SQLite without FILTER (before 3.30)
        return None
    ends = (len(packs), len(packs) + len(marks))
    texts, marks, counts = dict(zip(packs, texts[:ends[0]])), texts[ends[0]:ends[1]], texts[ends[1]:]
    if scanned != total or any(text is None for name, text in texts.items() if name not in sparse):
        return None  # a row left out by a check, or a column all NULL (the general read types it as pandas does)
    if marks and not -_MARKED < marks[0] <= marks[1] < _MARKED:
        return None  # a rowid _reals could not mark exactly
    out = {key: np.arange(bounds[key][0], bounds[key][1] + 1, dtype=np.int64)} if dense else {}
    for name, text in texts.items():
        kind = columns[name]
        if name in sparse:
            continue  # (placed by the key below)
        if name in pairs:
            numbers = parsers.numbers(text, np.int64, total)
            if numbers is None:
                return None
            out[name], out[pairs[name][0]] = np.divmod(numbers, pairs[name][1])
            continue
        if kind in ("date", "date?"):
            out[name] = parsers.iso_days(text, total, kind == "date?")
        elif kind == "real":
            out[name] = _reals(con, table, name, text, total)
        elif isinstance(kind, tuple):
            out[name] = parsers.codes(text, total, sorted(kind))  # None: a value outside the vocabulary
        elif kind == "text":
            out[name] = parsers.texts(text, total, counts.pop(0))
        else:
            nulls = kind == "int?" and "nan" in text  # then float64 with NaN, as pandas has it
            numbers = parsers.numbers(text, np.float64 if nulls else np.int64, total)
            if numbers is not None and nulls and np.isnan(numbers).all():
                numbers = np.full(total, None, dtype=object)  # typed below as the general read types it
            out[name] = numbers
        if out[name] is None:
            return None
    for name in sparse:
        out[name] = parsers.placed(texts[name], out[key], total)
        if out[name] is None:
            return None
    order = row_order(tuple(out[c] for c in reversed(by))) if by else None
    frame = {}
    for name, kind in columns.items():  # (in the columns' order)
        values = out[name] if order is None else out[name][order]
        if kind in ("date", "date?"):
            values = pd.Series(values.astype(parsers.DATE_TYPE), copy=False)
        elif isinstance(kind, tuple):
            values = pd.Series(pd.Series(sorted(kind)).array.take(values))  # typed as pandas types strings
        elif values.dtype == object:  # str and None, or None only (an int? column all NULL): as
            values = pd.Series(values, dtype=None)  # column() types them (from a tuple; the same)
        frame[name] = values
    return pd.DataFrame(frame, copy=False)  # (fresh arrays, ours alone: no copy into blocks)


def _pack(c: str, kind, indexed: bool, affinity: str | None, key: str | None) -> tuple[str | None, str | None]:
    """The aggregate that packs column ``c`` of ``kind`` (see :func:`packed`) and the check
    its rows must pass (None: none), or None when its affinity does not fit; ``key``: the
    rowid key that places a nullable integer's values (None: each row packs its own)."""
    if kind == "int" and indexed:  # a NULL is left out (too few numbers); anything but an integer
        return f"group_concat({c})", None  # stops the parse; a BLOB: the index's last entry
    if kind == "int":
        return f"group_concat({c})", f"{c} < x''"
    if kind == "int?" and key:  # "key,value" for each value; text (even 'nan') or a BLOB as x, which
        return (f"group_concat(CASE WHEN {c} < '' THEN {key} || ',' || {c} ELSE 'x' END) "  # stops the parse
                f"FILTER (WHERE {c} IS NOT NULL)"), None
    if kind == "int?":  # NULL as nan
        return f"group_concat(CASE WHEN {c} < '' THEN {c} WHEN {c} IS NULL THEN 'nan' ELSE 'x' END)", None
    if kind == "real":  # SQLite's float to text is not exact: see _reals (an integer in a column
        if affinity != "REAL":  # of another affinity would read as int, where _reals gives float)
            return None, None
        return (f"group_concat(CASE WHEN {c} = 1.0 THEN '{_SCALE}' WHEN {c} = 0.5 THEN '{_SCALE >> 1}' "
                f"WHEN {_BINARY.format(c=c)} THEN CAST({c} * {_SCALE} AS INTEGER) ELSE rowid + {_MARK} END)"), None
    if kind == "text":  # separated by RS; NULL or a BLOB as US, checked against count()
        if affinity != "TEXT":
            return None, None
        return f"group_concat(CASE WHEN {c} < x'' THEN {c} ELSE '{parsers.NULL}' END, '{parsers.SEPARATOR}')", None
    check = None if indexed else f"{c} < x''"  # (a NULL fails it too)
    if kind == "date?":
        return f"group_concat(ifnull({c}, '{parsers.NO_DATE}'))", None if indexed else f"({c} IS NULL OR {c} < x'')"
    return f"group_concat({c})", check  # a date, or a word of a vocabulary (coded by parsers.codes)


def _ends(con, table: str, columns: dict, indexed: set) -> tuple[int, dict] | None:
    """The table's row count and the least and greatest value of each column of
    ``columns`` an index leads (the index's first and last entries: no scan), or None if
    one is a BLOB (BLOBs sort last: then one of its values is)."""
    ends = [c for c in columns if c in indexed]
    got = con.execute(", ".join([f"SELECT (SELECT count(*) FROM {table})",
                                 *(f'(SELECT min("{c}") FROM {table}), (SELECT max("{c}") FROM {table})'
                                   for c in ends)])).fetchone()
    if any(isinstance(v, bytes) for v in got):
        return None
    return got[0], {c: (low, high) for c, low, high in zip(ends, got[1::2], got[2::2])}


def _described(con, table: str) -> tuple[set, dict, str | None]:
    """The columns that lead an index of ``table`` or are its rowid, each column's affinity
    (``"REAL"`` or other) and the column that is the rowid (None: none)."""
    info = con.execute(f"PRAGMA table_info({table})").fetchall()
    keys = [row for row in info if row[5]]
    indexes = con.execute(f"PRAGMA index_list({table})").fetchall()
    # INTEGER PRIMARY KEY is the rowid, unless an index of its own backs it ("pk": declared
    # DESC, or a WITHOUT ROWID table)
    key = keys[0][1] if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else None
    firsts = {key} if key else set()
    key = None if any(index[3] == "pk" for index in indexes) else key
    for index in indexes:
        columns = con.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
        if columns:
            firsts.add(columns[0][2])
    return firsts, {row[1]: _affinity(row[2]) for row in info}, key


def _affinity(declared: str) -> str:
    """SQLite's affinity of a column of the ``declared`` type (its rules, in their order)."""
    t = declared.upper()
    for names, affinity in ((("INT",), "INTEGER"), (("CHAR", "CLOB", "TEXT"), "TEXT"), (("BLOB",), "BLOB"),
                            (("REAL", "FLOA", "DOUB"), "REAL")):
        if any(n in t for n in names):
            return affinity
    return "BLOB" if not t else "NUMERIC"


def column(values: tuple):
    """One fetched column as pandas would type it: numbers straight through numpy (a
    fraction of pandas' inference on 300,000 ints), anything else (text, NULLs) by pandas."""
    if values and type(values[0]) in (int, float):
        array = np.array(values)
        if array.dtype.kind in "if":  # all ints: int64; ints and floats: float64, as pandas
            return array
    return pd.Series(values, dtype=None if len(values) else object)


#: A packed REAL column: a binary fraction below 2**31 (weights of 1 or 0.5, most of them:
#: those two as constants, no arithmetic) travels exactly as the integer ``value * 2**20``,
#: below 2**51; any other value (0 too: its sign) as its row's rowid plus 2**62, and is
#: read by rowid. All integers: numpy parses them much faster than decimals.
_SCALE = 1 << 20
_BINARY = ("{c} > -2147483648.0 AND {c} < 2147483648.0 AND {c} <> 0 "  # (text and BLOBs sort above numbers)
           "AND {c} * %d = CAST({c} * %d AS INTEGER)" % (_SCALE, _SCALE))
_MARK = 1 << 62
#: Rowids of this size or more (none SQLite gives unasked) would not fit the mark.
_MARKED = 1 << 52


#: Up to this many values of a REAL column that are no binary fraction are fetched by rowid.
_BY_ROWID = 10_000


def _reals(con, table: str, name: str, text: str, total: int) -> np.ndarray | None:
    """A ``"real"`` column of :func:`packed` (``text``: the scaled values, or a marked
    rowid) as float64, the values exactly as fetched; ``None`` if one is no number."""
    numbers = parsers.numbers(text, np.int64, total)
    if numbers is None:
        return None
    other = np.flatnonzero(numbers >= _MARK >> 1)  # the marked rows
    values = numbers.astype(np.float64)
    values /= _SCALE
    if len(other):  # the rest, fetched as Python numbers: by rowid when few, else in one more scan
        c = f'"{name}"'
        rowid = numbers[other] - _MARK
        which = (f"rowid IN ({', '.join(map(str, rowid.tolist()))})" if len(other) <= _BY_ROWID
                 else f"NOT ({_BINARY.format(c=c)})")
        rows = con.execute(f"SELECT rowid, {c} FROM {table} WHERE {which} ORDER BY rowid").fetchall()
        fetched = np.array([r[1] for r in rows])
        if len(rows) != len(other) or fetched.dtype.kind not in "if":
            return None
        found = np.array([r[0] for r in rows], dtype=np.int64)
        at = np.searchsorted(found, rowid).clip(max=len(found) - 1)
        if (found[at] != rowid).any():
            return None
        values[other] = fetched[at]
    return values
