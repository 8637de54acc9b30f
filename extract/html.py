"""Reader for saved report pages (HTML), including Word-pasted markup and site chrome around the report.

Tables keep rowspan/colspan as spans on anchor cells; a cell's text joins its ``<span>`` pieces,
``<br>`` and ``<p>`` become line breaks, ``&nbsp;`` stays as U+00A0 so an empty-looking cell is
kept distinct from a covered slot. A table that contains other tables is page layout, not
data: its cells are walked as ordinary content.

    >>> page = "<p>一、总体情况</p><table><tr><td rowspan=2>a</td><td>1</td></tr><tr><td>&nbsp;</td></tr></table>"
    >>> doc = html_to_document(page.encode(), "x.html")
    >>> [(c.row, c.col, c.text, c.rowspan) for c in doc.blocks[1].cells]
    [(0, 0, 'a', 2), (0, 1, '1', 1), (1, 1, '\\xa0', 1)]
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ogi.extract.caps import MAX_COLUMNS, MAX_GRID_SLOTS, CapExceeded
from ogi.extract.textdecode import declared_charset, decode
from ogi.schemas import Block, Document, Heading, Paragraph, Table, TableCell, UnreadableFile

SKIP_TAGS = {"script", "style", "noscript", "head", "title", "template", "iframe", "select", "button", "svg"}
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
    "header", "footer", "nav", "aside", "blockquote", "pre", "table", "tr", "td", "th", "form", "center",
    "dl", "dt", "dd", "body", "html", "hr", "figure", "figcaption", "address", "fieldset", "tbody", "thead",
}
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"[ \t\r\n\f\v]+")
CACHED_CELL = 256  # characters of a cell's raw text, at most, for its cleaned text to be kept
# lxml.html's parser without its element class lookup (HtmlElement), a Python call for every element touched:
# the same tree; ``string()`` is what lxml.html's ``text_content()`` evaluates
_PARSER = etree.HTMLParser()
_TEXT_CONTENT = etree.XPath("string()")


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return _tag_name(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=1024)
def _tag_name(tag: str) -> str:
    return tag.lower().split("}")[-1]


def _text_content(el: etree._Element) -> str:
    return str(_TEXT_CONTENT(el))


def _clean_line(text: str) -> str:
    return _WS.sub(" ", text).strip(" ")


def _inline_text(el: etree._Element, out: list[str]) -> None:
    """Text of an element with <br>/<p>/<div> as line breaks (used inside table cells)."""
    raw_tag = el.tag
    if not isinstance(raw_tag, str):
        return
    tag = _tag_name(raw_tag)
    if tag in SKIP_TAGS:
        return
    if tag == "br" or (tag in {"p", "div", "li", "tr"} and out and not out[-1].endswith("\n")):
        out.append("\n")
    if text := el.text:  # lxml builds a new str on every read of .text/.tail: read once
        out.append(text)
    for child in el:
        _inline_text(child, out)
        if tail := child.tail:
            out.append(tail)


def _cell_text(el: etree._Element) -> str:
    if len(el):
        parts: list[str] = []
        _inline_text(el, parts)
        joined = "".join(parts)
    else:  # a cell of text only (what _inline_text gives for a td or th without children)
        joined = el.text or ""
    return _clean_cell_cached(joined) if len(joined) <= CACHED_CELL else _clean_cell(joined)


def _clean_cell(joined: str) -> str:
    lines = [_clean_line(line) for line in joined.split("\n")]
    text = "\n".join(line for line in lines if line.strip(" "))
    if not text and "\u00a0" in joined:
        return "\u00a0"
    return text


# cell texts repeat across the rows and the pages of a run (``0``, the template's labels): short ones are kept
_clean_cell_cached = lru_cache(maxsize=1 << 14)(_clean_cell)


def _own_rows(table: etree._Element) -> list[etree._Element]:
    rows = []
    for el in table.iter("tr"):
        parent = el.getparent()
        while parent is not None and _tag(parent) != "table":
            parent = parent.getparent()
        if parent is table:
            rows.append(el)
    return rows


def _span(raw: str | None) -> int:
    """A rowspan/colspan attribute's value: 1 when absent or not a number, at most 1000."""
    if raw is None:
        return 1
    try:
        return max(1, min(int(str(raw).strip() or 1), 1000))
    except ValueError:
        return 1


def _table(el: etree._Element) -> Table:
    cells: list[TableCell] = []
    occupied: set[tuple[int, int]] = set()
    rows = _own_rows(el)
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if _tag(td) not in {"td", "th"}:
                continue
            while (r, c) in occupied:
                c += 1
            # a rowspan past the table's last row ends there (as browsers draw it)
            rs, cs = min(_span(td.get("rowspan")), len(rows) - r), _span(td.get("colspan"))
            if len(occupied) + rs * cs > MAX_GRID_SLOTS or c + cs > MAX_COLUMNS:
                raise CapExceeded(f"a table of more than {MAX_GRID_SLOTS:,} grid slots or {MAX_COLUMNS:,} "
                                  "columns (spans)")
            cells.append(TableCell(r, c, _cell_text(td), rowspan=rs, colspan=cs))
            if rs == cs == 1:
                occupied.add((r, c))
            else:
                occupied.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
            c += cs
    return Table(tuple(cells))


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        text = _clean_line("".join(self.buf).replace("\u00a0", " "))
        self.buf = []
        if text:
            self.blocks.append(Paragraph(text))

    def walk(self, el: etree._Element) -> None:
        raw_tag = el.tag
        if not isinstance(raw_tag, str):
            return
        tag = _tag_name(raw_tag)
        if tag in SKIP_TAGS:
            return
        if tag == "table" and el.find(".//table") is None:
            self.flush()
            table = _table(el)
            if table.cells:
                self.blocks.append(table)
            return
        if tag in HEADING_TAGS:
            self.flush()
            text = _clean_line(_text_content(el).replace("\u00a0", " "))
            if text:
                self.blocks.append(Heading(text, HEADING_TAGS[tag]))
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        if text := el.text:
            self.buf.append(text)
        for child in el:
            self.walk(child)
            if tail := child.tail:
                self.buf.append(tail)
        if block:
            self.flush()


def html_to_document(data: bytes, source: str) -> Document:
    text = decode(data, declared_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise UnreadableFile(source, "empty HTML page")
    try:
        root = etree.fromstring(text, _PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as err:
        raise UnreadableFile(source, f"not parseable as HTML ({err})") from None
    title_el = root.find(".//title")
    title = _clean_line(_text_content(title_el)) if title_el is not None else None
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return Document(source=source, format="html", blocks=tuple(walker.blocks), title=title or None)


def read_html(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(str(path), f"cannot read file ({err.strerror})") from None
    return html_to_document(data, str(path))
