"""Helpers for the import tests: run the real CLI, and prove no message text reached the store."""

from __future__ import annotations

import csv
import email
import io
import mailbox
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "tests" / "data" / "import" / "linkedin_export"
MBOX = ROOT / "tests" / "data" / "import" / "mail.mbox"


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """``python3 -m netlib ARGS`` as a person runs it (this checkout first on the path)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "netlib", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def export_zip(folder: Path, files=None, *, prefix="") -> Path:
    """The LinkedIn export ZIP built from the fixture CSVs (all, or the ``files`` named)."""
    archive = folder / "Basic_LinkedInDataExport_11-30-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(EXPORT.iterdir()):
            if files is None or path.name in files:
                zf.write(path, prefix + path.name)
    return archive


def _lines(text: str) -> set[str]:
    return {line.strip() for line in (text or "").splitlines() if len(line.strip()) >= 6}


def secret_lines() -> set[str]:
    """Every subject, title and body line of the fixtures, read with the standard library
    (not netlib's readers): none of them may be stored."""
    found: set[str] = set()
    for name, columns in (("messages.csv", ("SUBJECT", "CONTENT", "CONVERSATION TITLE")),
                          ("Invitations.csv", ("Message",)), ("Recommendations_Received.csv", ("Text",)),
                          ("Recommendations_Given.csv", ("Text",)), ("Profile.csv", ("Summary", "Headline"))):
        with open(EXPORT / name, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for col in columns:
                    found |= _lines(row[col])
    for raw in MBOX.read_text(encoding="utf-8").splitlines():  # the fixture marks its text 'MAIL ...'
        if "MAIL BODY" in raw or "MAIL SUBJECT" in raw:
            found |= _lines(raw.split(":", 1)[1] if raw.startswith("Subject:") else raw)
    for msg in mailbox.mbox(MBOX):
        found |= _lines(str(email.header.make_header(email.header.decode_header(msg["Subject"] or ""))))
        for part in msg.walk():
            if not part.is_multipart():
                found |= _lines(part.get_payload())
    return found


def stored_bytes(db: Path) -> bytes:
    """Everything in the store's files (the database, its WAL) and every text value dumped."""
    data = b"".join(Path(str(db) + suffix).read_bytes() for suffix in ("", "-wal") if Path(str(db) + suffix).exists())
    con = sqlite3.connect(db)
    dump = io.StringIO()
    for line in con.iterdump():
        dump.write(line + "\n")
    con.close()
    return data + dump.getvalue().encode("utf-8")
