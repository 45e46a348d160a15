"""Redaction: a garden safe to show a mentor, with stable pseudonyms instead of names.

Pseudonyms ("Willow 3a") are an HMAC-SHA256 of the person id keyed with a random
per-store salt (setting ``redaction_salt``, created on first use), so the same person keeps
the same pseudonym every month, and nobody without the store can map one back to a name.

:func:`redact_garden` keeps the numbers (rings, health, strength, counts, dates, event
names) and removes everything that says who someone is: names (full, first, last),
emails, phones, notes, LinkedIn URLs, interaction summaries, what you learned at events,
what you planned (a plan's text), birthdays, and companies and positions unless ``keep_companies``.

It is built from safe fields: the texts you wrote that can name someone are replaced by
neutral labels, not scrubbed: event names become "Event 1", "Event 2" (in date order), tags
"Tag 1" ..., goals "Goal 1" ... (their keys ``goal:1``), unless ``keep_labels`` keeps them
(then they are shown as written, and only scrubbed). A checklist item's ``why`` and
``action`` (and so each person's next action) are written again from how the garden wrote
them (``item.parts``: a template of safe words with fields): each private field gets a
pseudonym, a label, "a company", or a neutral phrase (a note you wrote is left out), never
the text itself. Cluster labels are labels or "N people around <pseudonym>". Then the
:class:`Scrubber` runs as a second line of defence (around the pseudonyms and labels the
redaction put in: a company named "Event 1" leaves them be): any name word becomes "someone" (also
inside a word joined by ``_``, digits or a capital, without accents, across zero-width
characters, and names in scripts written without spaces), companies with or without their
suffix "a company", private texts and addresses "[private]".
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import hmac
import re
import secrets

import numpy as np
import pandas as pd

from netlib.garden.goals import goal_key
from netlib.garden.terms import Private, shown, words
from netlib.report.scrub import Held, Scrubber

__all__ = ["pseudonyms", "redact_garden", "Scrubber", "SALT_SETTING"]

SALT_SETTING = "redaction_salt"

# Words chosen not to be common first names (no Hazel, Ivy, Robin, Wren ...).
_PLANTS = (
    "Alder Aspen Birch Bracken Cedar Clover Cypress Elm Fern Fir Gorse Hawthorn Heather Hemlock Juniper "
    "Larch Lichen Maple Moss Nettle Oak Pine Poplar Sedge Sorrel Spruce Sumac "
    "Teasel Thistle Thyme Yarrow Yew Acacia Agave Bamboo Bluebell Borage Burdock Catkin Chicory "
    "Cowslip Dock Fennel Foxglove Hops Lupin Mallow Mint Orchid Quince Rue Sorghum Tansy Vetch Wisteria"
).split()
_BIRDS = (
    "Finch Heron Plover Egret Curlew Dunlin Bittern Bunting Chiffchaff Crossbill Dipper Dunnock Fieldfare "
    "Godwit Goldcrest Grebe Grouse Gull Harrier Hoopoe Kingfisher Kite Lapwing Linnet "
    "Magpie Moorhen Nightjar Nuthatch Osprey Ouzel Owl Pipit Puffin Quail Raven Redpoll "
    "Redshank Redstart Rook Sanderling Shrike Siskin Skylark Snipe Stonechat Swallow Tern Thrush "
    "Treecreeper Twite Wagtail Warbler Waxwing Wheatear Whimbrel"
).split()
_PRIVATE_PEOPLE = ("first_name", "last_name", "emails", "phones", "notes", "linkedin_url", "birthday")
_PRIVATE_SETTINGS = ("owner_name", "owner_emails", SALT_SETTING)


def _settings_of(store_or_settings):
    """(settings dict, store or None)."""
    if isinstance(store_or_settings, dict):
        return store_or_settings, None
    return store_or_settings.settings(), store_or_settings


def salt(store_or_settings) -> bytes:
    """The store's redaction salt; created (through ``store.set_setting``) on first use."""
    settings, store = _settings_of(store_or_settings)
    value = settings.get(SALT_SETTING)
    if not value:
        if store is None:
            from netlib.errors import ValidationError

            raise ValidationError("no redaction_salt in these settings; pass the store so one can be created")
        value = secrets.token_hex(32)
        store.set_setting(SALT_SETTING, value, record=False)  # undo must not change every pseudonym
    return bytes.fromhex(value) if re.fullmatch(r"[0-9a-f]+", value) and len(value) % 2 == 0 else value.encode()


def _pseudonym(key: bytes, pid: int, digits: int) -> str:
    digest = hmac.new(key, str(int(pid)).encode(), hashlib.sha256).digest()
    plant = _PLANTS[int.from_bytes(digest[0:4], "big") % len(_PLANTS)]
    bird = _BIRDS[int.from_bytes(digest[4:8], "big") % len(_BIRDS)]
    return f"{plant} {bird} {digest[8:].hex()[:digits]}"


def pseudonyms(store_or_settings, ids) -> dict[int, str]:
    """A readable pseudonym per person id, the same every month.

    Collisions (rare) are resolved by lengthening the hex suffix of the person with the
    larger id, so people already in the garden keep their pseudonym when others join.

    >>> p = pseudonyms({"redaction_salt": "00" * 32}, [1, 2])
    >>> p == pseudonyms({"redaction_salt": "00" * 32}, [2, 1]) and len(set(p.values())) == 2
    True
    """
    key = salt(store_or_settings)
    out, taken = {}, set()
    for pid in sorted({int(i) for i in ids}):
        digits = 2
        name = _pseudonym(key, pid, digits)
        while name in taken:
            digits += 2
            name = _pseudonym(key, pid, digits)
        taken.add(name)
        out[pid] = name
    return out


def _redact_snapshot(snapshot, pseudo: dict, keep_companies: bool, scrub=None, goals=None, labels=None):
    if snapshot is None:
        return None
    people = snapshot.people.copy()
    people["name"] = [pseudo.get(int(i), f"Person {int(i)}") for i in people.index]
    for col in _PRIVATE_PEOPLE:
        if col in people:
            people[col] = [[] for _ in range(len(people))] if col in ("emails", "phones") else None
    if not keep_companies:
        for col in ("company", "position"):
            if col in people:
                people[col] = None
    inter = snapshot.interactions.copy()
    if "summary" in inter:
        inter["summary"] = None
    ev_people = snapshot.event_people.copy()
    if "learned" in ev_people:
        ev_people["learned"] = None
    events = snapshot.events.copy()
    for col in ("notes", "location"):
        if col in events:
            events[col] = None
    if labels is not None and "name" in events:  # "Farewell drinks for Jane Doe" names someone: a label
        events["name"] = [labels.event(i, n) for i, n in zip(events["id"], events["name"])]
    if scrub is not None and "tags" in people:
        people["tags"] = [[scrub(t) for t in v] if isinstance(v, (list, tuple, np.ndarray)) else []
                          for v in people["tags"]]
    settings = {k: v for k, v in (snapshot.settings or {}).items() if k not in _PRIVATE_SETTINGS}
    if goals is not None and "goals" in settings:
        settings["goals"] = goals
    plans = snapshot.plans.copy()
    if "what" in plans:  # what you intend with someone is yours
        plans["what"] = None
    ticks = snapshot.checklist.copy()
    if labels is not None and "key" in ticks:  # a goal's key is its words: "goal:<n>" instead
        ticks["key"] = [labels.tick_key(k) for k in ticks["key"]]
    return dataclasses.replace(snapshot, people=people, interactions=inter, event_people=ev_people,
                               events=events, settings=settings, plans=plans, checklist=ticks)


class _Labels:
    """Neutral labels for what you wrote that can name someone: event names ("Event 1", in
    date order), tags ("Tag 1", alphabetical), goals ("Goal 1", in your order). With ``keep``
    everything keeps its own words."""

    def __init__(self, garden, keep: bool, clean=None):
        self.keep = keep
        scrub, cleaned = clean or (lambda text: ""), {}  # the scrubber, for what ``keep`` keeps
        # once per text: a kept label is in many reasons, and may be millions of characters long
        self.clean = lambda text: (cleaned[text] if text in cleaned else cleaned.setdefault(text, scrub(text))) \
            if isinstance(text, str) else scrub(text)
        self.whole: dict[str, str] = {}  # folded original -> label
        self.goal_keys: dict[str, str] = {}
        self.events: dict[int, str] = {}  # event id -> label
        snap = garden.snapshot
        if snap is not None and len(snap.events) and "name" in snap.events:
            events = snap.events.sort_values([c for c in ("date", "id") if c in snap.events])
            for eid, name in zip(events["id"], events["name"]):
                if isinstance(name, str) and name.strip():
                    self.whole.setdefault(name.strip().casefold(), f"Event {self._count('Event') + 1}")
                    self.events[int(eid)] = self.whole[name.strip().casefold()]
        tags = set()
        for frame in (garden.people, garden.detail, snap.people if snap is not None else None):
            if frame is not None and "tags" in frame:
                tags.update(t.strip() for v in frame["tags"] if isinstance(v, (list, tuple, np.ndarray))
                            for t in v if isinstance(t, str) and t.strip())
        for n, tag in enumerate(sorted(tags, key=str.casefold), 1):
            self.whole.setdefault(tag.casefold(), f"Tag {n}")
        self.goals = []
        for n, goal in enumerate((garden.settings or {}).get("goals") or [], 1):
            if not isinstance(goal, dict):
                continue
            label = f"Goal {n}"
            text = str(goal.get("text", ""))
            # kept, a goal's key is that of its words scrubbed: the key is its words, slugged
            self.goal_keys[goal_key(text)] = goal_key(self.clean(text)) if keep else f"goal:{n}"
            for part, word in (("text", label), ("keyword", f"{label} keyword"), ("tag", f"{label} tag")):
                value = goal.get(part)
                if isinstance(value, str) and value.strip():
                    self.whole.setdefault(value.strip().casefold(), word)
            self.goals.append({**{k: goal[k] for k in ("kind", "count") if k in goal}, "text": label,
                               **{k: f"{label} {k}" for k in ("keyword", "tag") if goal.get(k)}})

    def _count(self, prefix: str) -> int:
        return sum(1 for v in self.whole.values() if v.startswith(prefix + " "))

    def label(self, value, neutral: str = "a label"):
        """The label of one event name, tag or goal text (``neutral`` for one not known);
        with ``keep`` its own words, scrubbed."""
        if not isinstance(value, str):
            return value
        if self.keep:
            return self.clean(value)
        return self.whole.get(value.strip().casefold(), neutral)

    def event(self, eid, name):
        """An event's label by its id ("an event" for one not known)."""
        if self.keep:
            return self.clean(name) if isinstance(name, str) else name
        return self.events.get(int(eid), "an event") if pd.notna(eid) else "an event"

    def show(self, value: Private, pseudo: dict, keep_companies: bool) -> str:
        """What a shared report writes for one private field of a checklist reason, at most
        ``value.most`` characters (:attr:`~netlib.garden.terms.Private.most`, as unredacted:
        :func:`~netlib.garden.terms.words` cannot cut it, it gets a :class:`Held` mark): a
        kept label is scrubbed whole, then cut."""
        text = self._show(value, pseudo, keep_companies)
        return shown(text, value.most) if isinstance(text, str) else text

    def _show(self, value: Private, pseudo: dict, keep_companies: bool) -> str:
        kind, key = value.kind, value.key
        if kind == "person":
            return pseudo.get(int(key), f"Person {int(key)}") if key is not None else "someone"
        if kind == "event":
            return self.event(key, value.text) if key is not None else self.label(value.text, "an event")
        if kind == "tag":
            return self.label(value.text, "a tag")
        if kind in ("goal", "goal_tag", "goal_keyword"):
            word = {"goal": "", "goal_tag": " tag", "goal_keyword": " keyword"}[kind]
            return self.clean(value.text) if self.keep else f"Goal {key}{word}"
        if kind == "company":
            return self.clean(value.text) if keep_companies else " at a company"
        return value.label  # text you wrote: a neutral phrase, or nothing

    def tick_key(self, key) -> str:
        """A stored checklist key as shared: a goal's (its words) as ``goal:<n>``, or kept,
        as the key of its words scrubbed (``goal:0``: a goal no longer set)."""
        if not isinstance(key, str) or not key.startswith("goal:"):
            return key
        return self.goal_keys.get(key, "goal:0")

    def goal_key(self, item) -> str:
        """A goal item's key: ``goal:<n>`` (its number), or kept, its words scrubbed."""
        if item.checklist != "goals":
            return item.key
        goal = item.parts.get("action", ("", {}))[1].get("goal")
        if isinstance(goal, Private):
            return goal_key(self.clean(goal.text)) if self.keep else f"goal:{goal.key}"
        return self.goal_keys.get(item.key, "goal:0")


def redact_garden(garden, pseudonyms: dict, keep_companies: bool = False, keep_labels: bool = False):
    """A copy of ``garden`` that names nobody (see the module docstring).

    ``pseudonyms`` maps person id -> pseudonym (from :func:`pseudonyms`); people missing
    from it become "Person <id>". ``keep_labels`` keeps event names, tags and goal texts as
    you wrote them (scrubbed only): they can name or describe someone.
    """
    pseudo = {int(k): str(v) for k, v in (pseudonyms or {}).items()}
    source = garden.snapshot
    settings = garden.settings or {}
    scrub = Scrubber(source, keep_companies=keep_companies, owner_name=settings.get("owner_name", "")) \
        if source is not None else None

    def clean(text, ids=()):
        return scrub(text, {i: pseudo.get(int(i), f"Person {int(i)}") for i in ids}) if scrub else ""

    labels = _Labels(garden, keep_labels, clean)

    def tag(value):  # a label, or (kept) your tag scrubbed once: a second scrub could rewrite its words
        return labels.label(value, "a tag")

    def rewrite(item, part, ids):
        """An item's why or action written again from safe fields, then scrubbed around what
        the redaction put in (pseudonyms, labels) and the template's own words (the code's):
        held, so a company spelt the same ("Met", "Next") leaves them; what is scrubbed is
        only what a field put in as it is (numbers, dates, kinds: safe by the caller's word)."""
        if part not in item.parts:
            return f"(not shown in a shared report: a {item.checklist.replace('_', ' ')} item)"
        template, fields = item.parts[part]
        named = [*ids, *(v.key for v in _privates(fields.values()) if v.kind == "person" and v.key is not None)]
        held = Held()
        text = words(template, fields, lambda v: held(labels.show(v, pseudo, keep_companies)), own=held)
        return held.around(text, lambda piece: clean(piece, named)) if scrub else ""

    checklists, acted = {}, {}
    for name, items in garden.checklists.items():
        checklists[name] = []
        for item in items if name != "birthdays" else ():  # a birthday is private: left out
            shared = dataclasses.replace(  # made again: why and action cut once scrubbed (ChecklistItem)
                item,
                key=labels.goal_key(item),
                people=[pseudo.get(int(p), f"Person {int(p)}") for p in item.person_ids],
                why=rewrite(item, "why", item.person_ids),
                action=rewrite(item, "action", item.person_ids),
                person_ids=list(item.person_ids),
                href=None,  # an email address or a profile: never in a shared report
                parts={},
            )
            checklists[name].append(shared)
            acted.update({(int(p), item.action): shared.action for p in item.person_ids})

    def rename(frame):
        frame = frame.copy()
        frame["name"] = [pseudo.get(int(i), f"Person {int(i)}") for i in frame.index]
        for col in _PRIVATE_PEOPLE:
            if col in frame:
                frame = frame.drop(columns=col)
        if not keep_companies:
            for col in ("company", "position"):
                if col in frame:
                    frame[col] = ""
        if "tags" in frame:
            frame["tags"] = [[tag(t) for t in v] if isinstance(v, list) else [] for v in frame["tags"]]
        if "next_action" in frame:  # an open item's action: written again as its item's
            frame["next_action"] = [acted.get((int(i), t), "") for i, t in zip(frame.index, frame["next_action"])]
        return frame

    people = rename(garden.people)
    detail = rename(garden.detail) if garden.detail is not None else None
    clusters = garden.clusters.copy()
    if "label" in clusters:
        # a company's name only where companies are kept, a tag or event where it survives
        # labelling and scrubbing unchanged; else "N people around <pseudonym>" (the same
        # words as unredacted)
        kinds = clusters["label_kind"] if "label_kind" in clusters else pd.Series("company", index=clusters.index)
        hubs = clusters["hub"] if "hub" in clusters else pd.Series(-1, index=clusters.index)
        names = []
        for label, kind, hub, size in zip(clusters["label"], kinds, hubs, clusters["size"]):
            if kind in ("tag", "event"):
                shown = labels.label(label, "")  # kept: scrubbed by label()
                names.append(shown if shown and "someone" not in shown and "[private]" not in shown
                             else f"{int(size)} people around {pseudo.get(int(hub), 'someone')}")
            elif kind == "company" and keep_companies and clean(label) == label:
                names.append(label)
            else:
                names.append(f"{int(size)} people around {pseudo.get(int(hub), 'someone')}")
        clusters["label"] = names
    if "people" in clusters:
        clusters["people"] = [_rename_list(v, pseudo, scrub) for v in clusters["people"]]
    settings = {k: copy.deepcopy(v) for k, v in settings.items() if k not in _PRIVATE_SETTINGS}
    settings["owner_name"] = ""
    if "goals" in settings and not keep_labels:
        settings["goals"] = labels.goals
    met = getattr(garden, "met", None)  # a garden-like object may not carry it
    if met is not None:
        met = met.copy()
        if "name" in met:
            met["name"] = [labels.event(e, n) for e, n in zip(met.get("event_id", [None] * len(met)), met["name"])]
        if "learned" in met:
            met["learned"] = None
    return dataclasses.replace(
        garden, people=people, detail=detail, clusters=clusters, checklists=checklists, settings=settings,
        snapshot=_redact_snapshot(source, pseudo, keep_companies, tag, None if keep_labels else labels.goals, labels),
        **({"met": met} if met is not None else {}),
    )


def _privates(values):
    """Every :class:`Private` among the fields of a reason (in lists and tuples too)."""
    for value in values:
        if isinstance(value, Private):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _privates(value)


def _rename_list(value, pseudo, scrub):
    """A cluster's ``people``: ids stay ids; any text is scrubbed."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [v if isinstance(v, (int, np.integer)) else (scrub(str(v)) if scrub else "") for v in value]
    if isinstance(value, str):
        return scrub(value) if scrub else ""
    return value
