"""Identity under hostile input (issue 14): two LinkedIn profiles are never one person, and a
placeholder (``n/a``, ``-``, an empty profile path) is no evidence at all. Real imports into
a real SQLite file."""

import datetime as dt

import pytest

from netlib.store.core import Store
from netlib.store.identity import profile

PREAMBLE = "Notes:\n\"...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
D = dt.date(2026, 11, 25)


def test_rows_sharing_an_email_with_different_profiles_stay_apart(tmp_path):
    path = tmp_path / "Connections.csv"
    rows = [f"P{i},Family,https://www.linkedin.com/in/p{i}-family,home@family.example,,,01 Mar 2025"
            for i in range(50)]
    path.write_text(PREAMBLE + "\n".join(rows) + "\n")
    with Store(tmp_path / "g.db") as store:
        report = store.import_file(path, today=D)
        people = store.people()
        assert report.added == 50 and len(people) == 50
        again = store.import_file(path, today=D)
        assert again.added == 0 and len(store.people()) == 50  # re-importing changes nothing


def test_a_row_with_the_same_profile_and_email_still_merges(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(PREAMBLE + "Jane,Doe,https://www.linkedin.com/in/jane-doe,jane@x.example,Acme,,01 Mar 2025\n")
    b.write_text("name,emails,linkedin_url\nJane Doe,jane@x.example,http://uk.linkedin.com/in/Jane-Doe/\n")
    with Store(tmp_path / "g.db") as store:
        store.import_file(a, today=D)
        store.import_file(b, today=D)
        assert len(store.people()) == 1


@pytest.mark.parametrize("placeholder", ["n/a", "-", "none", "https://www.linkedin.com/in/", "linkedin.com"])
def test_placeholder_profiles_never_match(tmp_path, placeholder):
    path = tmp_path / "people.csv"
    path.write_text("name,company,linkedin_url\n"
                    f"Ann Alpha,Acme,{placeholder}\nBob Beta,Initech,{placeholder}\nCid Gamma,,{placeholder}\n")
    with Store(tmp_path / "g.db") as store:
        store.import_file(path, today=D)
        assert sorted(p["name"] for p in store.people()) == ["Ann Alpha", "Bob Beta", "Cid Gamma"]


def test_profile_is_the_evidence_rule():
    assert profile("https://WWW.linkedin.com/in/Jane-Doe?trk=x") == "https://www.linkedin.com/in/jane-doe"
    for value in ("n/a", "-", "", None, "https://www.linkedin.com/in/", "https://www.linkedin.com/company/acme",
                  "https://linkedin.com/in/--"):
        assert profile(value) is None, value
