"""The view of one report that every ``ogi show`` output draws: tables as printed, marks, findings."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import asdict
from typing import Any

from ogi.normalize.messages import BLANK_TOTAL, Lang, render, row_label, sides
from ogi.schemas import TABLE_KEYS, CellValue, Finding, Report, load_catalogue

LOW_CONFIDENCE = 0.8
FLAGGING = {"error", "warning"}


def cell_marks(c: CellValue, flagged: set[str], culprits: Set[str] = frozenset()) -> list[str]:
    """``flagged`` (named by an error or warning), ``culprit`` (the one cell that explains a row and a column
    failure), ``blank``, ``low_confidence`` (placed by order or identity rather than label, or low OCR confidence)."""
    marks = []
    if c.key in flagged:
        marks.append("flagged")
    if c.key in culprits:
        marks.append("culprit")
    if c.value is None:
        marks.append("blank")
    if c.placed_by != "label" or (c.confidence is not None and c.confidence < LOW_CONFIDENCE):
        marks.append("low_confidence")
    return marks


def _cell(c: CellValue | None, flagged: set[str], culprits: set[str]) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "key": c.key, "value": c.value, "raw": c.raw, "note": c.note, "page": c.page,
        "bbox": None if c.bbox is None else asdict(c.bbox), "placed_by": c.placed_by,
        "marks": cell_marks(c, flagged, culprits),
    }


def _table(report: Report, key: str, flagged: set[str], culprits: set[str]) -> dict[str, Any] | None:
    info = next((t for t in report.tables if t.key == key), None)
    if info is None:
        return None
    spec = load_catalogue().table(key).version(info.template or "2019")
    got = {(c.row, c.column): c for c in report.cells if c.table == key}
    printed_rows = {r for r, _ in got}
    rows = [r for r in spec.rows if r.key in printed_rows or not r.key.startswith("other_")]
    if key == "requests" and "other" in printed_rows and all(r.key != "other" for r in rows):
        rows = [r for r in rows if not r.key.startswith("other_")]
        rows.insert(next(i for i, r in enumerate(rows) if r.key == "total_processed"),
                    load_catalogue().table(key).version("2019").row("other"))
    columns = [c for c in spec.columns if any(c.key in r.columns for r in rows)]
    return {
        "key": key, "template": info.template, "page": info.page,
        "n_cells": info.n_cells, "n_expected": info.n_expected,
        "columns": [{"key": c.key, "label": c.label} for c in columns],
        "rows": [
            {"key": r.key, "label": row_label(key, r.key, info.template or "2019"),
             "cells": [_cell(got.get((r.key, c.key)), flagged, culprits) if c.key in r.columns else None
                       for c in columns]}
            for r in rows
        ],
    }


def _flagged_cells(f: Finding, by_key: dict[str, CellValue]) -> tuple[str, ...]:
    """The cells a finding puts in doubt: for a blank total, only its blank side."""
    if f.code != BLANK_TOTAL:
        return f.cells
    blank = [side for side in sides(f) if all(by_key.get(k) is None or by_key[k].value is None for k in side)]
    return blank[0] if blank else f.cells


def report_view(report: Report, lang: Lang = "zh") -> dict[str, Any]:
    """Everything a view shows, as plain data (this is also ``ogi show --json``)."""
    by_key = {c.key: c for c in report.cells}
    flagged = {k for f in report.findings if f.severity in FLAGGING for k in _flagged_cells(f, by_key)}
    m = report.metadata
    culprits = {k for f in report.findings if f.code == "likely_culprit" for k in f.cells}
    tables = [t for t in (_table(report, k, flagged, culprits) for k in TABLE_KEYS) if t is not None]
    return {
        "source": report.source, "format": report.format, "status": str(report.status), "pages": report.pages,
        "agency": m.agency, "year": m.year, "title": m.title,
        "tables": tables,
        "missing_tables": [k for k in TABLE_KEYS if all(t["key"] != k for t in tables)],
        "findings": [
            {"code": f.code, "severity": str(f.severity), "table": f.table, "scope": f.scope, "cells": list(f.cells),
             "page": f.page, "published": f.published, "expected": f.expected, "message": render(f, by_key, lang)}
            for f in report.findings
        ],
    }
