"""The one family of errors netlib raises; each carries its evidence as attributes."""

from __future__ import annotations
from pathlib import Path

__all__ = [
    "NetlibError",
    "ImportFileError",
    "RecordError",
    "StoreError",
    "SchemaVersionError",
    "NotFoundError",
    "AmbiguousError",
    "ValidationError",
    "ReportError",
]


class NetlibError(Exception):
    """Root of every error netlib raises on purpose."""

class ImportFileError(NetlibError):
    """A file that cannot be imported as a whole (wrong kind, missing columns, binary...).

    Carries ``path``, ``line`` (1-based or None), ``column`` (name or None), ``reason``
    and ``fix`` so the CLI can print one clear line and tests can assert on each part.
    """
    def __init__(self, path, reason, *, line=None, column=None, fix=None):
        self.path = str(path)
        self.line = line
        self.column = column
        self.reason = reason
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:

        where = Path(self.path).name
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.reason}"
        if self.fix:
            text += f" ({self.fix})"
        return text


class RecordError(ImportFileError):
    """One record of an otherwise good file is bad; importers skip it unless strict."""

class StoreError(NetlibError):
    """The store cannot be opened or written."""

class SchemaVersionError(StoreError):
    """The store was written by a newer netlib than this one."""
    def __init__(self, path, found: int, supported: int):
        self.path = str(path)
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path}: store schema version {found} is newer than this netlib supports "
            f"({supported}); upgrade netlib (pip install -U netlib-garden). The store was not touched."
        )


class NotFoundError(NetlibError):
    """A person, event or checklist item named on the command line does not exist."""

class AmbiguousError(NetlibError):
    """A name matches several people; ``candidates`` lists them."""
    def __init__(self, message, candidates=()):
        self.candidates = list(candidates)
        super().__init__(message)


class ValidationError(NetlibError, ValueError):
    """A parameter or setting has a value outside what is allowed."""

class ReportError(NetlibError):
    """A report notebook failed; ``cell`` names the failing cell (its id), ``notebook`` is
    the executed notebook, written with the error in it; ``ename``/``evalue`` the error."""
    def __init__(self, message, *, cell=None, notebook=None, ename=None, evalue=None):
        self.cell = cell
        self.notebook = None if notebook is None else str(notebook)
        self.ename = ename
        self.evalue = evalue
        super().__init__(message)
