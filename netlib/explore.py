"""Widgets for ``notebooks/explore.ipynb``: browse people, log what happened, tick checklists, map.

Each class builds its ipywidgets in ``__init__`` and keeps them as attributes, so a test
(or a script) can set values and call the callbacks directly::

    board = ChecklistBoard(store, "2026-11")
    board.checkboxes["water:p42"].value = True      # ticks it: logs a message, persists

The panels of one notebook share a :class:`netlib.lab.Live`: a write through any of them
(a logged coffee, an event, a tick) analyses the garden again and redraws every panel
(table, card, checklists, map) without re-running cells. Each panel is also a
:class:`netlib.lab.Panel`: displayed, it shows its widgets in JupyterLab and a static
HTML snapshot in an executed notebook's HTML export.

Every string from the store reaches an HTML widget through
:func:`netlib.garden.terms.html_shown` (escaped, right-to-left runs isolated); plain-text
widgets (descriptions, options) show text as text, and a checkbox label holding "$" or "\\" is
HTML that MathJax skips (:func:`netlib.lab.labels.label_args`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import ipywidgets as w
import numpy as np
import pandas as pd

from netlib.errors import NetlibError, ValidationError
from netlib.garden.analysis import HEALTH, RINGS
from netlib.importers.normalise import plural
from netlib.importers.records import DIRECTIONS, INTERACTION_KINDS
from netlib.garden.terms import SHOWN_LONG, display_text, html_shown as _e
from netlib.lab.cards import person_card
from netlib.lab.checklists import ChecklistBoard
from netlib.lab.labels import label_args
from netlib.lab.fixes import FixForm
from netlib.lab.live import Live, Panel
from netlib.lab.search import ANY, PeopleIndex

__all__ = ["PeopleBrowser", "LogForm", "ChecklistBoard", "MapPanel", "EventFollowUp", "FixForm", "person_card",
           "Live"]


class PeopleBrowser(Panel):
    """Search and filter people; selecting one shows their card and timeline.

    Widgets: ``search``, ``ring``, ``health``, ``tag``, ``cluster`` (filters), ``table``
    (HTML of the matches), ``person`` (a Select of matches), ``card`` (HTML), ``box``.
    ``live`` is the :class:`Live` garden it shows (its own unless given); it redraws on
    every change.
    """

    def __init__(self, store, month: str, *, garden=None, max_rows: int = 50, live: Live | None = None):
        self.store, self.month, self.max_rows = store, month, max_rows
        self.live = live if live is not None else Live(store, month, garden=garden)
        self._index_made, self._choosing = None, False
        people = self.garden.people
        tags = sorted({t for ts in people["tags"] for t in ts}, key=str.lower)
        clusters = [(ANY, ANY)] + [(display_text(label), int(cid))
                                   for cid, label in self.garden.clusters["label"].items()]
        self.search = w.Text(placeholder="name, company, position or tag", description="search")
        self.ring = w.Dropdown(options=[(ANY, ANY)] + [(f"{r} {n}", r) for r, n in RINGS.items()], description="ring")
        self.health = w.Dropdown(options=[ANY, *HEALTH], description="health")
        self.tag = w.Dropdown(options=[(ANY, ANY), *((display_text(t), t) for t in tags)], description="tag")
        self.cluster = w.Dropdown(options=clusters, description="cluster")
        self.table = w.HTML()
        self.person = w.Select(options=[], rows=8, description="person")
        self.card = w.HTML()
        for widget in (self.search, self.ring, self.health, self.tag, self.cluster):
            widget.observe(self.refresh, names="value")
        self.person.observe(self.show, names="value")
        self.box = w.VBox([w.HBox([self.search, self.ring]), w.HBox([self.health, self.tag, self.cluster]),
                           self.table, w.HBox([self.person, self.card])])
        self.refresh()
        self.live.watch(self._redraw)
        self.live.watch_store(self.show)  # the card reads the store: it shows a write at once

    @property
    def garden(self):
        return self.live.garden

    def _redraw(self, _garden=None) -> None:
        self.refresh()
        self.show()

    def snapshot(self) -> str:
        return self.table.value + self.card.value

    def _index(self) -> PeopleIndex:
        """What the search looks in: made once per garden."""
        if self._index_made is None or self._index_made.source is not self.garden.people:
            self._index_made = PeopleIndex(self.garden.people)
        return self._index_made

    def _mask(self) -> np.ndarray:
        return self._index().mask(self.search.value, ring=self.ring.value, health=self.health.value,
                                  tag=self.tag.value, cluster=self.cluster.value)

    def filtered(self) -> pd.DataFrame:
        """People matching every filter, strongest first."""
        return self._index().people[self._mask()]

    def refresh(self, _change=None) -> None:
        """Draw the table (the first :attr:`max_rows` matches) and the Select of them; one
        keystroke in the search box costs only this, and the card is drawn again only when
        the chosen person leaves the Select."""
        found = np.flatnonzero(self._mask())
        shown = self._index().people.iloc[found[: self.max_rows]]
        columns = ("name", "company", "ring", "health", "last_interaction", "next_action")
        body = "".join(
            f"<tr><td>{_e(name, whole=True)}</td><td>{_e(company, whole=True)}</td><td>{int(ring)}</td>"
            f"<td>{_e(health)}</td><td>{_e(last)}</td><td>{_e(next_)}</td></tr>"
            for name, company, ring, health, last, next_ in zip(*(shown[c].tolist() for c in columns)))
        self.table.value = (f"<p>{plural(len(found), 'person', 'people')}"
                            + (f", first {len(shown)} shown" if len(found) > len(shown) else "") + "</p>"
                            "<table><tr><th>name</th><th>company</th><th>ring</th><th>health</th>"
                            f"<th>last contact</th><th>next</th></tr>{body}</table>")
        options = [(display_text(name), int(i)) for i, name in zip(shown.index, shown["name"].tolist())]
        if options != list(self.person.options):
            chosen = self.person.value
            keep = chosen if any(i == chosen for _, i in options) else None
            self._choosing = True  # ipywidgets would choose the first option in between: no card for it
            try:
                with self.person.hold_sync():  # the new options and the choice in one message
                    self.person.index = None
                    self.person.options = options
                    self.person.value = keep  # the person stays chosen while still shown
            finally:
                self._choosing = False
            if keep != chosen:
                self.show()

    def show(self, _change=None) -> None:
        if self._choosing:
            return
        pid = self.person.value
        self.card.value = "" if pid is None else person_card(self.store, pid, self.garden)


class LogForm(Panel):
    """Log an interaction, or an event and whom you met there, or plan a touchpoint with one
    person on a future date (:meth:`netlib.store.plans.Plans.add_plan`), into the store.

    Widgets: ``mode`` ("interaction" / "event" / "plan"), ``people`` (ids, emails or names,
    comma-separated), ``kind``, ``direction``, ``date``, ``summary`` (for an event: what
    you learned), ``event_name``, ``location``, ``submit`` (a Button), ``message`` (HTML).
    After a save, ``live`` (if given) refreshes every panel.
    """

    def __init__(self, store, *, today: dt.date | None = None, live: Live | None = None):
        self.store, self.live, self.today = store, live, today
        self.mode = w.ToggleButtons(options=["interaction", "event", "plan"], description="log")
        self.people = w.Text(placeholder="ids, emails or names, comma-separated", description="with")
        self.kind = w.Dropdown(options=list(INTERACTION_KINDS), value="coffee", description="kind")
        self.direction = w.Dropdown(options=list(DIRECTIONS), value="both", description="direction")
        self.date = w.DatePicker(value=today or dt.date.today(), description="date")
        self.summary = w.Textarea(placeholder="what happened / what you learned", description="notes")
        self.event_name = w.Text(placeholder="event name", description="event")
        self.location = w.Text(description="where")
        self.submit = w.Button(description="Save", button_style="primary")
        self.message = w.HTML()
        self.submit.on_click(self.save)
        self.box = w.VBox([self.mode, self.people, self.kind, self.direction, self.date, self.event_name,
                           self.location, self.summary, self.submit, self.message])

    def snapshot(self) -> str:
        return "<p><i>The form to log an interaction, an event or a plan works in JupyterLab.</i></p>" + self.message.value

    def _changed(self) -> None:
        if self.live is not None:
            self.live.changed()

    def _people(self) -> list[str]:
        return [p.strip() for p in self.people.value.split(",") if p.strip()]

    def save(self, _button=None):
        """Write what the form says; show a confirmation (or the error). Returns the new id."""
        try:
            when = self.date.value or dt.date.today()
            summary = self.summary.value.strip() or None
            if self.mode.value == "event":
                with self.store.transaction():  # the event and whom you met land together or not at all
                    eid = self.store.add_event(self.event_name.value, when,
                                               location=self.location.value.strip() or None)
                    met = self.store.met(eid, self._people(), learned=summary) if self._people() else []
                self.message.value = (f"<p>Saved event {_e(self.event_name.value.strip())} on {_e(when)}"
                                      f" (id {eid}), {plural(len(met), 'person', 'people')} met.</p>")
                self._changed()
                return eid
            if self.mode.value == "plan":  # one person, a date today or later, what you intend
                if len(self._people()) != 1:
                    raise ValidationError("a plan is with one person: give one id, email or name")
                person = self._people()[0]
                plan = self.store.add_plan(person, when, summary or "", kind=self.kind.value, today=self.today)
                self.message.value = (f"<p>Planned a {_e(self.kind.value)} on {_e(when)} with {_e(person)} "
                                      f"(plan:{plan}); it shows in that month's checklist.</p>")
                self.summary.value = ""
                self._changed()
                return plan
            iid = self.store.log(self._people(), self.kind.value, when, summary, direction=self.direction.value)
            self.message.value = (f"<p>Logged a {_e(self.kind.value)} on {_e(when)} with "
                                  f"{_e(', '.join(self._people()), SHOWN_LONG)} (interaction {iid}).</p>")
            self.summary.value = ""
            self._changed()
            return iid
        except NetlibError as err:
            self.message.value = f"<p style='color:#D55E00'>Not saved: {_e(err, SHOWN_LONG)}</p>"
            return None


class MapPanel(Panel):
    """The map of the current filter: rings up to ``max_ring``, optionally only the people a
    :class:`PeopleBrowser` shows. Widgets: ``max_ring`` (slider), ``redact`` (checkbox),
    ``redraw_button``, ``frame`` (HTML holding the iframe); ``html`` is the last map drawn.
    It redraws itself when the garden changes."""

    def __init__(self, store, month: str, *, garden=None, browser: PeopleBrowser | None = None, height=600,
                 live: Live | None = None):
        self.store, self.month, self.browser, self.height = store, month, browser, height
        self.live = live or (browser.live if browser is not None else Live(store, month, garden=garden))
        self.max_ring = w.IntSlider(value=4, min=1, max=6, description="rings")
        self.redact = w.Checkbox(value=False, description="redact")
        self.redraw_button = w.Button(description="Redraw map")
        self.frame = w.HTML()
        self.html = ""
        self.redraw_button.on_click(self.redraw)
        self.box = w.VBox([w.HBox([self.max_ring, self.redact, self.redraw_button]), self.frame])
        self._drawn = None  # what the last map was drawn from
        self.redraw()
        self.live.watch(self._garden_changed)

    @property
    def garden(self):
        return self.live.garden

    def snapshot(self) -> str:
        return self.frame.value

    def shown_garden(self):
        """The garden cut to the browser's current filter (all people without a browser)."""
        g = self.garden
        if self.browser is None:
            return g
        ids = self.browser.filtered().index
        ties = g.ties[g.ties["a"].isin(ids) & g.ties["b"].isin(ids)]
        return dataclasses.replace(g, people=g.people.loc[ids], ties=ties)

    @staticmethod
    def _drawn_from(garden, max_ring, redact):
        return (garden.people, garden.ties, garden.clusters, garden.settings, garden.as_of, max_ring, redact)

    def _garden_changed(self, _garden=None) -> None:
        """Redraw when what the map shows changed (not after a tick that changed nothing on it)."""
        now = self._drawn_from(self.shown_garden(), self.max_ring.value, self.redact.value)
        if self._drawn is None or not all(
                a.equals(b) if isinstance(a, pd.DataFrame) else a == b for a, b in zip(now, self._drawn)):
            self.redraw()

    def redraw(self, _button=None) -> str:
        from netlib.map.render import map_widget, render_map

        garden = self.shown_garden()
        self._drawn = self._drawn_from(garden, self.max_ring.value, self.redact.value)
        pseudo = {}
        if self.redact.value:
            from netlib.report.redact import pseudonyms, redact_garden

            pseudo = pseudonyms(self.store, garden.people.index)
            garden = redact_garden(garden, pseudo)
        self.html = render_map(garden, max_ring=self.max_ring.value, redact=self.redact.value)
        self.frame.value = map_widget(self.html, height=self.height).data
        return self.html


class EventFollowUp(Panel):
    """After an event: record whom you met and what you learned, decide who joins your
    network, and tick their follow-ups.

    Widgets: ``people`` and ``learned`` with ``record`` (a Button) to add people met;
    ``joins`` maps person id -> Checkbox (unticking dismisses their follow-up for the
    month: they do not join); ``board`` is a :class:`ChecklistBoard` of this event's
    follow-up items; ``table`` (HTML) lists everyone met. With no event named, the latest
    event on or before today (or ``today``).
    """

    def __init__(self, store, event, month: str, *, today: dt.date | None = None, live: Live | None = None):
        self.store, self.month, self.today = store, month, today
        if event in (None, "") or str(event).strip() == "":  # no event named: the latest one
            event = store.latest_event(today)
        self.event_id = store.find_event(event)
        self.people = w.Text(placeholder="ids, emails or names, comma-separated", description="met")
        self.learned = w.Textarea(placeholder="what you learned about them", description="learned")
        self.record = w.Button(description="Record", button_style="primary")
        self.message = w.HTML()
        self.table = w.HTML()
        self.record.on_click(self.save)
        self.joins = {}
        self.box = w.VBox()
        self.live = live if live is not None else Live(store, month, today=today)
        prefix = f"follow_up:e{self.event_id}:"
        self.board = ChecklistBoard(store, month, today=today, live=self.live,
                                    select=lambda item: item.key.startswith(prefix))
        self._draw(self.live.garden)
        self.live.watch(self._draw)

    def met(self) -> pd.DataFrame:
        snap = self.live.snapshot  # the whole store, as the live garden last read it
        ep = snap.event_people[snap.event_people["event_id"] == self.event_id]
        return ep.join(snap.people[["name", "company"]], on="person_id")

    def _draw(self, garden) -> None:
        prefix = f"follow_up:e{self.event_id}:"
        items = {int(i.person_ids[0]): i for i in garden.checklists.get("follow_up", []) if i.key.startswith(prefix)}
        met = self.met()
        rows = "".join(
            f"<tr><td>{_e(r.name, whole=True)}</td><td>{_e(r.company, whole=True)}</td>"
            f"<td>{_e(r.learned, SHOWN_LONG)}</td>"
            f"<td>{'yes' if r.followed_up else 'not yet'}</td></tr>" for r in met.itertuples())
        event = self.store.event(self.event_id)
        self.table.value = (f"<p><b>{_e(event['name'], whole=True)}</b>, {_e(event['date'])}: "
                            f"{plural(len(met), 'person', 'people')} met</p>"
                            "<table><tr><th>person</th><th>company</th><th>you learned</th><th>followed up</th></tr>"
                            f"{rows}</table>")
        self.joins, self._joins_html = {}, {}
        for r in met.itertuples():
            pid = int(r.person_id)
            item = items.get(pid)
            self._joins_html[pid] = f"{_e(r.name, whole=True)} joins your network"  # the label: as text
            box = w.Checkbox(value=not (item is not None and item.state == "dismissed"), indent=False,
                             **label_args(self._joins_html[pid]), layout=w.Layout(width="auto"))
            if item is not None:
                box.observe(lambda change, key=item.key: self.decide(key, change["new"]), names="value")
            self.joins[pid] = box
        self.box.children = [self.table, w.HBox([self.people, self.learned, self.record]), self.message,
                             w.HTML("<h4>Who joins</h4>"), *self.joins.values(), self.board.box]

    def snapshot(self) -> str:
        joins = "".join(f"<li>{'&#9745;' if box.value else '&#9744;'} {self._joins_html[pid]}</li>"
                        for pid, box in self.joins.items())
        return (self.table.value + self.message.value + f"<h4>Who joins</h4><ul>{joins}</ul>"
                + self.board.snapshot())

    def save(self, _button=None):
        refs = [p.strip() for p in self.people.value.split(",") if p.strip()]
        try:
            pids = self.store.met(self.event_id, refs, learned=self.learned.value.strip() or None)
        except NetlibError as err:
            self.message.value = f"<p style='color:#D55E00'>Not saved: {_e(err, SHOWN_LONG)}</p>"
            return []
        self.message.value = f"<p>Recorded {plural(len(pids), 'person', 'people')} met.</p>"
        self.people.value, self.learned.value = "", ""
        self.live.changed()
        return pids

    def decide(self, key: str, joins: bool) -> str:
        from netlib.store.ticks import tick

        message = tick(self.store, key, "reopen" if joins else "dismiss", month=self.month, today=self.today)
        self.message.value = f"<p>{_e(message, SHOWN_LONG)}</p>"
        self.live.changed()
        return message
