"""`netlib people` subcommands, undo and restore, used as a person uses them: the real
command in a subprocess, from an empty folder, on a real store file."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netlib.cli import main

ROOT = Path(__file__).resolve().parent.parent


def netlib(cwd, *args, code=0):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NETLIB_STORE=str(Path(cwd) / "garden.db"))
    out = subprocess.run([sys.executable, "-m", "netlib", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert out.returncode == code, (args, out.stdout, out.stderr)
    return out


CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
{name}BEGIN:VEVENT
UID:m1@google.com
DTSTART:20261105T100000Z
DTEND:20261105T110000Z
SUMMARY:Roadmap
ORGANIZER;CN=Me:mailto:alex@example.com
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:alex@example.com
ATTENDEE;CN=Jane Doe;PARTSTAT=ACCEPTED:mailto:jane@acme.example
END:VEVENT
END:VCALENDAR
"""


class _Out:
    def __init__(self, stdout, stderr):
        self.stdout, self.stderr = stdout, stderr


@pytest.mark.slow
def test_correcting_mistakes_from_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NETLIB_STORE", str(tmp_path / "garden.db"))

    def run(*args, code=0):  # in this process, as the command line calls it (a few below in a subprocess)
        assert main(list(args)) == code, (args, capsys.readouterr())
        return _Out(*capsys.readouterr())

    run("init", "--me", "alex@example.com")
    run("people", "add", "Rafael Costa", "--company", "Costa Health", "--tag", "design")
    run("event", "add", "UX Columbus Meetup", "--date", "2026-11-02")
    run("event", "met", "UX Columbus Meetup", "Rafael Costa", "rafael@costa.example", "--add")
    refused = run("people", "add", "Rafael Costa", code=1)
    assert "already in your garden" in refused.stderr and "--new" in refused.stderr
    dupes = json.loads(run("people", "dupes", "--json").stdout)
    assert [(d["a"]["id"], d["b"]["id"]) for d in dupes] == [(1, 2)]
    assert "may be one person" in run("check").stdout
    run("people", "edit", "2", "--add-phone", "+1 555 0101", "--append-notes", "prints letterpress cards")
    netlib(tmp_path, "people", "merge", "1", "2")
    shown = netlib(tmp_path, "people", "show", "Rafael Costa").stdout
    assert "merged with Rafael (was id 2)" in shown and "'netlib people split 1 2' puts them back" in shown
    person = json.loads(run("people", "show", "1", "--json").stdout)
    assert person["emails"] == ["rafael@costa.example"] and person["phones"] == ["+1 555 0101"]
    assert {"ring", "health", "strength"} <= set(person) and person["ring"] in range(1, 7)
    listed = json.loads(run("people", "--json").stdout)
    assert [p["id"] for p in listed] == [1] and listed[0]["health"] in ("seedling", "thriving", "needs water",
                                                                         "wilting", "dormant")
    assert [p["id"] for p in json.loads(run("people", "list", "--search", "letterpress", "--json").stdout)] == [1]
    run("people", "split", "1", "2")
    assert len(json.loads(run("people", "--json").stdout)) == 2
    assert "did you mean Rafael Costa (id 1)?" in run("people", "show", "Rafael Costaa", code=1).stderr
    run("people", "edit", "1", "--company", "Costa Health Ltd", "--ring", "2", "--cadence", "auto")
    assert json.loads(run("people", "show", "1", "--json").stdout)["company"] == "Costa Health Ltd"
    run("people", "delete", "2")
    steps = run("undo", "--list").stdout.splitlines()
    assert "netlib people delete 2  (" in steps[0] and "netlib people split 1 2  (" in steps[2]
    netlib(tmp_path, "undo")  # the delete, from another process
    back = json.loads(run("people", "show", "2", "--json").stdout)
    assert back["id"] == 2 and len(back["interactions"]) == 1
    run("undo")  # the edit
    assert json.loads(run("people", "show", "1", "--json").stdout)["company"] == "Costa Health"


def test_a_flag_a_subcommand_does_not_take_exits_2(tmp_path, capsys):
    db = str(tmp_path / "g.db")
    main(["init", "--store", db])
    for args in (["people", "show", "1", "--ring", "1"], ["people", "list", "--tags", "mentor"],
                 ["people", "add", "X", "--ring", "2"], ["people", "edit", "1", "--email", "x@y.z"],
                 ["people", "merge", "1", "2", "--json"], ["people", "set", "1", "--company", "Costa"],
                 ["people", "edit", "1", "--notes", "a", "--append-notes", "b"], ["people", "dupes", "--search", "x"],
                 ["undo", "--all"], ["restore"]):
        with pytest.raises(SystemExit) as exit:
            main([*args, "--store", db])
        assert exit.value.code == 2, args
    capsys.readouterr()


def test_undo_an_import_a_merge_and_a_tick(tmp_path, capsys):
    db = str(tmp_path / "g.db")
    csv = tmp_path / "people.csv"
    csv.write_text("name,emails,company\nJane Doe,jane@acme.example,Acme\nJ. Doe,jd@acme.example,Acme\n")
    main(["init", "--store", db, "--me", "me@x.example"])
    assert main(["import", str(csv), "--store", db]) == 0
    assert main(["people", "merge", "Jane Doe", "J. Doe", "--store", db]) == 0
    # one coffee is a thin tie (an outer ring, seldom due): put Jane in ring 2 by hand
    assert main(["people", "edit", "Jane Doe", "--ring", "2", "--store", db]) == 0
    day = dt.date.today() - dt.timedelta(days=120)
    assert main(["log", "--with", "Jane Doe", "--kind", "coffee", "--date", day.isoformat(), "--store", db]) == 0
    month = dt.date.today().strftime("%Y-%m")
    capsys.readouterr()
    assert main(["checklist", "--json", "--month", month, "--store", db]) == 0
    keys = [i["key"] for i in json.loads(capsys.readouterr().out)["water"]]
    assert keys == ["water:p1"]
    assert main(["checklist", "done", "water:p1", "--month", month, "--store", db]) == 0
    capsys.readouterr()

    def people():
        capsys.readouterr()
        main(["people", "--json", "--store", db])
        return {p["id"]: p for p in json.loads(capsys.readouterr().out)}

    assert people()[1]["interaction_count"] == 2
    assert main(["undo", "--store", db]) == 0  # the tick and the message it logged
    assert "undid 'netlib checklist done water:p1" in capsys.readouterr().out
    assert people()[1]["interaction_count"] == 1
    main(["undo", "--store", db])  # the log
    main(["undo", "--store", db])  # the edit
    main(["undo", "--store", db])  # the merge
    assert sorted(people()) == [1, 2]
    main(["undo", "--store", db])  # the import
    assert people() == {}
    main(["undo", "--store", db])  # the init's settings
    assert main(["undo", "--store", db]) == 1
    assert "nothing to undo" in capsys.readouterr().err


def test_restore_checks_the_backup_and_asks_before_overwriting(tmp_path, capsys):
    db, copy = str(tmp_path / "g.db"), str(tmp_path / "copy.db")
    main(["init", "--store", db])
    main(["people", "add", "Jane Doe", "--store", db])
    main(["backup", "--out", copy, "--store", db])
    main(["people", "delete", "1", "--store", db])
    (tmp_path / "junk.db").write_text("not a store")
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "junk.db"), "--store", db, "--force"]) == 1
    assert "not a netlib backup" in capsys.readouterr().err
    assert main(["restore", copy, "--store", db]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["restore", copy, "--store", db, "--force"]) == 0
    out = capsys.readouterr().out
    assert "kept the store you had as" in out and "1 person" in out
    assert main(["restore", copy, "--store", str(tmp_path / "new" / "g.db")]) == 0


@pytest.mark.slow
def test_a_calendar_never_makes_you_a_person(tmp_path, capsys):
    (tmp_path / "anon.ics").write_text(CALENDAR.format(name=""))
    (tmp_path / "google.ics").write_text(CALENDAR.format(name="X-WR-CALNAME:alex@example.com\n"))
    refused = netlib(tmp_path, "import", "anon.ics", code=1)  # before any init, from an empty folder
    assert refused.stderr.count("\n") == 1 and "--me" in refused.stderr and "anon.ics" in refused.stderr
    db = str(tmp_path / "garden.db")
    assert main(["people", "--json", "--store", db]) == 0 and json.loads(capsys.readouterr().out) == []
    assert main(["import", str(tmp_path / "google.ics"), "--store", db]) == 0
    capsys.readouterr()
    main(["people", "--json", "--store", db])
    assert [p["emails"] for p in json.loads(capsys.readouterr().out)] == [["jane@acme.example"]]
    main(["check", "--store", db])
    assert "is you" not in capsys.readouterr().out
    assert main(["import", str(tmp_path / "anon.ics"), "--store", db]) == 0  # the store knows you now
    other = str(tmp_path / "other.db")
    assert main(["import", str(tmp_path / "anon.ics"), "--store", other, "--me", "alex@example.com"]) == 0
    capsys.readouterr()
    main(["people", "--json", "--store", other])
    assert [p["name"] for p in json.loads(capsys.readouterr().out)] == ["Jane Doe"]


def test_people_show_ends_no_line_with_spaces(tmp_path):
    """``netlib people show`` as a person runs it: an interaction logged without a summary
    (or with only spaces, which the terminal shows as nothing) ended its line with the
    kind's padding and a space, invisible on screen but there in a copied or diffed text;
    so did a company, a note or what you learned at an event that is only spaces."""
    here = tmp_path / "empty"
    here.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NETLIB_STORE=str(tmp_path / "garden.db"))

    def run(*args):
        out = subprocess.run([sys.executable, "-m", "netlib", *args], cwd=here, env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0, (args, out.stdout, out.stderr)
        return out.stdout

    run("init", "--me", "alex@example.com")
    run("people", "add", "Jane Doe", "--company", "Acme", "--position", " ", "--notes", "  ")
    run("event", "add", "Meetup", "--date", "2026-11-01")
    run("event", "met", "Meetup", "Jane Doe", "--learned", "   ")
    run("log", "--with", "Jane Doe", "--kind", "coffee", "--date", "2026-11-02")
    run("log", "--with", "Jane Doe", "--kind", "call", "--date", "2026-11-03", "   ")
    run("log", "--with", "Jane Doe", "--kind", "email", "--date", "2026-11-04", "sent the deck")
    shown = run("people", "show", "Jane Doe").splitlines()
    assert [line for line in shown if line != line.rstrip()] == [], shown
    # newest first; a summary after the kind padded to its column, as before
    assert [line for line in shown if line.startswith("    2026-")] == [
        "    2026-11-04  email         sent the deck", "    2026-11-03  call", "    2026-11-02  coffee",
        "    2026-11-01  event         at Meetup"], shown
    assert "  company: Acme" in shown and "  met at Meetup on 2026-11-01" in shown, shown
    assert not [line for line in shown if line.startswith(("  position:", "  notes:"))], shown


def test_no_store_says_how_to_make_one_or_name_one(tmp_path):
    """From an empty folder with no store: one line that names the file and every way on
    (init, demo, --store, NETLIB_STORE), and nothing is made."""
    here = tmp_path / "empty"
    here.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "NETLIB_STORE"}
    env.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-m", "netlib", "checklist"], cwd=here, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 1 and out.stdout == ""
    line, = out.stderr.strip().splitlines()
    assert "no store here" in line and ".db" in line
    assert all(way in line for way in ("netlib init", "netlib demo", "--store PATH", "NETLIB_STORE")), line
    assert list(here.iterdir()) == []
