"""Lists of names in the report's tables: the events table's "still to follow up" and the
clusters table's "closest to you" joined their names into one string before the table saw
them, and the table isolated that string by right-to-left runs: a name with its own comma
("כהן, משה", surname first) was cut at its comma into two runs, drawn left to right (reversed).
The table now gets the names as a list, isolates each whole and joins them with netlib's ", "
outside (:func:`netlib.garden.terms.html_shown` with ``whole``); the cell is cut at the
column's limit as before, Latin text byte for byte as before."""

from __future__ import annotations

import html
import re

import pytest

import report_store
from browser import SKIP_REASON, available, launch, open_blocked
from netlib.garden import terms
from netlib.garden.terms import ELLIPSIS, SHOWN, SHOWN_LONG, display_text
from netlib.report import MonthlyReport
from netlib.report.tables import LONG_COLUMNS, html_table
from netlib.store import Store

COHEN, MOSHE = "\u05db\u05d4\u05df", "\u05de\u05e9\u05d4"
SURNAME_FIRST = f"{COHEN}, {MOSHE}"  # כהן, משה: one name, its own comma inside
SALAAM, HADDAD = "\u0633\u0644\u0627\u0645", "\u062d\u062f\u0627\u062f"
BDI = re.compile("</?bdi>")
RUN = re.compile("<bdi>(.*?)</bdi>", re.S)
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
RTL = "\u0590-\u08ff"


def _as_before(names, most=SHOWN_LONG) -> str:
    """The cell's text as the report made it before: each name shown, joined, the whole shown."""
    return display_text(", ".join(display_text(n) for n in names), most)


def _check_cell(names, out, most=SHOWN_LONG):
    """``out`` reads as the names joined and cut did, escaped; its tags are balanced <bdi>s, never
    nested, each around one whole name (the last maybe cut, its ellipsis inside); only ", " between."""
    text = _as_before(names, most)
    assert html.unescape(BDI.sub("", out)) == text and BDI.sub("", out) == html.escape(text)
    assert re.fullmatch(r"(?:[^<]|<bdi>[^<]+</bdi>)*", out), out[:200]
    shown = [display_text(n) for n in names]
    runs = RUN.findall(out)
    for k, run in enumerate(runs):
        name = html.unescape(run)
        assert name in shown or (k == len(runs) - 1 and name.endswith(ELLIPSIS)
                                 and any(s.startswith(name[:-1]) for s in shown)), name[:80]
    assert not re.search(f"[{RTL}]", RUN.sub("|", out)), "a right-to-left letter outside a <bdi>"


@pytest.mark.parametrize("names", [
    ["Ann Lee", "Bo", "Cy"], [], ["Matteo Martínez", "Дмитрий Соколов", "<b>&\"'"], ["x" * 300, "y"],
    [f"Person {k}" for k in range(400)], ["Ann", "", "Bo", ""], [None, "Ann", float("nan")],
    ["\u202e Ann", "Bo\u202c "],
])
def test_a_list_without_right_to_left_letters_is_shown_as_before(names):
    """Latin and other left-to-right names: the cell is byte for byte what the joined string gave."""
    for most in (SHOWN_LONG, SHOWN, 7):
        assert terms.html_shown(names, most, whole=True) == html.escape(_as_before(names, most))
    table = html_table([{c: names for c in LONG_COLUMNS}], list(LONG_COLUMNS))
    assert table.count(f'<td class="">{html.escape(_as_before(names))}</td>') == len(LONG_COLUMNS)


def test_each_name_in_a_long_column_is_isolated_whole():
    names = [SURNAME_FIRST, "Ann Lee", f"{SALAAM} - {HADDAD}", "\u05db\u05e0\u05e1 2026"]
    for column in ("still to follow up", "closest to you"):
        cell = html_table([{column: names}], [column])
        assert (f'<td class=""><bdi>{SURNAME_FIRST}</bdi>, Ann Lee, <bdi>{SALAAM} - {HADDAD}</bdi>, '
                f'<bdi>\u05db\u05e0\u05e1 2026</bdi></td>') in cell
    why = html_table([{"why": f"Met {SURNAME_FIRST} today."}], ["why"])  # a sentence keeps its runs
    assert f"<bdi>{COHEN}</bdi>, <bdi>{MOSHE}</bdi>" in why


@pytest.mark.parametrize("shift", range(12))
def test_a_long_list_is_cut_at_the_columns_limit_inside_the_name_it_cuts(shift):
    """Every place the cut can land (in a name, in a ", "): the text is the joined text cut at
    SHOWN_LONG, each name whole in its <bdi> but the cut one, whose ellipsis is inside."""
    names = ["a" * shift] + [f"{SURNAME_FIRST} {k % 10}" for k in range(400)]
    out = terms.html_shown(names, SHOWN_LONG, whole=True)
    _check_cell(names, out)
    plain = html.unescape(BDI.sub("", out))
    assert len(plain) == SHOWN_LONG and plain.endswith(ELLIPSIS)
    # By hand: SHOWN_LONG - 1 characters kept; "a" * shift and ", " first, then names of 10 and ", "
    at = (SHOWN_LONG - 1 - shift - 2) % (len(names[1]) + 2)  # where the cut lands in a name and its ", "
    if 0 < at < len(names[1]):  # inside a name, after its first letter: the ellipsis inside its <bdi>
        assert out.endswith(ELLIPSIS + "</bdi>") and RUN.findall(out)[-1] == names[1][:at] + ELLIPSIS, out[-40:]
    else:  # before a name, or in a ", ": outside
        assert re.search(f"</bdi>,? ?{ELLIPSIS}$", out), out[-40:]


@pytest.mark.parametrize("names", [
    ["<script>alert(1)</script>", f"{SALAAM}<script>alert(1)</script>", f"<img src=x onerror=alert(1)>{COHEN}"],
    [f"\"{COHEN}\" '{MOSHE}' &amp; &lt;", "\"'&", f"{SALAAM}&#1575;{HADDAD}", f"{SALAAM}<bdi>{HADDAD}</bdi>"],
    [f"\u202e{SURNAME_FIRST}\u202c", f"\u2067 {SALAAM}", f"{COHEN}\u202e", "\u202eEve\u202c", "\u2066\u2069"],
    [COHEN * 50_000, "x" * 50_000, f"{SALAAM} " * 10_000, SURNAME_FIRST],
    [SURNAME_FIRST] * 50_000,
    [f"\u202e{COHEN}<" + "&" * 50_000 + "\u202c"] * 3,
])
def test_hostile_names_stay_escaped_and_cut(names):
    for most in (SHOWN_LONG, SHOWN):
        out = terms.html_shown(names, most, whole=True)
        _check_cell(names, out, most)
        assert len(html.unescape(BDI.sub("", out))) <= most and not CONTROLS.search(out)
        assert not re.search(r"&[#\w]*</?bdi>", out), "a tag inside an entity"
        for run in RUN.findall(out):
            assert len(html.unescape(run)) <= SHOWN  # each name at most SHOWN, as before
    out = html_table([{"closest to you": names}], ["closest to you"])
    assert "<script" not in out and "<img" not in out and len(out) < 20 * SHOWN_LONG


def _tables(tmp_path) -> str:
    """The events and clusters tables of the test store with Bartholomew (still to follow up after
    the breakfast; in Sprocketeer's cluster) renamed "כהן, משה"."""
    path = report_store.build(tmp_path / "garden.db")
    with Store(path) as s:
        s.edit_person("Bartholomew Okonkwo-Zielinski", name=SURNAME_FIRST)
    report = MonthlyReport.load(path, report_store.MONTH)
    return str(report.events_table()), str(report.clusters_table())


def test_the_reports_lists_of_names_isolate_each_name_whole(tmp_path):
    for table in _tables(tmp_path):
        assert f"<bdi>{SURNAME_FIRST}</bdi>, Cordelia Wintergreen" in table, table
        assert f"<bdi>{COHEN}</bdi>" not in table, "a name cut in runs at its comma"


@pytest.mark.browser
@pytest.mark.skipif(not available(), reason=SKIP_REASON)
def test_a_name_with_its_own_comma_is_drawn_in_its_order_in_chromium(tmp_path):
    """Where Chromium draws the report's two tables: כהן (read first, right to left) lies right of
    משה; cut into two runs at the comma, the line drew כהן left of משה, the name reversed. The
    next name, Cordelia, lies right of all of it (the list reads left to right)."""
    events, clusters = _tables(tmp_path)
    document = f"<!doctype html><html><body style='font:16px sans-serif'>{events}{clusters}</body></html>"
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 600})
        requests = open_blocked(page, document)
        cells = page.evaluate("""(texts) => [...document.querySelectorAll("td")]
            .filter(td => td.textContent.includes(texts[0]))
            .map(cell => texts.map(text => {
                const w = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                while (w.nextNode()) { const at = w.currentNode.data.indexOf(text);
                    if (at >= 0) { const r = document.createRange(); r.setStart(w.currentNode, at);
                                   r.setEnd(w.currentNode, at + text.length); const b = r.getBoundingClientRect();
                                   return {left: b.left, right: b.right, top: b.top}; } }
                return null; }))""", [COHEN, MOSHE, "Cordelia"])
    assert len(cells) == 2, cells  # still to follow up; closest to you
    for cohen, moshe, cordelia in cells:
        assert cohen and moshe and cordelia and abs(cohen["top"] - cordelia["top"]) < 2, cells
        assert cohen["left"] > moshe["left"], f"the name drawn reversed: {cells}"
        assert cordelia["left"] >= max(cohen["right"], moshe["right"]) - 1, cells
    assert requests == []


def test_an_array_or_tuple_of_names_is_isolated_whole_as_a_list_is():
    import numpy as np

    names = ["\u05db\u05d4\u05df, \u05de\u05e9\u05d4", "Ann"]
    as_list = html_table([{"closest to you": names}], ["closest to you"])
    assert "<bdi>\u05db\u05d4\u05df, \u05de\u05e9\u05d4</bdi>" in as_list
    for other in (tuple(names), np.array(names, dtype=object)):
        assert html_table([{"closest to you": other}], ["closest to you"]) == as_list
