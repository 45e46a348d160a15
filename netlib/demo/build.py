"""``netlib demo``: a sample garden built through the real importers, then its report."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from netlib.errors import StoreError
from netlib.demo.generator import generate
from netlib.paths import SAMPLE_DIR
from netlib.report import run_report
from netlib.store import Store

__all__ = ["run_demo", "build_demo_store", "SAMPLE_ORDER", "DEMO_STORE", "OWNER"]

DEMO_STORE = Path("data") / "demo.db"
OWNER = {
    "owner_name": "Alex Morgan",
    "owner_emails": ["alex.morgan@example.com"],
    "goals": [
        {"text": "Meet 3 people working on climate", "kind": "meet", "keyword": "climate", "count": 3},
        {"text": "Have 4 coffees", "kind": "coffee", "count": 4},
        {"text": "Help 2 people", "kind": "give", "count": 2},
    ],
}

#: Import order: contacts first, so calendars, events and logs find the people they name.
SAMPLE_ORDER = (
    ("Connections.csv", "linkedin"),
    ("contacts.vcf", "vcard"),
    ("google_contacts.csv", "google"),
    ("LinkedInDataExport.zip", "linkedin"),
    ("mail.mbox", "mbox"),
    ("calendar.ics", "ics"),
    ("events.csv", "netlib-events"),
    ("interactions.csv", "netlib-interactions"),
    ("ties.csv", "netlib-ties"),
)


def _latest_date(folder: Path) -> dt.date:
    latest = None
    with open(folder / "interactions.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            day = row["date"][:10]
            if latest is None or day > latest:
                latest = day
    return dt.date.fromisoformat(latest) if latest else dt.date.today()


def build_demo_store(path, folder=SAMPLE_DIR, *, echo=print, progress=None):
    """Create a fresh store at ``path`` from a folder of sample files; returns (store, end date).

    It is built in a temporary file beside ``path`` and moved in place only when whole, so an
    interrupted build leaves ``path`` as it was (and no temporary file). ``progress(file
    name)``, if given, makes a ``progress(done, total)`` callback (with a ``close()``) for
    each file imported: the CLI's progress bar."""

    path = Path(path)
    if path.exists():
        with Store(path) as old:
            if old.counts()["people"] and not old.made_by_demo():
                raise StoreError(
                    f"{path} holds people that 'netlib demo' did not make (imported or added by hand), so "
                    "it is left as it is; choose another --store for the demo"
                )
    folder = Path(folder)
    end = _latest_date(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.building*"):  # left by a build that was killed
        stale.unlink(missing_ok=True)
    fd, part = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent)  # owner-only
    os.close(fd)
    part = Path(part)
    store = None
    try:
        store = Store(part)
        _fill(store, folder, end, echo, progress)
        store.mark_demo()
        store.close()  # the last connection: its write-ahead log goes into the file
        for suffix in ("-wal", "-shm"):  # the old store's, which must not be read with the new file
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.replace(part, path)
    except BaseException:
        if store is not None:
            store.close()
        raise
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(part) + suffix).unlink(missing_ok=True)
    return Store(path), end


def _fill(store, folder: Path, end: dt.date, echo, progress) -> None:
    """The owner's settings, then each sample file imported in :data:`SAMPLE_ORDER`."""
    for key, value in OWNER.items():
        store.set_setting(key, value)
    for name, kind in SAMPLE_ORDER:
        file = folder / name
        if file.exists():
            bar = progress(name) if progress else None
            try:
                report = store.import_file(file, kind=kind, today=end, progress=bar)
            finally:
                if bar is not None:
                    bar.close()
            echo(report.summary())
            for skipped in report.skipped:  # the sample has a few on purpose, as real exports do
                echo(f"  skipped {skipped}")


def run_demo(*, store=None, people=None, seed=7, report=True, out=None, echo=print, progress=None):
    """Build the demo store (bundled sample, or a generated network of ``people``) and report."""
    path = Path(store) if store else DEMO_STORE
    if people:
        with tempfile.TemporaryDirectory() as tmp:
            echo(f"generating a network of {people:,} people ...")
            generate(tmp, people=people, seed=seed)
            garden_store, end = build_demo_store(path, tmp, echo=echo, progress=progress)
    else:
        garden_store, end = build_demo_store(path, echo=echo, progress=progress)
    garden_store.close()
    echo(f"demo store: {path}  (try: netlib --store {path} checklist --month {end:%Y-%m})")
    if report:
        folder = run_report(path, end.strftime("%Y-%m"), out=out, progress=sys.stderr.isatty())
        echo(f"report: {folder / 'report.html'}")
