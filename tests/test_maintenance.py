"""netlib check: a healthy store says so; damage and duplicates are named."""


from netlib.cli import main
from netlib.store.maintenance import check


def test_healthy_store_has_no_problems(store):
    store.add_person("Jane Doe", emails=["jane@x.example"])
    assert check(store) == []


def test_duplicates_and_orphans_are_named(store):
    a = store.add_person("Jane Doe", company="Acme")
    b = store.add_person("jane  doe", company="Initech")
    store.con.execute("INSERT INTO interactions(date, kind) VALUES ('2026-11-01', 'coffee')")
    lines = check(store)
    assert any(line.startswith("warning: 1 interaction has no people") for line in lines)
    assert any(f"(id {a}) and jane  doe (id {b}) may be one person (same name, at different companies" in line
               for line in lines if line.startswith("note:"))


def test_you_are_flagged_when_you_are_a_person(store):
    store.set_setting("owner_emails", ["me@x.example"])
    me = store.add_person("Me", emails=["ME@x.example"])
    assert f"warning: person {me} (Me) is you (me@x.example)" in "\n".join(check(store))


def test_check_command_exit_codes(tmp_path, capsys):
    db = str(tmp_path / "g.db")
    main(["init", "--store", db])
    assert main(["check", "--store", db]) == 0
    assert "healthy" in capsys.readouterr().out


def test_the_quick_check_is_left_out_only_while_the_files_are_as_netlib_left_them(tmp_path):
    """SQLite's quick check reads the whole file (half a second at 30,000 people), so it is left
    out while the store's files are as a checked netlib closed them; any other change to them,
    even one that puts the modification time back, brings it back (issue 13's speed, issue
    14's refusal of a damaged store)."""
    import os
    import sqlite3

    import pytest

    from netlib.errors import StoreError
    from netlib.store.core import Store
    from netlib.store.maintenance import quick_check

    path = tmp_path / "g.db"
    with Store(path) as s:
        s.add_person("Dana Lee", notes="n" * 5000)

    def checked_in_full() -> bool:
        statements = []
        with Store(path) as s:
            s.con.set_trace_callback(statements.append)
            quick_check(s)
            s.edit_person(1, company=f"Acme {len(os.listdir(tmp_path))}")  # netlib's own write
        return any("quick_check" in sql for sql in statements)

    assert checked_in_full()  # never checked before
    assert not checked_in_full()  # as netlib left it, its own write included
    assert not checked_in_full()
    other = sqlite3.connect(path)  # another program writes to it
    other.execute("UPDATE people SET notes = 'x'")
    other.commit()
    assert checked_in_full()  # (with its write still in the log)
    other.close()
    assert checked_in_full()  # (and with it written into the file)
    assert not checked_in_full()
    # damage, with the size and the modification time put back as they were
    before = os.stat(path)
    with open(path, "r+b") as fh:
        fh.seek(before.st_size - 4096)
        fh.write(b"\xff" * 4096)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(StoreError, match="damaged"):
        checked_in_full()


def test_a_change_while_a_checked_store_is_open_is_not_taken_for_netlib_s_own(tmp_path):
    """Closing a checked store notes its files as checked only when they are still the file it
    checked, and no other connection wrote meanwhile: a sync tool that puts a damaged copy in
    its place, or another program's write, during a long explore session brings the full
    check back next time."""
    import os
    import shutil
    import sqlite3

    import pytest

    from netlib.errors import StoreError
    from netlib.store.core import Store
    from netlib.store.maintenance import quick_check

    path = tmp_path / "g.db"
    with Store(path) as s:
        s.add_person("Dana Lee", notes="n" * 5000)
    with Store(path) as s:
        quick_check(s)
    bad = tmp_path / "copy.db"
    shutil.copy(path, bad)
    with open(bad, "r+b") as fh:
        fh.seek(os.path.getsize(bad) - 4096)
        fh.write(b"\xff" * 4096)
    s = Store(path)
    quick_check(s)  # (left out: as netlib left it)
    os.replace(bad, path)  # replaced while open
    s.close()
    with pytest.raises(StoreError, match="damaged"), Store(path) as again:
        quick_check(again)

    path = tmp_path / "h.db"
    with Store(path) as s:
        s.add_person("Dana Lee")
    s = Store(path)
    quick_check(s)
    other = sqlite3.connect(path)
    other.execute("UPDATE people SET notes = 'x'")
    other.commit()
    other.close()
    s.close()
    statements = []
    with Store(path) as again:
        again.con.set_trace_callback(statements.append)
        quick_check(again)
    assert any("quick_check" in sql for sql in statements)
