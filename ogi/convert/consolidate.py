"""Consolidation: rebuild every output of DIR from the journal, then swap it in atomically.

Idempotent: it reads only the journal (inputs of the latest run and converted results) and
writes a fresh staging folder in ``DIR/.work``, so running it twice, or again after a crash,
gives the same tables. Steps: rows into a staging DuckDB → cross-year findings →
``report_wide`` view → Parquet partitions by year → per-agency CSV → ``_meta.json`` → rename.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ogi.convert.arrow import columns_batch, record_batch
from ogi.convert.crossyear import CODE, carried_over_findings
from ogi.convert.csvout import child_select, write_csvs
from ogi.convert.describe import catalogue_rows, comparable_rows, datapackage, measures_view_sql
from ogi.convert.inputs import InputItem
from ogi.convert.journal import Journal
from ogi.convert.jsonrows import ChildRows, unpack_report
from ogi.convert.manifest import Manifest
from ogi.convert.rows import Columns, Row, report_row
from ogi.convert.serial import Serial, insert_batch
from ogi.convert.tables import (
    COLUMNS,
    PARTITION,
    SCHEMA_VERSION,
    TABLES,
    arrow_schema,
    create_table_sql,
    quote,
)
from ogi.convert.wide import create_view_sql
from ogi.tabular import REFERENCE_TABLES

DUCKDB_NAME = "ogi.duckdb"
META_NAME = "_meta.json"
PACKAGE_NAME = "datapackage.json"
OUTPUTS = (*TABLES, *REFERENCE_TABLES, "csv", DUCKDB_NAME, META_NAME, PACKAGE_NAME)
BATCH = 20_000
# Rows buffered per table before they go to the staging database (sections carry whole texts).
BUFFER = {"reports": 5_000, "cells": 20_000, "sections": 500, "findings": 5_000}
DUCKDB_MEMORY = "256MB"   # the staging database spills to DIR/.work/stage/spill past this
EXPORT_MEMORY = "48MB"    # the exports only read: DuckDB caches the blocks it reads up to this, so it bounds them
EVICT_MEMORY = "1MB"      # a moment's limit before the exports: drops the load's cached blocks


@dataclass(frozen=True)
class DatasetSummary:
    out: Path
    n_inputs: int
    by_status: dict[str, int]
    rows: dict[str, int]
    paths: dict[str, str] = field(default_factory=dict)


class _Batches:
    """Buffers rows per table, by columns, and appends them to the staging database in Arrow batches."""

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 insert: Callable[[str, pa.RecordBatch], None] | None = None) -> None:
        self.insert = insert or (lambda table, batch: insert_batch(con, table, batch))
        self.columns: dict[str, list[list[Any]]] = {t: [[] for _ in COLUMNS[t]] for t in TABLES}

    def add(self, table: str, columns: Columns) -> None:
        buf = self.columns[table]
        for column, values in zip(buf, columns, strict=True):
            column.extend(values)
        if len(buf[0]) >= BUFFER[table]:
            self.flush(table)

    def add_rows(self, table: str, rows: list[Row]) -> None:
        if rows:
            self.add(table, list(zip(*rows, strict=True)))

    def flush(self, table: str) -> None:
        buf = self.columns[table]
        if not buf[0]:
            return
        self.insert(table, columns_batch(buf, arrow_schema(table)))   # a copy: the buffers are reused
        for column in buf:
            column.clear()

    def flush_all(self) -> None:
        for t in TABLES:
            self.flush(t)


def _inputs_with_canonical(journal: Journal) -> Iterator[tuple[InputItem, str | None, str]]:
    """Inputs by source, each with the first source of the same content (itself when unique)."""
    first: dict[str, str] = {}
    for item, sha in journal.iter_inputs():
        if sha is None:
            yield item, sha, item.source
            continue
        canonical = first.setdefault(sha, item.source)
        yield item, sha, canonical


def _load_rows(con: duckdb.DuckDBPyConnection, journal: Journal, fingerprint: str,
               manifest: Manifest | None) -> None:
    """Every input's ``reports`` row (built in Python) and the child rows of each content's first path
    (read by DuckDB from the payload, :mod:`ogi.convert.jsonrows`)."""
    serial = Serial(con)
    try:
        _load_into(serial, journal, fingerprint, manifest)
    finally:
        serial.finish()


def _load_into(serial: Serial, journal: Journal, fingerprint: str, manifest: Manifest | None) -> None:
    batches = _Batches(serial.con, serial.insert)
    rows = ChildRows(serial, BUFFER, lambda row: batches.add("reports", [[v] for v in row]),
                     lambda: batches.flush("reports"))
    for item, sha, canonical in _inputs_with_canonical(journal):
        result = journal.result(sha, fingerprint) if sha is not None and not item.refused else None
        entry = manifest.lookup(item) if manifest is not None else None
        report, parts = unpack_report(result.payload) if result is not None else ({}, None)
        row = report_row(item, sha, canonical, result, entry, report)
        rows.add(row, row[0], parts if canonical == item.source else None)
    rows.finish()


def _add_cross_year(con: duckdb.DuckDBPyConnection) -> int:
    """Append ``carried_over_mismatch`` findings and count them in ``reports.n_findings``."""
    batches = _Batches(con)
    n = 0
    chunk: list[Row] = []
    for row in carried_over_findings(con):   # streamed: bounded memory however many mismatches
        chunk.append(row)
        n += 1
        if len(chunk) >= BUFFER["findings"]:
            batches.add_rows("findings", chunk)
            chunk = []
    batches.add_rows("findings", chunk)
    batches.flush_all()
    con.execute(
        "UPDATE reports SET n_findings = coalesce(n_findings, 0) + x.n FROM (SELECT report_id, count(*) AS n "
        f"FROM findings WHERE code = '{CODE}' GROUP BY report_id) x WHERE reports.report_id = x.report_id"
    )
    return n


def _partition_query(table: str, year: int | None) -> tuple[str, list[Any]]:
    """Rows of one year partition in the file layout, in insertion order (no sort: memory stays bounded)."""
    params: list[Any] = [] if year is None else [year]
    if table == "reports":
        select = ", ".join(f"t.{quote(c)}" for c in COLUMNS[table])
        cond = "t.year IS NULL" if year is None else "t.year = ?"
        return f"SELECT {select} FROM reports t WHERE {cond}", params
    cond = "r.year IS NULL" if year is None else "r.year = ?"
    return "SELECT " + child_select(table, f"WHERE {cond}"), params


def partition_dir(year: int | None) -> str:
    """A year's folder: ``2023``, or ``unknown`` for the reports whose year is NULL. The files hold
    ``year`` as an integer column, so every reader sees one integer column (NULL in ``unknown``)."""
    return "unknown" if year is None else str(year)


def _write_parquet(con: duckdb.DuckDBPyConnection, stage: Path) -> None:
    years = [y for (y,) in con.execute("SELECT DISTINCT year FROM reports ORDER BY year NULLS LAST").fetchall()]
    for table in TABLES:
        schema = arrow_schema(table, file_layout=True)
        (stage / table).mkdir(parents=True)
        for year in years:
            sql, params = _partition_query(table, year)
            reader = con.sql(sql, params=params).to_arrow_reader(BATCH)
            folder = stage / table / partition_dir(year)
            folder.mkdir()
            with pq.ParquetWriter(folder / "part-0.parquet", schema) as writer:
                for batch in reader:
                    writer.write_batch(batch.cast(schema) if batch.schema != schema else batch)


def _export(con: duckdb.DuckDBPyConnection, stage: Path, bom: bool) -> dict[str, list[str]]:
    """Parquet partitions (in a thread, on its own cursor) while this thread writes the CSV files: the
    Parquet side runs mostly in DuckDB and Arrow with the GIL released, the CSV side in Python."""
    with ThreadPoolExecutor(1) as pool:
        parquet = pool.submit(_write_parquet, con.cursor(), stage)
        try:
            csv_files = write_csvs(con, stage / "csv", bom)
        finally:
            parquet.result()
    return csv_files


def _add_reference_tables(con: duckdb.DuckDBPyConnection, stage: Path) -> None:
    """``catalogue`` and ``comparable`` (DuckDB tables and ``<table>/part-0.parquet``), the view ``measures``."""
    for table, rows in (("catalogue", catalogue_rows()), ("comparable", comparable_rows())):
        con.execute(create_table_sql(table))
        schema = arrow_schema(table)
        arrow = pa.Table.from_batches([record_batch([tuple(r[c] for c in schema.names) for r in rows], schema)])
        con.register("_batch", arrow)
        con.execute(f"INSERT INTO {quote(table)} SELECT * FROM _batch")
        con.unregister("_batch")
        (stage / table).mkdir()
        pq.write_table(arrow, stage / table / "part-0.parquet")
    con.execute(measures_view_sql())


def _drop_cached_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """Write the staging tables to disk and drop the blocks DuckDB keeps cached from the load: it evicts
    only under its memory limit, so without this the exports started with every block written so far
    in memory (12 MB at 5,000 reports, 3 MB at 1,000). Only a cache: the tables and exports are the same."""
    con.execute("CHECKPOINT")
    with suppress(duckdb.OutOfMemoryException):   # something still pinned: the cache is partly dropped
        con.execute(f"SET memory_limit = '{EVICT_MEMORY}'")   # evicts unpinned blocks down to the limit


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    by_status = {"ok": 0, "partial": 0, "failed": 0}
    for status, n in con.execute("SELECT status, count(*) FROM reports GROUP BY status").fetchall():
        by_status[status] = n
    rows = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # type: ignore[index]
    return by_status, rows


def _swap_in(stage: Path, out: Path) -> None:
    """Replace each output by its staged version: rename aside, rename in, then delete the old."""
    trash = stage.parent / (stage.name + "-old")
    trash.mkdir(exist_ok=True)
    for name in OUTPUTS:
        staged = stage / name
        if not staged.exists():
            continue
        target = out / name
        if target.exists():
            os.replace(target, trash / name)
        os.replace(staged, target)
    shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)


def sql_string(text: str) -> str:
    """A SQL string literal. ::

        >>> sql_string("it's")
        "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def consolidate(journal: Journal, fingerprint: str, out: Path, manifest: Manifest | None, bom: bool,
                run_info: dict[str, Any]) -> DatasetSummary:
    work = out / ".work"
    stage = work / "stage"
    for old in (stage, work / "stage-old"):
        shutil.rmtree(old, ignore_errors=True)
    stage.mkdir(parents=True)
    con = duckdb.connect(str(stage / DUCKDB_NAME))
    try:
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        con.execute("SET threads = 1")   # one pipeline: every export keeps insertion order
        con.execute("SET enable_progress_bar = false")   # ogi convert reports its own progress
        con.execute("SET temp_directory = " + sql_string(str(stage / "spill")))   # any --out path, quotes too
        for table in TABLES:
            con.execute(create_table_sql(table))
        _load_rows(con, journal, fingerprint, manifest)
        n_cross = _add_cross_year(con)
        con.execute(create_view_sql())
        _add_reference_tables(con, stage)
        by_status, rows = _counts(con)
        meta = {
            "schema_version": SCHEMA_VERSION, "tables": list(TABLES), "partitioned_by": PARTITION,
            "n_inputs": sum(by_status.values()), "by_status": by_status, "rows": rows,
            "cross_year_findings": n_cross, "code_fingerprint": fingerprint, "run": run_info,
        }
        con.execute("CREATE TABLE dataset_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.executemany("INSERT INTO dataset_meta VALUES (?, ?)",
                        [("schema_version", str(SCHEMA_VERSION)), ("code_fingerprint", fingerprint)])
        _drop_cached_blocks(con)
        con.execute(f"SET memory_limit = '{EXPORT_MEMORY}'")
        csv_files = _export(con, stage, bom)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    (stage / META_NAME).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    package = datapackage({t: [f"csv/{p}" for p in paths] for t, paths in csv_files.items()})
    (stage / PACKAGE_NAME).write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(stage / "spill", ignore_errors=True)
    _swap_in(stage, out)
    paths = {name: str(out / name) for name in OUTPUTS}
    return DatasetSummary(out, meta["n_inputs"], by_status, rows, paths)  # type: ignore[arg-type]
