"""Reading files: encodings chosen in one pass, and files that are not text exports refused."""

import codecs

import pytest

from netlib.errors import ImportFileError
from netlib.importers.reading import read_text, scan


@pytest.mark.parametrize("raw, codec, text", [
    (b"a,b\r\n", "utf-8", "a,b\r\n"),
    (codecs.BOM_UTF8 + "é,b\n".encode(), "utf-8-sig", "é,b\n"),
    (codecs.BOM_UTF16_LE + "é,b\n".encode("utf-16-le"), "utf-16", "é,b\n"),
    ("Renée,Weiß\n".encode("cp1252"), "cp1252", "Renée,Weiß\n"),
])
def test_encodings(tmp_path, raw, codec, text):
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    info = scan(path)
    assert info.encoding == codec
    assert read_text(info) == text
    assert len(info.sha256) == 64


@pytest.mark.parametrize("raw, reason", [
    (b"", "is empty"),
    (codecs.BOM_UTF8 + b"\r\n \r\n", "is empty"),
    (b"ab\x00cd", "binary"),
    (b"x\x81\x8d\x8f", "cannot be decoded"),
])
def test_bad_files(tmp_path, raw, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError, match=reason) as err:
        scan(path)
    assert str(err.value).startswith("bad.csv: ")


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        scan(tmp_path / "nope.csv")
