"""Scanned pages → the same page parts a text PDF gives: ruled tables with OCR confidence, and text lines.

``ocr_page_parts(pdf, indexes, source)`` renders each page without a usable text layer, deskews it, finds the
ruling lines (:mod:`extract.ocr_image`), reads the text with tesseract's Chinese model
(:mod:`extract.ocr_engine`) and hands glyphs and edges to the grid code text PDFs use
(:func:`extract.pdf_grid.ruled_tables`). Table cells whose first reading looks like a number (or that
hold ink the first pass left unread) are read again one by one with the digits-only model, which is far
better at figures. Every table cell carries a confidence: the lowest word confidence of its reading,
1.0 for a cell with no ink, 0.0 for ink that nothing could read. Pages run in parallel threads (tesseract
is a separate process), one per core, each call within ``timeout`` seconds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium

from ogi.extract.ocr_engine import check_models, read_labels, read_numbers, recognise, tesseract_path
from ogi.extract.ocr_image import PageImage, deskew, grid_edges, render
from ogi.extract.pdf_grid import ruled_tables
from ogi.extract.pdf_layout import PageParts
from ogi.extract.pdf_lines import glyphs_to_lines
from ogi.schemas import Table, TableCell

PAGE_TIMEOUT = 120.0
UNREAD = "?"  # text of a cell with print that OCR could not read (normalize reports it as unparsed)
MARGIN = 5           # pixels trimmed inside a cell's borders before looking at its ink
MIN_INK_PIXELS = 25  # fewer dark pixels than this is noise, not print
SHORT = 3            # first readings this short that are not figures are read as figures too
INK_CONTRAST = 70    # grey levels below the background that count as ink (scans print digits in grey)
# Characters the Chinese model reads in place of figures (a 1 read as ] or 丨, a 0 as O or 〇 ...).
_NUMBERISH = re.compile(r"[\d.,，．\-—\]\[|丨lIoO〇口]")


def _crop(page: PageImage, clean: np.ndarray, cell: TableCell) -> np.ndarray:
    box, s = cell.bbox, page.scale
    assert box is not None
    top, bottom = int(box.top * s) + MARGIN, int(box.bottom * s) - MARGIN
    return clean[top:bottom, int(box.x0 * s) + MARGIN:int(box.x1 * s) - MARGIN]


def has_ink(crop: np.ndarray) -> bool:
    """Print in a cell crop: enough pixels clearly darker than the crop's own background."""
    if crop.size == 0:
        return False
    background = float(np.median(crop))
    return int((crop < background - INK_CONTRAST).sum()) >= MIN_INK_PIXELS


def _value_like(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return len(compact) <= 14 and sum(bool(_NUMBERISH.match(ch)) for ch in compact) * 2 >= len(compact)


def _reread_numbers(table: Table, page: PageImage, clean: np.ndarray, source: str, timeout: float) -> Table:
    """Cells that look like numbers (or hold unread ink) read again with the digits model; all get a confidence."""
    crops: dict[int, np.ndarray] = {}
    labels: dict[int, np.ndarray] = {}
    inked: dict[int, bool] = {}
    for k, cell in enumerate(table.cells):
        crop = _crop(page, clean, cell) if cell.bbox is not None else np.zeros((0, 0), np.uint8)
        inked[k] = has_ink(crop)
        if inked[k]:
            (crops if _value_like(cell.text) else labels)[k] = crop
            if len(cell.text.strip()) <= SHORT and k in labels:
                crops[k] = crop  # a short odd reading may be a figure: read both ways, keep the surer
    numbers = dict(zip(crops, read_numbers(list(crops.values()), source, timeout), strict=True))
    for k, read in zip(labels, read_labels(list(labels.values()), source, timeout), strict=True):
        if k not in numbers or read[1] > numbers[k][1]:
            numbers[k] = read
    cells = []
    for k, cell in enumerate(table.cells):
        if k in numbers:
            text, conf = numbers[k]
            if not text:  # ink nothing could read: keep the column's place, leave the value unparsed
                text, conf = UNREAD, 0.0
            cells.append(replace(cell, text=text, confidence=conf))
        else:
            cells.append(cell if inked[k] else replace(cell, text="", confidence=1.0))
    return replace(table, cells=tuple(cells))


def _first_pass_confidence(table: Table, words: Sequence[tuple[float, float, float]]) -> Table:
    """Each cell's lowest word confidence (``words`` are centre x, centre y, confidence in points)."""
    cells = []
    for cell in table.cells:
        box = cell.bbox
        inside = [c for x, y, c in words if box is not None and box.x0 <= x <= box.x1 and box.top <= y <= box.bottom]
        cells.append(replace(cell, confidence=round(min(inside), 3) if inside else 0.0))
    return replace(table, cells=tuple(cells))


def _page_parts(number: int, size: tuple[float, float], grey: np.ndarray, scale: float, source: str,
                timeout: float) -> PageParts:
    straight = deskew(grey, scale)
    edges, clean = grid_edges(straight)
    read = recognise(clean, scale, source, timeout)
    words = [(g.glyph.cx, g.glyph.cy, g.confidence) for g in read]
    tables, rest = ruled_tables(edges, [g.glyph for g in read], number)
    tables = [_reread_numbers(_first_pass_confidence(t, words), straight, clean, source, timeout) for t in tables]
    return PageParts(number, size[0], size[1], tuple(glyphs_to_lines(rest)), tuple(tables))


def ocr_page_parts(pdf: pdfium.PdfDocument, indexes: Sequence[int], source: str,
                   timeout: float = PAGE_TIMEOUT) -> dict[int, PageParts]:
    """OCR pages (0-based ``indexes``) of an open PDF; rendering is serial (pdfium is not thread-safe)."""
    check_models(tesseract_path())
    rendered = {}
    for index in indexes:
        page = pdf[index]
        try:
            rendered[index] = (page.get_size(), *render(page))
        finally:
            page.close()

    def work(index: int) -> PageParts:
        size, grey, scale = rendered[index]
        return _page_parts(index + 1, size, grey, scale, source, timeout)

    with ThreadPoolExecutor(max_workers=max(1, min(len(indexes), os.cpu_count() or 1))) as pool:
        return dict(zip(indexes, pool.map(work, indexes), strict=True))
