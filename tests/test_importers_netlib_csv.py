"""netlib's own CSV formats (docs/csv-formats.md); expected values read off the fixtures."""

import datetime as dt
from pathlib import Path

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import detect, parse
from netlib.importers.netlib_cells import reference
from netlib.importers.netlib_csv import COLUMNS
from netlib.importers.records import EventRecord, InteractionRecord, PersonRecord, TieRecord

DATA = Path(__file__).parent / "data" / "import"


def test_people_every_field():
    batch = parse(DATA / "people.csv")
    assert batch.kind == "netlib-people"
    assert batch.people[0] == PersonRecord(
        key="netlib:1", name="Jane Doe", first_name="Jane", last_name="Doe",
        emails=["jane@acme.com", "jane.doe@gmail.com"], phones=["+1 555 0100"], company="Acme, Inc.",
        position="Head of Research", linkedin_url="https://www.linkedin.com/in/jane-doe", tags=["mentor", "pycon"],
        notes='Loves "good" coffee', birthday="--03-14", since=dt.date(2023, 4, 20), ring=2, cadence_days=30, line=2,
    )
    assert [str(s) for s in batch.skipped] == ["people.csv:4: 'ring' is 'five', expected a whole number from 1 to 6"]


def test_people_columns_cover_every_record_field():
    fields = set(PersonRecord.__dataclass_fields__) - {"key", "line"}
    assert fields <= set(COLUMNS["netlib-people"])


def test_interactions():
    batch = parse(DATA / "interactions.csv")
    assert batch.interactions[0] == InteractionRecord(
        key="netlib:10", date=dt.date(2025, 1, 15), kind="coffee", people=["email:jane@acme.com", "name:Omar Haddad"],
        direction="out", summary="Coffee at Blue Bottle", line=2)
    assert batch.interactions[1].people == ["netlib:2"] and batch.interactions[1].direction == "both"
    assert batch.interactions[2].people == ["linkedin:https://www.linkedin.com/in/jane-doe",
                                            "linkedin:https://www.linkedin.com/in/liwei"]
    reasons = [s.reason for s in batch.skipped]
    assert reasons[0] == "'date' is '2025-02-30', expected a date like '2026-11-25'"
    assert reasons[1].startswith("'kind' is 'lunch', expected one of: connected, coffee, meal,")
    assert reasons[2] == "'direction' is 'sideways', expected one of: out, in, both"


def test_events_and_ties():
    events = parse(DATA / "events.csv")
    assert events.events == [EventRecord(
        key="netlib:5", name="PyCon US", date=dt.date(2023, 4, 20), location="Salt Lake City",
        met=["email:jane@acme.com", "name:Omar Haddad"], followed_up=["email:jane@acme.com"], line=2)]
    assert events.skipped[0].line == 3
    ties = parse(DATA / "ties.csv")
    assert ties.ties == [
        TieRecord("email:jane@acme.com", "netlib:2", "colleague", since=dt.date(2022, 1, 1), weight=1.0, line=2),
        TieRecord("netlib:1", "netlib:2", "knows", weight=0.5, line=3),
    ]
    assert [s.line for s in ties.skipped] == [4, 5]


@pytest.mark.parametrize("value, ref", [
    ("Jane@Acme.com", "email:jane@acme.com"),
    ("email: Jane@Acme.com", "email:jane@acme.com"),
    ("name:Jane Doe", "name:Jane Doe"),
    ("Jane Doe", "name:Jane Doe"),
    ("42", "netlib:42"),
    ("id:42", "netlib:42"),
    ("https://www.linkedin.com/in/Jane/", "linkedin:https://www.linkedin.com/in/jane"),
    ("linkedin:linkedin.com/in/jane", "linkedin:https://www.linkedin.com/in/jane"),
])
def test_reference(value, ref):
    assert reference(value) == ref


@pytest.mark.parametrize("name, kind", [("people.csv", "netlib-people"), ("interactions.csv", "netlib-interactions"),
                                        ("events.csv", "netlib-events"), ("ties.csv", "netlib-ties")])
def test_detect(name, kind):
    assert detect(DATA / name) == kind


def test_missing_column_and_strict(tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text("id,date,kind\n1,2025-01-01,call\n")
    with pytest.raises(ImportFileError) as err:
        parse(path, "netlib-interactions")
    assert str(err.value).startswith("interactions.csv:1: header has no 'with' column (expected netlib's")
    with pytest.raises(RecordError, match="interactions.csv:4: 'date' is '2025-02-30'"):
        parse(DATA / "interactions.csv", strict=True)


def test_a_date_outside_1900_2100_is_a_skipped_record(tmp_path):
    """Year 9999 (a typo) is refused with the line, as the calendar importer refuses it
    (found by a hostile review: it was stored and shown as the last contact)."""
    from netlib.importers import parse

    path = tmp_path / "interactions.csv"
    path.write_text("date,kind,direction,with\n9999-01-01,coffee,both,a@x.example\n"
                    "0202-03-04,call,out,a@x.example\n2026-11-01,coffee,both,a@x.example\n")
    batch = parse(path)
    assert [i.date.isoformat() for i in batch.interactions] == ["2026-11-01"]
    assert [(s.line, "between 1900 and 2100" in s.reason) for s in batch.skipped] == [(2, True), (3, True)]


def test_a_birthday_after_2100_is_a_skipped_record_naming_file_and_line(tmp_path, capsys):
    """people.csv's birthday column keeps the rule of the other dates (9999 is a typo); a year
    before 1900 stays a birthday without a year, as vCards write it."""
    from netlib.cli import main
    from netlib.store.core import Store

    path = tmp_path / "people.csv"
    path.write_text("id,name,birthday\n1,Ann Lee,9999-12-31\n2,Bo Chen,1604-03-14\n3,Cy Park,1990-03-14\n")
    assert main(["import", str(path), "--store", str(tmp_path / "s.db")]) == 0
    err = capsys.readouterr().err
    assert "skipped people.csv:2: 'birthday' is '9999-12-31', expected a date between 1900 and 2100" in err
    with Store(tmp_path / "s.db") as store:
        assert [(p["name"], p["birthday"]) for p in map(store.person, (2, 3))] == [("Bo Chen", "--03-14"),
                                                                                 ("Cy Park", "1990-03-14")]
        assert len(store.people()) == 2
        with pytest.raises(Exception, match="up to 2100"):  # the same rule by hand
            store.edit_person(2, birthday="9999-01-01")


def test_a_plan_id_of_a_digit_int_cannot_read_is_no_id(tmp_path):
    """A plan whose id is "²" (str.isdigit says yes, int() says no) is kept without its id,
    not a ValueError (found by a review)."""
    from netlib.importers import parse

    path = tmp_path / "plans.csv"
    path.write_text("id,person,date,what,kind,created,cancelled\n"
                    "²,a@x.example,2026-12-01,coffee,meeting,,0\n7,a@x.example,2026-12-02,call,meeting,,0\n",
                    encoding="utf-8")
    batch = parse(path, "netlib-plans")
    assert [p["id"] for p in batch.extra["plans"]] == [None, 7]
