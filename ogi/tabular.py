"""Flat rows for the four output tables, with their column order written down once.

Every writer (CSV, JSON, Parquet, DuckDB, PostgreSQL) and the DataFrame API use these
functions, so a column means the same thing everywhere. ``value`` is a number or ``None``;
``cells`` in findings is the cell keys joined with ``;``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ogi.schemas import Report

Row = dict[str, Any]


def content_id(path: str | Path) -> str:
    """``report_id``: the first 16 hex digits of the sha256 of the file's bytes (as ``ogi convert`` uses)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]

REPORT_COLUMNS = (
    "report_id", "source", "file_name", "format", "status", "message", "agency", "agency_source",
    "year", "year_source", "region", "title", "template_active_disclosure", "template_requests",
    "template_review_litigation", "n_cells", "n_findings", "pages",
)
CELL_COLUMNS = (
    "report_id", "table", "row", "column", "value", "raw", "unit", "note", "template", "page",
    "match_score", "label",
)
SECTION_COLUMNS = ("report_id", "section", "heading", "text", "page")
FINDING_COLUMNS = (
    "report_id", "code", "severity", "table", "scope", "cells", "message", "page", "published", "expected",
)


def report_row(report: Report, report_id: str = "", message: str = "") -> Row:
    m = report.metadata
    return {
        "report_id": report_id,
        "source": report.source,
        "file_name": Path(report.source).name,
        "format": report.format,
        "status": report.status.value,
        "message": message,
        "agency": m.agency,
        "agency_source": m.agency_source,
        "year": m.year,
        "year_source": m.year_source,
        "region": m.region,
        "title": m.title,
        "template_active_disclosure": report.template("active_disclosure"),
        "template_requests": report.template("requests"),
        "template_review_litigation": report.template("review_litigation"),
        "n_cells": len(report.cells),
        "n_findings": len(report.findings),
        "pages": report.pages,
    }


def cell_rows(report: Report, report_id: str = "") -> list[Row]:
    return [
        {
            "report_id": report_id,
            "table": c.table,
            "row": c.row,
            "column": c.column,
            "value": c.value,
            "raw": c.raw,
            "unit": c.unit,
            "note": c.note,
            "template": c.template,
            "page": c.page,
            "match_score": round(c.match_score, 1),
            "label": c.label,
        }
        for c in report.cells
    ]


def section_rows(report: Report, report_id: str = "") -> list[Row]:
    return [
        {"report_id": report_id, "section": s.key, "heading": s.heading, "text": s.text, "page": s.page}
        for s in report.sections
    ]


def finding_rows(report: Report, report_id: str = "") -> list[Row]:
    return [
        {
            "report_id": report_id,
            "code": f.code,
            "severity": f.severity.value,
            "table": f.table,
            "scope": f.scope,
            "cells": ";".join(f.cells),
            "message": f.message,
            "page": f.page,
            "published": f.published,
            "expected": f.expected,
        }
        for f in report.findings
    ]
