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
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import pypdfium2 as pdfium

from ogi.extract.ocr_engine import DISAGREE, check_models, read_labels, read_numbers, recognise, tesseract_path
from ogi.extract.ocr_image import PageImage, deskew, grid_edges, render
from ogi.extract.pdf_grid import ruled_tables
from ogi.extract.pdf_layout import PageParts
from ogi.extract.pdf_lines import glyphs_to_lines
from ogi.schemas import UNREAD_TEXT, Table, TableCell

PAGE_TIMEOUT = 120.0
UNREAD = UNREAD_TEXT  # text of a cell with print that OCR could not read (normalize reports it as unparsed)
MARGIN = 5           # pixels trimmed inside a cell's borders before looking at its ink
MIN_INK_PIXELS = 25  # fewer dark pixels than this is noise, not print
SHORT = 3            # first readings this short that are not figures are read as figures too
DASH_CONFIDENCE = 0.9  # a cell whose only print is a horizontal bar (is_dash): a shape, not a recognised glyph
INK_CONTRAST = 70    # grey levels below the background that count as ink (scans print digits in grey)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WITH_UNIT = re.compile(r"^[+\-]?\d[\d,]*(\.\d+)?[(（]?(件|个|项|条|次|人次|笔|万元|元)[)）]?$")
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


def figure_columns(table: Table, inked: dict[int, bool]) -> set[int]:
    """Grid columns where most inked single-column cells were first read as figures (header cells in them
    are the exception)."""
    seen: dict[int, list[bool]] = {}
    for k, cell in enumerate(table.cells):
        if inked[k] and cell.colspan == 1 and cell.text.strip():
            seen.setdefault(cell.col, []).append(_value_like(cell.text))
    return {col for col, flags in seen.items() if sum(flags) * 2 > len(flags)}


def is_dash(crop: np.ndarray) -> bool:
    """Print that is one horizontal bar, or bars side by side (a dash ``—``, ``——`` or ``-``: "not applicable"),
    which the digits model cannot read."""
    if crop.size == 0:
        return False
    mask = (crop < float(np.median(crop)) - INK_CONTRAST).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    bars = [s for s in stats[1:count] if s[4] >= MIN_INK_PIXELS // 2]
    if not bars or sum(int(s[4]) for s in bars) < MIN_INK_PIXELS:
        return False
    top, bottom = min(int(s[1]) for s in bars), max(int(s[1] + s[3]) for s in bars)
    tallest = max(int(s[3]) for s in bars)
    return all(s[2] >= 3 * s[3] for s in bars) and bottom - top <= 1.5 * tallest


@dataclass
class _Passes:
    """A table's inked cells sorted by the passes that read them (keys: index in ``table.cells``)."""

    cut: dict[int, np.ndarray] = field(default_factory=dict)
    inked: dict[int, bool] = field(default_factory=dict)
    figures: dict[int, np.ndarray] = field(default_factory=dict)  # the digits pass
    labels: dict[int, np.ndarray] = field(default_factory=dict)   # the Chinese cell pass
    units: dict[int, np.ndarray] = field(default_factory=dict)    # figures printed with a unit: both


def _sort_cells(table: Table, page: PageImage, clean: np.ndarray) -> _Passes:
    out = _Passes()
    for k, cell in enumerate(table.cells):
        crop = out.cut[k] = _crop(page, clean, cell) if cell.bbox is not None else np.zeros((0, 0), np.uint8)
        out.inked[k] = has_ink(crop)
        if not out.inked[k]:
            continue
        first = cell.text.strip()
        if first and _value_like(first):
            out.figures[k] = crop
            if _CJK.search(first):
                out.units[k] = crop  # a figure with its unit (3件): the Chinese model reads the unit too
        else:
            out.labels[k] = crop
            if len(first) <= SHORT:
                out.figures[k] = crop  # empty or a short odd reading may be a figure: read both ways
    return out


def _speck(text: str, confidence: float, crop: np.ndarray) -> bool:
    """A digits reading that is no figure (nothing, or a dash below ``DISAGREE``) of ink that is no bar."""
    return not re.search(r"\d", text) and (not text or confidence < DISAGREE) and not is_dash(crop)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _reread_numbers(table: Table, page: PageImage, clean: np.ndarray, source: str, timeout: float) -> Table:
    """Cells that look like numbers (or hold unread ink) read again with the digits model; all get a confidence.

    A cell whose first reading is empty or short is read both ways: in a column of figures the digits
    reading wins when there is one, elsewhere the surer reading. A figure printed with its unit (``3409件``)
    keeps the Chinese model's reading when that is a figure and unit whose digits agree with the page pass."""
    passes = _sort_cells(table, page, clean)
    cut, inked, crops, labels, units = passes.cut, passes.inked, passes.figures, passes.labels, passes.units
    figures = figure_columns(table, inked)
    data = {c.row for c in table.cells if c.col in figures and re.search(r"\d", c.text) and _value_like(c.text)}
    # columns of labels only: no cell in them was first read as a figure with a digit
    wordy = {c.col for c in table.cells} - {c.col for c in table.cells if re.search(r"\d", c.text)
                                             and _value_like(c.text)}
    numbers = dict(zip(crops, read_numbers(list(crops.values()), source, timeout), strict=True))
    for k, (text, _) in numbers.items():
        if not text and is_dash(cut[k]):
            numbers[k] = ("—", DASH_CONFIDENCE)
    as_label: set[int] = set()
    for k, read in zip([*labels, *units], read_labels([*labels.values(), *units.values()], source, timeout),
                       strict=True):
        digits = numbers.get(k)
        if k in units:
            text = re.sub(r"\s+", "", read[0])
            if digits is not None and _WITH_UNIT.match(text) and _digits(text) == _digits(table.cells[k].text):
                # the digits pass reads the unit as more figures: it agrees when it begins with these
                sure = read[1] if _digits(digits[0]).startswith(_digits(text)) else min(read[1], DISAGREE)
                numbers[k] = (text, sure)
            continue
        in_figures = table.cells[k].col in figures and table.cells[k].colspan == 1
        if in_figures and table.cells[k].row in data and digits is not None and not digits[0]:
            continue  # print in a figure of a data row that no digit can be read from: unread, not a label
        if digits is None or (not digits[0] if in_figures else read[1] > digits[1]):
            numbers[k] = read
            as_label.add(k)
    cells = []
    for k, cell in enumerate(table.cells):
        if k in numbers:
            text, conf = numbers[k]
            if k not in as_label and cell.col in wordy and _speck(text, conf, cut[k]):
                text = ""  # specks in a label column, read as an unsure dash or nothing: no value, no label
            elif not text:  # ink nothing could read: keep the column's place, leave the value unparsed
                text, conf = UNREAD, 0.0
            others = _other_readings(text, cell.text) if k in as_label else ()
            cells.append(replace(cell, text=text, confidence=conf, alternatives=others))
        else:
            cells.append(cell if inked[k] else replace(cell, text="", confidence=1.0))
    return replace(table, cells=tuple(cells))


def _other_readings(chosen: str, page_pass: str) -> tuple[str, ...]:
    """The page pass's reading of a label cell, kept beside the cell pass's when it differs (normalize
    takes whichever matches a catalogue label better)."""
    other = re.sub(r"\s+", "", page_pass)
    return (page_pass.strip(),) if other and other != re.sub(r"\s+", "", chosen) and other != UNREAD else ()


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
