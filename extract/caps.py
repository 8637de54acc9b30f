"""Caps where a small file can ask a reader for huge work: spans, grid sizes, decompressed
sizes, page counts, content streams. A reader raises :class:`CapExceeded`; ``read_document``
turns it into :class:`schemas.LimitExceeded` naming the file and the cap.

The caps are far above anything an annual report holds (a report table has under 100 rows and
about 10 columns; a report PDF a few dozen pages), so they only ever stop crafted or broken files.
"""

from __future__ import annotations

import zipfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from ogi.schemas import Document, Table

MAX_SPAN = 1000                  # columns or rows one cell may span (HTML's own colspan maximum)
MAX_COLUMNS = 1000               # grid columns of one table
MAX_GRID_SLOTS = 2_000_000       # rows x columns of one table
MAX_TABLE_CELLS = 1_000_000      # anchor cells of one table
MAX_TABLE_ROWS = 20_000          # rows of one table
MAX_UNZIPPED_MB = 512            # decompressed size of a DOCX/ODT package
MAX_UNZIP_RATIO = 200.0          # decompressed / compressed, for packages over the floor
RATIO_FLOOR_MB = 64
MAX_PDF_PAGES = 2000
MAX_PDF_STREAM_MB = 64           # decompressed size of one page's content stream
MAX_FORM_NESTING = 32            # form XObjects drawn inside one another
MAX_FORM_DRAWS = 1_000_000       # XObjects one page's resources expand to, each form drawn in full
FORM_LOOP = "a form XObject that draws itself (an endless loop)"   # the refusals of both form checks
FORM_TOO_DEEP = f"form XObjects nested more than {MAX_FORM_NESTING} deep"
FORM_TOO_MANY = f"form XObjects that expand to more than {MAX_FORM_DRAWS:,} drawings"
MAX_TEXT_CHARS = 50_000_000      # characters of text one document may hold
MB = 1024 * 1024


class CapExceeded(Exception):
    """A reader met more than a cap allows; ``str(err)`` names the cap."""


def clip_span(value: int) -> int:
    """A span as the reader uses it: at least 1, at most :data:`MAX_SPAN`. ::

        >>> [clip_span(v) for v in (-3, 0, 1, 7, 10**9)]
        [1, 1, 1, 7, 1000]
    """
    return max(1, min(value, MAX_SPAN))


def clip_offset(value: int) -> int:
    """A leading grid offset (``w:gridBefore``): 0 to :data:`MAX_SPAN`; a negative one is 0."""
    return max(0, min(value, MAX_SPAN))


def check_grid(rows: int, cols: int, cells: int = 0) -> None:
    if cols > MAX_COLUMNS:
        raise CapExceeded(f"a table {cols:,} columns wide (cap {MAX_COLUMNS:,})")
    if rows > MAX_TABLE_ROWS:
        raise CapExceeded(f"a table of {rows:,} rows (cap {MAX_TABLE_ROWS:,})")
    if rows * cols > MAX_GRID_SLOTS:
        raise CapExceeded(f"a table grid of {rows:,} x {cols:,} slots (cap {MAX_GRID_SLOTS:,})")
    if cells > MAX_TABLE_CELLS:
        raise CapExceeded(f"a table of {cells:,} cells (cap {MAX_TABLE_CELLS:,})")


def check_document(doc: Document) -> None:
    """Every table's grid within the caps, and the text within :data:`MAX_TEXT_CHARS`."""
    chars = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            rows = max((c.row + c.rowspan for c in block.cells), default=0)
            cols = max((c.col + c.colspan for c in block.cells), default=0)
            check_grid(rows, cols, len(block.cells))
            chars += sum(len(c.text) for c in block.cells)
        else:
            chars += len(getattr(block, "text", ""))
    if chars > MAX_TEXT_CHARS:
        raise CapExceeded(f"{chars:,} characters of text (cap {MAX_TEXT_CHARS:,})")


def check_package(path: Path) -> None:
    """A zip package (DOCX, ODT) whose members decompress within the caps, checked from the
    central directory before anything is inflated; a member that lies about its size is caught
    by zipfile's own size check while reading."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports a corrupt package in its own words
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED_MB * MB:
        raise CapExceeded(f"the package decompresses to {total // MB:,} MB (cap {MAX_UNZIPPED_MB} MB)")
    if total > RATIO_FLOOR_MB * MB and total / packed > MAX_UNZIP_RATIO:
        raise CapExceeded(f"the package decompresses {total / packed:,.0f} times its size "
                          f"(cap {MAX_UNZIP_RATIO:g}; a zip bomb?)")


def check_pdf(path: Path) -> None:
    """Refuse a PDF with too many pages, a page content stream too large once decompressed, or a
    form XObject that draws itself (directly or through others). Called at the entry of ``read_pdf``,
    which counts the pages again as pdfium opens the file.

    A file whose bytes show it plainly within the caps (:mod:`ogi.extract.pdf_prescan`, most reports)
    is passed without parsing it; any other is parsed with pdfminer and its pages walked."""
    from ogi.extract.pdf_prescan import plainly_within_caps

    try:
        if path.stat().st_size <= MAX_PDF_STREAM_MB * MB and plainly_within_caps(path.read_bytes(),
                                                                                 MAX_PDF_STREAM_MB * MB):
            return
    except OSError:
        return  # the reader reports a file it cannot read in its own words
    _check_pdf_parsed(path)


def check_pdf_pages(count: int) -> None:
    """Refuse a PDF of more than :data:`MAX_PDF_PAGES` pages."""
    if count > MAX_PDF_PAGES:
        raise CapExceeded(f"more than {MAX_PDF_PAGES:,} pages (cap {MAX_PDF_PAGES:,})")


def _check_pdf_parsed(path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    def resolve(x: object) -> object:
        """pdfminer's ``resolve1`` with an end: it follows a reference to a reference forever (an object
        that is ``5 0 R`` itself, as a fuzz input's unclosed dictionary reads), this gives up at 32."""
        for _ in range(32):
            if not isinstance(x, PDFObjRef):
                return x
            x = x.resolve()
        return None

    try:
        with path.open("rb") as fh:
            pages = list(_pages(PDFPage, PDFDocument(PDFParser(fh))))
            walk = _FormWalk(resolve, PDFStream)   # one for the file: a form shared by pages is walked once
            for page in pages:
                _check_page(page, PDFStream, resolve, walk)
        if not walk.unresolved:
            return
    except CapExceeded:
        raise
    except Exception:
        pass
    # pdfminer cannot read the file, or reads one of its XObjects as malformed. The reader reports a broken
    # PDF in its own words, but pdfium repairs what it can and may read a form pdfminer does not (a repaired
    # file whose form draws itself held pdfium until the memory ran out; a form with its dictionary unclosed,
    # past 20 s), so the file's form XObjects are read from its bytes (extract/pdf_forms.py)
    from ogi.extract.pdf_forms import check_forms

    with suppress(OSError):
        check_forms(path.read_bytes())


def _pages(page_cls: Any, document: object) -> list[object]:
    pages = []
    for n, page in enumerate(page_cls.create_pages(document), start=1):
        check_pdf_pages(n)
        pages.append(page)
    return pages


def _check_page(page: object, stream_cls: type, resolve: Any, walk: _FormWalk) -> None:
    contents = getattr(page, "contents", [])
    size = 0
    for entry in contents:
        stream = resolve(entry)  # an array's entries are references (``/Contents [4 0 R]``): resolved, or uncounted
        data: bytes = stream.get_data() if isinstance(stream, stream_cls) else b""  # type: ignore[attr-defined]
        size += len(data)
        if size > MAX_PDF_STREAM_MB * MB:
            raise CapExceeded(f"a page content stream over {MAX_PDF_STREAM_MB} MB decompressed "
                              f"(cap {MAX_PDF_STREAM_MB} MB)")
    _, draws = walk.xobjects(getattr(page, "resources", {}) or {}, [])
    if draws > MAX_FORM_DRAWS:
        raise CapExceeded(FORM_TOO_MANY + " on one page")


def _odd_form(xobj: object) -> bool:
    """An XObject pdfminer reads as malformed, which pdfium may read otherwise: no stream (missing, or a
    reference that ends nowhere), no ``/Subtype`` of an image or a form (a fuzz input's unclosed
    ``/BBox [`` left pdfminer an empty dictionary, and pdfium a form that draws itself), or a form
    whose ``/BBox`` is not four numbers."""
    attrs = getattr(xobj, "attrs", None)
    subtype = getattr(attrs.get("Subtype"), "name", None) if isinstance(attrs, dict) else None
    if subtype == "Image":
        return False
    if subtype != "Form":
        return True
    box = attrs.get("BBox")  # type: ignore[union-attr]
    return not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, int | float) for v in box))


class _FormWalk:
    """The XObjects a page's resources name, followed through the forms' own resources: a form that
    reaches itself or a chain over :data:`MAX_FORM_NESTING` deep is refused. Each object is walked once
    (its depth and the drawings it expands to kept), so forms that name one another many times over (a
    ``/A 6 0 R /B 6 0 R`` at every level) cost their count, not their expansion."""

    def __init__(self, resolve: Any, stream_cls: type) -> None:
        self.resolve = resolve
        self.stream_cls = stream_cls
        self.below: dict[int, tuple[int, int]] = {}   # objid -> (levels of XObjects below it, drawings below it)
        self.unresolved = False   # an XObject named that pdfminer reads as malformed (_odd_form)

    def xobjects(self, resources: object, chain: list[int]) -> tuple[int, int]:
        """(levels, drawings) below ``resources``: the deepest chain of XObjects it names, and how many
        XObjects drawing it in full draws."""
        xobjects = self.resolve(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return 0, 0
        levels = draws = 0
        for ref in xobjects.values():
            inner_levels, inner_draws = self._one(ref, chain)
            levels, draws = max(levels, 1 + inner_levels), min(draws + 1 + inner_draws, MAX_FORM_DRAWS + 1)
        return levels, draws

    def _one(self, ref: object, chain: list[int]) -> tuple[int, int]:
        objid = getattr(ref, "objid", None)
        if objid is not None and objid in chain:
            raise CapExceeded(FORM_LOOP)
        if len(chain) > MAX_FORM_NESTING:
            raise CapExceeded(FORM_TOO_DEEP)
        if objid is not None and objid in self.below:
            levels, draws = self.below[objid]
            if len(chain) + levels > MAX_FORM_NESTING:   # where walking it again would have stopped
                raise CapExceeded(FORM_TOO_DEEP)
            return levels, draws
        xobj = self.resolve(ref)
        self.unresolved = self.unresolved or _odd_form(xobj)
        found = (0, 0)
        if isinstance(xobj, self.stream_cls) and getattr(xobj, "attrs", {}).get("Resources") is not None:
            inner = self.resolve(xobj.attrs["Resources"])  # type: ignore[attr-defined]
            found = self.xobjects(inner, [*chain, objid] if objid is not None else chain)
        if objid is not None:
            self.below[objid] = found
        return found
