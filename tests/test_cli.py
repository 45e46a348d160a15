"""The CLI: help text with examples, clean errors, the main commands end to end."""

import json
import subprocess
import sys


from netlib.cli import build_parser, main


def _subparsers(parser):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            yield from action.choices.items()


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    assert "Example:" in parser.format_help()
    missing = []
    for name, sub in _subparsers(parser):
        if "Example:" not in sub.format_help():
            missing.append(name)
        for subname, subsub in _subparsers(sub):
            if "Example:" not in subsub.format_help():
                missing.append(f"{name} {subname}")
    assert not missing, f"commands without an example: {missing}"


def test_python_dash_m_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "netlib", "--help"], capture_output=True, text=True, check=True)
    assert "netlib" in out.stdout


def test_store_flag_and_env(tmp_path, monkeypatch, capsys):
    db = tmp_path / "a.db"
    assert main(["init", "--store", str(db)]) == 0
    assert db.exists()
    env_db = tmp_path / "b.db"
    monkeypatch.setenv("NETLIB_STORE", str(env_db))
    assert main(["init"]) == 0
    assert env_db.exists()


def test_log_people_event_round(tmp_path, capsys):
    db = str(tmp_path / "g.db")
    assert main(["init", "--store", db, "--me", "me@example.com"]) == 0
    assert main(["people", "add", "Jane Doe", "--email", "jane@x.example", "--company", "Acme", "--store", db]) == 0
    assert main(["log", "--with", "Jane Doe", "--kind", "coffee", "--date", "2026-11-20", "talked", "--store", db]) == 0
    assert main(["event", "add", "PyData", "--date", "2026-11-12", "--store", db]) == 0
    assert main(["event", "met", "PyData", "jane@x.example", "--store", db]) == 0
    capsys.readouterr()
    assert main(["people", "--json", "--store", db]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 1
    jane = people[0]
    for key in ("id", "name", "emails", "company", "position", "tags", "sources", "interaction_count", "last_interaction"):
        assert key in jane
    assert jane["emails"] == ["jane@x.example"]
    assert jane["interaction_count"] == 2 and jane["last_interaction"] == "2026-11-20"


def test_errors_are_one_line_and_nonzero(tmp_path, capsys):
    db = str(tmp_path / "g.db")
    main(["init", "--store", db])
    capsys.readouterr()
    assert main(["log", "--with", "Nobody Here", "--kind", "coffee", "--store", db]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("netlib: error:") and "\n" not in err and "Nobody Here" in err
    assert main(["people", "--store", str(tmp_path / "missing.db")]) == 1
    assert "netlib init" in capsys.readouterr().err


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path):
    """`netlib people list | head -1` (found by a hostile review: the new commands' output
    raised BrokenPipeError past the handler for it)."""
    import subprocess
    import sys

    db = tmp_path / "g.db"
    assert main(["init", "--store", str(db), "--me", "me@x.example"]) == 0
    for k in range(400):  # more than a pipe holds (64 KiB), so the writer meets the closed pipe
        main(["people", "add", f"Person {k:03d}", "--company", "Long Company Name " * 12, "--new", "--store", str(db)])
    run = subprocess.run(f"{sys.executable} -m netlib --store {db} people list | head -1", shell=True,
                         capture_output=True, text=True, timeout=120)
    assert run.stdout.startswith("     1  Person 000") and "Traceback" not in run.stderr, run.stderr[-500:]
