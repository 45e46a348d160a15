"""``netlib report`` runs the notebook without importing the analysis: the kernel does that,
so the CLI process stays light while the kernel starts (the speed of issue 11)."""

import os
import subprocess
import sys

TESTS = os.path.dirname(__file__)

HEAVY = ("pandas", "numpy", "networkx", "pyvis", "netlib.garden", "netlib.map", "netlib.report.content")


def test_the_runner_and_the_report_command_import_nothing_of_the_analysis():
    out = subprocess.run([sys.executable, "-m", "helpers.imported", "netlib.cli", "netlib.report.runner",
                          "netlib.report", "--", *HEAVY], capture_output=True, text=True, check=True, cwd=TESTS)
    assert out.stdout.strip() == "[]"


def test_the_report_package_still_offers_its_names():
    code = ("from netlib import report; from netlib.report import MonthlyReport, run_report, charts; "
            "print(report.MonthlyReport is MonthlyReport, callable(report.validate_parameters), charts.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "netlib.report.charts"]


def test_the_report_kernel_loads_no_file_parser_and_no_notebook_runner():
    """What the monthly report's kernel imports (the content, the garden, the store) loads
    neither the import formats' parsers nor papermill/nbconvert nor the map's pyvis/networkx."""
    out = subprocess.run([sys.executable, "-m", "helpers.imported", "netlib.report.content", "netlib.store",
                          "--", "icalendar", "vobject", "netlib.importers.kinds", "papermill", "nbconvert",
                          "pyvis", "networkx"], capture_output=True, text=True, check=True, cwd=TESTS)
    assert out.stdout.strip() == "[]"
