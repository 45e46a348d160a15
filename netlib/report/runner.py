"""Running the monthly report: papermill on one kernel, then the HTML export.

:func:`run_report` runs the report notebook (which makes everything it shows itself, see
:class:`~netlib.report.content.MonthlyReport`) into a temporary folder beside the month's
folder, exports it (:mod:`netlib.report.page`), and only then moves its files in place: a
failed or interrupted run leaves the previous report as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from netlib.errors import ReportError, ValidationError
from netlib.paths import NOTEBOOKS_DIR, REPORTS_DIR, private_dir, write_private
from netlib.report.page import export_html
import nbformat
import papermill as pm
from papermill.exceptions import PapermillExecutionError

__all__ = ["run_report", "NOTEBOOK"]

#: The report notebook (its kernel imports the analysis; this module does not, so the kernel
#: starts while nothing heavy is imported here).
NOTEBOOK = NOTEBOOKS_DIR / "monthly_report.ipynb"

_MONTH_FOLDER = re.compile(r"[0-9A-Za-z][\w-]{0,31}")
#: What a run writes, moved into the month's folder together once all are made.
FILES = ("report.ipynb", "report.html", "map.html", "checklist.md", "summary.json")


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
    write_private(notebook, text)


def run_report(store_path, month, *, out=None, redact=False, keep_companies=False, keep_labels=False, progress=False,
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
        A cell failed: ``cell`` is its id, ``notebook`` the executed notebook, kept in the
        month's folder as ``report.failed.ipynb`` (the previous report stays as it was).
    """
    store_path = Path(store_path).expanduser().absolute()
    folder = private_dir(_folder(month, out, redact)).absolute()
    work = Path(tempfile.mkdtemp(prefix=".run-", dir=folder))  # 0o700, removed whatever happens
    executed = work / "report.ipynb"
    params = {"month": str(month), "store": str(store_path), "owner": "", "redact": bool(redact),
              "keep_companies": bool(keep_companies), "keep_labels": bool(keep_labels), "max_people": 15,
              "out_dir": str(work)}
    source = Path(notebook or NOTEBOOK)
    # paths can name you (a home folder): a redacted notebook keeps file names only
    scrub = {str(store_path): store_path.name, str(work): ".", str(folder): ".", str(source.absolute()): source.name,
             str(source): source.name} if redact else {}
    try:
        if redact and store_path.is_file():  # the redaction salt exists before anything reads it
            # imported here: `netlib report` itself stays light (pandas and the garden load in
            # the kernel, while this process starts it; tests/test_runner_imports.py)
            from netlib.report import redact as _redact
            from netlib.store import Store

            with Store(store_path, create=False) as store:
                _redact.salt(store)
        try:
            _execute(source, executed, params, progress=progress, timeout=timeout, cwd=work, month=month)
        except ReportError as err:
            if executed.exists():  # kept for inspection, scrubbed like a finished one
                if scrub:
                    _scrub_paths(executed, scrub)
                kept = folder / "report.failed.ipynb"
                os.replace(executed, kept)
                err.notebook = str(kept)
                err.args = (str(err).replace(str(executed), str(kept)),)
            raise
        os.chmod(executed, 0o600)
        if scrub:
            _scrub_paths(executed, scrub)
        export_html(executed, work / "report.html")
        for name in FILES:  # each file whole; together only once every one is made
            if (work / name).exists():
                os.replace(work / name, folder / name)
        stale = folder / "report.failed.ipynb"
        if stale.exists():
            stale.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def _stop_kernel(km) -> None:
    """Stop the kernel. Ctrl-C or SIGTERM while it was still starting leaves jupyter_client's
    start future spent, and its shutdown then raises (InvalidStateError, seen in CI): the
    kernel's process is killed directly, so no kernel outlives the run and the interruption,
    not a traceback of the cleanup, is what the person sees."""
    try:
        km.shutdown_kernel(now=True)
    except Exception:  # noqa: BLE001 - any failure to stop politely ends in a kill
        process = getattr(km.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _execute(source, executed, params, *, progress, timeout, cwd, month) -> None:
    """papermill on one kernel; a failing cell becomes a :class:`ReportError`."""
    try:
        # request_save_on_cell_execute=False: papermill would otherwise rewrite (and validate) the
        # whole executed notebook before and after every cell (the map is megabytes at 30,000 people).
        # It is still written at the end, and when a cell fails.
        # The kernel talks to papermill over a private local socket (IPC) in the run's own
        # folder, not TCP on loopback: nothing listens on a port, and ipykernel has no
        # "running over TCP without encryption" warning to print.
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(cwd) / ".kernel"))
        try:
            pm.execute_notebook(str(source), str(executed), parameters=params, kernel_name="python3", km=km,
                                progress_bar=progress, execution_timeout=timeout, cwd=str(cwd), log_output=False,
                                request_save_on_cell_execute=False)
        finally:
            if km.has_kernel:  # papermill leaves a kernel it was handed running
                _stop_kernel(km)
    except PapermillExecutionError as err:
        cell = f"#{err.cell_index}"
        try:
            nb = nbformat.read(str(executed), as_version=4)  # papermill may add a banner cell: find the error
            failed = [c for c in nb.cells if c.cell_type == "code"
                      and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
            cell = (failed[0] if failed else nb.cells[err.cell_index]).get("id") or cell
        except Exception:  # noqa: BLE001 - naming the cell is best effort; the error is what matters
            pass
        if executed.exists():
            os.chmod(executed, 0o600)
        raise ReportError(
            f"the report for {month} failed in cell '{cell}': {err.ename}: {err.evalue} "
            f"(the executed notebook, with the error, is {executed})",
            cell=cell, notebook=executed, ename=err.ename, evalue=err.evalue,
        ) from err
