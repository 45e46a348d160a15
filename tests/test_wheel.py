"""netlib as installed software: the built wheel, installed into a fresh virtual
environment, runs from an empty folder (issue 12: a wheel once crashed looking for
``site-packages/data/sample``)."""

from __future__ import annotations

import os
import signal
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(argv, cwd, env, timeout=600):
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{argv} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv's bin folder, clean environment): the wheel installed into a fresh venv. The venv
    sees this Python's packages (no dependency is downloaded again) but its netlib is the wheel's."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NETLIB_STORE", "VIRTUAL_ENV")}
    env.update(HOME=str(base / "home"), XDG_DATA_HOME=str(base / "home" / "data"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(ROOT)],
         cwd=base, env=env)
    wheel = next((base / "dist").glob("*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=base, env=env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed",
          str(wheel)], cwd=base, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # the venv borrows the base Python's packages and netlib must find their data files itself
    # (nbconvert's templates, the widgets' lab extension): no JUPYTER_PATH is set for those
    env.pop("JUPYTER_PATH", None)
    if sys.prefix != sys.base_prefix:
        _borrow_this_venv(venv, env)
    return venv / "bin", env, wheel


def _borrow_this_venv(venv, env):
    """Tests run in a virtual environment (``.ci/run``'s ``.venv``): a venv made from it is
    made from its base Python, so it would not see what was installed into ``.venv`` (on
    Debian's Python, every dependency). Its packages go on the new venv's path after the
    wheel's own, and its Jupyter data in JUPYTER_PATH: a chain of venvs is this test's, not a user's."""
    purelib = _run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   cwd=venv, env=env).strip()
    Path(purelib, "_netlib_test_outer_venv.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    data = Path(sys.prefix) / "share" / "jupyter"
    if data.is_dir():
        env["JUPYTER_PATH"] = str(data)


@pytest.mark.slow
def test_the_wheel_holds_the_notebooks_the_sample_and_the_templates(installed):
    names = set(zipfile.ZipFile(installed[2]).namelist())
    for needed in ("netlib/notebooks/explore.ipynb", "netlib/notebooks/event_followup.ipynb",
                   "netlib/notebooks/monthly_report.ipynb", "netlib/demo/sample/interactions.csv",
                   "netlib/demo/sample/Connections.csv", "netlib/map/map.html.j2", "netlib/map/map.js",
                   "netlib/map/vis-network-9.1.2.txt", "netlib/report/report.html.j2", "netlib/lab/workspace.py",
                   "netlib/store/schema.py"):
        assert needed in names, f"the wheel lacks {needed}"
    assert not any(n.startswith(("tests/", "data/", "notebooks/")) for n in names)


@pytest.mark.slow
def test_demo_report_and_version_from_an_empty_folder(installed, tmp_path):
    bin_, env, _ = installed
    where = _run([str(bin_ / "python"), "-c", "import netlib; print(netlib.__file__)"], cwd=tmp_path, env=env)
    assert where.strip().startswith(str(bin_.parent)), f"the venv imports netlib from {where}, not the wheel"
    assert _run([str(bin_ / "netlib"), "--version"], cwd=tmp_path, env=env).strip().startswith("netlib 0.")
    _run([str(bin_ / "netlib"), "demo", "--no-report"], cwd=tmp_path, env=env)  # the sample, from the wheel
    assert (tmp_path / "data" / "demo.db").is_file()
    _run([str(bin_ / "netlib"), "--store", "data/demo.db", "report", "--month", "2026-11"], cwd=tmp_path, env=env)
    assert "Alex Morgan" in (tmp_path / "reports" / "2026-11" / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "reports"]


@pytest.mark.slow
def test_lab_starts_from_an_empty_folder(installed, tmp_path):
    bin_, env, _ = installed
    _run([str(bin_ / "netlib"), "--store", "garden.db", "init"], cwd=tmp_path, env=env)
    lab = subprocess.Popen([str(bin_ / "netlib"), "--store", "garden.db", "lab", "--no-browser", "--dir", "nb"],
                           cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        lines = []
        for line in lab.stdout:
            lines.append(line)
            if line.startswith("JupyterLab: "):
                break
        assert lines and lines[-1].startswith("JupyterLab: http://127.0.0.1:"), "".join(lines)
        assert sorted(p.name for p in (tmp_path / "nb").glob("*.ipynb")) == [
            "event_followup.ipynb", "explore.ipynb", "monthly_report.ipynb"]
    finally:
        lab.send_signal(signal.SIGTERM)  # netlib lab stops JupyterLab as it leaves
        lab.wait(30)
        lab.stdout.close()
