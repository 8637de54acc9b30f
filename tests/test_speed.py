"""``benchmarks/speed.py``: the quick mode runs and prints every row, and its dataset comparison sees a
difference of one CSV byte or one Parquet value (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "speed.py"


def _speed_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("speed", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["speed"] = module
    spec.loader.exec_module(module)
    return module


def test_quick_prints_every_row_and_compares(tmp_path: Path) -> None:
    work, figures = tmp_path / "work", tmp_path / "speed.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--work", str(work), "--json", str(figures)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for row in ("`ogi --help`", "`ogi convert` of one text file", "dataset build at 10 reports",
                "dataset build at 30 reports", "speed_pdf", "speed_formats"):
        assert row in proc.stdout
    now = json.loads(figures.read_text())["figures"]["now"]
    assert now["help_cpu"] > 0 and now["convert1_cpu"] > now["help_cpu"]
    assert now["build30_rss"] > 0 and now["build30_wall"] > 0
    out = work / "out-now-30"
    meta = json.loads((out / "_meta.json").read_text())
    assert meta["n_inputs"] == 30 and meta["run"]["converted"] == 0   # the build re-used the seeded journal
    assert meta["by_status"]["failed"] == 0

    speed = _speed_module()
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(".work"))
    assert speed.compare_datasets(out, copy) == []
    csv = next((copy / "csv").rglob("cells.csv"))
    csv.write_bytes(csv.read_bytes().replace(b"\n", b"\r\n", 1))
    part = next((copy / "cells").rglob("*.parquet"))
    table = pq.read_table(part)
    values = table.column("value").to_pylist()
    first = next(i for i, v in enumerate(values) if v is not None)
    values[first] += 1
    pq.write_table(table.set_column(table.schema.get_field_index("value"), "value",
                                    pa.array(values, type=pa.float64())), part)
    problems = speed.compare_datasets(out, copy)
    assert any(str(csv.relative_to(copy)) in p and "bytes differ" in p for p in problems)
    assert any(str(part.relative_to(copy)) in p and "contents differ" in p for p in problems)


def test_table_prints_the_pdf_and_format_rows_with_their_verdicts(capsys) -> None:  # type: ignore[no-untyped-def]
    """The rows of speed_pdf ("ratio") and speed_formats ("value", "label") print their figure and pass/FAIL
    (they printed blank before: the table looked for "measured" and "pass")."""
    speed = _speed_module()
    pdf = {"files": 2, "pdfplumber_over_convert": {"ratio": 2.305, "target": ">= 5", "met": False},
           "extract_over_floor": {"ratio": 2.1, "target": "<= 2.5", "met": True}}
    formats = {"html_reports_per_s": {"label": "HTML reports per second per core", "value": 155.8,
                                      "unit": "reports/s", "today": "42-48", "target": ">= 150", "met": True}}
    speed.print_table([], {}, None, [("speed_pdf", pdf), ("speed_formats", formats)])
    lines = {line.split("  ")[0]: line.split() for line in capsys.readouterr().out.splitlines()}
    assert lines["pdfplumber_over_convert"][-3:] == ["2.305", "ratio", "FAIL"]
    assert lines["extract_over_floor"][-3:] == ["2.1", "ratio", "pass"]
    assert lines["HTML reports per second per core"][-3:] == ["155.8", "reports/s", "pass"]
    assert lines["files"][-1] == "2"
