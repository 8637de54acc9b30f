"""The dataset's tables: columns, types and schema version, written down once.

The columns of ``ogi.tabular`` come first, in their order; the conversion adds per-path columns
to ``reports`` and an ordinal ``seq`` to ``sections`` and ``findings`` (their primary keys).
Every column is described in ``docs/dataset.md``.
"""

from __future__ import annotations

import pyarrow as pa

from ogi.tabular import CELL_COLUMNS, FINDING_COLUMNS, REPORT_COLUMNS, SECTION_COLUMNS

SCHEMA_VERSION = 1
TABLES = ("reports", "cells", "sections", "findings")
PARTITION = "year"

REPORT_EXTRA = ("content_sha256", "archive", "size_bytes", "duplicate_of", "error_type", "url")
INT32 = {"year", "n_cells", "n_findings", "pages", "page", "seq"}
INT64 = {"size_bytes"}
FLOAT = {"value", "match_score", "published", "expected"}

COLUMNS: dict[str, tuple[str, ...]] = {
    "reports": (*REPORT_COLUMNS, *REPORT_EXTRA),
    "cells": CELL_COLUMNS,
    "sections": (SECTION_COLUMNS[0], "seq", *SECTION_COLUMNS[1:]),
    "findings": (FINDING_COLUMNS[0], "seq", *FINDING_COLUMNS[1:]),
}
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "reports": ("source",),
    "cells": ("report_id", "table", "row", "column"),
    "sections": ("report_id", "seq"),
    "findings": ("report_id", "seq"),
}
def arrow_type(column: str) -> pa.DataType:
    if column in INT32:
        return pa.int32()
    if column in INT64:
        return pa.int64()
    if column in FLOAT:
        return pa.float64()
    return pa.string()


def sql_type(column: str, dialect: str = "duckdb") -> str:
    t = arrow_type(column)
    names = {
        pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
        pa.string(): "VARCHAR" if dialect == "duckdb" else "TEXT",
    }
    name = names[t]
    return "DOUBLE PRECISION" if dialect == "postgres" and name == "DOUBLE" else name


def arrow_schema(table: str, with_partition: bool = True) -> pa.Schema:
    cols = [c for c in COLUMNS[table] if with_partition or c != PARTITION]
    meta = {b"ogi.schema_version": str(SCHEMA_VERSION).encode(), b"ogi.table": table.encode()}
    return pa.schema([pa.field(c, arrow_type(c)) for c in cols], metadata=meta)


def quote(name: str) -> str:
    """A SQL identifier (``table``, ``row`` and ``column`` are reserved words)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: str, dialect: str = "duckdb", name: str | None = None) -> str:
    cols = ", ".join(f"{quote(c)} {sql_type(c, dialect)}" for c in COLUMNS[table])
    return f"CREATE TABLE {quote(name or table)} ({cols})"
