"""Per-agency CSV files ``csv/<agency>/<table>.csv`` (UTF-8, optionally with a BOM for Excel).

Rows of a report go to its agency's folder (``_unknown_agency`` when the agency is not known;
two agencies whose folder names coincide share the files); child tables carry the report's
``year`` after ``report_id``. Values are spelled by :mod:`ogi.writers` (the same as ``ogi extract
-o``): NULL an empty field, a header row, ``"`` quoting where needed, ``\\n`` line ends, numbers without
trailing zeros, lists joined with ``;``. Rows keep the dataset's order.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

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


def _query(table: str) -> str:
    if table == "reports":
        cols = ", ".join(f"r.{quote(c)}" for c in COLUMNS[table])
        return f"SELECT r.agency AS _agency, {cols} FROM reports r"
    return f"SELECT r.agency AS _agency, {child_select(table)}"


def child_select(table: str, where: str = "") -> str:
    """A child table's rows in the file layout (``year`` after ``report_id``), canonical paths only."""
    cols = ", ".join(f"t.{quote(c)}" for c in COLUMNS[table][1:])
    return (
        f"t.report_id, r.year, {cols} FROM {table} t "
        f"JOIN reports r ON r.report_id = t.report_id AND r.duplicate_of IS NULL {where}"
    )


class _Files:
    """The table's file in each agency folder; at most ``max_open`` open at once (least recently
    used closed first, reopened for appending), so memory and file handles stay bounded."""

    def __init__(self, root: Path, table: str, bom: bool, max_open: int = 64) -> None:
        self.root, self.table, self.bom, self.max_open = root, table, bom, max_open
        self.columns = csv_columns(table)
        self.open: OrderedDict[str, tuple[IO[str], Any]] = OrderedDict()
        self.started: set[str] = set()

    def writer_for(self, dirname: str) -> Any:
        found = self.open.get(dirname)
        if found is not None:
            self.open.move_to_end(dirname)
            return found[1]
        if len(self.open) >= self.max_open:
            _, (fh, _) = self.open.popitem(last=False)
            fh.close()
        folder = self.root / dirname
        folder.mkdir(parents=True, exist_ok=True)
        fresh = dirname not in self.started
        fh = (folder / f"{self.table}.csv").open("w" if fresh else "a", encoding="utf-8", newline="")
        if fresh and self.bom:
            fh.write("\ufeff")
        writer = csv_writer(fh)
        if fresh:
            writer.writerow(self.columns)
            self.started.add(dirname)
        self.open[dirname] = (fh, writer)
        return writer

    def close(self) -> None:
        for fh, _ in self.open.values():
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
    for table in TABLES:
        files = _Files(root, table, bom)
        try:
            for record_batch in con.sql(_query(table)).to_arrow_reader(batch):
                groups: dict[str, list[tuple[str, ...]]] = {}
                agencies = record_batch.column(0).to_pylist()
                for agency, row in zip(agencies, formatted_rows(record_batch, skip=1), strict=True):
                    name = dirnames.get(agency)
                    if name is None:
                        name = dirnames[agency] = agency_dirname(agency)
                    groups.setdefault(name, []).append(row)
                for name, rows in groups.items():   # each folder's rows keep their order
                    files.writer_for(name).writerows(rows)
        finally:
            files.close()
        written[table] = sorted(f"{d}/{table}.csv" for d in files.started)
    return written
