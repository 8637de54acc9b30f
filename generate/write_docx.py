"""Write a model as DOCX with python-docx: merged cells as Word writes them (gridSpan, vMerge),
repeated header rows, rows allowed or not to break across pages, a landscape section, page numbers.

The bytes are reproducible: fixed core properties and fixed zip entry dates.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import BytesIO

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ogi.generate import prose
from ogi.generate.grids import Grid, GridCell, report_grids
from ogi.generate.model import ReportModel

BODY_FONT = "Noto Sans CJK SC"
HEADING_FONT = "Noto Sans CJK SC"
BODY_PT = 14
TABLE_PT = {"active_disclosure": 10.5, "requests": 9, "review_litigation": 10.5}
A4 = (Cm(21.0), Cm(29.7))
PORTRAIT_MARGINS = (Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6))  # top, bottom, left, right (GB/T 9704)
LANDSCAPE_MARGINS = (Cm(2.5), Cm(2.5), Cm(2.5), Cm(2.5))
PAGE_NUMBER_DASHES = {"dash": ("-", "-"), "emdash": ("— ", " —")}


def _set_defaults(doc: Document) -> None:
    """Fonts and spacing in docDefaults, so every paragraph (tables included) gets the CJK font."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), BODY_FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), "21")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "21")
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


KEEP_STYLES = {"Normal", "Header", "HeaderChar", "Footer", "FooterChar", "DefaultParagraphFont", "TableNormal",
               "NoList", "TableGrid"}
DROP_RELS = ("stylesWithEffects", "customXml", "thumbnail")


def _slim(doc: Document) -> None:
    """Drop what the python-docx template carries but a report does not use (unused styles, thumbnail)."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)
    for part in (doc.part, doc.part.package):
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROP_RELS:
                del part.rels[rel_id]


def _run(paragraph: Paragraph, text: str, size: float, font: str | None = None, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    if font is not None:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _body(doc: Document, text: str, indent: bool = True) -> None:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(26)
    if indent:
        fmt.first_line_indent = Pt(2 * BODY_PT)
    _run(p, text, BODY_PT)


def _heading(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.line_spacing = Pt(26)
    p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    _run(p, text, BODY_PT, HEADING_FONT)


def _title(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(18)
    _run(p, text, 20, BODY_FONT, bold=True)


def _row_property(table: Table, index: int, tag: str) -> None:
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(tag))


def _fill_cell(cell: _Cell, gc: GridCell, size: float, vertical: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = gc.text.split("\n") if vertical == "explicit" and gc.kind == "head" else [gc.text]
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        if gc.kind != "label":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            _run(p, line, size)


def _table(doc: Document, grid: Grid, width_cm: float, repeat_header: bool, allow_split: bool,
           vertical: str) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    scale = width_cm / sum(grid.widths)
    widths = [Cm(w * scale) for w in grid.widths]
    for i, col in enumerate(table.columns):
        col.width = widths[i]
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    for index in range(grid.n_rows):
        if not allow_split:
            _row_property(table, index, "w:cantSplit")
        if repeat_header and index < grid.header_rows:
            _row_property(table, index, "w:tblHeader")
    # One snapshot before merging: merging disjoint rectangles leaves the other anchors' cells valid.
    slots = [row.cells for row in table.rows]
    for gc in grid.cells:
        cell = slots[gc.row][gc.col]
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(slots[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
        _fill_cell(cell, gc, TABLE_PT[grid.key], vertical)


def _page_number(doc: Document, style: str) -> None:
    if style == "none":
        return
    left, right = PAGE_NUMBER_DASHES[style]
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, left, 12)
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    run.font.size = Pt(12)
    _run(p, right, 12)


def _page_setup(doc: Document, landscape: bool) -> float:
    """Set up the last section; return the text width in cm."""
    section = doc.sections[-1]
    width, height = A4
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = margins
    return float((section.page_width - section.left_margin - section.right_margin) / Cm(1))


def _core_properties(doc: Document, model: ReportModel) -> None:
    when = datetime(model.year + 1, 1, 15, 9, 0, 0, tzinfo=UTC)
    props = doc.core_properties
    props.author = "Administrator"
    props.last_modified_by = "Administrator"
    props.title = model.title
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry dates and order, so equal content gives equal bytes."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def model_to_docx(model: ReportModel, filler: int | None = None) -> bytes:
    """The DOCX bytes of a model; ``filler`` overrides the number of filler clauses before table 三."""
    layout = model.layout
    doc = new_document()
    _slim(doc)
    _set_defaults(doc)
    width = _page_setup(doc, landscape=False)
    _page_number(doc, layout.page_number)
    _title(doc, model.title)
    for text in model.preamble:
        _body(doc, text)
    grids = report_grids(model)
    extra = layout.filler if filler is None else filler
    for section in model.sections:
        landscape = section.key == "requests" and layout.landscape_requests
        if landscape:
            doc.add_section(WD_SECTION.NEW_PAGE)
            table_width = _page_setup(doc, landscape=True)
        else:
            table_width = width
        _heading(doc, section.heading)
        for text in section.paragraphs:
            _body(doc, text)
        if section.key == "requests" and extra:
            _body(doc, prose.filler(model.index, extra))
        if section.key in grids:
            _table(doc, grids[section.key], table_width - 0.2, layout.repeat_header, layout.allow_row_split,
                   layout.vertical_headers)
        if landscape:
            doc.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(doc, landscape=False)
    for line in model.signature:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, line, BODY_PT)
    _core_properties(doc, model)
    buf = BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue())
