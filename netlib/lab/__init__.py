"""``netlib lab``: JupyterLab as netlib's home.

:mod:`~netlib.lab.workspace` keeps your copies of the notebooks (never overwriting one you
edited), :mod:`~netlib.lab.server` starts JupyterLab on them with your store in the
kernel's environment, and :mod:`~netlib.lab.live` is what the notebooks' widgets share:
the garden, refreshed after every change, and a static view for exported HTML.
"""

from netlib.lazy import lazy_names

from netlib.lab.server import LabServer, free_port
from netlib.lab.workspace import MANIFEST, WorkspaceReport, default_workspace, prepare_workspace

__all__ = ["prepare_workspace", "default_workspace", "WorkspaceReport", "MANIFEST", "LabServer", "free_port",
           "Live", "Panel", "interactive"]


# ``Live``, ``Panel`` and ``interactive`` load the garden (pandas) on first use, so
# ``netlib lab`` and the rest of the CLI start light.
__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(("Live", "Panel", "interactive"), "live"), globals())
