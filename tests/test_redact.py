"""netlib.report.redact: a redacted report names nobody, and pseudonyms stay put across months."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

import report_store
from netlib.report import redact
from netlib.garden.analysis import analyse
from netlib.report import run_report
from netlib.store.core import Store
from netlib.months import last_day

FILES = ("report.html", "map.html", "checklist.md", "summary.json", "report.ipynb")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return report_store.build(tmp_path_factory.mktemp("store") / "garden.db")


@pytest.fixture(scope="module")
def runs(store_path, tmp_path_factory):
    base = tmp_path_factory.mktemp("redacted")
    return {month: run_report(store_path, month, out=base / month, redact=True)
            for month in (report_store.PREVIOUS, report_store.MONTH)}


def _forms(text: str) -> set[str]:
    """How a string can appear in our files: raw, HTML-escaped (once in the page, twice in
    the map's srcdoc), JSON-escaped (in the notebook and the map's data)."""
    once = html.escape(text)
    return {text, once, html.escape(once), json.dumps(text)[1:-1], json.dumps(once)[1:-1]}


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_no_private_string_in_any_redacted_file(runs, store_path, name):
    private = report_store.private_strings(store_path)
    assert len(private) > 60  # names, parts, emails, phones, notes, URLs, summaries, learned...
    for folder in runs.values():
        text = (folder / name).read_text()
        leaked = [p for p in private if any(form in text for form in _forms(p))]
        assert leaked == [], f"{folder.name}/{name} leaks {leaked}"


@pytest.mark.slow
def test_redacted_notebook_names_no_folder(runs, store_path):
    # absolute paths can name a person (/home/jane/...): only file names stay
    for folder in runs.values():
        text = (folder / "report.ipynb").read_text()
        assert str(store_path.parent) not in text and str(folder) not in text
        assert store_path.name in text


@pytest.mark.slow
def test_redacted_report_still_says_something(runs):
    page = (runs[report_store.MONTH] / "report.html").read_text()
    # event names are neutral labels (issue 14: an event's name can name someone)
    assert "Fintech Breakfast Meetup" not in page and "Event " in page
    assert "follow_up:e1:p5" in page  # keys are ids, not names
    assert "pseudonyms" in page  # the header says the report is redacted
    assert json.loads((runs[report_store.MONTH] / "summary.json").read_text())["redacted"] is True


@pytest.mark.slow
def test_pseudonyms_are_stable_across_months(runs, store_path):
    with Store(store_path) as store:
        expected = redact.pseudonyms(store, range(1, 9))
    for folder in runs.values():
        text = (folder / "checklist.md").read_text() + (folder / "report.html").read_text()
        shown = {pid: name for pid, name in expected.items() if name in text}
        assert len(shown) >= 4, folder  # most people appear, each under the same pseudonym
    salt = Store(store_path).settings()[redact.SALT_SETTING]
    assert len(salt) == 64 and salt not in (runs[report_store.MONTH] / "report.ipynb").read_text()


def test_pseudonyms_are_readable_unique_and_keyed_by_the_salt():
    ids = list(range(1, 3001))
    a = redact.pseudonyms({"redaction_salt": "ab" * 32}, ids)
    assert len(set(a.values())) == len(ids)
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{2,}", name) for name in a.values())
    assert redact.pseudonyms({"redaction_salt": "ab" * 32}, ids[::-1]) == a  # order does not matter
    assert redact.pseudonyms({"redaction_salt": "cd" * 32}, ids) != a  # another store, other names
    # a newcomer never renames anyone already there
    assert {k: v for k, v in redact.pseudonyms({"redaction_salt": "ab" * 32}, ids + [99999]).items()
            if k in a} == a


def test_salt_is_created_once_through_the_store(store):
    assert redact.SALT_SETTING not in store.settings()
    first = redact.pseudonyms(store, [1])
    assert redact.pseudonyms(store, [1]) == first
    assert len(store.settings()[redact.SALT_SETTING]) == 64


def test_redact_garden_rewrites_why_and_drops_private_columns(tmp_path):
    path = report_store.build(tmp_path / "g.db")
    with Store(path) as store:
        garden = analyse(store.snapshot(), pd.Timestamp(last_day("2026-11")))
        pseudo = redact.pseudonyms(store, garden.people.index)
    red = redact.redact_garden(garden, pseudo)
    assert list(red.people["name"]) == [pseudo[i] for i in red.people.index]
    assert set(red.people["company"]) == {""}
    for col in ("emails", "linkedin_url", "notes", "first_name"):
        assert col not in red.detail
    assert set(red.snapshot.interactions["summary"].dropna()) == set()
    assert set(red.snapshot.event_people["learned"].dropna()) == set()
    assert "owner_name" not in red.settings or red.settings["owner_name"] == ""
    follow = red.checklists["follow_up"][0]
    assert follow.people == [pseudo[follow.person_ids[0]]]
    assert "You noted" not in follow.why and "zq-learned" not in follow.why
    assert "2026-11-05" in follow.why  # dates are not phone numbers
    weave = red.checklists["weave"][0]
    assert all(pseudo[p] in weave.why for p in weave.person_ids)
    keep = redact.redact_garden(garden, pseudo, keep_companies=True)
    assert "Xylofant Dynamics" in set(keep.people["company"])
    assert garden.people["name"].iloc[0] == "Zebulon Quackenbush"  # the original is untouched


def test_scrubber_replaces_other_names_and_addresses(tmp_path):
    path = report_store.build(tmp_path / "g.db")
    with Store(path) as store:
        snap = store.snapshot()
    scrub = redact.Scrubber(snap)
    out = scrub("Ask Zebulon (zebulon.q@xylofant.example, +44 7700 900123) about Xylofant Dynamics; "
                "see https://www.linkedin.com/in/x", {2: "Oak Heron 1f"})
    assert "Zebulon" not in out and "xylofant" not in out.lower() and "7700" not in out and "linkedin" not in out
    assert "someone" in out and "a company" in out
    assert scrub("Philippa Vandersloot said hi", {2: "Oak Heron 1f"}) == "Oak Heron 1f said hi"


def test_event_names_that_name_someone_are_scrubbed(tmp_path):
    import datetime as dt

    from netlib.garden.analysis import analyse
    from netlib.report.redact import redact_garden
    from netlib.store.core import Store

    with Store(tmp_path / "g.db") as s:
        p = s.add_person("Ha-eun Kang", since=dt.date(2026, 1, 1))
        s.met(s.add_event("Farewell drinks for Ha-eun Kang", dt.date(2026, 11, 10)), [p])
        garden = analyse(s.snapshot(), "2026-11-20")
        red = redact_garden(garden, {p: "Willow Finch"})
        kept = redact_garden(garden, {p: "Willow Finch"}, keep_labels=True)
    # by construction: the event is a neutral label (issue 14) ...
    assert list(red.snapshot.events["name"]) == ["Event 1"]
    assert all("Kang" not in i.why and "Farewell" not in i.why for items in red.checklists.values() for i in items)
    # ... and kept on request, it is still scrubbed
    names = " ".join(kept.snapshot.events["name"])
    assert "Kang" not in names and "Ha-eun" not in names and names.startswith("Farewell drinks for")
    assert all("Kang" not in i.why for items in kept.checklists.values() for i in items)


def test_the_redaction_salt_is_no_undo_step(tmp_path):
    """Undoing 'netlib report --redact' must not drop the salt (every later pseudonym would
    change; found by a hostile review)."""
    with Store(tmp_path / "g.db") as store:
        store.command = "netlib init"
        store.set_setting("owner_name", "Alex")
        steps = store.undo_steps()
        key = redact.salt(store)
        assert store.undo_steps() == steps
        store.undo()  # takes back the owner name, not the salt
        assert redact.salt(store) == key and "owner_name" not in store.settings()


def test_the_scrubbers_finders_find_what_the_patterns_found():
    """E-mail addresses found from each "@" and companies found without a compiled pattern
    (both linear in a text's length) replace exactly what ``re.sub`` of the patterns they
    stand for replaced, on texts of letters that any case takes as one ("s" and a long s,
    dotless i, the Kelvin sign, sharp s) and of the characters an address is made of."""
    import random

    from netlib.report.scrub import _caseless, _company_pattern, _emails

    email = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    alphabet = "ab.@+-_ x1\u00e9\u0130iI\u0131sS\u017fkK\u212a\u00df\u1e9e\u03bc\u00b5"
    draw = random.Random(7)
    for _ in range(4_000):
        text = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 14)))
        assert _emails(text, lambda: "#") == email.sub("#", text), text
        company = "".join(draw.choice(alphabet.replace("@", "")) for _ in range(draw.randint(5, 7)))
        text = f"{text}{company.upper()}{text}{company.swapcase()}{text}{company.casefold()}"
        assert _company_pattern(company).replace(text, _caseless(text), lambda: "#")[0] == \
            re.compile(re.escape(company), re.IGNORECASE).sub("#", text), (company, text)
    assert _emails("a.b@c.d@e.f +g@h.i", lambda: "#") == email.sub("#", "a.b@c.d@e.f +g@h.i") == "#@e.f #"


def test_a_kept_goal_is_cut_in_a_shared_report_as_in_your_own(tmp_path):
    """A goal is text you wrote (:attr:`~netlib.garden.terms.Private.most`: SHOWN_LONG): kept
    with ``keep_labels``, its item quotes it as far as the unredacted one does, not cut at
    SHOWN as a name or an event is."""
    import datetime as dt

    from netlib.garden.terms import ELLIPSIS, SHOWN, SHOWN_LONG

    text = "Meet people who " + " ".join(f"work{k}" for k in range(60))  # about 430 characters
    assert SHOWN < len(text) < SHOWN_LONG
    with Store(tmp_path / "g.db") as s:
        s.add_person("Ann Short", since=dt.date(2025, 1, 1))
        s.set_setting("goals", [{"kind": "meet", "count": 2, "text": text}])
        garden = analyse(s.snapshot(), "2026-11-20")
    own = [t for i in garden.checklists["goals"] for t in (i.why, i.action)]
    kept = [t for i in redact.redact_garden(garden, {}, keep_labels=True).checklists["goals"] for t in (i.why, i.action)]
    assert own and any(text in t for t in own)
    assert any(text in t for t in kept) and not any(ELLIPSIS in t for t in kept)
