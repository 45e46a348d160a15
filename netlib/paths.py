"""Where netlib keeps things: one place for every default path."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "DEFAULT_STORE", "SAMPLE_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR", "store_path"]

#: The checkout (or install) root: the folder holding ``netlib/``.
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = Path("data") / "garden.db"
SAMPLE_DIR = ROOT / "data" / "sample"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = Path("reports")


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store to use: ``path`` if given, else ``$NETLIB_STORE``, else ``data/garden.db``."""
    if path:
        return Path(path)
    env = os.environ.get("NETLIB_STORE")
    return Path(env) if env else DEFAULT_STORE
