"""``ogi load DIR --postgres URL``: the dataset's tables into PostgreSQL, idempotently.

``reports`` is keyed by content (``report_id``): one row per content, its ``sources`` column lists
every path it was found under (``source`` is the canonical one of the latest load), so the same
files converted as ``a/x.pdf`` and ``/abs/a/x.pdf`` give one report. ``cells``, ``sections`` and
``findings`` reference it (foreign keys, ``ON DELETE CASCADE``); ``catalogue`` and ``comparable``
are the reference tables. Every table and column carries a ``COMMENT`` from :mod:`ogi.tabular`.

In one transaction: create what is missing, copy DIR's rows into temporary tables, take DIR's
sources out of every report's ``sources``, upsert DIR's reports (adding DIR's sources), replace the
child rows of DIR's reports, and delete the reports no source refers to any more (a source whose
content changed). Reports of other datasets stay. Loading the same DIR again leaves the same rows.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import psycopg

from ogi.convert.consolidate import DUCKDB_NAME
from ogi.convert.tables import PRIMARY_KEYS, SCHEMA_VERSION, create_table_sql, quote
from ogi.tabular import ALL_TABLES, COLUMNS, REFERENCE_TABLES, SPECS, TABLE_TITLES, TABLES

INDEXES = (
    ("reports", ("year",)), ("reports", ("agency",)), ("reports", ("source",)),
    ("cells", ("table", "row", "column")), ("findings", ("code",)),
)
CHILDREN = ("cells", "sections", "findings")
BATCH = 10_000
SOURCES_COMMENT = "来源路径（全部）: every path this content was found under, sorted"


class LoadError(Exception):
    pass


def _ddl(table: str) -> list[str]:
    create = create_table_sql(table, "postgres").replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
    keys = ("report_id",) if table == "reports" else PRIMARY_KEYS[table]
    extra = ", sources TEXT[] NOT NULL" if table == "reports" else ""
    fk = (', FOREIGN KEY (report_id) REFERENCES reports (report_id) ON DELETE CASCADE'
          if table in CHILDREN else "")
    sql = [create[:-1] + f"{extra}, PRIMARY KEY ({', '.join(quote(c) for c in keys)}){fk})"]
    title, description = TABLE_TITLES[table]
    sql.append(f"COMMENT ON TABLE {quote(table)} IS {_literal(f'{title}: {description}')}")
    sql += [f"COMMENT ON COLUMN {quote(table)}.{quote(c.name)} IS {_literal(f'{c.title}: {c.description}')}"
            for c in SPECS[table]]
    if table == "reports":
        sql.append(f"COMMENT ON COLUMN reports.sources IS {_literal(SOURCES_COMMENT)}")
    return sql


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
    stage = quote("stage_" + table)
    pg.execute(create_table_sql(table, "postgres", "stage_" + table).replace("CREATE TABLE", "CREATE TEMP TABLE", 1)
               + " ON COMMIT DROP")
    cur = con.execute(f"SELECT {cols} FROM {quote(table)}")
    n = 0
    with pg.cursor().copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
        while rows := cur.fetchmany(BATCH):
            for row in rows:
                copy.write_row(row)
            n += len(rows)
    return n


def _replace_rows(pg: psycopg.Connection) -> None:
    cols = ", ".join(quote(c) for c in COLUMNS["reports"])
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in COLUMNS["reports"] if c != "report_id")
    pg.execute("UPDATE reports SET sources = ARRAY(SELECT s FROM unnest(sources) s WHERE s NOT IN "
               "(SELECT source FROM stage_reports) ORDER BY s) "
               "WHERE sources && ARRAY(SELECT source FROM stage_reports)")
    pg.execute(
        f"INSERT INTO reports ({cols}, sources) "
        f"SELECT {', '.join('r.' + quote(c) for c in COLUMNS['reports'])}, "
        "ARRAY(SELECT s.source FROM stage_reports s WHERE s.report_id = r.report_id ORDER BY s.source) "
        "FROM stage_reports r WHERE r.duplicate_of IS NULL "
        f"ON CONFLICT (report_id) DO UPDATE SET {updates}, sources = ARRAY(SELECT DISTINCT s FROM "
        "unnest(reports.sources || excluded.sources) s ORDER BY s)"
    )
    for table in CHILDREN:
        pg.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT report_id FROM stage_reports)")
        pg.execute(f"INSERT INTO {table} SELECT * FROM {quote('stage_' + table)}")
    pg.execute("DELETE FROM reports WHERE cardinality(sources) = 0")   # children go with them (cascade)
    pg.execute("UPDATE reports SET source = sources[1], file_name = regexp_replace(sources[1], '^.*[/!]', ''), "
               "duplicate_of = NULL WHERE NOT (source = ANY(sources))")   # its canonical path was taken away
    for table in REFERENCE_TABLES:
        pg.execute(f"DELETE FROM {table}")
        pg.execute(f"INSERT INTO {table} SELECT * FROM {quote('stage_' + table)}")


def load_dataset(dataset: Path, url: str) -> dict[str, int]:
    """Load DIR into the database at ``url``; returns rows loaded per table."""
    db = dataset / DUCKDB_NAME
    if not db.is_file():
        raise LoadError(f"{dataset}: no {DUCKDB_NAME}; is this a folder made by `ogi convert`?")
    con = duckdb.connect(str(db), read_only=True)
    try:
        with psycopg.connect(url, connect_timeout=10) as pg, pg.transaction():
            _check_version(con, pg)
            for table in ALL_TABLES:
                for sql in _ddl(table):
                    pg.execute(sql)
            for table, cols in INDEXES:
                pg.execute(_index_sql(table, cols))
            counts = {table: _copy(con, pg, table) for table in ALL_TABLES}
            _replace_rows(pg)
    finally:
        con.close()
    return {t: counts[t] for t in TABLES} | {t: counts[t] for t in REFERENCE_TABLES}
