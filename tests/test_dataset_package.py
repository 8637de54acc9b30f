"""The dataset explains itself: catalogue and comparable tables, the measures view, datapackage.json
(valid for `frictionless validate`), `ogi schema`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ogi.schemas import load_catalogue
from ogi.tabular import ALL_TABLES, csv_columns

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _ogi(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ds") / "dataset"
    run = _ogi("convert", "samples/generated", "samples/real", "--out", str(out), "--no-progress")
    assert run.returncode == 0, run.stderr
    return out


def test_frictionless_validate_passes(dataset: Path) -> None:
    exe = Path(sys.executable).with_name("frictionless")
    run = subprocess.run([str(exe), "validate", "datapackage.json"], capture_output=True, text=True, cwd=dataset)
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.stdout.count("VALID") == len(ALL_TABLES) and "INVALID" not in run.stdout


def test_every_field_has_type_chinese_title_and_description(dataset: Path) -> None:
    package = json.loads((dataset / "datapackage.json").read_text(encoding="utf-8"))
    assert CJK.search(package["title"])
    assert [r["name"] for r in package["resources"]] == list(ALL_TABLES)
    for res in package["resources"]:
        assert CJK.search(res["title"]) and res["description"]
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == list(csv_columns(res["name"]))
        for f in fields:
            assert f["type"] in {"string", "integer", "number"} and CJK.search(f["title"]) and f["description"], f
        paths = res["path"] if isinstance(res["path"], list) else [res["path"]]
        assert all((dataset / p).is_file() for p in paths)
    types = {f["name"]: f["type"] for f in package["resources"][1]["schema"]["fields"]}
    assert types["year"] == "integer" and types["value"] == "number" and types["confidence"] == "number"
    assert _ogi("schema", str(dataset)).stdout == (dataset / "datapackage.json").read_text(encoding="utf-8")
    layout = json.loads(_ogi("schema").stdout)
    assert [r["name"] for r in layout["resources"]] == list(ALL_TABLES)


def test_catalogue_table_everywhere(dataset: Path) -> None:
    cat = load_catalogue()
    n = sum(len(cat.cell_keys(t.key, v)) for t in cat.tables for v in ("2019", "2021"))
    assert pq.read_table(dataset / "catalogue").num_rows == n
    with duckdb.connect(str(dataset / "ogi.duckdb"), read_only=True) as con:
        row = con.execute("SELECT row_label, column_label, kind, unit FROM catalogue WHERE \"table\" = 'active_disclosure' "
                          "AND \"row\" = 'fees' AND \"column\" = 'fee_amount' AND template = '2021'").fetchall()
        assert row == [("行政事业性收费", "本年收费金额（单位：万元）", "money", "万元")]
        assert con.execute("SELECT count(*) FROM catalogue").fetchone() == (n,)


def test_measures_compare_2019_and_2021(dataset: Path) -> None:
    with duckdb.connect(str(dataset / "ogi.duckdb"), read_only=True) as con:
        # licensing decisions: the one active-disclosure column that means the same in both versions
        licensing = con.execute("SELECT DISTINCT \"row\", \"column\" FROM comparable WHERE measure LIKE 'active_disclosure/%'"
                                " ORDER BY 1").fetchall()
        assert licensing == [("coercion", "decisions"), ("licensing", "decisions"), ("penalties", "decisions")]
        # requests/other/total: the 2019 row `other`, or the sum of the 2021 rows other_*
        got = con.execute(
            "SELECT m.report_id, c.template, m.value, (SELECT sum(value) FROM cells x WHERE x.report_id = m.report_id "
            "AND x.\"table\" = 'requests' AND x.\"column\" = 'total' AND x.\"row\" IN ('other', 'other_no_correction', "
            "'other_fee_unpaid', 'other_other')) FROM measures m JOIN cells c ON c.report_id = m.report_id AND "
            "c.\"table\" = 'requests' AND c.\"row\" = 'total_processed' AND c.\"column\" = 'total' "
            "WHERE m.measure = 'requests/other/total'").fetchall()
    templates = {t for _, t, _, _ in got}
    assert templates == {"2019", "2021"}
    assert all(v == want for _, _, v, want in got)
    assert sum(1 for _, t, _, _ in got if t == "2021") >= 3
