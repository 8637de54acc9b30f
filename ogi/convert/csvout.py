"""Per-agency CSV files ``csv/<agency>/<table>.csv`` (UTF-8, optionally with a BOM for Excel).

Rows of a report go to its agency's folder (``_unknown_agency`` when the agency is not known;
two agencies whose folder names coincide share the files); child tables carry the report's
``year`` after ``report_id``. Values are spelled as :mod:`ogi.writers` spells them (the same as ``ogi
extract -o``): NULL an empty field, a header row, ``"`` quoting where needed, ``\\n`` line ends, numbers
without trailing zeros, lists joined with ``;``. DuckDB builds each row's line (:mod:`ogi.convert.csvsql`)
and each run of one agency's rows is written as one byte range of the Arrow buffer; the rare row SQL
cannot spell is formatted in Python. Rows keep the dataset's order.
"""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow as pa
from pyarrow._compute import call_function

from ogi.convert.csvsql import line_sql
from ogi.convert.tables import COLUMNS, TABLES, quote
from ogi.tabular import REFERENCE_TABLES, csv_columns
from ogi.writers import csv_writer, format_value, write_csv

UNKNOWN = "_unknown_agency"
_BAD = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


def agency_dirname(agency: str | None) -> str:
    """A folder name for an agency::

    >>> agency_dirname("上海市/浦东新区: 人民政府"), agency_dirname(None), agency_dirname(" .. ")
    ('上海市_浦东新区_ 人民政府', '_unknown_agency', '_unknown_agency')
    """
    if agency is None:
        return UNKNOWN
    name = _BAD.sub("_", agency).strip(" .")[:80]
    return name or UNKNOWN


def _line_query(table: str) -> str:
    """Each row's agency, finished CSV line (NULL where Python must spell it, see :mod:`csvsql`) and rowid."""
    if table == "reports":
        exprs = {c: f"r.{quote(c)}" for c in COLUMNS[table]}
        source, rowid = "reports r", "r.rowid"
    else:
        exprs = {"report_id": "t.report_id", "year": "r.year"} | {c: f"t.{quote(c)}" for c in COLUMNS[table][1:]}
        source, rowid = f"{table} t {_CHILD_JOIN}", "t.rowid"
    return f"SELECT r.agency AS _agency, {line_sql(table, exprs)} AS _line, {rowid} AS _rowid FROM {source}"


_CHILD_JOIN = "JOIN reports r ON r.report_id = t.report_id AND r.duplicate_of IS NULL"


def child_select(table: str, where: str = "") -> str:
    """A child table's rows in the file layout (``year`` after ``report_id``), canonical paths only."""
    cols = ", ".join(f"t.{quote(c)}" for c in COLUMNS[table][1:])
    return f"t.report_id, r.year, {cols} FROM {table} t {_CHILD_JOIN} {where}"


def _python_lines(con: duckdb.DuckDBPyConnection, table: str, rowids: list[int]) -> dict[int, bytes]:
    """The CSV lines of the rows ``rowids`` spelled by :mod:`ogi.writers` (the few SQL leaves to Python)."""
    alias = "r" if table == "reports" else "t"
    where = f"WHERE {alias}.rowid IN ({', '.join(map(str, rowids))})"
    if table == "reports":
        sql = f"SELECT r.rowid, {', '.join(f'r.{quote(c)}' for c in COLUMNS[table])} FROM reports r {where}"
    else:
        sql = f"SELECT t.rowid, {child_select(table, where)}"
    found: dict[int, bytes] = {}
    for b in con.sql(sql).to_arrow_reader():
        for rowid, row in zip(b.column(0).to_pylist(), formatted_rows(b, skip=1), strict=True):
            fh = io.StringIO()
            csv_writer(fh).writerow(row)
            found[rowid] = fh.getvalue().encode()
    return found


class _Files:
    """The table's file in each agency folder; at most ``max_open`` open at once (least recently
    used closed first, reopened for appending), so memory and file handles stay bounded."""

    def __init__(self, root: Path, table: str, bom: bool, max_open: int = 64) -> None:
        self.root, self.table, self.bom, self.max_open = root, table, bom, max_open
        self.columns = csv_columns(table)
        self.open: OrderedDict[str, BinaryIO] = OrderedDict()
        self.started: set[str] = set()

    def file_for(self, dirname: str) -> BinaryIO:
        found = self.open.get(dirname)
        if found is not None:
            self.open.move_to_end(dirname)
            return found
        if len(self.open) >= self.max_open:
            _, old = self.open.popitem(last=False)
            old.close()
        folder = self.root / dirname
        folder.mkdir(parents=True, exist_ok=True)
        fresh = dirname not in self.started
        fh = (folder / f"{self.table}.csv").open("wb" if fresh else "ab")
        if fresh:
            head = io.StringIO()
            if self.bom:
                head.write("\ufeff")
            csv_writer(head).writerow(self.columns)
            fh.write(head.getvalue().encode())
            self.started.add(dirname)
        self.open[dirname] = fh
        return fh

    def close(self) -> None:
        for fh in self.open.values():
            fh.close()
        self.open.clear()


def _text(v: str | None) -> str:
    return "" if v is None else v


def _integer(v: int | None) -> str:
    return "" if v is None else str(v)


def _formatter(type_: pa.DataType) -> Callable[[Any], str]:
    """:func:`ogi.writers.format_value` for one Arrow column type (the same spelling, fewer checks)."""
    if pa.types.is_string(type_):
        return _text
    if pa.types.is_integer(type_):
        return _integer
    return format_value   # floats (integers without '.0') and lists (joined with ';')


def formatted_rows(batch: pa.RecordBatch, skip: int = 0) -> list[tuple[str, ...]]:
    """The batch's rows as CSV fields, formatted column by column (columns before ``skip`` left out)."""
    columns: list[Sequence[str]] = []
    for i in range(skip, batch.num_columns):
        fmt = _formatter(batch.schema.field(i).type)
        columns.append([fmt(v) for v in batch.column(i).to_pylist()])
    return list(zip(*columns, strict=True))


def _runs(agencies: pa.Array) -> tuple[list[str | None], list[int]]:
    """The batch's runs of one agency (a report's rows are consecutive): each run's agency and end."""
    runs = call_function("run_end_encode", [agencies])   # pyarrow.compute's own call, without that module's
    # import (40 ms CPU: it wraps and documents every kernel at import time)
    return runs.values.to_pylist(), runs.run_ends.to_pylist()


def _line_bytes(lines: pa.Array) -> tuple[memoryview, memoryview]:
    """The data buffer of a string array and its offsets (value i is ``data[offsets[i]:offsets[i + 1]]``)."""
    if not pa.types.is_string(lines.type):
        lines = lines.cast(pa.string())
    _, offsets, data = lines.buffers()
    offs = memoryview(offsets).cast("i")[lines.offset:lines.offset + len(lines) + 1]   # type: ignore[union-attr]
    return memoryview(data), offs   # type: ignore[arg-type]


def _write_batch(con: duckdb.DuckDBPyConnection, table: str, batch: pa.RecordBatch, files: _Files,
                 dirname: Callable[[str | None], str]) -> None:
    """One batch's lines into their agencies' files, each run of rows as one byte range."""
    agencies, ends = _runs(batch.column(0))
    lines = batch.column(1)
    if lines.null_count:
        _write_with_python_lines(con, table, batch, files, dirname, agencies, ends)
        return
    data, offs = _line_bytes(lines)
    start = 0
    for agency, end in zip(agencies, ends, strict=True):
        files.file_for(dirname(agency)).write(data[offs[start]:offs[end]])
        start = end


def _write_with_python_lines(con: duckdb.DuckDBPyConnection, table: str, batch: pa.RecordBatch, files: _Files,
                             dirname: Callable[[str | None], str], agencies: list[str | None],
                             ends: list[int]) -> None:
    texts = batch.column(1).to_pylist()
    rowids = batch.column(2).to_pylist()
    cursor = con.cursor()   # ``con`` is streaming the batches
    try:
        missing = _python_lines(cursor, table, [r for r, t in zip(rowids, texts, strict=True) if t is None])
    finally:
        cursor.close()
    encoded = [t.encode() if t is not None else missing[r] for r, t in zip(rowids, texts, strict=True)]
    start = 0
    for agency, end in zip(agencies, ends, strict=True):
        files.file_for(dirname(agency)).write(b"".join(encoded[start:end]))
        start = end


def write_csvs(con: duckdb.DuckDBPyConnection, root: Path, bom: bool, batch: int = 5_000) -> dict[str, list[str]]:
    """Stream each table (insertion order, no sort) into its agencies' files, and the reference tables
    into ``root/<table>.csv``; returns each table's files, relative to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[str]] = {}
    for table in REFERENCE_TABLES:
        columns = csv_columns(table)
        rows = con.sql(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}").fetchall()
        write_csv(root / f"{table}.csv", columns, (dict(zip(columns, r, strict=True)) for r in rows), bom)
        written[table] = [f"{table}.csv"]
    dirnames: dict[str | None, str] = {}

    def dirname(agency: str | None) -> str:
        name = dirnames.get(agency)
        if name is None:
            name = dirnames[agency] = agency_dirname(agency)
        return name

    for table in TABLES:
        files = _Files(root, table, bom)
        try:
            for record_batch in con.sql(_line_query(table)).to_arrow_reader(batch):
                if record_batch.num_rows:
                    _write_batch(con, table, record_batch, files, dirname)
        finally:
            files.close()
        written[table] = sorted(f"{d}/{table}.csv" for d in files.started)
    return written
