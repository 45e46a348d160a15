"""Streaming imports: a file read and written in chunks, still in one transaction.

Chunked (:func:`netlib.importers.iter_batches` + :meth:`Store.apply_stream`) must give the
same store and the same report as the whole batch (:func:`parse` + :meth:`Store.apply`),
and a failure anywhere, even in the last chunk, must leave the store as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from netlib import cli
from netlib.demo.build import SAMPLE_ORDER
from netlib.errors import ImportFileError, RecordError
from netlib.importers import iter_batches, parse
from netlib.demo.generator import generate
from netlib.store.core import Store

TODAY = dt.date(2026, 11, 20)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def _report(report) -> dict:
    return dataclasses.asdict(report)


def _linkedin(path: Path, rows: int, *, tail: str = "") -> Path:
    """A Connections.csv with a hidden member, a bad date, an empty date and a repeat in it."""
    lines = [HEADER]
    for i in range(rows):
        lines.append(f"P{i},T{i},https://www.linkedin.com/in/p-{i},p{i}@x.example,Co {i % 7},Eng,"
                     f"{1 + i % 28:02d} Mar 2025\r\n")
        if i == 3:
            lines.append(",,,,,,01 Apr 2025\r\n")  # a hidden member
        if i == 40:
            lines.append("Bad,Date,https://www.linkedin.com/in/bad,,,,not a date\r\n")
        if i == 77:
            lines.append("No,Date,https://www.linkedin.com/in/nodate,,,,\r\n")
        if i == 120:
            lines.append("P5,T5,https://www.linkedin.com/in/p-5,,,,01 Mar 2025\r\n")  # a repeat
    path.write_text("".join(lines) + tail, encoding="utf-8", newline="")
    return path


ME = ("alex.morgan@example.com",)  # the sample's owner: an mbox needs to know you


def _whole(db, files, *, strict=False):
    with Store(db) as store:
        return [_report(store.apply(parse(f, k, me=ME), today=TODAY, strict=strict)) for f, k in files]


def _chunked(db, files, chunk, *, strict=False):
    with Store(db) as store:
        return [_report(store.apply_stream(iter_batches(f, k, chunk=chunk, me=ME), today=TODAY, strict=strict))
                for f, k in files]


def test_chunks_put_together_are_the_whole_batch(tmp_path):
    path = _linkedin(tmp_path / "Connections.csv", 200)
    chunks = list(iter_batches(path, chunk=30))
    assert len(chunks) > 5 and all(len(c.people) <= 30 for c in chunks)
    whole = parse(path)
    assert [p for c in chunks for p in c.people] == whole.people
    assert [i for c in chunks for i in c.interactions] == whole.interactions
    assert [s for c in chunks for s in c.skipped] == whole.skipped
    assert [w for c in chunks for w in c.extra.get("warnings", [])] == whole.extra["warnings"]
    assert len(list(iter_batches(path, chunk=None))) == 1


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_a_sample_network_imported_in_chunks_is_the_same_store(tmp_path, checksum, chunk):
    """Every kind of file, bigger than the chunk, in the demo's order: same rows, same reports."""
    generate(tmp_path / "net", people=150, end=TODAY)
    order = [(files_dir, kind) for name, kind in SAMPLE_ORDER
             if (files_dir := tmp_path / "net" / name).exists()]
    order += order[:1]  # and a re-import, which changes nothing
    assert len(order) >= 7
    whole = _whole(tmp_path / "whole.db", order)
    chunked = _chunked(tmp_path / "chunked.db", order, chunk)
    for w, c in zip(whole, chunked):
        assert w == c
    assert whole[-1]["unchanged"] > 0 and whole[-1]["interactions"] == 0
    skip = ("imports",)  # holds the time of each import
    assert checksum(tmp_path / "whole.db", skip) == checksum(tmp_path / "chunked.db", skip)


def test_linkedin_skips_warnings_and_counts_match(tmp_path, checksum):
    path = _linkedin(tmp_path / "Connections.csv", 300)
    whole = _whole(tmp_path / "whole.db", [(path, None)])
    chunked = _chunked(tmp_path / "chunked.db", [(path, None)], 25)
    assert whole == chunked
    assert whole[0]["added"] == 301 and len(whole[0]["skipped"]) == 2 and len(whole[0]["warnings"]) == 1
    assert checksum(tmp_path / "whole.db", ("imports",)) == checksum(tmp_path / "chunked.db", ("imports",))


def test_references_reach_people_of_earlier_chunks_and_unknown_ones_are_skipped(tmp_path, checksum):
    people = tmp_path / "people.csv"
    people.write_text("id,name,emails\n" + "".join(f"{i},Person {i},p{i}@x.example\n" for i in range(60)),
                      encoding="utf-8")
    inter = tmp_path / "interactions.csv"
    rows = [f"{i},2026-0{1 + i % 9}-1{i % 10},coffee,both,p{i % 60}@x.example;{(i * 7) % 60},," for i in range(90)]
    rows.insert(5, "x1,2026-01-01,call,out,nobody@x.example,,")  # skipped by the store
    rows.append("x2,2026-01-02,call,out,name:Nobody Here,,")
    inter.write_text("id,date,kind,direction,with,summary,event\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ties = tmp_path / "ties.csv"
    ties.write_text("a,b,kind\n" + "".join(f"{i},{(i + 1) % 60},knows\n" for i in range(60)), encoding="utf-8")
    order = [(people, None), (inter, None), (ties, None), (inter, None)]
    whole = _whole(tmp_path / "whole.db", order)
    chunked = _chunked(tmp_path / "chunked.db", order, 8)
    assert whole == chunked
    assert whole[1]["interactions"] == 90 and [s["line"] for s in whole[1]["skipped"]] == [7, 93]
    assert whole[3]["interactions"] == 0  # known by key, across chunks
    assert checksum(tmp_path / "whole.db", ("imports",)) == checksum(tmp_path / "chunked.db", ("imports",))


def test_outlook_birthday_order_is_decided_by_the_whole_file(tmp_path):
    """Ambiguous 3/4/1990 birthdays early on, the one that tells (3/25/1990) in the last chunk."""
    rows = ["First Name,Last Name,E-mail Address,Birthday"]
    rows += [f"Amb{i},Doe,amb{i}@x.example,3/4/19{70 + i}" for i in range(20)]
    rows += ["Tells,Doe,tells@x.example,3/25/1990"]
    path = tmp_path / "outlook.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    chunks = list(iter_batches(path, "outlook", chunk=4))
    assert len(chunks) > 4
    birthdays = {p.name: p.birthday for c in chunks for p in c.people}
    assert birthdays["Amb0 Doe"] == "1970-03-04" and birthdays["Tells Doe"] == "1990-03-25"
    assert birthdays == {p.name: p.birthday for p in parse(path, "outlook").people}
    # no birthday tells: every ambiguous one is warned about, after the rest, as before
    path.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")
    chunks = list(iter_batches(path, "outlook", chunk=4))
    assert [w for c in chunks for w in c.extra.get("warnings", [])] == parse(path, "outlook").extra["warnings"]
    assert all(p.birthday is None for c in chunks for p in c.people)


def test_strict_failure_in_the_last_chunk_leaves_the_store_unchanged(tmp_path, checksum):
    db = tmp_path / "garden.db"
    with Store(db) as store:
        store.add_person("Jane Doe", emails=["jane@x.example"])
    before = checksum(db)
    bad = _linkedin(tmp_path / "Connections.csv", 100, tail="Late,Row,https://www.linkedin.com/in/late,,,,32 Foo 2025\r\n")
    with Store(db) as store:
        with pytest.raises(RecordError):  # the importer's own strictness
            store.apply_stream(iter_batches(bad, strict=True, chunk=10), strict=True)
    assert checksum(db) == before
    # a skip the importer does not see strictly, at the very end: the store's strictness
    inter = tmp_path / "interactions.csv"
    inter.write_text("date,kind,with,summary\n" + "".join(f"2026-01-{1 + i % 28:02d},call,jane@x.example,call {i}\n"
                                                          for i in range(50))
                     + "2026-02-01,call,nobody@x.example,\n", encoding="utf-8")
    with Store(db) as store:
        with pytest.raises(RecordError, match="nobody@x.example"):
            store.apply_stream(iter_batches(inter, chunk=10), strict=True)
        assert store.counts()["interactions"] == 0 and store.counts()["imports"] == 0
    assert checksum(db) == before


def test_a_broken_file_found_in_the_last_chunk_leaves_the_store_unchanged(tmp_path, checksum):
    db = tmp_path / "garden.db"
    Store(db).close()
    before = checksum(db)
    bad = _linkedin(tmp_path / "Connections.csv", 100, tail='Open,"Quote,https://www.linkedin.com/in/q,,,,01 Mar 2025\r\n')
    with Store(db) as store:
        with pytest.raises(ImportFileError, match="never closed"):
            store.apply_stream(iter_batches(bad, chunk=10))
    assert checksum(db) == before


def test_the_cli_import_streams(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("import_file held the whole batch")

    monkeypatch.setattr(Store, "apply", refuse)
    path = _linkedin(tmp_path / "Connections.csv", 50)
    with Store(tmp_path / "garden.db") as store:
        report = store.import_file(path, today=TODAY)
    assert report.added == 50 and len(report.skipped) == 2
