"""PDF reader: text layer → Document with headings, paragraphs and ruled tables.

Each page is loaded once. pypdfium2 reads its plain text (milliseconds a page), which
picks the pages that hold the statistical tables (their labels, or rows of numbers), and
its glyphs from the same text page; on the table pages (and the page after one, which
may continue it) its ruling lines are read too (:mod:`extract.pdf_rules`) and
pdfplumber's table algorithm turns them into the cell grid (:mod:`extract.pdf_grid`).
pdfplumber's own page parsing (pdfminer, pure Python) is not used: it gave the same
edges at four to five times the cost. Tables split over pages are emitted piece by
piece, each with its page and bounding box; stitching is normalize's job.

A PDF without a text layer (a scan), an encrypted or a damaged one raises
:class:`schemas.UnreadableFile` naming the file and the reason.
"""

from __future__ import annotations

import ctypes
import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ogi.extract.caps import check_pdf, check_pdf_pages
from ogi.extract.pdf_cut import carry_over_pages
from ogi.extract.pdf_glyphs import PageLayer, make_upright, pdfium_layer
from ogi.extract.pdf_grid import ruled_tables
from ogi.extract.pdf_layout import PageParts, pages_to_blocks
from ogi.extract.pdf_lines import glyphs_to_lines
from ogi.extract.pdf_loose import positional_tables
from ogi.extract.pdf_rules import pdfium_edges
from ogi.extract.pdf_textlayer import MIN_PAGE_TEXT, page_lacks_text, usable_chars
from ogi.schemas import Document, Heading, MissingDependency, UnreadableFile

# Labels printed only inside the three statistical tables.
TABLE_MARKERS = (
    "信息内容", "申请人情况", "第二十条第", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
    "复议后起诉", "未经复议直接起诉", "本年制发件数", "本年处理决定数量", "本年新制作数量", "对外公开总数量",
)
MIN_RULE = 10.0  # shorter ruling pieces do not count towards a grid
HEADER_ZONE = 0.06  # share of the page height at the top where running headers sit
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
    compact = "".join(text.split())  # every whitespace run dropped (str.split's whitespace is re's \s)
    if any(marker in compact for marker in TABLE_MARKERS):
        return True
    return _number_rows(text)


def _number_rows(text: str) -> bool:
    """A line with three numbers in a row, or eight lines that are one number each.

    The first run of three decides at once; a line of one token is a lone number where the
    run it leaves is 1 (its token matched), so no token is matched twice.
    """
    lone_numbers = 0
    match = _NUMBER.match
    for line in text.splitlines():
        tokens = line.split()
        run = 0
        for token in tokens:
            if match(token):
                run += 1
                if run == 3:
                    return True
            else:
                run = 0
        lone_numbers += len(tokens) == 1 and run == 1
    return lone_numbers >= 8


def continues_table(layer: PageLayer) -> bool:
    """Does a page (after a table page) open with a ruled grid: the previous page's table running on?

    The page's first ruling lines (at least two horizontal and two vertical) must start above
    its first line of text outside the header zone, so a page of prose with a table further
    down is not taken. Used where the page's text (one or two numbers a row, no header)
    does not look like a table.

    >>> from ogi.extract.pdf_glyphs import Edge, Glyph
    >>> grid = tuple(Edge(0, y, 100, y) for y in (100, 120)) + tuple(Edge(x, 100, x, 120) for x in (0, 100))
    >>> row = (Glyph("1", 50, 105, 55, 115),)
    >>> continues_table(PageLayer(2, 200, 800, row, grid))
    True
    >>> continues_table(PageLayer(2, 200, 800, (Glyph("A", 0, 96, 5, 99), *row), grid))
    False
    """
    horizontal = [e for e in layer.edges if e.horizontal and e.x1 - e.x0 >= MIN_RULE]
    vertical = [e for e in layer.edges if not e.horizontal and e.bottom - e.top >= MIN_RULE]
    if len(horizontal) < 2 or len(vertical) < 2:
        return False
    top = min(e.top for e in (*horizontal, *vertical))
    zone = HEADER_ZONE * layer.height
    body = [g.top for g in layer.glyphs if g.top > zone]
    return not body or top <= min(body) + 1.0


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


@dataclass(frozen=True)
class _ReadPage:
    """What the one load of a page gives: its text, glyphs (with ruling lines where they may count), images."""

    text: str
    usable: int  # usable characters of the text (pdf_textlayer.usable_chars)
    table_text: bool  # the text looks like a table page (looks_like_table_page)
    layer: PageLayer  # as printed (not yet turned upright); edges read only where ``ruled``
    ruled: bool
    has_images: bool


def _has_images(page: pdfium.PdfPage) -> bool:
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3), None) is not None


def _read_page(pdf: pdfium.PdfDocument, index: int, after_table: bool) -> _ReadPage | None:
    """Load page ``index`` once: its plain text, then its glyphs from the same text page (None: unreadable).

    Its ruling lines are read when its text looks like a table page or ``after_table`` (the page
    before is, or may be, one: a continuation page is told by its rules).
    """
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return None
    try:
        try:
            textpage = page.get_textpage()
        except pdfium.PdfiumError:
            return None
        try:
            try:
                text = str(textpage.get_text_range())
            except pdfium.PdfiumError:
                return None
            layer = pdfium_layer(page, index + 1, textpage, text)
        finally:
            textpage.close()
        table_text = looks_like_table_page(text)
        ruled = after_table or table_text
        if ruled:
            layer = replace(layer, edges=tuple(pdfium_edges(page)))
        usable = usable_chars(text)
        return _ReadPage(text, usable, table_text, layer, ruled, usable < MIN_PAGE_TEXT and _has_images(page))
    finally:
        page.close()


def _read_pages(pdf: pdfium.PdfDocument) -> tuple[dict[int, _ReadPage], list[int]]:
    """Every readable page, each loaded once, in order; and the indexes of the unreadable ones."""
    pages: dict[int, _ReadPage] = {}
    unreadable: list[int] = []
    may_run_on = False  # the page before is a table page, or may be its continuation
    for index in range(len(pdf)):
        read = _read_page(pdf, index, may_run_on)
        if read is None:
            unreadable.append(index)
            may_run_on = False
            continue
        pages[index] = read
        may_run_on = read.table_text or (read.ruled and continues_table(make_upright(read.layer)))
    return pages, unreadable


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


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one read, then as it was.

    A read makes hundreds of thousands of tuples (glyphs, edges, cells) and frees them by reference
    counting; the collector's passes, triggered by their count, find no cycles among them (and a
    full pass walks every live object of the process). Reads in threads side by side leave it on
    in the end: only a read that found it on turns it off, and that read turns it on again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer into a Document (tables with spans, pages and positions)."""
    with _cyclic_gc_paused():
        return _read_pdf(path)


def _read_pdf(path: Path) -> Document:
    check_pdf(path)  # caps: page count, content stream size, self-drawing XObjects (extract/caps.py)
    with _open_pdfium(path) as pdf:
        count = len(pdf)
        check_pdf_pages(count)
        pages, unreadable = _read_pages(pdf)
        texts = {i: page.text for i, page in pages.items()}
        bare = [i for i, page in pages.items() if page.usable < MIN_PAGE_TEXT]
        scanned = [i for i in bare if pages[i].has_images]
        without_text = [i for i in bare if page_lacks_text(texts[i], has_images=i in scanned)]
        no_text_layer = sum(page.usable for page in pages.values()) < MIN_PAGE_TEXT * max(len(texts), 1)
        ocr: dict[int, PageParts] = {}
        if scanned:  # pages that are images without text: OCR them (extract.ocr), the rest as usual
            try:
                from ogi.extract.ocr import ocr_pages

                ocr = ocr_pages(pdf, scanned, str(path))
            except MissingDependency:
                if no_text_layer:
                    raise  # a scan and no OCR engine: say how to install it
                # a text PDF with a scanned page: read the rest, the page is a page_without_text finding
        if no_text_layer and not ocr:
            raise UnreadableFile(str(path), "PDF has no text layer (empty or damaged pages)")
        table_pages = {i for i, page in pages.items() if page.table_text}
        layers: dict[int, PageLayer] = {}
        for index in sorted(texts):
            if index in ocr:
                continue
            follows = index not in table_pages and index - 1 in table_pages
            layer = pages[index].layer
            layer = make_upright(layer if index in table_pages or follows else replace(layer, edges=()))
            if follows and continues_table(layer):
                table_pages.add(index)  # blank zeros, no repeated header: its text alone does not tell
            elif follows:
                layer = replace(layer, edges=())
            layers[index] = layer
        properties = _properties(pdf, unreadable, scanned)
    parts = carry_over_pages(sorted([_page_parts(layers[i], i in table_pages) for i in layers] + list(ocr.values()),
                                    key=lambda p: p.number))
    blocks = tuple(pages_to_blocks(parts))
    title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    title = title or dict(properties).get("Title")
    return Document(str(path), "pdf", blocks, title=title, pages=count, properties=properties,
                    pages_without_text=tuple(i + 1 for i in without_text),
                    pages_ocr=tuple(sorted(i + 1 for i in ocr)))
