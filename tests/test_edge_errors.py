"""Errors at the edge: each case is one line on stderr naming the file or option and the reason, the
README's exit code (1 a file could not be processed, 2 usage), and no traceback without --verbose."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "real" / "000_ff3c35068f44430d.txt"
PROSE = "这是一封普通的信。\n今天天气很好，我们去公园散步，看见很多花。\n" * 20


def _ogi(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def _one_line(run: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert run.returncode == code, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert all(w in lines[0] for w in words), lines[0]


def test_extract_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    _one_line(_ogi("extract", tmp_path / "nope.pdf"), 2, "ogi extract:", "nope.pdf", "no such file")


def test_extract_out_pointing_at_a_file(tmp_path: Path) -> None:
    target = tmp_path / "cells.csv"
    target.write_text("keep me")
    _one_line(_ogi("extract", SEED, "-o", target), 2, "--out", "cells.csv", "is a file, not a folder")
    assert target.read_text() == "keep me"


def test_extract_out_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    _one_line(_ogi("extract", SEED, "-o", blocker / "out"), 2, "--out", "cannot write there")


def test_extract_no_report_raises_not_a_report(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(PROSE, encoding="utf-8")
    _one_line(_ogi("extract", letter), 1, "letter.txt", "holds no annual report")
    verbose = _ogi("extract", letter, "--verbose")
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr and "NotAReport" in verbose.stderr


def test_convert_path_that_does_not_exist(tmp_path: Path) -> None:
    run = _ogi("convert", tmp_path / "nope", "--out", tmp_path / "ds")
    _one_line(run, 2, "ogi convert:", "nope", "no such file or folder")
    assert not (tmp_path / "ds").exists()


def test_convert_out_is_a_file_or_unwritable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    _one_line(_ogi("convert", SEED, "--out", blocker), 2, "--out", "is a file, not a folder")
    _one_line(_ogi("convert", SEED, "--out", blocker / "ds"), 2, "--out", "cannot write there")


def test_convert_out_path_with_a_quote(tmp_path: Path) -> None:
    out = tmp_path / "it's \"here\""
    run = _ogi("convert", SEED, "--out", out, "--workers", "1", "--no-progress")
    assert run.returncode == 0, run.stderr
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (1,)


def test_convert_unreachable_dask_fails_within_10_s(tmp_path: Path) -> None:
    started = time.monotonic()
    run = _ogi("convert", SEED, "--out", tmp_path / "ds", "--dask", "tcp://127.0.0.1:9")
    assert time.monotonic() - started < 10
    _one_line(run, 2, "--dask", "127.0.0.1:9", "cannot reach the scheduler")


def test_convert_file_holding_no_report_is_failed_not_a_report(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(PROSE, encoding="utf-8")
    run = _ogi("convert", letter, "--out", tmp_path / "ds", "--workers", "1", "--no-progress")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    with duckdb.connect(str(tmp_path / "ds" / "ogi.duckdb"), read_only=True) as con:
        row = con.execute("SELECT status, error_type, message FROM reports").fetchone()
    assert row is not None and row[:2] == ("failed", "NotAReport") and "holds no annual report" in row[2]


def test_load_postgres_errors(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert _ogi("convert", SEED, "--out", out, "--workers", "1", "--no-progress").returncode == 0
    _one_line(_ogi("load", out, "--postgres", "postgresql://nobody@127.0.0.1:9/x"), 2, "ogi load:", "--postgres")
    _one_line(_ogi("load", out, "--postgres", "postgresql://nobody@127.0.0.1:9/x?no_such_option=1"), 2,
              "--postgres", "no_such_option")
    _one_line(_ogi("load", tmp_path, "--postgres", "postgresql://nobody@127.0.0.1:9/x"), 2, "no ogi.duckdb")
