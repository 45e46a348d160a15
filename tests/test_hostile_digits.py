"""Digits Python's ``str.isdigit`` accepts but ``int`` cannot read ("²", "⁰", "①") in every
place netlib reads a number from text: a birthday or connection date, an id in a netlib CSV,
a person or event reference on the command line. Each is an unknown value (a skipped cell or
a "no such" line), never a ValueError traceback; the rows around it still import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netlib.importers import dates
from netlib.importers.normalise import digits
from netlib.store.core import Store


@pytest.mark.parametrize("text", ["²", "1²", "①", "⁰⁰"])
def test_digits_are_only_0_to_9(text):
    assert text.isdigit() and not digits(text)
    assert digits("0123456789")


@pytest.mark.parametrize("parse, text", [(dates.parse_slash_date, "1/²/1990"),
                                         (dates.parse_connected_date, "1 Nov ²⁰²⁴"),
                                         (dates.parse_connected_date, "²⁰²⁴-11-01"),
                                         (dates.parse_birthday, "--²²01"),
                                         (dates.parse_birthday, "²⁰⁰⁰0101")])
def test_dates_with_superscript_digits_are_no_date(parse, text):
    got = parse(text)
    assert got in (None, (None, False))


def _netlib(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "netlib", "--store", str(tmp_path / "garden.db"), *args],
                          capture_output=True, text=True, cwd=tmp_path)


def test_a_google_birthday_of_superscript_digits_skips_that_cell_only(tmp_path):
    csv = tmp_path / "contacts.csv"
    csv.write_text("First Name,Last Name,Birthday,E-mail 1 - Value\n"
                   "Ann,Ames,1/²/1990,ann@example.org\n"
                   "Bob,Burr,3/14/1990,bob@example.org\n", encoding="utf-8")
    assert _netlib(tmp_path, "init").returncode == 0
    run = _netlib(tmp_path, "import", str(csv))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    with Store(tmp_path / "garden.db") as s:
        names = sorted(s.con.execute("SELECT name FROM people").fetchall())
    assert names == [("Ann Ames",), ("Bob Burr",)]


@pytest.mark.parametrize("args", [["people", "show", "²"], ["path", "²"], ["event", "met", "²", "Ann Ames"],
                                  ["log", "--with", "²", "--kind", "coffee"]])
def test_a_superscript_reference_on_the_command_line_is_one_line(tmp_path, args):
    assert _netlib(tmp_path, "init").returncode == 0
    assert _netlib(tmp_path, "people", "add", "Ann Ames").returncode == 0
    run = _netlib(tmp_path, *args)
    assert "Traceback" not in run.stderr and "ValueError" not in run.stderr, run.stderr
    assert run.returncode != 0 and len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_a_netlib_people_csv_id_of_superscript_digits_imports_as_a_new_person(tmp_path):
    csv = tmp_path / "people.csv"
    csv.write_text("netlib_id,name,emails\nnetlib:²,Ann Ames,ann@example.org\n", encoding="utf-8")
    assert _netlib(tmp_path, "init").returncode == 0
    run = _netlib(tmp_path, "import", str(csv), "--kind", "netlib-people")
    assert "Traceback" not in run.stderr, run.stderr
