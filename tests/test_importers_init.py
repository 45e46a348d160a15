"""parse/detect: choosing the kind by content, and whole-file errors."""

import shutil
from pathlib import Path

import pytest

from netlib.errors import ImportFileError
from netlib.importers import KINDS, detect, parse

DATA = Path(__file__).parent / "data" / "import"


@pytest.mark.parametrize("name, kind", [
    ("Connections.csv", "linkedin"), ("Connections_de.csv", "linkedin"), ("contacts.vcf", "vcard"),
    ("calendar.ics", "ics"), ("outlook.ics", "ics"), ("google.csv", "google"), ("google_old.csv", "google"),
    ("outlook.csv", "outlook"), ("people.csv", "netlib-people"),
])
def test_detect_by_content_not_extension(tmp_path, name, kind):
    assert detect(DATA / name) == kind
    renamed = tmp_path / "export.txt"
    shutil.copy(DATA / name, renamed)
    assert detect(renamed) == kind
    assert parse(renamed).kind == kind


@pytest.mark.parametrize("name, reason", [
    ("empty.csv", "empty.csv: is empty"),
    ("blank.csv", "blank.csv: is empty"),
    ("binary.csv", "binary.csv: is a binary file"),
    ("undecodable.csv", "undecodable.csv: is neither UTF-8 nor Windows-1252"),
    ("notes.txt", "notes.txt: is not a file netlib recognises"),
    ("Connections_no_date.csv", "Connections_no_date.csv: is not a file netlib recognises"),
])
def test_bad_files(name, reason):
    for call in (detect, parse):
        with pytest.raises(ImportFileError) as err:
            call(DATA / name)
        assert str(err.value).startswith(reason)


def test_unknown_lists_kinds():
    with pytest.raises(ImportFileError) as err:
        detect(DATA / "notes.txt")
    assert err.value.fix == "use --kind to choose one of: " + ", ".join(KINDS)


def test_explicit_kind_mismatch_says_what_it_is():
    with pytest.raises(ImportFileError) as err:
        parse(DATA / "calendar.ics", "linkedin")
    assert str(err.value) == ("calendar.ics: does not look like a LinkedIn Connections.csv: it looks like an "
                              "iCalendar file (use --kind ics, or leave --kind out)")


def test_unknown_kind_name():
    with pytest.raises(ImportFileError, match="'facebook' is not a kind"):
        parse(DATA / "Connections.csv", "facebook")


def test_sha256_and_progress():
    calls = []
    batch = parse(DATA / "contacts.vcf", progress=lambda done, total: calls.append((done, total)))
    size = (DATA / "contacts.vcf").stat().st_size
    assert calls[-1] == (size, size)
    assert len(batch.sha256) == 64 and batch.path.endswith("contacts.vcf")


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes((DATA / "google_old.csv").read_text(encoding="utf-8").encode("utf-16"))
    assert detect(path) == "google"
    assert parse(path).people[0].name == "Peter Novak"
