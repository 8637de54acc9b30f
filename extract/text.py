"""Reader for text copied from a web page and for markdown written by PDF-to-markdown converters.

Two table notations are recognised, everything else is one paragraph a line:

* clipboard tables (like the seed): a line starting with a TAB opens a cell, a line without a
  tab right after a cell continues it (header words split over lines), a blank line ends a row,
  and a blank line followed by a non-tab line ends the table;
* markdown pipe tables: ``| a | b |`` rows; ``|---|`` separator lines are skipped.

    >>> doc = text_to_document("一、总体情况\\n正文\\n\\t规章\\n\\t0\\n\\n\\t信息\\n内容\\n\\t1\\n\\n二、x", "t.txt")
    >>> [type(b).__name__ for b in doc.blocks]
    ['Paragraph', 'Paragraph', 'Table', 'Paragraph']
    >>> [[c.text for c in row] for row in doc.blocks[2].rows()]
    [['规章', '0'], ['信息\\n内容', '1']]
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ogi.extract.caps import MAX_TABLE_ROWS, CapExceeded
from ogi.extract.text_cells import cell_lines_table
from ogi.extract.text_columns import dash_table
from ogi.extract.text_grid import grid_block_end, is_ascii_rule, is_box_top, lines_to_table
from ogi.extract.text_rows import spaced_rows_table, table_start
from ogi.extract.text_sparse import sparse_rows_table
from ogi.extract.text_stream import stream_table
from ogi.extract.textdecode import decode
from ogi.schemas import Block, Document, Heading, Paragraph, Table, TableCell, UnreadableFile

_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BR = re.compile(r"<br\s*/?>", re.I)
_INLINE_TAG = re.compile(r"</?(?:span|font|b|strong|i|em|u|o:p|a|sup|sub|div|p)\b[^>]*>", re.I)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")
_HTML_TAG_LINE = re.compile(r"^\s*</?(div|span|section|article|p|center|font|nav|header|footer|main)\b[^>]*>\s*$", re.I)
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_MARKUP_CHAR = re.compile(r"[<\[*_\\&]")  # no inline markup without one of these: the text stands as it is
_PIPE = re.compile(r"(?<!\\)\|")
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_SECTION_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
MAX_SPANNING_ROW = 40  # characters of a one-cell row between tab-joined rows


def _rows_to_table(rows: list[list[str]]) -> Table:
    cells = tuple(TableCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(cells)


def md_inline(text: str) -> str:
    """Markdown inline markup a converter adds, as the text it stands for: ``**粗体**``, ``[链接](url)``,
    backslash escapes (``\\>``), inline HTML left in (``<span style=…>``, ``&nbsp;``).

    >>> md_inline(r"**一、总体情况**"), md_inline(r"[首页](/) \\> 年报")
    ('一、总体情况', '首页 > 年报')
    """
    if not _MARKUP_CHAR.search(text):
        return text
    text = _MD_LINK.sub(r"\1", _INLINE_TAG.sub("", text))
    text = _MD_EMPHASIS.sub(r"\2", text)
    return html.unescape(_MD_ESCAPE.sub(r"\1", text)) if "&" in text else _MD_ESCAPE.sub(r"\1", text)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [md_inline(_BR.sub("\n", c) if "<" in c else c).strip() for c in _PIPE.split(s)]


class _Builder:
    """Accumulates blocks while scanning lines; one job: the line grammar above."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tab_rows: list[list[str]] = []
        self.row: list[str] = []
        self.pipe_rows: list[list[str]] = []
        self.blank_after_row = False

    def end_tab_row(self) -> None:
        if self.row:
            self.tab_rows.append(self.row)
            self.row = []

    def end_tab_table(self) -> None:
        self.end_tab_row()
        if self.tab_rows:
            self.blocks.append(_rows_to_table(self.tab_rows))
            self.tab_rows = []

    def end_pipe_table(self) -> None:
        if self.pipe_rows:
            self.blocks.append(_rows_to_table(self.pipe_rows))
            self.pipe_rows = []

    def in_tab_table(self) -> bool:
        return bool(self.row or self.tab_rows)

    def line(self, raw: str) -> None:
        line = raw.rstrip("\r\n")
        if line.strip().startswith("|") and line.count("|") >= 2:
            self.end_tab_table()
            if not _PIPE_SEP.match(line):
                self.pipe_rows.append(_pipe_cells(line))
                if len(self.pipe_rows) > MAX_TABLE_ROWS:  # refuse early, before the rest is read
                    raise CapExceeded(f"a table of more than {MAX_TABLE_ROWS:,} rows (cap {MAX_TABLE_ROWS:,})")
            return
        self.end_pipe_table()
        if line.startswith("\t"):
            if self.blank_after_row:
                self.end_tab_row()
            self.blank_after_row = False
            self.row.append(line[1:].strip(" "))
            return
        if not line.strip():
            if self.row:
                self.blank_after_row = True
                self.end_tab_row()
            return
        if self.row and not self.blank_after_row:
            self.row[-1] = f"{self.row[-1]}\n{line.strip()}"
            return
        self.end_tab_table()
        self.blank_after_row = False
        if _HTML_TAG_LINE.match(line):  # a converter's leftover layout markup (pandoc gfm's <div>)
            return
        m = _MD_HEADING.match(line.strip())
        if m:
            self.blocks.append(Heading(md_inline(m.group(2)).strip(), level=len(m.group(1))))
        else:
            self.blocks.append(Paragraph(md_inline(line.strip())))

    def blocks_found(self, blocks: list[Block], taken_back: list[str]) -> None:
        """Tables read by a multi-line layout reader: they end any table being built. ``taken_back`` are
        lines already read as paragraphs that the table takes in as its first rows."""
        for line in reversed(taken_back):
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, Paragraph) and last.text == md_inline(line.strip()):
                self.blocks.pop()
        self.end_tab_table()
        self.end_pipe_table()
        self.blank_after_row = False
        self.blocks.extend(blocks)

    def finish(self) -> list[Block]:
        self.end_tab_table()
        self.end_pipe_table()
        return self.blocks


def _html_table(lines: list[str], i: int, source: str) -> tuple[list[Block], int]:
    """An HTML ``<table>`` left raw in markdown (pandoc ``-t gfm`` of merged cells), through the HTML reader
    (imported here: a text without such a table never loads it, nor lxml)."""
    from ogi.extract.html import html_to_document

    depth, j = 0, i
    while j < len(lines):
        depth += len(_TABLE_OPEN.findall(lines[j])) - len(_TABLE_CLOSE.findall(lines[j]))
        j += 1
        if depth <= 0:
            break
    try:
        doc = html_to_document("\n".join(lines[i:j]).encode("utf-8"), source)
    except UnreadableFile:
        return [], i
    tables: list[Block] = [b for b in doc.blocks if isinstance(b, Table)]
    return (tables, j) if tables else ([], i)


def _tab_joined(line: str) -> bool:
    return "\t" in line and bool(line.strip()) and not line.startswith("\t")


def _spanning_row(line: str) -> bool:
    """A short line that can be a one-cell row of a copied table (``第二十条第（一）项``), not a numbered
    section heading (``二、…``, ``第四部分 …``) nor a sentence."""
    s = line.strip()
    return (bool(s) and "\t" not in line and len(s) <= MAX_SPANNING_ROW and not _SECTION_ORDINAL.match(s)
            and s[-1] not in "。：:；;，,")


def _tab_joined_table(lines: list[str], i: int) -> tuple[list[Block], int, int]:
    """Rows copied from a rendered table: cells joined by tabs, a row a line; a short line without a tab
    between such rows, or right above them, is a row of one cell (a group heading spanning the table)."""
    j = i
    while j < len(lines):
        line = lines[j]
        heading = _spanning_row(line) and j + 1 < len(lines) and _tab_joined(lines[j + 1])
        if not (_tab_joined(line) or heading):
            break
        j += 1
    first = i - 1 if i > 0 and _spanning_row(lines[i - 1]) else i
    rows = [[c.strip() for c in line.rstrip("\r\n").split("\t")] for line in lines[first:j]]
    if len(rows) - (i - first) < 2:
        return [], i, i
    width = max(len(r) for r in rows)
    cells = tuple(TableCell(r, c, text, colspan=width if len(row) == 1 else 1)
                  for r, row in enumerate(rows) for c, text in enumerate(row))
    return [Table(cells)], j, first


def _special_block(lines: list[str], i: int, source: str, paged: bool) -> tuple[list[Block], int, int]:
    """A table in one of the layouts that need more than one line to recognise, the index after it and the
    index of its first line (before ``i`` when it takes in a line already read as a paragraph)."""
    line = lines[i]
    if _tab_joined(line) and not line.lstrip().startswith("|"):
        return _tab_joined_table(lines, i)
    if is_box_top(line) or is_ascii_rule(line):
        end = grid_block_end(lines, i)
        if end > i:
            return [lines_to_table(lines[i:end])], end, i
    if "-" in line:
        table, end = dash_table(lines, i)
        if table is not None:
            return [table], end, i
    if _TABLE_OPEN.search(line):
        return (*_html_table(lines, i, source), i)
    if not line.startswith("\t"):
        rows, end = spaced_rows_table(lines, i)
        if rows is not None:
            return [rows], end, table_start(lines, i)
        rows, end = sparse_rows_table(lines, i)
        if rows is not None:
            return [rows], end, i
        stream, end = stream_table(lines, i, paged)
        if stream is not None:
            return [stream], end, i
        cells, end = cell_lines_table(lines, i)
        if cells is not None:
            return [cells], end, i
    return [], i, i


def text_to_document(text: str, source: str, fmt: str = "text") -> Document:
    builder = _Builder()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paged = "\f" in text  # pdftotext's page breaks: one cell a line there is not in the cells' order
    i = 0
    while i < len(lines):
        blocks, end, first = _special_block(lines, i, source, paged)
        if end > i:
            builder.blocks_found(blocks, lines[first:i])
            i = end
            continue
        builder.line(lines[i])
        i += 1
    return Document(source=source, format=fmt, blocks=tuple(builder.finish()))


def read_text(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(str(path), f"cannot read file ({err.strerror})") from None
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    doc = text_to_document(decode(data), str(path), fmt)
    if not doc.blocks:
        raise UnreadableFile(str(path), "no text in file")
    return doc
