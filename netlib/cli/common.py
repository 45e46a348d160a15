"""What every command shares: opening the store, reading dates and months, printing
JSON, a progress bar, and showing stored text safely on a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from netlib.importers.normalise import BIDI_CONTROLS, plural
from netlib import errors
from netlib.months import parse_month, this_month
from netlib.paths import store_path

__all__ = ["open_store", "date_arg", "month_arg", "this_month", "print_json", "count", "Progress", "terminal_text",
           "terminal_lines"]


def open_store(args, create=True, *, checked=True):
    """The store the command names; what it writes is one undo step, named by the command.
    With ``checked``, refused (one line, what to do) when SQLite's quick check finds it
    damaged. ``netlib check`` opens it unchecked."""
    from netlib.store import Store
    from netlib.store.maintenance import quick_check

    store = Store(store_path(args.store), create=create)
    if checked:
        try:
            quick_check(store)
        except errors.StoreError:
            store.close()
            raise
    label = getattr(args, "label", None)  # as 'netlib undo --list' shows it, beside library calls' labels
    store.command = f"netlib {label}" if label else None
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


def print_json(data) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    # JSON escapes C0 controls itself; C1 controls and bidirectional overrides get \\uXXXX too
    print(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


_TORN = re.compile(r"\\(x[0-9a-f]?|u[0-9a-f]{0,3})?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f" + BIDI_CONTROLS + "]")


#: Characters of one text a command prints at most when no column width is given (a
#: person's name or notes in ``people show``): :data:`netlib.garden.terms.SHOWN_LONG`, written
#: out (importing the garden would load pandas into every command; a test compares them).
#: ``--json`` prints every character.
TERMINAL_MOST = 2000


def terminal_text(value, width: int = TERMINAL_MOST) -> str:
    r"""Stored text as it may reach a terminal: control characters (ESC, BEL, OSC
    sequences, bidirectional overrides) shown escaped, never sent raw; a newline or tab
    becomes a space. At most ``width`` characters (a table's column; else
    :data:`TERMINAL_MOST`), the last an ellipsis when cut (a 10,000-character name takes one
    line, not a screen), as :func:`netlib.garden.terms.shown` cuts a text for a page, but
    never inside an escape.

    >>> terminal_text("Eve\x1b]52;c;aGk=\x07 Smith\n")
    'Eve\\x1b]52;c;aGk=\\x07 Smith'
    >>> terminal_text("Evangeline\x1bSmith", 12), terminal_text("Ann\x1bSmith", 10)
    ('Evangeline…', 'Ann\\x1bSm…')
    """
    text = "" if value is None else str(value)
    cut = len(text) > width
    if cut:
        text = text[:width]  # escaped, it is at least as long: only what can be shown is read
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)
    if cut or len(text) > width:
        # no escape cut in two; the ellipsis is terms.ELLIPSIS, written out (importing the
        # garden would load pandas into every command)
        text = _TORN.sub("", text[: max(width - 1, 0)]) + "\u2026"
    return text.strip()


def terminal_lines(text) -> str:
    r"""Several lines of stored text (a checklist, a path and its reason) for a terminal:
    each line through :func:`terminal_text`, its indentation kept.

    >>> terminal_lines("- Eve\x1b[2J\n  why")
    '- Eve\\x1b[2J\n  why'
    """
    lines = ("" if text is None else str(text)).split("\n")
    return "\n".join(line[: len(line) - len(line.lstrip(" "))] + terminal_text(line) for line in lines)


def count(n: int, one: str, many: str) -> str:
    """``count(1, "person", "people")`` is "1 person"; 2 is "2 people" (:func:`~netlib.importers.normalise.plural`)."""
    return plural(n, one, many)


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
