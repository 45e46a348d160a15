"""Every notebook: one typed ``parameters`` cell, committed without outputs, runs on a small store."""

from __future__ import annotations

import json

import nbformat
import papermill as pm
import pytest

import report_store
from netlib.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def test_the_three_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= {"monthly_report.ipynb", "explore.ipynb", "event_followup.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_typed_commented_parameters_cell_and_no_outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        assert ": " in line.split("=")[0] and "  # " in line, f"untyped or uncommented: {line}"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs committed"
            assert "def " not in cell.source, f"{path.name}: logic belongs in the package"
    params = pm.inspect_notebook(str(path))
    assert params and all(p["inferred_type_name"] != "None" for p in params.values())
    # every line parses for `papermill --help-notebook` (a second '=' in a comment loses it: issue 12)
    assigned = [line.split(":")[0] for line in tagged[0].source.splitlines() if line.strip()]
    assert sorted(params) == sorted(assigned)
    assert all(p["help"] for p in params.values())


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return report_store.build(tmp_path_factory.mktemp("store") / "garden.db")


@pytest.mark.slow
@pytest.mark.parametrize("name,params", [
    ("monthly_report.ipynb", {"month": "2026-11", "max_people": 3}),
    ("explore.ipynb", {"month": "2026-11"}),
    ("event_followup.ipynb", {"month": "2026-11", "event": "Fintech Breakfast Meetup"}),
])
def test_each_notebook_runs_with_papermill(name, params, store_path, tmp_path):
    out = tmp_path / name
    pm.execute_notebook(str(NOTEBOOKS_DIR / name), str(out), parameters={"store": str(store_path), **params},
                        kernel_name="python3", progress_bar=False, cwd=str(tmp_path))
    nb = nbformat.read(str(out), as_version=4)
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert '"output_type": "error"' not in outputs
    outputs += json.dumps(nb.metadata.get("widgets", {}))  # widget state: what the widgets showed
    if name == "event_followup.ipynb":
        assert "Bartholomew Okonkwo-Zielinski" in outputs and "follow_up:e1:p5" in outputs
    if name == "explore.ipynb":
        assert "Zebulon Quackenbush" in outputs and "water:p" in outputs


def _exported_text(notebook) -> str:
    """Exported as JupyterLab's "Save and Export Notebook As > HTML" does under `netlib lab`:
    with the Jupyter paths netlib gives its server (a venv's base Python's templates too)."""
    import os

    from nbconvert import HTMLExporter

    from netlib.paths import jupyter_env

    before = os.environ.get("JUPYTER_PATH")
    os.environ.update(jupyter_env(os.environ))
    try:
        body, _ = HTMLExporter().from_filename(str(notebook))
    finally:
        if before is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = before
    return body


@pytest.mark.slow
def test_executed_widgets_notebooks_read_well_as_html(store_path, tmp_path, monkeypatch):
    """Run by papermill with no store and no month named (NETLIB_STORE, this month), exported
    by nbconvert: the people table, the checklists and the map are in the page, not blank
    widget views (issue 12)."""
    import datetime as dt

    monkeypatch.setenv("NETLIB_STORE", str(store_path))
    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(NOTEBOOKS_DIR / "explore.ipynb"), str(out), kernel_name="python3", progress_bar=False,
                        cwd=str(tmp_path))
    page = _exported_text(out)
    assert "8 people" in page and "<td>Zebulon Quackenbush</td>" in page  # the table
    assert ("&#9744;" in page or "\u2610" in page) and "[water:p" in page  # the checklists, unticked boxes
    assert "<iframe srcdoc=" in page  # the map
    assert '<script type="application/vnd.jupyter.widget-view+json">' not in page  # no blank widget view
    nb = nbformat.read(str(out), as_version=4)
    assert dt.date.today().strftime("%Y-%m") in json.dumps(nb.cells[-1].outputs)  # month "": this month

    out = tmp_path / "event_followup.ipynb"
    pm.execute_notebook(str(NOTEBOOKS_DIR / "event_followup.ipynb"), str(out), kernel_name="python3",
                        progress_bar=False, cwd=str(tmp_path))
    page = _exported_text(out)
    assert report_store.EVENT in page  # no event named: the latest on or before today
    assert "Bartholomew Okonkwo-Zielinski" in page and "Who joins" in page and "[follow_up:e1:p" in page
    assert '<script type="application/vnd.jupyter.widget-view+json">' not in page  # no blank widget view
