"""CSV lines spelled in DuckDB (:mod:`ogi.convert.csvsql`) are the bytes :mod:`ogi.writers` gives, or NULL."""

from __future__ import annotations

import io
import random
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from ogi.convert.csvout import write_csvs
from ogi.convert.csvsql import field_sql, line_sql
from ogi.convert.tables import TABLES, create_table_sql, quote
from ogi.tabular import REFERENCE_TABLES, Kind, csv_columns
from ogi.writers import csv_writer, format_value

ALPHABET = ['a', ',', '"', '\n', '\r', ' ', ';', '统', '\t', "'", '\\', '\u2028', 'é', '0']


def _python_line(fields: list[object]) -> str:
    fh = io.StringIO()
    csv_writer(fh).writerow([format_value(v) for v in fields])
    return fh.getvalue()


def _floats(rng: random.Random, n: int) -> list[float | None]:
    bits = [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(n)]
    decimals = [round(rng.uniform(-1e7, 1e7), rng.randint(0, 6)) for _ in range(n)]
    edges = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 2.0**53, 2.0**53 + 2, 9.1e18, 2.0**63,
             1e16, 1e15, 1e-5, 1e-4, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 13.0, 0.5, None]
    return bits + decimals + edges


def _texts(rng: random.Random, n: int) -> list[str | None]:
    texts: list[str | None] = ["".join(rng.choices(ALPHABET, k=rng.randint(0, 6))) for _ in range(n)]
    return [*texts, None, ""]


def _lists(rng: random.Random, n: int) -> list[list[str | None] | None]:
    lists: list[list[str | None] | None] = [[t for t in _texts(rng, rng.randint(0, 2)) if t is not None] for _ in range(n)]
    return [*lists, None, [], ["a", None]]


def _spelled(kind: Kind, arrow: pa.DataType, values: list[object]) -> list[str | None]:
    con = duckdb.connect()
    data = pa.table({"v": pa.array(values, type=arrow)})   # noqa: F841 (read by the query below)
    return [r[0] for r in con.execute(f"SELECT {field_sql('v', kind)} FROM data").fetchall()]


GENERATORS: dict[str, tuple[pa.DataType, Callable[[random.Random, int], list[Any]]]] = {
    "float64": (pa.float64(), _floats), "string": (pa.string(), _texts), "list": (pa.list_(pa.string()), _lists),
}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_field_spelling_equals_python(kind: Kind) -> None:
    arrow, generate = GENERATORS[kind]
    values = generate(random.Random(15), 20_000)
    spelled = _spelled(kind, arrow, values)
    left_to_python = 0
    for value, field in zip(values, spelled, strict=True):
        if field is None:
            left_to_python += 1
            continue
        assert field + ",x\n" == _python_line([value, "x"]), value
    assert left_to_python < len(values) // 2


def test_left_to_python() -> None:
    """Exactly the values whose Python spelling SQL does not reproduce come back NULL."""
    assert _spelled("float64", pa.float64(), [2.0**63, -1e300, 2.0**62]) == [None, None, str(2**62)]
    assert _spelled("list", pa.list_(pa.string()), [["a", None], ["a", "b,c"]]) == [None, '"a;b,c"']


def test_integers_and_whole_line() -> None:
    con = duckdb.connect()
    rows = [("r1", 2023, 1.5, ["a", "b"], 'say "hi", ok'), (None, None, None, None, None)]
    found = pa.table({  # noqa: F841 (read by the query below)
        "report_id": pa.array([r[0] for r in rows], pa.string()), "year": pa.array([r[1] for r in rows], pa.int32()),
        "value": pa.array([r[2] for r in rows], pa.float64()),
        "cells": pa.array([r[3] for r in rows], pa.list_(pa.string())),
        "message": pa.array([r[4] for r in rows], pa.string()),
    })
    exprs = {"report_id": "report_id", "year": "year", "published": "value", "cells": "cells", "message": "message"}
    got = [r[0] for r in con.execute(f"SELECT {line_sql('findings', exprs)} FROM found").fetchall()]
    assert got == [_python_line(list(r)) for r in rows]


def test_write_csvs_spells_left_rows_in_python(tmp_path: Path) -> None:
    """A row SQL leaves to Python (a whole float past 2**63) is written in its place, as ``ogi.writers`` spells it."""
    con = duckdb.connect()
    for t in (*TABLES, *REFERENCE_TABLES):
        con.execute(create_table_sql(t))
    reports = ["r1", "r2"]
    con.executemany("INSERT INTO reports (report_id, source, agency, year) VALUES (?, ?, ?, ?)",
                    [(r, f"{r}.txt", "甲局, 乙", 2023) for r in reports])
    values = [1.0, 1e300, 0.25, -(2.0**70), 7.0]
    con.executemany('INSERT INTO cells (report_id, "table", "row", "column", value, raw) VALUES (?, ?, ?, ?, ?, ?)',
                    [(reports[i % 2], "requests", f"row{i}", "total", v, f'"{v}"') for i, v in enumerate(values)])
    written = write_csvs(con, tmp_path, bom=False, batch=2)
    assert written["cells"] == ["甲局, 乙/cells.csv"]
    text = (tmp_path / "甲局, 乙" / "cells.csv").read_text(encoding="utf-8")
    columns = csv_columns("cells")
    rows = con.execute(f"SELECT t.report_id, r.year, {', '.join('t.' + quote(c) for c in columns[2:])} "
                       "FROM cells t JOIN reports r USING (report_id)").fetchall()
    assert text == _python_line(list(columns)) + "".join(_python_line(list(r)) for r in rows)
    assert str(int(1e300)) in text
