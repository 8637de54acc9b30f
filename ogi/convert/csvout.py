"""Per-agency CSV files ``csv/<agency>/<table>.csv`` (UTF-8, optionally with a BOM for Excel).

Rows of a report go to its agency's folder (``_unknown_agency`` when the agency is not known;
two agencies whose folder names coincide share the files); child tables carry the report's
``year`` after ``report_id``. NULL is an empty field; a header row, ``"`` quoting where needed,
CRLF line ends. Rows keep the dataset's order.
"""

from __future__ import annotations

import csv
import re
from collections import OrderedDict
from pathlib import Path
from typing import IO

import duckdb

from ogi.convert.tables import COLUMNS, TABLES, quote

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


def csv_columns(table: str) -> tuple[str, ...]:
    cols = COLUMNS[table]
    return cols if table == "reports" else (cols[0], "year", *cols[1:])


def _query(table: str) -> str:
    if table == "reports":
        cols = ", ".join(f"r.{quote(c)}" for c in COLUMNS[table])
        return f"SELECT r.agency AS _agency, {cols} FROM reports r"
    cols = ", ".join(f"t.{quote(c)}" for c in COLUMNS[table][1:])
    return (
        f"SELECT r.agency AS _agency, t.report_id, r.year, {cols} FROM {table} t "
        "JOIN reports r ON r.report_id = t.report_id AND r.duplicate_of IS NULL"
    )


class _Files:
    """The table's file in each agency folder; at most ``max_open`` open at once (least recently
    used closed first, reopened for appending), so memory and file handles stay bounded."""

    def __init__(self, root: Path, table: str, bom: bool, max_open: int = 64) -> None:
        self.root, self.table, self.bom, self.max_open = root, table, bom, max_open
        self.open: OrderedDict[str, tuple[IO[str], csv.DictWriter[str]]] = OrderedDict()
        self.started: set[str] = set()

    def writer_for(self, dirname: str) -> csv.DictWriter[str]:
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
        writer = csv.DictWriter(fh, fieldnames=csv_columns(self.table))
        if fresh:
            writer.writeheader()
            self.started.add(dirname)
        self.open[dirname] = (fh, writer)
        return writer

    def close(self) -> None:
        for fh, _ in self.open.values():
            fh.close()
        self.open.clear()


def write_csvs(con: duckdb.DuckDBPyConnection, root: Path, bom: bool, batch: int = 5_000) -> None:
    """Stream each table (insertion order, no sort) into its agencies' files."""
    root.mkdir(parents=True, exist_ok=True)
    dirnames: dict[str | None, str] = {}
    for table in TABLES:
        files = _Files(root, table, bom)
        try:
            for record_batch in con.sql(_query(table)).to_arrow_reader(batch):
                for rec in record_batch.to_pylist():
                    agency = rec.pop("_agency")
                    name = dirnames.get(agency)
                    if name is None:
                        name = dirnames[agency] = agency_dirname(agency)
                    files.writer_for(name).writerow(rec)
        finally:
            files.close()
