"""Google (both layouts) and Outlook contact CSVs; expected values read off the fixtures."""

from pathlib import Path

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import detect, parse
from netlib.importers.records import PersonRecord

DATA = Path(__file__).parent / "data" / "import"


def test_google_current_layout():
    batch = parse(DATA / "google.csv")
    assert batch.kind == "google"
    assert batch.people[0] == PersonRecord(
        key="email:maria.g@gmail.com", name="Maria Garcia", first_name="Maria", last_name="Garcia",
        emails=["maria.g@gmail.com", "maria@acme.com"],  # '* Home' marks the primary
        phones=["+1 555 0100", "+1 555 0101"], company="Acme", position="Product Manager",
        linkedin_url="https://www.linkedin.com/in/mariagarcia", tags=["Climbing"],  # myContacts, starred dropped
        notes="Likes climbing,\nand tea", birthday="--03-07", line=2,
    )
    ken = batch.people[1]
    assert (ken.line, ken.emails, ken.tags, ken.birthday) == (4, ["ken@ito.jp", "ken.ito@work.jp"], [], "1988-11-02")
    assert batch.people[2].birthday is None
    assert str(batch.extra["warnings"][0]).startswith("google.csv:5: 'Birthday' is '14.03.1990'")


def test_google_old_layout():
    [peter] = parse(DATA / "google_old.csv").people
    assert (peter.name, peter.emails, peter.phones, peter.company, peter.position, peter.tags, peter.birthday) == (
        "Peter Novak", ["peter@novak.cz"], ["+420 600 000 000"], "Novak s.r.o.", "Founder", ["Mentors"], "1979-05-21")


def test_outlook_cp1252():
    batch = parse(DATA / "outlook.csv")
    assert batch.kind == "outlook"
    francois, renee, tom = batch.people
    assert (francois.name, francois.company, francois.emails, francois.tags, francois.birthday) == (
        "François Dubois", "Société Générale", ["f.dubois@example.fr", "francois@perso.fr"],
        ["Clients", "Paris"], "1980-03-14")
    assert francois.phones == ["+33 1 23 45 67 89", "+33 6 12 34 56 78"]
    assert francois.linkedin_url == "https://www.linkedin.com/in/fdubois"
    assert (renee.name, renee.company, renee.birthday) == ("Renée Weiß", "Müller & Söhne", None)  # 0/0/00
    # 4/5/1975 is ambiguous; 3/14/1980 in the same file shows month/day order
    assert tom.birthday == "1975-04-05"
    assert [str(s) for s in batch.skipped] == [
        "outlook.csv:5: contact has no name, email or company; expected at least one of them"]


def test_outlook_ambiguous_birthday_without_evidence(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text('"First Name","Last Name","E-mail Address","Birthday"\n"A","B","a@b.c","4/5/1975"\n')
    batch = parse(path)
    assert batch.people[0].birthday is None
    assert "could be day/month or month/day" in batch.extra["warnings"][0].reason
    with pytest.raises(RecordError):
        parse(path, strict=True)


def test_day_first_evidence(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text('"First Name","Last Name","E-mail Address","Birthday"\n'
                    '"A","B","a@b.c","4/5/1975"\n"C","D","c@d.e","25/12/1980"\n')
    assert [p.birthday for p in parse(path).people] == ["1975-05-04", "1980-12-25"]


def test_duplicate_email_skipped(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("First Name,Last Name,Labels,E-mail 1 - Value\nA,B,,a@x.com\nA,B2,,A@x.com\n")
    batch = parse(path)
    assert len(batch.people) == 1 and batch.skipped[0].line == 3


def test_wrong_kind_explicit():
    assert detect(DATA / "outlook.csv") == "outlook"
    with pytest.raises(ImportFileError, match="it looks like an Outlook contacts CSV"):
        parse(DATA / "outlook.csv", "google")
    with pytest.raises(ImportFileError) as err:
        parse(DATA / "notes.txt", "outlook")
    assert err.value.line == 1 and err.value.column == "E-mail Address"
