"""Properties of ``netlib import`` over generated input (hypothesis).

1. Any bytes at all: the command never raises; it exits 0 or 1, and on 1 the store's
   contents are unchanged.
2. Any LinkedIn-shaped rows (commas, quotes, line breaks, every script, HTML): the import
   succeeds, and importing the same file again changes nothing but the ``imports`` log.
"""

import shutil
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlib.cli import main
from netlib.store.core import Store

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _template(tmp_path):
    path = tmp_path / "template.db"
    if not path.exists():
        with Store(path) as store:
            store.add_person("Ada Lovelace", emails=["ada@prefill.example"], company="Analytical Engines")
            store.log(["ada@prefill.example"], "coffee", "2026-10-01", "compilers")
    return path


# bytes that reach every importer: random bytes, and random bytes after a real first line
_STARTS = [b"", HEADER.encode() + b"\n", b"BEGIN:VCARD\r\n", b"BEGIN:VCALENDAR\r\n", b"\xef\xbb\xbf",
           b"\xff\xfe", b"PK\x03\x04", b"id,name,emails\n", b"First Name,Last Name,E-mail 1 - Value,Labels\n"]


@SETTINGS
@given(start=st.sampled_from(_STARTS), body=st.binary(max_size=2000))
def test_any_bytes_exit_0_or_1_and_a_refusal_changes_nothing(tmp_path, capsys, checksum, start, body):
    db = tmp_path / "garden.db"
    shutil.copy(_template(tmp_path), db)
    before = checksum(db)
    f = tmp_path / "input.dat"
    f.write_bytes(start + body)
    code = main(["import", str(f), "--store", str(db)])
    err = capsys.readouterr().err
    assert code in (0, 1)
    if code == 1:
        assert checksum(db) == before
        assert err.startswith("netlib: error: input.dat") and err.count("\n") == 1, err


# text for a cell: every script, punctuation that CSV must quote, HTML and formulas
_cell = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
    st.text(string.ascii_letters + ' ,"\n\r;=+-@<>/', max_size=20),
    st.sampled_from(['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', "Acme, Inc.", 'Jane "JD"',
                     "Дмитрий", "محمد", "王明", "😀", "Zoë"]),
)
_date = st.sampled_from(["25 Nov 2024", "01-Jul-25", "2024-11-25", "", "31 Foo 2024"])
_row = st.tuples(_cell, _cell, st.one_of(st.just(""), st.from_regex(r"https://www\.linkedin\.com/in/[a-z0-9-]{1,12}", fullmatch=True)),
                 st.one_of(st.just(""), st.emails()), _cell, _cell, _date)


def _csv(rows) -> str:
    import csv
    import io

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    return out.getvalue()


@SETTINGS
@given(rows=st.lists(_row, min_size=1, max_size=12), crlf=st.booleans())
def test_linkedin_rows_import_and_reimport_idempotently(tmp_path, capsys, checksum, rows, crlf):
    db = tmp_path / "garden.db"
    shutil.copy(_template(tmp_path), db)
    f = tmp_path / "Connections.csv"
    text = _csv(rows)
    f.write_bytes((text if crlf else text.replace("\r\n", "\n")).encode("utf-8"))
    assert main(["import", str(f), "--store", str(db)]) == 0, capsys.readouterr().err
    first = capsys.readouterr()
    settled = checksum(db, skip=("imports",))
    assert main(["import", str(f), "--store", str(db)]) == 0
    second = capsys.readouterr()
    assert checksum(db, skip=("imports",)) == settled
    assert second.err == first.err
    assert " 0 people added, 0 updated" in second.out, second.out
