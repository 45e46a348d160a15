"""netlib export writes plain CSV that netlib import reads back, formulas neutralised
(the guard itself is tested with its module, in test_importers_normalise.py)."""

import csv
import datetime as dt

from netlib.cli import main
from netlib.demo.build import build_demo_store
from netlib.store.core import Store
from netlib.store.export import export_csv


def _people_view(store):
    return sorted(
        (p["name"], tuple(p["emails"]), p["company"], tuple(p["tags"]), p["interaction_count"], p["last_interaction"])
        for p in store.people()
    )


def test_export_round_trips_the_sample(tmp_path, capsys):
    store, _ = build_demo_store(tmp_path / "demo.db", echo=lambda *_: None)
    store.set_checklist_state("water:p1", "2026-11", "done", at=dt.date(2026, 11, 20))
    with store:
        assert main(["export", str(tmp_path / "out"), "--store", str(store.path)]) == 0
        assert main(["import", str(tmp_path / "out"), "--store", str(tmp_path / "copy.db")]) == 0
        with Store(tmp_path / "copy.db") as copy:
            assert _people_view(copy) == _people_view(store)
            assert copy.counts()["events"] == store.counts()["events"]
            # all but the demo mark, which only `netlib demo` sets (issue 14)
            assert copy.settings() == {k: v for k, v in store.settings().items() if k != "demo"}
            assert store.settings()["demo"] and "demo" not in copy.settings()
            assert copy.con.execute("SELECT key, month, state FROM checklist").fetchall() == [("water:p1", "2026-11", "done")]
            # ids are kept in a new store, so checklist keys (water:p1, follow_up:e3:p7) mean the same people
            ids = "SELECT id, name FROM people ORDER BY id"
            assert copy.con.execute(ids).fetchall() == store.con.execute(ids).fetchall()
            events = "SELECT id, name, date FROM events ORDER BY id"
            assert copy.con.execute(events).fetchall() == store.con.execute(events).fetchall()
            mine = store.con.execute("SELECT COUNT(*), SUM(followed_up) FROM event_people").fetchone()
            theirs = copy.con.execute("SELECT COUNT(*), SUM(followed_up) FROM event_people").fetchone()
            assert mine == theirs
            # interactions keep their link to the event they happened at
            linked = "SELECT COUNT(*) FROM interactions WHERE event_id IS NOT NULL AND kind != 'event'"
            assert copy.con.execute(linked).fetchone() == store.con.execute(linked).fetchone()
            # importing the export again changes nothing
            before = copy.counts()
        assert main(["import", str(tmp_path / "out"), "--store", str(tmp_path / "copy.db")]) == 0
        with Store(tmp_path / "copy.db") as copy:
            after = copy.counts()
            assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


def test_formula_cells_are_neutralised_and_restored(store, tmp_path):
    store.add_person('=HYPERLINK("http://evil.example","click")', company="+SUM(A1:A9)", notes="@cmd")
    export_csv(store, tmp_path / "out")
    with open(tmp_path / "out" / "people.csv", newline="", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    for column in ("name", "company", "notes"):
        assert row[column][0] == "'", f"{column} would run as a formula: {row[column]!r}"
    with Store(tmp_path / "copy.db") as copy:
        main(["import", str(tmp_path / "out" / "people.csv"), "--store", str(copy.path)])
        assert copy.people()[0]["name"] == '=HYPERLINK("http://evil.example","click")'
