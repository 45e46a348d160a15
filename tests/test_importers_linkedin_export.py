"""LinkedIn's full export: the ZIP and its files. Expected values read off the fixtures in
tests/data/import/linkedin_export/ by hand (owner: Sam Rivera)."""

import datetime as dt
import json
import sqlite3
import zipfile

import pytest

from netlib.errors import ImportFileError, RecordError
from netlib.importers import detect, parse
from netlib.importers.linkedin_files import parse_date, slash_order
from privacy import EXPORT, cli, export_zip, secret_lines, stored_bytes

JANE, OMAR, LENA = ("https://www.linkedin.com/in/" + s for s in ("jane-doe", "omarhaddad", "lena-park"))
KOFI, PRIYA, JOSE = ("profile:https://www.linkedin.com/in/" + s for s in ("kofi-mensah", "priya-nair-1a2b3c",
                                                                         "jose-garcia"))


def _by_key(batch):
    return {i.key: i for i in batch.interactions}


def test_the_zip_is_detected_and_every_file_read(tmp_path):
    archive = export_zip(tmp_path)
    assert detect(archive) == "linkedin"
    batch = parse(archive)
    assert [p.key for p in batch.people] == [JANE, OMAR, LENA, KOFI, PRIYA, JOSE]
    assert [p.name for p in batch.people[3:]] == ["Kofi Mensah", "Priya Nair", "José García"]  # mojibake undone
    assert batch.settings == {"owner_name": "Sam Rivera"}  # from Profile.csv, the setting being empty
    got = {k: (str(i.date), i.kind, i.direction, i.people) for k, i in _by_key(batch).items()}
    assert got["msg:2-c1:2026-11-20"] == ("2026-11-20", "message", "both", [JANE])  # she wrote, you answered
    assert got["msg:2-c1:2026-11-22"] == ("2026-11-22", "message", "out", [JANE])
    assert got["msg:2-c2:2026-10-01"] == ("2026-10-01", "message", "out", [PRIYA])  # you wrote: a person
    assert got["msg:2-c3:2026-09-10"] == ("2026-09-10", "message", "both", [LENA, OMAR, JOSE])  # a group
    assert got["msg:2-c4:2026-08-01"][2:] == ("in", ["?linkedin:https://www.linkedin.com/in/rita-recruiter"])
    assert got["msg:2-c6:2026-07-15"] == ("2026-07-15", "message", "in", [OMAR])
    assert not [k for k in got if "2-c5" in k or "2-c7" in k]  # SPAM folder; a bad date
    assert got[f"inv:{KOFI[8:]}:2024-08-06"] == ("2024-08-06", "invitation", "out", [KOFI])
    assert got[f"inv:{JANE}:2024-11-25"] == ("2024-11-25", "invitation", "in", [JANE])
    assert got["inv:https://www.linkedin.com/in/stranger:2024-12-01"][3] == ["?linkedin:https://www.linkedin.com/in/stranger"]
    assert got["rec-in:omar haddad:2025-04-14"] == ("2025-04-14", "help_received", "in", ["name:Omar Haddad"])
    assert got["rec-out:lena park:2026-04-02"] == ("2026-04-02", "help_given", "out", ["name:Lena Park"])
    endorsed = _by_key(batch)[f"endorse-in:{JANE}:2024-10-24"]  # two skills the same day: one interaction
    assert (endorsed.kind, endorsed.summary) == ("help_received", "endorsed you for User Research, Prototyping")
    assert got[f"endorse-out:{OMAR}:2025-01-05"] == ("2025-01-05", "help_given", "out", [OMAR])
    assert all(i.summary is None for i in batch.interactions if i.kind in ("message", "invitation"))
    ties = {(t.a, t.b): t.weight for t in batch.ties}
    assert ties == {(LENA, OMAR): 0.5, (LENA, JOSE): 0.5, (OMAR, JOSE): 0.5}  # 1/(3-1), by hand
    assert [str(s) for s in batch.skipped] == [
        "Basic_LinkedInDataExport_11-30-2026.zip:messages.csv:14: 'DATE' is 'yesterday', expected a date like "
        "'2026-11-20 14:30:11 UTC'",
        "Basic_LinkedInDataExport_11-30-2026.zip:Invitations.csv:5: 'Sent At' is '13/45/24, 1:00 PM', expected a "
        "date like '8/6/24, 3:15 PM'",
    ]
    assert batch.extra["notes"] == ["not read (nothing in them for the garden): Ad_Targeting.csv, Skills.csv",
                                    "left out: 1 messages in the SPAM folder"]


def test_owner_name_setting_is_kept_and_files_in_a_subfolder(tmp_path):
    batch = parse(export_zip(tmp_path, prefix="Export/"), owner_name="Sam R.")
    assert batch.settings == {}  # your own setting stays; Profile.csv still names you
    assert _by_key(batch)["msg:2-c2:2026-10-01"].direction == "out"


def test_messages_alone_need_to_know_who_you_are(tmp_path):
    single = tmp_path / "messages.csv"
    single.write_bytes((EXPORT / "messages.csv").read_bytes())
    assert detect(single) == "linkedin"
    by_name = parse(single, owner_name="Sam Rivera")
    assert _by_key(by_name)["msg:2-c1:2026-11-20"].direction == "both"
    # no Connections.csv beside it: everyone you wrote to is made from the messages, in file order
    assert [p.key for p in by_name.people] == ["profile:" + JANE, PRIYA, "profile:" + LENA, "profile:" + OMAR, JOSE]
    # without a name: you are the one participant in every conversation
    inferred = parse(single)
    assert [(i.key, i.direction) for i in inferred.interactions] == [
        (i.key, i.direction) for i in by_name.interactions]
    two = tmp_path / "two" / "messages.csv"
    two.parent.mkdir()
    lines = single.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    two.write_text("".join(lines[:6]), encoding="utf-8")  # one conversation: either of two could be you
    with pytest.raises(ImportFileError, match="which participant is you") as err:
        parse(two)
    assert "netlib settings owner_name" in str(err.value)


def test_dates_in_each_files_own_format():
    assert parse_date("2026-11-20 14:30:11 UTC") == dt.date(2026, 11, 20)
    assert parse_date("2024/10/24 14:11:21 UTC") == dt.date(2024, 10, 24)
    assert parse_date("8/6/24, 3:15 PM") == dt.date(2024, 8, 6)  # LinkedIn writes month first
    assert parse_date("8/6/24, 3:15 PM", "dm") == dt.date(2024, 6, 8)
    assert parse_date("04/14/09, 09:42 AM") == dt.date(2009, 4, 14)
    assert parse_date("25 Nov 2024") == dt.date(2024, 11, 25)
    assert parse_date("31 Foo 2024") is None and parse_date("2/30/24, 1:00 PM") is None
    assert slash_order(["8/6/24, 3:15 PM", "25/11/24, 9:05"]) == "dm"  # a day over 12 decides, for the file
    assert slash_order(["8/6/24, 3:15 PM", "11/25/24, 9:05 AM"]) == "md"
    assert slash_order(["8/6/24, 3:15 PM"]) == "md"


def test_day_first_invitations_are_read_day_first(tmp_path):
    inv = tmp_path / "Invitations.csv"
    inv.write_text("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                   'Sam Rivera,Kofi Mensah,"8/6/24, 15:15",,OUTGOING,,https://www.linkedin.com/in/kofi\n'
                   'Sam Rivera,Ada Obi,"25/11/24, 09:05",,OUTGOING,,https://www.linkedin.com/in/ada\n',
                   encoding="utf-8")
    assert [i.date for i in parse(inv).interactions] == [dt.date(2024, 6, 8), dt.date(2024, 11, 25)]


def test_recommendation_files_need_their_names(tmp_path):
    rec = tmp_path / "recs.csv"
    rec.write_bytes((EXPORT / "Recommendations_Given.csv").read_bytes())
    with pytest.raises(ImportFileError, match="Recommendations_Received.csv or Recommendations_Given.csv"):
        parse(rec, "linkedin")


def test_strict_stops_at_the_first_bad_record(tmp_path):
    with pytest.raises(RecordError, match="messages.csv:14"):
        parse(export_zip(tmp_path), strict=True)


def test_a_member_with_foreign_columns_is_named_not_read(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("messages.csv", "FROM,TO\nx,y\n")
        zf.write(EXPORT / "Connections.csv", "Connections.csv")
    batch = parse(archive)
    assert len(batch.people) == 3
    assert batch.extra["notes"] == ["not read (nothing in them for the garden): messages.csv (not LinkedIn's columns)"]


def test_cli_import_store_people_and_no_text(tmp_path):
    archive = export_zip(tmp_path)
    db = tmp_path / "garden.db"
    run = cli("--store", db, "import", archive, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "6 people added" in run.stdout
    assert "not read (nothing in them for the garden): Ad_Targeting.csv, Skills.csv" in run.stdout
    assert "interactions left out: nobody in them is in your garden yet" in run.stdout  # recruiter, stranger
    assert "messages.csv:14" in run.stderr and "no person named 'Unknown Person'" in run.stderr
    con = sqlite3.connect(db)
    names = sorted(r[0] for r in con.execute("SELECT name FROM people"))
    assert names == ["Jane Doe", "José García", "Kofi Mensah", "Lena Park", "Omar Haddad", "Priya Nair"]
    assert json.loads(con.execute("SELECT value FROM settings WHERE key='owner_name'").fetchone()[0]) == "Sam Rivera"
    rows = con.execute("""SELECT i.date, i.kind, i.direction, p.name FROM interactions i
                          JOIN participants x ON x.interaction_id = i.id JOIN people p ON p.id = x.person_id
                          WHERE i.kind IN ('message', 'help_given', 'help_received', 'invitation')
                          ORDER BY i.date, p.name""").fetchall()
    assert ("2025-04-14", "help_received", "in", "Omar Haddad") in rows  # matched by name
    assert ("2026-04-02", "help_given", "out", "Lena Park") in rows
    assert ("2026-09-10", "message", "both", "José García") in rows
    assert ("2026-07-15", "message", "in", "Omar Haddad") in rows
    assert ("2024-08-06", "invitation", "out", "Kofi Mensah") in rows
    assert con.execute("SELECT COUNT(*) FROM ties WHERE kind='coattendance'").fetchone()[0] == 3
    jose = con.execute("SELECT id FROM people WHERE name='José García'").fetchone()[0]
    con.close()
    show = cli("--store", db, "people", "show", jose)
    assert show.returncode == 0 and "linkedin from Basic_LinkedInDataExport_11-30-2026.zip" in show.stdout
    assert "2026-09-10  message" in show.stdout
    data = stored_bytes(db)
    leaked = [line for line in secret_lines() if line.encode("utf-8") in data]
    assert not leaked


def test_reimport_changes_nothing_and_matches_connections_by_url(tmp_path, checksum):
    archive = export_zip(tmp_path)
    db = tmp_path / "garden.db"
    first = cli("--store", db, "import", EXPORT / "Connections.csv")  # the connections first, alone
    assert first.returncode == 0, first.stderr
    assert cli("--store", db, "import", archive).returncode == 0
    before = checksum(db, skip=("imports",))
    again = cli("--store", db, "import", archive)
    assert "0 people added, 0 updated, 6 unchanged; 0 interactions, 0 events, 0 ties added" in again.stdout
    assert checksum(db, skip=("imports",)) == before
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 6  # no connection twice
    con.close()


def test_hostile_member_names_reach_the_terminal_escaped(tmp_path):
    archive = export_zip(tmp_path, files={"Connections.csv"})
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("\x1b]52;c;aGk=\x07evil.csv", "x\n")
    run = cli("--store", tmp_path / "g.db", "import", archive)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\\x1b]52;c;aGk=\\x07evil.csv" in run.stdout


def test_a_broken_member_fails_the_whole_import_with_one_line(tmp_path):
    archive = export_zip(tmp_path, files={"Connections.csv"})
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("messages.csv", (EXPORT / "messages.csv").read_text(encoding="utf-8-sig")
                    .replace("BODY BAD DATE", '"BODY NEVER CLOSED'))
    db = tmp_path / "g.db"
    run = cli("--store", db, "import", archive)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [
        f"netlib: error: {archive.name}:messages.csv:14: a quoted cell starts on this line and is never closed, "
        "so the rest of the file would be read as one cell (close the quote, or write a quote inside a cell as "
        'two (""))']
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0  # nothing landed


def test_skipped_connections_name_the_file_inside_the_zip(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Connections.csv", (EXPORT / "Connections.csv").read_text(encoding="utf-8-sig") + ",,,,,,01 Sep 2026\r\n")
    assert [str(s) for s in parse(archive).skipped] == [
        "export.zip:Connections.csv:8: a hidden member: LinkedIn exports only the date for members who hide their "
        "connections, so there is no one to import"]


def test_a_damaged_member_of_the_export_is_one_line(tmp_path):
    """Corrupt deflate data in messages.csv: one line naming the ZIP and the member, no traceback."""
    archive = tmp_path / "export.zip"
    body = (EXPORT / "messages.csv").read_bytes() * 20
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(EXPORT / "Connections.csv", "Connections.csv")
        zf.writestr("messages.csv", body)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("messages.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + 60):  # damage the compressed bytes, not the headers
        data[k] ^= 0x5A
    archive.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"export.zip:messages.csv: cannot be read from the ZIP"):
        parse(archive)


def test_an_export_member_too_big_to_unpack_is_refused_before_reading(tmp_path, monkeypatch):
    from netlib.importers import linkedin_export

    monkeypatch.setattr(linkedin_export, "MAX_EXPORT_MEMBER", 1000)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(EXPORT / "Connections.csv", "Connections.csv")
        zf.writestr("messages.csv", (EXPORT / "messages.csv").read_bytes() + b"\n" * 5000)
    with pytest.raises(ImportFileError, match=r"messages.csv: would unpack to [\d,]+ bytes"):
        parse(archive)
