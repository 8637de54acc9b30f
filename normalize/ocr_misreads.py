"""Misreads caught by the identities: one low-confidence OCR cell whose one other value makes every identity hold.

Only cells read by OCR (``confidence`` set) below :data:`LOW_CONFIDENCE` are suspects. Where the failing
identities of a table can all be repaired by changing exactly one suspect, and that new value is a whole,
non-negative count, the reading is reported as an ``ocr_misread`` finding with the OCR text, its confidence
and the suggested value. The published (read) value stays unless the caller asks for corrections
(:func:`correct_report`, ``ogi extract --ocr-correct``); a corrected cell is marked in its note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ogi.normalize.identities import REQ, Failure, Grid, requests_failures, review_failures
from ogi.schemas import CellValue, Finding, Number, Report, Severity, cell_key

LOW_CONFIDENCE = 0.85  # OCR confidence below which a cell is a suspect
TABLES = (REQ, "review_litigation")


def _failures(table: str, grid: Grid, version: str) -> list[Failure]:
    return requests_failures(grid, version) if table == REQ else review_failures(grid)


def _repair(failures: Sequence[Failure], cell: tuple[str, str], grid: dict[tuple[str, str], Number | None],
            table: str, version: str) -> Number | None:
    """The one value of ``cell`` that makes every identity of the table hold, or None."""
    first = failures[0]
    own = grid.get(cell) or 0
    if cell in first.lhs:
        value = first.rhs_sum - (first.lhs_sum - own)
    elif cell in first.rhs:
        value = first.lhs_sum - (first.rhs_sum - own)
    else:
        return None
    if value < 0 or not float(value).is_integer():
        return None
    trial = {**grid, cell: int(value)}
    return int(value) if not _failures(table, trial, version) else None


def find_misreads(cells: Sequence[CellValue], requests_version: str | None) -> list[Finding]:
    """``ocr_misread`` findings: a low-confidence cell with exactly one repair that satisfies every identity."""
    found: list[Finding] = []
    for table in TABLES:
        mine = [c for c in cells if c.table == table]
        grid: dict[tuple[str, str], Number | None] = {(c.row, c.column): c.value for c in mine}
        version = requests_version or "2019"
        suspects = [c for c in mine if c.confidence is not None and c.confidence < LOW_CONFIDENCE]
        failures = _failures(table, grid, version) if grid and suspects else []  # no suspect: nothing to repair
        if not failures:
            continue
        repairs = [(c, v) for c in suspects if (v := _repair(failures, (c.row, c.column), grid, table, version))
                   is not None]
        if len(repairs) != 1:
            continue
        cell, value = repairs[0]
        key = cell_key(table, cell.row, cell.column)
        found.append(Finding(
            "ocr_misread", Severity.WARNING,
            f"{key}: OCR read {cell.raw!r} (confidence {cell.confidence:.2f}); every identity holds if it is "
            f"{value}", table, (key,), page=cell.page, published=cell.value, expected=value,
        ))
    return found


def correct_report(report: Report) -> Report:
    """The report with each ``ocr_misread`` suggestion applied; the cell's note says ``ocr_corrected``.

    The finding stays, so the value that was read (``published``) is still on record.
    """
    fixes = {f.cells[0]: f.expected for f in report.findings if f.code == "ocr_misread" and f.cells}
    cells = tuple(replace(c, value=fixes[c.key], note="ocr_corrected") if c.key in fixes else c for c in report.cells)
    return replace(report, cells=cells)
