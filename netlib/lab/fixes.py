"""The explore notebook's form to correct people: merge, edit, delete, undo (re-exported by
:mod:`netlib.explore`, whose panels it shares a :class:`netlib.lab.Live` with)."""

from __future__ import annotations

import ipywidgets as w

from netlib.errors import NetlibError
from netlib.garden.terms import SHOWN_LONG, html_shown as _e
from netlib.lab.live import Live, Panel

__all__ = ["FixForm"]


class FixForm(Panel):
    """Correct people: ``merge`` (into the first named), ``edit`` one ``field``, ``delete``,
    or ``undo`` the last change (each one step of ``netlib undo``). Widgets: ``action``,
    ``people`` (ids, emails or names, comma-separated), ``field``, ``value``, ``submit``,
    ``message`` (HTML). After a change, ``live`` (if given) refreshes every panel."""

    FIELDS = ("name", "company", "position", "linkedin_url", "birthday", "notes", "append_notes", "add_emails",
              "add_tags", "remove_tags")

    def __init__(self, store, *, live: Live | None = None):
        self.store, self.live = store, live
        self.action = w.ToggleButtons(options=["merge", "edit", "delete", "undo"], description="fix")
        self.people = w.Text(placeholder="keep first, then the others", description="people")
        self.field = w.Dropdown(options=self.FIELDS, value="company", description="field")
        self.value = w.Text(description="value")
        self.submit = w.Button(description="Apply", button_style="warning")
        self.message = w.HTML()
        self.submit.on_click(self.save)
        self.box = w.VBox([self.action, self.people, self.field, self.value, self.submit, self.message])

    def save(self, _button=None) -> str | None:
        refs = [p.strip() for p in self.people.value.split(",") if p.strip()]
        self.store.command = f"explore: {self.action.value} {', '.join(refs)}"
        try:
            if self.action.value == "merge":
                self.store.merge_people(refs[0] if refs else "", *refs[1:])
                done = f"merged {len(refs) - 1} into {refs[0]}; 'people split' or undo takes it back"
            elif self.action.value == "edit":
                value = self.value.value.strip() or None
                many = self.field.value.startswith(("add_", "remove_"))
                self.store.edit_person(refs[0] if refs else "", **{self.field.value: [value] if many else value})
                done = f"edited {self.field.value} of {refs[0]}"
            elif self.action.value == "delete":
                done = f"deleted {self.store.delete_person(refs[0] if refs else '')['name']}"
            else:
                done = f"undid {self.store.undo()['command']}"
        except (NetlibError, IndexError) as err:
            self.message.value = f"<p style='color:#D55E00'>Not changed: {_e(err, SHOWN_LONG)}</p>"
            return None
        finally:
            self.store.command = None
        self.message.value = f"<p>{_e(done, SHOWN_LONG)}</p>"
        if self.live is not None:
            self.live.changed()
        return done

    def snapshot(self) -> str:
        return "<p><i>The form to merge, edit, delete or undo works in JupyterLab.</i></p>" + self.message.value
