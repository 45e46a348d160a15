"""A damaged store (issue 14): ``netlib check`` says so in words and what to do (exit 1, no
traceback); every other command refuses it in one line instead of running on it. The
damage is done here to a real store file, byte by byte, in ways disks and copies do it."""

import os

import pytest

from netlib.cli import main
from netlib.store.core import Store

PAGE = 4096


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    path = tmp_path_factory.mktemp("healthy") / "garden.db"
    with Store(path) as store:
        with store.transaction():
            for i in range(400):
                store.add_person(f"Person {i} Tester", emails=[f"p{i}@x.example"], company=f"Company {i % 9}",
                                 notes="n" * 200)
        store.log(["p1@x.example"], "coffee", "2026-10-01", "hello")
    assert not os.path.exists(str(path) + "-wal")
    return path.read_bytes()


def poke(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new):]


CORRUPTIONS = {
    "magic overwritten": lambda d: poke(d, 0, b"\x00" * 16),
    "cut in half": lambda d: d[: len(d) // 2],
    "cut to one page": lambda d: d[:PAGE],
    "bad page size": lambda d: poke(d, 16, b"\x00\x03"),
    "schema page garbled": lambda d: poke(d, 100, os.urandom(1200)),
    "a middle page zeroed": lambda d: poke(d, PAGE * 3, b"\x00" * PAGE),
    "middle pages garbled": lambda d: poke(d, PAGE * 5, bytes((i * 37 + 11) % 256 for i in range(PAGE * 3))),
    "last page garbled": lambda d: poke(d, len(d) - PAGE, b"\xff" * PAGE),
    "page count and freelist wrong": lambda d: poke(poke(d, 28, b"\x7f\xff\xff\xff"), 32, b"\x00\x00\x7f\xff"),
    "b-tree page types garbled": lambda d: b"".join(
        poke(d[i:i + PAGE], 0, b"\x0e") if i >= PAGE * 2 and i % (PAGE * 4) == 0 else d[i:i + PAGE]
        for i in range(0, len(d), PAGE)),
}


@pytest.mark.parametrize("damage", list(CORRUPTIONS))
def test_check_says_what_is_wrong_and_what_to_do(tmp_path, capsys, healthy, damage):
    db = tmp_path / "garden.db"
    db.write_bytes(CORRUPTIONS[damage](healthy))
    before = db.read_bytes()
    code = main(["check", "--store", str(db)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    said = out + err
    assert "Traceback" not in said and ("backup" in said and (".recover" in said or "check" in said
                                                             or "restore" in said)), said
    for command in (["people"], ["checklist", "--month", "2026-11"], ["backup"], ["export", str(tmp_path / "e")],
                    ["map", "--out", str(tmp_path / "m.html")], ["log", "--with", "p1@x.example", "--kind", "call"]):
        code = main([*command, "--store", str(db)])
        out, err = capsys.readouterr()
        assert code == 1, (command, out, err)
        assert err.startswith("netlib: error: ") and err.count("\n") == 1, (command, err)
    assert not (tmp_path / "e").exists() and not (tmp_path / "m.html").exists()
    assert db.read_bytes()[:100] == before[:100]  # nothing rewrote the header


def test_a_healthy_store_passes(tmp_path, capsys, healthy):
    db = tmp_path / "garden.db"
    db.write_bytes(healthy)
    assert main(["check", "--store", str(db)]) == 0
