"""Email from an mbox file, headers only. Expected values read off tests/data/import/mail.mbox by
hand (you: sam.rivera@example.com and sam@rivera.example)."""

import datetime as dt
import io
import sqlite3

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import detect, mail_headers, parse
from privacy import MBOX, cli, secret_lines, stored_bytes

ME = ("sam.rivera@example.com", "sam@rivera.example")
GUESTS = [f"guest{i:02d}@party.example" for i in range(1, 13)]


def _summary(batch):
    return sorted((str(i.date), i.key.split(":", 2)[2], i.direction, i.people[0]) for i in batch.interactions)


def test_people_interactions_ties_and_skips():
    assert detect(MBOX) == "mbox"
    batch = parse(MBOX, me=ME)
    people = {p.key: p.name for p in batch.people}
    # only addresses you wrote to; names decoded, 'Okafor, Amara' turned round; case folded
    assert people == {"email:jane.doe@example.com": "Jane Döe", "email:amara@okafor.example": "Amara Okafor",
                      "email:marcus.oneil@example.com": "Marcus Oneil",
                      **{f"email:{g}": f"Guest {int(g[5:7])}" for g in GUESTS}}
    assert _summary(batch) == sorted([
        ("2026-11-19", "jane.doe@example.com", "both", "email:jane.doe@example.com"),  # you wrote, she replied
        ("2026-11-19", "amara@okafor.example", "out", "email:amara@okafor.example"),
        ("2026-11-20", "bjorn@berg.example", "in", "?email:bjorn@berg.example"),  # never written to: optional
        ("2026-11-21", "marcus.oneil@example.com", "out", "email:marcus.oneil@example.com"),  # second address
        *[("2026-11-23", g, "out", f"email:{g}") for g in GUESTS],  # the mass mail: interactions...
        ("2026-11-25", "jane.doe@example.com", "in", "email:jane.doe@example.com"),  # the big attachment
    ])
    assert all(i.kind == "email" and i.summary is None for i in batch.interactions)
    # ...but no ties among the twelve; Jane and Amara were on the same thread (1/(2-1) = 1)
    assert [(t.a, t.b, t.weight, t.kind) for t in batch.ties] == [
        ("email:amara@okafor.example", "email:jane.doe@example.com", 1.0, "coattendance")]
    assert [str(s) for s in batch.skipped] == [
        "mail.mbox:116: message 11 has no Date header, so it cannot be dated",
        "mail.mbox:124: message 12 has the Date 'Tue, 31 Feb 2026 10:00:00 +0000', which is not a real date",
    ]
    assert batch.extra["notes"] == ["6 messages read; left out: 2 spam or trash, 2 mailing lists and bulk mail, "
                                    "1 automated mail, 1 no-reply senders, 1 calendar notifications"]


def test_the_day_is_the_one_the_sender_wrote():
    batch = parse(MBOX, me=ME)  # 'Wed, 25 Nov 2026 09:00:00 -0800' is 17:00 UTC: the 25th either way
    assert dt.date(2026, 11, 25) in {i.date for i in batch.interactions}


@pytest.mark.parametrize("block", [7, 64, 1000, 4096])
def test_block_boundaries_change_nothing(monkeypatch, block):
    whole = parse(MBOX, me=ME)
    monkeypatch.setattr(mail_headers, "_BLOCK", block)
    assert _summary(parse(MBOX, me=ME)) == _summary(whole)
    assert [str(s) for s in parse(MBOX, me=ME).skipped] == [str(s) for s in whole.skipped]


def test_crlf_file_reads_the_same(tmp_path):
    crlf = tmp_path / "crlf.mbox"
    crlf.write_bytes(MBOX.read_bytes().replace(b"\n", b"\r\n"))
    assert _summary(parse(crlf, me=ME)) == _summary(parse(MBOX, me=ME))


def test_separators_are_lines_that_look_like_one_followed_by_a_header():
    data = MBOX.read_bytes()
    found = [(n, line) for n, line, _ in mail_headers.iter_headers(io.BytesIO(data))]
    lines = data.split(b"\n")
    starts = [i + 1 for i, text in enumerate(lines) if text.startswith(b"From ")]
    body = [i + 1 for i, text in enumerate(lines) if text.startswith((b"From what", b"From Bob"))]
    assert len(body) == 2 and any(text.startswith(b">From ") for text in lines)
    assert found == list(enumerate([s for s in starts if s not in body], start=1))
    assert len(found) == 15


def test_headers_are_decoded_and_folded():
    raw = (b"From: =?UTF-8?B?QmrDtnJu?= <B@X.example>\nTo: \"Okafor, Amara\" <a@x.example>,\n"
           b"\tLee <lee@x.example>\nSubject: secret\nX-Other: y\n")
    headers = mail_headers.parse_headers(raw)
    assert set(headers) == {"from", "to"}  # the subject is never even read
    assert mail_headers.addresses(headers["from"]) == [("b@x.example", "Björn")]
    assert mail_headers.addresses(headers["to"]) == [("a@x.example", "Amara Okafor"), ("lee@x.example", "Lee")]


def test_your_address_is_needed(tmp_path):
    with pytest.raises(ImportFileError, match="owner_emails"):
        parse(MBOX)


def test_strict_stops_at_the_first_bad_message():
    with pytest.raises(RecordError, match="message 11 has no Date"):
        parse(MBOX, me=ME, strict=True)


def test_a_file_that_is_not_an_mbox(tmp_path):
    other = tmp_path / "mail.mbox"
    other.write_text("Hello there\nFrom me\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="does not start with an mbox 'From ' line"):
        parse(other, "mbox", me=ME)


def test_cli_settings_import_people_and_no_text(tmp_path):
    db = tmp_path / "garden.db"
    assert cli("--store", db, "init").returncode == 0
    bjorn = cli("--store", db, "people", "add", "Björn Berg", "--email", "bjorn@berg.example")
    assert bjorn.returncode == 0, bjorn.stderr
    no_owner = cli("--store", db, "import", MBOX)
    assert no_owner.returncode != 0 and "netlib settings owner_emails" in no_owner.stderr
    assert len(no_owner.stderr.strip().splitlines()) == 1
    setting = cli("--store", db, "settings", "owner_emails", '["sam.rivera@example.com", "sam@rivera.example"]')
    assert setting.returncode == 0, setting.stderr
    assert cli("--store", db, "settings", "mass_mail", "20").returncode == 0
    run = cli("--store", db, "import", MBOX, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "15 people added" in run.stdout and "6 messages read" in run.stdout
    assert "mail.mbox:116: message 11 has no Date header" in run.stderr
    con = sqlite3.connect(db)
    # Björn existed: his cold email joins him; nobody else was made from mail you did not write
    assert con.execute("""SELECT i.direction FROM interactions i JOIN participants x ON x.interaction_id = i.id
                          JOIN people p ON p.id = x.person_id WHERE p.name = 'Björn Berg'""").fetchall() == [("in",)]
    assert con.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 16
    # mass_mail 20: the party of twelve now ties its guests, 12*11/2 pairs, plus Jane and Amara
    assert con.execute("SELECT COUNT(*) FROM ties").fetchone()[0] == 66 + 1
    jane = con.execute("SELECT person_id FROM emails WHERE email='jane.doe@example.com'").fetchone()[0]
    con.close()
    show = cli("--store", db, "people", "show", jane)
    assert "mbox from mail.mbox" in show.stdout and "2026-11-19  email" in show.stdout
    data = stored_bytes(db)
    assert not [line for line in secret_lines() if line.encode("utf-8") in data]


def test_reimport_and_a_newer_export_add_only_what_is_new(tmp_path, checksum):
    db = tmp_path / "garden.db"
    first = cli("--store", db, "import", "--me", ME[0], "--me", ME[1], MBOX)
    assert first.returncode == 0, first.stderr
    before = checksum(db, skip=("imports",))
    again = cli("--store", db, "import", "--me", ME[0], "--me", ME[1], MBOX)
    assert "0 people added, 0 updated, 15 unchanged; 0 interactions, 0 events, 0 ties added" in again.stdout
    assert checksum(db, skip=("imports",)) == before
    newer = tmp_path / "newer.mbox"
    newer.write_bytes(MBOX.read_bytes() + (
        b"\nFrom x Thu Nov 26 09:00:00 2026\nMessage-ID: <m16@doe.example>\nIn-Reply-To: <m13@doe.example>\n"
        b"Date: Thu, 26 Nov 2026 09:00:00 +0000\nFrom: Sam Rivera <sam.rivera@example.com>\n"
        b"To: jane.doe@example.com\nSubject: Re: slides\n\nThanks for the slides.\n"))
    run = cli("--store", db, "import", "--me", ME[0], "--me", ME[1], newer)
    assert "0 people added" in run.stdout and "1 interaction, 0 events, 0 ties added" in run.stdout


@pytest.mark.parametrize("value", [
    "Jane Doe <jane@x.example>", "jane@x.example", "a@x.example, B <b@x.example>,c@x.example",
    '"Okafor, Amara" <a@x.example>', "=?utf-8?q?Bj=C3=B6rn?= <b@x.example>", "undisclosed-recipients:;",
    "Jane (work) <jane@x.example>", "Doe, Jane <j@x.example>", "<only@x.example>", "",
])
def test_fast_address_reading_agrees_with_the_standard_library(value):
    from email.utils import getaddresses

    expected = [(a.lower(), n) for n, a in getaddresses([value]) if "@" in a]
    got = [(a, n) for a, n in mail_headers.addresses(value)]
    assert [a for a, _ in got] == [a for a, _ in expected]
    assert all(n is None or n == mail_headers.display_name(e) for (_, n), (_, e) in zip(got, expected))


def test_a_long_body_line_starting_from_is_not_read_as_a_separator(monkeypatch):
    monkeypatch.setattr(mail_headers, "_BLOCK", 512)
    data = (b"From a Mon Nov 16 10:00:00 2026\nFrom: x@y.example\n\nFrom " + b"x" * 5000 + b"\n"
            b"From b Mon Nov 16 11:00:00 2026\nFrom: z@y.example\n\nbody\n")
    assert [(n, line) for n, line, _ in mail_headers.iter_headers(io.BytesIO(data))] == [(1, 1), (2, 5)]


def test_a_mailbox_exported_folder_by_folder_adds_up(tmp_path):
    """Apple Mail and Thunderbird export one mbox per folder: Sent, then Inbox, in one command."""
    data = MBOX.read_bytes()
    lines = data.split(b"\n")
    starts = [line for _, line, _ in mail_headers.iter_headers(io.BytesIO(data))] + [len(lines) + 1]
    messages = [b"\n".join(lines[a - 1:b - 1]) for a, b in zip(starts, starts[1:])]
    sent = [m for m in messages if b"\nFrom: Sam Rivera" in m or b"\nFrom: sam@" in m]
    (tmp_path / "Sent.mbox").write_bytes(b"\n".join(sent) + b"\n")
    (tmp_path / "Inbox.mbox").write_bytes(b"\n".join(m for m in messages if m not in sent) + b"\n")
    db = tmp_path / "garden.db"
    run = cli("--store", db, "import", "--me", ME[0], "--me", ME[1], tmp_path / "Sent.mbox", tmp_path / "Inbox.mbox")
    assert run.returncode == 0, run.stderr
    con = sqlite3.connect(db)
    jane = con.execute("""SELECT i.date, i.direction FROM interactions i JOIN participants x ON x.interaction_id = i.id
                          JOIN emails e ON e.person_id = x.person_id WHERE e.email = 'jane.doe@example.com'
                          ORDER BY i.date""").fetchall()
    con.close()
    assert jane == [("2026-11-19", "both"), ("2026-11-25", "in")]  # as from the one file


def test_writing_to_a_no_reply_address_makes_nobody(tmp_path):
    box = tmp_path / "sent.mbox"
    box.write_text("From x Mon Nov 16 10:00:00 2026\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n"
                   "From: sam.rivera@example.com\nTo: No Reply <no-reply@shop.example>, kim@k.example\n\nhi\n",
                   encoding="utf-8")
    batch = parse(box, me=ME)
    assert [p.key for p in batch.people] == ["email:kim@k.example"] and len(batch.interactions) == 1


def test_mail_labelled_sent_from_an_unknown_address_is_pointed_out():
    batch = parse(MBOX, me=["sam@rivera.example"])  # the main address missing from the setting
    assert batch.extra["notes"][1] == (
        "1 messages labelled Sent are from addresses not among yours (sam.rivera@example.com): if they are "
        "yours, add them to netlib settings owner_emails and import again")
