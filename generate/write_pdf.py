"""Render a model to PDF: its DOCX through headless LibreOffice, so wrapping and page breaks are real.

When the layout asks for a row split, the amount of filler text before table 三 is stepped until
the page break falls inside a row of table 三 (checked on the rendered PDF with pdfplumber). The PDF's
creation date and file ID are replaced by values derived from the model, so a rebuild on the same
LibreOffice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from ogi.generate.grids import requests_grid
from ogi.generate.model import ReportModel
from ogi.generate.office import DEFAULT_TIMEOUT, convert_many
from ogi.generate.write_docx import model_to_docx

MAX_FILLER = 24  # clauses of about half a line each: enough to move the table over a page


@dataclass(frozen=True)
class PdfResult:
    pages: int
    filler: int
    split_rows: tuple[str, ...]  # labels of table 三 rows broken over a page


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_rows(pdf_path: Path, labels: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """Labels whose cell text is cut by a page break: no single cell holds the label, but the end of one
    page's cell and the start of the next page's cell join into it. Also returns the page count."""
    pages: list[list[str]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            cells = [_squash(c) for t in page.find_tables() for row in t.extract() for c in row if c]
            pages.append(cells)
    found = []
    for label in labels:
        target = _squash(label)
        if any(target in c for cells in pages for c in cells):
            continue
        for before, after in itertools.pairwise(pages):
            if any(a and b and target.startswith(a) and target.endswith(b) and len(a) + len(b) == len(target)
                   for a in before for b in after):
                found.append(label)
                break
    return tuple(found), len(pages)


def normalize_pdf(data: bytes, key: str) -> bytes:
    """Replace LibreOffice's creation time, file ID and checksum (same lengths, so offsets stay valid)."""
    digest = hashlib.md5(key.encode()).hexdigest().upper().encode()
    stamp = hashlib.sha256(key.encode()).hexdigest()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + _stamp(stamp).encode(), data)
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + digest + b">", data)
    blanked = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    checksum = hashlib.md5(blanked).hexdigest().upper().encode()
    return re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + checksum, data)


def _stamp(seed: str) -> str:
    n = int(seed[:8], 16)
    return f"20{20 + n % 6:02d}01{10 + n % 18:02d}09{n % 60:02d}00"


def requests_labels(model: ReportModel) -> tuple[str, ...]:
    grid = requests_grid(model.table("requests"), model.labels)
    return tuple(c.text for c in grid.cells if c.kind == "label")


CHUNK = 4  # filler steps rendered per LibreOffice start during the row-split search


def _render(model: ReportModel, fillers: list[int], work: Path, timeout: float) -> list[Path]:
    sources = []
    for k in fillers:
        source = work / f"f{k:02d}.docx"
        source.write_bytes(model_to_docx(model, k))
        sources.append(source)
    return convert_many(sources, work / "pdf", "pdf", timeout)


def model_to_pdf(model: ReportModel, out_path: Path, timeout: float = DEFAULT_TIMEOUT) -> PdfResult:
    """Write the model's PDF to ``out_path``; search for a row split when the layout asks for one."""
    layout = model.layout
    labels = requests_labels(model)
    steps = list(range(MAX_FILLER + 1)) if layout.seek_row_split else [layout.filler]
    with tempfile.TemporaryDirectory(prefix="ogi-generate-pdf-") as tmp:
        first: tuple[Path, PdfResult] | None = None
        found: tuple[Path, PdfResult] | None = None
        for at in range(0, len(steps), CHUNK):
            chunk = steps[at:at + CHUNK]
            for k, pdf in zip(chunk, _render(model, chunk, Path(tmp), timeout), strict=True):
                rows, pages = split_rows(pdf, labels)
                first = first or (pdf, PdfResult(pages, k, rows))
                if rows:
                    found = (pdf, PdfResult(pages, k, rows))
                    break
            if found or not layout.seek_row_split:
                break
        assert first is not None
        pdf, result = found or first
        out_path.write_bytes(normalize_pdf(pdf.read_bytes(), f"{model.seed}/{result.filler}"))
    return result
