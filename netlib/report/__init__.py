"""The monthly report: its content (what the notebook shows), its charts, redaction,
running the notebook with papermill and exporting it as a self-contained page.

Names load on first use: ``netlib report`` runs the notebook (:mod:`netlib.report.runner`)
without importing the analysis, which only the notebook's kernel needs.
"""

from netlib.lazy import lazy_names

_API = {"MonthlyReport": "content", "checklist_markdown": "content", "validate_parameters": "content",
        "write_standalone_map": "content", "run_report": "runner"}

__all__ = sorted(_API)


__getattr__, __dir__ = lazy_names(__name__, _API, globals())
