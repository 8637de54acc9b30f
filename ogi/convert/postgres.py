"""``ogi load DIR --postgres URL``: the dataset's tables into PostgreSQL, idempotently.

In one transaction: create the tables (primary keys as in :mod:`ogi.convert.tables`) and
indexes if missing, copy DIR's rows into temporary tables, delete the ``reports`` rows of DIR's
sources and the child rows of DIR's report_ids, insert the new rows, and drop child rows that
no report refers to any more (a source whose content changed). Reports of other datasets stay.
Loading the same DIR again leaves exactly the same rows.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import psycopg

from ogi.convert.consolidate import DUCKDB_NAME
from ogi.convert.tables import COLUMNS, PRIMARY_KEYS, SCHEMA_VERSION, TABLES, create_table_sql, quote

INDEXES = (
    ("reports", ("report_id",)), ("reports", ("year",)), ("reports", ("agency",)),
    ("cells", ("table", "row", "column")), ("findings", ("code",)),
)
CHILDREN = ("cells", "sections", "findings")
BATCH = 10_000


class LoadError(Exception):
    pass


def _ddl(table: str) -> str:
    create = create_table_sql(table, "postgres").replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
    pk = ", ".join(quote(c) for c in PRIMARY_KEYS[table])
    return create[:-1] + f", PRIMARY KEY ({pk}))"


def _index_sql(table: str, cols: tuple[str, ...]) -> str:
    name = f"{table}_{'_'.join(cols)}_idx"
    return f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({', '.join(quote(c) for c in cols)})"


def _check_version(con: duckdb.DuckDBPyConnection, pg: psycopg.Connection) -> None:
    row = con.execute("SELECT value FROM dataset_meta WHERE key = 'schema_version'").fetchone()
    version = int(row[0]) if row else None
    if version != SCHEMA_VERSION:
        raise LoadError(f"dataset schema_version {version}, this ogi loads {SCHEMA_VERSION}")
    pg.execute("CREATE TABLE IF NOT EXISTS ogi_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    found = pg.execute("SELECT value FROM ogi_meta WHERE key = 'schema_version'").fetchone()
    if found is not None and int(found[0]) != SCHEMA_VERSION:
        raise LoadError(f"the database holds schema_version {found[0]}, the dataset {SCHEMA_VERSION}")
    pg.execute("INSERT INTO ogi_meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE "
               "SET value = excluded.value", (str(SCHEMA_VERSION),))


def _copy(con: duckdb.DuckDBPyConnection, pg: psycopg.Connection, table: str) -> int:
    cols = ", ".join(quote(c) for c in COLUMNS[table])
    pg.execute(f"CREATE TEMP TABLE {quote('stage_' + table)} (LIKE {quote(table)}) ON COMMIT DROP")
    cur = con.execute(f"SELECT {cols} FROM {quote(table)}")
    n = 0
    with pg.cursor().copy(f"COPY {quote('stage_' + table)} ({cols}) FROM STDIN") as copy:
        while rows := cur.fetchmany(BATCH):
            for row in rows:
                copy.write_row(row)
            n += len(rows)
    return n


def _replace_rows(pg: psycopg.Connection) -> None:
    pg.execute(
        "CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT DISTINCT report_id FROM reports "
        "WHERE source IN (SELECT source FROM stage_reports)"
    )
    pg.execute("DELETE FROM reports WHERE source IN (SELECT source FROM stage_reports)")
    for table in CHILDREN:
        pg.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT report_id FROM stage_reports)")
    for table in TABLES:
        pg.execute(f"INSERT INTO {table} SELECT * FROM {quote('stage_' + table)}")
    for table in CHILDREN:  # rows of reports that are no longer in the database (content changed)
        pg.execute(f"DELETE FROM {table} t WHERE t.report_id IN (SELECT report_id FROM gone) "
                   "AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.report_id = t.report_id)")


def load_dataset(dataset: Path, url: str) -> dict[str, int]:
    """Load DIR into the database at ``url``; returns rows loaded per table."""
    db = dataset / DUCKDB_NAME
    if not db.is_file():
        raise LoadError(f"{dataset}: no {DUCKDB_NAME}; is this a folder made by `ogi convert`?")
    con = duckdb.connect(str(db), read_only=True)
    try:
        with psycopg.connect(url) as pg, pg.transaction():
            _check_version(con, pg)
            for table in TABLES:
                pg.execute(_ddl(table))
            for table, cols in INDEXES:
                pg.execute(_index_sql(table, cols))
            counts = {table: _copy(con, pg, table) for table in TABLES}
            _replace_rows(pg)
    finally:
        con.close()
    return counts
