"""``ogi extract`` as a user runs it: summary, CSV files, JSON, exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "real" / "000_ff3c35068f44430d.txt"


def _ogi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=REPO)


def test_summary() -> None:
    run = _ogi("extract", str(SEED))
    assert run.returncode == 0, run.stderr
    assert "year      2020" in run.stdout
    assert "requests           template 2019: 161/161 cells" in run.stdout
    assert "[likely_culprit] 最可能出错的单元格：（一）予以公开/总计（requests/granted/total）印为 0；若为 5" in run.stdout


def test_csv_outputs(tmp_path: Path) -> None:
    run = _ogi("extract", str(SEED), "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cells.csv", "findings.csv", "reports.csv", "sections.csv"]
    with (tmp_path / "cells.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 198
    assert {"table", "row", "column", "value", "raw", "unit", "note", "page", "match_score"} <= set(rows[0])
    change = next(r for r in rows if r["row"] == "licensing" and r["column"] == "items_change")
    assert (change["value"], change["raw"]) == ("-1237", "减1237")
    money = next(r for r in rows if r["column"] == "procurement_amount")
    assert (money["value"], money["unit"]) == ("1.795", "万元")
    with (tmp_path / "findings.csv").open(encoding="utf-8") as fh:
        findings = list(csv.DictReader(fh))
    culprit = next(f for f in findings if f["code"] == "likely_culprit")
    assert (culprit["cells"], culprit["published"], culprit["expected"]) == ("requests/granted/total", "0", "5")


def test_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    _ogi("extract", str(SEED), "-o", str(tmp_path / "a"))
    _ogi("extract", str(SEED), "-o", str(tmp_path / "b"))
    for name in ("cells.csv", "findings.csv", "reports.csv", "sections.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_json() -> None:
    run = _ogi("extract", str(SEED), "--json")
    doc = json.loads(run.stdout)
    assert doc["report"]["year"] == 2020
    assert len(doc["cells"]) == 198
    assert {s["section"] for s in doc["sections"]} == {
        "overview", "active_disclosure", "requests", "review_litigation", "problems", "other_matters"}


def test_unreadable_file_exits_1_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n%garbage")
    run = _ogi("extract", str(bad))
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "broken.pdf" in run.stderr
    assert "Traceback" not in run.stderr
    missing = _ogi("extract", str(tmp_path / "nope.html"))
    assert missing.returncode == 2 and "nope.html': no such file or folder" in missing.stderr


def test_usage_error_exits_2() -> None:
    assert _ogi("extract").returncode == 2
    assert _ogi("extract", str(SEED), "--no-such-option").returncode == 2
