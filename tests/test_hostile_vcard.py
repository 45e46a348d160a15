"""Hostile vCards (issue 14): no card swallows another, every card imported or listed, big
properties dropped while streaming. Files are written here, a few cards each."""

import tracemalloc

import pytest

from netlib.errors import RecordError
from netlib.importers import parse, vcard


def card(name, *extra, end=True):
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", *extra] + (["END:VCARD"] if end else [])
    return "".join(line + "\r\n" for line in lines)


def write(tmp_path, *cards, name="c.vcf"):
    path = tmp_path / name
    path.write_bytes("".join(cards).encode())
    return path


def names(batch):
    return [p.name for p in batch.people]


def skips(batch):
    return [str(s) for s in batch.skipped]


def test_a_card_without_end_swallows_nothing(tmp_path):
    path = write(tmp_path, card("Ann A"), card("Cut C", "EMAIL:cut@x.example", end=False), card("Bob B"),
                 card("Dan D"))
    batch = parse(path)
    assert names(batch) == ["Ann A", "Bob B", "Dan D"]
    assert skips(batch) == ["c.vcf:5: card has no END:VCARD (line 9 starts another card first), so it is skipped; "
                            "the cards after it are read. Expected END:VCARD at the end of each card"]
    with pytest.raises(RecordError) as err:
        parse(path, strict=True)
    assert err.value.line == 5


def test_a_folded_begin_inside_a_note_is_not_a_card(tmp_path):
    path = write(tmp_path, card("Ann A", "NOTE:met at the fair", " BEGIN:VCARD", " FN:Not A Card"), card("Bob B"))
    batch = parse(path)
    assert names(batch) == ["Ann A", "Bob B"] and skips(batch) == []
    assert batch.people[0].notes == "met at the fairBEGIN:VCARDFN:Not A Card"


def test_two_files_put_together_without_a_last_newline(tmp_path):
    first = card("Ann A") + card("Bob B")
    path = write(tmp_path, first[:-2], card("Cid C"))  # ...END:VCARDBEGIN:VCARD...
    assert names(parse(path)) == ["Ann A", "Bob B", "Cid C"]


def test_cards_sharing_a_uid_or_email_are_listed(tmp_path):
    path = write(tmp_path, card("Ann A", "EMAIL:family@x.example"), card("Bob A", "EMAIL:family@x.example"),
                 card("Cid C", "UID:u-1"), card("Dan D", "UID:u-1"))
    batch = parse(path)
    assert names(batch) == ["Ann A", "Cid C"]
    assert skips(batch) == [
        "c.vcf:6: a second card with the email family@x.example (first on line 1); kept the first",
        "c.vcf:16: a second card with the UID u-1 (first on line 11); kept the first"]


@pytest.mark.parametrize("prop", ["PHOTO;ENCODING=b;TYPE=JPEG", "LOGO;ENCODING=b", "SOUND;ENCODING=b",
                                  "KEY;ENCODING=b", "item1.LOGO;ENCODING=b"])
@pytest.mark.parametrize("folded", [True, False])
def test_binary_properties_of_any_name_are_dropped_while_streaming(tmp_path, prop, folded):
    blob = "QUJD" * (2 << 20)  # 8 MiB of base64
    value = "\r\n ".join(blob[i:i + 74] for i in range(0, len(blob), 74)) if folded else blob
    path = write(tmp_path, card("Ann A", f"{prop}:{value}", "EMAIL:ann@x.example"), card("Bob B"))
    tracemalloc.start()
    try:
        batch = parse(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 << 20, f"peak {peak >> 20} MiB for an 8 MiB picture"  # it used to hold it whole, and more
    assert names(batch) == ["Ann A", "Bob B"] and batch.people[0].emails == ["ann@x.example"]
    assert skips(batch) == [] and "warnings" not in batch.extra


@pytest.mark.parametrize("folded", [True, False])
def test_an_oversized_value_is_dropped_with_a_warning(tmp_path, monkeypatch, folded):
    monkeypatch.setattr(vcard, "MAX_PROPERTY", 1000)
    note = "x" * 3000
    if folded:
        note = "\r\n ".join(note[i:i + 70] for i in range(0, len(note), 70))
    path = write(tmp_path, card("Ann A", f"NOTE:{note}", "EMAIL:ann@x.example"), card("Bob B", "NOTE:short"))
    batch = parse(path)
    assert names(batch) == ["Ann A", "Bob B"]
    assert batch.people[0].notes is None and batch.people[0].emails == ["ann@x.example"]
    assert batch.people[1].notes == "short"
    [warning] = [str(w) for w in batch.extra["warnings"]]
    assert warning.startswith("c.vcf:1: NOTE is longer than 1,000 characters") and warning.endswith("the card is kept without it")


def test_nul_bytes_never_reach_a_name(tmp_path):
    # past the first 8 KiB, where the binary-file check looks
    path = tmp_path / "c.vcf"
    path.write_bytes((card("Zed Z", "NOTE:" + "x" * 9000) + card("Ann\x00 A", "ORG:Ac\x00me")).encode())
    batch = parse(path)
    assert names(batch) == ["Zed Z", "Ann A"] and batch.people[1].company == "Acme"


def test_cr_only_line_ends(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_bytes((card("Ann A") + card("Bob B")).replace("\r\n", "\r").encode())
    assert names(parse(path)) == ["Ann A", "Bob B"]
