"""The stages, chained in one visible place::

    document → sections, segments → tables (rows) → cells → identities → Report
"""

from __future__ import annotations

from functools import cache

from ogi.normalize.active_table import parse_active
from ogi.normalize.cells import TableResult
from ogi.normalize.identities import check_identities
from ogi.normalize.locate import blocks_to_segments, segments_to_tables
from ogi.normalize.metadata import document_metadata
from ogi.normalize.narrative import narrative_findings
from ogi.normalize.ocr_misreads import find_misreads
from ogi.normalize.requests_table import parse_requests
from ogi.normalize.review_table import parse_review
from ogi.normalize.sections import blocks_to_sections, split_heading_rows
from ogi.schemas import (
    TABLE_KEYS,
    CellValue,
    Document,
    Finding,
    Report,
    Section,
    Severity,
    Status,
    TableInfo,
    cell_key,
    load_catalogue,
)


@cache
def _version_keys(table: str, template: str) -> frozenset[tuple[str, str]]:
    """The canonical cells of a table version (the catalogue's: read once); none for no version."""
    if template not in {v.version for v in load_catalogue().table(table).versions}:
        return frozenset()
    return frozenset(load_catalogue().cell_keys(table, template))


def _expected_keys(result: TableResult) -> set[tuple[str, str]]:
    """The canonical cells of the table's version; none when no row was placed (no version)."""
    keys = set(_version_keys(result.key, result.template))
    if not keys:
        return keys
    got_rows = {c.row for c in result.cells}
    if result.key == "requests" and "other" in got_rows:
        keys = {k for k in keys if not k[0].startswith("other_")} | {("other", c) for _, c in keys}
    return keys


def _table_info(result: TableResult) -> TableInfo:
    """A table with nothing placed claims no template (its version would rest on no printed row) and so no
    count of expected cells, as a table 二 with no row placed already does."""
    if not result.cells:
        return TableInfo(result.key, "", result.page, 0, 0)
    return TableInfo(result.key, result.template, result.page, len(result.cells), len(_expected_keys(result)))


def _coverage_findings(results: dict[str, TableResult]) -> list[Finding]:
    out: list[Finding] = []
    for key in TABLE_KEYS:
        result = results.get(key)
        if result is None:
            out.append(Finding("table_missing", Severity.ERROR, f"table {key} was not found", key))
            continue
        if not result.cells:
            out.append(Finding("table_missing", Severity.ERROR, f"table {key} was located but none of its values "
                               "could be placed (see the findings about its rows)", key))
            continue
        missing = sorted(_expected_keys(result) - {(c.row, c.column) for c in result.cells})
        if missing:
            cells = tuple(cell_key(key, r, c) for r, c in missing)
            out.append(Finding("cells_missing", Severity.WARNING,
                               f"{len(missing)} cells of the {result.template} {key} table were not found",
                               key, cells))
    return out


def _section_findings(sections: list[Section]) -> list[Finding]:
    found = {s.key for s in sections}
    return [
        Finding("section_missing", Severity.INFO, f"section {s.key} ({s.label}) was not found")
        for s in load_catalogue().sections if s.key not in found
    ]


def _status(results: dict[str, TableResult], findings: list[Finding]) -> Status:
    incomplete = {"table_missing", "cells_missing", "unplaced_row", "unparsed_value"}
    if any(f.code in incomplete for f in findings):
        return Status.PARTIAL
    return Status.OK


def document_to_report(doc: Document) -> Report:
    """Turn one Document into a Report: nothing here depends on the file format."""
    metadata = document_metadata(doc)
    blocks = split_heading_rows(doc.blocks)
    sections = blocks_to_sections(blocks)
    rows = segments_to_tables(blocks_to_segments(blocks))
    results: dict[str, TableResult] = {}
    if "active_disclosure" in rows:
        results["active_disclosure"] = parse_active(rows["active_disclosure"])
    if "requests" in rows:
        active = results.get("active_disclosure")
        results["requests"] = parse_requests(rows["requests"], active.template if active else None)
    if "review_litigation" in rows:
        version = (results.get("requests") or results.get("active_disclosure"))
        results["review_litigation"] = parse_review(
            rows["review_litigation"], version.template if version and version.template else "2019"
        )
    cells: list[CellValue] = [c for r in results.values() for c in r.cells]
    findings: list[Finding] = [f for r in results.values() for f in r.findings]
    requests = results.get("requests")
    findings += check_identities(cells, requests.template if requests else None)
    findings += find_misreads(cells, requests.template if requests else None)
    findings += narrative_findings(sections, cells)
    findings += _coverage_findings(results)
    findings += _section_findings(sections)
    findings += [_page_without_text(n, n in doc.pages_ocr) for n in doc.pages_without_text]
    if metadata.year is None or metadata.agency is None:
        missing = " and ".join(n for n, v in (("agency", metadata.agency), ("year", metadata.year)) if v is None)
        findings.append(Finding("metadata_missing", Severity.INFO, f"{missing} could not be determined"))
    tables = tuple(_table_info(results[k]) for k in TABLE_KEYS if k in results)
    return Report(
        doc.source, doc.format, metadata, tables, tuple(cells), tuple(sections), tuple(findings),
        _status(results, findings), doc.pages,
    )


def _page_without_text(page: int, ocr: bool) -> Finding:
    if ocr:
        return Finding("page_without_text", Severity.INFO,
                       f"page {page} has no usable text layer (image only): read by OCR, values carry its confidence",
                       page=page)
    return Finding("page_without_text", Severity.WARNING,
                   f"page {page} has no usable text layer (image only, or glyphs without Unicode): not read", page=page)
