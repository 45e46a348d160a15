"""Normalising values for matching and storing: cells, emails, LinkedIn URLs, names, the keys
that say two records are one person, and the guard that keeps a CSV cell from running as a formula.

Everything here is a pure function of its arguments; the importers call it while reading and the
store calls the keys while resolving identity (:mod:`netlib.store.identity`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "digits",
    "fold",
    "plural",
    "clean",
    "norm_email",
    "norm_linkedin",
    "linkedin_profile",
    "clean_name",
    "display_name",
    "first_word",
    "split_name",
    "name_from_email",
    "name_key",
    "company_key",
    "is_placeholder_company",
    "PLACEHOLDER_COMPANIES",
    "hash_key",
    "neutralise",
    "unneutralise",
]

#: The explicit bidirectional embedding, override and isolate controls (U+202A-U+202E,
#: U+2066-U+2069), as the body of a regular expression's character class: what is dropped
#: from shown text (:func:`netlib.garden.terms.shown`), escaped in the terminal and ignored
#: when scrubbing.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"


def digits(text: str) -> bool:
    """True when ``text`` is one or more of the digits 0-9 (``str.isdigit`` also takes "²"
    and other digits that ``int`` cannot read)."""
    return text.isascii() and text.isdigit()


# -- cells, emails, profile URLs ---------------------------------------------------------
def clean(value) -> str | None:
    """A cell stripped of whitespace and NUL bytes; empty becomes None."""
    if value is None:
        return None
    value = str(value).replace("\x00", "").strip()
    return value or None


def norm_email(value) -> str | None:
    """``' Jane@X.com '`` -> ``'jane@x.com'``; a ``mailto:`` prefix dropped; None if no ``@``."""
    if not value:
        return None
    value = str(value).strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    value = value.strip().strip("<>").strip().lower()
    return value if "@" in value and " " not in value else None


def norm_linkedin(value) -> str | None:
    """A LinkedIn profile URL in one spelling: ``https://www.linkedin.com/in/<slug>``.

    Scheme, host variant (``uk.``, none), case, query, fragment and trailing slash are
    dropped. None when the value is not a LinkedIn URL.

    >>> norm_linkedin("http://UK.LinkedIn.com/in/Jane-Doe/?trk=abc")
    'https://www.linkedin.com/in/jane-doe'
    """
    if not value:
        return None
    text = str(value).strip()
    low = text.lower()
    at = low.find("linkedin.com")
    if at < 0:
        return None
    path = low[at + len("linkedin.com"):]
    for stop in "?#":
        cut = path.find(stop)
        if cut >= 0:
            path = path[:cut]
    path = path.rstrip("/")
    if not path.startswith("/"):
        return None
    return "https://www.linkedin.com" + path


def linkedin_profile(url) -> str | None:
    """A LinkedIn URL as identity evidence: the profile in one spelling, or None for a value
    that names no one (``n/a``, ``-``, ``https://linkedin.com/in/``, a company page).

    >>> linkedin_profile("http://uk.linkedin.com/in/Jane-Doe/"), linkedin_profile("n/a")
    ('https://www.linkedin.com/in/jane-doe', None)
    """
    url = norm_linkedin(url)
    if not url:
        return None
    parts = url[len("https://www.linkedin.com/"):].split("/")
    if len(parts) < 2 or parts[0] not in ("in", "pub") or not parts[1].strip("-_. "):
        return None
    return url


# -- names ----------------------------------------------------------------------------------
_CREDENTIALS = {
    "phd", "ph.d", "ph.d.", "mba", "md", "m.d.", "cpa", "pmp", "msc", "m.sc", "m.sc.", "ms", "ma", "bsc",
    "b.sc", "ba", "cfa", "jd", "esq", "esq.", "pe", "cissp", "shrm-cp", "shrm-scp", "phr", "sphr", "rn",
    "dds", "do", "dvm", "llm", "ll.m.", "meng", "beng", "mph", "cpa,", "acca", "aca", "fca", "cima",
    "csm", "pmi-acp", "dipl.-ing.", "dr", "dr.", "prof", "prof.", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
    "mfa", "edd", "psyd", "frcs", "mrcp", "facs", "pcc", "acc", "mcc", "cfp", "cma", "cia", "cisa",
}
_SUFFIX_KEEP = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_SPACES = re.compile(r"\s+")


def _is_credential(part: str) -> bool:
    tokens = part.replace("/", " ").split()
    if not tokens:
        return True
    for tok in tokens:
        low = tok.lower().strip(",")
        if low in _CREDENTIALS:
            continue
        letters = tok.replace(".", "").replace("-", "")
        if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
            continue  # MBA, CISSP, FRSA...
        return False
    return True


def clean_name(value) -> str | None:
    """A person's name without trailing credentials or pronouns; aliases kept.

    ``'Jane Doe, PhD'`` -> ``'Jane Doe'``; ``'Sam Lee (she/her)'`` -> ``'Sam Lee'``;
    ``'Catherine (Cathy) Doe'`` stays as it is (the alias helps you recognise them).
    """
    if not value:
        return None
    text = (value if isinstance(value, str) else str(value)).replace("\x00", "").strip()
    if "(" not in text and "," not in text:
        return " ".join(text.split()) or None
    if "(" in text:
        def paren(m):
            inner = m.group(1)
            if "/" in inner or _is_credential(inner):
                return ""
            return m.group(0)
        text = _PAREN.sub(paren, text)
    if "," in text:
        parts = text.split(",")
        while len(parts) > 1 and _is_credential(parts[-1]) and parts[-1].strip().lower() not in _SUFFIX_KEEP:
            parts.pop()
        text = ",".join(parts)
    text = _SPACES.sub(" ", text).strip(" ,")
    return text or None


def first_word(value: str | None) -> str | None:
    """The first name proper: ``'Catherine (Cathy)'`` -> ``'Catherine'``."""
    if not value or "(" not in value:
        return value or None
    text = _PAREN.sub("", value).strip()
    return text or value


def split_name(first, last) -> tuple[str | None, str | None, str | None]:
    """(name, first_name, last_name) from two cells, cleaned."""
    first = clean_name(first)
    last = clean_name(last)
    name = (first + " " + last) if first and last else (first or last)
    return name, first_word(first), last


def display_name(text) -> str | None:
    """A person's name as a calendar or a mail header writes it: quotes gone, None when it
    is an email address, Outlook's 'Doe, Jane' turned round.

    >>> display_name('"Doe, Jane"'), display_name("jane@x.example")
    ('Jane Doe', None)
    """
    if not text:
        return None
    name = clean_name(str(text).strip().strip('"\'').strip())
    if not name or norm_email(name):
        return None
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if first and last:
            name = f"{first} {last}"
    return name


def name_from_email(email: str) -> str:
    """A readable name from an address, for a person known only by it (netlib's one rule).

    The part before ``@``, without a ``+tag``, split into words at ``.`` and ``_``; each word,
    and each part of a hyphenated word, starts with a capital (the rest kept as written). An
    address with no such words is returned as it is.

    >>> name_from_email("jane.doe@x.com"), name_from_email("bob_smith+cal@x.com")
    ('Jane Doe', 'Bob Smith')
    >>> name_from_email("anne-marie.lee@x.com")
    'Anne-Marie Lee'
    >>> name_from_email("+news@x.com")
    '+news@x.com'
    """
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = ["-".join(p[:1].upper() + p[1:] for p in w.split("-") if p) for w in _EMAIL_WORD.split(local)]
    words = [w for w in words if w]
    return " ".join(words) if words else email


_EMAIL_WORD = re.compile(r"[._]+")


# -- identity keys ------------------------------------------------------------------------
_PUNCT = re.compile(r"[^\w\s]")
_COMPANY_SUFFIX = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|gmbh|ag|sa|plc|corp|corporation|co|bv|srl|oy|ab)\b\.?$"
)


def fold(text: str) -> str:
    """Lower case without accents, for comparing what people type: "Siobhán" -> "siobhan".

    >>> fold("José ÅSTRÖM")
    'jose astrom'
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name: str | None) -> str:
    """A name folded for matching: case, accents, punctuation and spacing ignored.

    >>> name_key("  José  O'Brien-Smith ")
    'jose obriensmith'
    """
    if not isinstance(name, str) or not name:  # None, NaN from a frame, empty
        return ""
    text = _PUNCT.sub("", fold(name))
    return _SPACES.sub(" ", text).strip()


#: What people write where a company goes when they have none: never a shared workplace.
PLACEHOLDER_COMPANIES = (
    "self-employed", "self employed", "freelance", "freelancer", "independent", "independent consultant",
    "consultant", "retired", "student", "unemployed", "none", "n/a", "na", "-", "private", "confidential",
    "stealth", "stealth mode", "stealth startup", "various", "open to work", "looking for opportunities",
    "looking for new opportunities", "career break", "sabbatical", "own company", "my own company",
)


def company_key(company: str | None) -> str:
    """A company folded for matching; legal suffixes (Inc., GmbH...) dropped, and ``""`` for
    placeholders such as "Self-employed" or "Freelance" (no workplace to share).

    >>> company_key("Acme, Inc.")
    'acme'
    >>> company_key("Self-Employed")
    ''
    """
    key = name_key(company)
    previous = None
    while key and key != previous:
        previous = key
        key = _COMPANY_SUFFIX.sub("", key).strip()
    return "" if key in _PLACEHOLDER_KEYS else key


def is_placeholder_company(company: str | None) -> bool:
    """True for "Self-employed", "Freelance", "Retired"... (text that names no workplace)."""
    return bool(company and str(company).strip()) and not company_key(company)


_PLACEHOLDER_KEYS = frozenset(name_key(c) for c in PLACEHOLDER_COMPANIES) | {""}


def hash_key(*parts) -> str:
    """A stable key from a name and a company (folded, so case and accents do not matter)."""
    name = name_key(parts[0]) if parts else ""
    rest = [company_key(p) for p in parts[1:2]] + [str(p or "").strip().lower() for p in parts[2:]]
    text = "\x1f".join([name, *rest])
    return "hash:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- the CSV formula guard ---------------------------------------------------------------
#: What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: After a leading apostrophe, what shows the apostrophe was added by :func:`neutralise`.
_GUARDED = "=+-@\t\r'"


def neutralise(value) -> str:
    """A cell safe to open in a spreadsheet: a formula-like cell gets a leading apostrophe.

    A cell that already starts with an apostrophe before such a character gets one more, so
    :func:`unneutralise` gives back exactly what was written.

    >>> neutralise('=HYPERLINK("http://x", "click")')
    '\\'=HYPERLINK("http://x", "click")'
    >>> neutralise("+49 30 1234")
    "'+49 30 1234"
    >>> neutralise(None)
    ''
    """
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) or (text[:1] == "'" and text[1:2] and text[1] in _GUARDED):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise` when reading netlib's own CSV back.

    >>> unneutralise("'+49 30 1234")
    '+49 30 1234'
    """
    if text[:1] == "'" and text[1:2] and text[1] in _GUARDED:
        return text[1:]
    return text


def plural(n, word: str, words: str | None = None) -> str:
    """A count with its word, singular or plural: the one way netlib writes "1 person",
    "3 records" (here, at the bottom of the stages, so the store's messages use it too).

    >>> plural(1, "person", "people"), plural(3, "day"), plural(0, "coffee"), plural(1200, "record")
    ('1 person', '3 days', '0 coffees', '1,200 records')
    """
    n = int(round(n))
    return f"{n:,} " + (word if n == 1 else (words or word + "s"))
