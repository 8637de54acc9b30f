"""Crash safety: ``ogi convert`` killed with SIGKILL (whole process group) at random points, then
run again, gives the same dataset as one uninterrupted run: no lost and no duplicated rows."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from test_convert_corpus import broken_files, text_corpus

from ogi.convert.tables import TABLES

CLI = [sys.executable, "-c", "from ogi.cli import main; main()", "convert"]


def _start(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*CLI, str(inputs), "--out", str(out), "--workers", "2", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _n_results(out: Path) -> int:
    db = out / ".work" / "journal.sqlite"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return int(con.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:   # tables not created yet
        return 0


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float = 120) -> bool:
    """SIGKILL the run's process group once ``ready()``; False if the run ended first."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.01)
    proc.wait()
    return False


def _tables(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        got = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
        got["report_wide"] = sorted(con.execute("SELECT * FROM report_wide").fetchall(), key=repr)
    with duckdb.connect() as con:
        for t in TABLES:
            rows = con.execute(f"SELECT * FROM read_parquet('{out}/{t}/*/*.parquet', hive_partitioning = true)")
            got[f"parquet/{t}"] = sorted(rows.fetchall(), key=repr)
    return got


def _csvs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "csv").rglob("*.csv"))}


def test_killed_runs_then_rerun_equal_an_uninterrupted_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    text_corpus(inputs / "good", 60)
    broken_files(inputs / "broken")
    assert _start(inputs, tmp_path / "reference").wait(timeout=300) == 1   # the broken files fail
    reference = _tables(tmp_path / "reference")
    assert len(reference["reports"]) == 60 + 7 + 1

    seed = int(time.time())
    rng = random.Random(seed)
    out = tmp_path / "killed"
    t0 = time.monotonic()
    early = rng.uniform(0.1, 1.0)
    k1, k2 = rng.randint(3, 25), rng.randint(30, 55)
    points: list[Callable[[], bool]] = [
        lambda: time.monotonic() - t0 > early,                          # start-up, discovery, hashing
        lambda: _n_results(out) >= k1,                                  # converting
        lambda: _n_results(out) >= k2,                                  # converting, journal half full
        lambda: (out / ".work" / "stage").exists() and rng.random() < 0.05,   # consolidating
    ]
    kills = []
    for ready in points:
        t0 = time.monotonic()
        kills.append(_kill_when(_start(inputs, out), ready))
    assert kills.count(True) >= 3, f"seed {seed}: runs ended before they were killed: {kills}"
    assert _start(inputs, out).wait(timeout=300) == 1
    assert _tables(out) == reference, f"seed {seed}"
    assert _csvs(out) == _csvs(tmp_path / "reference")
    assert not (out / ".work" / "stage").exists()
