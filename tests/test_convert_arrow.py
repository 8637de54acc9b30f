"""The buffer-built Arrow columns equal pyarrow's own conversion, NULLs and edge values included."""

from __future__ import annotations

import subprocess
import sys

import pyarrow as pa
import pytest

from ogi.convert.arrow import column_array, record_batch
from ogi.convert.tables import arrow_schema

CASES = [
    (pa.string(), ["a", None, "", "统计表 ✓", "x" * 1000, None, None, None, "末"]),
    (pa.string(), [None] * 9),
    (pa.string(), []),
    (pa.int32(), [0, None, -5, 2**31 - 1, -(2**31), None, 7, 8, 9, 10]),
    (pa.int64(), [2**40, None, 0]),
    (pa.float64(), [1.5, None, 13.0, -0.0, 1e300, 0.1 + 0.2, 3]),
    (pa.float64(), [None]),
    (pa.list_(pa.string()), [["a/b/c", "d/e/f"], [], None, ["统计"], None, [""], ["x"] * 20]),
]


@pytest.mark.parametrize(("type_", "values"), CASES, ids=[f"{t}-{len(v)}" for t, v in CASES])
def test_column_equals_pa_array(type_: pa.DataType, values: list[object]) -> None:
    built = column_array(values, type_)
    built.validate(full=True)
    expected = pa.array(values, type=type_)
    assert built.equals(expected)
    assert built.null_count == expected.null_count
    assert built.to_pylist() == values


def test_wrong_type_raises() -> None:
    with pytest.raises(TypeError):
        column_array(["1.5"], pa.float64())
    with pytest.raises(TypeError):
        column_array([1.5], pa.int32())


def test_record_batch_of_a_dataset_table() -> None:
    schema = arrow_schema("findings")
    rows = [("r1", 0, "H1", "error", "requests", None, ["requests/a/b"], "msg", 3, 1.0, None),
            ("r1", 1, "x", "info", None, "col", [], "m2", None, None, 2.5)]
    batch = record_batch(rows, schema)
    expected = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=schema)
    assert pa.Table.from_batches([batch]).equals(expected)
    assert batch.schema.metadata == schema.metadata
    assert record_batch([], schema).num_rows == 0


def test_no_pandas_import() -> None:
    code = ("import sys; from ogi.convert.arrow import record_batch; from ogi.convert.tables import arrow_schema; "
            "record_batch([('r', None, 'x', 'warning', None, None, ['a'], 'm', 1, 2.0, None)], "
            "arrow_schema('findings')); print('pandas' in sys.modules, 'pyarrow' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False True\n"
