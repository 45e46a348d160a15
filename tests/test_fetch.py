"""netlib.store.frames and netlib.store.packing: the packed read gives exactly the frame the general read gives, or
declines (None); real SQLite tables, random contents."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netlib.store import frames, packing, parsers
from netlib.store.frames import frame
from netlib.store.order import row_order
from netlib.store.packing import packed

KINDS = ("coffee", "call", "email")
SPEC = {"id": "int", "n": "int?", "day": "date", "since": "date?", "kind": KINDS, "w": "real"}


def table(rows):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t(id INTEGER NOT NULL, n INTEGER, day TEXT, since TEXT, kind TEXT, w REAL)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
    return con


def general(con):
    return frame(con, "SELECT id, n, day, since, kind, w FROM t ORDER BY rowid", date_columns=("day", "since"))


def same_as_general(con):
    got = packed(con, "t", SPEC)
    if got is not None:
        want = general(con)
        pd.testing.assert_frame_equal(in_order(got), in_order(want), check_exact=True)
    return got


def in_order(df: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted by every column: packed rows come in no promised order (ids repeat)."""
    return df.sort_values(list(df.columns), kind="mergesort", na_position="first").reset_index(drop=True)


def test_plain_rows_are_packed_and_equal():
    con = table([(k, k % 3 or None, f"2026-0{1 + k % 9}-{1 + k % 28:02d}", None if k % 4 else "2025-12-31",
                  KINDS[k % 3], 0.1 * k) for k in range(50)])
    assert same_as_general(con) is not None


@pytest.mark.parametrize("bad", [
    (1, 1, "2026-02-31", None, "call", 1.0),  # no such day: pandas gives NaT
    (1, 1, "2026-2-3", None, "call", 1.0),  # not YYYY-MM-DD
    (1, 1, "26-02-2026", None, "call", 1.0),
    (1, 1, "2026-02-03", None, "tea", 1.0),  # outside the vocabulary
    (1, 1, "2026-02-03", None, None, 1.0),
    (1, 1, "2026-02-03", None, "call,email", 1.0),  # a comma inside: two words, one value
    (1, 1, "2026-02-03", None, "", 1.0),
    (1, 1, "2026-02-03", None, "cal", 1.0),
    (1, 1, "2026-02-03", None, "cbll", 1.0),  # the length, first and last letters of a word
    (1, 1, "2026-02-03", None, "café", 1.0),
    ("x", 1, "2026-02-03", None, "call", 1.0),  # text in an integer column
    (1.5, 1, "2026-02-03", None, "call", 1.0),
    (1, "nan", "2026-02-03", None, "call", 1.0),  # text in a nullable integer column, even 'nan'
    (1, "inf", "2026-02-03", None, "call", 1.0),
    (1, 1, None, None, "call", 1.0),  # NULL where the kind says NOT NULL
    (1, 1, "2026-02-03", "0999-01-01", "call", 1.0),
    (1, 1, "2026-02-03", None, "call", "heavy"),
])
def test_a_row_that_does_not_fit_makes_it_decline(bad):
    good = [(k, None if k == 3 else k, "2026-01-05", "2025-01-01", "email", 2.0) for k in range(2, 6)]
    assert packed(table(good + [bad]), "t", SPEC) is None
    assert packed(table(good), "t", SPEC) is not None


def test_an_empty_table_declines():
    assert packed(table([]), "t", SPEC) is None


dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                  st.sampled_from(["2026-02-30", "2026-13-01", "2026-00-10", "1999-12-31", "2000-02-29", "x"]))
rows = st.tuples(st.integers(-2**40, 2**40), st.one_of(st.none(), st.integers(-1000, 1000)), dates, dates,
                 st.sampled_from(KINDS + ("other", None)), st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=150, deadline=None)
@given(st.lists(rows, max_size=12))
@example([(0, None, "1999-12-31", None, "coffee", 0.0), (-1, 0, "1999-12-31", "1999-12-31", "coffee", 0.0)])
def test_packed_equals_the_general_read_or_declines(data):
    same_as_general(table(data))


def test_reals_that_are_no_binary_fraction_are_fetched_by_rowid_or_by_a_scan(monkeypatch):
    data = [(k, k, "2026-01-05", "2025-01-01", "call", w) for k, w in enumerate([0.1, 1.0, -0.0, 1e300, 0.5, 1 / 3])]
    assert same_as_general(table(data)) is not None  # a few: by rowid
    monkeypatch.setattr(packing, "_BY_ROWID", 0)
    assert same_as_general(table(data)) is not None  # many: one more scan


keys = st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 2**20), st.dates(max_value=dt.date(2200, 1, 1))),
                max_size=30)


@settings(max_examples=150, deadline=None)
@given(keys, st.booleans())
def test_the_folded_sort_is_lexsort(rows, huge):
    """order.row_order: numpy's stable lexsort order (None: the rows are in it already),
    folded into one number per row or, for keys too wide to fold, by lexsort itself."""
    a = np.array([r[0] for r in rows], dtype=np.int64) * (2**50 if huge else 1)
    b = np.array([r[1] for r in rows], dtype=np.int64)
    day = pd.to_datetime(pd.Series([r[2] for r in rows], dtype=object)).to_numpy()
    for key in [(b, a), (day, a), (a, day, b), (b,)]:
        order = row_order(key)
        want = np.lexsort(key)
        assert (want if order is None else order).tolist() == want.tolist()
        if order is None:
            assert want.tolist() == list(range(len(rows)))


@pytest.mark.parametrize("moved", [1, 20, 200, 5000])
def test_rows_nearly_in_order_sort_as_lexsort_does(moved):
    """Rows in key order but for a few moved ones (the stable sort's case: interactions
    appended in rough date order) or many (the folded quicksort's), keys repeating: the
    order is np.lexsort's either way."""
    rng = np.random.default_rng(moved)
    day = np.sort(rng.integers(0, 300, 5000)).astype("datetime64[D]")
    ids = np.arange(5000, dtype=np.int64)
    at = rng.choice(5000, moved, replace=False)
    day[at] = rng.integers(0, 300, moved).astype("datetime64[D]")
    for key in [(ids, day), (ids % 7, day), (day,)]:
        order = row_order(key)
        assert order is not None and order.tolist() == np.lexsort(key).tolist()


@pytest.mark.parametrize("value", ["help_reXeived", "help_Xeceived", "Help_received", "help_receivee", "help_receive",
                                   "h" + "x" * 60 + "n", "h" + "x" * 29 + "n", "h" + "x" * 30 + "n", "hélp_given", ""])
def test_a_word_is_coded_only_when_every_byte_matches(value):
    words = ["help_given", "help_received", "intro"]
    text = ",".join(["intro", "help_received", "help_given"] * 3)
    assert parsers.codes(text, 9, words).tolist() == [2, 1, 0] * 3
    assert parsers.codes(text + "," + value, 10, words) is None


def test_every_day_of_years_1000_to_2999_reads_as_pandas_reads_it():
    days = pd.date_range("1000-01-01", "2999-12-31", freq="D", unit="s")
    text = ",".join(days.strftime("%Y-%m-%d"))
    got = parsers.iso_days(text, len(days), nullable=False)
    assert got is not None and (got.astype(days.dtype) == days.to_numpy()).all()


@pytest.mark.parametrize("year", [1000, 1600, 1700, 1900, 2000, 2004, 2100, 2400, 2999])
def test_a_day_no_calendar_has_makes_the_date_read_decline(year):
    for month_day in ["02-29", "02-30", "04-31", "06-31", "09-31", "11-31", "13-01", "00-10", "01-00", "01-32"]:
        text = f"{year}-{month_day}"
        real = not pd.isna(pd.to_datetime(text, errors="coerce", format="%Y-%m-%d"))
        got = parsers.iso_days(text, 1, nullable=False)
        assert (got is not None) == real, text
        if real:
            assert got[0] == np.datetime64(text, "D")


def test_a_vocabulary_the_word_key_cannot_check_declines():
    """Words longer than 16 bytes (the first and last eight would miss the middle), words with
    the same length, first and last byte, or not ASCII: parsers.codes declines, the general read reads."""
    assert parsers.codes("abcdefghijklmnop", 1, ["abcdefghijklmnop"]).tolist() == [0]
    for words in (["abcdefghijklmnopq"], ["call", "cell"], ["café"]):
        assert parsers.codes(words[0], 1, words) is None


texts = st.one_of(st.none(), st.text(alphabet=st.sampled_from("ab,\x1e\x1f\x00é"), max_size=4), st.binary(max_size=2))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, st.one_of(st.none(), st.integers(-3, 3))), max_size=8), st.booleans())
@example([("\x1f", None), (None, None)], False)
@example([("a\x1eb", 1)], False)
@example([("", None), (None, 2)], True)
def test_text_and_all_null_integers_packed_equal_the_general_read_or_decline(data, unordered):
    """A "text" column (RS between values, US for NULL: a value holding either must not
    read differently) and an "int?" column all NULL (None, as the general read has it),
    sorted by id when asked."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t(id INTEGER NOT NULL, note TEXT, k INTEGER)")  # rows in insertion order
    ids = [(7 * i) % 11 if unordered else i for i in range(len(data))]
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", [(i, *row) for i, row in zip(ids, data)])
    got = packed(con, "t", {"id": "int", "note": "text", "k": "int?"}, by=("id",))
    if got is not None:
        pd.testing.assert_frame_equal(got, frame(con, "SELECT id, note, k FROM t ORDER BY id"), check_exact=True)
    elif data and not any(isinstance(n, bytes) or "\x1e" in (n or "") or n == "\x1f" for n, _ in data):
        raise AssertionError("declined plain text")


def test_the_tables_read_have_the_snapshots_columns():
    """frames.TABLES and snapshot's column lists name the same columns twice (frames imports
    snapshot, so snapshot cannot take them from TABLES): they must not drift apart."""
    from netlib.store import snapshot

    lists = {"people": ["id", *snapshot.PEOPLE_COLUMNS[:-3]],  # emails, phones, tags: read from their tables
             "interactions": [c for c in snapshot.INTERACTION_COLUMNS if c not in ("summary", "source")],
             "participants": snapshot.PARTICIPANT_COLUMNS, "ties": snapshot.TIE_COLUMNS,
             "events": snapshot.EVENT_COLUMNS, "event_people": snapshot.EVENT_PEOPLE_COLUMNS,
             "checklist": snapshot.CHECKLIST_COLUMNS, "plans": snapshot.PLAN_COLUMNS}
    assert {name: list(spec[0]) for name, spec in frames.TABLES.items()} == lists


values = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.sampled_from([2**53 + 1, 0, 1.5, "7", "x", b"1"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), values), max_size=12), st.sampled_from(KINDS))
@example([(1, None), (2, 2**53 + 1), (3, None)], "call")  # NaN beside an integer floats cannot hold
@example([(1, 2**63 - 1), (2, -2**63)], "call")  # every row has one: int64, exact
@example([(1, None), (3, None)], "call")  # none has one, and a gap in the ids
def test_a_rowid_key_and_nullable_integers_packed_equal_the_general_read_or_decline(data, kind):
    """A table whose key is its rowid (id INTEGER PRIMARY KEY), as people and interactions
    are: ids with no gaps are not packed (they are the range of their bounds), ids with gaps
    are; a nullable integer column packs only its values, each placed by its row's id."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, kind TEXT NOT NULL)")
    con.executemany("INSERT OR REPLACE INTO t VALUES (?, ?, ?)",
                    [(i, n, KINDS[(i + KINDS.index(kind)) % 3]) for i, n in data])  # kinds differ by row
    want = frame(con, "SELECT id, n, kind FROM t ORDER BY id")
    for reverse in (0, 1):  # a connection that scans backwards (then no rowid order to rely on)
        con.execute(f"PRAGMA reverse_unordered_selects = {reverse}")
        got = packed(con, "t", {"id": "int", "n": "int?", "kind": KINDS}, by=("id",))
        if got is not None:
            pd.testing.assert_frame_equal(got, want, check_exact=True)
        elif data and all(type(n) is int or n is None for _, n in dict(data).items()) and not reverse:
            raise AssertionError("declined integers and NULLs")
