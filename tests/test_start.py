"""A light start: ``ogi --help`` and ``ogi extract`` of a text file import none of the heavy libraries.

Each case runs the real command in a fresh interpreter and lists the top-level packages in
``sys.modules`` at exit (``OGI_LIMITS=off`` reads in-process, so the reader's imports are seen).
The listing of ``ogi --help`` comes from :data:`ogi.commands.COMMANDS`; each line must be the loaded
command's own short help.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ogi.commands import COMMANDS, load_commands

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "samples" / "real" / "r07_pingtan_2019.txt"
HEAVY = {"pdfplumber", "pdfminer", "pypdfium2", "docx", "duckdb", "pyarrow", "pandas", "numpy", "PIL"}
PROBE = """
import json, sys
sys.argv = ["ogi", *sys.argv[1:]]
from ogi.cli import main
try:
    main()
except SystemExit as exit:
    code = exit.code
mods = sorted({m.split(".")[0] for m in sys.modules} | {m for m in sys.modules if m.startswith("ogi.")})
print(json.dumps({"code": code, "modules": mods}), file=sys.stderr)
"""


def _imports(*args: str) -> tuple[int, set[str], str]:
    env = {**os.environ, "OGI_LIMITS": "off"}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    probe = json.loads(proc.stderr.strip().splitlines()[-1])
    return probe["code"], set(probe["modules"]), proc.stdout


def test_help_imports_no_command_module() -> None:
    code, mods, out = _imports("--help")
    assert code == 0
    assert not mods & HEAVY
    assert not {m for m in mods if m.startswith(("ogi.generate", "ogi.extract", "ogi.normalize", "ogi.convert"))}
    assert "rich" not in mods   # the listing is click's plain help
    for name in COMMANDS:
        assert f"  {name} " in out


def test_extract_text_imports_no_pdf_docx_or_dataframe_library() -> None:
    code, mods, out = _imports("extract", str(TEXT))
    assert code in (0, None)
    assert "ogi.extract.text" in mods and "ogi.normalize" in mods   # it did read the report
    assert not mods & HEAVY, mods & HEAVY
    assert not {m for m in mods if m.startswith(("ogi.generate", "ogi.convert"))}
    assert "format    text" in out and "year      2019" in out


@pytest.mark.parametrize("name", list(COMMANDS))
def test_listing_matches_the_command(name: str) -> None:
    module, line = COMMANDS[name]
    command = load_commands(module)[name]
    assert command.get_short_help_str(limit=10_000) == line


def test_every_registered_command_is_listed() -> None:
    names = {n for module in dict.fromkeys(m for m, _ in COMMANDS.values()) for n in load_commands(module)}
    assert names == set(COMMANDS)


def test_convert_main_process_modules_import_no_reader() -> None:
    """The batch runner's main process imports the task module for its types; the readers (and the warm
    LibreOffice, which imports the DOCX reader) are imported in the workers only."""
    probe = "import json, sys, ogi.convert.task; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=True)
    mods = set(json.loads(proc.stdout))
    assert not mods & (HEAVY | {"lxml"}), mods & (HEAVY | {"lxml"})


def test_convert_main_process_builds_the_dataset_without_numpy(tmp_path: Path) -> None:
    """``ogi convert`` imports pyarrow with numpy hidden (ogi.convert.lean): the dataset is written
    (Parquet, DuckDB, CSV) and numpy was never loaded in the main process."""
    out = tmp_path / "ds"
    code, mods, _ = _imports("convert", str(TEXT), "--out", str(out), "--workers", "1", "--no-progress")
    assert code in (0, None)
    assert {"pyarrow", "duckdb"} <= mods and "numpy" not in mods and "pandas" not in mods
    assert list((out / "cells").rglob("*.parquet")) and (out / "ogi.duckdb").is_file()
    # the pool measures its workers from /proc (ogi.limits imports psutil only to kill); Dask only for --dask
    assert not mods & {"psutil", "distributed", "dask"}, mods & {"psutil", "distributed", "dask"}
    assert "ogi.convert.distributed" not in mods


WORKER_PROBE = """
import hashlib, json, sys
from ogi.convert.worker import load_handler
from ogi.convert.task import Task
path = sys.argv[1]
handler = load_handler("ogi.convert.task:convert_task")   # what a worker does with its init message
outcome = handler(Task(hashlib.sha256(open(path, "rb").read()).hexdigest(), path, path))
print(json.dumps({"status": outcome.status, "modules": sorted(sys.modules)}))
"""
# a convert worker reading a text file: no psutil, subprocess or ogi.limits (the pool watches it), no
# sqlite3 (the journal is the main process's), no warm LibreOffice, no HTML reader or lxml
WORKER_SPARED = {"psutil", "subprocess", "sqlite3", "lxml", "ogi.limits", "ogi.extract.office_warm",
                 "ogi.extract.office", "ogi.extract.html", "ogi.convert.inputs"}


def test_convert_worker_reads_a_text_file_with_a_light_start() -> None:
    """The worker's start (``ogi.convert.worker``, the task handler) and its reading of a text file import
    only what that reading needs; each of these was a top-level import once."""
    proc = subprocess.run([sys.executable, "-c", WORKER_PROBE, str(TEXT)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    mods = set(probe["modules"])
    assert probe["status"] in ("ok", "partial")
    assert {"ogi.extract.text", "ogi.normalize", "ogi.api"} <= mods   # it did read the report
    assert not mods & WORKER_SPARED, mods & WORKER_SPARED
    assert not mods & HEAVY, mods & HEAVY


def test_limits_and_worker_modules_import_no_psutil_or_subprocess() -> None:
    """``ogi.limits`` and ``ogi.convert.worker`` import psutil, subprocess (and the limits) in the functions
    that use them: importing the modules loads neither."""
    probe = ("import json, sys, ogi.limits, ogi.convert.worker, ogi.convert.journal, ogi.api; "
             "print(json.dumps(sorted(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=True)
    mods = set(json.loads(proc.stdout))
    assert not mods & {"psutil", "subprocess", "sqlite3"}, mods & {"psutil", "subprocess", "sqlite3"}


def test_lean_pyarrow_leaves_numpy_and_cloudpickle_importable_afterwards() -> None:
    """After the lean import numpy and cloudpickle import normally (a library user's pandas keeps working),
    and pyarrow pickles its objects with the standard pickle."""
    probe = ("import pickle, sys; from ogi.convert.lean import import_pyarrow_lean; import_pyarrow_lean(); "
             "assert not {'numpy', 'cloudpickle'} & set(sys.modules) and 'pyarrow.parquet' in sys.modules; "
             "import numpy, cloudpickle, pyarrow; t = pyarrow.table({'a': [1, 2]}); "
             "print(pickle.loads(pickle.dumps(t)).equals(t), pyarrow.array([1, 2]).to_pylist(), numpy.__name__, "
             "cloudpickle.__name__)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=True)
    assert proc.stdout.split() == ["True", "[1,", "2]", "numpy", "cloudpickle"]
