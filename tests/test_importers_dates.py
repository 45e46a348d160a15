"""Reading dates: LinkedIn's month names, ISO dates, birthdays (never guessing D/M vs M/D)."""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from netlib.importers.dates import parse_birthday, parse_connected_date, parse_iso_date, parse_slash_date


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


@pytest.mark.parametrize("raw, parts", [
    ("3/14/1990", (3, 14, 1990)),
    ("14/3/90", (14, 3, None)),  # a two-digit year is not trusted for a birthday
    ("3-14-1990", None),
    ("a/b/c", None),
    ("", None),
])
def test_parse_slash_date_keeps_file_order(raw, parts):
    assert parse_slash_date(raw) == parts
