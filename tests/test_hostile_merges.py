"""An export's plans.csv and merges.csv under hostile input: a merge record changed by hand
(a missing key, a wrong shape, ids that do not agree) is one skipped record naming the file
and line, never a traceback at import or at a later 'people split'; the rest imports."""

import csv
import datetime as dt
import json
import shutil

import pytest

from netlib.cli import main
from netlib.store.core import Store
from netlib.store.export import EXPORT_FILES


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("merges")
    with Store(root / "a.db") as s:
        a = s.add_person("Ann Alpha", emails=["a@x.example"])
        b = s.add_person("Bob Beta", emails=["b@x.example"])
        s.add_plan(b, "2026-12-03", "coffee", kind="coffee", today=dt.date(2026, 11, 20))
        s.merge_people(a, b)
    assert main(["export", str(root / "out"), "--store", str(root / "a.db")]) == 0
    return root / "out", a, b


def _import(exported, tmp_path, change):
    out, a, b = exported
    folder = tmp_path / "x"
    shutil.copytree(out, folder)
    rows = list(csv.reader(open(folder / "merges.csv", newline="", encoding="utf-8")))
    record = json.loads(rows[1][5])
    change(rows[1], record)
    rows[1][5] = json.dumps(record)
    with open(folder / "merges.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return main(["import", *[str(folder / n) for n in EXPORT_FILES], "--store", str(folder / "s.db")]), folder / "s.db"


def _set(key, value):
    return lambda row, rec: rec.update({key: value})


@pytest.mark.parametrize("change", [
    lambda row, rec: rec["other"].pop("id"),
    lambda row, rec: rec["other"].pop("since"),
    lambda row, rec: rec["other"].update(id="x"),
    lambda row, rec: rec["keep_before"].update(name=["a", "list"]),
    lambda row, rec: row.__setitem__(1, "999"),  # other_id and the record's other disagree
    lambda row, rec: rec["keep_before"].update(id=7),  # keep and the record's kept person disagree
    lambda row, rec: (row.__setitem__(1, "1"), rec["other"].update(id=1)),  # a merge into oneself
    _set("tables", []),
    _set("tables", {"emails": [[["b@x.example"]], []]}),
    _set("tables", {"emails": [[["b@x.example", 5]], []]}),
    _set("interactions", [[1]]),
    _set("participants", [[5, 6]]),
    _set("sources", "nope"),
    _set("ties", [[1, 2]]),
    _set("ticks", [["k"]]),
    lambda row, rec: rec.pop("ticks_added"),
])
def test_a_hand_changed_merge_record_is_a_skipped_record(exported, tmp_path, capsys, change):
    code, path = _import(exported, tmp_path, change)
    err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err.err
    assert "skipped merges.csv:2: merge:" in err.out + err.err
    with Store(path) as s:
        assert s.con.execute("SELECT COUNT(*) FROM merges").fetchone()[0] == 0
        assert s.con.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1  # the rest imported
        assert len(s.plans()) == 1


def test_the_untouched_record_still_imports_and_splits(exported, tmp_path, capsys):
    _, a, b = exported
    code, path = _import(exported, tmp_path, lambda row, rec: None)
    assert code == 0
    with Store(path) as s:
        merge = s.merges(a)[0]
        assert s.unmerge(merge["id"]) == b and s.person(b)["name"] == "Bob Beta"


@pytest.mark.parametrize("name, header, row", [
    ("merges.csv", ["keep", "other_id", "other_name", "at", "split_at", "record"],
     ["netlib:1", "2", "Bob", "2026-12-03", "", "[" * 100_000]),
    ("settings.csv", ["key", "value"], ["goals", "[" * 100_000]),
    ("people.csv", ["id", "name", "emails", "sources"], ["1", "Ann", "a@x.example", "[" * 100_000]),
])
def test_json_nested_past_python_s_recursion_limit_is_a_skipped_record(tmp_path, capsys, name, header, row):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, row])
    code = main(["import", str(path), "--store", str(tmp_path / "s.db")])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "RecursionError" not in err + out
    assert code == 0 and f"skipped {name}:2:" in out + err, out + err
