"""OCR'd labels that match no catalogue label: another reading of the cell, or the row's place in the grid.

The real r01 report's text layer is read once, then its requests table is made to look like OCR output
(a confidence on every cell) with the label of （一）予以公开 misread the way tesseract misread it on a scan
of this page (``《一》也以公开``). No OCR runs here; tests/test_ocr.py reads real scans."""

from __future__ import annotations

import doctest
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from ogi.extract import ocr_engine, read_document
from ogi.extract.ocr_cells import is_dash
from ogi.normalize import document_to_report, readings, requests_table
from ogi.schemas import UNREAD_TEXT, Document, Report, Table, TableCell

R01 = Path(__file__).resolve().parent.parent / "samples" / "real" / "r01_huaian_szf_2024.pdf"
MISREAD = "《一》也以公开"
GRANTED = {"natural_person": 1288, "commercial_enterprise": 21, "research_institution": 0,
           "public_interest_org": 0, "legal_service_org": 50, "other_org": 3, "total": 1362}


@pytest.fixture(scope="module")
def document() -> Document:
    return read_document(R01)


def _requests(doc: Document) -> Table:
    return max((b for b in doc.blocks if isinstance(b, Table)), key=lambda t: t.n_rows)


def _as_ocr(doc: Document, label: TableCell, *, confidence: float | None, alternatives: tuple[str, ...] = ()
            ) -> Document:
    """The document with the requests table's ``label`` cell misread (and every cell OCR-confident)."""
    table = _requests(doc)

    def cell(c: TableCell) -> TableCell:
        if c is label:
            return replace(c, text=MISREAD, confidence=0.0, alternatives=alternatives)
        return replace(c, confidence=confidence)

    new = replace(table, cells=tuple(cell(c) for c in table.cells))
    return replace(doc, blocks=tuple(new if b is table else b for b in doc.blocks))


def _granted(report: Report) -> dict[str, tuple[int | float | None, str]]:
    return {c.column: (c.value, c.placed_by) for c in report.cells if c.table == "requests" and c.row == "granted"}


def _label(doc: Document) -> TableCell:
    return next(c for c in _requests(doc).cells if c.text == "(一)予以公开")


def test_doctests() -> None:
    for module in (readings, ocr_engine, requests_table):
        assert doctest.testmod(module).failed == 0


def test_a_misread_ocr_label_is_placed_by_the_rows_order(document: Document) -> None:
    report = document_to_report(_as_ocr(document, _label(document), confidence=0.95))
    assert _granted(report) == {k: (v, "order") for k, v in GRANTED.items()}
    assert not [f for f in report.findings if f.code == "unplaced_row"]
    assert not [f for f in report.findings if f.code.startswith("H")]  # the identities hold with the row placed


def test_the_reading_that_matches_the_catalogue_is_taken(document: Document) -> None:
    report = document_to_report(_as_ocr(document, _label(document), confidence=0.95,
                                        alternatives=("(一)予以公开",)))
    assert _granted(report) == {k: (v, "label") for k, v in GRANTED.items()}


def test_an_unknown_label_from_a_text_layer_is_not_placed_by_order(document: Document) -> None:
    """Without OCR confidences the row is a row the template lacks, not a misread: nothing is guessed."""
    report = document_to_report(_as_ocr(document, _label(document), confidence=None))
    assert _granted(report) == {}
    [unplaced] = [f for f in report.findings if f.code == "unplaced_row"]
    assert MISREAD in unplaced.message


def test_a_figure_is_never_taken_from_an_alternative_reading() -> None:
    cell = TableCell(3, 4, "12", confidence=0.4, alternatives=("(一)予以公开",))
    assert readings.best_reading(cell) == "12"
    label = TableCell(3, 0, "(一)予以公开", confidence=0.4, alternatives=("1288",))
    assert readings.best_reading(label) == "(一)予以公开"


def test_unread_print_keeps_its_column_and_the_rest_of_the_row(document: Document) -> None:
    """A figure OCR could not read at all holds its place: the row's other six values are emitted, the
    unread one is left empty with a finding naming it."""
    table = _requests(document)
    label = _label(document)
    unread = next(c for c in table.cells if c.row == label.row and c.text == "21")
    cells = tuple(replace(c, text=UNREAD_TEXT, confidence=0.0) if c is unread else replace(c, confidence=0.9)
                  for c in table.cells)
    doc = replace(document, blocks=tuple(replace(table, cells=cells) if b is table else b for b in document.blocks))
    report = document_to_report(doc)
    want = {k: (v, "label") for k, v in GRANTED.items()} | {"commercial_enterprise": (None, "label")}
    assert _granted(report) == want
    [finding] = [f for f in report.findings if f.code == "unparsed_value"]
    assert finding.cells == ("requests/granted/commercial_enterprise",)


def _drawn(*strokes: tuple[tuple[int, int], tuple[int, int], int]) -> np.ndarray:
    crop = np.full((60, 140), 235, np.uint8)
    for start, end, width in strokes:
        cv2.line(crop, start, end, 40, width)
    return cv2.GaussianBlur(crop, (3, 3), 0)


def test_a_dash_is_told_from_a_figure_by_its_shape() -> None:
    assert is_dash(_drawn(((40, 30), (100, 30), 3)))                        # —
    assert is_dash(_drawn(((20, 31), (65, 31), 3), ((75, 30), (120, 30), 3)))  # ——
    assert not is_dash(_drawn(((70, 10), (70, 50), 3)))                     # 1
    assert not is_dash(_drawn(((40, 30), (100, 30), 3), ((70, 10), (70, 50), 3)))  # +
    assert not is_dash(_drawn(((40, 20), (100, 20), 3), ((40, 40), (100, 40), 3)))  # 二 / =
    assert not is_dash(np.full((60, 140), 235, np.uint8))                   # no print
