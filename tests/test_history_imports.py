"""The garden after importing LinkedIn's export and a mailbox: what really happened shows in
its reciprocity, last contacts, ties and follow-ups. Numbers counted by hand from the fixtures."""

import datetime as dt

import pandas as pd

from netlib.demo.build import build_demo_store
from netlib.garden.analysis import analyse
from netlib.garden.checklist import met_at_events
from netlib.store.core import Store
from privacy import MBOX, export_zip

ME = ["sam.rivera@example.com", "sam@rivera.example"]


def test_rings_health_reciprocity_and_follow_ups_reflect_the_history(tmp_path):
    with Store(tmp_path / "garden.db") as store:
        store.import_file(export_zip(tmp_path), today=dt.date(2026, 11, 30))
        store.set_setting("owner_emails", ME)
        store.import_file(MBOX, today=dt.date(2026, 11, 30))
        eid = store.add_event("PyData Berlin", "2024-08-01")
        kofi = store.find_person("Kofi Mensah")
        store.met(eid, [kofi])
        snap = store.snapshot()
        garden = analyse(snap, "2026-11-30")
        ids = {name: store.find_person(name) for name in ("Jane Doe", "Omar Haddad", "Lena Park")}
    rec = garden.reciprocity
    # Omar: recommended you (received), you endorsed him (given); Jane endorsed you; you recommended Lena
    assert rec.loc[ids["Omar Haddad"], ["given", "received"]].tolist() == [1, 1]
    assert rec.loc[ids["Jane Doe"], ["given", "received"]].tolist() == [0, 1]
    assert rec.loc[ids["Lena Park"], ["given", "received"]].tolist() == [1, 0]
    people = garden.people
    # Jane's LinkedIn record and her mail are one person (her name, accents folded); her last
    # contact is the email with slides on 25 Nov
    assert people.loc[ids["Jane Doe"], "last_interaction"] == pd.Timestamp("2026-11-25")
    assert people.loc[ids["Jane Doe"], "strength"] > people.loc[ids["Lena Park"], "strength"] > 0
    assert (people["name"] == "Jane Doe").sum() == 1 and "Jane Döe" not in set(people["name"])
    # your outgoing invitation to Kofi five days after the event is the follow-up
    met = met_at_events(snap)
    assert met.loc[met["person_id"] == kofi, "done"].tolist() == [True]


def test_the_demo_imports_the_export_and_the_mailbox(tmp_path):
    store, _ = build_demo_store(tmp_path / "demo.db", echo=lambda *_: None)
    with store:
        kinds = dict(store.con.execute("SELECT source, COUNT(*) FROM interactions GROUP BY source").fetchall())
        by_kind = dict(store.con.execute(
            "SELECT kind, COUNT(*) FROM interactions WHERE source IN ('linkedin', 'mbox') GROUP BY kind").fetchall())
    assert kinds["mbox"] > 100 and by_kind["email"] == kinds["mbox"]
    assert by_kind["message"] > 50 and by_kind["invitation"] > 50
    assert by_kind["help_received"] >= 3 and by_kind["help_given"] >= 3
