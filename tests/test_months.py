"""netlib.months: months as people write them, read without pandas."""

from __future__ import annotations

import datetime as dt

import pytest

from netlib.errors import ValidationError
from netlib.months import last_day, months_between, parse_month, report_day


@pytest.mark.parametrize("text, expected", [("2026-11", (2026, 11)), (" 2026-01 ", (2026, 1)), ("0001-12", (1, 12))])
def test_parse_month(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "0000-01", "2026-1", "2026/11", "26-11", "2026-11-01", "",
                                  None, "november"])
def test_parse_month_refuses_what_is_not_a_month_and_says_how_to_write_one(text):
    with pytest.raises(ValidationError, match="is not a month; use YYYY-MM, e.g. 2026-11"):
        parse_month(text)


def test_last_day_knows_leap_years():
    assert [last_day(m) for m in ("2028-02", "2026-02", "2100-02", "2026-12")] == [
        dt.date(2028, 2, 29), dt.date(2026, 2, 28), dt.date(2100, 2, 28), dt.date(2026, 12, 31)]


def test_report_day_is_the_last_day_or_today_and_refuses_a_month_not_begun():
    today = dt.date(2026, 11, 25)
    assert report_day("2026-10", today) == dt.date(2026, 10, 31)
    assert report_day("2026-11", today) == today
    assert report_day("2026-11", dt.date(2026, 11, 1)) == dt.date(2026, 11, 1)
    with pytest.raises(ValidationError, match="month 2026-12 has not begun"):
        report_day("2026-12", today)


def test_months_between_runs_forward_across_years():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2026-05", "2026-05") == ["2026-05"]
    assert len(months_between("2020-01", "2026-12")) == 84
    with pytest.raises(ValidationError, match="after --to"):
        months_between("2026-02", "2025-11")
    with pytest.raises(ValidationError, match="give both --from and --to"):
        months_between("2026-02", "")


def test_the_garden_reads_months_the_same_way():
    """The garden's report_date (pandas) agrees with months.py."""
    import pandas as pd

    from netlib.garden import report_date

    assert report_date("2026-11", today="2026-11-25") == pd.Timestamp("2026-11-25")
    assert report_date("2028-02", today="2028-05-01") == pd.Timestamp(last_day("2028-02"))
    with pytest.raises(ValidationError):
        report_date("0000-01")
