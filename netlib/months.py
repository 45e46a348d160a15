"""Months as people write them, "YYYY-MM", read without pandas (the report's kernel checks
its parameters with this before anything heavy is imported)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from netlib.errors import ValidationError

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(month) -> tuple[int, int]:
    """``(year, month)`` of ``"YYYY-MM"``; a :class:`ValidationError` saying how to write one otherwise.

    >>> parse_month(" 2026-11 ")
    (2026, 11)
    >>> parse_month("2026-13")
    Traceback (most recent call last):
    ...
    netlib.errors.ValidationError: month '2026-13' is not a month; use YYYY-MM, e.g. 2026-11
    """
    m = _MONTH.fullmatch(str(month).strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise ValidationError(f"month {month!r} is not a month; use YYYY-MM, e.g. 2026-11")
    return int(m.group(1)), int(m.group(2))


def this_month(today: dt.date | None = None) -> str:
    """The month of ``today`` (default: today) as "YYYY-MM".

    >>> this_month(dt.date(2026, 11, 30))
    '2026-11'
    """
    return (today or dt.date.today()).strftime("%Y-%m")


def last_day(month) -> dt.date:
    """The last day of ``month``.

    >>> last_day("2028-02")
    datetime.date(2028, 2, 29)
    """
    year, number = parse_month(month)
    return dt.date(year, number, calendar.monthrange(year, number)[1])


def report_day(month, today: dt.date) -> dt.date:
    """The day a report of ``month`` reads the store as of: the month's last day, or
    ``today`` while it runs; a month that has not begun is refused (see
    :func:`netlib.garden.analysis.report_date`, which gives this day as a Timestamp)."""
    end = last_day(month)
    if today < end.replace(day=1):
        raise ValidationError(f"month {month} has not begun (today is {today}); "
                              "a checklist or report is of this month or an earlier one")
    return min(end, today)


def months_between(start: str, end: str) -> list[str]:
    """Every month from ``start`` to ``end``, both included.

    >>> months_between("2026-11", "2027-02")
    ['2026-11', '2026-12', '2027-01', '2027-02']
    """
    if not start or not end:
        raise ValidationError("give both --from and --to, e.g. --from 2026-01 --to 2026-11")
    (y0, m0), (y1, m1) = parse_month(start), parse_month(end)
    first, last = y0 * 12 + m0 - 1, y1 * 12 + m1 - 1
    if last < first:
        raise ValidationError(f"--from {start} is after --to {end}; the range must run forward")
    return [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(first, last + 1)]
