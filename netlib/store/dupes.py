"""Likely duplicate people, each pair with its reasons, and the name forms behind them
(also used to find a person by name: without accents, with a nickname, near a typo).

The rules, strongest first: the same LinkedIn URL; the same phone; a name made from one
person's email that is the other's name (``rafael.costa@x`` or ``rafael@costa.example``
and "Rafael Costa"); the same name, or the same name with a nickname in parentheses or a
middle initial (when their companies agree or one has none; the very same name at two
companies is listed as such: a job change, or two people); near-identical names (one
letter apart) at the same company. Blocking by key keeps it linear in the people: no pair
of names is compared unless they share a key.
"""

from __future__ import annotations

import difflib
import re
from itertools import combinations

from netlib.importers.normalise import company_key, name_from_email, name_key

__all__ = ["name_forms", "duplicates", "closest_names", "Duplicates"]

_PAREN = re.compile(r"\(([^)]*)\)")


def name_forms(name: str | None, key: str | None = None) -> dict[str, str]:
    """The keys a name is known by, each with how it was made from the name (``key``: its
    :func:`name_key`, when known).

    >>> sorted(name_forms("Catherine (Cathy) Nguyen").items())
    [('catherine cathy nguyen', 'name'), ('catherine nguyen', 'nickname'), ('cathy nguyen', 'nickname')]
    >>> name_forms("John Q. Smith")
    {'john q smith': 'name', 'john smith': 'middle initial'}
    """
    name = name or ""
    forms = {name_key(name) if key is None else key: "name"}
    nick = _PAREN.search(name) if "(" in name else None
    if nick:
        plain = _PAREN.sub(" ", name)
        forms.setdefault(name_key(plain), "nickname")
        words = plain.split()
        if words and nick.group(1).strip():
            forms.setdefault(name_key(" ".join([nick.group(1), *words[1:]])), "nickname")
    for key in list(forms):
        tokens = key.split()
        if len(tokens) > 2 and any(len(t) == 1 for t in tokens[1:-1]):
            forms.setdefault(" ".join([tokens[0], *(t for t in tokens[1:-1] if len(t) > 1), tokens[-1]]),
                             "middle initial")
    return {k: how for k, how in forms.items() if len(k.split()) >= 2 or how == "name"}


def _email_names(email: str) -> list[tuple[str, ...]]:
    """Name keys an address suggests: ``rafael.costa@`` -> ("rafael costa",);
    ``rafael@costa.example`` -> ("rafael", "costa") (a first name, then a surname or company)."""
    local, _, domain = email.partition("@")
    made = name_key(name_from_email(email))
    if len(made.split()) >= 2:
        return [(made,)]
    label = name_key(domain.split(".")[0])
    return [(made, label)] if made and label else []


def _compatible(a, b) -> bool:
    return not a or not b or a == b


def duplicates(con, *, limit: int | None = None) -> list[dict]:
    """Likely duplicate pairs: ``{"a": {id, name, company}, "b": {...}, "reasons": [...]}``."""
    people, nkey = {}, {}
    for pid, name, company, url, key in con.execute("SELECT id, name, company, linkedin_url, name_key FROM people"):
        people[pid], nkey[pid] = (name, company, url), key
    keys = {c: company_key(c) for c in {c for _, c, _ in people.values()}}
    ckey = {pid: keys[c] for pid, (_, c, _) in people.items()}
    pairs: dict[tuple[int, int], list[str]] = {}

    def add(a, b, why):
        if a != b:
            reasons = pairs.setdefault((min(a, b), max(a, b)), [])
            if why not in reasons:
                reasons.append(why)

    def groups(index: dict, why):
        for key, ids in index.items():
            ids = sorted(set(ids))
            if 1 < len(ids) <= 20:  # a key shared by many says nothing about any two
                for a, b in combinations(ids, 2):
                    add(a, b, why(key, a, b))

    by_url: dict[str, list[int]] = {}
    for pid, (_, _, url) in people.items():
        if url:
            by_url.setdefault(url.lower().rstrip("/"), []).append(pid)
    groups(by_url, lambda k, a, b: f"same LinkedIn URL {k}")
    by_phone: dict[str, list[int]] = {}
    for pid, phone in con.execute("SELECT person_id, phone FROM phones"):
        digits = re.sub(r"\D", "", phone)[-9:]
        if len(digits) >= 7:
            by_phone.setdefault(digits, []).append(pid)
    groups(by_phone, lambda k, a, b: "same phone number")

    forms: dict[str, list[tuple[int, str]]] = {}
    by_first_last: dict[tuple[str, str], list[int]] = {}
    by_first_company: dict[tuple[str, str], list[int]] = {}
    for pid, (name, _, _) in people.items():
        for key, how in name_forms(name, nkey[pid]).items():
            forms.setdefault(key, []).append((pid, how))
        tokens = nkey[pid].split()
        if len(tokens) >= 2:
            by_first_last.setdefault((tokens[0], tokens[-1]), []).append(pid)
        if tokens and ckey[pid]:
            by_first_company.setdefault((tokens[0], ckey[pid].split()[0]), []).append(pid)
    for key, found in forms.items():
        if 1 < len(found) <= 20:
            for (a, how_a), (b, how_b) in combinations(found, 2):
                if "name" not in (how_a, how_b):  # "Emma M. Reid" and "Emma K. Reid": two people
                    continue
                how = how_a if how_a != "name" else how_b
                if a != b and _compatible(ckey[a], ckey[b]):
                    add(a, b, "same name" if how == "name" else f"same name with a {how}")
                elif a != b and how == "name":  # a job change, or two people: you decide
                    add(a, b, f"same name, at different companies ({people[a][1]}, {people[b][1]})")
    # someone known only by a first name (often made from their address): "Rafael" with
    # rafael@costa.example or rafael.costa@x.example is "Rafael Costa", when one person is
    for pid, email in con.execute("SELECT e.person_id, e.email FROM emails e JOIN people p ON p.id = e.person_id "
                                  "WHERE instr(trim(p.name_key), ' ') = 0"):
        for made in _email_names(email):
            if len(made) == 1:
                hits = [q for q, how in forms.get(made[0], []) if how == "name"]
            else:  # a first name at a domain: the domain is their surname or their company
                hits = by_first_last.get(made, []) + by_first_company.get(made, [])
            hits = [q for q in dict.fromkeys(hits) if q != pid and nkey[pid] in nkey[q].split()]
            if len(hits) == 1:
                add(pid, hits[0], f"the email {email} reads as the name {people[hits[0]][0]}")

    # one letter apart: names that share a key with at most one letter left out, per company
    # (the deletion neighbourhood: about 14 keys a person, so dict work, not pair work; a key
    # of one person, as most are, holds the bare id: no list made for it)
    near: dict[str, dict] = {}
    for pid, key in nkey.items():
        company = ckey[pid]
        if company and len(key) >= 6:
            index = near.get(company)
            if index is None:
                index = near[company] = {}
            for variant in [key, *{key[:i] + key[i + 1:] for i in range(len(key))}]:
                found = index.get(variant)
                if found is None:
                    index[variant] = pid
                elif type(found) is int:
                    index[variant] = [found, pid]
                else:
                    found.append(pid)
    plain = lambda k: " ".join(t for t in k.split() if len(t) > 1)
    for ids in (ids for index in near.values() for ids in index.values()
                if type(ids) is list and len(ids) <= 20):
        for a, b in combinations(sorted(set(ids)), 2):
            # the same name, or only the middle initials differ: the name rules decide
            if plain(nkey[a]) != plain(nkey[b]):
                add(a, b, f"near-identical names at the same company ({people[a][1]})")

    split = {(min(k, o), max(k, o)) for k, o in con.execute(
        "SELECT keep_id, other_id FROM merges WHERE split_at IS NOT NULL")}
    rank = ("same LinkedIn", "the email", "same phone", "same name", "near-identical")
    out = []
    for (a, b), reasons in pairs.items():
        if (a, b) in split:
            continue
        first = min(next(i for i, p in enumerate(rank) if r.startswith(p)) for r in reasons)
        out.append((first, people[a][0].lower(), a, b, reasons))
    out.sort()
    if limit is not None:
        out = out[:limit]
    return [{"a": {"id": a, "name": people[a][0], "company": people[a][1]},
             "b": {"id": b, "name": people[b][0], "company": people[b][1]}, "reasons": reasons}
            for _, _, a, b, reasons in out]


def closest_names(con, text: str, n: int = 1) -> list[tuple[int, str]]:
    """The people whose names are closest to ``text`` (a typo's "did you mean")."""
    key = name_key(text)
    if not key:
        return []
    names: dict[str, tuple[int, str]] = {}
    for pid, name, nkey in con.execute("SELECT id, name, name_key FROM people ORDER BY id"):
        names.setdefault(nkey, (pid, name))
    return [names[k] for k in difflib.get_close_matches(key, list(names), n=n, cutoff=0.75)]


class Duplicates:
    def duplicates(self, *, limit: int | None = None) -> list[dict]:
        """Likely duplicate people with the reasons (see :mod:`netlib.store.dupes`)."""
        return duplicates(self.con, limit=limit)
