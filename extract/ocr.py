"""OCR of scanned PDF pages: the entry point :mod:`extract.pdf` calls for pages without a text layer.

The imaging and OCR libraries are an install extra (``pip install 'ogi[ocr]'``, with Debian's tesseract and
its Chinese model); without them the reader raises :class:`schemas.MissingDependency` naming the install
command instead of failing on an import. The work itself is in :mod:`extract.ocr_cells`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import pypdfium2 as pdfium

from ogi.extract.pdf_layout import PageParts
from ogi.schemas import MissingDependency

INSTALL = "pip install 'ogi[ocr]' && apt-get install tesseract-ocr tesseract-ocr-chi-sim"


def ocr_pages(pdf: pdfium.PdfDocument, indexes: Sequence[int], source: str) -> dict[int, PageParts]:
    """OCR the pages (0-based ``indexes``) of an open PDF into page parts, keyed by index."""
    if importlib.util.find_spec("cv2") is None:
        raise MissingDependency(source, f"scanned pages need the OCR extra (OpenCV): {INSTALL}")
    from ogi.extract.ocr_cells import ocr_page_parts

    return ocr_page_parts(pdf, indexes, source)
