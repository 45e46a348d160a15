"""The packed read of :mod:`netlib.store.frames` (:func:`packed`): a big table's columns
each packed by SQLite into one text (``group_concat``) and parsed by numpy, and the ISO
date parse (:func:`dates`) both reads share. See :mod:`netlib.store.frames` for when each
read is taken."""

from __future__ import annotations

import functools
import sqlite3
import warnings

import numpy as np
import pandas as pd

from netlib.store.order import row_order

__all__ = ["packed", "dates", "column"]


def dates(values) -> pd.Series:
    """ISO dates as ``datetime64`` (unparsable text becomes NaT), as ``pd.to_datetime``
    with ``errors="coerce"`` gives them, but through the fast fixed-format parser when
    every value is a plain ``YYYY-MM-DD`` date (the store writes them so)."""
    try:
        return pd.to_datetime(values, format="%Y-%m-%d")
    except (ValueError, TypeError):
        return pd.to_datetime(values, errors="coerce")


def packed(con, table: str, columns: dict, by: tuple = ()) -> pd.DataFrame | None:
    """``table``'s ``columns`` as a frame equal to :func:`frame`'s (dates parsed), or
    ``None`` when a column does not fit the packed read (see the module docstring); its
    rows stably sorted by the columns ``by`` (the most significant first; a vocabulary
    column by its text's BINARY order), else in no promised order.

    ``columns`` maps a column to its kind: ``"int"`` (INTEGER NOT NULL), ``"int?"``
    (integer or NULL: int64, or float64 with NaN; all NULL: None), ``"real"`` (a number,
    NOT NULL, in a column of REAL affinity), ``"date"`` (ISO date; ``"date?"``: or NULL,
    NaT), ``"text"`` (any text or NULL, in a column of TEXT affinity: no numbers there) or a
    tuple of the text values the column may hold (NOT NULL; kinds, directions).

    The checks are made on the packed text in numpy rather than per row in SQL (where
    each function call costs more than the whole parse here): a number that is not an
    integer stops the parse short, a date must be exactly ``YYYY-MM-DD`` and a real day.
    What SQL does per row besides packing is comparisons, no function calls (``typeof``
    costs as much as packing the value): text and BLOBs sort above every number and a BLOB above all text,
    so ``c < ''`` says "a number" and ``c < x''`` "no BLOB" (group_concat would read a
    BLOB's bytes as text, b'12' as 12, where the general read gives bytes).
    """
    indexed, affinity = _described(con, table)
    keys = [name for name, kind in columns.items() if kind == "int" and name in indexed]
    small = _small_keys(con, table, keys)
    if small is None:
        return None  # a BLOB
    pairs = dict(zip(small[0::2], small[1::2]))  # two such columns travel as one number per row
    packs = {name: _pack(f'"{name}"', kind, name in indexed, affinity.get(name)) for name, kind in columns.items()
             if name not in pairs.values()}
    packs.update({name: f'group_concat("{name}" * {1 << 31} + "{pairs[name]}")' for name in pairs})
    if None in packs.values():
        return None  # a column of another affinity than its kind needs
    marks = [f"(SELECT {m}(rowid) FROM {table})" for m in ("min", "max") if "real" in columns.values()]
    counts = [f'count("{name}")' for name, kind in columns.items() if kind == "text"]
    try:  # one scan: the count and the packed columns together (NULLs are counted in the parse)
        total, *texts = con.execute(f"SELECT count(*), {', '.join([*packs.values(), *marks, *counts])} "
                                    f"FROM {table}").fetchone()
    except sqlite3.OperationalError:  # text that is not UTF-8
        return None
    ends = (len(packs), len(packs) + len(marks))
    texts, marks, counts = texts[:ends[0]], texts[ends[0]:ends[1]], texts[ends[1]:]
    if not total or any(text is None for text in texts):
        return None  # no rows, or a column all NULL (the general read types it as pandas does)
    if marks and not -_MARKED < marks[0] <= marks[1] < _MARKED:
        return None  # a rowid _reals could not mark exactly
    out = {}
    for name, text in zip(packs, texts):
        kind = columns[name]
        if name in pairs:
            numbers = _numbers(text, np.int64, total)
            if numbers is None:
                return None
            out[name], out[pairs[name]] = numbers >> 31, numbers & ((1 << 31) - 1)
            continue
        if kind in ("date", "date?"):
            out[name] = _iso_days(text, total, kind == "date?")
        elif kind == "real":
            out[name] = _reals(con, table, name, text, total)
        elif isinstance(kind, tuple):
            out[name] = _codes(text, total, sorted(kind))  # None: a value outside the vocabulary
        elif kind == "text":
            out[name] = _texts(text, total, counts.pop(0))
        else:
            nulls = kind == "int?" and "nan" in text  # then float64 with NaN, as pandas has it
            numbers = _numbers(text, np.float64 if nulls else np.int64, total)
            if numbers is not None and nulls and np.isnan(numbers).all():
                numbers = np.full(total, None, dtype=object)  # typed below as the general read types it
            out[name] = numbers
        if out[name] is None:
            return None
    order = row_order(tuple(out[c] for c in reversed(by))) if by else None
    for name, kind in columns.items():  # (in the columns' order)
        values = out[name] if order is None else out[name][order]
        if kind in ("date", "date?"):
            values = pd.Series(values.astype(_DATE_TYPE), copy=False)
        elif isinstance(kind, tuple):
            values = pd.Series(pd.Series(sorted(kind)).array.take(values))  # typed as pandas types strings
        elif values.dtype == object:  # str and None, or None only (an int? column all NULL): as
            values = pd.Series(values, dtype=None)  # column() types them (from a tuple; the same)
        out[name] = values
    return pd.DataFrame(out, copy=False)  # (fresh arrays, ours alone: no copy into blocks)


def _pack(c: str, kind, indexed: bool, affinity: str | None) -> str | None:
    """The aggregate that packs column ``c`` of ``kind`` (see :func:`packed`), or None when
    its affinity does not fit."""
    if kind == "int" and indexed:  # a NULL is left out (too few numbers); anything but an integer
        return f"group_concat({c})"  # stops the parse; a BLOB: see _small_keys
    if kind == "int":
        return f"group_concat(CASE WHEN {c} < x'' THEN {c} ELSE 'x' END)"
    if kind == "int?":  # NULL as nan; text (even 'nan') or a BLOB as x, which stops the parse
        return f"group_concat(CASE WHEN {c} < '' THEN {c} WHEN {c} IS NULL THEN 'nan' ELSE 'x' END)"
    if kind == "real":  # SQLite's float to text is not exact: see _reals (an integer in a column
        if affinity != "REAL":  # of another affinity would read as int, where _reals gives float)
            return None
        return (f"group_concat(CASE WHEN {_BINARY.format(c=c)} THEN CAST({c} * {_SCALE} AS INTEGER) "
                f"ELSE rowid + {_MARK} END)")
    if kind == "text":  # separated by RS; NULL or a BLOB as US, checked against count()
        if affinity != "TEXT":
            return None
        return f"group_concat(CASE WHEN {c} < x'' THEN {c} ELSE '{_NULL}' END, '{_SEPARATOR}')"
    if kind in ("date", "date?"):  # a BLOB as x, no date
        return f"group_concat(CASE WHEN {c} < x'' THEN {c} WHEN {c} IS NULL THEN '{_NO_DATE}' ELSE 'x' END)"
    # a vocabulary: the text itself (NULL or a BLOB as '', in no vocabulary), coded by _codes
    return f"group_concat(CASE WHEN {c} < x'' THEN {c} ELSE '' END)"


def _small_keys(con, table: str, keys: list) -> list | None:
    """Of ``keys`` (integer columns that lead an index or are the rowid: their least and
    greatest values are the index's first and last entries), those whose values are all
    integers in 0 to 2**31 - 1; None if one holds a BLOB (group_concat would read its bytes
    as text, b'12' as 12, where the general read gives bytes). Text and BLOBs sort above
    every number, so a greatest value that is an integer says there are none."""
    if not keys:
        return []
    ends = con.execute("SELECT " + ", ".join(f'(SELECT min("{c}") FROM {table}), (SELECT max("{c}") FROM {table})'
                                             for c in keys)).fetchone()
    if any(isinstance(v, bytes) for v in ends):
        return None
    return [c for c, low, high in zip(keys, ends[0::2], ends[1::2])
            if type(low) is int and type(high) is int and 0 <= low and high < 1 << 31]


def _described(con, table: str) -> tuple[set, dict]:
    """The columns that lead an index of ``table`` or are its rowid (their max is the
    index's or the table's last entry), and each column's affinity (``"REAL"`` or other)."""
    info = con.execute(f"PRAGMA table_info({table})").fetchall()
    keys = [row for row in info if row[5]]
    firsts = {keys[0][1]} if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else set()
    for index in con.execute(f"PRAGMA index_list({table})").fetchall():
        columns = con.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
        if columns:
            firsts.add(columns[0][2])
    return firsts, {row[1]: _affinity(row[2]) for row in info}


def _affinity(declared: str) -> str:
    """SQLite's affinity of a column of the ``declared`` type (its rules, in their order)."""
    t = declared.upper()
    for names, affinity in ((("INT",), "INTEGER"), (("CHAR", "CLOB", "TEXT"), "TEXT"), (("BLOB",), "BLOB"),
                            (("REAL", "FLOA", "DOUB"), "REAL")):
        if any(n in t for n in names):
            return affinity
    return "BLOB" if not t else "NUMERIC"


def _codes(text: str, total: int, vocabulary: list) -> np.ndarray | None:
    """The position in ``vocabulary`` (sorted) of each of ``total`` comma-separated values,
    or None unless each is exactly one of its words (no comma in any of them).

    A ``CASE`` in SQL compares each row with the words one by one; here numpy finds each
    value's candidate word by its length, first and last byte (one look-up in a table of
    them), then compares the value's first and last eight bytes (all of a word of up to
    16) with the word's."""
    words = _words(tuple(vocabulary))
    if words is None or not text.isascii():
        return None  # (words the key does not tell apart, or not ASCII: the general read)
    table, head, tail, mask = words
    buffer = text.encode("ascii") + bytes(8)
    raw = np.frombuffer(buffer, dtype=np.uint8)[:-8]
    commas = np.flatnonzero(raw == ord(","))
    if len(commas) != total - 1:
        return None  # a comma inside a value (then the count is off)
    starts = np.empty(total, dtype=np.intp)
    starts[0], starts[1:] = 0, commas + 1
    stops = np.empty(total, dtype=np.intp)
    stops[:-1], stops[-1] = commas, len(raw)
    lengths = stops - starts
    if not lengths.all():
        return None  # an empty value
    key = np.minimum(lengths, _LONGEST)
    key <<= 14
    key |= raw[starts].astype(np.intp) << 7
    key |= raw[stops - 1]
    at = table[key]
    if (at < 0).any():
        return None
    # eight bytes from every offset (unaligned little-endian words over the same buffer)
    eights = np.ndarray((len(raw),), dtype="<u8", buffer=buffer, strides=(1,))
    first = eights[starts]
    first &= mask[at]
    if (first != head[at]).any():
        return None
    long = np.flatnonzero(lengths > 8)
    if len(long) and (eights[stops[long] - 8] != tail[at[long]]).any():
        return None
    return at


#: The key of :func:`_words` holds lengths below this (a value this long or longer: no word).
_LONGEST = 31


@functools.lru_cache(maxsize=8)
def _words(vocabulary: tuple) -> tuple | None:
    """For :func:`_codes`: each word's position in ``vocabulary`` at ``length << 14 | first
    byte << 7 | last byte`` (-1 elsewhere), and each word's first and last eight bytes and
    the mask of its first; None if two words share that key or a word is not ASCII, empty
    or too long."""
    table = np.full((_LONGEST + 1) << 14, -1, dtype=np.int8)
    for k, word in enumerate(vocabulary):
        if not word or not word.isascii() or len(word) > 16 or k >= 127:
            return None
        key = len(word) << 14 | ord(word[0]) << 7 | ord(word[-1])
        if table[key] >= 0:
            return None
        table[key] = k
    words = [w.encode("ascii") for w in vocabulary]
    head = np.array([int.from_bytes(w[:8], "little") for w in words], dtype=np.uint64)
    tail = np.array([int.from_bytes(w[-8:], "little") if len(w) > 8 else 0 for w in words], dtype=np.uint64)
    mask = np.array([(1 << 8 * min(len(w), 8)) - 1 for w in words], dtype=np.uint64)
    return table, head, tail, mask


def _numbers(text: str, dtype, total: int) -> np.ndarray | None:
    """``total`` comma-separated numbers parsed as ``dtype``, or None (fewer, or not numbers)."""
    try:
        with warnings.catch_warnings():  # a value that is no integer ends the parse early
            warnings.simplefilter("ignore", DeprecationWarning)  # (older numpy warns, newer raises)
            numbers = np.fromstring(text, dtype=dtype, sep=",")
    except ValueError:
        return None
    return numbers if len(numbers) == total else None


#: A packed text column: values separated by RS, NULL (or a BLOB) as US, the ASCII
#: separators; a value holding RS or one that is US alone shows in the count of values or
#: of NULLs (SQL's count()).
_SEPARATOR, _NULL = "\x1e", "\x1f"


def _texts(text: str, total: int, filled: int) -> np.ndarray | None:
    """A ``"text"`` column of :func:`packed` (``filled``: its values not NULL) as an object
    array of str and None, or None if the counts are off."""
    values = text.split(_SEPARATOR)
    if len(values) != total or values.count(_NULL) != total - filled:
        return None
    values = np.array(values, dtype=object)
    if filled < total:
        values[values == _NULL] = None
    return values


def column(values: tuple):
    """One fetched column as pandas would type it: numbers straight through numpy (a
    fraction of pandas' inference on 300,000 ints), anything else (text, NULLs) by pandas."""
    if values and type(values[0]) in (int, float):
        array = np.array(values)
        if array.dtype.kind in "if":  # all ints: int64; ints and floats: float64, as pandas
            return array
    return pd.Series(values, dtype=None if len(values) else object)


#: A packed REAL column: a binary fraction below 2**31 (weights of 1 or 0.5, most of them)
#: travels exactly as the integer ``value * 2**20``, below 2**51; any other value (0 too:
#: its sign) as its row's rowid plus 2**62, and is read by rowid. All integers: numpy
#: parses them much faster than decimals.
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
    numbers = _numbers(text, np.int64, total)
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


#: Stands for NULL in a packed date column (ten characters, as every date there).
_NO_DATE = "__________"
_NO_DATE_WORD = int.from_bytes(b"_" * 8, "little")
_HIGH = np.int64(-0x7F7F7F7F7F7F7F80)  # 0x8080808080808080 as a signed word
#: The type :func:`dates` gives plain ISO dates.
_DATE_TYPE = dates(pd.Series(["2000-01-01"])).dtype


def _iso_days(text: str, total: int, nullable: bool) -> np.ndarray | None:
    """``total`` comma-separated ``YYYY-MM-DD`` dates (or :data:`_NO_DATE`, NaT, if
    ``nullable`` and not all) as ``datetime64[D]``, or ``None`` unless every one is a real
    day of years 1000-2999. Each date's eight digits as one little-endian 64-bit word:
    checked and turned into two-digit numbers by bitwise steps over all words at once,
    then its month's first day and length from a table (:data:`_MONTHS`)."""
    try:
        raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:
        return None
    if raw.size != 11 * total - 1 or (total > 1 and (raw[10::11] != ord(",")).any()):
        return None
    # each record's bytes 0-7 (YYYY-MM-) and 2-9 (YY-MM-DD) as little-endian words (in place
    # from here on: each new array of 300,000 numbers costs as much as the step itself)
    head = np.ndarray((total,), dtype="<u8", buffer=raw, strides=(11,)).view(np.int64).copy()
    word = np.ndarray((total,), dtype="<u8", buffer=raw, offset=2, strides=(11,)).view(np.int64).copy()
    missing = head == _NO_DATE_WORD
    nulls = int(np.count_nonzero(missing))
    if (nulls and not nullable) or nulls == total or (nulls and (word[missing] != _NO_DATE_WORD).any()):
        return None
    word &= -1 << 48  # DD
    scratch = head & 0xFFFFFFFF  # YYYY
    word |= scratch
    np.right_shift(head, 8, out=scratch)
    scratch &= 0xFFFF00000000  # MM
    word |= scratch
    head &= 0xFF0000FF00000000 - (1 << 64)  # the dashes (as a signed word)
    dashes = head == 0x2D00002D00000000
    if nulls:
        word[missing] = 0x3030303030303030
        dashes |= missing
    # a byte is a digit when it is at least '0' (bit 7 of (b | 0x80) - 0x30) and below ':' (b + 0x46)
    # (ASCII bytes: below 0x80, so no step carries into the next byte)
    np.add(word, 0x4646464646464646, out=head)
    np.bitwise_or(word, _HIGH, out=scratch)
    scratch -= 0x3030303030303030
    scratch &= ~head
    scratch &= _HIGH
    if not dashes.all() or (scratch != _HIGH).any():
        return None
    word -= 0x3030303030303030  # each byte 0-9
    np.right_shift(word, 8, out=scratch)
    scratch &= 0x00FF00FF00FF00FF
    word &= 0x00FF00FF00FF00FF
    word *= 10
    word += scratch  # YY YY MM DD, 16 bits each
    np.right_shift(word, 16, out=scratch)
    scratch &= 0xFFFF
    np.bitwise_and(word, 0xFFFF, out=head)
    head *= 100
    head += scratch  # the year
    head <<= 4
    np.right_shift(word, 32, out=scratch)
    scratch &= 0xFFFF
    np.minimum(scratch, 15, out=scratch)
    head |= scratch  # at year * 16 + month in the tables
    word >>= 48
    word -= 1  # the day, from 0 (-1 for day 00)
    if not ((word.view(np.uint64) < _MONTH_LENGTHS[head]) | missing).all():
        return None  # 2026-02-31 and the like: pandas reads the column differently (NaT)
    days = _MONTHS[head]
    days += word
    days[missing] = np.iinfo(np.int64).min  # NaT
    return days.view("datetime64[D]")


def _month_table(first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray]:
    """For each year 0-9999 and month number 0-15, at ``year * 16 + month``: the month's
    first day (days since 1970) and its length, 0 for no such month or a year outside
    ``first_year``-``last_year``."""
    starts = np.zeros((10_000, 16), dtype=np.int64)
    lengths = np.zeros((10_000, 16), dtype=np.uint64)
    months = np.arange(f"{first_year}-01", f"{last_year + 1}-01", dtype="datetime64[M]").reshape(-1, 12)
    starts[first_year:last_year + 1, 1:13] = months.astype("datetime64[D]").view(np.int64)
    lengths[first_year:last_year + 1, 1:13] = (months + 1).astype("datetime64[D]").view(np.int64) - starts[
        first_year:last_year + 1, 1:13]
    return starts.ravel(), lengths.ravel()


_MONTHS, _MONTH_LENGTHS = _month_table(1000, 2999)
