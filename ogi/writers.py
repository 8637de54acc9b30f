"""Write one Report as CSV files or JSON, following the conventions in the README:
UTF-8 (optionally with BOM), columns in the order of :mod:`ogi.tabular`, empty string for null,
rows in catalogue order, numbers without trailing zeros. Same input, byte-identical output."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ogi.atomic import atomic_open
from ogi.schemas import Report
from ogi.tabular import (
    CELL_COLUMNS,
    FINDING_COLUMNS,
    REPORT_COLUMNS,
    SECTION_COLUMNS,
    Row,
    cell_rows,
    finding_rows,
    report_row,
    section_rows,
)


def format_value(v: Any) -> str:
    """CSV spelling: '' for null, integers without '.0', floats in shortest round-trip form."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row], bom: bool = False) -> None:
    with atomic_open(path, encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([format_value(row.get(c)) for c in columns])


def write_report_csvs(report: Report, out_dir: Path, bom: bool = False, report_id: str = "") -> list[Path]:
    files = {
        "reports.csv": (REPORT_COLUMNS, [report_row(report, report_id)]),
        "cells.csv": (CELL_COLUMNS, cell_rows(report, report_id)),
        "sections.csv": (SECTION_COLUMNS, section_rows(report, report_id)),
        "findings.csv": (FINDING_COLUMNS, finding_rows(report, report_id)),
    }
    paths = []
    for name, (columns, rows) in files.items():
        path = out_dir / name
        write_csv(path, columns, rows, bom)
        paths.append(path)
    return paths


def report_to_json(report: Report, report_id: str = "") -> str:
    doc = {
        "report": report_row(report, report_id),
        "cells": cell_rows(report, report_id),
        "sections": section_rows(report, report_id),
        "findings": finding_rows(report, report_id),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
