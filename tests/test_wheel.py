"""Acceptance: the built wheel works as a package, beside PyPI distributions whose top-level import names
(``normalize``, ``schemas``, ``extract``) clash with ogi's stage folders.

Builds the wheel from a copy of the tracked tree, installs it into a fresh venv that already holds
``pip install normalize schemas Extract``, and runs ``ogi --version``, ``ogi extract`` on a bundled sample
and the README's API example, all from a folder outside the checkout. Needs the package registry (as
``scripts/setup`` does); about a minute.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import ogi

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "real" / "r14_sh_szfbgt_2019.html"
README_EXAMPLE = f"""
import ogi
report = ogi.read({str(SAMPLE)!r})
print(report.metadata.agency, report.metadata.year)
print(report.value("requests/new_received/total"), report.template("requests"))
print(len(ogi.cells_frame(report)), type(ogi.findings_frame(report)).__name__)
print(ogi.__file__)
"""


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=900)
    assert run.returncode == 0, f"{cmd}: {run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    return run


@pytest.mark.wheel
def test_wheel_installs_beside_clashing_distributions(tmp_path: Path) -> None:
    tracked = _run("git", "ls-files", "-z", cwd=REPO).stdout.split("\0")
    src = tmp_path / "src"
    for name in filter(None, tracked):
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        origin = REPO / name
        if origin.is_symlink():
            target.symlink_to(origin.readlink())
        elif origin.is_file():
            shutil.copy2(origin, target)
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist",
         src, cwd=tmp_path)
    [wheel] = (tmp_path / "dist").glob("ogi-*.whl")
    names = _run(sys.executable, "-m", "zipfile", "-l", wheel, cwd=tmp_path).stdout
    tops = {line.split("/")[0] for line in names.splitlines()[1:] if "/" in line}
    assert {t for t in tops if not t.endswith((".dist-info", ".data"))} == {"ogi"}

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    py, bin_ = env / "bin" / "python", env / "bin"
    _run(py, "-m", "pip", "install", "-q", "normalize", "schemas", "Extract", cwd=tmp_path)
    _run(py, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)

    away = tmp_path / "elsewhere"
    away.mkdir()
    assert _run(bin_ / "ogi", "--version", cwd=away).stdout.strip() == f"ogi {ogi.__version__}"
    summary = _run(bin_ / "ogi", "extract", SAMPLE, cwd=away).stdout
    assert "上海市人民政府办公厅" in summary and "2019" in summary
    out = _run(py, "-c", README_EXAMPLE, cwd=away).stdout.splitlines()
    assert out[0] == "上海市人民政府办公厅 2019"
    assert out[1] == "859 2019"
    assert int(out[2].split()[0]) > 0 and out[2].split()[1] == "DataFrame"
    assert str(env) in out[3]   # the installed copy, not the checkout
    # the other distributions keep their own top-level packages
    # (found, not imported: PyPI's `schemas` is Python 2 code)
    where = "import importlib.util as u; print(*(u.find_spec(n).origin for n in ('normalize', 'schemas', 'extract')))"
    theirs = _run(py, "-c", where, cwd=away).stdout.split()
    assert len(theirs) == 3 and all("/site-packages/" in p and "/ogi/" not in p for p in theirs), theirs
