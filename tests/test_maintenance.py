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
