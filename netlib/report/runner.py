"""Running the monthly report: papermill on a kernel started here, then the HTML export.

:func:`run_report` writes one folder per month (see :mod:`netlib.report.content` for what is in
it and :class:`~netlib.report.content.MonthlyReport` for what the notebook shows). It starts the
report's content being made beside the kernel first (:mod:`netlib.prepared`), then the
kernel, then runs the notebook with papermill and exports it (:mod:`netlib.report.page`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path

from netlib.errors import ReportError, ValidationError
from netlib.report.page import _ExporterAhead, export_html
from netlib.paths import REPORTS_DIR
from netlib.paths import private_dir as _private_dir
from netlib.paths import write_private as _write_private
from netlib.report.content import NOTEBOOK, load_key

__all__ = ["run_report"]

_MONTH_FOLDER = re.compile(r"[0-9A-Za-z][\w-]{0,31}")


def _folder(month: str, out, redact: bool) -> Path:
    if out:
        return Path(out)
    if not _MONTH_FOLDER.fullmatch(str(month)):
        raise ValidationError(f"month {month!r} is not a month; use YYYY-MM, e.g. 2026-11")
    folder = REPORTS_DIR / str(month)
    return folder / "redacted" if redact else folder


def _scrub_paths(notebook: Path, replacements: dict[str, str]) -> None:
    """Replace absolute paths in an executed notebook's text (parameters, metadata)."""
    text = notebook.read_text(encoding="utf-8")
    for old in sorted(replacements, key=len, reverse=True):
        text = text.replace(json.dumps(old)[1:-1], json.dumps(replacements[old])[1:-1])
    _write_private(notebook, text)


def run_report(store_path, month, *, out=None, redact=False, keep_companies=False, progress=False,
               timeout=600, notebook=None) -> Path:
    """Run the monthly report notebook for ``month`` and write its folder; returns the folder.

    Parameters
    ----------
    store_path : path
        The store file.
    month : str
        "YYYY-MM"; validated by the notebook's first cell.
    out : path, optional
        The folder (default ``reports/<month>/``, or ``reports/<month>/redacted/``).
    redact : bool
        Pseudonyms instead of names, no contact details, notes or summaries.
    timeout : int
        Seconds any one cell may run.

    Raises
    ------
    ReportError
        A cell failed: ``cell`` is its id, ``notebook`` the executed notebook (written).
    """
    import tempfile

    from netlib.prepared import Preparer, kernel_env

    store_path = Path(store_path).expanduser().absolute()
    folder = _private_dir(_folder(month, out, redact)).absolute()
    executed = folder / "report.ipynb"
    params = {"month": str(month), "store": str(store_path), "owner": "", "redact": bool(redact),
              "keep_companies": bool(keep_companies), "max_people": 15, "out_dir": str(folder)}
    source = Path(notebook or NOTEBOOK)
    # paths can name you (a home folder): a redacted notebook keeps file names only
    scrub = {str(store_path): store_path.name, str(folder): ".", str(source.absolute()): source.name,
             str(source): source.name} if redact else {}
    preparer = stopping = sockets = km = None
    ahead = _ExporterAhead()
    try:
        _write_private(executed, "")
        if redact and store_path.is_file():  # the redaction salt exists before anything reads it
            from netlib.report import redact as _redact
            from netlib.store.core import Store

            with Store(store_path, create=False) as store:
                _redact.salt(store)
        if notebook is None and store_path.is_file():
            # the report's content is made beside the kernel (netlib.prepared): the longest part,
            # first; Ctrl-C waits until the preparer (its folder, its child) is ours to clean up
            held = {signal.SIGINT, signal.SIGTERM}
            was = signal.pthread_sigmask(signal.SIG_BLOCK, held)
            try:
                preparer = Preparer(load_key(store_path, month, "", redact, keep_companies), params["max_people"],
                                    within=folder)
                preparer.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, was)
        from jupyter_client.manager import KernelManager

        # The kernel talks to us over a private local socket (IPC) rather than TCP on loopback:
        # nothing listens on a port, and ipykernel has no unencrypted-TCP warning to print.
        sockets = tempfile.TemporaryDirectory(prefix="netlib-kernel-")
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets.name) / "kernel"))
        # The kernel starts next, before papermill is even imported (it takes a second to
        # boot); here rather than by papermill, to hand it the prepared report's folder
        # (history in memory, as papermill's own start would set it). The HTML exporter is
        # made meanwhile, in a thread.
        km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=str(folder),
                        env=preparer.env() if preparer else kernel_env())
        threading.Thread(target=ahead.make, daemon=True).start()
        _execute(source, executed, params, km, progress=progress, timeout=timeout, cwd=folder, month=month)
        # the notebook is written: the kernel stops while the HTML is made
        stopping = threading.Thread(target=km.shutdown_kernel, kwargs={"now": True}, daemon=True)
        stopping.start()
        os.chmod(executed, 0o600)
        if scrub:
            _scrub_paths(executed, scrub)
        export_html(executed, folder / "report.html", exporter=ahead.get())
    except BaseException:
        # stopped (Ctrl-C) or failed before papermill wrote anything: no empty notebook is left
        # behind (a failing cell's notebook, with its error, stays for inspection)
        if executed.exists() and executed.stat().st_size == 0:
            executed.unlink()
        elif scrub and executed.exists():  # a redacted notebook kept for inspection is scrubbed too
            try:
                _scrub_paths(executed, scrub)
            except (OSError, ValueError):
                pass
        raise
    finally:
        try:
            if preparer:  # taken by now, or no longer wanted (a cell failed): stop it, remove its folder
                preparer.close(wait=False)
        finally:
            if stopping is not None:
                stopping.join()
            elif km is not None and km.has_kernel:
                km.shutdown_kernel(now=True)
            if sockets is not None:
                sockets.cleanup()
    return folder


def _execute(source, executed, params, km, *, progress, timeout, cwd, month) -> None:
    """papermill on the started kernel; a failing cell becomes a :class:`ReportError`."""
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    try:
        # request_save_on_cell_execute=False: papermill would otherwise rewrite (and validate) the
        # whole executed notebook before and after every cell, about 30 ms each once the map (3 MB)
        # is in it: a second at 30,000 people. It is still written at the end, and when a cell fails.
        pm.execute_notebook(str(source), str(executed), parameters=params, kernel_name="python3", km=km,
                            progress_bar=progress, execution_timeout=timeout, cwd=str(cwd), log_output=False,
                            request_save_on_cell_execute=False)
    except PapermillExecutionError as err:
        cell = f"#{err.cell_index}"
        try:
            nb = nbformat.read(str(executed), as_version=4)  # papermill may add a banner cell: find the error
            failed = [c for c in nb.cells if c.cell_type == "code"
                      and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
            cell = (failed[0] if failed else nb.cells[err.cell_index]).get("id") or cell
        except Exception:  # noqa: BLE001 - naming the cell is best effort; the error is what matters
            pass
        os.chmod(executed, 0o600)
        raise ReportError(
            f"the report for {month} failed in cell '{cell}': {err.ename}: {err.evalue} "
            f"(the executed notebook, with the error, is {executed})",
            cell=cell, notebook=executed, ename=err.ename, evalue=err.evalue,
        ) from err
