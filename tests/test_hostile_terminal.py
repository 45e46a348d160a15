"""The terminal under hostile values (issue 14): a name or company of 10,000 characters (or
far more) takes one capped column in ``netlib people``, with an ellipsis, its control
characters still escaped."""

import pytest

from netlib.cli import main
from netlib.cli.common import terminal_text
from netlib.store.core import Store


@pytest.mark.parametrize("size", [10_000, 5_000_000])
def test_people_list_caps_long_columns(tmp_path, capsys, size):
    db = tmp_path / "g.db"
    with Store(db) as s:
        s.add_person("Q" * size + " Longname", company="\x1b]0;t\x07" + "C" * size)
        s.add_person("Ann Short", company="Acme")
    assert main(["people", "--store", str(db)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(out) < 400, f"{len(out):,} characters printed for two people"
    long = next(line for line in lines if "QQQ" in line)
    assert "Longname" not in long and long.count("\u2026") == 2  # name and company both cut, with an ellipsis
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;t\\x07" in long  # still escaped, not cut in two
    assert any("Ann Short (Acme)" in line for line in lines)  # short values as they are


@pytest.mark.parametrize("value, width", [("\x1b" * 50, 20), ("ab\u202e" * 30, 7), ("x" * 100, 1), ("é" * 41, 40)])
def test_a_capped_cell_is_never_wider_and_never_raw(value, width):
    shown = terminal_text(value, width)
    assert len(shown) <= width and shown.endswith("\u2026")
    assert not any(c in shown for c in "\x1b\u202e")


def test_event_and_plan_lists_cap_long_values(tmp_path, capsys):
    """``netlib event list`` and ``netlib plan --list`` take one line per row however long an
    event's name, a person's name or a plan's text is."""
    import datetime as dt

    db = tmp_path / "g.db"
    with Store(db) as s:
        pid = s.add_person("P" * 20_000 + " Tail")
        s.add_event("E" * 20_000 + " Gala\x1b[2J", dt.date(2026, 11, 3))
        s.add_plan(pid, dt.date.today() + dt.timedelta(days=3), "W" * 20_000 + " coffee")
    capsys.readouterr()
    assert main(["event", "list", "--store", str(db)]) == 0
    assert main(["plan", "--list", "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert len(out) < 600, f"{len(out):,} characters printed for one event and one plan"
    assert "Gala" not in out and "Tail" not in out and "coffee" not in out and out.count("\u2026") == 3
    assert "\x1b" not in out


def test_people_show_and_messages_are_bounded_but_json_keeps_everything(tmp_path, capsys):
    """``people show`` of a person whose name, company and notes run to millions of characters
    prints each at most TERMINAL_MOST characters (it printed all 18 MB of an escaped 3-million-
    character name); so does a message that names them; ``--json`` prints them whole."""
    import json

    from netlib.cli.common import TERMINAL_MOST
    from netlib.garden.terms import SHOWN_LONG

    assert TERMINAL_MOST == SHOWN_LONG  # the terminal's bound is the page's, written out
    db = tmp_path / "g.db"
    name, company, notes = "Q" * 3_000_000 + " Tailname", "\x1b[2J" + "C" * 1_000_000, "n" * 2_000_000 + " tailnote"
    with Store(db) as s:
        pid = s.add_person(name, company=company, notes=notes)
    assert main(["people", "show", str(pid), "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert len(out) < 10 * TERMINAL_MOST, f"{len(out):,} characters printed for one person"
    assert "Tailname" not in out and "tailnote" not in out and "\u2026" in out and "\x1b" not in out
    assert max(map(len, out.splitlines())) <= TERMINAL_MOST + 40  # a label and indentation at most beside it
    assert main(["people", "show", str(pid), "--json", "--store", str(db)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["name"], shown["company"], shown["notes"]) == (name, company, notes)
