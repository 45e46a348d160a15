"""The numpy parsers of the texts :func:`netlib.store.packing.packed` has SQLite pack, one
per kind of column: comma-separated numbers, ISO dates as day numbers, words of a
vocabulary as codes, free text split at an ASCII separator; and the ISO date parse
(:func:`dates`) both reads share. Each returns None when the text does not fit its kind
exactly (then the caller reads the table the general way)."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

__all__ = ["dates", "numbers", "placed", "iso_days", "codes", "texts", "SEPARATOR", "NULL", "NO_DATE", "DATE_TYPE"]


def dates(values) -> pd.Series:
    """ISO dates as ``datetime64`` (unparsable text becomes NaT), as ``pd.to_datetime``
    with ``errors="coerce"`` gives them, but through the fast fixed-format parser when
    every value is a plain ``YYYY-MM-DD`` date (the store writes them so)."""
    try:
        return pd.to_datetime(values, format="%Y-%m-%d")
    except (ValueError, TypeError):
        return pd.to_datetime(values, errors="coerce")


def codes(text: str, total: int, vocabulary: list) -> np.ndarray | None:
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
    """For :func:`codes`: each word's position in ``vocabulary`` at ``length << 14 | first
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


def numbers(text: str, dtype, total: int) -> np.ndarray | None:
    """``total`` comma-separated numbers parsed as ``dtype``, or None (fewer, or not numbers)."""
    try:
        with warnings.catch_warnings():  # a value that is no integer ends the parse early
            warnings.simplefilter("ignore", DeprecationWarning)  # (older numpy warns, newer raises)
            numbers = np.fromstring(text, dtype=dtype, sep=",")
    except ValueError:
        return None
    return numbers if len(numbers) == total else None


def placed(text: str | None, keys: np.ndarray, total: int) -> np.ndarray | None:
    """A nullable integer column packed as "key,value" for each of its values (``text``;
    None: no values) as :func:`netlib.store.frames.frame` types it: int64 when every row
    has one, else float64 with NaN, all None when none has; each value at the row whose
    ``keys`` (ascending) holds its key. None if a value is no integer or a key no row's."""
    if text is None:
        return np.full(total, None, dtype=object)
    pairs = numbers(text, np.int64, text.count(",") + 1)
    if pairs is None or len(pairs) % 2 or (len(keys) > 1 and not (keys[1:] > keys[:-1]).all()):
        return None
    at = np.searchsorted(keys, pairs[0::2])
    if (at >= total).any() or (keys[at] != pairs[0::2]).any():
        return None
    out = np.empty(total, dtype=np.int64) if len(at) == total else np.full(total, np.nan)
    out[at] = pairs[1::2]  # (each row once: a key is unique, each row packs one pair)
    return out


#: A packed text column: values separated by RS, NULL (or a BLOB) as US, the ASCII
#: separators; a value holding RS or one that is US alone shows in the count of values or
#: of NULLs (SQL's count()).
SEPARATOR, NULL = "\x1e", "\x1f"


def texts(text: str, total: int, filled: int) -> np.ndarray | None:
    """A ``"text"`` column of :func:`netlib.store.packing.packed` (``filled``: its values not NULL) as an object
    array of str and None, or None if the counts are off."""
    values = text.split(SEPARATOR)
    if len(values) != total or values.count(NULL) != total - filled:
        return None
    values = np.array(values, dtype=object)
    if filled < total:
        values[values == NULL] = None
    return values


#: Stands for NULL in a packed date column (ten characters, as every date there).
NO_DATE = "__________"
_NO_DATE_WORD = int.from_bytes(b"_" * 8, "little")
_HIGH = np.int64(-0x7F7F7F7F7F7F7F80)  # 0x8080808080808080 as a signed word
#: The type :func:`dates` gives plain ISO dates.
DATE_TYPE = dates(pd.Series(["2000-01-01"])).dtype


def iso_days(text: str, total: int, nullable: bool) -> np.ndarray | None:
    """``total`` comma-separated ``YYYY-MM-DD`` dates (or :data:`NO_DATE`, NaT, if
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
