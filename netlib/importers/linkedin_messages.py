"""LinkedIn's ``messages.csv``: who wrote to whom, and when; never what.

One ``message`` interaction per conversation per day with everyone in it but you, its
direction from who wrote that day (you: ``out``, them: ``in``, both: ``both``). A group
conversation is one interaction with all its people, and ties them like a meeting does
(Newman's 1/(n-1), none for groups over :data:`netlib.importers.ics.MAX_TIE_MEETING`).

Who becomes a person: the people of conversations you wrote in (with a profile URL).
A conversation you never wrote in (InMail, recruiters, sponsored messages) only adds
interactions to people already in the garden; the SPAM folder and drafts are left out.
Kept: names, profile URLs, dates. Never the subject, the content or the conversation title.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from netlib.errors import ImportFileError
from netlib.importers.ics import MAX_TIE_MEETING
from netlib.importers.linkedin_files import parse_date, person_name, read_rows, skip
from netlib.importers.normalise import name_key, norm_linkedin
from netlib.importers.records import InteractionRecord, TieRecord

__all__ = ["read_messages", "Conversation"]

_SPLIT_URLS = re.compile(r"[,;\s]+")
#: Names LinkedIn gives members who left: never one person.
_NOBODY = {"linkedin member", "linkedin user", ""}


@dataclass
class Conversation:
    line: int
    names: dict = field(default_factory=dict)  # ident -> name
    urls: dict = field(default_factory=dict)  # ident -> profile URL
    days: dict = field(default_factory=dict)  # date -> set of sender idents


def _ident(name, url) -> str | None:
    if url:
        return url
    key = name_key(name)
    return None if key in _NOBODY else f"name:{key}"


def _recipients(row) -> list[tuple[str | None, str | None]]:
    urls = [u for u in (norm_linkedin(x) for x in _SPLIT_URLS.split(row.get("recipient profile urls", "")) if x) if u]
    to = row.get("to", "")
    if len(urls) <= 1:
        return [(person_name(to), urls[0] if urls else None)]
    names = [person_name(n) for n in to.split(",")]
    if len(names) != len(urls):
        names = [None] * len(urls)
    return list(zip(names, urls))


def read_messages(stream, where: str, out, ctx) -> dict:
    """Read ``messages.csv`` into conversations (``ctx.conversations``); counts what was left out."""
    convs: dict[str, Conversation] = ctx.conversations
    for line, row in read_rows(stream, where, "messages", out):
        folder = row.get("folder", "").strip().upper()
        if folder == "SPAM":
            ctx.left["messages in the SPAM folder"] += 1
            continue
        if row.get("is message draft", "").strip().lower() in ("yes", "true", "1") or folder == "DRAFT":
            ctx.left["message drafts"] += 1
            continue
        raw = row.get("date", "")
        day = parse_date(raw)
        if day is None:
            skip(out, where, line, f"'DATE' is '{raw.strip()[:40]}', expected a date like '2026-11-20 14:30:11 UTC'")
            continue
        sender = (person_name(row.get("from", "")), norm_linkedin(row.get("sender profile url", "")))
        cid = row.get("conversation id", "").strip() or f"line{line}"
        conv = convs.get(cid)
        if conv is None:
            conv = convs[cid] = Conversation(line)
        who = _ident(*sender)
        for i, (name, url) in enumerate([sender, *_recipients(row)]):
            ident = _ident(name, url)
            if ident is None:
                continue
            if name and (i == 0 or ident not in conv.names):  # a sender names themself best
                conv.names[ident] = name
            if url:
                conv.urls[ident] = url
        conv.days.setdefault(day, set()).add(who)
    return convs


def owner_idents(convs: dict[str, Conversation], owner_names, where) -> set[str]:
    """You, in the conversations: the participants named as you (Profile.csv, the owner_name
    setting); without a name, the one participant in every conversation."""
    keys = {name_key(n) for n in owner_names if n} - {""}
    seen: Counter = Counter()
    for conv in convs.values():
        seen.update(set(conv.names) | set(conv.urls))
    if keys:
        found = {ident for conv in convs.values() for ident, name in conv.names.items() if name_key(name) in keys}
        found |= {f"name:{k}" for k in keys}
        if any(ident in seen for ident in found):
            return found
    everywhere = [ident for ident, n in seen.most_common(2) if n == len(convs)]
    if len(convs) >= 2 and len(everywhere) == 1:
        return set(everywhere)
    if not convs:
        return set()
    why = (f"your name ({', '.join(n for n in owner_names if n)}) is not among its participants" if keys
           else "there is no Profile.csv beside it and no owner_name setting")
    raise ImportFileError(where, f"does not say which participant is you: {why}",
                          fix="import the whole LinkedIn export ZIP, or set your name as LinkedIn shows it: "
                              "netlib settings owner_name 'Your Name'")


def emit_messages(ctx, out):
    """Interactions, people and ties of the conversations read; yields full chunks."""
    convs = ctx.conversations
    if not convs:
        return
    me = owner_idents(convs, ctx.owner_names, ctx.messages_where)
    for cid, conv in convs.items():
        others = [i for i in dict.fromkeys([*conv.names, *conv.urls]) if i not in me]
        if not others:
            continue
        you_wrote = any(senders & me for senders in conv.days.values())
        refs = [ctx.ref(conv.urls.get(i), conv.names.get(i), make=you_wrote) for i in others]
        for day in sorted(conv.days):
            senders = conv.days[day]
            mine, theirs = bool(senders & me), bool(senders - me)
            direction = "both" if mine and theirs else "out" if mine else "in"
            out.batch.interactions.append(InteractionRecord(
                key=f"msg:{cid}:{day.isoformat()}", date=day, kind="message", people=list(refs),
                direction=direction, line=conv.line))
            if 2 <= len(refs) <= MAX_TIE_MEETING:
                weight = 1.0 / (len(refs) - 1)
                for a, b in combinations(sorted(refs), 2):
                    tie = ctx.ties.get((a, b))
                    if tie is None:
                        ctx.ties[(a, b)] = TieRecord(a, b, "coattendance", since=day, weight=weight, line=conv.line)
                    else:
                        tie.weight += weight
                        tie.since = min(tie.since, day)
            if out.full():
                yield out.take()
