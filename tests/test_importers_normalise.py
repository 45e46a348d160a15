"""Normalising values: emails, LinkedIn URLs, names, identity keys and the CSV formula guard."""

import pytest
from hypothesis import given, strategies as st

from netlib.importers.normalise import (PLACEHOLDER_COMPANIES, clean_name, company_key, hash_key,
                                        is_placeholder_company, name_from_email, name_key, neutralise,
                                        norm_email, norm_linkedin, split_name, unneutralise)
from netlib.store import identity


@pytest.mark.parametrize("raw, url", [
    ("https://www.linkedin.com/in/Jane-Doe/", "https://www.linkedin.com/in/jane-doe"),
    ("http://uk.linkedin.com/in/jane-doe?trk=public_profile#x", "https://www.linkedin.com/in/jane-doe"),
    ("linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
    ("https://example.com/in/jane", None),
    ("", None),
])
def test_norm_linkedin(raw, url):
    assert norm_linkedin(raw) == url


def test_norm_email():
    assert norm_email(" mailto:Jane.Doe@Example.COM ") == "jane.doe@example.com"
    assert norm_email("not an email") is None


@pytest.mark.parametrize("raw, name", [
    ("Jane Doe, PhD", "Jane Doe"),
    ("Jane Doe, PhD, MBA", "Jane Doe"),
    ("Sam Lee (she/her)", "Sam Lee"),
    ("Catherine (Cathy) Doe", "Catherine (Cathy) Doe"),
    ("Martin Luther King, Jr.", "Martin Luther King, Jr."),
    ("  Ana   Lima ", "Ana Lima"),
    ("", None),
])
def test_clean_name(raw, name):
    assert clean_name(raw) == name


def test_split_name_keeps_alias_in_name_only():
    assert split_name("Catherine (Cathy)", "Doe, PhD") == ("Catherine (Cathy) Doe", "Catherine", "Doe")


@pytest.mark.parametrize("email, name", [  # the one rule; the expected names are written by hand
    ("jane.doe@x.com", "Jane Doe"),
    ("bob_smith+cal@x.com", "Bob Smith"),  # a +tag is not part of the name
    ("anne-marie.lee@x.com", "Anne-Marie Lee"),  # a hyphenated name keeps its hyphen
    ("su-bin@x.com", "Su-Bin"),
    ("a.-b@x.com", "A B"),  # stray separators make no empty words
    ("alex.morgan@example.com", "Alex Morgan"),  # the demo's owner
    ("+news@x.com", "+news@x.com"),  # no words: the address itself
])
def test_name_from_email(email, name):
    assert name_from_email(email) == name


def test_hash_key_ignores_case_and_legal_suffix():
    assert hash_key("Omar Haddad", "Initech Inc.") == hash_key("omar  haddad", "initech")
    assert hash_key("Omar Haddad", "Initech") != hash_key("Omar Haddad", "Globex")


@pytest.mark.parametrize("raw, key", [
    ("  José  O'Brien-Smith ", "jose obriensmith"),
    ("ANA LIMA", "ana lima"),
    (None, ""),
    (float("nan"), ""),  # a missing cell in a frame
])
def test_name_key(raw, key):
    assert name_key(raw) == key


@pytest.mark.parametrize("raw, key", [
    ("Acme, Inc.", "acme"),
    ("Initech GmbH", "initech"),
    ("Globex Corp. Ltd", "globex"),  # suffixes dropped until none is left
    ("Self-Employed", ""),
    ("Freelance", ""),
    (None, ""),
])
def test_company_key(raw, key):
    assert company_key(raw) == key


def test_placeholder_companies():
    assert all(is_placeholder_company(c) for c in PLACEHOLDER_COMPANIES)
    assert not is_placeholder_company("Acme") and not is_placeholder_company("") and not is_placeholder_company(None)


def test_the_store_resolves_identity_with_the_same_keys():
    """The keys moved here from netlib.store.identity, which still offers them (one rule, two doors)."""
    for name in ("name_key", "company_key", "is_placeholder_company", "PLACEHOLDER_COMPANIES"):
        assert name in identity.__all__
    assert identity.name_key is name_key and identity.company_key is company_key


@pytest.mark.parametrize("text, cell", [
    ('=HYPERLINK("http://x", "click")', '\'=HYPERLINK("http://x", "click")'),
    ("+49 30 1234", "'+49 30 1234"),
    ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
    ("'=quoted", "''=quoted"),  # an apostrophe a person wrote before a formula is kept
    ("'plain", "'plain"), ("plain", "plain"), ("", ""),
])
def test_neutralise(text, cell):
    assert neutralise(text) == cell
    assert unneutralise(cell) == text


def test_neutralise_none_is_an_empty_cell():
    assert neutralise(None) == ""


@given(st.text(max_size=20))
def test_neutralise_round_trips_and_never_starts_a_formula(text):
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.emails())
def test_name_from_email_always_gives_a_name(email):
    name = name_from_email(email)
    assert name and name == name.strip() and "  " not in name
