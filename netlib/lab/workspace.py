"""Your copies of the notebooks: a folder JupyterLab opens, kept in step with the package.

The folder holds one copy of each shipped notebook and a manifest (``.netlib-notebooks.json``)
of the SHA-256 of what netlib last wrote there. A copy whose bytes still match is yours
untouched: ``update=True`` refreshes it when the package ships a newer one. A copy that
differs (you edited it) or that the manifest does not know is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from netlib.errors import NetlibError
from netlib.paths import NOTEBOOKS_DIR, data_home, private_dir, write_private

__all__ = ["prepare_workspace", "default_workspace", "WorkspaceReport", "MANIFEST"]

MANIFEST = ".netlib-notebooks.json"


def default_workspace() -> Path:
    """``~/.local/share/netlib/notebooks`` (under ``$XDG_DATA_HOME`` when set)."""
    return data_home() / "notebooks"


@dataclass
class WorkspaceReport:
    """What :func:`prepare_workspace` did to each notebook (lists of file names)."""

    folder: Path
    added: list = field(default_factory=list)      # copied: there was none
    updated: list = field(default_factory=list)    # untouched copy replaced by the package's newer one
    current: list = field(default_factory=list)    # untouched and the same as the package's
    outdated: list = field(default_factory=list)   # untouched, the package has a newer one (use update)
    kept: list = field(default_factory=list)       # edited by you (or unknown): left as it is


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NetlibError(f"{path}: not a netlib notebook manifest ({err}); move it aside and try again") from err
    return {k: v for k, v in data.get("notebooks", {}).items() if isinstance(v, str)}


def prepare_workspace(folder=None, *, update: bool = False, source=NOTEBOOKS_DIR) -> WorkspaceReport:
    """Make (or reuse) ``folder`` (default :func:`default_workspace`) with a copy of each
    shipped notebook; ``update`` refreshes copies you have not edited. Returns what happened.

    >>> report = prepare_workspace(tmp / "lab")          # doctest: +SKIP
    >>> report.added                                      # doctest: +SKIP
    ['event_followup.ipynb', 'explore.ipynb', 'monthly_report.ipynb']
    """
    folder = Path(folder).expanduser() if folder else default_workspace()
    if folder.exists() and not folder.is_dir():
        raise NetlibError(f"{folder} is a file; give a folder for the notebooks, e.g. {folder.parent / 'notebooks'}")
    private_dir(folder)
    manifest_path = folder / MANIFEST
    manifest = _read_manifest(manifest_path)
    report = WorkspaceReport(folder=folder.absolute())
    for shipped in sorted(Path(source).glob("*.ipynb")):
        data = shipped.read_bytes()
        new = _digest(data)
        copy = folder / shipped.name
        if not copy.exists():
            write_private(copy, data)
            manifest[shipped.name] = new
            report.added.append(shipped.name)
            continue
        mine = _digest(copy.read_bytes())
        if manifest.get(shipped.name) != mine:
            report.kept.append(shipped.name)  # edited, or not ours: never overwritten
        elif mine == new:
            report.current.append(shipped.name)
        elif update:
            write_private(copy, data)
            manifest[shipped.name] = new
            report.updated.append(shipped.name)
        else:
            report.outdated.append(shipped.name)
    write_private(manifest_path, json.dumps({"notebooks": manifest}, indent=1, sort_keys=True) + "\n")
    return report
