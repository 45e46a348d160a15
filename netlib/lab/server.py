"""Starting JupyterLab on a workspace, on the loopback address, with your store chosen.

The store reaches the notebooks through ``NETLIB_STORE`` in the server's environment,
which every kernel it starts inherits. The token is made here and passed in the
environment (``JUPYTER_TOKEN``, not on the command line where other users could read
it), so the URL is known before the server prints it. JupyterLab's own requests to the
internet (news, update checks, the extension manager's PyPI search) are turned off.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from netlib.errors import NetlibError
from netlib.paths import jupyter_env

__all__ = ["LabServer", "free_port", "HOST"]

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on the loopback address that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """JupyterLab serving ``folder`` with ``store`` in its kernels' environment.

    ``argv`` and ``env`` are what :meth:`start` runs; ``url`` opens the workspace
    (token included). Use as a context manager to stop it on exit.
    """

    folder: Path
    store: Path
    port: int = 0
    open_browser: bool = False
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen | None = field(default=None, repr=False)

    def __post_init__(self):
        self.folder = Path(self.folder).absolute()
        self.store = Path(self.store).expanduser().absolute()
        self.port = self.port or free_port()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/lab?token={self.token}"

    @property
    def argv(self) -> list[str]:
        argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip={HOST}", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", f"--ServerApp.root_dir={self.folder}",
                f"--ServerApp.open_browser={self.open_browser}", "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.extension_manager=readonly"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--allow-root")  # containers and CI run as root
        return argv

    @property
    def env(self) -> dict:
        return jupyter_env({**os.environ, "NETLIB_STORE": str(self.store), "JUPYTER_TOKEN": self.token})

    def start(self, **popen) -> subprocess.Popen:
        """Start the server (it runs until :meth:`stop`); returns the process."""
        self.process = subprocess.Popen(self.argv, env=self.env, cwd=self.folder, **popen)
        return self.process

    def wait_ready(self, timeout: float = 60.0) -> str:
        """Wait until the server answers; return :attr:`url`. Raises NetlibError if it
        exits or does not answer in ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        status = f"http://{HOST}:{self.port}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise NetlibError(f"JupyterLab stopped at start (exit code {self.process.returncode}); "
                                  f"is port {self.port} taken? try again, or run 'jupyter lab' to see why")
            try:
                with urllib.request.urlopen(status, timeout=2) as answer:
                    if answer.status == 200:
                        return self.url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise NetlibError(f"JupyterLab did not answer on port {self.port} within {timeout:.0f} s")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (and its kernels) if it runs."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
