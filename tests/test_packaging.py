"""The project's promises about installing: pyproject, environment.yml, README, CI agree."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: PyPI names whose conda-forge package is named otherwise (conda-forge's "igraph" is the C library)
CONDA_NAME = {"igraph": "python-igraph"}


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _env_deps():
    deps, pip = [], []
    section = None
    for line in (ROOT / "environment.yml").read_text().splitlines():
        stripped = line.strip()
        if not line.startswith(" ") and stripped.endswith(":"):
            section = stripped[:-1]
            continue
        if section != "dependencies" and section != "pip":
            continue
        if stripped.startswith("- pip:"):
            section = "pip"
            continue
        if stripped.startswith("- "):
            (pip if section == "pip" and line.startswith("      ") else deps).append(stripped[2:].strip())
    return deps, pip


def test_environment_yml_matches_pyproject():
    project = _pyproject()["project"]
    deps, pip = _env_deps()
    conda = {re.split(r"[<>=!]", d)[0].lower(): d for d in deps}
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!\[]", requirement)[0].lower()
        name = CONDA_NAME.get(name, name)
        requirement = name + requirement[len(re.split(r"[<>=!\[]", requirement)[0]):]
        assert name in conda, f"environment.yml lacks {name} (pyproject.toml needs {requirement})"
        assert conda[name].replace(" ", "") == requirement.replace(" ", ""), (
            f"environment.yml says {conda[name]}, pyproject.toml says {requirement}"
        )
    names = {re.split(r"[<>=!\[]", r)[0].lower() for r in project["dependencies"]}
    extra = set(conda) - {CONDA_NAME.get(n, n) for n in names} - {"python", "pip"}
    assert not extra, f"environment.yml has packages pyproject.toml lacks: {extra}"
    assert "-e .[test]" in pip, "environment.yml must install the package from the checkout"
    python = conda["python"]
    assert python.endswith(project["requires-python"].lstrip(">=")), "python versions differ"


def test_distribution_name_is_not_the_unrelated_pypi_netlib():
    project = _pyproject()["project"]
    assert project["name"] != "netlib"
    assert project["scripts"]["netlib"] == "netlib.cli:main"


def test_readme_commands_and_ci_agree():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", readme, re.S)
    setup = [b.strip() for b in blocks if "pip install" in b or ".ci/run" in b][:2]
    assert len(setup) == 2, "README's set-up is two commands"
    assert "netlib demo" in setup[0]
    assert setup[1] == "bash .ci/run", "the README's test command is the one CI runs"
    assert "pytest" in ci


def test_readme_tree_names_every_module():
    """The README's tree of the package names every module, each under its own folder (a
    module moved or split out, say garden/bridges.py, is named where a reader looks for it)."""
    readme = (ROOT / "README.md").read_text()
    tree = re.search(r"^```\n(netlib/\n.*?)^```", readme, re.S | re.M).group(1)
    sections, head = {}, None
    for line in tree.splitlines()[1:]:
        if re.match(r"  \S", line):  # a folder or top-level module of the package
            head = line.split()[0]
        if head is not None:
            sections[head] = sections.get(head, "") + line + "\n"
    missing = []
    for path in sorted((ROOT / "netlib").rglob("*.py")):
        parts = path.relative_to(ROOT / "netlib").parts
        if path.name == "__init__.py":
            continue
        text = tree if len(parts) == 1 else sections.get(f"{parts[0]}/", "")
        if not re.search(rf"(?<![\w.]){re.escape(path.name)}", text):
            missing.append("/".join(parts))
    assert not missing, f"README's tree does not name: {', '.join(missing)}"
