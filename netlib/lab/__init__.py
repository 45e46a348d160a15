"""``netlib lab``: JupyterLab as netlib's home.

:mod:`~netlib.lab.workspace` keeps your copies of the notebooks (never overwriting one you
edited), :mod:`~netlib.lab.server` starts JupyterLab on them with your store in the
kernel's environment, and :mod:`~netlib.lab.live` is what the notebooks' widgets share:
the garden, refreshed after every change, and a static view for exported HTML.
"""

from importlib import import_module

from netlib.lab.server import LabServer, free_port
from netlib.lab.workspace import MANIFEST, WorkspaceReport, default_workspace, prepare_workspace

__all__ = ["prepare_workspace", "default_workspace", "WorkspaceReport", "MANIFEST", "LabServer", "free_port",
           "Live", "Panel", "interactive"]


def __getattr__(name):
    """``Live``, ``Panel`` and ``interactive`` load the garden (pandas) on first use, so
    ``netlib lab`` and the rest of the CLI start light."""
    if name in ("Live", "Panel", "interactive"):
        value = getattr(import_module("netlib.lab.live"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'netlib.lab' has no attribute {name!r}")
