"""End to end: ``ogi convert`` on a small mixed folder (real samples under many names, broken
files, hostile zips), checked against the library's own results for each document."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from test_convert_corpus import SAMPLES, broken_files, text_corpus, variant, zip_bytes
from typer.testing import CliRunner

import ogi
from ogi.convert.cli import register
from ogi.convert.run import RunSummary, run_convert
from ogi.convert.settings import ConvertSettings
from ogi.convert.tables import COLUMNS, SCHEMA_VERSION, TABLES
from ogi.convert.task import report_status
from ogi.convert.wide import ID_COLUMNS, wide_cells, wide_column
from ogi.tabular import CELL_COLUMNS

Corpus = dict[str, Any]


def _build(root: Path) -> Corpus:
    good = text_corpus(root / "in" / "good", 8)
    broken = broken_files(root / "in" / "broken")
    dup = root / "in" / "dup" / "same_as_0000.txt"
    dup.parent.mkdir(parents=True)
    shutil.copyfile(good[0], dup)
    (root / "in" / "dup" / "notes.csv").write_text("not an input\n")
    (root / "in" / "dup" / "x.txt.expected.json").write_text("{}\n")
    (root / "in" / "pack.zip").write_bytes(zip_bytes({
        "a/r14.html": variant("r14_sh_szfbgt_2019.html", 50), "PROVENANCE.tsv": b"skip", "b/": b"",
    }))
    manifest = root / "manifest.csv"
    return {"good": good, "broken": broken, "dup": dup, "manifest": manifest}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, RunSummary, Path]:
    root = tmp_path_factory.mktemp("convert")
    corpus = _build(root)
    out = root / "out"
    summary = run_convert([root / "in"], ConvertSettings(out=out, workers=2, progress=False))
    return corpus, summary, out


def _sql(out: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        return con.execute(query).fetchall()


def _sources(corpus: Corpus) -> set[str]:
    good = {p.as_posix() for p in corpus["good"]}
    zipped = {(corpus["dup"].parent.parent / "pack.zip").as_posix() + "!/a/r14.html"}
    evil_ok = {next(iter(corpus["broken"])).rsplit("/", 1)[0] + "/evil.zip!/ok/report.txt"}
    return good | set(corpus["broken"]) | {corpus["dup"].as_posix()} | zipped | evil_ok


def test_every_input_file_is_a_report_row(converted: tuple[Corpus, RunSummary, Path]) -> None:
    corpus, summary, out = converted
    rows = _sql(out, "SELECT source, status, error_type FROM reports")
    assert {r[0] for r in rows} == _sources(corpus)
    assert len(rows) == len(_sources(corpus)) == 18
    failed = {src: et for src, status, et in rows if status == "failed"}
    assert failed == corpus["broken"]
    assert summary.any_failed
    assert summary.dataset.by_status["failed"] == 7


def test_rows_equal_the_library_result_per_document(converted: tuple[Corpus, RunSummary, Path]) -> None:
    corpus, _, out = converted
    for path in corpus["good"]:
        report = ogi.read(path)
        (rid, status, n_cells) = _sql(out, f"SELECT report_id, status, n_cells FROM reports "
                                           f"WHERE source = '{path.as_posix()}'")[0]
        assert status == report_status(report).value
        cols = ", ".join(f'"{c}"' for c in CELL_COLUMNS[1:])
        got = _sql(out, f"SELECT {cols} FROM cells WHERE report_id = '{rid}' ORDER BY \"table\", \"row\", \"column\"")
        want = sorted(
            (c.table, c.row, c.column, None if c.value is None else float(c.value), c.raw or None,
             c.unit or None, c.note or None, c.template, c.page, round(c.match_score, 1), c.label or None,
             c.placed_by, c.confidence)
            for c in report.cells
        )
        assert got == want
        assert n_cells == len(report.cells) > 0


def test_same_content_under_two_names_is_converted_once(converted: tuple[Corpus, RunSummary, Path]) -> None:
    corpus, summary, out = converted
    first, dup = corpus["good"][0].as_posix(), corpus["dup"].as_posix()
    rows = _sql(out, f"SELECT source, report_id, duplicate_of FROM reports WHERE source IN ('{first}', '{dup}') "
                     "ORDER BY source")
    assert rows[0][1] == rows[1][1]
    canonical = min(first, dup)
    assert {r[0]: r[2] for r in rows} == {canonical: None, max(first, dup): canonical}
    n = _sql(out, f"SELECT count(*) FROM cells WHERE report_id = '{rows[0][1]}'")[0][0]
    assert n == len(ogi.read(corpus["good"][0]).cells)
    assert summary.converted == 18 - 3 - 1   # 3 refused before reading, 1 duplicate


def test_parquet_partitions_match_the_database(converted: tuple[Corpus, RunSummary, Path]) -> None:
    _, _, out = converted
    years = {r[0] for r in _sql(out, "SELECT DISTINCT year FROM reports")}
    assert None in years
    assert {p.name for p in (out / "reports").iterdir()} == {"unknown" if y is None else str(y) for y in years}
    with duckdb.connect() as con:
        for table in TABLES:
            n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/{table}/*/*.parquet')").fetchone()
            assert n is not None and n[0] == _sql(out, f"SELECT count(*) FROM {table}")[0][0]
    meta = pq.read_schema(out / "cells" / "2024" / "part-0.parquet").metadata
    assert meta[b"ogi.schema_version"] == str(SCHEMA_VERSION).encode()
    assert pq.read_schema(out / "reports" / "2019" / "part-0.parquet").names == list(COLUMNS["reports"])
    assert pq.read_schema(out / "cells" / "2019" / "part-0.parquet").names == ["report_id", "year", *CELL_COLUMNS[1:]]
    # year stays one integer column across every partition, NULL for the unknown year (pandas, pyarrow, DuckDB)
    for table in TABLES:
        arrow = pq.read_table(out / table)
        assert arrow.schema.field("year").type == pa.int32(), table
        df = pd.read_parquet(out / table, dtype_backend="numpy_nullable")
        assert str(df["year"].dtype) == "Int32", table
        assert df["year"].isna().any() == (table == "reports"), table  # the unknown-year reports are failed ones
    findings = pq.read_table(out / "findings").schema.field("cells").type
    assert findings == pa.list_(pa.string())
    assert json.loads((out / "_meta.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_report_wide_has_every_canonical_cell(converted: tuple[Corpus, RunSummary, Path]) -> None:
    corpus, _, out = converted
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        cur = con.execute("SELECT * FROM report_wide")
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    assert names == [*ID_COLUMNS, *(wide_column(*k) for k in wide_cells())]
    assert len(wide_cells()) == len(set(wide_cells())) == 226
    by_table = [t for t, _, _ in wide_cells()]
    # requests: 23 rows (2019) + other_no_correction, other_fee_unpaid, other_other (2021) = 26 rows x 7
    assert (by_table.count("requests"), by_table.count("review_litigation")) == (26 * 7, 15)
    assert len(rows) == 18 - 1          # one row per report: the duplicate path is not repeated
    md = next(p for p in corpus["good"] if p.suffix == ".md")
    report = ogi.read(md)
    row = next(dict(zip(names, r, strict=True)) for r in rows if r[1] == md.as_posix())
    assert row["requests__new_received__total"] == report.value("requests/new_received/total") == 34


def test_csv_per_agency(converted: tuple[Corpus, RunSummary, Path]) -> None:
    _, _, out = converted
    agencies = {r[0] for r in _sql(out, "SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL")}
    folders = {p.name for p in (out / "csv").iterdir() if p.is_dir()}
    assert {p.name for p in (out / "csv").iterdir() if p.is_file()} == {"catalogue.csv", "comparable.csv"}
    assert folders == agencies | {"_unknown_agency"}
    total = 0
    for f in (out / "csv").glob("*/cells.csv"):
        raw = f.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        with f.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == ["report_id", "year", *CELL_COLUMNS[1:]]
            total += sum(1 for _ in reader)
    assert total == _sql(out, "SELECT count(*) FROM cells")[0][0]


def test_rerun_converts_only_new_and_changed_files(tmp_path: Path) -> None:
    files = text_corpus(tmp_path / "in", 4)
    settings = ConvertSettings(out=tmp_path / "out", workers=1, progress=False)
    assert run_convert([tmp_path / "in"], settings).converted == 4
    again = run_convert([tmp_path / "in"], settings)
    assert (again.converted, again.dataset.rows["reports"]) == (0, 4)
    files[1].write_bytes(variant("r05_sh_kewei_2024.md", 7))
    (tmp_path / "in" / "new.txt").write_bytes(variant("r07_pingtan_2019.txt", 30))
    third = run_convert([tmp_path / "in"], settings)
    assert (third.converted, third.dataset.rows["reports"]) == (2, 5)
    rows = _sql(tmp_path / "out", f"SELECT format, agency FROM reports WHERE source = '{files[1].as_posix()}'")
    assert rows == [("markdown", "上海市科委")]


def test_manifest_overrides_and_cross_year_check(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a2023.md").write_bytes(variant("r05_sh_kewei_2024.md", 1))
    (folder / "a2024.md").write_bytes(variant("r05_sh_kewei_2024.md", 2))
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,agency,region,year,url\n"
                        "in/a2023.md,测试局,上海市,2023,https://example.org/2023\n"
                        f"{(folder / 'a2024.md').resolve()},测试局,,2024,\n", encoding="utf-8")
    settings = ConvertSettings(out=tmp_path / "out", workers=2, progress=False, manifest=manifest, bom=True)
    run_convert([folder], settings)
    rows = _sql(settings.out, "SELECT file_name, agency, agency_source, year, year_source, region, url "
                              "FROM reports ORDER BY file_name")
    assert rows == [("a2023.md", "测试局", "manifest", 2023, "manifest", "上海市", "https://example.org/2023"),
                    ("a2024.md", "测试局", "manifest", 2024, "manifest", None, None)]
    report = ogi.read(folder / "a2024.md")

    def value(row: str, column: str) -> float | None:
        cell = report.cell("requests", row, column)
        if cell is None or (cell.value is None and cell.note != "blank"):
            return None
        return float(cell.value or 0)

    columns = [c.column for c in report.cells if c.table == "requests" and c.row == "carried_over"]
    want = sorted(
        (col, value("carried_over", col), value("carried_forward", col)) for col in columns
        if None not in (value("carried_over", col), value("carried_forward", col))
        and value("carried_over", col) != value("carried_forward", col)
    )
    got = _sql(settings.out, "SELECT f.scope, f.published, f.expected FROM findings f JOIN reports r "
                             "USING (report_id) WHERE f.code = 'carried_over_mismatch' AND r.year = 2024 "
                             "ORDER BY f.scope")
    assert got == want == [("natural_person", 2.0, 1.0), ("total", 2.0, 0.0)]
    assert _sql(settings.out, "SELECT count(*) FROM findings WHERE code = 'carried_over_mismatch'")[0][0] == 2
    n_findings = _sql(settings.out, "SELECT n_findings FROM reports WHERE year = 2024")[0][0]
    assert n_findings == len(report.findings) + 2
    assert (settings.out / "csv" / "测试局" / "reports.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_exit_codes(tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    text_corpus(tmp_path / "ok", 2)
    runner = CliRunner()
    good = runner.invoke(app, ["convert", str(tmp_path / "ok"), "--out", str(tmp_path / "o1"), "--workers", "1"])
    assert good.exit_code == 0, good.output
    assert "3 input files" not in good.output and "2 input files: ok" in good.output
    (tmp_path / "ok" / "empty.txt").write_bytes(b"")
    bad = runner.invoke(app, ["convert", str(tmp_path / "ok"), "--out", str(tmp_path / "o1"), "--workers", "1"])
    assert bad.exit_code == 1
    assert "3 input files: ok" in bad.output and "failed 1" in bad.output
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,year\nx.txt,20x3\n", encoding="utf-8")
    usage = runner.invoke(app, ["convert", str(tmp_path / "ok"), "--out", str(tmp_path / "o2"),
                                "--manifest", str(manifest)])
    assert usage.exit_code == 2
    assert "m.csv:2: year '20x3' is not a whole number" in usage.output


def test_missing_input_path_is_a_failed_row(tmp_path: Path) -> None:
    settings = ConvertSettings(out=tmp_path / "out", workers=1, progress=False)
    summary = run_convert([tmp_path / "nope.pdf", SAMPLES / "r07_pingtan_2019.txt"], settings)
    rows = _sql(settings.out, "SELECT file_name, status, error_type FROM reports ORDER BY file_name")
    assert rows == [("nope.pdf", "failed", "FileNotFoundError"), ("r07_pingtan_2019.txt", "partial", None)]
    assert summary.any_failed
    assert replace(settings, workers=3).n_workers == 3


def test_every_column_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "dataset.md").read_text(encoding="utf-8")
    for table in TABLES:
        section = doc.split(f"## Table `{table}`", 1)[1].split("\n## ", 1)[0]
        documented = {c.strip("` ") for line in section.splitlines() if line.startswith("| `")
                      for c in line.split("|")[1].split(",")}
        assert documented == set(COLUMNS[table]), table
    assert f"(schema_version {SCHEMA_VERSION})" in doc


def test_a_second_run_on_the_same_dir_is_refused(tmp_path: Path) -> None:
    import fcntl

    from ogi.convert.run import RunLocked

    (tmp_path / "out" / ".work").mkdir(parents=True)
    with (tmp_path / "out" / ".work" / "lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(RunLocked, match="another ogi convert is writing"):
            run_convert([SAMPLES / "r07_pingtan_2019.txt"], ConvertSettings(out=tmp_path / "out", progress=False))
