"""Check identities H1–H4 on the published values of a model (blank counts as zero).

Returns the failing instances as ``"H3:granted"`` strings and the culprit cells: a cell of table 三
whose row check (H3) and one of whose column checks (H1 or H2) both fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.generate.model import Number, TableModel
from ogi.generate.values import APPLICANTS, H1_ROWS, REQUEST_COLUMNS, REVIEW_ROWS

RESULT_EXCLUDED = {"new_received", "carried_over", "total_processed", "carried_forward"}


@dataclass(frozen=True)
class IdentityFindings:
    identities: tuple[str, ...]
    culprits: tuple[str, ...]


def _v(table: TableModel, row: str, col: str) -> Number:
    value = table.cell(row, col).value
    return 0 if value is None else value


def _result_rows(table: TableModel) -> tuple[str, ...]:
    return tuple(r for r in table.rows if r not in RESULT_EXCLUDED)


def failing_columns_h1(table: TableModel) -> list[str]:
    return [c for c in REQUEST_COLUMNS
            if _v(table, "new_received", c) + _v(table, "carried_over", c)
            != _v(table, "total_processed", c) + _v(table, "carried_forward", c)]


def failing_columns_h2(table: TableModel) -> list[str]:
    rows = _result_rows(table)
    return [c for c in REQUEST_COLUMNS if _v(table, "total_processed", c) != sum(_v(table, r, c) for r in rows)]


def failing_rows_h3(table: TableModel) -> list[str]:
    return [r for r in table.rows if _v(table, r, "total") != sum(_v(table, r, c) for c in APPLICANTS)]


def failing_proceedings_h4(table: TableModel) -> list[str]:
    parts = ("upheld", "corrected", "other_result", "pending")
    return [r for r in REVIEW_ROWS if _v(table, r, "total") != sum(_v(table, r, c) for c in parts)]


def check(requests: TableModel, review: TableModel) -> IdentityFindings:
    h1, h2, h3 = failing_columns_h1(requests), failing_columns_h2(requests), failing_rows_h3(requests)
    h4 = failing_proceedings_h4(review)
    ids = [f"H1:{c}" for c in h1] + [f"H2:{c}" for c in h2] + [f"H3:{r}" for r in h3] + [f"H4:{r}" for r in h4]
    results = set(_result_rows(requests)) | {"total_processed"}
    culprits = []
    for row in h3:
        for col in REQUEST_COLUMNS:
            if (col in h1 and row in H1_ROWS) or (col in h2 and row in results):
                culprits.append(f"requests/{row}/{col}")
    return IdentityFindings(tuple(ids), tuple(culprits))
