"""Redaction under hostile input (issue 14): names written the ways the hostile tester wrote
them (joined by ``_`` or digits or a capital, without accents, with a zero-width character,
in a script without spaces, a company without its suffix) leak nowhere in what a redacted
report shows. The redacted garden is built from safe fields: event names, tags and goals
are neutral labels."""

import dataclasses
import datetime as dt
import html
import json

import pandas as pd
import pytest

from netlib.garden.goals import goal_key
from netlib.report.content import MonthlyReport
from netlib.store.core import Store

MONTH = "2026-11"
PRIVATE = ["Siobhán", "Siobhan", "Zqdoe", "李伟", "Quux", "Vrell", "Blorptech", "Harrowby", "Alex Morgan",
           "Farewell_Zqdoe", "和李伟吃饭", "ZqdoeParty", "Zqdoe2026", "Zq\u200bdoe", "mentor_Zqdoe", "bestiez",
           "climbing", "Meet Siobhán"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "garden.db"
    d = dt.date(2026, 1, 5)
    with Store(path) as s:
        s.set_setting("owner_name", "Alex Morgan")
        s.set_setting("goals", [{"text": "Meet Siobhán's friends at Blorptech", "kind": "meet",
                                 "keyword": "Blorptech", "count": 2},
                                {"text": "Go climbing with Quux", "kind": "coffee", "count": 1, "tag": "climbing"}])
        sio = s.add_person("Siobhán Zqdoe", emails=["sio@zqdoe.example"], company="Blorptech GmbH",
                           position="Head of Harrowby", tags=["mentor_Zqdoe", "climbing"], since=d)
        li = s.add_person("李伟", emails=["li@x.example"], company="Blorptech GmbH", tags=["bestiez"], since=d)
        qu = s.add_person("Ærwin Quux-Vrell", emails=["q@x.example"], since=d)
        for n, (name, who) in enumerate([("Farewell_Zqdoe", [sio, li]), ("和李伟吃饭", [li, qu]),
                                         ("ZqdoeParty", [sio, qu]), ("Zqdoe2026 kickoff", [sio, li, qu]),
                                         ("Lunch with Zq\u200bdoe", [sio]), ("Blorptech offsite", [li, qu])]):
            s.met(s.add_event(name, dt.date(2026, 10, 1 + 3 * n)), who)
        s.log(["sio@zqdoe.example", "li@x.example"], "coffee", "2026-11-03", "Siobhan and 李伟 at Blorptech")
        s.add_tie("Siobhán Zqdoe", "李伟", "knows")
    with Store(path) as s:
        return MonthlyReport.load(s, MONTH, redact=True)


def _text(value) -> str:
    """Every string a redacted report holds, whatever it is held in."""
    if isinstance(value, pd.DataFrame):
        return value.astype(str).to_csv() + " ".join(map(str, value.index))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return " ".join(_text(k) + " " + _text(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return " ".join(_text(v) for v in value)
    return str(value)


def _forms(text: str) -> set[str]:
    once = html.escape(text)
    return {f.casefold() for f in (text, once, html.escape(once), json.dumps(text)[1:-1],
                                    json.dumps(text, ensure_ascii=False)[1:-1])}


def test_nothing_private_in_the_redacted_garden_or_its_files(report):
    shown = report.garden
    blobs = {"garden": _text(shown), "snapshot": _text(shown.snapshot), **report.file_texts()}
    for where, blob in blobs.items():
        folded = blob.casefold()
        leaked = [p for p in PRIVATE if any(form in folded for form in _forms(p))]
        assert leaked == [], f"{where} leaks {leaked}"


def test_labels_replace_what_you_wrote(report):
    g = report.garden
    assert sorted(g.snapshot.events["name"]) == [f"Event {n}" for n in range(1, 7)]
    assert [goal["text"] for goal in g.settings["goals"]] == ["Goal 1", "Goal 2"]
    assert {i.key for i in g.checklists.get("goals", [])} <= {"goal:1", "goal:2"}
    tags = {t for v in g.people["tags"] for t in v}
    assert tags and all(t.startswith("Tag ") for t in tags)


@pytest.mark.parametrize("text, name", [
    ("Farewell_Zqdoe", "Zqdoe"), ("ZqdoeParty", "Zqdoe"), ("Zqdoe2026", "Zqdoe"), ("for Siobhan", "Siobhan"),
    ("Zq\u200bdoe lunch", "Zqdoe"), ("和李伟吃饭", "李伟"), ("at Blorptech today", "Blorptech"),
])
def test_the_scrubber_as_second_line(report, text, name):
    from netlib.report.scrub import Scrubber

    scrub = Scrubber(report.snapshot)
    assert name.casefold() not in scrub(text).casefold()


def test_keep_labels_keeps_what_you_wrote_but_still_scrubs_names(report):
    from netlib.report.redact import redact_garden

    pseudo = report.pseudonyms
    # the same garden, unredacted, from the report's own snapshot
    from netlib.garden.analysis import analyse, report_date

    garden = analyse(report.snapshot.as_of(report_date(MONTH)), report_date(MONTH))
    kept = redact_garden(garden, pseudo, keep_labels=True)
    names = list(kept.snapshot.events["name"])
    assert "Blorptech offsite" not in names and any(n.endswith("offsite") for n in names)  # company scrubbed
    assert not any("Zqdoe" in n or "李伟" in n for n in names)
    assert [g["text"] for g in kept.settings["goals"]][1] == "Go climbing with Quux"  # kept as written


# -- by construction: the redacted reasons hold no private word even with the scrubber off --------

SECRETS = ["Zorvath", "Quimbly", "Pellucid", "Farewell", "Glorp", "Snorkeldyne", "whisperbay", "Klaxo",
           "Brunchmoot", "Pettifer"]


@pytest.fixture(scope="module")
def builder_garden():
    """Every checklist whose reason quotes what you wrote: a goal naming someone (with a tag
    and a keyword), an event named for someone, shared tags and events, a person both know,
    a learned note, a company, a plan's text."""
    from builders import SnapBuilder

    from netlib.garden.analysis import analyse

    b = SnapBuilder()
    ann = b.person("Zorvath Quimbly", tags=["whisperbay"], company="Snorkeldyne Ltd", emails=["z@q.example"])
    bob = b.person("Pellucid Pettifer", tags=["whisperbay"], company="Glorp Inc")
    mutual = b.person("Klaxo Vennt")
    new = b.person("Brunchmoot Farewell", since=None)
    for p in (ann, bob):
        b.interaction("2026-11-03", "coffee", [p])
        b.interaction("2026-11-10", "coffee", [p])
        b.tie(p, mutual, "knows")
    b.interaction("2026-11-12", "help_received", [ann], direction="in")
    b.event("Farewell for Zorvath", "2026-11-14", [ann, bob, new], learned="Glorp is hiring, ask Pettifer")
    b.plan(bob, "2026-11-25", "Brunchmoot with Pettifer about Glorp")
    goals = [{"text": "Meet Zorvath's Glorp friends", "kind": "meet", "tag": "whisperbay", "keyword": "Glorp",
              "count": 2}]
    b.check("goal:meet-zorvath-s-glorp-friends", "2026-11", "snoozed", until="2026-12-10")  # its key: its words
    b.check("goal:go-see-quimbly", "2026-10", "done")  # a goal since removed
    garden = analyse(b.build({"goals": goals}), "2026-11-30")
    wrote = {name: [i.why + i.action for i in items] for name, items in garden.checklists.items()}
    for name in ("follow_up", "weave", "give_back", "goals", "plans"):  # the garden quotes them unredacted
        assert any(any(s in text for s in SECRETS) for text in wrote[name]), name
    return garden


def test_redacted_reasons_are_built_from_safe_fields_not_scrubbed(builder_garden, monkeypatch):
    """The scrubber off (it returns text as it is): the redaction alone must still name nobody."""
    from netlib.report import redact

    class Blind:
        def __init__(self, *args, **kwargs):
            self.full = {}

        def __call__(self, text, names=None):
            return text

    monkeypatch.setattr(redact, "Scrubber", Blind)
    pseudo = redact.pseudonyms({"redaction_salt": "ab" * 32}, builder_garden.people.index)
    red = redact.redact_garden(builder_garden, pseudo)
    shown = _text({k: v for k, v in dataclasses.asdict(red).items() if k not in ("snapshot", "detail")}) \
        + _text(red.snapshot.events) + _text(red.snapshot.settings) + _text(red.detail[["tags", "next_action"]]) \
        + _text(red.snapshot.checklist)
    leaked = [s for s in SECRETS if s.casefold() in shown.casefold()]
    assert leaked == []
    items = {name: items for name, items in red.checklists.items() if items}
    follow = items["follow_up"][0]
    assert "Met at Event 1 on 2026-11-14" in follow.why and "You noted" not in follow.why
    weave = items["weave"][0]
    assert "both tagged 'Tag 1'" in weave.why and "Event 1" in weave.why and pseudo[3] in weave.why
    assert items["goals"][0].action == "Goal 1" and "Goal 1 tag" in items["goals"][0].why
    assert items["give_back"][0].action.endswith("at a company")
    assert items["plans"][0].action.startswith("[private] (with ")
    assert all(i.parts == {} for v in red.checklists.values() for i in v)  # how it was written stays home
    assert sorted(red.snapshot.checklist["key"]) == ["goal:0", "goal:1"]


def test_an_item_without_its_parts_is_not_shown_in_words(builder_garden):
    """An item made elsewhere (no parts): its own words never reach a shared report."""
    from netlib.report import redact

    garden = dataclasses.replace(builder_garden, checklists={
        "water": [dataclasses.replace(builder_garden.checklists["weave"][0], checklist="water", parts={})]})
    red = redact.redact_garden(garden, redact.pseudonyms({"redaction_salt": "ab" * 32}, garden.people.index))
    item = red.checklists["water"][0]
    assert item.why.startswith("(not shown in a shared report") and "Zorvath" not in item.action


# -- a company named like the redaction's own words ---------------------------------------------

@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """People whose company, position or name is one of the redaction's own words: a label
    ("Event 1", "Tag 2"), its replacement ("a company"), a word of someone's pseudonym."""
    from netlib.report.redact import pseudonyms

    salt = "cd" * 32
    pseudo = pseudonyms({"redaction_salt": salt}, [1, 2, 3])
    plant = pseudo[2].split()[0]  # a word of the second person's pseudonym, as the first's company
    path = tmp_path_factory.mktemp("labelled") / "garden.db"
    d = dt.date(2026, 1, 5)
    with Store(path) as s:
        s.set_setting("redaction_salt", salt)
        ann = s.add_person("Ann Tag", company="Event 1", position=plant, tags=["climbing", "mentor"], since=d)
        bob = s.add_person("Bob Ovo", company="a company", position="Tag 2", tags=["climbing"], since=d)
        cy = s.add_person("Cy Uhl", company="Company", since=None)
        assert (ann, bob, cy) == (1, 2, 3)
        s.met(s.add_event("Offsite at Event 1", dt.date(2026, 11, 10)), [ann, bob, cy])
        s.met(s.add_event("Kickoff", dt.date(2026, 11, 12)), [ann, bob])
        s.add_tie(ann, bob, "knows")
    with Store(path) as s:
        return MonthlyReport.load(s, MONTH, redact=True), pseudo, plant


def test_a_company_named_like_a_label_leaves_the_labels_readable(labelled):
    report, pseudo, plant = labelled
    g = report.garden
    assert report.pseudonyms == pseudo
    whys = [i.why for i in g.checklists["follow_up"]]
    assert whys and all(w.startswith(("Met at Event 1 on", "Met at Event 2 on")) for w in whys), whys
    weave = g.checklists["weave"][0].why
    assert pseudo[1] in weave and pseudo[2] in weave and "tagged 'Tag 1'" in weave, weave
    assert "at Event 1 and Event 2." in weave or "at Event 2 and Event 1." in weave, weave
    tags = sorted({t for v in g.people["tags"] for t in v})
    assert tags == ["Tag 1", "Tag 2"]
    shown = _text(g) + _text(g.snapshot)
    for garbled in ("a company 1", "a role", "someone 1", "a a company", "a company company", f"a role {pseudo[2]}"):
        assert garbled not in shown


def test_a_company_named_like_a_label_is_still_hidden_where_you_wrote_it(labelled):
    """With ``keep_labels`` the event's own words are shown, scrubbed: the company there is hidden."""
    from netlib.garden.analysis import analyse, report_date
    from netlib.report.redact import redact_garden

    report, pseudo, plant = labelled
    garden = analyse(report.snapshot.as_of(report_date(MONTH)), report_date(MONTH))
    kept = redact_garden(garden, pseudo, keep_labels=True)
    assert sorted(kept.snapshot.events["name"]) == ["Kickoff", "Offsite at a company"]
    whys = " ".join(i.why for i in kept.checklists["follow_up"])
    assert "Offsite at a company" in whys and "Event 1" not in whys


@pytest.mark.parametrize("text, hidden", [
    ("lunch at ING", "ING"), ("GE2026 offsite", "GE"), ("the GE_party", "GE"), ("ING's new team", "ING"),
    ("an Eng, then a CTO", "Eng"), ("at Blorptechs", "Blorptech"),
])
def test_a_short_company_is_found_as_a_word_and_text_stays_readable(text, hidden):
    """A company or role of a few letters ("ING", "GE", "Eng") is hidden where it stands as a
    word, not inside other words: "meeting", "message" and "length" were "meeta company" ..."""
    from builders import SnapBuilder

    from netlib.report.scrub import Scrubber

    b = SnapBuilder()
    b.person("Ann Tag", company="ING", position="Eng")
    b.person("Bob Ovo", company="GE", position="CTO")
    b.person("Cy Uhl", company="Blorptech GmbH")
    scrub = Scrubber(b.build())
    readable = "Following up on the message at length: a meeting ago, engaging; Xylo changed"
    assert scrub(readable) == readable
    out = scrub(text)
    assert hidden.casefold() not in out.casefold() and ("a company" in out or "a role" in out), out


def test_kept_labels_give_goal_keys_that_name_nobody(builder_garden):
    """``keep_labels`` keeps a goal's words, scrubbed; its key (the words slugged, in the
    checklist and in the ticks) must be made from the scrubbed words, not the ones you wrote."""
    from netlib.report import redact

    pseudo = redact.pseudonyms({"redaction_salt": "ab" * 32}, builder_garden.people.index)
    kept = redact.redact_garden(builder_garden, pseudo, keep_labels=True)
    keys = [i.key for v in kept.checklists.values() for i in v] + list(kept.snapshot.checklist["key"])
    assert any(k.startswith("goal:") for k in keys)
    leaked = [k for k in keys if any(s.casefold() in k.casefold() for s in SECRETS)]
    assert leaked == []
    goal = kept.checklists["goals"][0]
    assert goal.key == goal_key(goal.action)  # the key of the words shown
    assert goal.key in set(kept.snapshot.checklist["key"])  # its tick still found by it


# -- a company or role that is a common word --------------------------------------------------------

@pytest.fixture(scope="module")
def common_words(tmp_path_factory):
    """Companies and roles spelt as words the redaction writes: "Met", "Next", "the", "a"."""
    path = tmp_path_factory.mktemp("common") / "garden.db"
    d = dt.date(2026, 1, 5)
    with Store(path) as s:
        ann = s.add_person("Ann Tag", company="Met", position="the", tags=["climbing"], since=d)
        bob = s.add_person("Bob Ovo", company="Next", position="a", tags=["climbing"], since=d)
        cy = s.add_person("Cy Uhl", company="<b>X</b>", position="Goal", since=d)
        s.met(s.add_event("Kickoff", dt.date(2026, 11, 12)), [ann, bob, cy])
        s.log([cy], "help_received", "2026-10-05", direction="in")
        for day in ("2026-10-03", "2026-11-03"):
            s.log([ann, bob], "coffee", day)
        s.add_tie(ann, cy, "knows")
        s.add_tie(bob, cy, "knows")
        s.add_plan(bob, "2026-11-20", "see Bob", kind="coffee", today=dt.date(2026, 11, 1))
    with Store(path) as s:
        return MonthlyReport.load(s, MONTH, redact=True)


def test_a_company_spelt_as_a_common_word_leaves_the_redactions_own_words(common_words):
    """The reasons' own words are the code's: a company "Met" or a role "the" hides that
    company, not "Met at Event 1" or "returned the favour"."""
    g = common_words.garden
    whys = {name: [i.why + " | " + i.action for i in items] for name, items in g.checklists.items() if items}
    assert all(w.startswith("Met at Event 1 on") for w in whys["follow_up"]), whys["follow_up"]
    assert all("you met both at Event 1" in w for w in whys["weave"]), whys["weave"]
    assert all("the favour" in w for w in whys["give_back"]), whys["give_back"]
    assert all("plan a new date" in w for w in whys["plans"]), whys["plans"]
    shown = " ".join(w for v in whys.values() for w in v)
    for garbled in ("a company at", "a role", "a company company", "you a company"):
        assert garbled not in shown, garbled
    assert set(g.people["company"].fillna("")) <= {""}  # the companies themselves are not shown


MARKUP = ["<script>alert(1)", "<img src=x", "<svg onload", "<iframe", "<b>X</b>"]


@pytest.mark.parametrize("keep", [dict(keep_companies=True, keep_labels=True), dict(keep_labels=True), {}])
def test_markup_kept_by_a_redacted_report_is_escaped_everywhere_it_shows(tmp_path, keep):
    """What a redacted report keeps (companies, tags, event names, with ``keep_*``) holding
    markup: no section and no file holds it live (the map's data: JSON-escaped)."""
    from netlib.report.tables import CHECKLIST_TITLES

    path = tmp_path / "garden.db"
    d = dt.date(2026, 1, 5)
    with Store(path) as s:
        ann = s.add_person("Ann Tag", company="<script>alert(1)</script>", position="<img src=x onerror=alert(2)>",
                           tags=["<svg onload=alert(3)>"], since=d)
        bob = s.add_person("Bob Ovo", company="<b>X</b>", tags=["<svg onload=alert(3)>"], since=d)
        s.met(s.add_event("<iframe src=javascript:alert(4)> Summit", dt.date(2026, 11, 3)), [ann, bob])
        for day in ("2026-10-03", "2026-11-04"):
            s.log([ann, bob], "coffee", day)
        s.log([bob], "help_received", "2026-11-05", direction="in")
    with Store(path) as s:
        report = MonthlyReport.load(s, MONTH, redact=True, **keep)
    sections = [report.header(), report.numbers_table(), report.rings_table(), report.events_table(),
                report.reciprocity_table(), report.clusters_table(), report.bridges_table(), report.more_table(),
                *(report.checklist_table(name) for name in CHECKLIST_TITLES)]
    shown = " ".join(map(str, sections))
    assert [m for m in MARKUP if m in shown] == []
    if keep.get("keep_companies"):
        assert html.escape("<b>X</b>") in shown or html.escape("<b>X</b>", quote=False) in shown
    page = report.file_texts()["map.html"]
    data = page.split('id="netlib-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and all(m not in page for m in MARKUP)
