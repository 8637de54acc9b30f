"""Print a report as WPS exports it with an embedded CID font: vertical group cells in Identity-V.

Chromium and LibreOffice write every CJK font with ``/Encoding /Identity-H`` and set vertical text
as rotated or stacked horizontal glyphs. WPS Office writes the merged group cells of table 三
(三、本年度办理结果, （三）不予公开 …) with a second Type0 font whose encoding is ``/Identity-V``:
the font's vertical writing mode, where each glyph advances downwards. Neither installed printer
can make such a PDF, so this module writes one by hand: the whole report (title, prose, the three
ruled tables) in a subset of Noto Sans CJK SC (Debian's fonts-noto-cjk, subset with fontTools),
embedded once and used by two fonts, one Identity-H, one Identity-V for the group cells. Text in
the vertical font is set at a large ``Tf`` scaled down by the text matrix, which gives the ~199 pt
loose character boxes pdfium reports for the WPS export of issue 11.

The layout is plain: A4 portrait, one column of text, a table moved to a fresh page when its first
rows do not fit, a page break only between rows that no merged cell spans. Character codes are the
font's CIDs (its registry is Adobe-Identity, so CID = glyph id), and a ToUnicode map gives the text.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from ogi.generate.grids import Grid, GridCell, report_grids
from ogi.generate.model import ReportModel
from ogi.schemas import MissingDependency

NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "Noto Sans CJK SC"
PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 56.0
BODY, TITLE, CELL = 10.5, 16.0, 9.0  # font sizes in points
LEADING = 1.5  # line height in font sizes
CELL_PAD = 3.0
MIN_ROW = 16.0
# The vertical font's Tf size; the text matrix scales it to the cell's 9 pt. pdfium sizes the loose box
# of a vertical-writing glyph by Tf alone, so its boxes are 199 × 199 pt, as in the WPS export issue 11 measured.
VERTICAL_TF = 199.0


@dataclass(frozen=True)
class CidFont:
    """An embedded font subset: its OpenType bytes, and each character's code (CID) and advance (1/1000 em)."""

    data: bytes
    codes: dict[str, int]
    widths: dict[str, int]

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(ch, 1000) for ch in text) * size / 1000

    def encode(self, text: str) -> str:
        return "".join(f"{self.codes[ch]:04X}" for ch in text if ch in self.codes)


@lru_cache(maxsize=4)
def subset_font(chars: frozenset[str], source: Path = NOTO_CJK) -> CidFont:
    """The characters' glyphs of Noto Sans CJK SC as an OpenType (CFF) subset that keeps the glyph ids."""
    try:
        from fontTools.subset import Options, Subsetter
        from fontTools.ttLib import TTCollection
    except ImportError as err:  # a dev dependency: only this generator needs it
        raise MissingDependency("fontTools", "fontTools (a dev dependency) subsets the CJK font of a CID PDF") from err
    if not source.exists():
        raise MissingDependency(str(source), f"{source} is needed (Debian package fonts-noto-cjk, scripts/setup)")
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FAMILY)
    cmap = font.getBestCmap()
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    present = sorted(ch for ch in chars if ord(ch) in cmap)
    codes = {ch: order[cmap[ord(ch)]] for ch in present}
    hmtx = font["hmtx"]
    widths = {ch: hmtx[cmap[ord(ch)]][0] for ch in present}
    options = Options()
    options.retain_gids = True  # CID = glyph id: the Identity encodings need no CIDToGIDMap
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [1, 2, 4, 6]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in present])
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return CidFont(out.getvalue(), codes, widths)


# -- layout ----------------------------------------------------------------------------------------

@dataclass
class _Page:
    ops: list[str] = field(default_factory=list)

    def text(self, font: str, size: float, x: float, y: float, hexcodes: str) -> None:
        if not hexcodes:
            return
        if font == "V":  # set at VERTICAL_TF and scaled down to ``size`` by the text matrix
            k = size / VERTICAL_TF
            self.ops.append(f"BT /V {VERTICAL_TF:g} Tf {k:.6f} 0 0 {k:.6f} {x:.2f} {y:.2f} Tm <{hexcodes}> Tj ET")
        else:
            self.ops.append(f"BT /{font} {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{hexcodes}> Tj ET")

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(f"{x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")


@dataclass
class _Writer:
    font: CidFont
    pages: list[_Page] = field(default_factory=list)
    y: float = 0.0  # baseline position from the page bottom

    def new_page(self) -> _Page:
        self.pages.append(_Page(["0.5 w 0 G"]))
        self.y = PAGE_H - MARGIN
        return self.pages[-1]

    @property
    def page(self) -> _Page:
        return self.pages[-1] if self.pages else self.new_page()

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, line = [], ""
        for ch in text:
            if line and self.font.width(line + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
        return [*lines, line] if line else lines

    def paragraph(self, text: str, size: float = BODY, indent: float = 2) -> None:
        width = PAGE_W - 2 * MARGIN
        for i, line in enumerate(self.wrap(text, size, width - (indent * size if indent else 0))):
            if self.y - size * LEADING < MARGIN:
                self.new_page()
            self.y -= size * LEADING
            x = MARGIN + (indent * size if i == 0 and indent else 0)
            self.page.text("H", size, x, self.y, self.font.encode(line))
        self.y -= size * 0.3

    def table(self, grid: Grid) -> None:
        widths = [w / sum(grid.widths) * (PAGE_W - 2 * MARGIN) for w in grid.widths]
        xs = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
        heights = self._row_heights(grid, widths)
        rows = grid.n_rows
        clean = {r for r in range(rows + 1)
                 if not any(c.row < r < c.row + c.rowspan for c in grid.cells)}  # row borders no cell spans
        start = 0
        while start < rows:
            room = self.y - MARGIN
            end = max((r for r in clean if r > start and sum(heights[start:r]) <= room), default=None)
            if end is None and self.y < PAGE_H - MARGIN - 1:  # try a fresh page first
                self.new_page()
                continue
            end = end or min(r for r in clean if r > start)  # taller than a page: it runs over the margin
            self._rows(grid, start, end, xs, heights)
            start = end
        self.y -= BODY

    def _row_heights(self, grid: Grid, widths: Sequence[float]) -> list[float]:
        heights = [MIN_ROW] * grid.n_rows
        for c in sorted(grid.cells, key=lambda c: c.rowspan):
            width = sum(widths[c.col:c.col + c.colspan]) - 2 * CELL_PAD
            if _vertical(grid, c):
                need = len(c.text.replace("\n", "")) * CELL + 2 * CELL_PAD
            else:
                lines = [line for part in c.text.split("\n") for line in self.wrap(part, CELL, width)]
                need = len(lines) * CELL * 1.3 + 2 * CELL_PAD
            have = sum(heights[c.row:c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
        return heights

    def _rows(self, grid: Grid, start: int, end: int, xs: Sequence[float], heights: Sequence[float]) -> None:
        page = self.page
        tops = [self.y]
        for r in range(start, end):
            tops.append(tops[-1] - heights[r])
        for c in grid.cells:
            if not start <= c.row < end:
                continue
            x0, x1 = xs[c.col], xs[c.col + c.colspan]
            top, bottom = tops[c.row - start], tops[c.row - start + c.rowspan]
            page.rule(x0, top, x1, top)
            page.rule(x0, bottom, x1, bottom)
            page.rule(x0, top, x0, bottom)
            page.rule(x1, top, x1, bottom)
            self._cell_text(grid, c, x0, x1, top, bottom)
        self.y = tops[-1]

    def _cell_text(self, grid: Grid, c: GridCell, x0: float, x1: float, top: float, bottom: float) -> None:
        text = c.text
        if _vertical(grid, c):  # Identity-V: glyphs stacked downwards from the current point (the top centre)
            chars = text.replace("\n", "")
            start = (top + bottom) / 2 + len(chars) * CELL / 2
            self.page.text("V", CELL, (x0 + x1) / 2, start, self.font.encode(chars))
            return
        lines = [line for part in text.split("\n") for line in self.wrap(part, CELL, x1 - x0 - 2 * CELL_PAD)]
        y = (top + bottom) / 2 + len(lines) * CELL * 1.3 / 2 - CELL
        for line in lines:
            x = x0 + CELL_PAD if c.kind in ("label", "banner") else (x0 + x1 - self.font.width(line, CELL)) / 2
            self.page.text("H", CELL, x, y, self.font.encode(line))
            y -= CELL * 1.3


def _vertical(grid: Grid, cell: GridCell) -> bool:
    return grid.key == "requests" and cell.kind == "group" and cell.rowspan > 1


def _texts(model: ReportModel) -> Iterable[str]:
    yield model.title
    yield from model.preamble
    for section in model.sections:
        yield section.heading
        yield from section.paragraphs
    for grid in report_grids(model).values():
        yield from (c.text for c in grid.cells)
    yield from model.signature


def model_to_cid_pdf(model: ReportModel) -> bytes:
    """The report as a PDF with an embedded CID font, its group cells in vertical writing (Identity-V)."""
    font = subset_font(frozenset("".join(_texts(model)).replace("\n", "")))
    writer = _Writer(font)
    grids = report_grids(model)
    writer.paragraph(model.title, TITLE, indent=0)
    for line in model.preamble:
        writer.paragraph(line)
    for section in model.sections:
        writer.paragraph(section.heading, indent=0)
        for text in section.paragraphs:
            writer.paragraph(text)
        if section.key in grids:
            writer.table(grids[section.key])
    for line in model.signature:
        writer.paragraph(line, indent=0)
    return _pdf_bytes(font, [p.ops for p in writer.pages])


# -- the file --------------------------------------------------------------------------------------

def _to_unicode(font: CidFont) -> bytes:
    pairs = sorted((code, ch) for ch, code in font.codes.items())
    chunks = [pairs[i:i + 100] for i in range(0, len(pairs), 100)]
    body = "".join(f"{len(chunk)} beginbfchar\n" + "".join(
        f"<{code:04X}> <{''.join(f'{u:04X}' for u in _utf16(ch))}>\n" for code, ch in chunk) + "endbfchar\n"
        for chunk in chunks)
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{body}endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data, 9)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def _pdf_bytes(font: CidFont, pages: list[list[str]]) -> bytes:
    """Objects: 1 catalog, 2 pages, 3–4 the two Type0 fonts, 5 CIDFont, 6 descriptor, 7 font file, 8 ToUnicode."""
    widths = " ".join(f"{code} [{font.widths[ch]}]" for ch, code in sorted(font.codes.items(), key=lambda i: i[1]))
    base = "ABCDEF+NotoSansCJKsc-Regular"
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, below
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{base}-Identity-H /Encoding /Identity-H "
        "/DescendantFonts [5 0 R] /ToUnicode 8 0 R >>".encode(),
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{base}-Identity-V /Encoding /Identity-V "
        "/DescendantFonts [5 0 R] /ToUnicode 8 0 R >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{base} "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor 6 0 R /DW 1000 /W [{widths}] /DW2 [880 -1000] >>".encode(),
        f"<< /Type /FontDescriptor /FontName /{base} /Flags 4 /FontBBox [-1000 -1000 3000 1500] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 733 /StemV 80 /FontFile3 7 0 R >>".encode(),
        _stream(font.data, "/Subtype /OpenType "),
        _stream(_to_unicode(font)),
    ]
    kids = []
    for ops in pages:
        content = len(objects) + 2
        kids.append(f"{len(objects) + 1} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                       f"/Resources << /Font << /H 3 0 R /V 4 0 R >> >> /Contents {content} 0 R >>".encode())
        objects.append(_stream("\n".join(ops).encode("ascii")))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
