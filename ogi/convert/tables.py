"""The dataset's tables as Arrow and SQL types, from the one layout in :mod:`ogi.tabular`.

Every column is described in ``docs/dataset.md`` and in ``datapackage.json``.
"""

from __future__ import annotations

import pyarrow as pa

from ogi.tabular import ALL_TABLES, COLUMNS, SPECS, TABLES, Kind, csv_columns

__all__ = ["ALL_TABLES", "COLUMNS", "PARTITION", "PRIMARY_KEYS", "SCHEMA_VERSION", "TABLES"]

SCHEMA_VERSION = 2
PARTITION = "year"

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "reports": ("source",),
    "cells": ("report_id", "table", "row", "column"),
    "sections": ("report_id", "seq"),
    "findings": ("report_id", "seq"),
    "catalogue": ("table", "row", "column", "template"),
    "comparable": ("measure", "table", "row", "column"),
}
_KIND: dict[str, Kind] = {c.name: c.kind for cols in SPECS.values() for c in cols}
_ARROW: dict[Kind, pa.DataType] = {
    "string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
    "list": pa.list_(pa.string()),
}
_SQL: dict[str, dict[Kind, str]] = {
    "duckdb": {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "float64": "DOUBLE",
               "list": "VARCHAR[]"},
    "postgres": {"string": "TEXT", "int32": "INTEGER", "int64": "BIGINT", "float64": "DOUBLE PRECISION",
                 "list": "TEXT[]"},
}


def arrow_type(column: str) -> pa.DataType:
    return _ARROW[_KIND[column]]


def sql_type(column: str, dialect: str = "duckdb") -> str:
    return _SQL[dialect][_KIND[column]]


def arrow_schema(table: str, file_layout: bool = False) -> pa.Schema:
    """The table's Arrow schema; ``file_layout`` is that of its Parquet and CSV files (the child
    tables carry the report's ``year`` after ``report_id``)."""
    meta = {b"ogi.schema_version": str(SCHEMA_VERSION).encode(), b"ogi.table": table.encode()}
    cols = csv_columns(table) if file_layout else COLUMNS[table]
    return pa.schema([pa.field(c, arrow_type(c)) for c in cols], metadata=meta)


def quote(name: str) -> str:
    """A SQL identifier (``table``, ``row`` and ``column`` are reserved words)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: str, dialect: str = "duckdb", name: str | None = None) -> str:
    cols = ", ".join(f"{quote(c)} {sql_type(c, dialect)}" for c in COLUMNS[table])
    return f"CREATE TABLE {quote(name or table)} ({cols})"
