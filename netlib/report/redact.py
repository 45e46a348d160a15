"""Redaction: a garden safe to show a mentor, with stable pseudonyms instead of names.

Pseudonyms ("Willow 3a") are an HMAC-SHA256 of the person id keyed with a random
per-store salt (setting ``redaction_salt``, created on first use), so the same person keeps
the same pseudonym every month, and nobody without the store can map one back to a name.

:func:`redact_garden` keeps the numbers (rings, health, strength, counts, dates, event
names) and removes everything that says who someone is: names (full, first, last),
emails, phones, notes, LinkedIn URLs, interaction summaries, what you learned at events,
what you planned (a plan's text),
birthdays, and companies and positions unless ``keep_companies``. Free text the garden
wrote (a checklist item's ``why``, next actions, cluster labels) is rewritten: the
people an item is about get their pseudonyms, any other name word becomes "someone",
private texts and addresses become "[private]".
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
from netlib.errors import ValidationError

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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|linkedin\.com/\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?!\d{4}-\d{2}-\d{2})\+?\d[\d ()./-]{6,}\d")  # not ISO dates
_WORD = re.compile(r"\w+", re.UNICODE)
_MARK = "\x00{}\x00"
_MARKED = re.compile("\x00(\\d+)\x00")


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

            raise ValidationError("no redaction_salt in these settings; pass the store so one can be created")
        value = secrets.token_hex(32)
        store.set_setting(SALT_SETTING, value)
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


def _texts(value) -> list[str]:
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []


class Scrubber:
    """Rewrites free text so it names nobody; built from a snapshot's private data.

    ``scrub(text, names={pid: pseudonym})``: the real names of ``names``' people become
    their pseudonyms, any other name word "someone", companies "a company" and positions
    "a role" (unless kept; never a text that is also one of your tags), private texts (notes, learned, summaries), emails, URLs and phones "[private]".
    """
    def __init__(self, snapshot, *, keep_companies=False, owner_name=""):
        people = snapshot.people
        self.full = {}
        words = set()
        for pid, name, first, last in zip(people.index, people["name"], people.get("first_name", pd.Series(dtype=object)).reindex(people.index),
                                          people.get("last_name", pd.Series(dtype=object)).reindex(people.index)):
            if isinstance(name, str) and name.strip():
                self.full[int(pid)] = name.strip()
            for text in (name, first, last):
                if isinstance(text, str):
                    words.update(w.lower() for w in _WORD.findall(text) if len(w) >= 2)
        for w in _WORD.findall(owner_name or ""):
            words.add(w.lower())
        self.words = words
        private = []
        for col in ("notes", "linkedin_url"):
            if col in people:
                private += [t for v in people[col] for t in _texts(v)]
        for col in ("emails", "phones"):
            if col in people:
                private += [t for v in people[col] for t in _texts(v)]
        private += [t for v in snapshot.interactions.get("summary", []) for t in _texts(v)]
        private += [t for v in snapshot.event_people.get("learned", []) for t in _texts(v)]
        private += [t for v in snapshot.events.get("notes", []) for t in _texts(v)]
        plans = getattr(snapshot, "plans", None)
        if plans is not None and "what" in plans:  # what you intend with someone is yours
            private += [t for v in plans["what"] for t in _texts(v)]
        self.private = sorted({t for t in private if len(t) >= 3}, key=len, reverse=True)
        # your tags are kept (they carry the story): a tag that is also a company or a role stays
        tags = {t.casefold() for v in people.get("tags", []) for t in _texts(v)}
        self.companies = []  # (text, what it becomes)
        if not keep_companies:
            for col, word in (("company", "a company"), ("position", "a role")):
                if col in people:
                    self.companies += [(t, word) for v in people[col] for t in _texts(v) if t.casefold() not in tags]
            self.companies = sorted(set(self.companies), key=lambda c: len(c[0]), reverse=True)

    def __call__(self, text, names: dict | None = None) -> str:
        if not isinstance(text, str) or not text:
            return "" if text is None or (isinstance(text, float) and np.isnan(text)) else text
        names = names or {}
        text = text.split(" You noted:")[0]
        for t in self.private:
            if t in text:
                text = text.replace(t, "[private]")
        text = _EMAIL.sub("[private]", text)
        text = _URL.sub("[private]", text)
        text = _PHONE.sub("[private]", text)
        marks = []
        for pid, pseudonym in names.items():
            real = self.full.get(int(pid))
            if real and real in text:
                text = text.replace(real, _MARK.format(len(marks)))
                marks.append(pseudonym)
        lowered = text.lower()
        for company, word in self.companies:
            if company.lower() in lowered:
                text = re.sub(re.escape(company), word, text, flags=re.IGNORECASE)
                lowered = text.lower()
        text = _WORD.sub(lambda m: "someone" if m.group(0).lower() in self.words else m.group(0), text)
        return _MARKED.sub(lambda m: marks[int(m.group(1))], text)


def _redact_snapshot(snapshot, pseudo: dict, keep_companies: bool, scrub=None):
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
    if scrub is not None and "name" in events:  # "Farewell drinks for Jane Doe" names someone
        events["name"] = [scrub(n, {}) if isinstance(n, str) else n for n in events["name"]]
    settings = {k: v for k, v in (snapshot.settings or {}).items() if k not in _PRIVATE_SETTINGS}
    plans = snapshot.plans.copy()
    if "what" in plans:
        plans["what"] = None
    return dataclasses.replace(snapshot, people=people, interactions=inter, event_people=ev_people,
                               events=events, settings=settings, plans=plans)


def redact_garden(garden, pseudonyms: dict, keep_companies: bool = False):
    """A copy of ``garden`` that names nobody (see the module docstring).

    ``pseudonyms`` maps person id -> pseudonym (from :func:`pseudonyms`); people missing
    from it become "Person <id>".
    """
    pseudo = {int(k): str(v) for k, v in (pseudonyms or {}).items()}
    source = garden.snapshot
    settings = garden.settings or {}
    scrub = Scrubber(source, keep_companies=keep_companies, owner_name=settings.get("owner_name", "")) \
        if source is not None else None

    def clean(text, ids=()):
        return scrub(text, {i: pseudo.get(int(i), f"Person {int(i)}") for i in ids}) if scrub else ""

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
            frame["tags"] = [[clean(t) for t in v] if isinstance(v, list) else [] for v in frame["tags"]]
        if "next_action" in frame:
            frame["next_action"] = [clean(t, [i]) for i, t in zip(frame.index, frame["next_action"])]
        return frame

    people = rename(garden.people)
    detail = rename(garden.detail) if garden.detail is not None else None
    clusters = garden.clusters.copy()
    if "label" in clusters:
        # a company's name only where companies are kept, a tag or event where it survives
        # scrubbing unchanged; else "N people around <pseudonym>" (the same words as unredacted)
        kinds = clusters["label_kind"] if "label_kind" in clusters else pd.Series("company", index=clusters.index)
        hubs = clusters["hub"] if "hub" in clusters else pd.Series(-1, index=clusters.index)
        labels = []
        for label, kind, hub, size in zip(clusters["label"], kinds, hubs, clusters["size"]):
            keep = kind in ("tag", "event") or (kind == "company" and keep_companies)
            if keep and clean(label) == label:
                labels.append(label)
            else:
                labels.append(f"{int(size)} people around {pseudo.get(int(hub), 'someone')}")
        clusters["label"] = labels
    if "people" in clusters:
        clusters["people"] = [_rename_list(v, pseudo, scrub) for v in clusters["people"]]
    checklists = {}
    # a weave's reason names people both know: they get their pseudonyms too (longest names first)
    full = scrub.full if scrub else {}
    named = sorted(full, key=lambda i: -len(full[i]))
    for name, items in garden.checklists.items():
        checklists[name] = [
            dataclasses.replace(
                item,
                people=[pseudo.get(int(p), f"Person {int(p)}") for p in item.person_ids],
                why=clean(item.why, [*item.person_ids, *(i for i in named if name == "weave" and i in pseudo)]),
                action=clean(item.action, item.person_ids),
                person_ids=list(item.person_ids),
                href=None,  # an email address or a profile: never in a shared report
            )
            for item in items
            if name != "birthdays"  # a birthday is private: the shared report leaves them out
        ]
    settings = {k: copy.deepcopy(v) for k, v in settings.items() if k not in _PRIVATE_SETTINGS}
    settings["owner_name"] = ""
    return dataclasses.replace(
        garden, people=people, detail=detail, clusters=clusters, checklists=checklists, settings=settings,
        snapshot=_redact_snapshot(source, pseudo, keep_companies, scrub),
    )


def _rename_list(value, pseudo, scrub):
    """A cluster's ``people``: ids stay ids; any text is scrubbed."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [v if isinstance(v, (int, np.integer)) else (scrub(str(v)) if scrub else "") for v in value]
    if isinstance(value, str):
        return scrub(value) if scrub else ""
    return value
