"""Correcting people in a real store: edit, merge and split, delete, undo, duplicates, search."""

import datetime as dt

import pytest

from netlib.errors import NotFoundError, ValidationError
from netlib.store import Store


def _everything(store):
    """Every table's rows (undo's own and the merge record left out): what a person sees."""
    con = store.con
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        if table.startswith("undo_") or table in ("merges", "sqlite_sequence"):
            continue
        out[table] = sorted(map(repr, con.execute(f"SELECT * FROM {table}")))
    return out


@pytest.fixture
def garden(tmp_path):
    """Two records of Rafael (as `event met --add` makes them), a friend, an event and ticks."""
    with Store(tmp_path / "g.db") as s:
        rafa = s.add_person("Rafael Costa", company="Costa Health", tags=["design"], notes="letterpress fan",
                            since=dt.date(2025, 3, 1))
        dup = s.add_person("Rafael", emails=["rafael@costa.example"], tags=["ux", "design"], since=dt.date(2026, 1, 5))
        lena = s.add_person("Lena Park", emails=["lena@park.example"], company="Globex")
        s.edit_person(dup, add_phones=["+1 555 0101"], position="Designer", notes="met at the meetup")
        s.edit_person(rafa, add_phones=["+1 555 0101"])
        s.add_event("UX Columbus Meetup", dt.date(2026, 5, 2))
        s.met("UX Columbus Meetup", [dup, lena], learned="moving to Lisbon")
        s.met("UX Columbus Meetup", [rafa])
        s.log([dup, lena], "coffee", dt.date(2026, 5, 9), "talked about letterpress")
        s.log([dup], "call", dt.date(2026, 6, 1), "portfolio review")
        s.log([rafa], "email", dt.date(2026, 4, 1), "hello")
        s.add_tie(dup, lena, since=dt.date(2026, 5, 2))
        s.set_checklist_state(f"water:p{dup}", "2026-06", "done", at=dt.date(2026, 6, 2))
        s.set_checklist_state(f"weave:p{lena}:p{dup}", "2026-06", "snoozed", until=dt.date(2026, 6, 20), at=dt.date(2026, 6, 2))
        s.ids = (rafa, dup, lena)
        yield s


def test_merge_moves_everything_and_split_gives_back_both_exactly(garden):
    rafa, dup, lena = garden.ids
    before = _everything(garden)
    people_before = {pid: garden.person(pid) for pid in (rafa, dup)}
    [merge] = garden.merge_people(rafa, dup)
    kept = garden.person(rafa)
    assert kept["emails"] == ["rafael@costa.example"]
    assert kept["tags"] == ["design", "ux"]
    assert kept["position"] == "Designer" and kept["company"] == "Costa Health"
    assert kept["notes"] == "letterpress fan\nmet at the meetup"
    assert kept["since"] == "2025-03-01"
    assert len(kept["interactions"]) == 4  # both met at the meetup: one meeting; and 3 logged
    assert [m["other_id"] for m in kept["merges"]] == [dup]
    assert {s["kind"] for s in kept["sources"]} == {"manual"}
    assert [s["matched_by"] for s in kept["sources"]][-1] == "merge"
    with pytest.raises(NotFoundError):
        garden.find_person(dup)
    assert garden.con.execute("SELECT COUNT(*) FROM ties WHERE a=? OR b=?", (rafa, rafa)).fetchone()[0] == 1
    keys = {k for (k,) in garden.con.execute("SELECT key FROM checklist")}
    assert keys == {f"water:p{rafa}", f"weave:p{lena}:p{rafa}"}
    source = kept["sources"][-1]["id"]
    back = garden.split(rafa, source)
    assert back == dup
    assert _everything(garden) == before
    assert {pid: garden.person(pid) for pid in (rafa, dup)} == people_before


def test_delete_then_undo_gives_back_the_same_person(garden):
    rafa, dup, lena = garden.ids
    garden.command = "people delete"
    before, person = _everything(garden), garden.person(dup)
    out = garden.delete_person(dup)
    assert out["interactions_deleted"] == 2 and out["interactions_kept"] == 1  # their meetup and call; the coffee
    lena_now = garden.person(lena)
    assert any(i["summary"] == "talked about letterpress" for i in lena_now["interactions"])
    assert garden.con.execute("SELECT COUNT(*) FROM checklist").fetchone()[0] == 0
    garden.undo()
    assert _everything(garden) == before
    assert garden.person(dup) == person


def test_edit_each_field_and_undo_each(garden):
    rafa, dup, lena = garden.ids
    before = _everything(garden)
    garden.edit_person(rafa, name="Rafael Costa-Silva", company="Costa Health Ltd", birthday="03-14",
                       linkedin_url="linkedin.com/in/rcosta", add_emails=["R@Costa.org"], add_tags=["mentor"],
                       remove_tags=["design"], append_notes="likes jazz", ring_override=2, cadence_override=30,
                       remove_phones=["+1 555 0101"])
    p = garden.person(rafa)
    assert (p["name"], p["company"], p["birthday"]) == ("Rafael Costa-Silva", "Costa Health Ltd", "--03-14")
    assert p["linkedin_url"] == "https://www.linkedin.com/in/rcosta"
    assert p["emails"] == ["r@costa.org"] and p["tags"] == ["mentor"] and p["phones"] == []
    assert p["notes"] == "letterpress fan\nlikes jazz" and p["ring_override"] == 2
    assert garden.find_person("RAFAEL COSTA-SILVA") == rafa
    garden.edit_person(rafa, ring_override=None)
    assert garden.person(rafa)["ring_override"] is None
    with pytest.raises(ValidationError, match="belongs to person"):
        garden.edit_person(rafa, add_emails=["lena@park.example"])
    with pytest.raises(ValidationError):
        garden.edit_person(rafa, ring_override=9)
    garden.undo()
    garden.undo()
    assert _everything(garden) == before


def test_undo_keeps_the_last_twenty_and_survives_the_process(tmp_path):
    path = tmp_path / "g.db"
    with Store(path) as s:
        for i in range(25):
            s.command = f"people add {i}"
            s.add_person(f"Person {i}")
    with Store(path) as s:  # a new process, in effect: only the file carries the log
        steps = s.undo_steps()
        assert len(steps) == 20 and steps[0]["command"] == "people add 24"
        s.undo()
        assert s.counts()["people"] == 24
        assert s.undo_steps()[0]["command"] == "people add 23"


def test_add_refuses_a_second_person_of_the_same_name(garden):
    with pytest.raises(ValidationError, match="Lena Park .id 3, Globex. is already"):
        garden.add_person("Lena Park", company="Globex")
    with pytest.raises(ValidationError):
        garden.add_person("lena  park")
    assert garden.add_person("Lena Park", company="Initech")  # another company: another person
    assert garden.add_person("Lena Park", company="Globex", new=True)


def test_search_reaches_notes_summaries_learned_and_phones(garden):
    rafa, dup, lena = garden.ids
    ids = lambda text: {p["id"] for p in garden.people(search=text)}
    assert ids("letterpress") == {rafa, dup, lena}  # notes, and the coffee's summary
    assert ids("portfolio") == {dup}
    assert ids("lisbon") == {dup, lena}
    assert ids("555-0101") == {rafa, dup}
    assert {p["id"] for p in garden.people(tag="UX")} == {dup}


def test_names_without_accents_with_nicknames_and_did_you_mean(store):
    cathy = store.add_person("Catherine (Cathy) Nguyen")
    jose = store.add_person("José Ñúñez")
    priya = store.add_person("Priya Raman")
    assert store.find_person("Cathy Nguyen") == cathy
    assert store.find_person("Catherine Nguyen") == cathy
    assert store.find_person("jose nunez") == jose
    assert [p["id"] for p in store.people(search="Jose Nunez")] == [jose]
    with pytest.raises(NotFoundError, match=rf"did you mean Priya Raman \(id {priya}\)\?"):
        store.find_person("Priya Ramen")


def test_duplicates_on_hand_built_pairs(store):
    add = store.add_person
    a = add("Rafael Costa", company="Costa Health")
    b = add("Rafael", emails=["rafael@costa.example"])
    c = add("Catherine (Cathy) Nguyen", company="Initech")
    d = add("Cathy Nguyen")
    e = add("John Q. Smith", company="Acme")
    f = add("John Smith", company="Acme Inc.", new=True)
    g = add("Jonathan Whitaker", company="Globex")
    h = add("Jonathon Whitaker", company="Globex")
    i = add("Mia Lopez", company="Umbrella")
    j = add("Mia Chen", company="Umbrella")  # only a first name in common
    k = add("Mia Lopez", company="Hooli")  # the same name at another company: said so
    l = add("Sam Oduya", emails=["sam.oduya@x.example"])
    m = add("Sam Oduya", company="Vandelay", new=True)
    n = add("Ann Lee")
    o = add("Bo Kim")
    store.edit_person(n, linkedin_url="https://linkedin.com/in/annlee")
    store.con.execute("UPDATE people SET linkedin_url='https://www.linkedin.com/in/annlee' WHERE id=?", (o,))
    found = {(x["a"]["id"], x["b"]["id"]): x["reasons"] for x in store.duplicates()}
    assert set(found) == {(a, b), (c, d), (e, f), (g, h), (i, k), (l, m), (n, o)}, found
    assert found[(i, k)] == ["same name, at different companies (Umbrella, Hooli)"]
    assert not any(j in pair for pair in found)  # Mia Chen only shares a first name
    assert found[(a, b)] == ["the email rafael@costa.example reads as the name Rafael Costa"]
    assert found[(c, d)] == ["same name with a nickname"]
    assert found[(e, f)] == ["same name with a middle initial"]
    assert found[(g, h)][0].startswith("near-identical names at the same company")
    assert "same LinkedIn URL" in found[(n, o)][0]
    store.merge_people(a, b)
    [merged] = store.merges(a)
    store.unmerge(merged["id"])
    assert (a, b) not in {(x["a"]["id"], x["b"]["id"]) for x in store.duplicates()}  # split: you said two people


def test_the_explore_notebook_can_merge_edit_delete_and_undo(garden):
    from netlib.explore import FixForm

    rafa, dup, lena = garden.ids
    form = FixForm(garden)
    form.action.value, form.people.value = "merge", f"{rafa}, {dup}"
    assert form.save() and [m["other_id"] for m in garden.merges(rafa)] == [dup]
    form.action.value, form.people.value, form.field.value, form.value.value = "edit", "Lena Park", "company", "<b>Initech"
    form.save()
    assert garden.person(lena)["company"] == "<b>Initech"
    form.action.value = "undo"
    assert form.save() == "undid explore: edit Lena Park"
    assert garden.person(lena)["company"] == "Globex"
    form.action.value, form.people.value = "delete", "Nobody Here"
    assert form.save() is None and "Not changed" in form.message.value
    assert garden.undo_steps()[0]["command"] == f"explore: merge {rafa}, {dup}"


def test_undo_of_imports_gives_back_the_store_exactly(garden, checksum):
    from netlib.paths import SAMPLE_DIR

    garden.set_setting("owner_emails", ["alex.morgan@example.com"])
    before = checksum(garden.path)
    for name in ("Connections.csv", "contacts.vcf", "calendar.ics"):  # merges into people already there
        garden.command = f"import {name}"
        garden.import_file(SAMPLE_DIR / name)
    assert garden.counts()["people"] > 100
    for _ in range(3):
        garden.undo()
    assert checksum(garden.path) == before
    assert garden.con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_library_calls_name_their_undo_steps(tmp_path, capsys):
    """`netlib undo --list` said "library call" for every step a notebook or the demo made."""
    from pathlib import Path

    from netlib.cli import main

    data = Path(__file__).parent / "data" / "import"
    with Store(tmp_path / "g.db") as s:
        s.import_file(data / "Connections.csv")
        dana = s.add_person("Dana Lee")
        s.edit_person(dana, company="Acme")
        with s.transaction():  # several calls in one step: the first named one names it
            s.log([dana], "coffee", dt.date(2026, 5, 9))
            s.add_tie(dana, 1)
        s.set_setting("owner_name", "Me")
        assert [step["command"] for step in s.undo_steps()] == [
            "set owner_name", f"log coffee with {dana}", f"edit person {dana}", "add person Dana Lee",
            "import Connections.csv"]
    assert main(["people", "add", "Lena Park", "--store", str(tmp_path / "g.db")]) == 0
    assert main(["undo", "--list", "--store", str(tmp_path / "g.db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  netlib people add Lena Park  (" in lines[-6] and "  import Connections.csv  (" in lines[-1]
    assert not any("library call" in line for line in lines)


def test_a_forgotten_big_step_is_forgotten_a_part_at_a_time(tmp_path):
    """Past the last 20 commands, the log of a big import is deleted at most 10,000 rows (or
    what the new command itself wrote) at a time: a small edit never pays for all of it."""
    path = tmp_path / "people.csv"
    path.write_text("name,emails,notes\n" + "".join(f"Person {i},p{i}@x.example,n\n" for i in range(6000)))
    with Store(tmp_path / "g.db") as s:
        s.import_file(path)
        big = s.con.execute("SELECT COUNT(*) FROM undo_log").fetchone()[0]
        assert big > 10_000
        companies = [f"Acme {i}" for i in range(20)]
        for company in companies:  # the import is now the 21st command back: forgotten
            s.edit_person(1, company=company)
        rows = lambda: s.con.execute("SELECT COUNT(*) FROM undo_log").fetchone()[0]  # noqa: E731
        left = rows()
        assert 0 < left - 20 <= big - 10_000  # (each edit writes one row)
        while left > 20:
            companies.append(f"Acme {left}")
            s.edit_person(1, company=companies[-1])
            assert 20 <= rows() < left
            left = rows()
        assert len(s.undo_steps()) == 20
        for _ in range(20):  # every kept step still undoes
            s.undo()
        assert s.person(1)["company"] == companies[-21] and s.counts()["people"] == 6000
