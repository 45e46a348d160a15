"""Settings and the demo under hostile input (issue 14): an imported setting is validated as
``netlib settings`` validates it, no import can make a store a demo, and ``netlib demo``
never deletes a store holding people it did not make. CLI runs on real files."""

import sqlite3

import pytest

from netlib.cli import main
from netlib.store.core import Store


def settings_csv(tmp_path, *rows):
    path = tmp_path / "settings.csv"
    path.write_text("key,value\n" + "".join(f"{k},{v}\n" for k, v in rows))
    return path


def test_garbage_settings_are_skipped_records_and_the_good_ones_land(tmp_path, capsys):
    path = settings_csv(tmp_path, ("half_life_days", "120"), ("cadence_days", '"{""1"": ""weekly""}"'),
                        ("ring_sizes", '"[5, 3]"'), ("caps", '"{""water"": -1}"'), ("owner_name", '"""Alex"""'))
    db = tmp_path / "g.db"
    assert main(["import", str(path), "--store", str(db)]) == 0
    err = capsys.readouterr().err
    for line, said in ((3, "cadence_days['1'] is 'weekly'"), (4, "ring_sizes is [5, 3]"), (5, "caps['water'] is -1")):
        assert f"settings.csv:{line}: setting not imported: {said}" in err
    with Store(db) as store:
        assert store.settings() == {"half_life_days": 120, "owner_name": "Alex"}
    assert main(["checklist", "--store", str(db)]) == 0  # the garden still reads


def test_strict_refuses_a_bad_setting_whole(tmp_path, capsys):
    path = settings_csv(tmp_path, ("half_life_days", "120"), ("half_life_days", "-5"))
    db = tmp_path / "g.db"
    assert main(["import", str(path), "--store", str(db), "--strict"]) == 1
    with Store(db) as store:
        assert store.settings() == {}


def test_an_imported_demo_setting_does_not_make_a_demo(tmp_path, capsys):
    real = tmp_path / "real.db"
    with Store(real) as store:
        store.add_person("Ada Lovelace", emails=["ada@x.example"])
    path = settings_csv(tmp_path, ("demo", "true"))
    assert main(["import", str(path), "--store", str(real)]) == 0
    assert "setting not imported: demo is not a setting you can set or import" in capsys.readouterr().err
    assert main(["demo", "--store", str(real), "--no-report"]) == 1
    err = capsys.readouterr().err
    assert "holds people that 'netlib demo' did not make" in err and err.count("\n") == 1
    with Store(real) as store:
        assert [p["name"] for p in store.people()] == ["Ada Lovelace"]


def test_a_demo_store_with_a_person_added_by_hand_is_kept(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--store", str(db), "--no-report"]) == 0
    assert main(["demo", "--store", str(db), "--no-report"]) == 0  # a demo it made: rebuilt
    with Store(db) as store:
        made = len(store.people())
        store.add_person("Grace Hopper", emails=["grace@x.example"])
    assert main(["demo", "--store", str(db), "--no-report"]) == 1
    with Store(db) as store:
        assert len(store.people()) == made + 1


def test_a_demo_store_with_a_foreign_import_is_kept(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--store", str(db), "--no-report"]) == 0
    mine = tmp_path / "mine.csv"
    mine.write_text("name,emails\nGrace Hopper,grace@x.example\n")
    assert main(["import", str(mine), "--store", str(db)]) == 0
    assert main(["demo", "--store", str(db), "--no-report"]) == 1
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM people WHERE name='Grace Hopper'").fetchone() == (1,)


def test_demo_cannot_be_set_by_hand(tmp_path, capsys):
    db = tmp_path / "g.db"
    Store(db).close()
    assert main(["settings", "demo", "true", "--store", str(db)]) == 1


def test_a_demo_store_with_a_real_export_of_the_same_name_is_kept(tmp_path, capsys):
    # the file name says nothing: a real Connections.csv imported into the demo store
    db = tmp_path / "demo.db"
    assert main(["demo", "--store", str(db), "--no-report"]) == 0
    real = tmp_path / "Connections.csv"
    real.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Navy,Admiral,01 Mar 2025\n")
    assert main(["import", str(real), "--store", str(db)]) == 0
    assert main(["demo", "--store", str(db), "--no-report"]) == 1
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM people WHERE name='Grace Hopper'").fetchone() == (1,)
