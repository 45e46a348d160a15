"""Stored texts as widget labels and static HTML: text, never typeset as math.

ipywidgets typesets every widget's description (a Checkbox's label, a Dropdown's "ring")
with the page's MathJax (JupyterLab 4's ``latexTypesetter``, MathJax 3; in an HTML export
with widget state, MathJax 2's ``Hub``), plain text too: a plan "budget $5k, maybe $10k"
was drawn as TeX, "5𝑘,𝑚𝑎𝑦𝑏𝑒10". JupyterLab typesets ``text/html`` outputs (a panel's
static view) as well, and so does nbconvert's HTML page. Both MathJaxes find TeX between
``$``, ``$$``, ``\\(``, ``\\[`` and ``\\begin{...}``, and skip an element of class
``mathjax_ignore`` (MathJax 3) or ``tex2jax_ignore`` (MathJax 2) with all it holds. A
plain-text description is set as the text of the very element typeset, which no class of
ours reaches; ``\\$`` (``processEscapes``) would show its backslash wherever MathJax does
not run (the tooltip, a page without MathJax). So a label whose text holds ``$`` or ``\\``
is HTML (``description_allow_html``): the text, escaped, in a span of both classes
(:data:`NO_MATH`), which the widgets' sanitizer keeps; any other label stays plain text,
as it was. Dropdown and Select options are ``<option>`` text, which nothing typesets, and
HTML widgets are not typeset by ipywidgets.
"""

from __future__ import annotations

import html

__all__ = ["NO_MATH", "label_text", "label_args", "no_math"]

#: The classes MathJax 3 (JupyterLab 4) and MathJax 2 (nbconvert's HTML, ipywidgets' HTML
#: export) skip, with everything inside.
NO_MATH = "tex2jax_ignore mathjax_ignore"

#: What ``<bdi>`` and ``</bdi>`` are in plain text: FIRST STRONG ISOLATE (its direction that of
#: its first strong letter, as ``<bdi>``'s) and POP DIRECTIONAL ISOLATE.
_ISOLATES = {"<bdi>": "\u2068", "</bdi>": "\u2069"}

#: The characters that start TeX for MathJax (``$``; ``\\`` of ``\\(``, ``\\[``, ``\\begin``),
#: as entities: the widgets' ``inline_sanitize`` takes out TeX before it sanitizes and puts it
#: back escaped once more (``&amp;`` would show as "&amp;"); as entities it finds none.
_TEX = {"$": "&#36;", "\\": "&#92;"}


def label_text(markup: str) -> str:
    r"""HTML made by :mod:`netlib.garden.terms` (escaped text and ``<bdi>`` tags, nothing else)
    as the plain text of a widget's label: each ``<bdi>`` an isolate (:data:`_ISOLATES`), the
    rest unescaped. Shown text holds no bidirectional control of its own
    (:func:`~netlib.garden.terms.shown` drops them), so each isolate is closed, by its own
    ``</bdi>``. Text with no right-to-left letter comes out as the helpers were given it
    (as :func:`~netlib.garden.terms.display_text` shows it): a Latin label is as it was.

    >>> label_text("<bdi>כהן, משה</bdi>: Write to Ann &amp; &lt;b&gt;")
    '\u2068כהן, משה\u2069: Write to Ann & <b>'
    """
    for tag, control in _ISOLATES.items():
        markup = markup.replace(tag, control)
    return html.unescape(markup)


def label_args(markup: str) -> dict:
    """A widget's ``description`` for ``markup`` (as :func:`label_text` takes it), and whether it
    is HTML: keyword arguments for the widget. Plain text (:func:`label_text`) unless the text
    holds a character that starts TeX; then the text in a span MathJax skips, its tooltip the
    text itself (the widget's own tooltip there is the description as given, markup too, but
    the span's covers all of it).

    >>> label_args("Ann: Suggest a coffee")
    {'description': 'Ann: Suggest a coffee', 'description_allow_html': False}
    >>> label_args("$5k, maybe $10k")["description"]
    '<span class="tex2jax_ignore mathjax_ignore" title="&#36;5k, maybe &#36;10k">&#36;5k, maybe &#36;10k</span>'
    """
    text = label_text(markup)
    if not any(c in text for c in _TEX):
        return {"description": text, "description_allow_html": False}
    escaped = "".join(_TEX.get(c, c) for c in html.escape(text))
    markup = f'<span class="{NO_MATH}" title="{escaped}">{escaped}</span>'
    return {"description": markup, "description_allow_html": True}


def no_math(markup: str) -> str:
    """HTML (escaped, as :mod:`netlib.garden.terms` makes it) in a block MathJax skips: a
    static view whose stored texts may hold ``$``."""
    return f"<div class='{NO_MATH}'>{markup}</div>"
