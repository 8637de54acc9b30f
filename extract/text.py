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

import re
from pathlib import Path

from ogi.extract.caps import MAX_TABLE_ROWS, CapExceeded
from ogi.extract.textdecode import decode
from ogi.schemas import Block, Document, Heading, Paragraph, Table, TableCell, UnreadableFile

_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BR = re.compile(r"<br\s*/?>", re.I)


def _rows_to_table(rows: list[list[str]]) -> Table:
    cells = tuple(TableCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(cells)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [_BR.sub("\n", c).strip() for c in s.split("|")]


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
        m = _MD_HEADING.match(line.strip())
        if m:
            self.blocks.append(Heading(m.group(2).strip(), level=len(m.group(1))))
        else:
            self.blocks.append(Paragraph(line.strip()))

    def finish(self) -> list[Block]:
        self.end_tab_table()
        self.end_pipe_table()
        return self.blocks


def text_to_document(text: str, source: str, fmt: str = "text") -> Document:
    builder = _Builder()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        builder.line(line)
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
