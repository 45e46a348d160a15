"""Where netlib keeps things: one place for every default path, and how its private
folders and files (owner-only) are made."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
import tempfile

__all__ = ["package_path", "default_store", "data_home", "SAMPLE_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR",
           "store_path", "private_dir", "write_private", "jupyter_data_dirs", "jupyter_env"]


def package_path(*parts: str) -> Path:
    """A file or folder shipped inside the package (notebooks, sample data, templates),
    found with :mod:`importlib.resources`, so it works from a wheel as from a checkout."""
    found = resources.files("netlib").joinpath(*parts)
    return Path(os.fspath(found))  # installed as files (papermill and jinja read paths)


SAMPLE_DIR = package_path("demo", "sample")
NOTEBOOKS_DIR = package_path("notebooks")
REPORTS_DIR = Path("reports")


def jupyter_data_dirs() -> list[Path]:
    """The Jupyter data folders (``share/jupyter``) of every Python whose packages this one uses.

    Jupyter looks only under ``sys.prefix``. A virtual environment made with
    ``--system-site-packages`` borrows the packages of the Python it was made from (nbconvert,
    JupyterLab, the widgets), but their data files (nbconvert's templates, the widgets' JupyterLab
    extension) stay under that Python's prefix, where Jupyter would not look: the report failed
    with "No template sub-directory with name 'lab'" and the widgets did not show. Outside a
    virtual environment this is empty."""
    if sys.base_prefix == sys.prefix:
        return []
    dirs = [Path(sys.prefix) / "share" / "jupyter", Path(sys.base_prefix) / "share" / "jupyter"]
    return [d for d in dirs if d.is_dir()]


def jupyter_env(environ: dict) -> dict:
    """``environ`` with :func:`jupyter_data_dirs` added to ``JUPYTER_PATH`` (after the user's own
    entries, the environment's before the borrowed ones), for a Jupyter process netlib starts."""
    extra = [str(d) for d in jupyter_data_dirs()]
    if not extra:
        return dict(environ)
    own = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    return {**environ, "JUPYTER_PATH": os.pathsep.join(own + [p for p in extra if p not in own])}


def data_home() -> Path:
    """Your netlib data folder: ``$XDG_DATA_HOME/netlib``, else ``~/.local/share/netlib``."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    base_path = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return base_path / "netlib"


def default_store() -> Path:
    """The store used when none is named: ``garden.db`` in :func:`data_home`, the same
    file from any folder (a notebook's kernel included)."""
    return data_home() / "garden.db"


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store to use: ``path`` if given, else ``$NETLIB_STORE``, else :func:`default_store`
    (``~/.local/share/netlib/garden.db``). ``~`` is expanded.

    >>> store_path("~/g.db") == Path.home() / "g.db"
    True
    """
    if path and str(path).strip():
        return Path(path).expanduser()
    env = os.environ.get("NETLIB_STORE", "").strip()
    return Path(env).expanduser() if env else default_store()


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
