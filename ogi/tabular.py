"""The output layer's row layout, written down once: for each table of the dataset (``reports``,
``cells``, ``sections``, ``findings``, ``catalogue``) its columns in order, each with its type, a
Chinese title and a description.

Every writer (``ogi extract -o`` and ``--json``, the batch CSV/Parquet/DuckDB writers, the
PostgreSQL loader, ``datapackage.json``) and the DataFrame API take the layout and the rows from
here, so a column means and spells the same everywhere. Conventions:

- an absent value is ``None`` (NULL), never ``''``;
- ``value`` is a number or ``None``; ``year`` an integer or ``None``;
- a finding's ``cells`` is a list of cell keys (joined with ``;`` only in CSV).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ogi.schemas import Report

Row = dict[str, Any]
Kind = Literal["string", "int32", "int64", "float64", "list"]
TABLES = ("reports", "cells", "sections", "findings")
REFERENCE_TABLES = ("catalogue", "comparable")   # the same rows in every dataset, from schemas' catalogue
ALL_TABLES = (*TABLES, *REFERENCE_TABLES)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    title: str         # Chinese title (datapackage.json, COMMENT ON)
    description: str


def _cols(*specs: tuple[str, Kind, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


SPECS: dict[str, tuple[Column, ...]] = {
    "reports": _cols(
        ("report_id", "string", "报告编号", "first 16 hex digits of the sha256 of the file's bytes"),
        ("source", "string", "来源路径", "the input path as given (a zip member is archive.zip!/member)"),
        ("file_name", "string", "文件名", "last component of the path (of the member for a zip member)"),
        ("format", "string", "文件格式", "format recognised from the content (pdf, docx, html, text, ...)"),
        ("status", "string", "处理状态", "ok, partial or failed"),
        ("message", "string", "处理说明", "for failed: source and reason; otherwise a summary"),
        ("agency", "string", "报告机关", "the reporting agency"),
        ("agency_source", "string", "机关来源", "where agency came from (manifest, title, text, file_name)"),
        ("year", "int32", "报告年度", "the reporting year; NULL when not known"),
        ("year_source", "string", "年度来源", "where year came from"),
        ("region", "string", "地区", "region, where known"),
        ("title", "string", "标题", "the document's title"),
        ("template_active_disclosure", "string", "主动公开表模板", "template version of table 2 (2019, 2021)"),
        ("template_requests", "string", "依申请公开表模板", "template version of table 3 (2019, 2021)"),
        ("template_review_litigation", "string", "复议诉讼表模板", "template version of table 4"),
        ("n_cells", "int32", "单元格数", "rows of cells for this report"),
        ("n_findings", "int32", "问题数", "rows of findings for this report, cross-year findings included"),
        ("pages", "int32", "页数", "pages of the document, where the format has pages"),
        ("content_sha256", "string", "内容哈希", "sha256 of the file's bytes; NULL when it could not be read"),
        ("archive", "string", "压缩包", "for a zip member, the archive's path"),
        ("size_bytes", "int64", "文件大小", "size of the file or of the uncompressed member, in bytes"),
        ("duplicate_of", "string", "重复于", "the canonical source with the same content; NULL for that one"),
        ("error_type", "string", "错误类型", "for failed: the kind of failure (UnreadableFile, NotAReport, ...)"),
        ("url", "string", "网址", "from the manifest"),
    ),
    "cells": _cols(
        ("report_id", "string", "报告编号", "the report"),
        ("table", "string", "表", "active_disclosure, requests or review_litigation"),
        ("row", "string", "行", "canonical row key"),
        ("column", "string", "列", "canonical column key"),
        ("value", "float64", "数值", "the number as published; NULL for blank or not-applicable cells"),
        ("raw", "string", "原文", "the cell's text as printed; NULL when the cell is empty"),
        ("unit", "string", "单位", "unit stripped from the text (件, 万元, 元); NULL if none"),
        ("note", "string", "备注", "blank, not_applicable, converted_from_yuan or unparsed; NULL otherwise"),
        ("template", "string", "模板版本", "template version of the table (2019, 2021)"),
        ("page", "int32", "页码", "page of the cell, where the format has pages"),
        ("match_score", "float64", "匹配分", "label match score 0-100 (one decimal)"),
        ("label", "string", "行标签", "the printed row label that was matched"),
        ("placed_by", "string", "定位方式", "how the cell's place was fixed: label, order or identity"),
        ("confidence", "float64", "识别置信度", "OCR confidence 0-1 of the text; NULL when read from a text layer"),
    ),
    "sections": _cols(
        ("report_id", "string", "报告编号", "the report"),
        ("seq", "int32", "序号", "0-based order of the section in the report"),
        ("section", "string", "部分", "overview, active_disclosure, requests, review_litigation, problems, "
                                    "other_matters"),
        ("heading", "string", "标题", "the heading as printed"),
        ("text", "string", "正文", "the section's text"),
        ("page", "int32", "页码", "page where the section starts"),
    ),
    "findings": _cols(
        ("report_id", "string", "报告编号", "the report"),
        ("seq", "int32", "序号", "0-based order; cross-year findings follow the report's own"),
        ("code", "string", "问题代码", "stable code (H1..H5, likely_culprit, table_missing, ...)"),
        ("severity", "string", "严重程度", "error, warning or info"),
        ("table", "string", "表", "the table concerned, if any"),
        ("scope", "string", "范围", "which instance of a rule (column, row or proceeding key); NULL if none"),
        ("cells", "list", "单元格", "cell keys table/row/column (a list; joined with ; in CSV)"),
        ("message", "string", "说明", "one line for people"),
        ("page", "int32", "页码", "page, where known"),
        ("published", "float64", "公布值", "the value as published, for a numeric check"),
        ("expected", "float64", "期望值", "the value the check expected"),
    ),
    "catalogue": _cols(
        ("table", "string", "表", "active_disclosure, requests or review_litigation"),
        ("row", "string", "行", "canonical row key"),
        ("column", "string", "列", "canonical column key"),
        ("template", "string", "模板版本", "template version that has this cell (2019, 2021)"),
        ("row_label", "string", "行标签", "the row's printed Chinese label"),
        ("column_label", "string", "列标签", "the column's printed Chinese label"),
        ("row_group", "string", "分组", "the row's group (requests: outcome group), NULL if none"),
        ("kind", "string", "数值类型", "count, signed or money"),
        ("unit", "string", "单位", "件 for counts, 万元 for money"),
    ),
    "comparable": _cols(
        ("measure", "string", "可比指标", "a measure that means the same in the 2019 and 2021 templates"),
        ("measure_label", "string", "指标名称", "the measure's Chinese name"),
        ("table", "string", "表", "table of a cell summed into the measure"),
        ("row", "string", "行", "row key of that cell (in either template version)"),
        ("column", "string", "列", "column key of that cell"),
    ),
}
COLUMNS: dict[str, tuple[str, ...]] = {t: tuple(c.name for c in cols) for t, cols in SPECS.items()}
REPORT_COLUMNS, CELL_COLUMNS = COLUMNS["reports"], COLUMNS["cells"]
SECTION_COLUMNS, FINDING_COLUMNS = COLUMNS["sections"], COLUMNS["findings"]
KINDS: dict[tuple[str, str], Kind] = {(t, c.name): c.kind for t, cols in SPECS.items() for c in cols}
TABLE_TITLES = {
    "reports": ("报告", "one row per input file: status, metadata, template versions"),
    "cells": ("统计表单元格", "one row per canonical cell found in the three statistical tables"),
    "sections": ("正文部分", "the six sections of the report, with their text"),
    "findings": ("问题", "located problems: identity breaks, unplaced values, missing tables, ..."),
    "catalogue": ("指标目录", "every canonical cell of both template versions with its Chinese labels"),
    "comparable": ("跨版本可比指标", "the cells of each template version that make up a measure comparable "
                   "across versions (a sum where the versions split a group differently)"),
}


def csv_columns(table: str) -> tuple[str, ...]:
    """CSV adds the report's ``year`` after ``report_id`` in the child tables."""
    cols = COLUMNS[table]
    return cols if table in ("reports", *REFERENCE_TABLES) else (cols[0], "year", *cols[1:])


def content_id(path: str | Path) -> str:
    """``report_id``: the first 16 hex digits of the sha256 of the file's bytes (as ``ogi convert`` uses)."""
    return content_sha256(path)[:16]


def content_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _text(s: str | None) -> str | None:
    """Absent text is NULL."""
    return s if s else None


def report_row(report: Report, report_id: str | None = None, message: str | None = None) -> Row:
    m = report.metadata
    return {
        "report_id": report_id,
        "source": report.source,
        "file_name": Path(report.source).name,
        "format": _text(report.format),
        "status": report.status.value,
        "message": _text(message),
        "agency": _text(m.agency),
        "agency_source": _text(m.agency_source),
        "year": m.year,
        "year_source": _text(m.year_source),
        "region": _text(m.region),
        "title": _text(m.title),
        "template_active_disclosure": report.template("active_disclosure"),
        "template_requests": report.template("requests"),
        "template_review_litigation": report.template("review_litigation"),
        "n_cells": len(report.cells),
        "n_findings": len(report.findings),
        "pages": report.pages,
    }


def cell_rows(report: Report, report_id: str | None = None) -> list[Row]:
    return [
        {
            "report_id": report_id,
            "table": c.table,
            "row": c.row,
            "column": c.column,
            "value": c.value,
            "raw": _text(c.raw),
            "unit": _text(c.unit),
            "note": _text(c.note),
            "template": _text(c.template),
            "page": c.page,
            "match_score": round(c.match_score, 1),
            "label": _text(c.label),
            "placed_by": c.placed_by,
            "confidence": c.confidence,
        }
        for c in report.cells
    ]


def section_rows(report: Report, report_id: str | None = None) -> list[Row]:
    return [
        {"report_id": report_id, "seq": i, "section": s.key, "heading": _text(s.heading), "text": _text(s.text),
         "page": s.page}
        for i, s in enumerate(report.sections)
    ]


def finding_rows(report: Report, report_id: str | None = None) -> list[Row]:
    return [
        {
            "report_id": report_id,
            "seq": i,
            "code": f.code,
            "severity": f.severity.value,
            "table": _text(f.table),
            "scope": _text(f.scope),
            "cells": list(f.cells),
            "message": f.message,
            "page": f.page,
            "published": f.published,
            "expected": f.expected,
        }
        for i, f in enumerate(report.findings)
    ]
