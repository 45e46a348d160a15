"""The public API: every advertised name resolves; notebooks use only it."""

import json
import netlib
from netlib.paths import NOTEBOOKS_DIR


def test_every_public_name_resolves():
    for name in netlib.__all__:
        assert getattr(netlib, name) is not None


def test_notebooks_import_only_the_public_api():
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert len(notebooks) >= 3, f"no notebooks in {NOTEBOOKS_DIR}"
    for path in notebooks:
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            for line in source.splitlines():
                if line.strip().startswith(("import netlib.", "from netlib.")) and not line.strip().startswith(
                    ("from netlib import",)
                ):
                    raise AssertionError(f"{path.name} reaches past the public API: {line.strip()}")
