"""Shared importer helpers: encodings, names, URLs and dates (never guessing D/M vs M/D)."""

import codecs
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from netlib.errors import ImportFileError
from netlib.importers.reading import (clean_name, hash_key, name_from_email, norm_email, norm_linkedin,
                                    parse_birthday, parse_connected_date, parse_iso_date, read_text, scan,
                                    split_name)


@pytest.mark.parametrize("raw, codec, text", [
    (b"a,b\r\n", "utf-8", "a,b\r\n"),
    (codecs.BOM_UTF8 + "é,b\n".encode(), "utf-8-sig", "é,b\n"),
    (codecs.BOM_UTF16_LE + "é,b\n".encode("utf-16-le"), "utf-16", "é,b\n"),
    ("Renée,Weiß\n".encode("cp1252"), "cp1252", "Renée,Weiß\n"),
])
def test_encodings(tmp_path, raw, codec, text):
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    info = scan(path)
    assert info.encoding == codec
    assert read_text(info) == text
    assert len(info.sha256) == 64


@pytest.mark.parametrize("raw, reason", [
    (b"", "is empty"),
    (codecs.BOM_UTF8 + b"\r\n \r\n", "is empty"),
    (b"ab\x00cd", "binary"),
    (b"x\x81\x8d\x8f", "cannot be decoded"),
])
def test_bad_files(tmp_path, raw, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError, match=reason) as err:
        scan(path)
    assert str(err.value).startswith("bad.csv: ")


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        scan(tmp_path / "nope.csv")


@pytest.mark.parametrize("raw, url", [
    ("https://www.linkedin.com/in/Jane-Doe/", "https://www.linkedin.com/in/jane-doe"),
    ("http://uk.linkedin.com/in/jane-doe?trk=public_profile#x", "https://www.linkedin.com/in/jane-doe"),
    ("linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
    ("https://example.com/in/jane", None),
    ("", None),
])
def test_norm_linkedin(raw, url):
    assert norm_linkedin(raw) == url


def test_norm_email():
    assert norm_email(" mailto:Jane.Doe@Example.COM ") == "jane.doe@example.com"
    assert norm_email("not an email") is None


@pytest.mark.parametrize("raw, name", [
    ("Jane Doe, PhD", "Jane Doe"),
    ("Jane Doe, PhD, MBA", "Jane Doe"),
    ("Sam Lee (she/her)", "Sam Lee"),
    ("Catherine (Cathy) Doe", "Catherine (Cathy) Doe"),
    ("Martin Luther King, Jr.", "Martin Luther King, Jr."),
    ("  Ana   Lima ", "Ana Lima"),
    ("", None),
])
def test_clean_name(raw, name):
    assert clean_name(raw) == name


def test_split_name_keeps_alias_in_name_only():
    assert split_name("Catherine (Cathy)", "Doe, PhD") == ("Catherine (Cathy) Doe", "Catherine", "Doe")


def test_name_from_email():
    assert name_from_email("jane.doe@x.com") == "Jane Doe"
    assert name_from_email("bob_smith+cal@x.com") == "Bob Smith"


def test_hash_key_ignores_case_and_legal_suffix():
    assert hash_key("Omar Haddad", "Initech Inc.") == hash_key("omar  haddad", "initech")
    assert hash_key("Omar Haddad", "Initech") != hash_key("Omar Haddad", "Globex")


@pytest.mark.parametrize("raw, date", [
    ("25 Nov 2024", dt.date(2024, 11, 25)),
    ("01-Jul-25", dt.date(2025, 7, 1)),
    ("9 Sept 2021", dt.date(2021, 9, 9)),
    ("14 Mär 2024", dt.date(2024, 3, 14)),
    ("2024-11-25", dt.date(2024, 11, 25)),
    ("31 Foo 2024", None),
    ("31 Feb 2024", None),
    ("11/03/2024", None),  # D/M or M/D: never guessed
    ("", None),
])
def test_parse_connected_date(raw, date):
    assert parse_connected_date(raw) == date


@pytest.mark.parametrize("raw, value", [
    ("1990-01-01", ("1990-01-01", True)),
    ("19900101", ("1990-01-01", True)),
    ("--0314", ("--03-14", True)),
    ("--03-07", ("--03-07", True)),
    ("--02-29", ("--02-29", True)),
    ("0/0/00", (None, True)),
    ("", (None, True)),
    ("1990-02-30", (None, False)),
    ("14.03.1990", (None, False)),
])
def test_parse_birthday(raw, value):
    assert parse_birthday(raw) == value


def test_apple_omit_year():
    assert parse_birthday("1604-03-14", omit_year="1604") == ("--03-14", True)


@given(st.text(max_size=40))
def test_date_parsers_never_raise(text):
    for parse in (parse_connected_date, parse_iso_date):
        result = parse(text)
        assert result is None or isinstance(result, dt.date)
    value, ok = parse_birthday(text)
    assert value is None or (ok and isinstance(value, str))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_connected_date_round_trips(date):
    assert parse_connected_date(date.strftime("%d %b %Y")) == date
    assert parse_connected_date(date.strftime("%d-%b-%y")) == date
