"""One output layer: ``ogi extract -o`` and ``ogi convert`` spell the same report's rows the same way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "real" / "000_ff3c35068f44430d.txt"


def _ogi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=REPO)


def test_extract_and_convert_give_byte_identical_rows(tmp_path: Path) -> None:
    one, batch = tmp_path / "one", tmp_path / "batch"
    run = _ogi("extract", str(SEED), "-o", str(one))
    assert run.returncode == 0, run.stderr
    run = _ogi("convert", str(SEED), "--out", str(batch), "--workers", "1", "--no-progress")
    assert run.returncode == 0, run.stderr
    [agency_dir] = [p for p in (batch / "csv").iterdir() if p.is_dir()]
    for table in ("cells", "sections", "findings"):
        a, b = (one / f"{table}.csv").read_bytes(), (agency_dir / f"{table}.csv").read_bytes()
        assert a == b, table
    cells = (one / "cells.csv").read_bytes()
    assert b"\r\n" not in cells and b".0," not in cells
    header = cells.split(b"\n")[0].decode()
    assert header.endswith(",label,placed_by,confidence") and header.startswith("report_id,year,")
    # a finding's cells: ';' in CSV, a list in JSON, Parquet and DuckDB
    doc = json.loads(_ogi("extract", str(SEED), "--json").stdout)
    culprit = next(f for f in doc["findings"] if f["code"] == "likely_culprit")
    assert isinstance(culprit["cells"], list) and "requests/granted/total" in culprit["cells"]
    assert b";".join(c.encode() for c in culprit["cells"]) in (one / "findings.csv").read_bytes()
    parquet = pq.read_table(batch / "findings").to_pylist()
    assert [f["cells"] for f in parquet] == [f["cells"] for f in doc["findings"]]
    with duckdb.connect(str(batch / "ogi.duckdb"), read_only=True) as con:
        got = con.execute("SELECT cells FROM findings ORDER BY seq").fetchall()
    assert [g[0] for g in got] == [f["cells"] for f in doc["findings"]]


def test_absent_values_are_null_not_empty(tmp_path: Path) -> None:
    doc = json.loads(_ogi("extract", str(SEED), "--json").stdout)
    for table in ("cells", "sections", "findings"):
        for row in doc[table]:
            assert "" not in row.values(), (table, row)
    assert "" not in doc["report"].values()
    assert doc["report"]["year"] == 2020 and all(c["year"] == 2020 for c in doc["cells"])
    assert {c["placed_by"] for c in doc["cells"]} <= {"label", "order", "identity"}
