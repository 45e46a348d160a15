"""The scrubber: a redacted report's second line of defence (the first is building it from
safe fields only, :mod:`netlib.report.redact`). It rewrites free text so it names nobody."""

from __future__ import annotations

import re
from functools import lru_cache
from re._casefix import _EXTRA_CASES  # what IGNORECASE takes as one letter beyond lower case

import _sre

import numpy as np
import pandas as pd

from netlib.importers.normalise import BIDI_CONTROLS, company_key, fold as _accentless

__all__ = ["Held", "Scrubber"]

#: An e-mail address is a run of these, "@" and a domain: found from each "@" (:func:`_emails`).
_LOCAL = re.compile(r"[\w.+-]*")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|linkedin\.com/\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?!\d{4}-\d{2}-\d{2})\+?\d[\d ()./-]{6,}\d")  # not ISO dates
_WORD = re.compile(r"\w+", re.UNICODE)
#: Pieces of a word: "Farewell_Zqdoe" -> Farewell, Zqdoe; "ZqdoeParty2026" -> Zqdoe, Party.
_PIECE = re.compile(r"[^\W\d_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de])")
_INVISIBLE = re.compile(f"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff{BIDI_CONTROLS}]")
#: Scripts written without spaces between words (or, as Korean, with particles and titles
#: written onto a name): a name in them is found inside any text. Read on folded names, where a
#: Hangul syllable is its jamo (U+1100-U+11FF).
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: A mark stands for a text the scrubber does not read again (the redaction's own words, or a
#: replacement already made): NUL, its number in private-use digits, NUL. No name, company or
#: private text can match inside one (none has these characters; none is a word character).
_DIGITS = str.maketrans("0123456789", "".join(map(chr, range(0xE000, 0xE00A))))
_UNDIGITS = {mark: digit for digit, mark in _DIGITS.items()}
_MARKED = re.compile("\x00([\ue000-\ue009]+)\x00")


def _fold(text: str) -> str:
    """A text as names are compared here: :func:`netlib.importers.normalise.fold` (any case,
    no accents), and a dotless "\u0131" as "i", as the company finders' IGNORECASE takes it:
    "Ph\u0131l\u0131ppa" is "Philippa" ("Y\u0131lmaz" typed for a "Yilmaz" stored), one character
    for one, so :func:`_fold_replace` finds the same places."""
    folded = _accentless(text)
    return folded.replace("\u0131", "i") if "\u0131" in folded else folded


class Held:
    """Texts put into a text that is then scrubbed, to be left as they are: the redaction's
    own words (a label such as "Event 1", a pseudonym, "a company"), which a company or a
    name spelt the same must not rewrite. ``held(text)`` is the mark to put in the text;
    :meth:`around` scrubs what lies between the marks and puts the held texts back.

    >>> held = Held(); text = f"Met at {held('Event 1')}."
    >>> held.around(text, str.upper)
    'MET AT Event 1.'
    """

    def __init__(self):
        self.texts: list[str] = []

    def __call__(self, text: str) -> str:
        self.texts.append(text)
        return "\x00" + str(len(self.texts) - 1).translate(_DIGITS) + "\x00"

    def around(self, text: str, scrub) -> str:
        """``text`` with each piece between marks passed through ``scrub``, and the marks
        replaced by the texts they hold (a mark not made here by nothing)."""
        parts = _MARKED.split(text)  # pieces of text at even places, a mark's digits at odd ones
        return "".join(_put_back(self.texts, p) if i % 2 else scrub(p) for i, p in enumerate(parts))


def _texts(value) -> list[str]:
    """The texts of a cell (a list's items), as the scrubber reads a text: without invisible
    characters (a company, role or note stored with a bidi control inside is found in a text
    written without it, as a name is)."""
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, str) and (value := _INVISIBLE.sub("", value).strip()):
        return [value]
    return []


class Scrubber:
    """Rewrites free text so it names nobody; built from a snapshot's private data.

    ``scrub(text, names={pid: pseudonym})``: the real names of ``names``' people become
    their pseudonyms, any other name word "someone", companies "a company" and positions
    "a role" (unless kept; never a text that is also one of your tags), private texts (notes,
    learned, summaries, what you planned), emails, URLs and phones "[private]". A company or
    role is found anywhere, inside a word too, unless it is short (:func:`_company_pattern`).
    Each replacement is final: no later one reads it again (a company named "company" does
    not make "a company" "a a company"). To leave words of your own in a text, see :class:`Held`.
    """

    def __init__(self, snapshot, *, keep_companies=False, owner_name=""):
        people = snapshot.people
        self.full = {}
        words = set()
        for pid, name, first, last in zip(people.index, people["name"], people.get("first_name", pd.Series(dtype=object)).reindex(people.index),
                                          people.get("last_name", pd.Series(dtype=object)).reindex(people.index)):
            if isinstance(name, str) and name.strip():
                self.full[int(pid)] = name.strip()
            for text in (name, first, last):
                if isinstance(text, str):
                    words.update(_fold(w) for w in _WORD.findall(_INVISIBLE.sub("", text)) if len(w) >= 2)
        for w in _WORD.findall(owner_name or ""):
            words.add(_fold(w))
        self.words = words
        # names in scripts without spaces (和李伟吃饭) are found as substrings, longest first
        self.unspaced = sorted({w for w in words if len(w) >= 2 and _UNSPACED.search(w)}, key=len, reverse=True)
        private = []
        for col in ("notes", "linkedin_url"):
            if col in people:
                private += [t for v in people[col] for t in _texts(v)]
        for col in ("emails", "phones"):
            if col in people:
                private += [t for v in people[col] for t in _texts(v)]
        private += [t for v in snapshot.interactions.get("summary", []) for t in _texts(v)]
        private += [t for v in snapshot.event_people.get("learned", []) for t in _texts(v)]
        private += [t for v in snapshot.events.get("notes", []) for t in _texts(v)]
        plans = getattr(snapshot, "plans", None)
        if plans is not None and "what" in plans:  # what you intend with someone is yours
            private += [t for v in plans["what"] for t in _texts(v)]
        self.private = sorted({t for t in private if len(t) >= 3}, key=len, reverse=True)
        # your tags are kept (they carry the story): a tag that is also a company or a role stays
        tags = {t.casefold() for v in people.get("tags", []) for t in _texts(v)}
        self.companies = []  # (its finder, what it becomes), longest first
        if not keep_companies:
            found = set()
            for col, word in (("company", "a company"), ("position", "a role")):
                if col in people:
                    texts = [t for v in people[col] for t in _texts(v) if t.casefold() not in tags]
                    found |= {(t, word) for t in texts}
                    if col == "company":  # "Blorptech" for "Blorptech GmbH"
                        keys = (company_key(c) for c in texts)
                        found |= {(k, word) for k in keys if k and len(k) >= 3 and k.casefold() not in tags}
            self.companies = [(_company_pattern(t), word)
                              for t, word in sorted(found, key=lambda c: len(c[0]), reverse=True)]

    def __call__(self, text, names: dict | None = None) -> str:
        if not isinstance(text, str) or not text:
            return "" if text is None or (isinstance(text, float) and np.isnan(text)) else text
        names = names or {}
        marks = Held()  # each replacement made, as a mark: read by nothing after
        text = _MARKED.sub("", _INVISIBLE.sub("", text.split(" You noted:")[0]))  # no mark but ours
        for t in self.private:
            if t in text:
                text = text.replace(t, marks("[private]"))
        text = _emails(text, lambda: marks("[private]"))
        for pattern in (_URL, _PHONE):
            text = pattern.sub(lambda m: marks("[private]"), text)
        for pid, pseudonym in names.items():
            real = self.full.get(int(pid))
            if real and real in text:
                text = text.replace(real, marks(pseudonym))
        caseless = _caseless(text)  # as the finders read it: once, then kept up to date
        for finder, word in self.companies:
            if finder.key in caseless:
                text, caseless = finder.replace(text, caseless, lambda: marks(word))
        folded = _fold(text)
        for name in self.unspaced:
            if name in folded:
                text = _fold_replace(text, name, marks("someone"))
                folded = _fold(text)
        text = _WORD.sub(lambda m: "someone" if self._names(m.group(0)) else m.group(0), text)
        return marks.around(text, lambda piece: piece)

    def _names(self, word: str) -> bool:
        """Whether a word is, or is made of, a name: whole, or a piece of it joined by ``_``,
        digits or a capital ("Farewell_Zqdoe", "Zqdoe2026", "ZqdoeParty"), accents ignored."""
        if _fold(word) in self.words:
            return True
        pieces = [q for p in _PIECE.findall(word) for q in _CAMEL.split(p) if q]
        return any(_fold(p) in self.words for p in pieces)


#: A company or role this short is found only as a word of its own (not beside a letter):
#: "ING" inside "meeting", "GE" inside "message", "Eng" inside "length" is chance, not them.
_SHORT = 4


def _company_pattern(text: str) -> "_Literal":
    """Where ``text`` (a company, its key or a role) is in a text, any case: anywhere, or for
    one of up to :data:`_SHORT` characters, not beside a letter ("GE2026" and "GE_offsite" are
    found, "message" is not). A :class:`_Literal`, which finds what
    ``re.compile(re.escape(text), re.I)`` would (a pattern of a company of millions of
    characters takes seconds to compile), a short one with that pattern itself."""
    if len(text) > _SHORT:
        return _Literal(text)
    return _Literal(text, re.compile(rf"(?<![^\W\d_]){re.escape(text)}(?![^\W\d_])", re.IGNORECASE))


class _Literal:
    """A text found in any case as ``re.compile(re.escape(text), re.IGNORECASE)`` finds it:
    a character matches one of the text's when both have the same simple lower case (the
    pattern's ``_sre.unicode_tolower``) or are among its few extra equivalents ("s" and "\u017f",
    "i" and "\u0131"): each character is mapped to one of its class (:func:`_caseless`), then
    ``str.find``. Linear in the texts' lengths, compiled in no time. Or, given a ``pattern``
    that finds no more than that, found by the pattern."""

    def __init__(self, text: str, pattern: re.Pattern | None = None):
        self.key = _caseless(text)  # the text is in a text only where this is in its _caseless form
        self.pattern = pattern

    def replace(self, text: str, caseless: str, by) -> tuple[str, str]:
        """``text`` with each occurrence (leftmost first, not overlapping) replaced by ``by()``,
        and its :func:`_caseless` form, given as ``caseless`` and returned changed the same way
        (a replacement must be its own caseless form, as a :class:`Held` mark is): nothing is
        mapped again."""
        out, folded, done = [], [], 0
        for start, stop in (m.span() for m in self.pattern.finditer(text)) if self.pattern else self._spans(caseless):
            mark = by()
            out += [text[done:start], mark]
            folded += [caseless[done:start], mark]
            done = stop
        if not out:
            return text, caseless
        return "".join(out) + text[done:], "".join(folded) + caseless[done:]

    def _spans(self, caseless: str):
        size = len(self.key)
        at = caseless.find(self.key)
        while at >= 0:
            yield at, at + size
            at = caseless.find(self.key, at + size)


@lru_cache(maxsize=4096)
def _case_class(ch: str) -> str:
    """One character standing for every character a pattern's IGNORECASE takes for ``ch``."""
    lower = _sre.unicode_tolower(ord(ch))
    return chr(min((lower, *_EXTRA_CASES.get(lower, ()))))


def _caseless(text: str) -> str:
    """``text`` with each character replaced by its :func:`_case_class` (as long as ``text``)."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(c): _case_class(c) for c in set(text)})


def _emails(text: str, by) -> str:
    """``text`` with each e-mail address (``[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+``, found as
    ``re.sub`` finds it) replaced by ``by()``; found from each "@" (the pattern itself, tried
    from each character of a long run of letters with no "@", takes time quadratic in it):
    the run before the "@" (read on the reversed text) and the domain after it."""
    at = text.find("@")
    if at < 0:
        return text
    backwards, size, out, done = text[::-1], len(text), [], 0
    while at >= 0:
        start = max(at - (_LOCAL.match(backwards, size - at).end() - (size - at)), done)
        domain = _DOMAIN.match(text, at + 1) if start < at else None
        if domain is None:
            at = text.find("@", at + 1)
            continue
        out += [text[done:start], by()]
        done = domain.end()
        at = text.find("@", done)
    return "".join(out) + text[done:] if out else text


def _put_back(texts: list[str], digits: str) -> str:
    """The text a mark stands for ("" for a mark the text came with: none of ours)."""
    n = int(digits.translate(_UNDIGITS))
    return texts[n] if n < len(texts) else ""


def _fold_replace(text: str, folded_name: str, by: str) -> str:
    """``text`` with each run whose folded form is ``folded_name`` replaced by ``by``: from
    left to right, the first place a run starts, the shortest run there, and at most 4
    characters per folded one (accents beyond that are left). Linear in ``text``: a
    character's fold does not depend on its neighbours, so the folded text is each
    character's fold in turn, and a run is where the name is in it and both its ends fall
    between two characters' folds (``ends[k]``: where character ``k``'s fold ends)."""
    size = len(folded_name)
    if not size:
        return text
    folds = {c: _fold(c) for c in set(text)}
    folded = text.translate({ord(c): f for c, f in folds.items()})
    if all(len(f) == 1 for f in folds.values()):
        ends = None  # a character to a character: the places are the same (Chinese, Latin)
    else:
        chars, where = np.unique(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32),
                                 return_inverse=True)
        sizes = np.array([len(folds[chr(c)]) for c in chars], dtype=np.int64)
        ends = np.concatenate(([0], np.cumsum(sizes[where])))  # the fold of text[i:j] is folded[ends[i]:ends[j]]
    out, done = [], 0
    at = folded.find(folded_name)
    while at >= 0:
        if ends is None:
            start, stop = at, at + size
        else:  # the characters whose folds start at ``at``, and the first one after the name
            first, last = np.searchsorted(ends, at, "left"), np.searchsorted(ends, at, "right")
            stop = int(np.searchsorted(ends, at + size, "left"))
            start = max(int(first), done, stop - 4 * size)
            if ends[first] != at or start >= last or stop >= len(ends) or ends[stop] != at + size:
                at = folded.find(folded_name, at + 1)
                continue
        out += [text[done:start], by]
        done = stop
        at = folded.find(folded_name, at + size)
    return "".join(out) + text[done:] if out else text
