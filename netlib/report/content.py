"""The monthly report: what the report notebook shows, and what a run writes.

:func:`~netlib.report.runner.run_report` runs the notebook with
papermill and writes one folder per month (``reports/2026-11/``, a redacted run
``reports/2026-11/redacted/``), owner-only (0o700, files 0o600):

``report.ipynb``  the executed notebook (``report.failed.ipynb`` when a cell failed)
``report.html``   the report without code: nbconvert's lab look, charts inline (SVG), nothing
                  loaded from a CDN (see ``report.html.j2`` and :mod:`netlib.report.page`)
``map.html``      the standalone network map
``checklist.md``  the six checklists, with each item's key (``netlib checklist done KEY``)
``summary.json``  :func:`netlib.garden.analysis.month_summary` of the month

:class:`MonthlyReport` is everything the notebook shows, so the notebook is narrative
and calls only.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from netlib.errors import ValidationError
from netlib.garden import HEALTH, RINGS, analyse, history, month_summary, report_date, terms
from netlib.garden.checklist import met_at_events
from netlib.garden.strength import contacts as contacts_of
from netlib.map.render import map_frame, render_map
from netlib.months import parse_month
from netlib.paths import write_private
from netlib.report import redact as _redact
from netlib.report.tables import (CHECKLIST_TITLES, Section, action_link, checklist_markdown,
                                  hidden_count, html_table, jsonable, more_items, people_html,
                                  rings_section, trends_section, write_texts)
from netlib.store import Store
from netlib.store.settings import merge
from netlib.store.snapshot import positions

__all__ = ["MonthlyReport", "validate_parameters", "write_standalone_map", "checklist_markdown"]


# ------------------------------------------------------------------ parameters and months


def validate_parameters(month, store, *, owner="", redact=False, keep_companies=False, max_people=15,
                        out_dir="", keep_labels=False) -> None:
    """Check the report notebook's parameters; raise :class:`ValidationError` saying what is wrong.

    >>> validate_parameters("2026-13", "x.db")
    Traceback (most recent call last):
    ...
    netlib.errors.ValidationError: month '2026-13' is not a month; use YYYY-MM, e.g. 2026-11
    """
    if not isinstance(month, str):
        raise ValidationError(f"month is {month!r}; use text like '2026-11'")
    parse_month(month)
    if not isinstance(store, (str, os.PathLike)) or not str(store):
        raise ValidationError(f"store is {store!r}; use the path of a store file, e.g. ~/.local/share/netlib/garden.db")
    if not Path(store).is_file():
        raise ValidationError(f"store '{store}' does not exist; create one with 'netlib init' or pass -p store PATH")
    if not isinstance(owner, str):
        raise ValidationError(f"owner is {owner!r}; use your name as text, or '' for the owner_name setting")
    for name, value in (("redact", redact), ("keep_companies", keep_companies), ("keep_labels", keep_labels)):
        if not isinstance(value, bool):
            raise ValidationError(f"{name} is {value!r}; use True or False")
    if isinstance(max_people, bool) or not isinstance(max_people, int) or max_people < 1:
        raise ValidationError(f"max_people is {max_people!r}; use a whole number of 1 or more, e.g. 15")
    if not isinstance(out_dir, (str, os.PathLike)):
        raise ValidationError(f"out_dir is {out_dir!r}; use a folder path, or '' to write no files")


# ------------------------------------------------------------------ tables


# ------------------------------------------------------------------ the report's content


def _shown(method):
    """A report section (:class:`Section`), made once per set of arguments."""

    def section(self, *args, **kwargs):
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self._sections:
            self._sections[key] = Section(method(self, *args, **kwargs))
        return self._sections[key]

    section.__name__, section.__doc__ = method.__name__, method.__doc__
    return section


#: What an empty checklist says: plans and birthdays share one heading in the notebook, so
#: each says which of the two is empty ("Nothing to do" above a birthday read as a contradiction).
_EMPTY = {"plans": "No plans this month.", "birthdays": "No birthdays this month."}


@dataclass
class MonthlyReport:
    """One month's report content; the notebook calls its methods and shows the results.

    ``garden`` is what is shown (redacted when ``redacted``); ``summary`` its
    :func:`month_summary`; ``history`` the 12-month trends (computed on first use).
    Each section method returns a :class:`Section` (HTML), made once per arguments.
    """

    garden: object
    summary: dict
    owner: str
    redacted: bool
    keep_companies: bool
    snapshot: object = field(repr=False, default=None)
    pseudonyms: dict = field(repr=False, default_factory=dict)
    _history: object = field(repr=False, default=None)
    _contacts: object = field(repr=False, default=None)
    _maps: dict = field(repr=False, default_factory=dict)
    _sections: dict = field(repr=False, default_factory=dict)

    @classmethod
    def load(cls, store, month, *, owner="", redact=False, keep_companies=False,
             keep_labels=False) -> "MonthlyReport":
        """Analyse ``store`` (a path or a Store) for ``month``: as of its last day, or as of
        today while the month runs (:func:`netlib.garden.analysis.report_date`)."""
        own = not hasattr(store, "snapshot")

        s = Store(store, create=False) if own else store
        try:
            # the report never shows summaries; redaction reads them to scrub them from any text
            snapshot = s.snapshot(summaries=bool(redact)) if own else s.snapshot()
            day = report_date(month)
            cut = snapshot.as_of(day)  # analyse cuts no further
            rows = contacts_of(cut, merge(snapshot.settings or {}))
            garden = analyse(cut, day, contacts_rows=rows)
            pseudo = _redact.pseudonyms(s, garden.people.index) if redact else {}
        finally:
            if own:
                s.close()
        summary = month_summary(garden)
        contacts = garden.contacts  # the history reuses them (they hold ids and kinds only)
        owner = "You" if redact else (owner or snapshot.settings.get("owner_name") or "You")
        if redact:
            garden = _redact.redact_garden(garden, pseudo, keep_companies=keep_companies, keep_labels=keep_labels)
        return cls(garden=garden, summary=summary, owner=owner, redacted=bool(redact),
                   keep_companies=bool(keep_companies), snapshot=snapshot, pseudonyms=pseudo,
                   _contacts=contacts)

    # --- numbers ------------------------------------------------------------------------
    @property
    def history(self):
        if self._history is None:
            self._history = history.history(self.snapshot, self.garden.month, as_of=self.garden.as_of,
                                            contacts_rows=self._contacts, summary=self.summary)
        return self._history

    @_shown
    def header(self):
        g = self.garden
        when = g.as_of.strftime("%B %Y")
        note = " Redacted: names are pseudonyms; contact details, notes and summaries are left out." \
            if self.redacted else ""
        whose = ("<strong>Your</strong> garden" if self.redacted or self.owner == "You"
                 else f"<strong>{terms.html_shown(self.owner, whole=True)}</strong>'s garden")
        return (f"<p>{whose}, {html.escape(when)} "
                f"(as of {g.as_of.date().isoformat()}).{html.escape(note)}</p>")

    @_shown
    def numbers_table(self):
        """This month's headline numbers beside last month's."""
        words = {"people": "people in your garden", "active_ties": "active ties (contact in the last 90 days)",
                 "new_people": "new people you met this month", "interactions": "interactions this month",
                 "gives": "gives (help given, introductions you made)",
                 "asks": "asks (help received, introductions made for you)"}
        change = self.history.change()
        rows = []
        for key, label in words.items():
            this, last = int(self.summary[key]), int(change.loc[key, "last month"])
            rows.append({"": label, "this month": f"{this:,}", "last month": f"{last:,}",
                         "change": f"{this - last:+,}"})
        return html_table(rows, ["", "this month", "last month", "change"],
                          numeric=("this month", "last month", "change"))

    @_shown
    def rings_table(self):
        """People per ring and, within each ring, per health state."""
        people = self.garden.people
        ring = pd.Index(list(RINGS)).get_indexer(people["ring"])  # -1: no ring of RINGS
        health = pd.Index(list(HEALTH)).get_indexer(people["health"])  # (a Categorical's codes, without making one)
        known = (ring >= 0) & (health >= 0)
        counts = np.bincount(ring[known] * len(HEALTH) + health[known],
                             minlength=len(RINGS) * len(HEALTH)).reshape(len(RINGS), len(HEALTH))
        rows = [{"ring": f"{r} {RINGS[r]}", **{h: int(counts[i, k]) for k, h in enumerate(HEALTH)},
                 "total": int(counts[i].sum())} for i, r in enumerate(RINGS)]
        return html_table(rows, ["ring", *HEALTH, "total"], numeric=(*HEALTH, "total"))

    @_shown
    def trends(self):
        """The three trend charts, as SVG."""
        return trends_section(self.history)

    @_shown
    def rings_image(self):
        """People per ring and per health state, as an SVG chart."""
        return rings_section(self.summary)

    # --- map ----------------------------------------------------------------------------
    def map_html(self, max_ring: int = 6) -> str:
        """The standalone map (rendered once per ``max_ring``: the notebook and map.html share it)."""
        if max_ring not in self._maps:
            self._maps[max_ring] = render_map(self.garden, max_ring=max_ring, redact=self.redacted)
        return self._maps[max_ring]

    @_shown
    def map_widget(self, max_ring: int = 6, height: int = 720):
        return map_frame(self.map_html(max_ring), height=height)

    # --- checklists ---------------------------------------------------------------------
    @_shown
    def checklist_table(self, name: str, max_people: int = 15):
        """One checklist as a table: item (people and key), why, action, state."""
        if name not in CHECKLIST_TITLES:
            raise ValidationError(f"no checklist {name!r}; checklists: {', '.join(CHECKLIST_TITLES)}")
        shown = [i for i in self.garden.checklists.get(name, []) if i.state in ("open", "done")]
        items = shown[:max_people]
        rows = [{"item": f"{people_html(i)}<br>"
                         f'<span class="netlib-key">[{html.escape(i.key)}]</span>',
                 "why": terms.sentence_html(i.parts, "why", i.why), "action": action_link(i),
                 "state": f'<span class="netlib-state-{html.escape(i.state)}">{html.escape(i.state)}</span>'}
                for i in items]
        more = len(shown) - len(items)
        table = html_table(rows, ["item", "why", "action", "state"], raw=("item", "why", "action", "state"),
                           empty=_EMPTY.get(name, "Nothing to do here this month."))
        if more > 0:
            return table + f'<p class="netlib-muted">and {more} more in checklist.md.</p>'
        return table

    @_shown
    def more_table(self, max_people: int = 15):
        """The open items beyond the month's short list: counted, and the first listed."""
        more = more_items(self.garden)
        limit = self.garden.settings.get("checklist_limit", 12)
        hidden = hidden_count(self.garden)
        note = (f" {hidden} dismissed or snoozed item{'' if hidden == 1 else 's'} are hidden until due again."
                if hidden else "")
        if not more:
            return Section(f'<p class="netlib-muted">Nothing beyond the short list this month.{html.escape(note)}</p>')
        rows = [{"item": f"{people_html(i)}<br>"
                         f'<span class="netlib-key">[{html.escape(i.key)}]</span>',
                 "why": terms.sentence_html(i.parts, "why", i.why), "action": action_link(i)}
                for i in more[:max_people]]
        head = (f'<p class="netlib-muted">{len(more)} more open item{"" if len(more) == 1 else "s"} beyond this '
                f"month's short list of {int(limit)}, most valuable first.{html.escape(note)}</p>")
        table = html_table(rows, ["item", "why", "action"], raw=("item", "why", "action"))
        rest = len(more) - len(rows)
        return Section(head + table + (f'<p class="netlib-muted">and {rest} more in checklist.md.</p>' if rest > 0 else ""))

    # --- events ---------------------------------------------------------------------------
    @_shown
    def events_table(self, max_people: int = 15, months: int = 3):
        """Events of the last ``months`` months: whom you met and who still awaits a follow-up."""
        snap = self.garden.snapshot
        day = self.garden.as_of
        start = (pd.Period(day, "M") - (months - 1)).start_time
        events = snap.events[(snap.events["date"] >= start) & (snap.events["date"] <= day)]
        names = self.garden.people["name"]

        everyone = self.garden.met  # the checklist's rule: marked, or in touch since
        if everyone is None:
            everyone = met_at_events(snap)
        rows = []
        for ev in events.sort_values("date", ascending=False).head(max_people).itertuples(index=False):
            met = everyone[everyone["event_id"] == ev.id]
            waiting = met[~met["done"]]["person_id"]
            rows.append({"event": ev.name, "date": ev.date, "met": len(met),
                         "followed up": int(met["done"].sum()),
                         "still to follow up": [names.get(p, f"Person {p}") for p in waiting]})  # each whole
        return html_table(rows, ["event", "date", "met", "followed up", "still to follow up"],
                          numeric=("met", "followed up"), empty="No events in the last three months.")

    # --- reciprocity ------------------------------------------------------------------------
    @_shown
    def reciprocity_table(self, max_people: int = 15):
        """People with any give or ask, those who gave you most first."""
        rec = self.garden.reciprocity
        rec = rec[(rec[["given", "received", "intros_for", "intros_by"]].sum(axis=1) > 0).to_numpy()]
        rec = rec.join(self.garden.people[["name", "ring"]]).sort_values(["balance", "ring"]).head(max_people)
        rows = [{"person": r.name, "ring": int(r.ring), "you helped": int(r.given), "they helped": int(r.received),
                 "you introduced them": int(r.intros_for), "they introduced you": int(r.intros_by),
                 "balance": f"{int(r.balance):+d}"} for r in rec.itertuples()]
        cols = ["person", "ring", "you helped", "they helped", "you introduced them", "they introduced you",
                "balance"]
        return html_table(rows, cols, numeric=cols[1:], empty="No gives or asks logged yet.")

    # --- the weave ----------------------------------------------------------------------------
    @_shown
    def clusters_table(self, max_people: int = 15):
        """Clusters of people who know each other, largest first, with their strongest members."""
        people = self.garden.people
        ids, strength, bridge = people.index.to_numpy(), people["strength"].to_numpy(), people["bridge"].to_numpy()
        shown = self.garden.clusters.head(max_people)
        members = [np.asarray(list(m), dtype=ids.dtype) for m in shown["people"]]
        found = np.split(positions(ids, np.concatenate(members or [ids[:0]])), np.cumsum([len(m) for m in members]))
        names, rows = people["name"].to_numpy(dtype=object), []
        for label, size, at in zip(shown["label"].tolist(), shown["size"].tolist(), found):
            at = np.sort(at[at >= 0])  # its people, in the garden's order (as index.intersection gives them)
            closest = pd.Series(strength[at]).sort_values(ascending=False).index[:5]  # (the sort a frame's would be)
            rows.append({"cluster": label, "people": int(size), "bridges": int(bridge[at].sum()),
                         "closest to you": names[at[closest]].tolist()})  # each isolated whole
        return html_table(rows, ["cluster", "people", "bridges", "closest to you"], numeric=("people", "bridges"),
                          empty="No clusters yet: record who knows whom (netlib tie) to see them.")

    @_shown
    def bridges_table(self, max_people: int = 15):
        """People who link clusters (low constraint): your network's brokers."""
        people = self.garden.people
        labels = self.garden.clusters["label"].to_dict() if len(self.garden.clusters) else {}
        b = people.loc[people["bridge"].to_numpy(), ["name", "ring", "cluster", "constraint", "strength"]]
        b = b.sort_values(["constraint", "strength"], ascending=[True, False]).head(max_people)
        rows = [{"person": r.name, "ring": int(r.ring), "cluster": labels.get(r.cluster, "none"),
                 "constraint": float(r.constraint)} for r in b.itertuples()]
        return html_table(rows, ["person", "ring", "cluster", "constraint"], numeric=("ring", "constraint"),
                          empty="No bridges this month.")

    # --- files --------------------------------------------------------------------------------
    def file_texts(self, max_ring: int = 6) -> dict[str, str]:
        """The texts of map.html, checklist.md and summary.json."""
        return {"map.html": self.map_html(max_ring), "checklist.md": checklist_markdown(self.garden),
                "summary.json": json.dumps({**jsonable(self.summary), "redacted": self.redacted},
                                           indent=2, ensure_ascii=False) + "\n"}

    def write_files(self, out_dir, max_ring: int = 6) -> list[Path]:
        """Write map.html, checklist.md and summary.json into ``out_dir`` ("" writes nothing)."""
        return write_texts(out_dir, self.file_texts(max_ring) if out_dir else {})


# ------------------------------------------------------------------ standalone map


def write_standalone_map(store, month, out, *, redact=False, keep_companies=False, max_ring=6,
                         keep_labels=False) -> Path:
    """Analyse ``store`` for ``month`` and write the map (owner-only) to ``out``."""
    report = MonthlyReport.load(store, month, redact=redact, keep_companies=keep_companies, keep_labels=keep_labels)
    out = Path(out)
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    return write_private(out, report.map_html(max_ring))
