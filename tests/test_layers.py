"""The house rules, read from the source with ``ast``: imports only go down the flow
(importers -> store -> garden -> map -> report -> demo -> explore -> cli), no module forks
a process, and no module grows past about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netlib"

#: Each stage may import from its own stage and those before it, never after.
STAGES = {
    "netlib.errors": 0, "netlib.paths": 0, "netlib.months": 0, "netlib.lazy": 0,
    "netlib.importers": 1, "netlib.store": 2, "netlib.garden": 3, "netlib.map": 4, "netlib.report": 5,
    "netlib.demo": 6, "netlib.lab": 6, "netlib.explore": 7, "netlib.cli": 8, "netlib.__main__": 9,
}
MAX_LINES = 420
FORBIDDEN = {"os.fork", "os.forkpty", "multiprocessing", "signal.pthread_sigmask", "fcntl", "os.setpgid",
             "concurrent.futures.ProcessPoolExecutor"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _stage(name: str):
    while name:
        if name in STAGES:
            return STAGES[name]
        name = name.rpartition(".")[0]
    return None


def _imports(name: str, path: Path):
    """(line, imported module) of every import in the file, inside functions too."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            yield node.lineno, base
            for alias in node.names:  # from netlib import garden: the module itself
                yield node.lineno, f"{base}.{alias.name}"


MODULES = dict(_modules())


@pytest.mark.parametrize("name", [n for n in MODULES if n != "netlib"])
def test_imports_only_go_down_the_flow(name):
    mine = _stage(name)
    assert mine is not None, f"{name} belongs to no stage: add its folder to STAGES in {__file__}"
    upward = [f"{MODULES[name].name}:{line} imports {target} (stage {_stage(target)} > {mine})"
              for line, target in _imports(name, MODULES[name])
              if target.startswith("netlib") and _stage(target) is not None and _stage(target) > mine]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("name", list(MODULES))
def test_no_module_forks_or_holds_process_locks(name):
    found = [f"{line}: {target}" for line, target in _imports(name, MODULES[name])
             if any(target == f or target.startswith(f + ".") for f in FORBIDDEN)]
    text = MODULES[name].read_text(encoding="utf-8")
    found += [word for word in ("os.fork(", "pthread_sigmask(", "setpgid(") if word in text]
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name", list(MODULES))
def test_modules_stay_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concept (about 400 at most)"


def test_the_stage_table_knows_every_folder():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {f"netlib.{f}" for f in folders} <= set(STAGES)


def test_the_layering_check_catches_an_upward_import(tmp_path):
    """The rule is not vacuous: a store module importing the garden is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from netlib.garden import analyse\nfrom ..report import content\n")
    found = [t for _, t in _imports("netlib.store.bad", bad) if _stage(t) > _stage("netlib.store.bad")]
    assert found == ["netlib.garden", "netlib.garden.analyse", "netlib.report", "netlib.report.content"]


@pytest.mark.parametrize("name", [n for n in MODULES if not n.startswith("netlib.store")])
def test_the_store_owns_all_sql(name):
    text = MODULES[name].read_text(encoding="utf-8")
    found = [word for word in (".execute(", ".executemany(", ".executescript(", "sqlite3") if word in text]
    assert not found, f"{name} runs SQL ({found}): give the store a method for it"
