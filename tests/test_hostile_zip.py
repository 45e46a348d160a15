"""A LinkedIn export ZIP under hostile input (issue 14): an encrypted member, corrupt deflate
data, an unknown method, a member over the size bound: each one line naming the file, never a
traceback, and nothing imported. The ZIPs are written here and patched byte by byte."""

import struct
import zipfile

import pytest

from netlib.cli import main
from netlib.errors import ImportFileError
from netlib.importers import linkedin, parse

CSV = ("Notes:\n\"...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
       + "".join(f"P{i},T{i},https://www.linkedin.com/in/p{i},,Acme,Eng,25 Nov 2024\n" for i in range(200)))


def export(tmp_path, method=zipfile.ZIP_DEFLATED, text=CSV) -> bytes:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        zf.writestr("Basic_LinkedInDataExport/Connections.csv", text)
        zf.writestr("Basic_LinkedInDataExport/Profile.csv", "a,b\n1,2\n")
    return path.read_bytes()


def patch_headers(data: bytes, offset_in_header: int, fmt: str, value) -> bytes:
    """Set a field in every local (PK\\3\\4) and central (PK\\1\\2) header."""
    data = bytearray(data)
    for magic, at in ((b"PK\x03\x04", offset_in_header), (b"PK\x01\x02", offset_in_header + 2)):
        i = data.find(magic)
        while i >= 0:
            struct.pack_into(fmt, data, i + at, value)
            i = data.find(magic, i + 4)
    return bytes(data)


def encrypted(tmp_path):
    return patch_headers(export(tmp_path), 6, "<H", 0x1)  # general purpose flag: encrypted


def unknown_method(tmp_path):
    return patch_headers(export(tmp_path), 8, "<H", 97)  # compression method 97: WavPack


def corrupt_deflate(tmp_path):
    data = bytearray(export(tmp_path))
    start = data.find(b"PK\x03\x04") + 30 + len("Basic_LinkedInDataExport/Connections.csv")
    for i in range(start + 20, start + 120):
        data[i] ^= 0x5A
    return bytes(data)


def cut_short(tmp_path):
    data = export(tmp_path, method=zipfile.ZIP_STORED)
    return data[: len(data) // 2] + data[-200:]


@pytest.mark.parametrize("make, said", [
    (encrypted, "encrypted"), (unknown_method, "a method netlib cannot read"),
    (corrupt_deflate, "not a readable ZIP archive"), (cut_short, "not a readable ZIP archive"),
])
def test_each_zip_error_is_one_line(tmp_path, capsys, make, said):
    path = tmp_path / "bad.zip"
    path.write_bytes(make(tmp_path))
    with pytest.raises(ImportFileError, match=said):
        parse(path, "linkedin")
    db = tmp_path / "g.db"
    assert main(["import", str(path), "--kind", "linkedin", "--store", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("netlib: error: bad.zip") and err.count("\n") == 1 and "Traceback" not in err


def test_a_member_over_the_bound_is_refused_unread(tmp_path, monkeypatch):
    # the hostile case: a 1 MB ZIP holding a 1 GiB line; the bound is the ZIP's own size field
    monkeypatch.setattr(linkedin, "MAX_MEMBER", 4096)
    path = tmp_path / "big.zip"
    path.write_bytes(export(tmp_path, text=CSV + "x" * 10_000))
    with pytest.raises(ImportFileError, match="over the 4,096 bytes netlib reads from a ZIP"):
        parse(path, "linkedin")


def test_a_good_export_still_imports(tmp_path):
    path = tmp_path / "good.zip"
    path.write_bytes(export(tmp_path))
    assert len(parse(path).people) == 200
    assert linkedin.zip_member(path) == "Basic_LinkedInDataExport/Connections.csv"
