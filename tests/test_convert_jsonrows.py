"""Child rows read by DuckDB from payload JSON (:mod:`ogi.convert.jsonrows`) equal the Python path's."""

from __future__ import annotations

import json
import random
import struct
import zlib
from typing import Any

import duckdb
import pytest

from ogi.convert.jsonrows import CHILD_TABLES, NUMBERED, ChildRows, unpack_report
from ogi.convert.payload import Payload, pack, unpack
from ogi.convert.rows import child_columns
from ogi.convert.serial import Serial
from ogi.convert.tables import COLUMNS, create_table_sql, quote

TEXTS = ["", "统计 ✓", 'say "hi", ok', "a\nb\\c\u0000d", "x" * 3000, "\u2028", "1e5", "null"]


def _float(rng: random.Random) -> float | int | None:
    pick = rng.random()
    if pick < 0.2:
        return None
    if pick < 0.4:
        return rng.randint(-10**6, 10**6)
    if pick < 0.5:
        return rng.choice([0.0, -0.0, 5e-324, 1e20, 2.0**63, 1.7976931348623157e308, 10**25])
    value = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    return value if value == value and abs(value) != float("inf") else 1.5


def _text(rng: random.Random) -> str | None:
    return None if rng.random() < 0.2 else rng.choice(TEXTS)


def _payload(rng: random.Random, n: int) -> Payload:
    cells = [["requests", _text(rng), _text(rng), _float(rng), _text(rng), _text(rng), _text(rng), "2021",
              rng.choice([None, 3]), _float(rng), _text(rng), "label", _float(rng)] for _ in range(n)]
    sections = [["overview", _text(rng), _text(rng), rng.choice([None, 1])] for _ in range(rng.randint(0, 3))]
    findings = [["H1", "error", _text(rng), _text(rng), rng.choice([None, [], ["a/b/c", 'x,"y']]), _text(rng),
                 None, _float(rng), _float(rng)] for _ in range(rng.randint(0, 2))]
    return Payload({"n_cells": n}, cells, sections, findings)


def _empty_tables() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for t in CHILD_TABLES:
        con.execute(create_table_sql(t))
    return con


def _tables(blobs: list[tuple[str, bytes]], use_duckdb: bool) -> dict[str, list[tuple[Any, ...]]]:
    """The child tables of ``blobs`` (report id, packed payload) read by DuckDB, or row by row in Python."""
    con = _empty_tables()
    reports: list[object] = []
    serial = Serial(con)
    rows = ChildRows(serial, {"cells": 50, "sections": 5, "findings": 3}, reports.append, lambda: None, split=4)
    for rid, blob in blobs:
        if use_duckdb:
            rows.add((rid,), rid, unpack_report(blob)[1])
            continue
        payload = unpack(blob)
        for t in CHILD_TABLES:
            cols = child_columns(rid, getattr(payload, t), len(COLUMNS[t]), NUMBERED[t])
            if cols is not None:
                rows._insert_columns(t, [cols])
    rows.finish()
    serial.finish()
    assert reports == ([(rid,) for rid, _ in blobs] if use_duckdb else [])
    return {t: con.execute(f"SELECT * FROM {quote(t)}").fetchall() for t in CHILD_TABLES}


def _blobs(seed: int, count: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    return [(f"r{i:03d}", pack(_payload(rng, rng.randint(0, 30)))) for i in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duckdb_rows_equal_python_rows(seed: int) -> None:
    blobs = _blobs(seed, 25)
    got, expected = _tables(blobs, True), _tables(blobs, False)
    for t in CHILD_TABLES:
        assert len(got[t]) == len(expected[t])
        assert [repr(r) for r in got[t]] == [repr(r) for r in expected[t]], t   # repr: -0.0 and 0.0 differ


def test_nan_document_read_in_python_in_its_place() -> None:
    blobs = _blobs(7, 6)
    nan_doc = pack(Payload({}, [["requests", "a", "b", float("nan"), "NaN", None, None, "2021", None, 1.0, "x",
                                 "label", None]]))
    blobs.insert(3, ("r100", nan_doc))
    got, expected = _tables(blobs, True), _tables(blobs, False)
    assert [r[0] for r in got["cells"]] == [r[0] for r in expected["cells"]]
    assert repr(got["cells"]) == repr(expected["cells"])


def test_wrong_width_raises_as_python_does() -> None:
    serial = Serial(_empty_tables())
    rows = ChildRows(serial, {t: 1 for t in CHILD_TABLES}, lambda row: None, lambda: None)
    rows.add(("r1",), "r1", unpack_report(pack(Payload({}, [["requests", "a"]])))[1])
    rows.finish()
    with pytest.raises(ValueError, match="fields, expected"):
        serial.finish()


def test_unpack_report_equals_unpack() -> None:
    blobs = [*_blobs(4, 5), ("odd", zlib.compress(json.dumps({"cells": [[1.5]], "report": {"a": 1}, "sections": [], "findings": []}).encode()))]
    for _, blob in blobs:
        report, (cells, sections, findings) = unpack_report(blob)
        payload = unpack(blob)
        assert report == payload.report
        assert json.loads(cells) == payload.cells if isinstance(cells, bytes) else cells == payload.cells
        assert (sections, findings) == (payload.sections, payload.findings)
    assert isinstance(unpack_report(blobs[0][1])[1][0], bytes)
    assert not isinstance(unpack_report(blobs[-1][1])[1][0], bytes)   # another key order: parsed in Python
