"""CSV under hostile input (issue 14): a quoted cell over the field limit is one skipped row,
and the reader keeps its place: the rest of the cell never becomes people, and the rows
after it import with their own line numbers."""

import csv

import pytest

from netlib.errors import ImportFileError
from netlib.importers import parse
from netlib.importers.reading import FIELD_LIMIT

GOOGLE = "Name,Given Name,Family Name,E-mail 1 - Value,Notes\n"
LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
NOTE = "\n".join(f"Fake{i},Person{i},x" for i in range(100))  # 100 lines that look like rows


@pytest.fixture
def small_limit():
    old = csv.field_size_limit(1000)
    yield 1000
    csv.field_size_limit(old)


@pytest.mark.parametrize("kind, text", [
    ("google", GOOGLE + 'Ann A,Ann,A,a@x.example,"' + NOTE + '"\nBob B,Bob,B,b@x.example,short\n'),
    ("linkedin", LINKEDIN + 'Ann,A,,,"' + NOTE + '",Eng,25 Nov 2024\nBob,B,,,Acme,Eng,25 Nov 2024\n'),
])
def test_an_oversized_cell_is_one_skipped_row(tmp_path, small_limit, kind, text):
    path = tmp_path / "c.csv"
    path.write_text(text)
    batch = parse(path, kind)
    assert [p.name for p in batch.people] == ["Bob B"] and batch.people[0].line == 102
    assert [str(s) for s in batch.skipped] == [
        "c.csv:2: row cannot be read as CSV (a cell is longer than 1,000 characters, so the row is skipped; "
        "the rows after it are read)"]


def test_an_oversized_cell_never_closed_is_refused_with_its_line(tmp_path, small_limit):
    path = tmp_path / "c.csv"
    path.write_text(GOOGLE + "Zed Z,Zed,Z,z@x.example,fine\n" + 'Ann A,Ann,A,a@x.example,"' + NOTE + "\n")
    with pytest.raises(ImportFileError) as err:
        parse(path, "google")
    assert err.value.line == 3 and "never closed" in str(err.value)


@pytest.mark.slow
def test_a_real_cell_over_16_mib(tmp_path):
    big = ("x" * 1000 + "\n,Fake,Row,,,,01 Jan 2024\n") * (FIELD_LIMIT // 1000 + 10)
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN + f'Ann,A,,,"{big}",Eng,25 Nov 2024\nBob,B,,,Acme,Eng,25 Nov 2024\n')
    batch = parse(path, "linkedin")
    assert [p.name for p in batch.people] == ["Bob B"] and len(batch.skipped) == 1


@pytest.mark.parametrize("quoted", [False, True])
def test_a_long_line_is_read_past_in_bounded_memory(tmp_path, monkeypatch, quoted):
    """A line over the line limit (here 1,000) is a skipped row with its line; a quoted cell
    that goes on after it is read past too; the rows after it import."""
    from netlib.importers import reading

    monkeypatch.setattr(reading, "LINE_LIMIT", 1000)
    cell = '"' + "y" * 5000 + '\nFake,Row,,,,,01 Jan 2024\n"' if quoted else "y" * 5000
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN + "Zed,Z,,,Acme,Eng,25 Nov 2024\n" + f"Ann,A,,,{cell},Eng,25 Nov 2024\n"
                    + "Bob,B,,,Acme,Eng,25 Nov 2024\n")
    batch = parse(path, "linkedin")
    assert [(p.name, p.line) for p in batch.people] == [("Zed Z", 2), ("Bob B", 6 if quoted else 4)]
    assert [str(s) for s in batch.skipped] == [
        "Connections.csv:3: row cannot be read as CSV (a line is longer than 1,000 characters, so the row is "
        "skipped; the rows after it are read)"]


@pytest.mark.parametrize("kind", ["linkedin", "google"])
def test_a_50_mb_line_in_a_plain_csv_is_never_held(tmp_path, kind):
    """A generated 50 MB field on one line, in a plain CSV (not a ZIP member): one skipped
    record naming the file and line, the rows after it imported, and the peak memory of the
    import well under the line's size (it used to read the line whole, then the cell)."""
    import tracemalloc

    path = tmp_path / "big.csv"
    with path.open("w") as f:
        if kind == "linkedin":
            f.write(LINKEDIN + "Zed,Z,,,Acme,Eng,25 Nov 2024\nAnn,A,,,")
            f.writelines("y" * (1 << 20) for _ in range(50))
            f.write(",Eng,25 Nov 2024\nBob,B,,,Acme,Eng,25 Nov 2024\n")
        else:
            f.write(GOOGLE + "Zed Z,Zed,Z,z@x.example,\nAnn A,Ann,A,a@x.example,")
            f.writelines("y" * (1 << 20) for _ in range(50))
            f.write("\nBob B,Bob,B,b@x.example,short\n")
    tracemalloc.start()
    try:
        batch = parse(path, kind)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.name for p in batch.people] == ["Zed Z", "Bob B"] and batch.people[1].line == 4
    assert [str(s).split(" (")[0] for s in batch.skipped] == ["big.csv:3: row cannot be read as CSV"]
    assert peak < 40 << 20, f"peak {peak >> 20} MiB for a 50 MiB line"
