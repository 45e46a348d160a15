"""The scrubber hides a company or role however it is written, as far as any case goes: a
text that writes one with a letter that a pattern's IGNORECASE takes for another (a long s
"\u017f" for "s", a dotless "\u0131" for "i", the Kelvin sign "\u212a" for "k") is found by the
finder, so it must not be skipped by the quick look that comes before it (that look
lowered the text and missed these: the company was left in a shared report)."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import SnapBuilder
from netlib.report.scrub import Scrubber


@pytest.fixture(scope="module")
def scrub():
    b = SnapBuilder()
    b.person("Ann Tag", company="Blorptech Systems", position="Kiosk Warden")
    b.person("Bob Ovo", company="SAP", position="VP")
    b.person("Cy Uhl", company="Gloamwick Partners GmbH")
    return Scrubber(b.build())


@pytest.mark.parametrize("text, hidden", [
    ("lunch at Blorptech Sy\u017ftems today", "blorptech"),  # long s for s
    ("lunch at BLORPTECH SY\u017fTEMS today", "blorptech"),
    ("a \u212aiosk Warden now", "warden"),  # Kelvin sign for K
    ("offsite at Gloamw\u0131ck Partners", "gloamw"),  # dotless i, in the company's key (no GmbH)
    ("demo at \u017fAP on Friday", "ap on"),  # a short one, as a word of its own
])
def test_a_company_written_with_a_case_equivalent_is_hidden(scrub, text, hidden):
    out = scrub(text)
    assert hidden not in out.casefold() and ("a company" in out or "a role" in out), out


def test_the_equivalents_leave_other_text_as_it_was(scrub):
    readable = "Following up on the \u017fAPling message; a \u212aelvin of Blorptech-ish Sy\u017ftem"
    assert scrub(readable) == readable


def test_a_kept_event_name_hides_a_company_written_with_an_equivalent(tmp_path):
    """Through the shared report's garden: with --keep-labels the event's name is shown,
    scrubbed; the company in it, spelt with a long s, is hidden too."""
    from netlib.report.content import MonthlyReport
    from netlib.store.core import Store

    d = dt.date(2026, 11, 10)
    with Store(tmp_path / "g.db") as s:
        ann = s.add_person("Ann Tag", company="Blorptech Systems", since=dt.date(2026, 1, 5))
        s.met(s.add_event("Offsite at Blorptech Sy\u017ftems", d), [ann])
    with Store(tmp_path / "g.db") as s:
        g = MonthlyReport.load(s, "2026-11", redact=True, keep_labels=True).garden
    names = list(g.snapshot.events["name"])
    assert names == ["Offsite at a company"], names


def test_the_quick_look_sees_all_the_finders_find_and_the_caseless_form_is_kept():
    """Wherever the pattern a company stands for (for a short one, not beside a letter) finds
    it, the finder's key is in the text's caseless form (the quick look before a finder reads
    that); the finder replaces what the pattern replaced; the caseless form handed back after
    a replacement is the one made afresh. Random texts of letters any case takes as one."""
    import random
    import re

    from netlib.report.scrub import _caseless, _company_pattern

    alphabet = "ab _x1\u00e9\u0130iI\u0131sS\u017fkK\u212a\u00df\u1e9e\u03bc\u00b5\u00b2\u0345\u03b9"
    draw = random.Random(11)
    for _ in range(4_000):
        text = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 8)))
        company = "".join(draw.choice(alphabet) for _ in range(draw.randint(1, 7))).strip() or "a"
        text = f"{text}{company.upper()}{text}{company.swapcase()} {company.casefold()}{text}"
        escaped = re.escape(company)
        pattern = re.compile(rf"(?<![^\W\d_]){escaped}(?![^\W\d_])" if len(company) <= 4 else escaped, re.I)
        finder = _company_pattern(company)
        assert all(_caseless(m.group()) == finder.key for m in pattern.finditer(text)), (company, text)
        replaced, _ = finder.replace(text, _caseless(text), lambda: "\x00")
        assert replaced == pattern.sub("\x00", text), (company, text)
        out, caseless = finder.replace(text, _caseless(text), lambda: "\x00\ue001\x00")
        assert caseless == _caseless(out), (company, text)


@pytest.mark.parametrize("stored, text, hidden", [
    ("Quill\u202eframe Labs", "offsite at Quillframe Labs", "quillframe"),  # a company with an override inside
    ("Head of Q\u200brill", "the Head of Qrill said", "qrill"),  # a role with a zero-width space inside
    ("Chief \u2067Zorbologist\u2069", "the Chief Zorbologist said", "zorbologist"),  # a role in an isolate
])
def test_a_company_or_role_stored_with_an_invisible_control_is_hidden(stored, text, hidden):
    """The scrubber drops invisible characters (bidi controls, zero-width ones) from a text
    before it looks for anything in it, as it drops them from names; a company or role stored
    with one inside was looked for as stored, so the text, without it, kept it (a company's
    key, made without them, still found most companies; a role has no key)."""
    b = SnapBuilder()
    role = not stored.endswith("Labs")
    b.person("Ann Tag", company=None if role else stored, position=stored if role else None)
    out = Scrubber(b.build())(text)
    assert hidden not in out.casefold() and ("a company" in out or "a role" in out), out


def test_a_private_text_stored_with_an_invisible_control_is_hidden():
    """The same for a note: stored with a bidi control inside, found in a text without it."""
    b = SnapBuilder()
    b.person("Ann Tag")
    snap = b.build()
    snap.people.loc[snap.people.index[0], "notes"] = "moving to \u202eLisbon in May"
    assert Scrubber(snap)("she is moving to Lisbon in May") == "she is [private]"


@pytest.mark.parametrize("text", ["lunch with Ph\u0131l\u0131ppa today", "Y\u0131lmaz said hi", "PH\u0130L\u0130PPA"])
def test_a_name_written_with_a_dotless_or_dotted_i_is_hidden(text):
    """A name's words are compared folded (any case, no accents); a dotless i (Turkish
    spelling, or typed for an i) folded to itself, so "Ph\u0131l\u0131ppa" for a stored
    "Philippa" stayed in a shared report, though the company finders take it for an i."""
    b = SnapBuilder()
    b.person("Philippa Vandersloot")
    b.person("Deniz Yilmaz")
    out = Scrubber(b.build())(text)
    plain = out.casefold().replace("\u0131", "i").replace("i\u0307", "i")
    assert "someone" in out and "philippa" not in plain and "yilmaz" not in plain, out


def test_turkish_text_keeps_its_words_and_finds_a_turkish_name():
    b = SnapBuilder()
    b.person("I\u015f\u0131k Demir")
    scrub = Scrubber(b.build())
    assert scrub("\u0131l\u0131k bir g\u00fcn") == "\u0131l\u0131k bir g\u00fcn"
    assert scrub("Isik ile kahve") == "someone ile kahve" and scrub("I\u015f\u0131k'a") == "someone'a"
