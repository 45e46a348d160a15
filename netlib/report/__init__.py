"""The monthly report: its content (what the notebook shows), its charts, redaction,
running the notebook with papermill and exporting it as a self-contained page."""

from netlib.report.content import MonthlyReport, checklist_markdown, validate_parameters, write_standalone_map
from netlib.report.runner import run_report

__all__ = ["MonthlyReport", "checklist_markdown", "run_report", "validate_parameters", "write_standalone_map"]
