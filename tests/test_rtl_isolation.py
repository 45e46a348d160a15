"""Right-to-left names inside netlib's sentences: an Arabic or Hebrew text put into a sentence
(:func:`netlib.garden.terms.words`) pulled netlib's own numbers and punctuation beside it into
its right-to-left run, so "Met <Arabic> at <Hebrew>, 2026-11-03" drew the date before the event.
Every HTML place that shows such a text isolates each right-to-left run in ``<bdi>``
(:func:`netlib.garden.terms.html_shown`); Latin text comes out as before, escaped."""

from __future__ import annotations

import datetime as dt
import html
import random
import re

import pytest

import report_store
from browser import SKIP_REASON, available, launch, open_blocked
from netlib.garden import terms
from netlib.garden.checklist import ChecklistItem
from netlib.garden.terms import SHOWN, SHOWN_LONG, Private, display_text, words
from netlib.report import MonthlyReport
from netlib.report.tables import action_link, html_table
from netlib.store import Store

SALAAM, HADDAD = "\u0633\u0644\u0627\u0645", "\u062d\u062f\u0627\u062f"  # سلام حداد
MEETUP = "\u05de\u05e4\u05d2\u05e9 \u05e4\u05d9\u05e0\u05d8\u05e7"  # מפגש פינטק
NAME = f"{SALAAM} {HADDAD}"
BDI = re.compile("</?bdi>")
RUN = re.compile("<bdi>(.*?)</bdi>", re.S)


def _why(who=NAME, where=MEETUP) -> str:
    return words("Met {who} at {where}, 2026-11-03 (3 weeks ago).",
                 {"who": Private("person", 1, who), "where": Private("event", 1, where)})


@pytest.mark.parametrize("value", [
    "Ann Lee", "<b>Ann</b> & \"Bo\" 'Cy'", "  José Müller-Łukasz  ", "Дмитрий Иванов", "山田 太郎", "x" * 5000,
    None, float("nan"), 0.5, ["Ann", None, "<i>"], dt.datetime(2026, 11, 2), dt.date(2026, 1, 3), True, 12,
    "\u202eEve\u202c", "Ann\u200d\u0301",
])
def test_text_without_right_to_left_letters_is_escaped_as_before(value):
    for most in (SHOWN, SHOWN_LONG, 5):
        assert terms.html_shown(value, most) == html.escape(display_text(value, most))


def test_display_text_drops_controls_before_it_strips():
    """A control beside a space at either end left the space: "\\u202e Ann" showed as " Ann"."""
    assert display_text("\u202e Ann") == "Ann" and display_text(" Ann \u202c\u2069 ") == "Ann"
    assert display_text("\u2067\t\u202e\u00a0Ann \u202eLee\u202c \u2069") == "Ann Lee"  # inside: the space stays
    assert display_text("\u202e\u202c") == display_text(" \u202e ") == "" and display_text([" \u202e Bo"]) == "Bo"
    long = "\u202e " + "x" * 300 + " \u202c"
    assert display_text(long) == "x" * (SHOWN - 1) + "\u2026"  # the cut counts no space
    assert terms.html_shown(f"\u202e {MEETUP}\u202c ", whole=True) == f"<bdi>{MEETUP}</bdi>"


@pytest.mark.parametrize("text, runs", [
    (_why(), [NAME, MEETUP]),
    (f"{NAME} and Ann Lee both know {NAME}, 4 times.", [NAME, NAME]),
    (f"{SALAAM}, {HADDAD} and 2 others", [SALAAM, HADDAD]),  # a list keeps its order: one run each
    ("ד\"ר כהן from בע\"מ", ["ד&quot;ר כהן", "בע&quot;מ"]),  # an abbreviation's quote is inside the word
    ("סניף 2 תל אביב, 2026", ["סניף 2 תל אביב"]),
    (f"{SALAAM}\u064e\u0651 ok", [f"{SALAAM}\u064e\u0651"]),  # its marks stay with it
    ("\ufb1f\ufe8d \U00010900\U0001e900 x", ["\ufb1f\ufe8d \U00010900\U0001e900"]),  # presentation forms, SMP
])
def test_each_right_to_left_run_is_isolated_and_nothing_else(text, runs):
    out = terms.html_shown(text, SHOWN_LONG)
    assert RUN.findall(out) == runs
    assert BDI.sub("", out) == html.escape(display_text(text, SHOWN_LONG))
    assert out.count("<bdi>") == out.count("</bdi>") == len(runs)


def test_the_date_stays_outside_the_runs():
    out = terms.html_shown(_why(), SHOWN_LONG)
    assert out == f"Met <bdi>{NAME}</bdi> at <bdi>{MEETUP}</bdi>, 2026-11-03 (3 weeks ago)."


@pytest.mark.parametrize("text", [
    f"{SALAAM}<script>alert(1)</script>{HADDAD}",
    f"<script>{SALAAM}</script>",
    f"{SALAAM}&{HADDAD} &amp; {SALAAM}&lt;{HADDAD} \"{SALAAM}\" '{HADDAD}'",
    f"{SALAAM}<bdi>{HADDAD}</bdi>",
    f"{SALAAM}&#1575;{HADDAD}",
])
def test_hostile_text_stays_escaped_and_no_tag_lands_in_an_entity(text):
    out = terms.html_shown(text)
    assert BDI.sub("", out) == html.escape(display_text(text))
    assert html.unescape(BDI.sub("", out)) == display_text(text)
    assert "<" not in BDI.sub("", out) and ">" not in BDI.sub("", out)
    assert not re.search(r"&[#\w]*</?bdi>", out), out  # never inside an entity


def test_any_mix_of_letters_and_markup_characters_round_trips():
    pool = [SALAAM[0], HADDAD[1], "ש", "\u064e", " ", "\u200c", "&", "<", ">", "\"", "'", ",", "-", "2", "a", "é", ";", "#"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 30)))
        out = terms.html_shown(text, SHOWN_LONG)
        plain = BDI.sub("", out)
        assert plain == html.escape(display_text(text, SHOWN_LONG)), repr(text)
        assert not re.search(r"&[#\w]*</?bdi>", out), repr(text)
        assert re.fullmatch(r"(?:[^<]|<bdi>[^<]+</bdi>)*", out), repr(text)  # balanced, never nested
        for run in RUN.findall(out):
            assert run == run.strip() and re.match("[\u0590-\u08ff]", run) and re.search("[\u0590-\u08ff]$", run)


def test_a_name_of_a_million_arabic_letters_is_cut_first():
    """The run is found in the text as shown (cut at SHOWN): a million letters cost no more
    than two hundred (timings: see the report of this change; tests assert no timing)."""
    name = (SALAAM + " ") * 250_000
    out = terms.html_shown(name)
    assert out.startswith("<bdi>") and out.endswith("\u2026") and len(BDI.sub("", out)) == SHOWN
    out = terms.html_shown(words("Met {who}, 4 times.", {"who": Private("person", 1, name)}), SHOWN_LONG)
    assert out.endswith("</bdi>\u2026, 4 times.") and len(BDI.sub("", out)) == len("Met , 4 times.") + SHOWN


def test_the_lab_and_explore_show_text_through_it():
    import netlib.explore as explore
    from netlib.lab import cards, checklists

    for module in (cards, checklists, explore):  # each shows text through the one function
        assert module._e is terms.html_shown, module.__name__


def test_the_report_wraps_a_right_to_left_name_in_its_checklists(tmp_path):
    """A real store and report: the name is isolated where the checklists show it, and the
    page holds nothing else new (the same name unwrapped, nowhere)."""
    tables = _checklist_tables(tmp_path, NAME)
    assert f"<bdi>{NAME}</bdi>" in tables
    assert NAME not in BDI.sub("|", tables.replace(f"<bdi>{NAME}</bdi>", "")), "an unwrapped name"


@pytest.mark.browser
@pytest.mark.skipif(not available(), reason=SKIP_REASON)
def test_the_date_is_drawn_after_the_hebrew_event_in_chromium():
    """Where Chromium draws them: in "Met <Arabic> at <Hebrew>, 2026-11-03", the date lies to
    the right of the Hebrew event (left to right, as the sentence reads); unisolated, the
    bidirectional algorithm drew it before the event."""
    item = ChecklistItem(key="met:1", checklist="follow_up", person_ids=[1], people=[NAME], why=_why(),
                         action=f"Write to {NAME}", channel="email", score=1.0)
    table = html_table([{"item": NAME, "why": item.why, "action": action_link(item), "state": "open"}],
                       ["item", "why", "action", "state"], raw=("action",))
    document = f"<!doctype html><html><body style='font:16px sans-serif'>{table}</body></html>"
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 600})
        requests = open_blocked(page, document)
        boxes = page.evaluate("""([event, date]) => {
            const cell = [...document.querySelectorAll("td")].find(td => td.textContent.includes(date));
            const box = (text) => {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode, at = node.data.indexOf(text);
                    if (at >= 0) { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + text.length);
                                   const b = r.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top}; }
                }
                return null;
            };
            return {event: box(event), date: box(date), met: box("Met ")};
        }""", [MEETUP, "2026-11-03"])
    assert boxes["event"] and boxes["date"] and boxes["met"], boxes
    assert abs(boxes["event"]["top"] - boxes["date"]["top"]) < 2, boxes  # one line
    assert boxes["met"]["right"] <= boxes["event"]["left"] + 1, boxes
    assert boxes["date"]["left"] >= boxes["event"]["right"] - 1, f"the date drawn before the event: {boxes}"
    assert requests == []


# One text each: כהן, משה (surname, name); בנק הפועלים (ישראל); سلام - حداد; כנס 2026. Its first piece, then another.
ONE_TEXT = [("\u05db\u05d4\u05df, \u05de\u05e9\u05d4", ["\u05db\u05d4\u05df", "\u05de\u05e9\u05d4"]),
            ("\u05d1\u05e0\u05e7 \u05d4\u05e4\u05d5\u05e2\u05dc\u05d9\u05dd (\u05d9\u05e9\u05e8\u05d0\u05dc)",
             ["\u05d1\u05e0\u05e7", "\u05d9\u05e9\u05e8\u05d0\u05dc"]),
            (f"{SALAAM} - {HADDAD}", [SALAAM, HADDAD]), ("\u05db\u05e0\u05e1 2026", ["\u05db\u05e0\u05e1", "2026"])]


def test_a_cell_of_one_text_is_isolated_whole():
    """A name, company or event in a table is one text: one <bdi> around all of it (its commas,
    brackets, dashes and numbers inside), not a run each; a long cell (a sentence) keeps its runs."""
    table = html_table([{"name": text, "why": text} for text, _ in ONE_TEXT], ["name", "why"])
    for text, _ in ONE_TEXT:
        assert f'<td class=""><bdi>{html.escape(text)}</bdi></td>' in table, text
    assert terms.html_shown("Ann, Bo", whole=True) == "Ann, Bo"  # Latin as before
    assert terms.html_shown([ONE_TEXT[0][0], "x"], whole=True) == f"<bdi>{ONE_TEXT[0][0]}</bdi>, x"  # several texts


@pytest.mark.browser
@pytest.mark.skipif(not available(), reason=SKIP_REASON)
def test_a_right_to_left_cell_keeps_its_own_order_in_chromium():
    """Split into runs, "כהן, משה" was drawn כהן left of משה (read right to left: reversed);
    as one isolated text its first word is drawn right of its second, as without any <bdi>."""
    table = html_table([{"name": text} for text, _ in ONE_TEXT], ["name"])
    with launch() as browser:
        page = browser.new_page(viewport={"width": 800, "height": 400})
        requests = open_blocked(page, f"<!doctype html><html><body style='font:16px sans-serif'>{table}</body></html>")
        lefts = page.evaluate("""(cases) => cases.map(([_, pieces], k) => pieces.map(t => {
            const w = document.createTreeWalker(document.querySelectorAll("td")[k], NodeFilter.SHOW_TEXT);
            while (w.nextNode()) { const at = w.currentNode.data.indexOf(t);
                if (at >= 0) { const r = document.createRange(); r.setStart(w.currentNode, at);
                               r.setEnd(w.currentNode, at + t.length); return r.getBoundingClientRect().left; } }
            return null; }))""", [list(c) for c in ONE_TEXT])
    for (text, _), (first, second) in zip(ONE_TEXT, lefts):
        assert first is not None and second is not None and first > second, f"{text!r} drawn out of order: {lefts}"
    assert requests == []


EVENT_2026 = "\u05db\u05e0\u05e1 \u05e4\u05d9\u05e0\u05d8\u05e7 2026"  # an event whose name ends in a number


def test_a_sentence_isolates_each_text_it_puts_in_whole(tmp_path):
    """A checklist reason names an event whose own name ends in a number: the report's table
    and the lab's board isolate the event's name whole (its number with it), as the events
    table does, not just its run of letters (which left "2026" outside, drawn on the other side)."""
    from netlib.lab.checklists import ChecklistBoard

    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.met(s.add_event(EVENT_2026, "2026-11-18"), ["Zebulon Quackenbush"])
    report = MonthlyReport.load(path, report_store.MONTH)
    items = [i for i in report.garden.checklists["follow_up"] if EVENT_2026 in i.why]
    assert items, [i.why for i in report.garden.checklists["follow_up"]]
    table = str(report.checklist_table("follow_up"))
    assert f"<bdi>{EVENT_2026}</bdi>" in table
    with Store(path) as s:
        board = ChecklistBoard(s, report_store.MONTH)
        assert f"<bdi>{EVENT_2026}</bdi>" in board.why[items[0].key].value


def test_a_sentence_not_made_from_its_parts_is_shown_by_runs():
    """A reason cut, or written again (a redaction), is not the sentence its parts make: it is
    shown as any long text is; hostile texts put in stay escaped either way."""
    parts = {"why": ("Met {who} at {where}, {n} times.",
                     {"who": Private("person", 1, "<b>" + NAME + "&amp;"), "where": Private("event", 1, EVENT_2026),
                      "n": 3})}
    text = words(*parts["why"])
    out = terms.sentence_html(parts, "why", text)
    assert out == (f"Met <bdi>&lt;b&gt;{NAME}&amp;amp;</bdi> at <bdi>{EVENT_2026}</bdi>, 3 times.")
    assert html.unescape(BDI.sub("", out)) == text
    for other in (text[:20] + "\u2026", text.replace("Met", "Saw")):
        assert terms.sentence_html(parts, "why", other) == terms.html_shown(other, SHOWN_LONG)
    assert terms.sentence_html({}, "why", text) == terms.html_shown(text, SHOWN_LONG)
    odd = {"why": ("Met {who}{x}.", {"who": Private("person", 1, NAME), "x": "\x00"})}  # a marker's look-alike
    assert terms.sentence_html(odd, "why", words(*odd["why"])) == terms.html_shown(words(*odd["why"]), SHOWN_LONG)


def test_an_items_people_are_each_isolated_whole(tmp_path):
    """The item column names an item's people: a name with its own comma ("כהן, משה") stays one
    isolated text, not two runs drawn in reverse order; netlib's ", " and "and 2 others" stay outside."""
    surname_first = "\u05db\u05d4\u05df, \u05de\u05e9\u05d4"
    tables = _checklist_tables(tmp_path, surname_first)
    assert f"<bdi>{surname_first}</bdi>" in tables
    assert "<bdi>\u05db\u05d4\u05df</bdi>" not in tables, "a name cut in runs at its comma"


def _checklist_tables(tmp_path, name: str) -> str:
    """The report's checklist and "more" tables of the test store with Zebulon renamed ``name``."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Zebulon Quackenbush", name=name)
    report = MonthlyReport.load(path, report_store.MONTH)
    return "".join(str(report.checklist_table(n)) for n in report.garden.checklists) + str(report.more_table())
