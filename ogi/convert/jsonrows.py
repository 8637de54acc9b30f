"""The child rows of converted documents: the cells read by DuckDB straight from the payload JSON.

A payload (:mod:`ogi.convert.payload`) holds each child table as a JSON array of rows. Parsing the
cells in Python, transposing them and building Arrow columns was most of the load step of
consolidation; here Python parses only the ``report`` object, the sections and the findings (few
rows), and hands the bytes of each document's cells array to DuckDB, whose ``from_json`` reads every
field as text and casts it to the column's type (DuckDB keeps a JSON number's own text, so the cast
reads the digits Python's ``json`` read: the same double). Rows keep the order of the documents and
of each document's rows (the staging database runs one thread).

A batch that DuckDB refuses (a row of the wrong width, a value that does not cast) and cells with a
``NaN``/``Infinity`` token go through :func:`python_columns`, the Python path, which gives the same
rows or raises as it always did.
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
from ogi.convert.serial import Serial, insert_batch
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


COUNT_SQL = "SELECT json_array_length(rows) FROM _parts"   # rows in each document's JSON array


_REPORT_KEY = '{"report":'
_KEYS = {t: f',"{t}":' for t in CHILD_TABLES}
_DECODER = json.JSONDecoder()
Parts = tuple[Any, list[Any], list[Any]]   # cells (a JSON array's bytes, or rows), sections, findings


def unpack_report(blob: bytes) -> tuple[dict[str, Any], Parts]:
    """A payload's ``report`` object and its child rows: the cells as the bytes of their JSON array (for
    DuckDB), sections and findings parsed (few rows). Python parses what DuckDB should not read: a
    document of another shape, cells with a ``NaN``/``Infinity`` token. ::

        >>> from ogi.convert.payload import Payload, pack
        >>> unpack_report(pack(Payload({"n_cells": 1}, [["requests", 1]], [["overview", "h", "t", 1]])))
        ({'n_cells': 1}, (b'[["requests",1]]', [['overview', 'h', 't', 1]], []))
    """
    doc = zlib.decompress(blob)
    text = doc.decode()
    if text.startswith(_REPORT_KEY):
        report, end = _DECODER.raw_decode(text, len(_REPORT_KEY))
        # The last ',"sections":' is the top-level key: inside a JSON string every '"' is escaped.
        at = text.rfind(_KEYS["sections"])
        if text.startswith(_KEYS["cells"], end) and at > end:
            sections, after = _DECODER.raw_decode(text, at + len(_KEYS["sections"]))
            if text.startswith(_KEYS["findings"], after):
                findings, last = _DECODER.raw_decode(text, after + len(_KEYS["findings"]))
                cells = doc[len(text[:end].encode()) + len(_KEYS["cells"]):doc.rfind(_KEYS["sections"].encode())]
                if last == len(text) - 1 and text[last] == "}" and not any(t in cells for t in _NON_JSON):
                    return report, (cells, sections, findings)
    parsed = json.loads(text)
    return parsed["report"], (parsed["cells"], parsed["sections"], parsed["findings"])


def _text_array(values: Sequence[bytes]) -> pa.Array:
    """UTF-8 byte strings as an Arrow string column (no copy into Python ``str``)."""
    offsets = array("i", accumulate(map(len, values), initial=0))
    return pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets),
                                                            pa.py_buffer(b"".join(values))])


def _is_json(rows: Any) -> bool:
    return isinstance(rows, bytes)


def python_columns(table: str, rid: str, rows_json: bytes) -> Columns | None:
    """``table``'s rows of one document as columns, parsed in Python (the reference path)."""
    return child_columns(rid, json.loads(rows_json), len(COLUMNS[table]), NUMBERED[table])


@dataclass
class _Pending:
    """One table's rows waiting for the staging database: JSON arrays (one a document) and, for the
    rare document read in Python, columns; ``n`` rows in all."""

    json_rids: list[str] = field(default_factory=list)
    json_rows: list[bytes] = field(default_factory=list)
    columns: list[Columns] = field(default_factory=list)
    n: int = 0


class ChildRows:
    """Each input's ``reports`` row and its document's child rows, appended in the inputs' order with
    the statements of the Python path: each table's rows are appended when ``buffer`` rows are waiting,
    right after the input that reached it, the ``reports`` row of an input before its children. The
    same statements in the same order give the same storage layout, and so the same order of rows in
    every export (DuckDB's filtered scans and joins follow the row-group layout)."""

    def __init__(self, serial: Serial, buffer: dict[str, int], add_report: Callable[[Row], None],
                 flush_reports: Callable[[], None], split: int = 100) -> None:
        self.serial, self.buffer, self.split = serial, buffer, split
        self.add_report, self.flush_reports = add_report, flush_reports
        self.waiting: list[tuple[Row, str, Parts | None]] = []
        self.pending = {t: _Pending() for t in CHILD_TABLES}

    def add(self, report: Row, rid: str, parts: Parts | None) -> None:
        """``report`` (its ``reports`` row) and ``parts`` (:func:`unpack_report`; ``None``: no child rows)."""
        self.waiting.append((report, rid, parts))
        if len(self.waiting) >= self.split:
            self._split()

    def finish(self) -> None:
        self._split()
        self.flush_reports()
        for table in CHILD_TABLES:
            self._append(table)

    def _split(self) -> None:
        """Every waiting input's rows appended in order (the cells' JSON arrays counted by DuckDB)."""
        cells = [(rid, parts[0]) for _, rid, parts in self.waiting if parts is not None and _is_json(parts[0])]
        counts = iter(self._count([c for _, c in cells]))
        for report, rid, parts in self.waiting:
            self.add_report(report)
            if parts is None:
                continue
            for table, rows in zip(CHILD_TABLES, parts, strict=True):
                n = next(counts) if _is_json(rows) else len(rows)
                if n:
                    self._add(table, rid, rows, n)
        self.waiting = []

    def _count(self, arrays: list[bytes]) -> list[int]:
        if not arrays:
            return []
        batch = pa.RecordBatch.from_arrays([_text_array(arrays)], names=["rows"])

        def count(con: duckdb.DuckDBPyConnection) -> list[int]:
            con.register("_parts", batch)
            try:
                return [n or 0 for (n,) in con.execute(COUNT_SQL).fetchall()]
            finally:
                con.unregister("_parts")

        return self.serial.submit(count).result()

    def _add(self, table: str, rid: str, rows: Any, n: int) -> None:
        pending = self.pending[table]
        if _is_json(rows):
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
        rids, rows = pending.json_rids, pending.json_rows
        batch = pa.RecordBatch.from_arrays([column_array(rids, pa.string()), _text_array(rows)], names=["rid", "rows"])

        def insert(con: duckdb.DuckDBPyConnection) -> None:
            con.register("_parts", batch)
            try:
                con.execute(insert_sql(table))
            except duckdb.Error:   # refused whole (one statement): Python reads the same rows, or says why not
                columns = [c for rid, part in zip(rids, rows, strict=True)
                           if (c := python_columns(table, rid, part)) is not None]
                if columns:
                    insert_batch(con, table, _concat(table, columns))
            finally:
                con.unregister("_parts")

        self.serial.submit(insert)
        pending.json_rids, pending.json_rows = [], []

    def _insert_columns(self, table: str, parts: list[Columns]) -> None:
        if parts:
            self.serial.insert(table, _concat(table, parts))


def _concat(table: str, parts: list[Columns]) -> pa.RecordBatch:
    """Several documents' columns of ``table`` as one Arrow batch."""
    return columns_batch([[v for part in parts for v in part[i]] for i in range(len(COLUMNS[table]))],
                         arrow_schema(table))
