"""The checklist board of the explore notebook: this month's short list and the items
beyond it as checkboxes; a tick persists, logs what its channel implies and refreshes the
live garden.

A checkbox's label is plain text (:func:`~netlib.lab.labels.label_text`), not ipywidgets 8's
``description_allow_html``: with it, the widget manager's ``inline_sanitize`` (sanitize-html,
tags a, abbr, b, code, em, i, img, li, ol, span, strong, ul) drops ``<bdi>`` and ``dir`` and
keeps their text, and the checkbox's tooltip (``title``) is the description as given, tags
and entities too. So the label is the HTML the report shows (each stored text isolated
whole, by the :mod:`netlib.garden.terms` helpers) written as text, each ``<bdi>`` as
Unicode's own isolate (U+2068 ... U+2069), which text and tooltip both honour. A label
holding ``$`` or ``\\`` is the exception, HTML that MathJax skips (:func:`~netlib.lab.labels.label_args`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as w

from netlib.errors import NetlibError
from netlib.garden import CHECKLISTS
from netlib.garden.terms import SHOWN_LONG, html_shown as _e, sentence_html
from netlib.importers.normalise import digits
from netlib.lab.labels import label_args, label_text
from netlib.lab.live import Live, Panel
from netlib.report.tables import action_link, more_items, people_html
from netlib.store.ticks import tick

__all__ = ["ChecklistBoard"]


class ChecklistBoard(Panel):
    """This month's checklist items as checkboxes; a tick calls :func:`netlib.store.ticks.tick`.

    ``checkboxes`` maps item key -> Checkbox (checked = done); ``why`` maps key -> HTML;
    ``status`` shows the last message. Ticking logs the implied interaction (see
    :mod:`netlib.store.ticks`) and refreshes ``live``; unticking reopens the item.
    ``select(item)``, if given, keeps only some items (an event's follow-ups). An item
    ticked here stays shown, ticked, after the garden no longer asks for it (you can untick it).
    A logged interaction hides the items it settles (:meth:`settle`) at once, before the
    garden is analysed again.
    """

    def __init__(self, store, month: str, *, garden=None, today: dt.date | None = None, live: Live | None = None,
                 select=None):
        self.store, self.month, self.today, self.select = store, month, today, select
        self.live = live if live is not None else Live(store, month, today=today, garden=garden)
        self.checkboxes, self.why, self._ticked, self.channels = {}, {}, {}, {}
        self._settled = set()
        self.status = w.HTML()
        self.box = w.VBox()
        self._draw(self.live.garden)
        self.live.watch(self._draw)
        self.live.watch_contacts(self.settle)

    @property
    def garden(self):
        return self.live.garden

    def lists(self, garden=None) -> dict:
        """Checklist name -> its open and done items (as :attr:`select` allows)."""
        garden = garden if garden is not None else self.garden
        lists = {}
        for name in CHECKLISTS:
            items = [i for i in garden.checklists.get(name, []) if i.state in ("open", "done")
                     and (self.select is None or self.select(i)) and i.key not in self._settled]
            keys = {i.key for i in items}
            items += [i for (n, key), i in self._ticked.items() if n == name and key not in keys]
            if items:
                lists[name] = items
        more = [i for i in more_items(garden) if (self.select is None or self.select(i))
                and i.key not in self._settled]
        if more:  # beyond the month's short list: counted, listed, tickable too
            lists["more"] = more
        return lists

    @staticmethod
    def _label(item) -> str:
        """The item's people and action as HTML, as the report shows them: each name and each
        text in the action isolated whole (:func:`~netlib.report.tables.people_html`,
        :func:`~netlib.garden.terms.sentence_html`)."""
        who = people_html(item, or_action=False)
        return (who + ": " if who else "") + sentence_html(item.parts, "action", item.action)

    @staticmethod
    def _why(item) -> str:
        """The item's reason as HTML (each stored text isolated whole) and its key."""
        return f"{sentence_html(item.parts, 'why', item.why)} [{html.escape(item.key)}]"

    def _title(self, name: str, garden) -> str:
        if name == "more":
            limit = int(garden.settings.get("checklist_limit", 12))
            return (f"<h4>more ({len(self.lists(garden)['more'])})</h4>"
                    f"<small>beyond this month's short list of {limit}</small>")
        return f"<h4>{_e(name.replace('_', ' '))}</h4>"

    def settle(self, contacts) -> None:
        """Hide at once the items that new interactions settle, as the next analysis will:
        "water" and "reconnect" of a person in touch within their cadence as of the garden's
        day, "follow up" of a person in touch (not at the event itself) since the event.
        ``contacts``: person_id, date and kind (see :meth:`netlib.lab.Live.watch_contacts`);
        the redraw after the analysis shows the garden's own verdict."""
        g = self.garden
        contacts = contacts[contacts["date"] <= g.as_of]
        last = contacts.groupby("person_id")["date"].max()
        talked = contacts[contacts["kind"] != "event"].groupby("person_id")["date"].max()  # not the event itself
        events = self.live.snapshot.events.set_index("id")["date"]
        settled, ticked = set(), {key for _, key in self._ticked}
        for items in self.lists(g).values():
            for item in items:
                pid = item.person_ids[0] if item.person_ids else None
                if item.key in ticked or pid not in last.index:
                    continue
                if item.checklist in ("water", "reconnect"):
                    cadence = g.people["cadence_days"].get(pid)
                    if cadence is not None and (g.as_of - last[pid]).days <= cadence:
                        settled.add(item.key)
                elif item.checklist == "follow_up" and pid in talked.index:
                    event = item.key.split(":")[1][1:]  # follow_up:e<event>:p<person>
                    if digits(event) and int(event) in events.index and talked[pid] >= events[int(event)]:
                        settled.add(item.key)
        self._settled |= settled
        for key in settled & set(self.checkboxes):  # hidden in place: the rows below are not drawn again
            self._rows.pop(key).layout.display = "none"
            del self.checkboxes[key], self.why[key]

    def _draw(self, garden) -> None:
        """Show ``garden``'s items, reusing the widgets of items that did not change (fast)."""
        self._settled = set()  # a new garden says itself what is settled
        self.checkboxes, self.why, self._rows, rows, made = {}, {}, {}, [], {}
        kept = getattr(self, "_made", {})
        for name, items in self.lists(garden).items():
            rows.append(kept.get(name) if name != "more" and name in kept else w.HTML(self._title(name, garden)))
            made[name] = rows[-1]
            for item in items:
                label = self._label(item)
                sign = (item.key, label_text(label), item.state == "done", item.why)
                if sign not in kept:
                    box = w.Checkbox(value=sign[2], **label_args(label), indent=False,
                                     layout=w.Layout(width="auto"))
                    box.observe(lambda change, key=item.key: self.tick(key, change["new"]), names="value")
                    ready = f" {action_link(item)}" if item.href else ""  # a link: opens only when clicked
                    why = w.HTML(f"<small>{self._why(item)}{ready}</small>")
                    kept[sign] = (box, why, w.VBox([box, why]))
                made[sign] = kept[sign]
                self.channels[item.key] = item.channel
                self.checkboxes[item.key], self.why[item.key], row = kept[sign]
                row.layout.display = None  # shown again if a settled item comes back
                self._rows[item.key] = row
                rows.append(row)
        self._made = made
        self.box.children = rows + [self.status] if rows else [w.HTML("<p>Nothing to do this month.</p>")]

    def snapshot(self) -> str:
        parts = []
        for name, items in self.lists().items():
            rows = "".join(f"<li>{'&#9745;' if i.state == 'done' else '&#9744;'} {self._label(i)}"
                           f" <small>{self._why(i)}</small></li>" for i in items)
            parts.append(f"{self._title(name, self.garden)}<ul class='netlib-checklist'>{rows}</ul>")
        return "".join(parts) or "<p>Nothing to do this month.</p>"

    def tick(self, key: str, done: bool) -> str:
        try:
            message = tick(self.store, key, "done" if done else "reopen", month=self.month, today=self.today,
                           channel=self.channels.get(key))
        except NetlibError as err:
            self.status.value = f"<p>{_e(f'not saved: {err}', SHOWN_LONG)}</p>"
            return f"not saved: {err}"
        for name, items in self.lists().items():
            for item in items:
                if item.key == key and done:
                    self._ticked[(name, key)] = dataclasses.replace(item, state="done")
                elif item.key == key:
                    self._ticked.pop((name, key), None)
        self.live.changed()
        self.status.value = f"<p>{_e(message, SHOWN_LONG)}</p>"
        return message
