"""The garden's terms, once: the names of the rings and health states, their colours, and
how any value of the garden is written as text for a person (:func:`display_text`), at most
how many characters of it are shown (:func:`shown`).

Plain Python (no pandas), so that every part that shows or computes them (the analysis,
the map, the report, explore) takes the same ones from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math
import re

from netlib.importers.normalise import BIDI_CONTROLS

__all__ = ["RINGS", "HEALTH", "HEALTH_COLOURS", "SHOWN", "SHOWN_LONG", "ELLIPSIS", "display_text", "ENDS",
           "shown", "shown_all", "html_shown", "sentence_html", "Private", "words"]

#: The rings of closeness, after Dunbar's layers (see :mod:`netlib.garden.rings`).
RINGS = {1: "inner circle", 2: "close", 3: "friends", 4: "meaningful", 5: "wider network", 6: "acquaintances"}
#: The health states of a tie, in this order everywhere (see :func:`netlib.garden.rings.health`).
HEALTH = ("seedling", "thriving", "needs water", "wilting", "dormant")
#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
HEALTH_COLOURS = {
    "seedling": "#56B4E9",  # sky blue: new, still taking root
    "thriving": "#009E73",  # bluish green
    "needs water": "#E69F00",  # orange
    "wilting": "#D55E00",  # vermillion
    "dormant": "#9A9A9A",  # grey
}


#: Characters of one stored text shown to a person at most (a name, company, position, tag,
#: event name, place, cluster label): an importer takes a cell of up to 16 MB, and a text that
#: long would make every page that shows it as long. Longer ones end in :data:`ELLIPSIS`;
#: the store keeps them whole (an export, ``people show --json``: all of it).
SHOWN = 200
#: The same for a text made of several of them (a checklist reason, a list of names) or one
#: you wrote (a note, what you learned, a summary).
SHOWN_LONG = 2000
ELLIPSIS = "\u2026"


#: The explicit bidirectional controls: embeddings and overrides (U+202A-U+202E) and isolates
#: (U+2066-U+2069). One left open (a cut can drop its close: U+202C, U+2069) turns what follows
#: on the line, netlib's own words too, right to left; shown text has none. Letters keep their
#: own direction (Hebrew and Arabic read right to left by themselves); the store keeps them.
#: A run is one match: a field of millions of them is read in one pass, not a match each.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]+")
#: What :func:`display_text` (and the map's columns, at once) takes off a text's ends: white
#: space (what ``str.strip`` takes: none lies above U+3000) and the bidirectional controls (all
#: below U+3000 too), in one pass, as if the controls were dropped first: "\u202e Ann" is "Ann", not " Ann". (A control inside the text is dropped by :func:`shown`.)
ENDS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() or _BIDI.match(c))


def shown(text: str, most: int = SHOWN) -> str:
    """``text`` as shown to a person: without explicit bidirectional controls (:data:`_BIDI`),
    at most ``most`` characters, the last an ellipsis when it is cut (as
    :func:`netlib.cli.common.terminal_text` cuts a terminal's column). Cut before escaping,
    so no escape is cut in two. Reads only as much of ``text`` as it shows, about, and
    the controls it drops (a text of controls: all of it, about twice, a run a match).

    >>> shown("Evangeline Smith", 11), shown("Ann", 3), shown("\\u202eEve\\u202c")
    ('Evangeline\u2026', 'Ann', 'Eve')
    """
    if len(text) <= most and (text.isascii() or not _BIDI.search(text)):  # the usual text, at once
        return text
    end = most + 1  # enough to tell whether it is cut, unless controls are dropped: then more
    head = _BIDI.sub("", text[:end])
    while len(head) <= most and end < len(text):
        end *= 2
        head = _BIDI.sub("", text[:end])
    return head if len(head) <= most else head[:max(most - 1, 0)] + ELLIPSIS


def shown_all(texts: list, most: int = SHOWN) -> list:
    """:func:`shown` of each of ``texts``: the list itself when none is longer than ``most``
    or holds a control (the usual column: one pass of ``len`` and one search).

    >>> shown_all(["Ann", "Bo"]), shown_all(["Ann", "\\u202eBo"]), shown_all(["Evangeline"], 5)
    (['Ann', 'Bo'], ['Ann', 'Bo'], ['Evan\u2026'])
    """
    if not texts or (len(max(texts, key=len)) <= most and not _BIDI.search("".join(texts))):
        return texts
    return [shown(t, most) for t in texts]


def display_text(value, most: int = SHOWN) -> str:
    """Any cell of the garden as plain text for a person (not escaped: escape where shown),
    without the white space and bidirectional controls at its ends (:data:`ENDS`), at most
    ``most`` characters (:func:`shown`).

    Missing values (None, NaN, NaT) are ``""``; a timestamp at midnight is its ISO date;
    a float has two decimals; a list (or array) is its items' texts joined by ", ".

    >>> display_text(float("nan")), display_text(0.5), display_text(["a", None, 3]), display_text("\\u202e Ann")
    ('', '0.50', 'a, , 3', 'Ann')
    >>> display_text(dt.datetime(2026, 11, 2)), display_text("x" * 500)[-3:], len(display_text("x" * 500))
    ('2026-11-02', 'xx\u2026', 200)
    """
    if isinstance(value, str):  # the usual cell, first
        return shown(value.strip(ENDS), most)
    return shown(_plain(value, most), most)


#: Letters of the right-to-left scripts: the Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan
#: and Mandaic blocks, Hebrew and Arabic presentation forms, and the right-to-left blocks of
#: the supplementary planes (Phoenician to Elymaic, Mende Kikakui to Arabic mathematics).
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
#: Between two of them, still one run: spaces and marks (joiners, combining accents, LRM/RLM)
#: with at most a number among them ("סניף 2 תל אביב"), or punctuation and digits with no space
#: (the ASCII quote of Hebrew abbreviations: ד"ר, בע"מ). A comma and a space, netlib's "and",
#: a word in Latin letters end a run: a list of names keeps its order.
_GAP = "\\s\u0300-\u036f\u200b-\u200f"
_JOIN = "!-/0-9:-@\\[-`{-~\u00a1-\u00bf\u2010-\u2027"
_RUN = re.compile(f"[{_RTL}](?:(?:[{_GAP}]+(?:[0-9]+[{_GAP}]+)?|[{_JOIN}]+)?[{_RTL}])*")


def html_shown(value, most: int = SHOWN, *, whole: bool = False) -> str:
    """``value`` as HTML text: :func:`display_text` (at most ``most`` characters), escaped,
    and each run of right-to-left letters (:data:`_RUN`) isolated in ``<bdi>``, so that the
    bidirectional algorithm does not draw netlib's own numbers and punctuation beside it
    (a date, ", 4 times") inside the run, in the wrong place. Each piece is escaped by itself:
    a tag lands only between two escaped characters, never inside an entity. Text without
    such letters is ``html.escape(display_text(value, most))``, unchanged.

    ``whole``: a ``str`` value is one text (a name, a company, an event, a table's cell), not
    a sentence netlib made: with a right-to-left letter it is isolated whole, in one ``<bdi>``
    whose direction is its first strong letter's, so its own commas, dashes, brackets and
    numbers ("כהן, משה", "בנק הפועלים (ישראל)", "כנס 2026") stay where its script puts them;
    split into runs, its pieces were drawn left to right, in reverse.

    >>> html_shown("<b>Ann</b> & Bo"), html_shown(None), html_shown("<" * 300)[-5:]
    ('&lt;b&gt;Ann&lt;/b&gt; &amp; Bo', '', '&lt;…')
    >>> html_shown("Met سلام حداد at מפגש, 2026-11-03 & <i>")
    'Met <bdi>سلام حداد</bdi> at <bdi>מפגש</bdi>, 2026-11-03 &amp; &lt;i&gt;'
    >>> html_shown("כהן, משה", whole=True), html_shown("Ann, Bo", whole=True)
    ('<bdi>כהן, משה</bdi>', 'Ann, Bo')

    With ``whole``, a list (or tuple, array) is several such texts (names): each shown as one,
    at most :data:`SHOWN` characters, isolated whole; joined by netlib's ", " outside them; the
    whole cut at ``most`` as :func:`display_text` cuts the joined text, the ellipsis inside the
    isolate of the text it cuts (:func:`_texts_html`). Without a right-to-left letter: as before.

    >>> html_shown(["כהן, משה", "Ann"], whole=True), html_shown(["Ann", "כהן, משה"], 9, whole=True)
    ('<bdi>כהן, משה</bdi>, Ann', 'Ann, <bdi>כהן…</bdi>')
    """
    if whole and _is_list(value):
        return _texts_html(value, most)
    text = display_text(value, most)
    if text.isascii():  # the usual text: no right-to-left letter
        return html.escape(text)
    return _whole_html(text) if whole and isinstance(value, str) else _runs_html(text)


def sentence_html(parts: dict, part: str, text: str, most: int = SHOWN_LONG) -> str:
    """``text``, a sentence :func:`words` made from ``parts[part]`` (its template and fields,
    as a checklist item keeps them), as HTML: each text put in isolated whole (as
    :func:`html_shown` with ``whole``), so a name's or an event's own comma or number stays
    with it; the template's words escaped, their right-to-left runs isolated. Where ``parts``
    has no ``part``, or the sentence made again is not ``text`` (cut, or written again by a
    redaction), :func:`html_shown` of ``text``.

    >>> where = Private("event", 1, "כנס 2026")
    >>> sentence_html({"why": ("Met at {e} & more.", {"e": where})}, "why", "Met at כנס 2026 & more.")
    'Met at <bdi>כנס 2026</bdi> &amp; more.'
    """
    if part not in parts:
        return html_shown(text, most)
    template, fields = parts[part]
    texts = []

    def show(value) -> str:
        texts.append(value.shown(value.text))
        return "\x00"  # (shown leaves it as it is)

    pieces = words(template, fields, show).split("\x00")
    if len(pieces) != len(texts) + 1 or "".join(p + t for p, t in zip(pieces, [*texts, ""])) != text:
        return html_shown(text, most)
    return "".join(_runs_html(p) + (_whole_html(t) if k < len(texts) else "")
                   for k, (p, t) in enumerate(zip(pieces, [*texts, ""])))


def _whole_html(text: str) -> str:
    """``text`` escaped, in one ``<bdi>`` when it holds a right-to-left letter."""
    return f"<bdi>{html.escape(text)}</bdi>" if _RUN.search(text) else html.escape(text)


def _texts_html(values, most: int) -> str:
    """``values`` (texts, each shown at most :data:`SHOWN`) as HTML: each isolated whole
    (:func:`_whole_html`), joined by ", " outside them; in all the text of
    ``display_text(", ".join(texts), most)``, where the cut's ellipsis goes inside the text it
    cuts (a name cut drawn in its own direction). Reads only as many of ``values`` as it shows."""
    texts, size = [], -2
    for value in values:
        if size > most + 1:  # the rest is cut off (even when the last text shown is empty)
            break
        texts.append(display_text(value))
        size += len(texts[-1]) + 2
    joined = ", ".join(texts)
    text = display_text(joined, most)
    if text.isascii():  # the usual cell: no right-to-left letter
        return html.escape(text)
    cut = len(joined.strip()) > most  # (display_text's rule: it strips, then cuts)
    out, left = [], len(text) - 1 if cut else len(text)  # characters of texts and commas shown
    for k, t in enumerate(texts):
        sep = ", "[:left] if k else ""
        part = t[:left - len(sep)]
        left -= len(sep) + len(part)
        if cut and len(part) < len(t):  # the cut lands in this text: its ellipsis inside with it
            return "".join(out) + html.escape(sep) + _whole_html(part + ELLIPSIS)
        out += [html.escape(sep), _whole_html(part)]
    return "".join(out) + (ELLIPSIS if cut else "")


def _is_list(value) -> bool:
    """Whether ``value`` is several values (a list, tuple, set or array), as :func:`display_text` reads it."""
    return isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ndarray"


def _runs_html(text: str) -> str:
    """``text`` escaped, each right-to-left run (:data:`_RUN`) in a ``<bdi>`` of its own; each
    piece escaped by itself, so a tag lands only between two escaped characters."""
    out, at = [], 0
    for m in _RUN.finditer(text):
        out += [html.escape(text[at:m.start()]), "<bdi>", html.escape(m.group()), "</bdi>"]
        at = m.end()
    return "".join(out) + html.escape(text[at:])


def _plain(value, most: int) -> str:
    if _is_list(value):
        return ", ".join(display_text(v, most) for v in value)
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):  # numpy's float64 too
        return "" if math.isnan(value) else f"{value:,.2f}"
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not hasattr(value, "__len__"):  # a numpy scalar
        return display_text(value.item(), most)
    return str(value).strip(ENDS)


@dataclasses.dataclass(frozen=True)
class Private:
    """A value in a checklist reason that can say who someone is: a ``person`` (``key``: their
    id), an ``event`` (its name), a ``tag``, a ``goal``, ``goal_tag`` or ``goal_keyword`` (``key``:
    the goal's number), a ``company``, or ``text`` you wrote (``label``: what a shared report
    says instead). Shown as ``text``; a redacted report puts a pseudonym or neutral label there."""

    kind: str
    key: object
    text: str
    label: str = ""

    @property
    def most(self) -> int:
        """Characters of it shown at most: :data:`SHOWN_LONG` for text you wrote or a goal,
        else :data:`SHOWN` (a name, event, tag, company)."""
        return SHOWN_LONG if self.kind in _LONG_KINDS else SHOWN

    def shown(self, text: str) -> str:
        """``text`` (this value's, or what a redaction puts instead) as a reason shows it: at
        most :attr:`most` characters (:func:`shown`); a stored text alone (a name, a goal) without
        the white space and controls at its ends, as :func:`display_text` shows one ("\\u202e
        Ann" is "Ann"). A company or text you wrote may carry the reason's own words around
        it (" at Acme", " You noted: ..."), which the hidden value takes with it in a shared
        report: its maker takes the stored text's ends off."""
        return shown(text.strip(ENDS) if self.kind in _ALONE_KINDS else text, self.most)


_FIELD = re.compile(r"\{(\w+)\}")
_LONG_KINDS = frozenset(("text", "goal"))  # what you wrote: a note, a goal
_ALONE_KINDS = frozenset(("person", "event", "tag", "goal", "goal_tag", "goal_keyword"))  # a stored text alone


def words(template: str, fields: dict, show=None, own=None) -> str:
    """``template`` (written by the code: only safe words, numbers, dates, rings and kinds)
    with each ``{field}`` put in: a :class:`Private` as ``show(value)`` (default: its own
    text), a list of values joined by "and", a tuple of them run together, anything else as
    it is (safe by the caller's word). ``own`` (default: as they are) rewrites the
    template's own words, each run of them between fields. Each private value shows at most
    :attr:`Private.most` characters (:func:`shown`).

    >>> words("Met {who} at {where}.", {"who": [Private("person", 1, "Ann"), Private("person", 2, "Bo")],
    ...                                 "where": Private("event", None, "Expo")})
    'Met Ann and Bo at Expo.'
    """
    show = show or (lambda value: value.text)

    def one(value) -> str:
        if isinstance(value, list):
            return " and ".join(one(v) for v in value)
        if isinstance(value, tuple):
            return "".join(one(v) for v in value)
        if isinstance(value, Private):
            return value.shown(show(value))
        return str(value)

    def put(m) -> str:
        return one(fields[m.group(1)]) if m.group(1) in fields else m.group(0)

    if own is None:
        return _FIELD.sub(put, template)
    out, at = [], 0
    for m in _FIELD.finditer(template):
        out += [own(template[at:m.start()]) if m.start() > at else "", put(m)]
        at = m.end()
    return "".join(out) + (own(template[at:]) if at < len(template) else "")
