"""The synthetic sample: deterministic, in the real formats, internally consistent."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
import vobject

from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS, TIE_KINDS
from netlib.demo.generator import generate

ROOT = Path(__file__).resolve().parent.parent
END = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("sample"))


def _linkedin(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return list(csv.DictReader(io.StringIO("\n".join(lines[3:]))))


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _known(paths) -> tuple[set[str], set[str]]:
    """Emails and display names that some importable file holds."""
    emails, names = set(), set()
    for r in _linkedin(paths["linkedin"]):
        if r["First Name"]:
            names.add(f'{r["First Name"]} {r["Last Name"]}')
            emails.add(r["Email Address"])
    for card in vobject.readComponents(paths["vcard"].read_text(encoding="utf-8")):
        emails.update(c.value for c in card.getChildren() if c.name == "EMAIL")
    for r in _rows(paths["google"]):
        for key in ("E-mail 1 - Value", "E-mail 2 - Value"):
            emails.update(r[key].split(" ::: "))
    emails.discard("")
    return emails, names


def test_same_seed_same_bytes(tmp_path, sample):
    again = generate(tmp_path)
    for role, path in sample.items():
        assert path.read_bytes() == again[role].read_bytes(), role


def test_other_seed_other_network(tmp_path, sample):
    other = generate(tmp_path, seed=8)
    assert other["linkedin"].read_bytes() != sample["linkedin"].read_bytes()


def test_linkedin_has_the_real_preamble_and_header(sample):
    lines = sample["linkedin"].read_text(encoding="utf-8").split("\n")
    assert lines[0] == "Notes:"
    assert lines[1].startswith('"When exporting your connection data, you may notice')
    assert lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    rows = _linkedin(sample["linkedin"])
    for r in rows:
        assert dt.datetime.strptime(r["Connected On"], "%d %b %Y").date() <= END
    people = [r for r in rows if r["First Name"]]
    assert all(r["URL"].startswith("https://www.linkedin.com/in/") for r in people)
    assert any(r["Last Name"].endswith(", PhD") for r in people)
    assert any("," in r["Company"] for r in people)  # written quoted
    assert any(not any(list(r.values())[:6]) for r in rows)  # a hidden member
    with_email = sum(1 for r in people if r["Email Address"])
    assert 0.05 < with_email / len(people) < 0.2


def test_counts_at_300(sample):
    people = {r["URL"] for r in _linkedin(sample["linkedin"]) if r["URL"]}
    cards = list(vobject.readComponents(sample["vcard"].read_text(encoding="utf-8")))
    google = _rows(sample["google"])
    assert 220 <= len(people) <= 270  # ~80% of 300
    assert 80 <= len(cards) <= 130  # ~35%
    assert 15 <= len(google) <= 45  # ~10%
    interactions = _rows(sample["interactions"])
    assert 600 <= len(interactions) <= 1500
    assert {r["kind"] for r in interactions} <= set(INTERACTION_KINDS)
    assert {r["direction"] for r in interactions} <= set(DIRECTIONS)
    assert max(r["date"] for r in interactions) <= END.isoformat()
    assert 10 <= len(_rows(sample["events"])) <= 14
    ties = _rows(sample["ties"])
    assert 200 <= len(ties) <= 800
    assert {r["kind"] for r in ties} <= set(TIE_KINDS)


def test_every_reference_resolves(sample):
    emails, names = _known(sample)
    refs = [ref for r in _rows(sample["interactions"]) for ref in r["with"].split(";")]
    for r in _rows(sample["events"]):
        refs += [ref for ref in (r["met"].split(";") + r["followed_up"].split(";")) if ref]
    for r in _rows(sample["ties"]):
        refs += [r["a"], r["b"]]
    missing = [ref for ref in refs if (ref[5:] not in names if ref.startswith("name:") else ref not in emails)]
    assert refs and not missing


def test_recent_event_has_people_not_followed_up(sample):
    last = _rows(sample["events"])[-1]
    assert (END - dt.date.fromisoformat(last["date"])).days <= 21
    assert len(set(last["met"].split(";")) - set(last["followed_up"].split(";"))) >= 2


def test_calendar_parses_and_attendees_are_known(sample):
    cal = icalendar.Calendar.from_ical(sample["calendar"].read_bytes())
    emails, _ = _known(sample)
    attendees = set()
    for event in cal.walk("VEVENT"):
        found = event.get("ATTENDEE") or []
        for a in found if isinstance(found, list) else [found]:
            if a.params.get("CUTYPE") == "INDIVIDUAL":
                attendees.add(str(a).removeprefix("mailto:"))
    attendees.discard("alex.morgan@example.com")
    assert len(attendees) > 20
    assert len(attendees - emails) <= 3  # the calendar-only people


def test_committed_sample_is_fresh(sample):
    committed = ROOT / "netlib" / "demo" / "sample"
    for role, path in sample.items():
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"netlib/demo/sample/{path.name} drifted; run python scripts/make_sample.py"
        )


def test_scale_mode_volume(tmp_path):
    paths = generate(tmp_path, people=3000)
    people = [r for r in _linkedin(paths["linkedin"]) if r["First Name"]]
    assert len(people) == 3000  # scale mode: everyone is a LinkedIn connection
    with open(paths["interactions"], encoding="utf-8") as fh:
        interactions = sum(1 for _ in fh) - 1
    with open(paths["ties"], encoding="utf-8") as fh:
        ties = sum(1 for _ in fh) - 1
    assert 8.5 <= interactions / 3000 <= 11.5
    assert 4.0 <= ties / 3000 <= 6.0
    assert paths["vcard"].read_text(encoding="utf-8").count("BEGIN:VCARD") < 600


def test_progress_reaches_its_total(tmp_path):
    seen = []
    generate(tmp_path, people=50, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
