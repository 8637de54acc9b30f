"""The child rows of converted documents, read by DuckDB straight from their payload JSON.

A payload (:mod:`ogi.convert.payload`) holds each child table as a JSON array of rows. Parsing it in
Python, transposing the rows and building Arrow columns was most of the load step of consolidation;
here the decompressed documents go to DuckDB as one text column and ``from_json`` unpacks them, each
row's fields read as text and cast to the column's type (DuckDB keeps a JSON number's own text, so
the cast reads the digits Python's ``json`` read: the same double). Rows keep the order of the
documents and of each document's rows (the staging database runs one thread).

A batch that DuckDB refuses (a row of the wrong width, a value that does not cast) and a document
with a ``NaN``/``Infinity`` token go through :func:`python_columns`, the Python path, which gives
the same rows or raises as it always did.
"""

from __future__ import annotations

import json
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import duckdb
import pyarrow as pa

from ogi.convert.arrow import column_array, columns_batch
from ogi.convert.rows import Columns, Row, child_columns
from ogi.convert.tables import COLUMNS, arrow_schema, quote
from ogi.tabular import KINDS

CHILD_TABLES = ("cells", "sections", "findings")
NUMBERED = {"cells": False, "sections": True, "findings": True}   # seq is the row's position
_NON_JSON = (b"NaN", b"Infinity")   # Python's json writes them; DuckDB would read them its own way
_CAST = {"string": "{}", "int32": "CAST({} AS INTEGER)", "int64": "CAST({} AS BIGINT)",
         "float64": "CAST({} AS DOUBLE)", "list": "CAST(CAST({} AS JSON) AS VARCHAR[])"}


def insert_sql(table: str, parts: str = "_parts") -> str:
    """``INSERT`` of every row of the JSON arrays in ``parts`` (columns ``rid``, ``rows``: one document's
    rows of ``table``), in their order."""
    columns = COLUMNS[table]
    numbered = NUMBERED[table]
    fields = columns[2:] if numbered else columns[1:]
    values = [_CAST[KINDS[(table, c)]].format(f"_r[{i}]") for i, c in enumerate(fields, start=1)]
    head = ["rid", "CAST(_seq AS INTEGER)"] if numbered else ["rid"]
    rows = "from_json(rows, '[[\"VARCHAR\"]]')"
    unnest = f"unnest({rows}) AS _r" + (f", generate_subscripts({rows}, 1) - 1 AS _seq" if numbered else "")
    check = f"CASE WHEN len(_r) = {len(fields)} THEN true ELSE error('payload row width') END"
    return (f"INSERT INTO {quote(table)} SELECT {', '.join(head + values)} "
            f"FROM (SELECT rid, {unnest} FROM {parts}) WHERE {check}")


_PATHS = ", ".join(f"'$.{t}'" for t in CHILD_TABLES)
# Each document's rows of each child table (a JSON array, NULL when absent) and their number.
SPLIT_SQL = ("SELECT " + ", ".join(f"_p[{i}], json_array_length(_p[{i}])" for i in range(1, len(CHILD_TABLES) + 1))
             + f" FROM (SELECT json_extract(doc, [{_PATHS}]) AS _p FROM _docs)")


_REPORT_KEY = '{"report":'
_DECODER = json.JSONDecoder()


def unpack_report(blob: bytes) -> tuple[dict[str, Any], bytes]:
    """A payload's ``report`` object, parsed alone (it comes first), and the whole JSON document (for
    DuckDB); the same object as :func:`ogi.convert.payload.unpack` gives. ::

        >>> from ogi.convert.payload import Payload, pack
        >>> unpack_report(pack(Payload({"n_cells": 1}, [["requests", 1]])))
        ({'n_cells': 1}, b'{"report":{"n_cells":1},"cells":[["requests",1]],"sections":[],"findings":[]}')
    """
    doc = zlib.decompress(blob)
    text = doc.decode()
    if text.startswith(_REPORT_KEY):
        report, _ = _DECODER.raw_decode(text, len(_REPORT_KEY))
    else:
        report = json.loads(text)["report"]
    return report, doc


def _text_array(values: Sequence[bytes]) -> pa.Array:
    """UTF-8 byte strings as an Arrow string column (no copy into Python ``str``)."""
    offsets = array("i", accumulate(map(len, values), initial=0))
    return pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets),
                                                            pa.py_buffer(b"".join(values))])


def python_columns(table: str, rid: str, rows_json: str) -> Columns | None:
    """``table``'s rows of one document as columns, parsed in Python (the reference path)."""
    return child_columns(rid, json.loads(rows_json), len(COLUMNS[table]), NUMBERED[table])


@dataclass
class _Pending:
    """One table's rows waiting for the staging database: JSON arrays (one a document) and, for the
    rare document read in Python, columns; ``n`` rows in all."""

    json_rids: list[str] = field(default_factory=list)
    json_rows: list[str] = field(default_factory=list)
    columns: list[Columns] = field(default_factory=list)
    n: int = 0


class ChildRows:
    """Each input's ``reports`` row and its document's child rows, appended in the inputs' order with
    the statements of the Python path: each table's rows are appended when ``buffer`` rows are waiting,
    right after the input that reached it, the ``reports`` row of an input before its children. The
    same statements in the same order give the same storage layout, and so the same order of rows in
    every export (DuckDB's filtered scans and joins follow the row-group layout)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, buffer: dict[str, int], add_report: Callable[[Row], None],
                 flush_reports: Callable[[], None], split: int = 100) -> None:
        self.con, self.buffer, self.split = con, buffer, split
        self.add_report, self.flush_reports = add_report, flush_reports
        self.waiting: list[tuple[Row, str, bytes | None]] = []
        self.pending = {t: _Pending() for t in CHILD_TABLES}

    def add(self, report: Row, rid: str, doc: bytes | None) -> None:
        """``report`` (its ``reports`` row) and ``doc`` (the payload document; ``None``: no child rows)."""
        self.waiting.append((report, rid, doc))
        if len(self.waiting) >= self.split:
            self._split()

    def finish(self) -> None:
        self._split()
        self.flush_reports()
        for table in CHILD_TABLES:
            self._append(table)

    def _split(self) -> None:
        """The waiting documents' rows of each table (JSON arrays cut out by DuckDB), then every waiting
        input's rows appended in order."""
        clean = [i for i, (_, _, doc) in enumerate(self.waiting)
                 if doc is not None and not any(token in doc for token in _NON_JSON)]
        parts = self._parts([self.waiting[i][1] for i in clean], [self.waiting[i][2] or b"" for i in clean])
        found = dict(zip(clean, parts, strict=True))
        for i, (report, rid, doc) in enumerate(self.waiting):
            self.add_report(report)
            if doc is None:
                continue
            for table, (rows, n) in zip(CHILD_TABLES, found.get(i) or self._python_parts(doc), strict=True):
                if n:
                    self._add(table, rid, rows, n)
        self.waiting = []

    def _parts(self, rids: list[str], docs: list[bytes]) -> list[list[tuple[Any, int]]]:
        if not docs:
            return []
        batch = pa.RecordBatch.from_arrays([_text_array([r.encode() for r in rids]), _text_array(docs)],
                                           names=["rid", "doc"])
        self.con.register("_docs", batch)
        try:
            flat = self.con.execute(SPLIT_SQL).fetchall()
        finally:
            self.con.unregister("_docs")
        return [[(row[2 * k], row[2 * k + 1] or 0) for k in range(len(CHILD_TABLES))] for row in flat]

    @staticmethod
    def _python_parts(doc: bytes) -> list[tuple[Any, int]]:
        parsed = json.loads(doc)
        return [(parsed[t], len(parsed[t])) for t in CHILD_TABLES]

    def _add(self, table: str, rid: str, rows: Any, n: int) -> None:
        pending = self.pending[table]
        if isinstance(rows, str):
            pending.json_rids.append(rid)
            pending.json_rows.append(rows)
        else:   # a document read in Python: what is waiting as JSON goes first
            self._append_json(table)
            cols = child_columns(rid, rows, len(COLUMNS[table]), NUMBERED[table])
            if cols is not None:
                pending.columns.append(cols)
        pending.n += n
        if pending.n >= self.buffer[table]:
            self._append(table)

    def _append(self, table: str) -> None:
        self._append_json(table)
        pending = self.pending[table]
        if pending.columns:
            self._insert_columns(table, pending.columns)
        self.pending[table] = _Pending()

    def _append_json(self, table: str) -> None:
        pending = self.pending[table]
        if not pending.json_rows:
            return
        if pending.columns:   # rows read in Python wait before these
            self._insert_columns(table, pending.columns)
            pending.columns = []
        batch = pa.RecordBatch.from_arrays([column_array(pending.json_rids, pa.string()),
                                            column_array(pending.json_rows, pa.string())], names=["rid", "rows"])
        self.con.register("_parts", batch)
        try:
            self.con.execute(insert_sql(table))
        except duckdb.Error:   # refused whole (one statement): Python reads the same rows, or says why not
            self._insert_columns(table, [c for rid, rows in zip(pending.json_rids, pending.json_rows, strict=True)
                                         if (c := python_columns(table, rid, rows)) is not None])
        finally:
            self.con.unregister("_parts")
        pending.json_rids, pending.json_rows = [], []

    def _insert_columns(self, table: str, parts: list[Columns]) -> None:
        if not parts:
            return
        columns = [[v for part in parts for v in part[i]] for i in range(len(COLUMNS[table]))]
        self.con.register("_batch", columns_batch(columns, arrow_schema(table)))
        try:
            self.con.execute(f"INSERT INTO {quote(table)} SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")
