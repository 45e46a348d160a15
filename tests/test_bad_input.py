"""Bad input, end to end through ``netlib import``: a corpus of files, each with its exact outcome.

The corpus and its expected outcomes live in ``tests/data/bad/`` (``make_corpus.py`` writes
both; ``cases.json`` says, per file, the ``--kind``, the exit code, what stderr names and the
people that must land). The rules every case checks:

- a file bad as a whole: exit 1, exactly one line ``netlib: error: FILE[:LINE]: reason (fix)``,
  and the store's contents unchanged (a checksum before and after);
- a file with a few bad records: exit 0, each one listed on stderr as ``FILE:LINE``; with
  ``--strict`` exit 1 and the store unchanged;
- a good but quirky file: exit 0, exact values, and importing it again changes nothing.

The importers' own tests (``test_importers_*.py``) check parsing; these check the whole path.
"""

import json
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netlib.cli import main
from netlib.store.core import Store

BAD = Path(__file__).parent / "data" / "bad"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefilled_template(tmp_path_factory):
    """A store holding three people, an interaction, an event and a tie, built once."""
    path = tmp_path_factory.mktemp("template") / "garden.db"
    with Store(path) as store:
        store.set_setting("owner_emails", ["owner@prefill.example"])  # calendars need to know who you are
        store.add_person("Ada Lovelace", emails=["ada@prefill.example"], company="Analytical Engines",
                         position="Programmer", tags=["pioneer"])
        store.add_person("Grace Hopper", emails=["grace@prefill.example"], company="US Navy")
        store.add_person("Alan Turing", company="Bletchley Park")
        store.log(["ada@prefill.example", "grace@prefill.example"], "coffee", "2026-10-01", "compilers")
        store.add_event("PyCon", "2026-05-14", location="Pittsburgh")
        store.met("PyCon", ["Alan Turing"])
        store.add_tie("Ada Lovelace", "Alan Turing", "knows")
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    return path


@pytest.fixture
def db(tmp_path, prefilled_template):
    path = tmp_path / "garden.db"
    shutil.copy(prefilled_template, path)
    return path


def run_import(capsys, path, db, kind=None, strict=False):
    argv = ["import", str(path), "--store", str(db)]
    argv += ["--kind", kind] if kind else []
    argv += ["--strict"] if strict else []
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def people_count(db) -> int:
    con = sqlite3.connect(db)
    n = con.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    con.close()
    return n


def assert_person(db, expected: dict):
    with Store(db, create=False) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM people WHERE name=?", (expected["name"],))]
        assert len(ids) == 1, f"{expected['name'][:60]!r}: {len(ids)} people by that exact name"
        person = store.person(ids[0])
    for field, value in expected.items():
        assert person[field] == value, f"{expected['name'][:40]!r}.{field}"


def case_id(case):
    return case["file"] + (f"[--kind {case['kind']}]" if case["kind"] else "") + ("[--strict]" if case["strict"] else "")


def test_every_corpus_file_has_a_case():
    files = {p.name for p in BAD.iterdir()} - {"cases.json", "make_corpus.py"}
    assert files == {c["file"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_bad_input(case, db, capsys, checksum):
    path = BAD / case["file"]
    before = checksum(db)
    people_before = people_count(db)
    code, out, err = run_import(capsys, path, db, case["kind"], case["strict"])
    assert code == case["exit"], err
    for part in case["stderr"]:
        assert part in err, f"{part!r} not in stderr: {err!r}"
    if case["exit"] == 1:
        line = rf":{case['line']}" if case["line"] else ""
        assert re.fullmatch(rf"netlib: error: {re.escape(case['file'])}{line}: [^\n]+ \([^\n]+\)\n", err), err
        assert checksum(db) == before, "a refused import changed the store"
        return
    listed = [int(m) for m in re.findall(rf"^  (?:skipped|kept, but dropped a value:) {re.escape(case['file'])}:(\d+):",
                                         err, re.M)]
    assert sorted(listed) == case["skipped"], err
    assert len(err.splitlines()) == len(case["skipped"]), err  # nothing else on stderr
    assert people_count(db) - people_before == case["added"]
    for person in case["people"]:
        assert_person(db, person)
    settled = checksum(db, skip=("imports",))
    code, out, err2 = run_import(capsys, path, db, case["kind"])
    assert code == 0 and err2 == err
    assert checksum(db, skip=("imports",)) == settled, "importing the same file again changed the store"
    if case["added"]:
        assert "0 people added" in out and f"{case['added']} unchanged" in out, out


def test_multi_file_import_is_one_transaction(db, capsys, checksum):
    """One command, one transaction: a bad second file leaves the store as it was, the
    good first file included, and nothing claims to have been imported."""
    before = checksum(db)
    code = main(["import", str(BAD / "linkedin_lf.csv"), str(BAD / "linkedin_unclosed_quote.csv"),
                 "--store", str(db)])
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("netlib: error: linkedin_unclosed_quote.csv:5:")
    assert "people added" not in out
    assert checksum(db) == before


# -- a 100 MB LinkedIn file --------------------------------------------------------------------
#: Peak RSS allowed for importing the 100 MB file below. The file is read and written in
#: chunks of 10,000 records inside one transaction, so what grows with the rows is only the
#: identity indexes (keys, about 1 KB a row), not the records. Measured on the development
#: machine (2026-11): 181,904 fat rows, peak RSS 266 MB (80 MB of it the interpreter
#: and pandas); held whole, as before streaming, it was 751 MB, which this bound refuses.
BIG_RSS_LIMIT_MB = 400
BIG_SIZE = 100 * 1024 * 1024


def write_big_connections(path: Path, size=BIG_SIZE) -> int:
    """A Connections.csv of ``size`` bytes: rows made fat with long positions (~200k rows)."""
    pad = "Senior Staff Engineer, Platform Reliability & Developer Experience; " * 7
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("Notes:\r\n\"Some email addresses are missing.\"\r\n\r\n"
                 "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        written = fh.tell()
        while written < size:
            line = (f"Person{rows},Tester{rows},https://www.linkedin.com/in/person-{rows},,"
                    f"Company {rows % 997},\"{pad}{rows}\",{1 + rows % 28:02d} Mar 2025\r\n")
            fh.write(line)
            written += len(line)
            rows += 1
    return rows


@pytest.mark.slow
def test_100mb_linkedin_file_imports_with_bounded_memory(tmp_path):
    big = tmp_path / "Connections.csv"
    rows = write_big_connections(big)
    assert big.stat().st_size >= BIG_SIZE
    db = tmp_path / "big.db"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "netlib", "import", str(big), "--store", str(db)],
                          capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    assert proc.returncode == 0, proc.stderr
    assert f"{rows:,} people added" in proc.stdout
    print(f"100 MB, {rows} rows: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < BIG_RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    with Store(db, create=False) as store:
        assert store.counts()["people"] == rows
