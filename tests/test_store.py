"""The store: transactions, identity resolution, idempotent imports, migrations."""

import datetime as dt
import os
import sqlite3
import stat

import pandas as pd
import pytest

from netlib.errors import RecordError, SchemaVersionError, StoreError, ValidationError
from netlib.importers.records import ImportBatch, InteractionRecord, PersonRecord, TieRecord
from netlib.store.schema import SCHEMA_VERSION
from netlib.store.core import Store

D = dt.date(2026, 11, 20)


def linkedin_batch():
    b = ImportBatch("Connections.csv", "linkedin", "x")
    b.people = [
        PersonRecord("https://www.linkedin.com/in/jane", "Jane Doe", company="Acme",
                     linkedin_url="https://www.linkedin.com/in/jane", since=dt.date(2024, 5, 1)),
        PersonRecord("https://www.linkedin.com/in/omar", "Omar Haddad", company="Globex",
                     linkedin_url="https://www.linkedin.com/in/omar", since=dt.date(2025, 1, 2)),
    ]
    b.interactions = [
        InteractionRecord("c1", dt.date(2024, 5, 1), "connected", ["https://www.linkedin.com/in/jane"]),
    ]
    return b


def vcard_batch():
    b = ImportBatch("contacts.vcf", "vcard", "y")
    b.people = [
        # same Jane: name + company match (company written differently)
        PersonRecord("uid-1", "Jane Doe", emails=["Jane@Acme.example"], company="Acme, Inc.", tags=["design"]),
        # a different Jane Doe at another company stays separate
        PersonRecord("uid-2", "Jane Doe", emails=["jane@initech.example"], company="Initech"),
    ]
    return b


def test_store_file_is_owner_only(tmp_path):
    path = tmp_path / "sub" / "garden.db"
    Store(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_reimport_changes_nothing(store, checksum):
    store.apply(linkedin_batch(), today=D)
    before = checksum(store.path, skip=("imports",))
    report = store.apply(linkedin_batch(), today=D)
    assert (report.added, report.updated, report.unchanged, report.interactions) == (0, 0, 2, 0)
    # only the imports log grows
    assert checksum(store.path, skip=("imports",)) == before
    assert store.counts()["people"] == 2
    assert store.counts()["interactions"] == 1


def test_identity_merges_by_name_and_company_then_email(store):
    store.apply(linkedin_batch(), today=D)
    report = store.apply(vcard_batch(), today=D)
    assert (report.added, report.updated) == (1, 1)
    jane = store.person("jane@acme.example")
    assert jane["linkedin_url"] == "https://www.linkedin.com/in/jane"
    assert [s["matched_by"] for s in jane["sources"]] == ["new", "name+company"]
    assert jane["tags"] == ["design"]
    # a calendar invite by email joins the same person
    cal = ImportBatch("cal.ics", "ics", "z")
    cal.people = [PersonRecord("email:jane@acme.example", "jane@acme.example", emails=["jane@acme.example"])]
    store.apply(cal, today=D)
    assert [s["matched_by"] for s in store.person(jane["id"])["sources"]][-1] == "email"
    assert store.counts()["people"] == 3


def test_split_undoes_a_wrong_merge(store):
    store.apply(linkedin_batch(), today=D)
    store.apply(vcard_batch(), today=D)
    jane = store.person("jane@acme.example")
    vsource = jane["sources"][1]["id"]
    new = store.split(jane["id"], vsource)
    assert store.person(new)["emails"] == ["jane@acme.example"]
    assert store.person(jane["id"])["emails"] == []
    assert store.person(jane["id"])["tags"] == [] and store.person(new)["tags"] == ["design"]
    assert store.person(jane["id"])["company"] == "Acme"  # LinkedIn said so too
    # re-importing the vCard keeps it with the split-out person (same source)
    store.apply(vcard_batch(), today=D)
    assert store.find_person("jane@acme.example") == new
    with pytest.raises(ValidationError):
        store.split(new, store.person(new)["sources"][0]["id"])


def test_failed_import_leaves_store_untouched(store, checksum):
    store.apply(linkedin_batch(), today=D)
    before = checksum(store.path)
    bad = ImportBatch("log.csv", "netlib-interactions", "w")
    bad.interactions = [InteractionRecord("i1", D, "coffee", ["email:nobody@x.example"], line=2)]
    with pytest.raises(RecordError) as info:
        store.apply(bad, strict=True)
    assert info.value.line == 2 and "nobody@x.example" in str(info.value)
    assert checksum(store.path) == before


def test_bad_reference_skips_one_record_not_the_file(store):
    store.apply(linkedin_batch(), today=D)
    batch = ImportBatch("log.csv", "netlib-interactions", "w")
    batch.interactions = [
        InteractionRecord("i1", D, "coffee", ["email:nobody@x.example"], line=2),
        InteractionRecord("i2", D, "coffee", ["name:Omar Haddad"], line=3),
    ]
    report = store.apply(batch)
    assert report.interactions == 1
    assert [(s.line, "nobody" in s.reason) for s in report.skipped] == [(2, True)]


def test_ties_are_stored_once_per_pair_and_source(store):
    store.apply(linkedin_batch(), today=D)
    batch = ImportBatch("ties.csv", "netlib-ties", "t")
    batch.ties = [TieRecord("name:Omar Haddad", "name:Jane Doe", "knows", since=D)]
    store.apply(batch)
    store.apply(batch)
    ties = store.snapshot().ties
    assert len(ties) == 1 and ties.iloc[0]["a"] < ties.iloc[0]["b"]


@pytest.mark.parametrize("kind, weight", [(b"knows", 1.0), ("friend", 1.0), (None, 1.0), ("knows", "abc"),
                                          ("knows", float("nan")), ("knows", 0), ("knows", -1.0),
                                          ("knows", float("inf")), ("knows", True)])
def test_add_tie_refuses_a_kind_or_weight_no_import_would_write(store, kind, weight):
    """The API writes what an importer would accept: a tie kind of TIE_KINDS and a positive
    finite weight (a bytes kind would land as a BLOB, which no read of the store expects)."""
    store.apply(linkedin_batch(), today=D)
    with pytest.raises(ValidationError):
        store.add_tie("Jane Doe", "Omar Haddad", kind, since=D, weight=weight)
    assert store.con.execute("SELECT count(*) FROM ties").fetchone()[0] == 0
    store.add_tie("Jane Doe", "Omar Haddad", "knows", since=D, weight=0.5)
    assert store.snapshot().ties["weight"].tolist() == [0.5]


def test_log_and_events_reach_the_snapshot(store):
    store.apply(linkedin_batch(), today=D)
    store.log(["Jane Doe", "Omar Haddad"], "coffee", D, "talked shop")
    eid = store.add_event("PyData", dt.date(2026, 11, 12))
    store.met(eid, ["Omar Haddad"], learned="likes graphs")
    store.followed_up("PyData", "Omar Haddad", date=D)
    snap = store.snapshot()
    assert set(snap.interactions["kind"]) == {"connected", "coffee", "event"}
    assert bool(snap.event_people.iloc[0]["followed_up"]) is True
    early = snap.as_of("2026-11-15")
    assert bool(early.event_people.iloc[0]["followed_up"]) is False  # followed up later
    # cutting a cut snapshot: at a later day it is itself, at an earlier one a real cut
    assert early.as_of("2026-12-31") is early and early.cut_at == pd.Timestamp("2026-11-15")
    for a, b in ((early.as_of("2026-11-11"), snap.as_of("2026-11-11")), (snap.as_of(D).as_of(D), snap.as_of(D))):
        for name in ("people", "interactions", "participants", "events", "event_people", "ties", "checklist"):
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    with pytest.raises(ValidationError):
        store.log("Jane Doe", "lunchh", D)


def test_newer_schema_is_refused_untouched(tmp_path, checksum):
    path = tmp_path / "garden.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = checksum(path)
    with pytest.raises(SchemaVersionError, match="newer than this netlib"):
        Store(path)
    assert checksum(path) == before


def test_older_schema_migrates_with_backup(tmp_path, monkeypatch):
    import netlib.store.schema as schema
    import netlib.store.core as store_module

    path = tmp_path / "garden.db"
    Store(path).close()  # a version-1 store
    # pretend this netlib has a version 2 that adds a column
    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS + ["ALTER TABLE people ADD COLUMN pronouns TEXT"])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION + 1
        s.con.execute("SELECT pronouns FROM people")
    backup = tmp_path / f"garden.db.bak-v{SCHEMA_VERSION}"
    assert backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_not_a_store_is_refused(tmp_path):
    path = tmp_path / "garden.db"
    path.write_text("hello")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store(path)


def test_backup_is_consistent_copy(store, tmp_path):
    store.apply(linkedin_batch(), today=D)
    copy = store.backup(tmp_path / "copy.db")
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    with Store(copy) as c:
        assert c.counts()["people"] == 2
        assert c.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_linkedin_profiles_with_one_name_stay_two_people(store):
    # the same name, no company to tell them apart, but two different profiles
    b = ImportBatch("Connections.csv", "linkedin", "x")
    b.people = [PersonRecord(f"https://www.linkedin.com/in/john-smith-{i}", "John Smith",
                             linkedin_url=f"https://www.linkedin.com/in/john-smith-{i}") for i in (1, 2)]
    report = store.apply(b, today=D)
    assert report.added == 2 and store.counts()["people"] == 2


def test_a_calendar_imported_again_under_another_name_does_not_double_ties(store, tmp_path):
    store.apply(linkedin_batch(), today=D)
    for name in ("calendar.ics", "calendar (1).ics"):
        batch = ImportBatch(name, "ics", "c")
        batch.ties = [TieRecord("name:Omar Haddad", "name:Jane Doe", "coattendance", since=D, weight=0.5)]
        store.apply(batch)
    ties = store.snapshot().ties
    assert len(ties) == 1 and ties.iloc[0]["weight"] == 0.5
