"""What the notebooks' widgets share: one garden, refreshed after every change, and a
static view of each panel for executed notebooks and their HTML export.

A :class:`Live` holds the store, the month and the garden they make. A widget that writes
(a logged coffee, an event, a tick) calls :meth:`Live.changed`: what reads the store itself
(a person's card) and what a new interaction settles at once (that person's checklist
items) show the write first; then the snapshot takes in only the new rows
(:func:`netlib.store.incremental.with_new_rows`), the garden is analysed again and every panel
that :meth:`Live.watch` es it redraws from the new one, so nothing needs re-running.

A :class:`Panel` shows its live widgets where a person can use them, and its
:meth:`~Panel.snapshot` (plain HTML) in the same output: JupyterLab picks the widgets,
an HTML export without widget state picks the snapshot. Where no person is there to use
the widgets (papermill, nbconvert: see :func:`interactive`) it shows the snapshot alone,
so the exported page reads well offline.
"""

from __future__ import annotations

import datetime as dt

from netlib.garden.analysis import analyse, report_date
from netlib.lab.labels import no_math
from netlib.store.incremental import with_new_rows

__all__ = ["Live", "Panel", "interactive"]


def interactive() -> bool:
    """True when the code runs in a kernel whose client takes input from a person
    (JupyterLab, Notebook, VS Code send ``allow_stdin``); False under papermill and
    nbconvert (they allow none) and outside a kernel."""
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        parent = kernel.get_parent() if kernel is not None else None
    except Exception:  # noqa: BLE001 - no kernel, no person: static
        return False
    return bool(((parent or {}).get("content") or {}).get("allow_stdin", False))


class Live:
    """The garden every panel of a notebook shows, and the one way to say it changed.

    >>> live = Live(store, "2026-11")          # doctest: +SKIP
    >>> live.watch(lambda garden: print(len(garden.people)))  # doctest: +SKIP
    >>> live.changed()                          # doctest: +SKIP
    """

    def __init__(self, store, month: str, *, today: dt.date | None = None, garden=None):
        self.store, self.month, self.today = store, month, today
        self._known = None  # (the whole store's snapshot, where the undo log ended when read)
        self._watchers, self._store_watchers, self._contact_watchers = [], [], []
        self.garden = garden if garden is not None else self.analyse()

    @property
    def snapshot(self):
        """The whole store (uncut, without summaries) as last read."""
        if self._known is None:
            self._read()
        return self._known[0]

    def _read(self):
        """Take in what changed in the store; the new interactions' people (None: unknown)."""
        snapshot, mark, contacts = with_new_rows(self.store, self._known)
        self._known = (snapshot, mark)
        return contacts

    def analyse(self):
        """The garden of :attr:`store` as of :attr:`month` (its last day, or today)."""
        self._read()
        return analyse(self.snapshot, report_date(self.month))

    def watch(self, redraw) -> None:
        """Call ``redraw(garden)`` after each change."""
        self._watchers.append(redraw)

    def watch_store(self, show) -> None:
        """Call ``show()`` after each change, before the garden is analysed again: for
        what reads the store itself (a person's card), so it shows the change at once."""
        self._store_watchers.append(show)

    def watch_contacts(self, settle) -> None:
        """Call ``settle(contacts)`` after a change that added interactions, before the
        garden is analysed again; ``contacts`` has the person_id, date and kind of each new
        interaction's people (a checklist hides what a coffee settles at once)."""
        self._contact_watchers.append(settle)

    def changed(self) -> None:
        """The store changed: show it where the store is read and what the new interactions
        settle, take in the new rows, analyse again, and redraw every watcher."""
        for show in list(self._store_watchers):
            show()
        contacts = self._read()
        if contacts is not None and len(contacts):
            for settle in list(self._contact_watchers):
                settle(contacts)
        self.garden = analyse(self.snapshot, report_date(self.month))
        for redraw in list(self._watchers):
            redraw(self.garden)


class Panel:
    """A notebook panel: ``box`` (its widgets) and :meth:`snapshot` (their static HTML)."""

    box = None

    def snapshot(self) -> str:
        """What the widgets show, as plain HTML (escaped)."""
        raise NotImplementedError

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": f"{type(self).__name__} (run in JupyterLab to use it)",
                  "text/html": no_math(f"<div class='netlib-static'>{self.snapshot()}</div>")}
        if interactive() and self.box is not None:
            widget = self.box._repr_mimebundle_()
            bundle.update({k: v for k, v in widget.items() if k != "text/plain"})
        return bundle
