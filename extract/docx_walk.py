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
from ogi.extract.docx_styles import NumRef, Styles, first_child, num_ref, on
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
W_B = f"{W}b"
W_BR = f"{W}br"
W_CUSTOMXML = f"{W}customXml"
W_JC = f"{W}jc"
W_LASTRENDEREDPAGEBREAK = f"{W}lastRenderedPageBreak"
W_OUTLINELVL = f"{W}outlineLvl"
W_P = f"{W}p"
W_PPR = f"{W}pPr"
W_PSTYLE = f"{W}pStyle"
W_DEL = f"{W}del"
W_R = f"{W}r"
W_RPR = f"{W}rPr"
W_SDT = f"{W}sdt"
W_SDTCONTENT = f"{W}sdtContent"
W_T = f"{W}t"
W_TBL = f"{W}tbl"
W_TC = f"{W}tc"
W_TCPR = f"{W}tcPr"
W_CELLDEL = f"{W}cellDel"
W_GRIDBEFORE = f"{W}gridBefore"
W_GRIDSPAN = f"{W}gridSpan"
W_HMERGE = f"{W}hMerge"
W_TR = f"{W}tr"
W_TRPR = f"{W}trPr"
W_VMERGE = f"{W}vMerge"
W_TXBXCONTENT = f"{W}txbxContent"
W_TYPE = f"{W}type"
W_VAL = f"{W}val"
W_VANISH = f"{W}vanish"


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


@dataclass
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
            if child.tag in (W_P, W_TBL):
                yield child
            elif child.tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self.block_elements(content)
            elif child.tag in BLOCK_CONTAINERS:
                yield from self.block_elements(child)
            elif child.tag == MC_ALTERNATECONTENT:
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
            para = self.paragraph(el)
            if self._mark_deleted(el):
                carried += para.text
                out.extend(para.boxes)
                continue
            text = (carried + para.text).strip() if carried else para.text
            carried = ""
            if text:
                out.append(self._paragraph_block(el, text, para.page, body))
                if body:
                    self._note_title_candidate(el, text, para)
            out.extend(para.boxes)
        if carried.strip():
            out.append(Paragraph(carried.strip(), page=self.page))
        return out

    def _paragraph_block(self, p: etree._Element, text: str, page: int | None, body: bool) -> Block:
        level = self.styles.heading_level(self._style_id(p)) if body else None
        ppr = p.find(W_PPR)
        direct = ppr.find(W_OUTLINELVL) if ppr is not None else None
        if body and direct is not None:
            try:
                raw = int(direct.get(W_VAL, "9"))
            except ValueError:
                raw = 9
            level = raw + 1 if 0 <= raw < 9 else None
        return Heading(text, level, page=page) if level is not None else Paragraph(text, page=page)

    def _note_title_candidate(self, p: etree._Element, text: str, para: _Para) -> None:
        self._body_paragraphs += 1
        if self._seen_table or self._body_paragraphs > TITLE_SEARCH:
            return
        ppr = p.find(W_PPR)
        jc = ppr.find(W_JC) if ppr is not None else None
        style_id = self._style_id(p)
        centered = jc.get(W_VAL) == "center" if jc is not None else self.styles.centered(style_id)
        bold = para.bold_runs > 0 and para.plain_runs == 0
        if centered or bold:
            self.title_candidates.append(text)

    @staticmethod
    def _style_id(p: etree._Element) -> str | None:
        style = first_child(p, W_PPR, W_PSTYLE)
        return style.get(W_VAL) if style is not None else None

    @staticmethod
    def _mark_deleted(p: etree._Element) -> bool:
        return first_child(p, W_PPR, W_RPR, W_DEL) is not None

    # -- paragraphs -----------------------------------------------------------------------------

    def paragraph(self, p: etree._Element) -> _Para:
        para = _Para()
        style_id = self._style_id(p)
        label = None if self._mark_deleted(p) else self._number_label(p, style_id)
        if label:
            para.parts.append(label)
        para_bold = self.styles.bold(style_id)
        self._inline(p, para, para_bold)
        if para.page is None:
            para.page = self.page
        return para

    def _number_label(self, p: etree._Element, style_id: str | None) -> str | None:
        direct = num_ref(first_child(p, W_PPR))
        from_style = self.styles.numbering(style_id)
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
        rpr = first_child(run, W_RPR)
        if rpr is not None and on(first_child(rpr, W_VANISH)):
            return  # hidden text: neither shown nor printed
        direct_bold = on(first_child(rpr, W_B)) if rpr is not None else None
        bold = para_bold if direct_bold is None else direct_bold
        before = len(para.parts)
        for child in run:
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
                self._text(text if child.get(XML_SPACE) == "preserve" else text.strip(), para)
            elif tag in BREAK_CHARS:
                self._text(BREAK_CHARS[tag], para)
            elif tag == W_BR:
                if child.get(W_TYPE) not in {"page", "column"}:
                    self._text("\n", para)
            elif tag == W_LASTRENDEREDPAGEBREAK and self.page is not None:
                self.page += 1
            elif tag in TEXT_BOX_HOSTS:
                for box in text_boxes(child):
                    para.boxes.extend(self.blocks(box))
        if any(p.strip() for p in para.parts[before:]):
            if bold:
                para.bold_runs += 1
            else:
                para.plain_runs += 1

    def _text(self, text: str, para: _Para) -> None:
        if text:
            if para.page is None and text.strip():
                para.page = self.page
            para.parts.append(text)

    # -- tables ------------------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> tuple[Table, list[Block]]:
        """The table, and the blocks nested in its cells (inner tables, text boxes) to follow it."""
        nested: list[Block] = []
        rows: list[RawRow] = []
        for tr in self._children(tbl, W_TR):
            if first_child(tr, W_TRPR, W_DEL) is not None:
                continue  # a tracked row deletion, accepted
            row_page = self.page
            last_page = self.page
            cells: list[RawCell] = []
            for tc in self._children(tr, W_TC):
                if first_child(tc, W_TCPR, W_CELLDEL) is not None:
                    continue
                self.page = row_page
                cells.append(self._cell(tc, nested))
                if self.page is not None and last_page is not None:
                    last_page = max(last_page, self.page)
            self.page = last_page
            if cells:
                rows.append(RawRow(self._grid_before(tr), tuple(cells)))
        cells_out = rows_to_cells(rows)
        page = cells_out[0].page if cells_out else self.page
        return Table(cells_out, page=page), nested

    def _children(self, parent: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Rows of a table or cells of a row, looking through content controls and customXml."""
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif child.tag == W_CUSTOMXML:
                yield from self._children(child, tag)

    def _cell(self, tc: etree._Element, nested: list[Block]) -> RawCell:
        texts: list[str] = []
        page: int | None = None
        for el in self.block_elements(tc):
            if el.tag == W_TBL:
                inner, inner_nested = self.table(el)
                if inner.cells:
                    nested.append(inner)
                nested.extend(inner_nested)
                continue
            para = self.paragraph(el)
            if para.text:
                texts.append(para.text)
                if page is None:
                    page = para.page
            nested.extend(para.boxes)
        tcpr = first_child(tc, W_TCPR)
        return RawCell(
            text="\n".join(texts),
            span=_int_val(tcpr, W_GRIDSPAN, 1),
            vmerge=_merge_val(tcpr, W_VMERGE),
            hmerge=_merge_val(tcpr, W_HMERGE),
            page=page if page is not None else self.page,
        )

    @staticmethod
    def _grid_before(tr: etree._Element) -> int:
        return _int_val(first_child(tr, W_TRPR), W_GRIDBEFORE, 0)


def _int_val(parent: etree._Element | None, tag: str, default: int) -> int:
    el = first_child(parent, tag) if parent is not None else None
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, str(default)))
    except ValueError:
        return default


def _merge_val(tcpr: etree._Element | None, tag: str) -> str | None:
    el = first_child(tcpr, tag) if tcpr is not None else None
    if el is None:
        return None
    return el.get(W_VAL, "continue")
