"""Reading dates as exports write them, never guessing: a month given as a number and a day
are only ordered where the format says which is which (D/M vs M/D is left to the caller).
"""

from __future__ import annotations

import datetime as dt

from netlib.importers.normalise import clean, digits

__all__ = ["parse_connected_date", "parse_iso_date", "parse_birthday", "parse_slash_date", "BIRTHDAY_LAST_YEAR",
           "YEARS", "within"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German (LinkedIn's localized export, unverified): only the spellings that differ
    "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "januar": 1, "februar": 2, "märz": 3,
    "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_CACHE: dict[str, dt.date | None] = {}


def parse_connected_date(text) -> dt.date | None:
    """A LinkedIn date: ``'25 Nov 2024'`` or, after a spreadsheet, ``'01-Jul-25'``.

    Also ISO ``'2024-11-25'``. Two-digit years are 20YY (LinkedIn started in 2003). Returns
    None for anything else; the month is always a name, so D/M order is never guessed.

    >>> parse_connected_date("01-Jul-25")
    datetime.date(2025, 7, 1)
    """
    if text is None:
        return None
    hit = _DATE_CACHE.get(text)
    if hit is not None or text in _DATE_CACHE:
        return hit
    result = _parse_connected(text)
    if len(_DATE_CACHE) < 100_000:
        _DATE_CACHE[text] = result
    return result


#: The years a date from a file may have, in every importer (LinkedIn's, netlib's CSVs, the
#: calendar): 9999 or 0202 is a typo, and its record is skipped with its line. A birthday's last
#: year is the same; one before 1900 reads as a birthday without a year.
YEARS = (1900, 2100)


def within(date: dt.date | None) -> dt.date | None:
    """``date`` when its year is within :data:`YEARS` (both included), else None."""
    return date if date is not None and YEARS[0] <= date.year <= YEARS[1] else None


def _parse_connected(text: str) -> dt.date | None:
    s = text.strip()
    if not s:
        return None
    if digits(s[:4]) and len(s) == 10 and s[4] == "-":
        return within(parse_iso_date(s))
    parts = s.replace("-", " ").replace(".", " ").replace(",", " ").split()
    if len(parts) != 3:
        return None
    day, month, year = parts
    if not digits(day) and day.lower() in _MONTHS:  # 'Nov 25 2024'
        day, month = month, day
    mon = _MONTHS.get(month.lower())
    if mon is None or not digits(day) or not digits(year) or len(day) > 2:
        return None
    if len(year) == 2:
        y = 2000 + int(year)
    elif len(year) == 4:
        y = int(year)
    else:
        return None
    try:
        return within(dt.date(y, mon, int(day)))
    except ValueError:
        return None


def parse_iso_date(text) -> dt.date | None:
    """``'2024-11-25'`` (or ``'20241125'``, or with a time after ``T``/space) -> date; else None."""
    s = clean(text)
    if not s:
        return None
    s = s.split("T", 1)[0].split(" ", 1)[0]
    try:
        if len(s) == 8 and digits(s):
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 10 and s[4] == "-" and s[7] == "-":
            return dt.date(int(s[:4]), int(s[5:7]), int(s[8:]))
    except ValueError:
        return None
    return None


def _month_day(month: int, day: int) -> str | None:
    try:
        dt.date(2000, month, day)  # a leap year, so --02-29 is allowed
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


#: The last year a birthday may have (a year before 1900 reads as a placeholder: no year).
BIRTHDAY_LAST_YEAR = YEARS[1]


def parse_birthday(text, *, omit_year=None):
    """A birthday as ISO ``YYYY-MM-DD`` or ``--MM-DD`` (no year).

    Accepts ``1990-01-01``, ``19900101``, ``--0314``, ``--03-14`` and Apple's
    ``1604-03-14`` with ``X-APPLE-OMIT-YEAR=1604`` (any year before 1900 is such a placeholder).
    Returns ``(value, ok)``: ``(None, True)`` for an empty cell, ``(None, False)`` for something
    unreadable or a year after :data:`BIRTHDAY_LAST_YEAR`.
    """
    s = clean(text)
    if not s or s in ("0/0/00", "0/0/0000", "00/00/0000"):
        return None, True
    s = s.split("T", 1)[0]
    if s.startswith("--"):
        numbers = s[2:].replace("-", "")
        if len(numbers) == 4 and digits(numbers):
            md = _month_day(int(numbers[:2]), int(numbers[2:]))
            return md, md is not None
        return None, False
    date = parse_iso_date(s)
    if date is None:
        # a year before 1900 (Apple's 1604 placeholder) is not a date python rejects; check by hand
        numbers = s.replace("-", "")
        if len(numbers) == 8 and digits(numbers):
            md = _month_day(int(numbers[4:6]), int(numbers[6:]))
            if md and (omit_year and numbers[:4] == str(omit_year) or int(numbers[:4]) < 1900):
                return md, True
        return None, False
    if (omit_year and str(date.year) == str(omit_year)) or date.year < 1900:
        return _month_day(date.month, date.day), True
    if date.year > BIRTHDAY_LAST_YEAR:  # a typo like 9999: no one is born then
        return None, False
    return date.isoformat(), True


def parse_slash_date(text):
    """``'3/14/1990'`` -> ``(a, b, year)`` numbers in file order, or None; order decided by caller."""
    s = clean(text)
    if not s or s.count("/") != 2:
        return None
    a, b, y = s.split("/")
    if not (digits(a) and digits(b) and digits(y)):
        return None
    return int(a), int(b), (int(y) if len(y) == 4 else None)
