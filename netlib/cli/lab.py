"""``netlib lab``: JupyterLab on your copies of the notebooks, with your store chosen."""

from __future__ import annotations

import signal
import webbrowser

from netlib import errors
from netlib.cli.common import terminal_text
from netlib.lab import LabServer, prepare_workspace
from netlib.paths import store_path


def _stop(_signum, _frame):
    raise KeyboardInterrupt  # SIGTERM or a closed terminal: stop JupyterLab as Ctrl-C does


def cmd_lab(args):
    store = store_path(args.store).expanduser().absolute()
    if not store.is_file():
        raise errors.StoreError(f"{store}: no store here; run 'netlib init' (or 'netlib demo'), "
                                "or name one with --store PATH or NETLIB_STORE")
    ws = prepare_workspace(args.dir, update=args.update)
    for label, names in (("copied", ws.added), ("updated", ws.updated), ("kept (you edited it)", ws.kept),
                         ("a newer version ships: run with --update", ws.outdated)):
        for name in names:
            print(f"  {terminal_text(name)}: {label}")
    server = LabServer(ws.folder, store)
    print(f"notebooks: {terminal_text(ws.folder)}")
    print(f"store:     {terminal_text(store)}")
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)):
        signal.signal(signum, _stop)
    server.start()
    try:
        url = server.wait_ready()
        print(f"JupyterLab: {url}", flush=True)
        print("open explore.ipynb or event_followup.ipynb and Run All; Ctrl-C stops JupyterLab", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        server.process.wait()
    except KeyboardInterrupt:
        print("stopping JupyterLab", flush=True)
    finally:
        server.stop()
    return 0


def register(command, common) -> None:
    """Add ``netlib lab`` to the parser (see :func:`netlib.cli.build_parser`)."""
    p = command("lab", cmd_lab, "Open JupyterLab on your copies of the notebooks, with your store chosen.",
                "netlib lab --store data/demo.db --no-browser")
    p.add_argument("--dir", metavar="DIR",
                   help="the folder of notebook copies (default: ~/.local/share/netlib/notebooks)")
    p.add_argument("--no-browser", action="store_true", help="print the URL; do not open a browser")
    p.add_argument("--update", action="store_true",
                   help="refresh the copies you have not edited to this version's notebooks")
