"""What every command shares: opening the store, reading dates and months, printing
JSON, a progress bar, and showing stored text safely on a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from netlib import errors
from netlib.months import parse_month
from netlib.paths import store_path

__all__ = ["open_store", "date_arg", "month_arg", "this_month", "print_json", "count", "Progress"]


def open_store(args, create=True):
    from netlib.store import Store

    return Store(store_path(args.store), create=create)


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-11-20") from None


def month_arg(text: str) -> str:
    try:
        parse_month(text)
    except errors.ValidationError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def this_month() -> str:
    return dt.date.today().strftime("%Y-%m")


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def count(n: int, one: str, many: str) -> str:
    """``count(1, "person", "people")`` is "1 person"; 2 is "2 people"."""
    return f"{n} {one if n == 1 else many}"


class Progress:
    """A tqdm bar fed by a ``progress(done, total)`` callback; silent when not a TTY."""

    def __init__(self, desc, unit="B"):
        self.desc, self.unit, self.bar = desc, unit, None

    def __call__(self, done, total):
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, unit_scale=True,
                            leave=False, file=sys.stderr, disable=None)
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()
