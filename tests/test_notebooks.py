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
        assert "application/vnd.jupyter.widget-view+json" in outputs
