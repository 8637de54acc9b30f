"""Record types at the end of the pipeline: a :class:`Report` and what it holds.

A cell key is written ``table/row/column`` (``requests/granted/total``) wherever a
single string is needed; :func:`cell_key` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from ogi.schemas.document import Box

Number = int | float
ValueNote = Literal["", "blank", "not_applicable", "converted_from_yuan", "unparsed", "ocr_corrected"]
# How a cell's place was fixed: by its printed label, by the order of rows/columns between placed neighbours,
# or by the identities (the only reading of a digit run or an unlabeled row that satisfies them).
PlacedBy = Literal["label", "order", "identity"]


def cell_key(table: str, row: str, column: str) -> str:
    return f"{table}/{row}/{column}"


class Status(StrEnum):
    """Outcome of one document: ``ok`` (all three tables, no errors), ``partial`` (something
    missing or flagged as unplaceable), ``failed`` (could not be read)."""

    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """A located problem. ``code`` is stable (see :data:`FINDING_CODES`); ``cells`` are cell keys.

    ``scope`` says which instance of a rule failed: the column key for H1/H2 (``total``), the row
    key for H3 (``granted``), the proceeding for H4 (``admin_review``); empty otherwise.
    """

    code: str
    severity: Severity
    message: str
    table: str | None = None
    cells: tuple[str, ...] = ()
    scope: str = ""
    page: int | None = None
    published: Number | None = None
    expected: Number | None = None


FINDING_CODES: dict[str, str] = {
    "H1": "requests column: new_received + carried_over != total_processed + carried_forward",
    "H2": "requests column: total_processed != sum of the result rows",
    "H3": "requests row: total != sum of the six applicant columns",
    "H4": "review_litigation proceeding: total != upheld + corrected + other_result + pending",
    "blank_total": "one side of H1–H4 printed entirely blank (a 总计 left empty beside filled-in parts, or the "
                   "reverse): the number was not stated, so the identity cannot be checked; a warning, not an error",
    "H5": "a count that is negative or not whole, or a negative amount",
    "likely_culprit": "one cell explains a row failure and a column failure; `expected` satisfies both",
    "unplaced_row": "a table row with numbers whose label could not be matched; its values are not emitted",
    "extra_row": "a known regional row (Hubei's 其他主动公开文件) with no canonical cell; values in the message",
    "unplaced_value": "a value that could not be tied to a canonical cell",
    "ambiguous_label": "a label matched two canonical rows about equally well; the better one was used",
    "duplicate_cell": "two source rows gave the same canonical cell; the first was kept",
    "unparsed_value": "a cell's text is not a number or a known null token",
    "text_truncated": "a section's text was longer than the dataset keeps; it was cut (ogi convert)",
    "table_missing": "one of the three statistical tables was not found",
    "page_without_text": "a page prints something but has no usable text layer (a scan, or glyphs without Unicode)",
    "cells_missing": "a table was found but some canonical cells of its version were not",
    "mixed_version": "the table's labels match both template versions",
    "section_missing": "one of the six sections was not found",
    "unit_suspect": "a money amount that looks like 元 written into a 万元 column",
    "metadata_missing": "agency or year could not be determined",
    "carried_over_mismatch": "carried_over of year Y differs from carried_forward of Y-1 for the same agency",
    "narrative_mismatch": "a number in the text disagrees with the table",
    "ocr_misread": "a low-confidence OCR cell whose one other value makes every identity hold; `expected` is it",
}


@dataclass(frozen=True)
class CellValue:
    """One canonical cell with full provenance."""

    table: str
    row: str
    column: str
    value: Number | None
    raw: str
    unit: str = ""
    note: ValueNote = ""
    template: str = ""
    page: int | None = None
    match_score: float = 100.0
    label: str = ""
    placed_by: PlacedBy = "label"
    confidence: float | None = None   # OCR confidence (0-1) of the text the value was read from; None = text layer
    bbox: Box | None = None   # where the value is printed on its page (PDF points, origin top-left), where known

    @property
    def key(self) -> str:
        return cell_key(self.table, self.row, self.column)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    page: int | None = None


@dataclass(frozen=True)
class TableInfo:
    key: str
    template: str
    page: int | None
    n_cells: int
    n_expected: int


@dataclass(frozen=True)
class Metadata:
    agency: str | None = None
    agency_source: str = ""
    year: int | None = None
    year_source: str = ""
    region: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Report:
    source: str
    format: str
    metadata: Metadata
    tables: tuple[TableInfo, ...]
    cells: tuple[CellValue, ...]
    sections: tuple[Section, ...]
    findings: tuple[Finding, ...]
    status: Status
    pages: int | None = None

    def cell(self, table: str, row: str, column: str) -> CellValue | None:
        for c in self.cells:
            if c.table == table and c.row == row and c.column == column:
                return c
        return None

    def value(self, key: str) -> Number | None:
        table, row, column = key.split("/")
        c = self.cell(table, row, column)
        return None if c is None else c.value

    def template(self, table: str) -> str | None:
        for t in self.tables:
            if t.key == table:
                return t.template
        return None
