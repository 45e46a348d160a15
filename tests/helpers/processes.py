"""The processes a test's run left: those working in a folder or naming it (Linux /proc)."""

import os


def processes_of(folder) -> list[str]:
    """Processes running in ``folder`` (a kernel) or started with it in their command line
    (``netlib report --out folder`` and what it started), as ``"pid: command"``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if str(folder) in cmd or cwd.startswith(str(folder)):
            found.append(f"{pid}: {cmd[:120]}")
    return found
