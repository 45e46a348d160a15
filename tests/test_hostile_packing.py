"""Store.snapshot's packed read (netlib.store.packing) against the general per-row read
(netlib.store.frames.frame), on a real store built through netlib's API and then given
content SQLite accepts but netlib does not write: the snapshot is the same frame either
way (the packed read declines what it cannot read exactly), or both reads fail alike."""

from __future__ import annotations

import shutil
import sqlite3

import pandas as pd
import pytest

from netlib.store import frames, packing
from netlib.store.core import Store

BIG = ("people", "interactions", "participants", "ties")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Three people, two interactions (one at an event, so no column is all NULL), two ties."""
    path = tmp_path_factory.mktemp("packing") / "base.db"
    with Store(path) as s:
        a, b, c = (s.add_person(n) for n in ("Ann Ames", "Bob Burr", "Cy Cole"))
        s.log([a, b], "coffee", "2026-01-05", event=s.add_event("Meetup", "2026-01-05"))
        s.log([c], "call", "2026-02-01", direction="out")
        s.add_tie(a, b, "knows", since="2025-01-01", weight=1.0)
        s.add_tie(b, c, "colleague", since="2025-03-01", weight=0.5)
    return path


def _read(path, *, general: bool):
    real = frames.packed
    if general:
        frames.packed = lambda *a, **k: None
    try:
        with Store(path) as s:
            return s.snapshot(summaries=False)
    except Exception as e:  # noqa: BLE001 - compared with the other read's failure
        return e
    finally:
        frames.packed = real


def _spied(monkeypatch) -> list:
    """Has the snapshot's packed read record each (table, whether it was taken) in the list returned."""
    taken = []

    def spy(con, table, columns, **sort):
        got = packing.packed(con, table, columns, **sort)
        taken.append((table, got is not None))
        return got

    monkeypatch.setattr(frames, "packed", spy)
    return taken


def test_the_base_store_is_read_packed(base, monkeypatch):
    """Otherwise the cases below would compare the general read with itself."""
    taken = _spied(monkeypatch)
    with Store(base) as s:
        s.snapshot(summaries=False)
    assert sorted(taken) == [(t, True) for t in sorted(BIG)]


CASES = {
    # vocabulary (kind): near words, commas, empty, case, spaces, NUL, BLOB, a number
    "kind prefix": "UPDATE interactions SET kind = 'coff' WHERE id = 1",
    "kind suffix": "UPDATE interactions SET kind = 'offee' WHERE id = 1",
    "kind longer": "UPDATE interactions SET kind = 'coffeee' WHERE id = 1",
    "kind comma": "UPDATE interactions SET kind = 'call,coffee' WHERE id = 1",
    "kind trailing comma": "UPDATE interactions SET kind = 'call,' WHERE id = 1",
    "kind empty": "UPDATE interactions SET kind = '' WHERE id = 1",
    "kind upper": "UPDATE interactions SET kind = 'Coffee' WHERE id = 1",
    "kind space": "UPDATE interactions SET kind = 'coffee ' WHERE id = 1",
    "kind NUL": "UPDATE interactions SET kind = 'cof' || char(0) || 'ee' WHERE id = 1",
    "kind accent": "UPDATE interactions SET kind = 'caf' || char(233) WHERE id = 1",
    "kind BLOB": "UPDATE interactions SET kind = CAST('coffee' AS BLOB) WHERE id = 1",
    "kind BLOB last": "UPDATE interactions SET kind = CAST('call' AS BLOB) WHERE id = 2",
    "kind number": "UPDATE interactions SET kind = 12 WHERE id = 1",
    "tie kind prefix": "UPDATE ties SET kind = 'know' WHERE kind = 'knows'",
    "tie kind empty": "UPDATE ties SET kind = '' WHERE kind = 'knows'",
    "tie kind BLOB": "UPDATE ties SET kind = CAST('knows' AS BLOB) WHERE kind = 'knows'",
    # dates
    "date 2026-02-29": "UPDATE interactions SET date = '2026-02-29' WHERE id = 1",
    "date 2024-02-29": "UPDATE interactions SET date = '2024-02-29' WHERE id = 1",
    "date 0999-12-31": "UPDATE interactions SET date = '0999-12-31' WHERE id = 1",
    "date 3000-01-01": "UPDATE interactions SET date = '3000-01-01' WHERE id = 1",
    "date 2026-1-5": "UPDATE interactions SET date = '2026-1-5' WHERE id = 1",
    "date with time": "UPDATE interactions SET date = '2026-01-05 10:00' WHERE id = 1",
    "date ISO T": "UPDATE interactions SET date = '2026-01-05T10:00:00' WHERE id = 1",
    "date underscores": "UPDATE interactions SET date = '__________' WHERE id = 1",
    "date number": "UPDATE interactions SET date = 20260105 WHERE id = 1",
    "date empty": "UPDATE interactions SET date = '' WHERE id = 1",
    "date ten chars": "UPDATE interactions SET date = ' 2026-01-5' WHERE id = 1",
    "date plus": "UPDATE interactions SET date = '2026-+1-05' WHERE id = 1",
    "date BLOB": "UPDATE interactions SET date = CAST('2026-01-05' AS BLOB) WHERE id = 1",
    "date BLOB last": "UPDATE interactions SET date = CAST('2026-01-05' AS BLOB) WHERE id = 2",
    "tie since 2026-02-30": "UPDATE ties SET since = '2026-02-30' WHERE kind = 'knows'",
    "tie since NULL": "UPDATE ties SET since = NULL",
    "tie since one NULL": "UPDATE ties SET since = NULL WHERE kind = 'knows'",
    "tie since with time": "UPDATE ties SET since = '2025-01-01 10:00' WHERE kind = 'knows'",
    "tie since BLOB": "UPDATE ties SET since = CAST('2025-01-01' AS BLOB) WHERE kind = 'knows'",
    "tie since BLOB last": "UPDATE ties SET since = CAST('2025-01-01' AS BLOB) WHERE kind = 'colleague'",
    # integers, nullable integers
    "event_id text 12": "UPDATE interactions SET event_id = '12' WHERE id = 1",
    "event_id text nan": "UPDATE interactions SET event_id = 'nan' WHERE id = 1",
    "event_id 1.5": "UPDATE interactions SET event_id = 1.5 WHERE id = 1",
    "event_id 2**63-1": "UPDATE interactions SET event_id = 9223372036854775807 WHERE id = 1",
    "event_id negative": "UPDATE interactions SET event_id = -5 WHERE id = 1",
    "event_id all 2**63-1": "UPDATE interactions SET event_id = 9223372036854775807",
    "event_id all -2**63": "UPDATE interactions SET event_id = -9223372036854775808",
    "event_id all 2.5": "UPDATE interactions SET event_id = 2.5",
    "event_id all 1e20": "UPDATE interactions SET event_id = 1e20",
    "event_id inf": "UPDATE interactions SET event_id = 9e999 WHERE id = 1",
    "event_id all inf": "UPDATE interactions SET event_id = 9e999",
    "event_id BLOB": "UPDATE interactions SET event_id = x'3132' WHERE id = 1",
    "event_id all BLOB": "UPDATE interactions SET event_id = x'3132'",
    "interaction id negative": "UPDATE interactions SET id = -3 WHERE id = 1",
    "person_id BLOB": "UPDATE participants SET person_id = x'3132' WHERE interaction_id = 1 AND person_id = 1",
    "person_id BLOB last": "UPDATE participants SET person_id = x'33' WHERE interaction_id = 2",
    "person_id text": "UPDATE participants SET person_id = '1x' WHERE interaction_id = 1 AND person_id = 1",
    "person_id 2**63-1": "UPDATE participants SET person_id = 9223372036854775807 WHERE person_id = 1",
    "person_id -2**63": "UPDATE participants SET person_id = -9223372036854775808 WHERE person_id = 1",
    "person_id 2.5": "UPDATE participants SET person_id = 2.5 WHERE interaction_id = 1 AND person_id = 1",
    "person_id 1e19": "UPDATE participants SET person_id = 1e19 WHERE interaction_id = 1 AND person_id = 1",
    "person_id text ' 7'": "UPDATE participants SET person_id = ' 7' WHERE interaction_id = 1 AND person_id = 1",
    "person_id text '+7'": "UPDATE participants SET person_id = '+7' WHERE interaction_id = 1 AND person_id = 1",
    "person_id 2**31 - 1": "UPDATE participants SET person_id = 2147483647 WHERE person_id = 1",
    "person_id 2**31": "UPDATE participants SET person_id = 2147483648 WHERE person_id = 1",
    "person_id -1": "UPDATE participants SET person_id = -1 WHERE person_id = 1",
    "person_id 0": "UPDATE participants SET person_id = 0 WHERE person_id = 1",
    "interaction_id 2**31 - 1": "UPDATE participants SET interaction_id = 2147483647 WHERE interaction_id = 2",
    "person_id 3.0 (an integer there)":
        "UPDATE participants SET person_id = 3.0 WHERE interaction_id = 1 AND person_id = 1",
    "tie b 2**31 - 1": "UPDATE ties SET b = 2147483647 WHERE kind = 'knows'",
    "tie a negative": "UPDATE ties SET a = -5 WHERE kind = 'knows'",
    "tie b BLOB": "UPDATE ties SET b = x'33' WHERE kind = 'knows'",
    # reals
    "weight 0": "UPDATE ties SET weight = 0",
    "weight -0.0": "UPDATE ties SET weight = -0.0 WHERE kind = 'knows'",
    "weight 1e308": "UPDATE ties SET weight = 1e308 WHERE kind = 'knows'",
    "weight all 1e308": "UPDATE ties SET weight = 1e308",
    "weight inf": "UPDATE ties SET weight = 9e999",
    "weight -inf": "UPDATE ties SET weight = -9e999 WHERE kind = 'knows'",
    "weight text NaN": "UPDATE ties SET weight = 'NaN' WHERE kind = 'knows'",
    "weight text 12": "UPDATE ties SET weight = '12' WHERE kind = 'knows'",
    "weight integer": "UPDATE ties SET weight = 3 WHERE kind = 'knows'",
    "weight 2**43": "UPDATE ties SET weight = 8796093022208.0 WHERE kind = 'knows'",
    "weight -2**43": "UPDATE ties SET weight = -8796093022208.0 WHERE kind = 'knows'",
    "weight 2**42": "UPDATE ties SET weight = 4398046511104.0 WHERE kind = 'knows'",
    "weight 2**31": "UPDATE ties SET weight = 2147483648.0 WHERE kind = 'knows'",
    "weight 2**31 - 2**-20": "UPDATE ties SET weight = 2147483647.9999990463 WHERE kind = 'knows'",
    "weight -2**31": "UPDATE ties SET weight = -2147483648.0",
    "weight all 2**30": "UPDATE ties SET weight = 1073741824.0",
    "weight 5e-324": "UPDATE ties SET weight = 5e-324 WHERE kind = 'knows'",
    "weight 0.1": "UPDATE ties SET weight = 0.1",
    "weight BLOB": "UPDATE ties SET weight = x'31' WHERE kind = 'knows'",
    "ties from two sources": "INSERT INTO ties(a, b, kind, source, since, weight) "
                             "SELECT a, b, kind, 'other', '2024-06-01', 0.25 FROM ties",
    "ties from two sources, 0.1": "INSERT INTO ties(a, b, kind, source, since, weight) "
                                  "SELECT a, b, kind, 'other', NULL, 0.1 FROM ties",
    # text that is not UTF-8: both reads fail alike
    "kind not UTF-8": "UPDATE interactions SET kind = CAST(x'636f66ff6565' AS TEXT) WHERE id = 1",
    "name not UTF-8": "UPDATE people SET name = CAST(x'416eff' AS TEXT) WHERE id = 1",
    # people's text: the packed read's separators (RS between values, US for NULL) in values,
    # NULLs, empty text, BLOBs, numbers, dates
    "name with RS": "UPDATE people SET name = 'Ann' || char(30) || 'Ames' WHERE id = 1",
    "name ends with RS": "UPDATE people SET name = 'Ann' || char(30) WHERE id = 1",
    "notes US alone": "UPDATE people SET notes = char(31) WHERE id = 1",
    "notes US alone, one NULL": "UPDATE people SET notes = char(31) WHERE id = 1 OR id = 2",
    "notes US inside": "UPDATE people SET notes = 'a' || char(31) WHERE id = 1",
    "notes US and RS": "UPDATE people SET notes = char(31) || char(30) || char(31) WHERE id = 2",
    "notes empty": "UPDATE people SET notes = '' WHERE id = 1",
    "notes all empty": "UPDATE people SET notes = ''",
    "notes comma and NUL": "UPDATE people SET notes = 'a,b' || char(0) || 'c' WHERE id = 1",
    "notes emoji": "UPDATE people SET notes = char(128512) || ' é' WHERE id = 1",
    "company BLOB": "UPDATE people SET company = x'41' WHERE id = 1",
    "company all BLOB": "UPDATE people SET company = x'41'",
    "company number": "UPDATE people SET company = 12 WHERE id = 1",
    "name NULL (no NOT NULL there)": "UPDATE people SET first_name = NULL",
    "since impossible": "UPDATE people SET since = '2026-02-30' WHERE id = 1",
    "since NULL": "UPDATE people SET since = NULL WHERE id = 1",
    "since all NULL": "UPDATE people SET since = NULL",
    "since BLOB": "UPDATE people SET since = CAST('2025-01-01' AS BLOB) WHERE id = 1",
    "ring_override set": "UPDATE people SET ring_override = 2 WHERE id = 1",
    "ring_override all set": "UPDATE people SET ring_override = 3",
    "cadence_override set": "UPDATE people SET cadence_override = 30 WHERE id = 2",
    "person id out of order": "UPDATE people SET id = 99 WHERE id = 1",
    "event_id all NULL": "UPDATE interactions SET event_id = NULL",
    # more of the same, tried in review (all held): separators, NULLs and blobs side by side,
    # ids at the ends of the integer ranges, reals no binary fraction holds
    "name newline comma": "UPDATE people SET name = 'Ann' || char(10) || ',Ames,' WHERE id = 1",
    "notes RS in one, NULL in another": "UPDATE people SET notes = CASE id WHEN 1 THEN 'a' || char(30) ELSE NULL END",
    "notes US in one, BLOB in another": "UPDATE people SET notes = CASE id WHEN 1 THEN char(31) ELSE x'1f' END",
    "company RS alone, all": "UPDATE people SET company = char(30)",
    "company 'nan' text": "UPDATE people SET company = 'nan' WHERE id = 2",
    "notes U+2028 and emoji": "UPDATE people SET notes = char(8232) || char(128512) WHERE id = 3",
    "person id 2**63-1": "UPDATE people SET id = 9223372036854775807 WHERE id = 3",
    "person id -2**63": "UPDATE people SET id = -9223372036854775808 WHERE id = 1",
    "person id 2**31": "UPDATE people SET id = 2147483648 WHERE id = 2",
    "participants both 2**31 - 1": "UPDATE participants SET interaction_id = 2147483647, person_id = 2147483647 "
                                   "WHERE rowid = 1",
    "ties a 2**31 - 1, b 2**31": "UPDATE ties SET a = 2147483647, b = 2147483648 WHERE kind = 'knows'",
    "weight 1/3": "UPDATE ties SET weight = 1.0 / 3 WHERE kind = 'knows'",
    "weight all 1e-300": "UPDATE ties SET weight = 1e-300",
    "weight 1e-320 (subnormal)": "UPDATE ties SET weight = 1e-320 WHERE kind = 'knows'",
    "weight 2**31 all": "UPDATE ties SET weight = 2147483648.0",
    "weight 2**-20 and 2**-21": "UPDATE ties SET weight = CASE kind WHEN 'knows' THEN 1.0 / 1048576 ELSE 1.0 / 2097152 END",
    "ties rowid 2**52": "UPDATE ties SET rowid = 4503599627370496 WHERE kind = 'knows'",
    "ties rowid -1 with a third": "UPDATE ties SET rowid = -1, weight = 0.1 WHERE kind = 'knows'",
    # the rowid keys (ids with no gaps are not packed, with gaps they are) and the nullable
    # integers placed by them (only their values are packed)
    "interaction deleted: a gap in the ids": "DELETE FROM interactions WHERE id = 1",
    "person deleted: a gap in the ids": "DELETE FROM people WHERE id = 2",
    "interaction id 2**62": "UPDATE interactions SET id = 4611686018427387904 WHERE id = 2",
    "event_id 2**53 + 1 beside a NULL": "UPDATE interactions SET event_id = 9007199254740993 WHERE id = 1",
    "event_id on every interaction": "UPDATE interactions SET event_id = 1",
    "event_id 0 and negative": "UPDATE interactions SET event_id = CASE id WHEN 1 THEN 0 ELSE -7 END",
    "ring_override 2.5": "UPDATE people SET ring_override = 2.5 WHERE id = 1",
    "cadence_override text": "UPDATE people SET cadence_override = 'x' WHERE id = 1",
    "weights 1 and 0.5 as integers and text": "UPDATE ties SET weight = CASE kind WHEN 'knows' THEN 1 ELSE '0.5' END",
}


@pytest.mark.filterwarnings("ignore::UserWarning")  # pandas: no date format inferred (the general read)
@pytest.mark.parametrize("sql", CASES.values(), ids=CASES.keys())
def test_odd_content_reads_the_same_packed_or_not(base, tmp_path, sql):
    path = tmp_path / "odd.db"
    shutil.copy(base, path)
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()
    packed, general = _read(path, general=False), _read(path, general=True)
    if isinstance(general, Exception):
        assert type(packed) is type(general), packed
        return
    assert not isinstance(packed, Exception), packed
    for name in BIG:
        pd.testing.assert_frame_equal(getattr(packed, name), getattr(general, name), check_exact=True)


@pytest.mark.parametrize("sql, where", [
    ("UPDATE participants SET person_id = '1x' WHERE rowid = 1", "participants"),
    ("UPDATE ties SET b = x'3132' WHERE rowid = 1", "ties"),
    ("UPDATE interactions SET event_id = 'meetup' WHERE event_id IS NOT NULL", "interactions"),
    # overrides beside NULLs that no int64 holds (the CHECKs let them in): not a TypeError in astype("Int64")
    ("UPDATE people SET ring_override = 2.5 WHERE id = 1", "people"),
    ("UPDATE people SET cadence_override = 9223372036854775807 WHERE id = 1", "people"),
    ("UPDATE people SET cadence_override = 9e999 WHERE id = 1", "people"),
    # a whole number a float does not hold exactly (2**53 + 1 beside a NULL was read as
    # 2**53, a cadence other than the one stored), or 2**53 itself (which 2**53 + 1 reads
    # as); the same beside no NULL (exact in int64, but one rule, whatever the other rows hold)
    ("UPDATE people SET cadence_override = 9007199254740993 WHERE id = 1", "people"),
    ("UPDATE people SET cadence_override = 9007199254740992 WHERE id = 2", "people"),
    ("UPDATE people SET cadence_override = CASE id WHEN 3 THEN 9007199254740993 ELSE 7 END", "people"),
])
def test_an_id_that_is_no_number_is_one_clear_line(base, tmp_path, sql, where):
    """Text or bytes where netlib writes an id (only SQL outside netlib puts them there) is a
    StoreError naming the table and the way out, from the library and from the CLI; not a
    TypeError while sorting."""
    import subprocess
    import sys

    from netlib.errors import StoreError

    path = tmp_path / "garden.db"
    shutil.copy(base, path)
    with sqlite3.connect(path) as con:
        con.execute(sql)
    con.close()
    with Store(path) as s, pytest.raises(StoreError, match=f"table {where} holds"):
        s.snapshot(summaries=False)
    run = subprocess.run([sys.executable, "-m", "netlib", "--store", str(path), "checklist", "--month", "2026-02"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode != 0 and f"table {where} holds" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    # the query the line gives finds the row the change made (and no other)
    query = run.stderr[run.stderr.index("(SELECT ") + 1:run.stderr.index("), or import")]
    with sqlite3.connect(path) as con:
        found = con.execute(query).fetchall()
    con.close()
    assert len(found) == 1, (query, found)


def test_an_override_below_2_53_beside_a_null_reads_back_exactly(base, tmp_path):
    """The largest whole number a float holds with its neighbours, written with sqlite3 beside
    NULLs (a float64 column in the read), reads back as it is stored."""
    path = tmp_path / "garden.db"
    shutil.copy(base, path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE people SET cadence_override = 9007199254740991 WHERE id = 2")
    con.close()
    with Store(path) as s:
        cadence = s.snapshot(summaries=False).people["cadence_override"]
    assert cadence.dtype == "Int64" and cadence.isna().tolist() == [True, False, True], cadence
    assert int(cadence.loc[2]) == 2**53 - 1


class _Interrupted:
    """A store's connection that lets another connection write after each statement the
    snapshot reads with (not right after BEGIN: the read transaction starts at the first read)."""

    def __init__(self, con, other):
        self._con, self._other, self.writes = con, other, 0

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, sql, *args):
        cur = self._con.execute(sql, *args)
        if not sql.startswith(("BEGIN", "COMMIT")):
            self._other.execute("DELETE FROM interactions WHERE id = (SELECT min(id) FROM interactions)")
            self._other.execute("INSERT INTO interactions(date, kind) VALUES ('2026-05-05', 'call')")  # ids stay dense
            self._other.execute("UPDATE ties SET weight = weight + 0.1")
            self._other.execute("DELETE FROM participants WHERE rowid = (SELECT min(rowid) FROM participants)")
            self.writes += 1
        return cur


def test_a_write_between_the_reads_of_a_snapshot_is_not_seen(base, tmp_path):
    """The packed read takes a table's count and bounds in one statement and its rows in
    another (ids with no gaps are the range of those bounds; reals are fetched again by
    rowid): another process writing between them must not change what the snapshot holds."""
    path = tmp_path / "garden.db"
    shutil.copy(base, path)
    with Store(path) as s:
        before = s.snapshot(summaries=False)
        other = sqlite3.connect(path, isolation_level=None)
        s.con = _Interrupted(s.con, other)
        try:
            during = s.snapshot(summaries=False)
            assert s.con.writes > 10
        finally:
            s.con = s.con._con
            other.close()
        after = s.snapshot(summaries=False)
    for name in BIG:
        pd.testing.assert_frame_equal(getattr(during, name), getattr(before, name), check_exact=True)
    assert not after.interactions["id"].equals(before.interactions["id"])  # the writes landed


class _NoFilter:
    """A store's connection that rejects aggregate FILTER clauses, as SQLite before 3.30 does."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, sql, *args):
        if "FILTER (" in sql:
            raise sqlite3.OperationalError('near "(": syntax error')
        return self._con.execute(sql, *args)


def test_an_sqlite_without_filter_reads_the_same(base, monkeypatch):
    """The nullable integers of people and interactions are packed with FILTER; an SQLite
    without it makes those two tables take the general read, with the same snapshot."""
    taken = _spied(monkeypatch)
    with Store(base) as s:
        want = s.snapshot(summaries=False)
        s.con = _NoFilter(s.con)
        try:
            got = s.snapshot(summaries=False)
        finally:
            s.con = s.con._con
    assert sorted(taken[len(BIG):]) == [("interactions", False), ("participants", True), ("people", False), ("ties", True)]
    for name in BIG:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), check_exact=True)
