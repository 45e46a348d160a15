"""Identity resolution: which existing person an incoming record is.

Order of evidence, strongest first (each merge records which one it used, so
``netlib people show`` can explain it and ``netlib people split`` can undo it):

1. ``source``: the same record from the same kind of source was imported before;
2. ``linkedin``: its LinkedIn profile URL (normalised; a placeholder is no evidence)
   belongs to a person: a profile is one person, first;
3. ``email``: any of its email addresses belongs to a person, unless that person has a
   different LinkedIn profile than the record (two profiles are two people, whatever
   address they share: a family or team address);
4. ``name+company``: same normalised name and same normalised company; a record without a
   company joins a person of the same name only when exactly one person has that name.
5. otherwise it is a new person (``new``).

Only a real profile URL (``https://www.linkedin.com/in/<slug>``, see :func:`profile`) is
evidence: placeholders such as ``n/a``, ``-`` or a bare ``linkedin.com/in/`` never match.
"""

from __future__ import annotations

# The keys live with the other normalising rules (stage 1), so importers use them without
# reaching up into the store; they are re-exported here for the store's callers.
from netlib.importers.normalise import PLACEHOLDER_COMPANIES, company_key, is_placeholder_company, name_key
from netlib.importers.normalise import linkedin_profile as profile

__all__ = ["name_key", "company_key", "is_placeholder_company", "PLACEHOLDER_COMPANIES", "Resolver", "profile"]


class Resolver:
    """In-memory indexes of the store's people, kept current while a batch is applied."""

    def __init__(self, con):
        self.by_source: dict[tuple[str, str], tuple[int, int]] = {}
        for sid, pid, kind, key in con.execute("SELECT id, person_id, kind, key FROM sources"):
            self.by_source[(kind, key)] = (pid, sid)
        self.by_email = dict(con.execute("SELECT email, person_id FROM emails"))
        self.by_linkedin: dict[str, int] = {}
        self.url_of: dict[int, str] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        for pid, url, nkey, company in con.execute(
            "SELECT id, linkedin_url, name_key, company FROM people"
        ):
            url = profile(url)
            if url:
                self.by_linkedin[url] = pid
                self.url_of[pid] = url
            if nkey:
                self.by_name.setdefault(nkey, []).append((pid, company_key(company)))

    def resolve(self, kind: str, rec, nkey: str | None = None) -> tuple[int | None, str]:
        """The person id a record belongs to (None for a new person) and the evidence."""
        hit = self.by_source.get((kind, rec.key))
        if hit:
            return hit[0], "source"
        url = profile(rec.linkedin_url)
        if url and url in self.by_linkedin:  # a profile is one person: first
            return self.by_linkedin[url], "linkedin"
        for email in rec.emails:
            pid = self.by_email.get(email)
            if pid is not None and not (url and self.url_of.get(pid, url) != url):
                return pid, "email"
        if nkey is None:
            nkey = name_key(rec.name)
        candidates = self.by_name.get(nkey, [])
        if url:  # two different LinkedIn profiles are two people, whatever their names
            candidates = [(p, c) for p, c in candidates if self.url_of.get(p, url) == url]
        if nkey and candidates:
            ckey = company_key(rec.company)
            if ckey:
                same = [pid for pid, c in candidates if c == ckey]
                if len(same) == 1:
                    return same[0], "name+company"
                if not same and len(candidates) == 1 and not candidates[0][1]:
                    return candidates[0][0], "name+company"
            elif len(candidates) == 1:
                return candidates[0][0], "name+company"
        return None, "new"

    def remember(self, pid: int, kind: str, rec, sid: int, name: str, company: str | None,
                 nkey: str | None = None):
        self.by_source[(kind, rec.key)] = (pid, sid)
        for email in rec.emails:
            self.by_email.setdefault(email, pid)
        url = profile(rec.linkedin_url)
        if url:
            self.by_linkedin.setdefault(url, pid)
            self.url_of.setdefault(pid, url)
        if nkey is None:
            nkey = name_key(name)
        if nkey:
            entries = self.by_name.setdefault(nkey, [])
            ckey = company_key(company)
            entries[:] = [(p, c) for p, c in entries if p != pid] + [(pid, ckey)]

