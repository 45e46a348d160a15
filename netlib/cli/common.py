"""What every command shares: opening the store, reading dates and months, printing
JSON, a progress bar, and showing stored text safely on a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from netlib import errors
from netlib.months import parse_month
from netlib.paths import store_path

__all__ = ["open_store", "date_arg", "month_arg", "this_month", "print_json", "count", "Progress", "terminal_text"]


def open_store(args, create=True):
    """The store the command names; what it writes is one undo step, named by the command."""
    from netlib.store import Store

    store = Store(store_path(args.store), create=create)
    store.command = getattr(args, "label", None)
    return store


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(value) -> str:
    r"""Stored text as it may reach a terminal: control characters (ESC, BEL, OSC
    sequences, bidirectional overrides) shown escaped, never sent raw; a newline or tab
    becomes a space.

    >>> terminal_text("Eve\x1b]52;c;aGk=\x07 Smith\n")
    'Eve\\x1b]52;c;aGk=\\x07 Smith'
    """
    text = "" if value is None else str(value)
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text).strip()


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
