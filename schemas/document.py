"""The one document model every reader produces.

A :class:`Document` is an ordered sequence of blocks: headings, paragraphs and
tables. Tables store each *anchor* cell once with its row/column span; covered
slots are not cells. :meth:`Table.grid` expands spans explicitly, keeping
"covered by a merged cell" (``GridSlot.covered``) distinct from "empty cell"
(``text == ""``)::

    >>> t = Table(cells=(TableCell(0, 0, "a", colspan=2), TableCell(1, 0, ""), TableCell(1, 1, "3")))
    >>> [[(s.text, s.covered) for s in row] for row in t.grid()]
    [[('a', False), ('a', True)], [('', False), ('3', False)]]

Nothing downstream of ``extract/`` may branch on ``Document.format``; it is
provenance for people, not a switch for code.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    """A rectangle on a page in PDF points, origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float


UNREAD_TEXT = "?"  # text of an OCR'd table cell with print nothing could read (confidence 0): a value, unparsed


@dataclass(frozen=True)
class TableCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: Box | None = None
    confidence: float | None = None   # OCR confidence (0-1) of the text; None when read from a text layer
    # Other OCR readings of a label cell (another pass or page segmentation), most trusted first; ``text`` is
    # the reader's own choice. Normalize may take the reading that matches the catalogue best (never a figure).
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class GridSlot:
    """One slot of the expanded grid: the anchor cell's text, and whether this slot is covered by a span."""

    text: str
    covered: bool
    cell: TableCell


@dataclass(frozen=True)
class Table:
    cells: tuple[TableCell, ...]
    page: int | None = None
    bbox: Box | None = None

    @property
    def n_rows(self) -> int:
        return max([c.row + c.rowspan for c in self.cells], default=0)

    @property
    def n_cols(self) -> int:
        return max([c.col + c.colspan for c in self.cells], default=0)

    def grid(self) -> list[list[GridSlot | None]]:
        """Expand spans into a rectangular grid; ``None`` where no cell covers a slot."""
        return [[None if s is None else GridSlot(s[0].text, s[1], s[0]) for s in row] for row in self.slot_cells()]

    def slot_cells(self) -> list[list[tuple[TableCell, bool] | None]]:
        """:meth:`grid` as (cell, covered) pairs: the same slots without a GridSlot object each (for a reader
        of every slot of every table)."""
        n_cols = self.n_cols  # once: as a comprehension term it was recomputed per row (quadratic)
        grid: list[list[tuple[TableCell, bool] | None]] = [[None] * n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if cell.rowspan == 1 and cell.colspan == 1:  # most cells: one slot, the anchor
                row = grid[cell.row]
                if row[cell.col] is None:
                    row[cell.col] = (cell, False)
                continue
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if grid[r][c] is None:
                        grid[r][c] = (cell, r != cell.row or c != cell.col)
        return grid

    def rows(self) -> list[list[TableCell]]:
        """Anchor cells grouped by their starting row, in column order."""
        out: list[list[TableCell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None
    bbox: Box | None = None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    page: int | None = None
    bbox: Box | None = None


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    """What a reader made of one file: ordered blocks plus what the file itself says about it."""

    source: str
    format: str
    blocks: tuple[Block, ...]
    title: str | None = None
    pages: int | None = None
    properties: tuple[tuple[str, str], ...] = field(default=())
    # Pages (1-based) that print something but hold no usable text (a scanned page inside a text PDF,
    # glyphs without a Unicode mapping): what they hold is not in ``blocks``.
    pages_without_text: tuple[int, ...] = field(default=())
    pages_ocr: tuple[int, ...] = ()   # of those, the pages read by OCR instead (1-based)

    def text(self) -> str:
        """All paragraph and heading text, one block a line (tables left out)."""
        return "\n".join(b.text for b in self.blocks if not isinstance(b, Table))
