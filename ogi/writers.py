"""How the output layer spells values, and ``ogi extract``'s CSV files and JSON document.

CSV: UTF-8 (a BOM only when asked), a header row, ``,`` separators, ``"`` quoting where needed,
``\\n`` line ends, NULL as an empty field, numbers without trailing zeros, a list joined with ``;``.
``ogi convert``'s per-agency CSV uses the same :func:`csv_writer` and :func:`format_value`, so the
same report gives byte-identical rows. Same input, byte-identical output.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from ogi.atomic import atomic_open
from ogi.schemas import Report
from ogi.tabular import Row, cell_rows, csv_columns, finding_rows, report_row, section_rows

LINE_END = "\n"


def format_value(v: Any) -> str:
    """CSV spelling: '' for null, integers without '.0', floats in shortest round-trip form::

    >>> [format_value(v) for v in (None, 13.0, 0.5, 7, ["a/b/c", "d/e/f"], "x")]
    ['', '13', '0.5', '7', 'a/b/c;d/e/f', 'x']
    """
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    return str(v)


def csv_writer(fh: IO[str]) -> Any:
    return csv.writer(fh, lineterminator=LINE_END)


def csv_line(row: Row, columns: Sequence[str]) -> list[str]:
    return [format_value(row.get(c)) for c in columns]


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row], bom: bool = False) -> None:
    with atomic_open(path, encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv_writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(csv_line(row, columns))


def report_tables(report: Report, report_id: str | None = None, extra: Row | None = None) -> dict[str, list[Row]]:
    """The rows of one report per table; ``extra`` fills the reports row's per-file columns."""
    head = report_row(report, report_id) | (extra or {})
    year = {"year": report.metadata.year}
    return {
        "reports": [head],
        "cells": [r | year for r in cell_rows(report, report_id)],
        "sections": [r | year for r in section_rows(report, report_id)],
        "findings": [r | year for r in finding_rows(report, report_id)],
    }


def write_report_csvs(report: Report, out_dir: Path, bom: bool = False, report_id: str | None = None,
                      extra: Row | None = None) -> list[Path]:
    paths = []
    for table, rows in report_tables(report, report_id, extra).items():
        path = out_dir / f"{table}.csv"
        write_csv(path, csv_columns(table), rows, bom)
        paths.append(path)
    return paths


def report_to_json(report: Report, report_id: str | None = None, extra: Row | None = None) -> str:
    tables = report_tables(report, report_id, extra)
    doc = {
        "report": {c: tables["reports"][0].get(c) for c in csv_columns("reports")},
        **{t: [{c: r.get(c) for c in csv_columns(t)} for r in tables[t]] for t in ("cells", "sections", "findings")},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
