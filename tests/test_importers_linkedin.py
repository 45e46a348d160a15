"""LinkedIn Connections.csv; expected values read off the fixture by hand."""

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from netlib.errors import ImportFileError, RecordError
from netlib.importers import detect, parse
from netlib.importers.records import InteractionRecord, PersonRecord

DATA = Path(__file__).parent / "data" / "import"
PREAMBLE = 'Notes:\r\n"When exporting your connection data, you may notice ..."\r\n\r\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def test_connections_exact_values():
    batch = parse(DATA / "Connections.csv")
    assert batch.kind == "linkedin"
    assert [p.key for p in batch.people] == [
        "https://www.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/cathysmith",
        batch.people[2].key,
        "https://www.linkedin.com/in/ana-lima",
    ]
    assert batch.people[0] == PersonRecord(
        key="https://www.linkedin.com/in/jane-doe", name="Jane Doe", first_name="Jane", last_name="Doe",
        company="Acme, Inc.", position="Head of Research",
        linkedin_url="https://www.linkedin.com/in/jane-doe", since=dt.date(2024, 11, 25), line=5,
    )
    cathy = batch.people[1]
    assert (cathy.name, cathy.first_name, cathy.emails, cathy.since) == (
        "Catherine (Cathy) Smith", "Catherine", ["cathy.smith@example.com"], dt.date(2025, 7, 1))
    omar = batch.people[2]
    assert omar.key.startswith("hash:") and omar.linkedin_url is None and omar.name == "Omar Haddad"
    assert batch.people[3].name == "Ana Lima"
    assert batch.interactions[0] == InteractionRecord(
        key="linkedin-connected:https://www.linkedin.com/in/jane-doe", date=dt.date(2024, 11, 25),
        kind="connected", people=["https://www.linkedin.com/in/jane-doe"], direction="both", line=5,
    )
    assert len(batch.interactions) == 4
    assert [str(s) for s in batch.skipped] == [
        "Connections.csv:7: a hidden member: LinkedIn exports only the date for members who hide their "
        "connections, so there is no one to import",
        "Connections.csv:10: 'Connected On' is '31 Foo 2024', expected a date like '25 Nov 2024'",
    ]


def test_german_header():
    batch = parse(DATA / "Connections_de.csv")
    person = batch.people[0]
    assert (person.name, person.company, person.since) == ("Jürgen Müller", "Beispiel GmbH", dt.date(2024, 3, 14))


def test_missing_column_names_line_and_fix():
    with pytest.raises(ImportFileError) as err:
        parse(DATA / "Connections_no_date.csv", "linkedin")
    assert str(err.value) == (
        "Connections_no_date.csv:4: header has no 'Connected On' column "
        "(expected a LinkedIn Connections.csv export; use --kind to choose another format)")
    assert (err.value.line, err.value.column) == (4, "Connected On")


def test_strict_raises_on_first_bad_row():
    with pytest.raises(RecordError) as err:
        parse(DATA / "Connections.csv", strict=True)
    assert err.value.line == 7 and "hidden member" in err.value.reason


def test_zip_export_any_case_in_subfolder(tmp_path):
    archive = tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Basic_LinkedInDataExport/messages.csv", "FROM,TO\n")
        zf.writestr("Basic_LinkedInDataExport/connections.CSV", (DATA / "Connections.csv").read_bytes())
    assert detect(archive) == "linkedin"
    batch = parse(archive)
    assert len(batch.people) == 4 and len(batch.skipped) == 2


def test_zip_without_connections(tmp_path):
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(ImportFileError, match="use --kind"):
        detect(archive)
    with pytest.raises(ImportFileError, match="without a Connections.csv"):
        parse(archive, "linkedin")


def _big(path: Path, n: int) -> Path:
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(PREAMBLE + HEADER)
        for i in range(n):
            f.write(f'First{i},Last{i},https://www.linkedin.com/in/p-{i}/,,"Co {i % 500}, Inc.",Engineer,'
                    f'{1 + i % 28:02d} {months[i % 12]} {2010 + i % 15}\r\n')
    return path


def test_30000_rows_with_progress(tmp_path):
    # timings live in benchmarks/import_bench.py; here: every row, and progress to the end
    path = _big(tmp_path / "Connections.csv", 30_000)
    calls = []
    batch = parse(path, progress=lambda done, total: calls.append((done, total)))
    assert len(batch.people) == 30_000 and len(batch.interactions) == 30_000
    size = path.stat().st_size
    assert calls[-1] == (size, size) and len(calls) >= 2


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(body=st.lists(st.lists(st.text(max_size=15), min_size=0, max_size=8), max_size=6))
def test_arbitrary_rows_never_crash(tmp_path, body):
    import csv, io
    buf = io.StringIO()
    csv.writer(buf).writerows(body)
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + HEADER + buf.getvalue(), encoding="utf-8")
    try:
        batch = parse(path, "linkedin")
    except ImportFileError:
        return
    for person in batch.people:
        assert person.name


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_raises_only_import_errors(tmp_path, text):
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    try:
        parse(path, "linkedin")
    except ImportFileError:
        pass


def test_a_connection_in_year_9999_is_skipped_with_its_line(tmp_path):
    """A typo like 9999 (or 0202) would put the person "in your garden since 9999-11-01":
    the record is skipped, named by its line, like the other importers' dates outside 1900-2100."""
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ann,Lee,https://www.linkedin.com/in/ann,ann@x.com,Acme,CTO,01 Nov 9999\n"
                    "Bo,Chan,https://www.linkedin.com/in/bo,,Acme,CEO,02 Nov 2026\n", encoding="utf-8")
    batch = parse(path, "linkedin")
    assert [p.name for p in batch.people] == ["Bo Chan"]
    assert [str(s) for s in batch.skipped] == [
        "Connections.csv:2: 'Connected On' is '01 Nov 9999', expected a date like '25 Nov 2024'"]


@pytest.mark.parametrize("raw", ["9999-11-20 14:30:11 UTC", "11/20/9999, 3:15 PM", "20 Nov 0202"])
def test_every_linkedin_file_reads_a_year_outside_1900_2100_as_no_date(raw):
    """The messages, invitations, recommendations and endorsements files read dates with one
    parser: a typo like 9999 is unreadable there too (its record skipped with its line)."""
    from netlib.importers.linkedin_files import parse_date

    assert parse_date(raw) is None and parse_date(raw.replace("9999", "2026").replace("0202", "2026")) is not None
