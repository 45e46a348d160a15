"""The monthly report: what the report notebook shows, and what a run writes.

:func:`~netlib.report.runner.run_report` (also importable from here) runs the notebook with
papermill and writes one folder per month (``reports/2026-11/``, a redacted run
``reports/2026-11/redacted/``), owner-only (0o700, files 0o600):

``report.ipynb``  the executed notebook (also written when a cell fails)
``report.html``   the report without code: nbconvert's lab look, charts inline (SVG), nothing
                  loaded from a CDN (see ``templates/report.html.j2`` and :func:`external_refs`)
``map.html``      the standalone network map
``checklist.md``  the six checklists, with each item's key (``netlib checklist done KEY``)
``summary.json``  :func:`netlib.garden.analysis.month_summary` of the month

:class:`MonthlyReport` is everything the notebook shows, so the notebook is narrative
and calls only.
"""

from __future__ import annotations

import functools
import html
import inspect
import json
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from netlib.errors import ReportError, ValidationError
from netlib.months import months_between  # noqa: F401 - part of this module's API (the CLI's --from/--to)
from netlib.report.page import HIDDEN_TAGS, TEMPLATES, export_html, external_refs  # noqa: F401
from netlib.paths import NOTEBOOKS_DIR
from netlib.paths import private_dir as _private_dir
from netlib.paths import write_private as _write_private

__all__ = [  # and run_report, from netlib.report.runner (see __getattr__ below)
    "months_between", "checklist_markdown", "write_standalone_map", "validate_parameters",
    "MonthlyReport", "PreparedReport", "export_html", "external_refs", "CHECKLIST_TITLES",
]

NOTEBOOK = NOTEBOOKS_DIR / "monthly_report.ipynb"

CHECKLIST_TITLES = {
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

# ------------------------------------------------------------------ parameters and months


def validate_parameters(month, store, *, owner="", redact=False, keep_companies=False, max_people=15,
                        out_dir="") -> None:
    """Check the report notebook's parameters; raise :class:`ValidationError` saying what is wrong.

    >>> validate_parameters("2026-13", "x.db")
    Traceback (most recent call last):
    ...
    netlib.errors.ValidationError: month '2026-13' is not a month; use YYYY-MM, e.g. 2026-11
    """
    from netlib.months import parse_month  # not pandas: the kernel of a prepared report never needs it

    if not isinstance(month, str):
        raise ValidationError(f"month is {month!r}; use text like '2026-11'")
    parse_month(month)
    if not isinstance(store, (str, os.PathLike)) or not str(store):
        raise ValidationError(f"store is {store!r}; use the path of a store file, e.g. data/garden.db")
    if not Path(store).is_file():
        raise ValidationError(f"store '{store}' does not exist; create one with 'netlib init' or pass -p store PATH")
    if not isinstance(owner, str):
        raise ValidationError(f"owner is {owner!r}; use your name as text, or '' for the owner_name setting")
    for name, value in (("redact", redact), ("keep_companies", keep_companies)):
        if not isinstance(value, bool):
            raise ValidationError(f"{name} is {value!r}; use True or False")
    if isinstance(max_people, bool) or not isinstance(max_people, int) or max_people < 1:
        raise ValidationError(f"max_people is {max_people!r}; use a whole number of 1 or more, e.g. 15")
    if not isinstance(out_dir, (str, os.PathLike)):
        raise ValidationError(f"out_dir is {out_dir!r}; use a folder path, or '' to write no files")


def load_key(store, month, owner="", redact=False, keep_companies=False) -> tuple:
    """:meth:`MonthlyReport.load`'s arguments, the store as an absolute path: what a
    prepared report must match to be taken (:mod:`netlib.prepared`)."""
    return (str(Path(store).expanduser().absolute()), str(month), str(owner), bool(redact), bool(keep_companies))


# ------------------------------------------------------------------ tables


def _cell(value) -> str:
    import pandas as pd

    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if value != value else f"{value:,.2f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


class Section(str):
    """A piece of the report as HTML text. Notebooks show it as HTML (``_repr_html_``, so
    building one needs no IPython: the report's content can be made outside the kernel,
    see :mod:`netlib.prepared`); ``.data`` is the HTML, as on ``IPython.display.HTML``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    @property
    def data(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<report section: {len(self):,} characters of HTML>"


def html_table(rows: list[dict], columns: list[str], *, numeric=(), raw=(), empty="Nothing here this month.") -> Section:
    """An HTML table with every cell escaped (columns in ``raw`` hold HTML netlib built)."""
    if not rows:
        return Section(f'<p class="netlib-muted">{html.escape(empty)}</p>')
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{html.escape(c)}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            text = row.get(c)
            text = text if c in raw else html.escape(_cell(text))
            cells.append(f'<td class="{"num" if c in numeric else ""}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Section(f'<table class="netlib"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


# ------------------------------------------------------------------ the report's content


def _shown(method):
    """A report section, made once per set of arguments: ``prepare`` makes them all ahead
    (outside the kernel, see :mod:`netlib.prepared`) and the notebook's calls find them."""
    signature = inspect.signature(method)

    def key(*args, **kwargs) -> tuple:
        """The section's name and its arguments, defaults filled in (``self`` left out)."""
        bound = signature.bind(None, *args, **kwargs)
        bound.apply_defaults()
        return (method.__name__, *list(bound.arguments.values())[1:])

    @functools.wraps(method)
    def section(self, *args, **kwargs):
        made = key(*args, **kwargs)
        if made not in self._sections:
            self._sections[made] = Section(method(self, *args, **kwargs))
        return self._sections[made]

    section.key = key
    return section


@dataclass
class MonthlyReport:
    """One month's report content; the notebook calls its methods and shows the results.

    ``garden`` is what is shown (redacted when ``redacted``); ``summary`` its
    :func:`month_summary`; ``history`` the 12-month trends (computed on first use).
    Each section method returns a :class:`Section` (HTML), made once per arguments;
    :meth:`prepared` makes all those of the report notebook and keeps only them (a
    :class:`PreparedReport`), so that the report can be made in one process and shown
    in another (:mod:`netlib.prepared`).
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
    #: ``load``'s arguments (store path, month, owner, redact, keep_companies) when the store was a path
    source: tuple | None = field(repr=False, default=None)

    @classmethod
    def load(cls, store, month, *, owner="", redact=False, keep_companies=False, _prepared=True,
             _beside=None) -> "MonthlyReport":
        """Analyse ``store`` (a path or a Store) for ``month``: as of its last day, or as of
        today while the month runs (:func:`netlib.garden.analysis.report_date`).

        In a kernel started by :func:`run_report`, the report was made by ``netlib report``
        while the kernel started; ``load`` then takes it (:func:`netlib.prepared.take`): a
        :class:`PreparedReport`, which answers the notebook's calls alike."""
        own = not hasattr(store, "snapshot")
        source = load_key(store, month, owner, redact, keep_companies) if own else None
        if source is not None and _prepared:
            from netlib.prepared import take

            prepared = take(source)  # made by `netlib report` while this kernel started
            if prepared is not None:
                return prepared
        from netlib.report import redact as _redact
        from netlib.garden.analysis import analyse, month_summary, report_date
        from netlib.store.settings import merge
        from netlib.store.core import Store
        from netlib.garden.strength import contacts as contacts_of

        s = Store(store, create=False) if own else store
        try:
            # the report never shows summaries; redaction reads them to scrub them from any text
            snapshot = s.snapshot(summaries=bool(redact)) if own else s.snapshot()
            day = report_date(month)
            cut = snapshot.as_of(day)  # analyse cuts no further
            rows = contacts_of(cut, merge(snapshot.settings or {}))
            # work that can go on beside the analysis (netlib.prepared): the trends, the weave
            weave = _beside(snapshot, cut, day, rows) if _beside is not None else None
            garden = analyse(cut, day, contacts_rows=rows, weave=weave)
            pseudo = _redact.pseudonyms(s, garden.people.index) if redact else {}
        finally:
            if own:
                s.close()
        summary = month_summary(garden)
        contacts = garden.contacts  # the history reuses them (they hold ids and kinds only)
        owner = "You" if redact else (owner or snapshot.settings.get("owner_name") or "You")
        if redact:
            garden = _redact.redact_garden(garden, pseudo, keep_companies=keep_companies)
        return cls(garden=garden, summary=summary, owner=owner, redacted=bool(redact),
                   keep_companies=bool(keep_companies), snapshot=snapshot, pseudonyms=pseudo,
                   _contacts=contacts, source=source)

    @staticmethod
    def notebook_sections(max_people: int = 15) -> list[tuple[str, tuple]]:
        """The sections the report notebook shows, in its order, as (method, arguments):
        what :meth:`prepare` makes (tests/test_prepared.py checks the notebook asks for
        nothing else)."""
        return [("header", ()), ("numbers_table", ()), ("rings_image", ()), ("rings_table", ()), ("trends", ()),
                ("map_widget", ()),
                *[("checklist_table", (name, max_people)) for name in CHECKLIST_TITLES],
                ("events_table", (max_people,)), ("reciprocity_table", (max_people,)),
                ("clusters_table", (max_people,)), ("bridges_table", (max_people,))]

    def prepare(self, max_people: int = 15, skip=()) -> "MonthlyReport":
        """Make every section of the report notebook now (see :meth:`notebook_sections`),
        but those named in ``skip``."""
        for name, args in self.notebook_sections(max_people):
            if name not in skip:
                getattr(self, name)(*args)
        return self

    def prepared(self, max_people: int = 15, max_ring: int = 6) -> "PreparedReport":
        """The report notebook's sections and files (their map drawn to ``max_ring``), made
        now, as text only (see :class:`PreparedReport`)."""
        self.prepare(max_people)
        return PreparedReport(source=self.source, summary=self.summary, redacted=self.redacted,
                              sections={key: str(html) for key, html in self._sections.items()},
                              files=self.file_texts(max_ring), files_ring=max_ring)

    # --- numbers ------------------------------------------------------------------------
    @property
    def history(self):
        if self._history is None:
            from netlib.garden import history

            self._history = history(self.snapshot, self.garden.month, as_of=self.garden.as_of,
                                    contacts_rows=self._contacts)
        return self._history

    @_shown
    def header(self):
        g = self.garden
        when = g.as_of.strftime("%B %Y")
        note = " Redacted: names are pseudonyms; contact details, notes and summaries are left out." \
            if self.redacted else ""
        return (f"<p><strong>{html.escape(self.owner)}</strong>'s garden, {html.escape(when)} "
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
        import pandas as pd

        from netlib.garden.analysis import HEALTH, RINGS

        people = self.garden.people
        counts = pd.crosstab(people["ring"], people["health"]).reindex(index=list(RINGS), columns=list(HEALTH),
                                                                        fill_value=0)
        rows = [{"ring": f"{r} {RINGS[r]}", **{h: int(counts.loc[r, h]) for h in HEALTH},
                 "total": int(counts.loc[r].sum())} for r in RINGS]
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
        from netlib.map.render import render_map

        if max_ring not in self._maps:
            self._maps[max_ring] = render_map(self.garden, max_ring=max_ring, redact=self.redacted,
                                              pseudonyms=self.pseudonyms, keep_companies=self.keep_companies)
        return self._maps[max_ring]

    @_shown
    def map_widget(self, max_ring: int = 6, height: int = 720):
        from netlib.map.render import map_frame

        return map_frame(self.map_html(max_ring), height=height)

    # --- checklists ---------------------------------------------------------------------
    @_shown
    def checklist_table(self, name: str, max_people: int = 15):
        """One checklist as a table: item (people and key), why, action, state."""
        if name not in CHECKLIST_TITLES:
            raise ValidationError(f"no checklist {name!r}; checklists: {', '.join(CHECKLIST_TITLES)}")
        items = self.garden.checklists.get(name, [])[:max_people]
        rows = [{"item": f"{html.escape(', '.join(i.people) or i.action)}<br>"
                         f'<span class="netlib-key">[{html.escape(i.key)}]</span>',
                 "why": i.why, "action": action_text(i),
                 "state": f'<span class="netlib-state-{html.escape(i.state)}">{html.escape(i.state)}</span>'}
                for i in items]
        more = len(self.garden.checklists.get(name, [])) - len(items)
        table = html_table(rows, ["item", "why", "action", "state"], raw=("item", "state"),
                           empty="Nothing to do here this month.")
        if more > 0:
            return table + f'<p class="netlib-muted">and {more} more in checklist.md.</p>'
        return table

    # --- events ---------------------------------------------------------------------------
    @_shown
    def events_table(self, max_people: int = 15, months: int = 3):
        """Events of the last ``months`` months: whom you met and who still awaits a follow-up."""
        import pandas as pd

        snap = self.garden.snapshot
        day = self.garden.as_of
        start = (pd.Period(day, "M") - (months - 1)).start_time
        events = snap.events[(snap.events["date"] >= start) & (snap.events["date"] <= day)]
        names = self.garden.people["name"]
        from netlib.garden.checklist import met_at_events

        everyone = self.garden.met  # the checklist's rule: marked, or in touch since
        if everyone is None:
            everyone = met_at_events(snap)
        rows = []
        for ev in events.sort_values("date", ascending=False).head(max_people).itertuples(index=False):
            met = everyone[everyone["event_id"] == ev.id]
            waiting = met[~met["done"]]["person_id"]
            rows.append({"event": ev.name, "date": ev.date, "met": len(met),
                         "followed up": int(met["done"].sum()),
                         "still to follow up": ", ".join(str(names.get(p, f"Person {p}")) for p in waiting)})
        return html_table(rows, ["event", "date", "met", "followed up", "still to follow up"],
                          numeric=("met", "followed up"), empty="No events in the last three months.")

    # --- reciprocity ------------------------------------------------------------------------
    @_shown
    def reciprocity_table(self, max_people: int = 15):
        """People with any give or ask, those who gave you most first."""
        rec = self.garden.reciprocity.join(self.garden.people[["name", "ring"]])
        rec = rec[(rec[["given", "received", "intros_for", "intros_by"]].sum(axis=1)) > 0]
        rec = rec.sort_values(["balance", "ring"]).head(max_people)
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
        rows = []
        for cid, c in self.garden.clusters.head(max_people).iterrows():
            members = people.loc[people.index.intersection(list(c["people"]))].sort_values("strength", ascending=False)
            rows.append({"cluster": c["label"], "people": int(c["size"]),
                         "bridges": int(members["bridge"].sum()),
                         "closest to you": ", ".join(members["name"].head(5).astype(str))})
        return html_table(rows, ["cluster", "people", "bridges", "closest to you"], numeric=("people", "bridges"),
                          empty="No clusters yet: record who knows whom (netlib tie) to see them.")

    @_shown
    def bridges_table(self, max_people: int = 15):
        """People who link clusters (low constraint): your network's brokers."""
        people = self.garden.people
        labels = self.garden.clusters["label"].to_dict() if len(self.garden.clusters) else {}
        b = people[people["bridge"]].sort_values(["constraint", "strength"], ascending=[True, False]).head(max_people)
        rows = [{"person": r.name, "ring": int(r.ring), "cluster": labels.get(r.cluster, "none"),
                 "constraint": float(r.constraint)} for r in b.itertuples()]
        return html_table(rows, ["person", "ring", "cluster", "constraint"], numeric=("ring", "constraint"),
                          empty="No bridges this month.")

    # --- files --------------------------------------------------------------------------------
    def file_texts(self, max_ring: int = 6) -> dict[str, str]:
        """The texts of map.html, checklist.md and summary.json."""
        return {"map.html": self.map_html(max_ring), "checklist.md": checklist_markdown(self.garden),
                "summary.json": json.dumps({**_jsonable(self.summary), "redacted": self.redacted},
                                           indent=2, ensure_ascii=False) + "\n"}

    def write_files(self, out_dir, max_ring: int = 6) -> list[Path]:
        """Write map.html, checklist.md and summary.json into ``out_dir`` ("" writes nothing)."""
        return _write_texts(out_dir, self.file_texts(max_ring) if out_dir else {})


def _write_texts(out_dir, texts: dict[str, str]) -> list[Path]:
    if not out_dir:
        return []
    folder = _private_dir(Path(out_dir))
    return [_write_private(folder / name, text) for name, text in texts.items()]


class PreparedReport:
    """A :class:`MonthlyReport`'s notebook sections and files, made ahead, as text only:
    what the report's kernel takes from ``netlib report`` (:mod:`netlib.prepared`). Showing
    it needs neither pandas nor the store, so the kernel spends its time on none
    of them while the report is being made beside it.

    It answers the notebook's calls as the full report would (the same :class:`Section`
    for the same arguments, the same files). Anything else of a :class:`MonthlyReport` (a
    section with other arguments, ``.garden``) loads the full report once, from
    ``source``, and asks it: that reads the store again, as it is then.
    """

    def __init__(self, *, source: tuple | None, summary: dict, redacted: bool, sections: dict, files: dict,
                 files_ring: int = 6):
        self.source, self.summary, self.redacted = source, summary, redacted
        self._sections, self._files, self._files_ring, self._full = sections, files, files_ring, None

    notebook_sections = staticmethod(MonthlyReport.notebook_sections)

    def __repr__(self) -> str:
        month = self.source[1] if self.source else "a store"
        return f"<PreparedReport of {month}: {len(self._sections)} sections>"

    def full(self) -> MonthlyReport:
        """The full report, loaded from the store on first use."""
        if self._full is None:
            if self.source is None:
                raise ReportError("this prepared report was made from an open Store, not a path: "
                                  "use MonthlyReport.load on the store for anything it does not hold")
            store, month, owner, redact, keep = self.source
            self._full = MonthlyReport.load(store, month, owner=owner, redact=redact, keep_companies=keep,
                                            _prepared=False)
        return self._full

    def __getattr__(self, name: str):
        if name not in _REPORT_NAMES:  # a typo, or pickle asking: not worth reading the store for
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.full(), name)

    def write_files(self, out_dir, max_ring: int = 6) -> list[Path]:
        """As :meth:`MonthlyReport.write_files`."""
        if max_ring != self._files_ring:
            return self.full().write_files(out_dir, max_ring)
        return _write_texts(out_dir, self._files)


def _prepared_section(name: str, method):
    """A :class:`PreparedReport` section: the one made ahead, else the full report's."""

    @functools.wraps(method)
    def section(self, *args, **kwargs):
        made = self._sections.get(method.key(*args, **kwargs))
        return Section(made) if made is not None else getattr(self.full(), name)(*args, **kwargs)

    return section


for _name, _method in list(vars(MonthlyReport).items()):
    if hasattr(_method, "key"):  # the sections (see _shown): as methods, for help() and tab completion
        setattr(PreparedReport, _name, _prepared_section(_name, _method))
#: What a PreparedReport hands on to the full report: the rest of a MonthlyReport's public names.
_REPORT_NAMES = frozenset({f.name for f in fields(MonthlyReport)}
                          | {n for n in dir(MonthlyReport) if not n.startswith("_")})


def trends_section(history) -> Section:
    """The three trend charts (:mod:`netlib.report.charts`) as the report shows them."""
    from netlib.report import charts

    return Section('<div class="netlib-charts">' + charts.trend_people(history) + charts.trend_interactions(history)
                   + charts.trend_health(history) + "</div>")


def rings_section(counts: dict) -> Section:
    """People per ring and per health state (``counts["rings"]``, ``counts["health"]``:
    a :func:`~netlib.garden.analysis.month_summary`) as a chart."""
    from netlib.report import charts

    return Section('<div class="netlib-charts">' + charts.rings_health(counts) + "</div>")


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


# ------------------------------------------------------------------ checklist markdown


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", " ")


def action_text(item) -> str:
    """An item's action with its channel, unless the action already names it."""
    channel = item.channel or ""
    if not channel or channel.casefold() in item.action.casefold():
        return item.action
    return f"{item.action} (by {channel})"


def checklist_markdown(garden) -> str:
    """The six checklists as Markdown; each item shows its key in brackets.

    Tick an item with ``netlib checklist done KEY``; open items come first.
    """
    from netlib.garden.analysis import CHECKLISTS

    lines = [f"# Cultivation checklists, {garden.month}", "",
             f"As of {garden.as_of.date().isoformat()}. Tick an item: `netlib checklist done KEY` "
             f"(or `snooze`, `dismiss`).", ""]
    for name in CHECKLISTS:
        title, why = CHECKLIST_TITLES[name]
        items = garden.checklists.get(name, [])
        lines += [f"## {title}", "", f"_{why}_", ""]
        if not items:
            lines += ["Nothing to do here this month.", ""]
            continue
        for item in items:
            box = "x" if item.state == "done" else " "
            who = ", ".join(item.people)
            state = "" if item.state in ("open", "done") else f" ({item.state})"
            head = f"**{_md(who)}** " if who else ""
            lines.append(f"- [{box}] {head}[`{item.key}`]{state}")
            lines.append(f"  - why: {_md(item.why)}")
            lines.append(f"  - action: {_md(action_text(item))}")
        lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ standalone map


def write_standalone_map(store, month, out, *, redact=False, keep_companies=False, max_ring=6) -> Path:
    """Analyse ``store`` for ``month`` and write the map (owner-only) to ``out``."""
    report = MonthlyReport.load(store, month, redact=redact, keep_companies=keep_companies)
    out = Path(out)
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    return _write_private(out, report.map_html(max_ring))


def __getattr__(name: str):
    """``run_report`` lives in :mod:`netlib.report.runner` (running the notebook; this module is
    what it shows) and is found here too, loaded on first use."""
    if name == "run_report":
        from netlib.report.runner import run_report

        return run_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
