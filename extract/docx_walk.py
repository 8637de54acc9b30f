"""Walk a WordprocessingML body into blocks, in the order Word shows them.

Block level: ``w:p`` and ``w:tbl``, looking through ``w:sdt`` content controls,
``w:customXml`` and ``mc:AlternateContent``. Inline: runs, with tracked changes read as
accepted (``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom`` dropped), field instructions
dropped and field results kept, hidden runs (``w:vanish``) dropped. Text boxes (DrawingML
``wps:txbx``, VML ``v:textbox``, whether or not wrapped in ``mc:AlternateContent``) and
tables nested in a cell are emitted as their own blocks right after the paragraph or table
holding them.

Pages are counted from ``w:lastRenderedPageBreak``, which Word writes wherever a page
began when it last laid the document out; files without any (WPS, LibreOffice, python-docx)
get ``page=None``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ogi.extract.docx_numbering import Numbering
from ogi.extract.docx_pr import CellProps, NumRef, ParaProps, cell_props, paragraph_props, row_props, run_props
from ogi.extract.docx_styles import Styles
from ogi.extract.docx_tables import RawCell, RawRow, rows_to_cells
from ogi.schemas import Block, Heading, Paragraph, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

BLOCK_CONTAINERS = {f"{W}customXml", f"{W}ins", f"{W}moveTo"}
INLINE_CONTAINERS = {f"{W}ins", f"{W}moveTo", f"{W}hyperlink", f"{W}smartTag", f"{W}fldSimple",
                     f"{W}customXml", f"{W}dir", f"{W}bdo", f"{M}oMath", f"{M}oMathPara", f"{M}r"}
SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}delText", f"{W}instrText",
           f"{W}delInstrText", f"{W}fldChar"}
BREAK_CHARS = {f"{W}tab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-", f"{W}ptab": "\t"}
TEXT_BOX_HOSTS = {f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"}
TITLE_SEARCH = 8  # body paragraphs looked at for a centred or bold title

# Tag names as constants: built once, not per element (the walk visits every run of the document).
MC_ALTERNATECONTENT = f"{MC}AlternateContent"
MC_CHOICE = f"{MC}Choice"
MC_FALLBACK = f"{MC}Fallback"
M_T = f"{M}t"
W_BR = f"{W}br"
W_CUSTOMXML = f"{W}customXml"
W_LASTRENDEREDPAGEBREAK = f"{W}lastRenderedPageBreak"
W_P = f"{W}p"
W_R = f"{W}r"
W_RPR = f"{W}rPr"
W_SDT = f"{W}sdt"
W_SDTCONTENT = f"{W}sdtContent"
W_T = f"{W}t"
W_TBL = f"{W}tbl"
W_TC = f"{W}tc"
W_TR = f"{W}tr"
W_TXBXCONTENT = f"{W}txbxContent"
W_TYPE = f"{W}type"
W_VAL = f"{W}val"


def choose_alternative(el: etree._Element) -> etree._Element | None:
    """The branch of ``mc:AlternateContent`` to read: the first ``mc:Choice``, else ``mc:Fallback``.

    Both branches hold the same content (a DrawingML and a VML copy of a text box), so
    reading both would duplicate it.
    """
    branch = el.find(MC_CHOICE)
    return branch if branch is not None else el.find(MC_FALLBACK)


def text_boxes(el: etree._Element) -> Iterator[etree._Element]:
    """Outermost ``w:txbxContent`` in a drawing, reading one branch of each AlternateContent."""
    if el.tag == W_TXBXCONTENT:
        yield el
        return
    children: list[etree._Element] = list(el)
    if el.tag == MC_ALTERNATECONTENT:
        branch = choose_alternative(el)
        children = list(branch) if branch is not None else []
    for child in children:
        if isinstance(child.tag, str):
            yield from text_boxes(child)


@dataclass(slots=True)
class _Para:
    """Text gathered from one paragraph while walking its runs."""

    parts: list[str] = field(default_factory=list)
    page: int | None = None
    bold_runs: int = 0
    plain_runs: int = 0
    boxes: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


class BodyWalker:
    """Turns block containers (body, cell, text box) into blocks; keeps list counters and the page."""

    def __init__(self, styles: Styles, numbering: Numbering, rendered_pages: bool) -> None:
        self.styles = styles
        self.numbering = numbering
        self.page: int | None = 1 if rendered_pages else None
        self.title_candidates: list[str] = []
        self._body_paragraphs = 0
        self._seen_table = False

    # -- block level -------------------------------------------------------------------------

    def block_elements(self, container: etree._Element) -> Iterator[etree._Element]:
        for child in container:
            tag = child.tag
            if tag in (W_P, W_TBL):
                yield child
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self.block_elements(content)
            elif tag in BLOCK_CONTAINERS:
                yield from self.block_elements(child)
            elif tag == MC_ALTERNATECONTENT:
                branch = choose_alternative(child)
                if branch is not None:
                    yield from self.block_elements(branch)

    def blocks(self, container: etree._Element, body: bool = False) -> list[Block]:
        out: list[Block] = []
        carried = ""  # text of a paragraph whose mark was deleted: it joins the next paragraph
        for el in self.block_elements(container):
            if el.tag == W_TBL:
                table, nested = self.table(el)
                self._seen_table = True
                if table.cells:
                    out.append(table)
                out.extend(nested)
                continue
            props = paragraph_props(el)
            para = self.paragraph(el, props)
            if props.mark_deleted:
                carried += para.text
                out.extend(para.boxes)
                continue
            text = (carried + para.text).strip() if carried else para.text
            carried = ""
            if text:
                out.append(self._paragraph_block(props, text, para.page, body))
                if body:
                    self._note_title_candidate(props, text, para)
            out.extend(para.boxes)
        if carried.strip():
            out.append(Paragraph(carried.strip(), page=self.page))
        return out

    def _paragraph_block(self, props: ParaProps, text: str, page: int | None, body: bool) -> Block:
        level = self.styles.heading_level(props.style_id) if body else None
        direct = props.outline
        if body and direct is not None:
            try:
                raw = int(direct.get(W_VAL, "9"))
            except ValueError:
                raw = 9
            level = raw + 1 if 0 <= raw < 9 else None
        return Heading(text, level, page=page) if level is not None else Paragraph(text, page=page)

    def _note_title_candidate(self, props: ParaProps, text: str, para: _Para) -> None:
        self._body_paragraphs += 1
        if self._seen_table or self._body_paragraphs > TITLE_SEARCH:
            return
        jc = props.jc
        style_id = props.style_id
        centered = jc.get(W_VAL) == "center" if jc is not None else self.styles.centered(style_id)
        bold = para.bold_runs > 0 and para.plain_runs == 0
        if centered or bold:
            self.title_candidates.append(text)

    # -- paragraphs -----------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, props: ParaProps) -> _Para:
        para = _Para()
        style_id = props.style_id
        label = None if props.mark_deleted else self._number_label(props.numbering, style_id)
        if label:
            para.parts.append(label)
        para_bold = self.styles.bold(style_id)
        self._inline(p, para, para_bold)
        if para.page is None:
            para.page = self.page
        return para

    def _number_label(self, direct: NumRef | None, style_id: str | None) -> str | None:
        from_style = self.styles.numbering(style_id)
        if direct is None and from_style is None:
            return None
        ref = NumRef(
            direct.num_id if direct is not None and direct.num_id is not None
            else (from_style.num_id if from_style is not None else None),
            direct.ilvl if direct is not None and direct.ilvl is not None
            else (from_style.ilvl if from_style is not None else None),
        )
        if ref.num_id is None or ref.num_id == "0":
            return None
        ilvl = ref.ilvl or 0
        label = self.numbering.label(ref.num_id, ilvl)
        if not label:
            return None
        suffix = self.numbering.suffix(ref.num_id, ilvl)
        joins_directly = suffix == "nothing" or label[-1] in "、.．。)）:："
        return label if joins_directly else label + " "

    def _inline(self, el: etree._Element, para: _Para, para_bold: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self._run(child, para, para_bold)
            elif tag in SKIPPED:
                continue
            elif tag in INLINE_CONTAINERS:
                self._inline(child, para, para_bold)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, para, para_bold)
            elif tag == MC_ALTERNATECONTENT:
                branch = choose_alternative(child)
                if branch is not None:
                    self._inline(branch, para, para_bold)
            elif tag == M_T:
                self._text(child.text or "", para)

    def _run(self, run: etree._Element, para: _Para, para_bold: bool) -> None:
        hidden, direct_bold = run_props(run)
        if hidden:
            return  # hidden text: neither shown nor printed
        shown = False  # the run put visible (non-blank) text into the paragraph
        for child in run:
            tag = child.tag
            if tag == W_T:
                text = child.text
                if text:
                    stripped = text.strip()  # xml:space matters only to text with outer spaces: .get is dear
                    if stripped != text and child.get(XML_SPACE) != "preserve":
                        text = stripped
                if text:  # self._text, inlined: most runs are one w:t
                    visible = not text.isspace()
                    if visible and para.page is None:
                        para.page = self.page
                    para.parts.append(text)
                    shown = shown or visible
            elif tag != W_RPR:
                shown = self._run_mark(child, tag, para) or shown
        if shown:
            if para_bold if direct_bold is None else direct_bold:
                para.bold_runs += 1
            else:
                para.plain_runs += 1

    def _run_mark(self, child: etree._Element, tag: str, para: _Para) -> bool:
        """A run's child other than w:t and w:rPr: breaks, a page mark, text boxes. True if it showed text."""
        if tag in BREAK_CHARS:
            return self._text(BREAK_CHARS[tag], para)  # a non-breaking hyphen shows
        if tag == W_BR:
            if child.get(W_TYPE) not in {"page", "column"}:
                self._text("\n", para)
        elif tag == W_LASTRENDEREDPAGEBREAK and self.page is not None:
            self.page += 1
        elif tag in TEXT_BOX_HOSTS:
            for box in text_boxes(child):
                para.boxes.extend(self.blocks(box))
        return False

    def _text(self, text: str, para: _Para) -> bool:
        """Append ``text`` to the paragraph; True when it is not blank."""
        if not text:
            return False
        visible = not text.isspace()
        if para.page is None and visible:
            para.page = self.page
        para.parts.append(text)
        return visible

    # -- tables ------------------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> tuple[Table, list[Block]]:
        """The table, and the blocks nested in its cells (inner tables, text boxes) to follow it."""
        nested: list[Block] = []
        rows: list[RawRow] = []
        for tr in self._children(tbl, W_TR):
            deleted, grid_before = row_props(tr)
            if deleted:
                continue  # a tracked row deletion, accepted
            row_page = self.page
            last_page = self.page
            cells: list[RawCell] = []
            for tc in self._children(tr, W_TC):
                props = cell_props(tc)
                if props.deleted:
                    continue
                self.page = row_page
                cells.append(self._cell(tc, props, nested))
                if self.page is not None and last_page is not None:
                    last_page = max(last_page, self.page)
            self.page = last_page
            if cells:
                rows.append(RawRow(grid_before, tuple(cells)))
        cells_out = rows_to_cells(rows)
        page = cells_out[0].page if cells_out else self.page
        return Table(cells_out, page=page), nested

    def _children(self, parent: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Rows of a table or cells of a row, looking through content controls and customXml."""
        for child in parent:
            child_tag = child.tag
            if child_tag == tag:
                yield child
            elif child_tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif child_tag == W_CUSTOMXML:
                yield from self._children(child, tag)

    def _cell(self, tc: etree._Element, props: CellProps, nested: list[Block]) -> RawCell:
        texts: list[str] = []
        page: int | None = None
        for el in self.block_elements(tc):
            if el.tag == W_TBL:
                inner, inner_nested = self.table(el)
                if inner.cells:
                    nested.append(inner)
                nested.extend(inner_nested)
                continue
            para = self.paragraph(el, paragraph_props(el))
            text = para.text
            if text:
                texts.append(text)
                if page is None:
                    page = para.page
            nested.extend(para.boxes)
        return RawCell("\n".join(texts), props.span, props.vmerge, props.hmerge,
                       page if page is not None else self.page)
