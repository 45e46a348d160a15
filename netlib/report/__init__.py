"""The monthly report: its content (what the notebook shows), its charts, redaction,
running the notebook with papermill and exporting it as a self-contained page.

Names load on first use: ``netlib report`` runs the notebook (:mod:`netlib.report.runner`)
without importing the analysis, which only the notebook's kernel needs.
"""

from importlib import import_module

_API = {"MonthlyReport": "content", "checklist_markdown": "content", "validate_parameters": "content",
        "write_standalone_map": "content", "run_report": "runner"}

__all__ = sorted(_API)


def __getattr__(name):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'netlib.report' has no attribute {name!r}")
    value = getattr(import_module(f"netlib.report.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
