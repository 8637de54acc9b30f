"""PDF reader: text layer → Document with headings, paragraphs and ruled tables.

Two passes keep it fast. pypdfium2 reads every page's plain text (milliseconds a page)
and picks the pages that hold the statistical tables (their labels, or rows of
numbers). Every page's glyphs come from pypdfium2; on the table pages its ruling lines
are read too (:mod:`extract.pdf_rules`) and pdfplumber's table algorithm turns them into
the cell grid (:mod:`extract.pdf_grid`). pdfplumber's own page parsing (pdfminer, pure
Python) is not used: it gave the same edges at four to five times the cost. Tables
split over pages are emitted piece by piece, each with its page and bounding box;
stitching is normalize's job.

A PDF without a text layer (a scan), an encrypted or a damaged one raises
:class:`schemas.UnreadableFile` naming the file and the reason.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ogi.extract.caps import check_pdf
from ogi.extract.pdf_glyphs import PageLayer, make_upright, pdfium_layer
from ogi.extract.pdf_grid import ruled_tables
from ogi.extract.pdf_layout import PageParts, pages_to_blocks
from ogi.extract.pdf_lines import glyphs_to_lines
from ogi.extract.pdf_loose import positional_tables
from ogi.extract.pdf_rules import pdfium_edges
from ogi.schemas import Document, Heading, UnreadableFile

# Labels printed only inside the three statistical tables.
TABLE_MARKERS = (
    "信息内容", "申请人情况", "第二十条第", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
    "复议后起诉", "未经复议直接起诉", "本年制发件数", "本年处理决定数量", "本年新制作数量", "对外公开总数量",
)
MIN_PAGE_TEXT = 20  # a page with fewer printed characters has no usable text layer
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
_PDFIUM_REASONS = {
    pdfium_c.FPDF_ERR_FILE: "file cannot be opened",
    pdfium_c.FPDF_ERR_FORMAT: "damaged PDF: not a valid PDF structure (truncated or corrupt)",
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: a password is needed to open it",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF: unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "damaged PDF: a page cannot be read",
}


def looks_like_table_page(text: str) -> bool:
    """Does a page's plain text (from pypdfium2) suggest one of the statistical tables?

    >>> looks_like_table_page("规章 1 0 11")
    True
    >>> looks_like_table_page("申 请 人 情 况")
    True
    >>> looks_like_table_page("2024 年 1 月 1 日至 2024 年 12 月 31 日，共受理 3119 件")
    False
    """
    text = unicodedata.normalize("NFKC", text)
    compact = re.sub(r"\s+", "", text)
    if any(marker in compact for marker in TABLE_MARKERS):
        return True
    lone_numbers = 0
    for line in text.splitlines():
        tokens = line.split()
        run = best = 0
        for token in tokens:
            run = run + 1 if _NUMBER.match(token) else 0
            best = max(best, run)
        if best >= 3:
            return True
        lone_numbers += len(tokens) == 1 and bool(_NUMBER.match(tokens[0]))
    return lone_numbers >= 8


def _pdfium_reason(err: pdfium.PdfiumError) -> str:
    return _PDFIUM_REASONS.get(getattr(err, "err_code", None), f"damaged PDF: {err}")


@contextmanager
def _open_pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise UnreadableFile(str(path), _pdfium_reason(err)) from None
    try:
        yield pdf
    finally:
        pdf.close()


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


def _has_images(pdf: pdfium.PdfDocument, indexes: Iterable[int]) -> bool:
    for index in indexes:
        page = pdf[index]
        try:
            if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3), None) is not None:
                return True
        finally:
            page.close()
    return False


def _pdfium_page(pdf: pdfium.PdfDocument, index: int, with_rules: bool) -> PageLayer:
    page = pdf[index]
    try:
        layer = pdfium_layer(page, index + 1)
        if with_rules:
            layer = replace(layer, edges=tuple(pdfium_edges(page)))
        return make_upright(layer)
    finally:
        page.close()


def _page_parts(layer: PageLayer, table_page: bool) -> PageParts:
    tables, rest = ruled_tables(layer.edges, layer.glyphs, layer.number) if layer.edges else ([], list(layer.glyphs))
    lines = glyphs_to_lines(rest)
    if table_page:
        loose, lines = positional_tables(lines, layer.number)
        tables += loose
    return PageParts(layer.number, layer.width, layer.height, tuple(lines), tuple(tables))


def _metadata(pdf: pdfium.PdfDocument, key: str) -> str:
    """One document-information entry; a value whose bytes do not decode is left out."""
    name = (key + "\x00").encode("utf-8")
    size = pdfium_c.FPDF_GetMetaText(pdf.raw, name, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(pdf.raw, name, buffer, size)
    return bytes(buffer.raw[: max(size - 2, 0)]).decode("utf-16-le", errors="replace").strip()


def _properties(pdf: pdfium.PdfDocument, unreadable: list[int], scanned: list[int]
                ) -> tuple[tuple[str, str], ...]:
    """Document information, plus the pages that could not be read or are images without text."""
    meta = {key: value for key in pdf.METADATA_KEYS if (value := _metadata(pdf, key))}
    if unreadable:
        meta["unreadable_pages"] = ",".join(str(i + 1) for i in unreadable)
    if scanned:
        meta["image_only_pages"] = ",".join(str(i + 1) for i in scanned)
    return tuple(sorted(meta.items()))


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer into a Document (tables with spans, pages and positions)."""
    check_pdf(path)  # caps: page count, content stream size, self-drawing XObjects (extract/caps.py)
    with _open_pdfium(path) as pdf:
        count = len(pdf)
        texts: dict[int, str] = {}
        unreadable: list[int] = []
        for index in range(count):
            try:
                texts[index] = _page_text(pdf, index)
            except pdfium.PdfiumError:
                unreadable.append(index)
        bare = [i for i, t in texts.items() if len(re.sub(r"\s+", "", t)) < MIN_PAGE_TEXT]
        scanned = [i for i in bare if _has_images(pdf, [i])]
        if sum(len(re.sub(r"\s+", "", t)) for t in texts.values()) < MIN_PAGE_TEXT * max(len(texts), 1):
            if scanned:
                raise UnreadableFile(str(path), "scanned PDF without a text layer; OCR not yet supported")
            raise UnreadableFile(str(path), "PDF has no text layer (empty or damaged pages)")
        table_pages = sorted(i for i, t in texts.items() if looks_like_table_page(t))
        layers = {index: _pdfium_page(pdf, index, index in table_pages) for index in texts}
        properties = _properties(pdf, unreadable, scanned)
    parts = [_page_parts(layers[i], i in table_pages) for i in sorted(layers)]
    blocks = tuple(pages_to_blocks(parts))
    title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    title = title or dict(properties).get("Title")
    return Document(str(path), "pdf", blocks, title=title, pages=count, properties=properties)
