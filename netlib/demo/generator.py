"""A deterministic, synthetic professional network, written in the formats people export.

:func:`generate` writes LinkedIn's ``Connections.csv`` and its full export ZIP, an
Apple-style vCard file, a Google Contacts CSV, a Google Calendar ``.ics``, a Takeout-style
``mail.mbox`` and netlib's own ``interactions.csv``, ``events.csv`` and ``ties.csv``. Everything is a pure function of the arguments (no clock,
no network): the same seed writes the same bytes.

The shape follows Dunbar's layers: about 5 people you see weekly, 15 monthly, 50 every few
months, the rest rarely; plus dormant ties (close until 14+ months ago), seedlings (met at a
recent event) and a few people who helped you far more than you helped them. The same
person often appears in several files, joined by email, LinkedIn URL or name + company, so
identity resolution has real work to do.

With more than 1,000 people the generator is in *scale mode*: every person is a LinkedIn
connection, the contact and calendar files stay at a few hundred people, and
``interactions.csv`` (about 10 rows a person) and ``ties.csv`` (about 5) carry the volume,
streamed month by month so memory stays bounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import numpy as np

from netlib.demo.activity import plan_events, write_events, write_interactions, write_ties
from netlib.demo.calendar import write_calendar
from netlib.demo.contacts import write_google, write_linkedin, write_vcards
from netlib.demo.history import EXPORT_NAME, MBOX_NAME, write_linkedin_export, write_mbox
from netlib.demo.people import COMPANIES, make_people

__all__ = ["generate", "SCALE_THRESHOLD"]

#: Above this many people, :func:`generate` switches to scale mode (see the module doc).
SCALE_THRESHOLD = 1000


def _months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    for d in range(day.day, 0, -1):
        try:
            return dt.date(y, m + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def generate(out_dir, *, people: int = 300, seed: int = 7, end: dt.date = dt.date(2026, 11, 20),
             months: int = 18, owner_email: str = "alex.morgan@example.com", progress=None) -> dict[str, Path]:
    """Write a synthetic network into ``out_dir`` in the formats people export.

    Parameters
    ----------
    out_dir : path
        Folder to write into (created if missing); existing files of the same names are replaced.
    people : int
        How many people the network holds. Above ``SCALE_THRESHOLD`` (1,000): scale mode, where
        all of them are LinkedIn connections and the CSVs carry about 10 interactions and 5
        ties a person.
    seed : int
        The same seed (and arguments) writes byte-identical files.
    end : date
        The last day anything happens; nothing depends on today's date.
    months : int
        How far back your own log (interactions, calendar, events) goes.
    owner_email : str
        You: organizer of most calendar events.
    progress : callable(done, total), optional
        Called as work proceeds, for a progress bar.

    Returns
    -------
    dict
        Path of each file by role: ``linkedin``, ``vcard``, ``google``, ``calendar``,
        ``interactions``, ``events``, ``ties``, ``linkedin_export`` (the full export ZIP:
        messages, invitations, recommendations, endorsements) and ``mbox`` (your mail).

    >>> paths = generate(tmp_path, people=100)          # doctest: +SKIP
    >>> paths["linkedin"].name
    'Connections.csv'
    """
    if people < 1 or months < 1:
        raise ValueError(f"people and months must be positive, got people={people}, months={months}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    scale = people > SCALE_THRESHOLD
    start = _months_before(end, months)
    total, done = months + 9, 0

    def tick():
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def rng(part: str) -> random.Random:  # one stream per file: editing one leaves the others alone
        return random.Random(f"{seed}:{part}")

    nrng = np.random.default_rng(int.from_bytes(hashlib.sha256(str(seed).encode()).digest()[:8], "big"))
    local = owner_email.split("@")[0].replace(".", " ").replace("_", " ").title()
    owner = (local, owner_email)
    folks = make_people(rng("people"), people, scale, start, end)
    events = plan_events(folks, rng("events"), scale, start, end)
    tick()
    members: dict[int, list[int]] = {}
    for i, p in enumerate(folks):
        if p.company != len(COMPANIES) - 1:
            members.setdefault(p.company, []).append(i)
    paths = {role: out / name for role, name in [
        ("linkedin", "Connections.csv"), ("vcard", "contacts.vcf"), ("google", "google_contacts.csv"),
        ("calendar", "calendar.ics"), ("interactions", "interactions.csv"), ("events", "events.csv"),
        ("ties", "ties.csv"), ("linkedin_export", EXPORT_NAME), ("mbox", MBOX_NAME)]}
    write_linkedin(paths["linkedin"], folks, rng("linkedin"), scale, end)
    tick()
    phones: set[str] = set()  # every number belongs to one person only
    write_vcards(paths["vcard"], folks, rng("vcard"), end, phones)
    tick()
    write_google(paths["google"], folks, rng("google"), phones)
    tick()
    write_calendar(paths["calendar"], folks, rng("calendar"), owner, start, end)
    tick()
    write_events(paths["events"], events, folks)
    tick()
    intros = write_interactions(paths["interactions"], folks, rng("interactions"), nrng, members,
                                 start, end, months, scale, tick)
    write_ties(paths["ties"], folks, rng("ties"), nrng, members, intros, scale, end)
    tick()
    write_linkedin_export(paths["linkedin_export"], folks, rng("linkedin_export"), paths["linkedin"], owner,
                          members, end)
    tick()
    write_mbox(paths["mbox"], folks, rng("mbox"), owner, end)
    tick()
    return paths
