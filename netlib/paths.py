"""Where netlib keeps things: one place for every default path, and how its private
folders and files (owner-only) are made."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "DEFAULT_STORE", "SAMPLE_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR", "store_path", "private_dir",
           "write_private"]

#: The installed package: its notebooks and the sample data are package data.
PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
DEFAULT_STORE = Path("data") / "garden.db"
SAMPLE_DIR = PACKAGE / "demo" / "sample"
NOTEBOOKS_DIR = PACKAGE / "notebooks"
REPORTS_DIR = Path("reports")


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store to use: ``path`` if given, else ``$NETLIB_STORE``, else ``data/garden.db``."""
    if path:
        return Path(path)
    env = os.environ.get("NETLIB_STORE")
    return Path(env) if env else DEFAULT_STORE


def private_dir(path: Path) -> Path:
    """Create ``path`` owner-only, and any folder it creates on the way (``reports/``).

    A folder that already exists keeps its mode: netlib never changes the permissions of a
    folder it did not make (a shared ``/tmp``, a team folder)."""
    path = Path(path)
    missing = [p for p in [path, *path.parents] if not p.exists() and not p.is_symlink()]
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in missing:
        os.chmod(folder, 0o700)
    return path


def write_private(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8; or bytes as they are) to ``path``, readable and writable by
    you only (0o600), whole or not at all: into a temporary file beside it, then renamed
    over it (an interrupted run leaves the old file, never half of a new one; a link at
    ``path`` is replaced, not followed)."""
    import tempfile

    path = Path(path)
    fd, part = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)  # 0o600
    try:
        with os.fdopen(fd, "wb") as fh:
            if not isinstance(text, (str, bytes)):
                raise TypeError(f"write_private writes text or bytes, not {type(text).__name__}")
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(part, path)
    except BaseException:
        try:
            os.unlink(part)
        except OSError:
            pass
        raise
    return path
