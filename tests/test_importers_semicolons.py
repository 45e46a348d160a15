"""CSV exports separated by semicolons (Excel's CSV in much of Europe, where the comma is
the decimal separator) import as their comma-separated twins do."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from netlib.errors import ImportFileError
from netlib.importers import detect, parse

DATA = Path(__file__).parent / "data" / "import"


def semicolons(source: Path, target: Path, encoding: str = "utf-8") -> Path:
    """``source`` rewritten with semicolons between cells (quoted where a cell holds one),
    in the same encoding and line endings."""
    raw = source.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    text = raw.decode(encoding)
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator=newline).writerows(csv.reader(io.StringIO(text, newline="")))
    target.write_bytes(out.getvalue().encode(encoding))
    return target


def records(batch) -> list:
    """What a batch holds, without where it came from (file name and digest differ)."""
    def plain(r):
        return {k: v for k, v in dataclasses.asdict(r).items() if k not in ("source_path",)}
    warnings = [str(w).split(":", 1)[1] for w in batch.extra.get("warnings", [])]  # minus the file name
    return [batch.kind, [plain(r) for r in batch.people], [plain(r) for r in batch.interactions],
            [plain(r) for r in batch.events], [plain(r) for r in batch.ties], warnings,
            [(s.line, s.reason) for s in batch.skipped]]


@pytest.mark.parametrize("name, encoding", [("google.csv", "utf-8"), ("google_old.csv", "utf-8"),
                                            ("Connections.csv", "utf-8-sig"), ("Connections_de.csv", "utf-8"),
                                            ("outlook.csv", "cp1252"), ("people.csv", "utf-8"),
                                            ("interactions.csv", "utf-8"), ("events.csv", "utf-8"),
                                            ("ties.csv", "utf-8")])
def test_a_semicolon_file_imports_as_its_comma_twin(tmp_path, name, encoding):
    twin = semicolons(DATA / name, tmp_path / name, encoding)
    header = next(line for line in twin.read_bytes().splitlines() if line.count(b";") >= 2)
    assert b"," not in header.replace(b'","', b"")  # the header is separated by semicolons now
    assert detect(twin) == detect(DATA / name)
    assert records(parse(twin)) == records(parse(DATA / name))


def test_semicolons_inside_the_cells_of_a_comma_file_change_nothing(tmp_path):
    """A comma file is read with commas even when its cells hold semicolons."""
    path = tmp_path / "google.csv"
    text = (DATA / "google.csv").read_text(encoding="utf-8").replace("Likes climbing", "Likes climbing; tea")
    path.write_text(text, encoding="utf-8")
    maria = parse(path).people[0]
    assert maria.notes.startswith("Likes climbing; tea") and maria.emails == ["maria.g@gmail.com", "maria@acme.com"]


def test_a_semicolon_file_without_a_known_header_is_still_refused(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Vorname;Nachname;Telefon\nAnna;Berg;123\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a file netlib recognises"):
        detect(path)
