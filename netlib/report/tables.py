"""The report's pieces as text: HTML sections and tables (every cell escaped), the
checklists as Markdown, and the charts' sections."""

from __future__ import annotations

import html
import re
from pathlib import Path

from netlib.garden import CHECKLISTS
from netlib.garden.terms import SHOWN_LONG, display_text, html_shown, sentence_html
from netlib.paths import private_dir, write_private
from netlib.report import charts

__all__ = ["CHECKLIST_TITLES", "Section", "html_table", "action_text", "action_link", "checklist_markdown",
           "more_items", "hidden_count", "people_text", "people_html", "trends_section",
           "rings_section", "write_texts", "jsonable"]

CHECKLIST_TITLES = {
    "plans": ("Plans",
              "Touchpoints you planned (netlib plan), on their day; once a date passes with nothing logged, "
              "the plan is overdue. Logging the interaction fulfils it."),
    "birthdays": ("Birthdays",
                  "Birthdays this month of people in your inner rings (1-4) or whom you tagged."),
    "follow_up": ("Follow up after events",
                  "People you met at an event in the last weeks and have not followed up with yet. "
                  "Decide who joins your network and invite them in while you are still fresh in their mind."),
    "water": ("Needs water",
              "People whose keep-in-touch rhythm (set by their ring) has lapsed. A short message or a coffee "
              "keeps a tie from wilting."),
    "reconnect": ("Reconnect",
                  "Once-strong ties that went quiet a year or more ago. Dormant ties often give fresh, useful "
                  "advice and are glad to hear from you."),
    "give_back": ("Give back",
                  "People who have done more for you than you for them. Offer something concrete before you "
                  "ask again."),
    "weave": ("Weave: introductions",
              "Two people close to you who do not know each other yet but probably should. An introduction "
              "makes your network a net rather than a star."),
    "goals": ("Goals",
              "Your own goals for the month (netlib settings goals) and how far you got."),
}

class Section(str):
    """A piece of the report as HTML text. Notebooks show it as HTML (``_repr_html_``, so
    building one needs no IPython: the report's content can be made outside the kernel,
    or in any process); ``.data`` is the HTML, as on ``IPython.display.HTML``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    @property
    def data(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<report section: {len(self):,} characters of HTML>"


#: The report's columns whose cells are made of several texts (a checklist reason; a list of
#: names, handed over as a list): shown up to :data:`~netlib.garden.terms.SHOWN_LONG` characters.
LONG_COLUMNS = ("why", "still to follow up", "closest to you")


def html_table(rows: list[dict], columns: list[str], *, numeric=(), raw=(), empty="Nothing here this month.") -> Section:
    """An HTML table with every cell escaped (columns in ``raw`` hold HTML netlib built),
    each at most :data:`~netlib.garden.terms.SHOWN` characters (:data:`LONG_COLUMNS`
    :data:`~netlib.garden.terms.SHOWN_LONG`), cut before it is escaped, right-to-left text
    isolated (:func:`~netlib.garden.terms.html_shown`: a cell of the other columns is one
    text, isolated whole; a long one, a sentence, each right-to-left run; a list, each of its
    texts whole, joined by ", ")."""
    if not rows:
        return Section(f'<p class="netlib-muted">{html.escape(empty)}</p>')
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{html.escape(c)}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            text = row.get(c)
            if c not in raw:  # a long cell is a sentence or a list of texts; any other is one text
                text = (html_shown(text, SHOWN_LONG, whole=not isinstance(text, str)) if c in LONG_COLUMNS
                        else html_shown(text, whole=True))
            cells.append(f'<td class="{"num" if c in numeric else ""}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Section(f'<table class="netlib"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def write_texts(out_dir, texts: dict[str, str]) -> list[Path]:
    if not out_dir:
        return []
    folder = private_dir(Path(out_dir))
    return [write_private(folder / name, text) for name, text in texts.items()]


def trends_section(history) -> Section:
    """The three trend charts (:mod:`netlib.report.charts`) as the report shows them."""
    return Section('<div class="netlib-charts">' + charts.trend_people(history) + charts.trend_interactions(history)
                   + charts.trend_health(history) + "</div>")


def rings_section(counts: dict) -> Section:
    """People per ring and per health state (``counts["rings"]``, ``counts["health"]``:
    a :func:`~netlib.garden.analysis.month_summary`) as a chart."""
    return Section('<div class="netlib-charts">' + charts.rings_health(counts) + "</div>")


def jsonable(value):
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


# ------------------------------------------------------------------ checklist markdown


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", " ")


def action_text(item) -> str:
    """An item's action with its channel, unless the action already names it (the action
    is cut where the item is made: :class:`~netlib.garden.checklist.ChecklistItem`)."""
    channel, action = item.channel or "", item.action
    if not channel or channel.casefold() in action.casefold():
        return action
    return f"{action} (by {channel})"


def action_link(item) -> str:
    """An item's action as HTML (:func:`~netlib.garden.terms.sentence_html`: each text put in
    isolated whole), its channel after it, a link (``mailto:`` or a LinkedIn profile) when one
    is ready. A link loads nothing by itself; it opens only when clicked."""
    channel = action_text(item)[len(item.action):]  # " (by email)", or nothing
    text = sentence_html(getattr(item, "parts", {}), "action", item.action) + html.escape(channel)
    href = getattr(item, "href", None)
    if not href or not (href.startswith("mailto:") or href.startswith("https://www.linkedin.com/")):
        return text
    return f'<a href="{html.escape(href)}" rel="noopener noreferrer" target="_blank">{text}</a>'


def people_text(item, most: int = 3, show=display_text) -> str:
    """The people of an item, at most ``most`` named (each cut at
    :data:`~netlib.garden.terms.SHOWN` characters) and the others counted. ``show`` writes
    each name (as HTML, :func:`people_html`).

    >>> class I: people = ["A", "B", "C", "D", "E"]
    >>> people_text(I())
    'A, B, C and 2 others'
    """
    names = [show(p) for p in item.people]
    if len(names) <= most:
        return ", ".join(names)
    rest = len(names) - most
    return ", ".join(names[:most]) + f" and {rest} other" + ("" if rest == 1 else "s")


def people_html(item, *, or_action: bool = True) -> str:
    """:func:`people_text` as HTML, each name escaped and isolated whole
    (:func:`~netlib.garden.terms.html_shown` with ``whole``: "כהן, משה" keeps its comma); or,
    when no name shows, the item's action (``or_action``: the report's item column), else ""."""
    who = people_text(item, show=lambda name: html_shown(name, whole=True))
    return who or (html_shown(item.action, SHOWN_LONG) if or_action else "")


def more_items(garden) -> list:
    """The open items beyond the month's short list (state ``more``), most valuable first."""
    return sorted((i for name in CHECKLISTS for i in garden.checklists.get(name, []) if i.state == "more"),
                  key=lambda i: -i.score)


def hidden_count(garden) -> int:
    """Items dismissed or snoozed: hidden until they are due again."""
    return sum(i.state in ("dismissed", "snoozed") for items in garden.checklists.values() for i in items)


def checklist_markdown(garden) -> str:
    """The checklists as Markdown: the month's short list (open items, then done ones);
    each item shows its key in brackets. The open items beyond the short list are counted
    and listed under "More"; dismissed and snoozed items are hidden until due.

    Tick an item with ``netlib checklist done KEY``.
    """
    lines = [f"# Cultivation checklists, {garden.month}", "",
             f"As of {garden.as_of.date().isoformat()}. Tick an item: `netlib checklist done KEY` "
             f"(or `snooze`, `dismiss`).", ""]
    for name in CHECKLISTS:
        title, why = CHECKLIST_TITLES[name]
        items = [i for i in garden.checklists.get(name, []) if i.state in ("open", "done")]
        lines += [f"## {title}", "", f"_{why}_", ""]
        if not items:
            lines += ["Nothing to do here this month.", ""]
            continue
        for item in items:
            box = "x" if item.state == "done" else " "
            who = people_text(item)
            head = f"**{_md(who)}** " if who else ""
            lines.append(f"- [{box}] {head}[`{item.key}`]" + (" (done)" if item.state == "done" else ""))
            lines.append(f"  - why: {_md(item.why)}")
            lines.append(f"  - action: {_md(action_text(item))}")
            if getattr(item, "href", None):
                lines.append(f"  - ready: <{_md_link(item.href)}>")
        lines.append("")
    more = more_items(garden)
    if more:
        lines += [f"## More ({len(more)})", "",
                  f"_Beyond this month's short list of {garden.settings.get('checklist_limit', 12)} "
                  "(`netlib settings checklist_limit`), most valuable first._", ""]
        for item in more:
            who = people_text(item)
            who = "" if who and who in item.action else who
            lines.append(f"- {_md(who) + ': ' if who else ''}{_md(action_text(item))} [`{item.key}`]")
        lines.append("")
    hidden = hidden_count(garden)
    if hidden:
        lines += [f"{hidden} dismissed or snoozed item{'' if hidden == 1 else 's'} hidden until due again.", ""]
    return "\n".join(lines)


def _md_link(href: str) -> str:
    """A URL inside Markdown's angle brackets: nothing that closes them or breaks the line."""
    return href.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\n", "")
