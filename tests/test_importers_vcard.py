"""vCard 2.1/3.0/4.0; expected values read off tests/data/import/contacts.vcf by hand."""

from pathlib import Path

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import parse
from netlib.importers.vcard import split_cards
from netlib.importers.records import PersonRecord

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def batch():
    return parse(DATA / "contacts.vcf")


def test_apple_card_exact(batch):
    assert batch.kind == "vcard"
    assert batch.people[0] == PersonRecord(
        key="uid:6B29FC40-CA47-1067-B31D-00DD010662DA", name="Jane Doe", first_name="Jane", last_name="Doe",
        emails=["jane@acme.com", "jane.doe@gmail.com"], phones=["+1 (555) 010-0001", "+1 555 010 0002"],
        company="Acme, Inc.", position="Head of Research", linkedin_url="https://www.linkedin.com/in/janedoe",
        tags=["Mentors", "Conference"],
        notes="Met at PyCon 2023. Wants an intro to the data team, and a long note that is folded across two lines.",
        birthday="--03-14", line=1,
    )


def test_android_21_quoted_printable(batch):
    jurgen = batch.people[1]
    assert (jurgen.key, jurgen.name, jurgen.first_name, jurgen.last_name) == (
        "email:juergen@example.de", "Jürgen Müller", "Jürgen", "Müller")
    assert jurgen.phones == ["+49 151 00000000", "+49 30 0000000"]
    assert jurgen.birthday == "1975-08-12"


def test_v4_pronouns_url_and_short_bday(batch):
    sam = batch.people[2]
    assert (sam.name, sam.linkedin_url, sam.birthday, sam.tags) == (
        "Sam Lee", "https://www.linkedin.com/in/samlee", "--03-14", ["Friends"])


def test_bad_card_skipped_rest_kept(batch):
    assert [p.name for p in batch.people] == ["Jane Doe", "Jürgen Müller", "Sam Lee", "Ola Nordmann"]
    assert len(batch.skipped) == 1
    assert batch.skipped[0].line == 33
    assert "card does not parse" in batch.skipped[0].reason


def test_bad_birthday_kept_without_it(batch):
    ola = batch.people[3]
    assert ola.key.startswith("hash:") and ola.company == "Fjord AS" and ola.birthday is None
    [warning] = batch.extra["warnings"]
    assert str(warning).startswith("contacts.vcf:48: BDAY is '1990-02-30'")


def test_strict():
    with pytest.raises(RecordError) as err:
        parse(DATA / "contacts.vcf", strict=True)
    assert err.value.line == 33


def test_split_cards_joins_soft_breaks_and_drops_photo():
    text = "x\nBEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=\nB\nPHOTO;ENCODING=b:abc\n def\nEND:VCARD\nBEGIN:VCARD\nFN:C"
    assert [(c.line, c.text) for c in split_cards(text)] == [
        (2, "BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE:AB\r\nEND:VCARD\r\n"),
        (8, None),  # abandoned: the file ends before END:VCARD
    ]


def test_unterminated_last_card_skipped(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL:a@x.com\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:B\n")
    batch = parse(path)
    assert [p.key for p in batch.people] == ["email:a@x.com"]
    assert batch.skipped[0].line == 6


def test_not_a_vcard():
    with pytest.raises(ImportFileError, match="holds no BEGIN:VCARD line"):
        parse(DATA / "notes.txt", "vcard")
