"""Word table rows (``w:tr``/``w:tc``) to anchor cells with real row and column spans.

Word stores a horizontally merged cell once with ``w:gridSpan``, and a vertically merged
one as a ``w:vMerge="restart"`` cell followed by ``w:vMerge`` (continue) cells below it.
python-docx's ``table.cell(r, c)`` hands back the anchor for every covered slot, which
makes a covered slot look like a filled one; here each anchor is stored once and the
slots it covers are not cells::

    >>> rows = [RawRow(0, (RawCell("a", vmerge="restart"), RawCell("b"))),
    ...         RawRow(0, (RawCell("", vmerge="continue"), RawCell("")))]
    >>> [(c.row, c.col, c.text, c.rowspan) for c in rows_to_cells(rows)]
    [(0, 0, 'a', 2), (0, 1, 'b', 1), (1, 1, '', 1)]

The continued cell disappears into the anchor; the last cell merely *looks* empty and
stays an empty anchor cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.extract.caps import MAX_COLUMNS, MAX_SPAN, CapExceeded, clip_offset, clip_span
from ogi.schemas import TableCell


@dataclass(slots=True)
class RawCell:  # not frozen: one is made per cell, and a frozen dataclass costs five times as much to make
    text: str
    span: int = 1
    vmerge: str | None = None  # None, "restart" or "continue"
    hmerge: str | None = None  # legacy w:hMerge: None, "restart" or "continue"
    page: int | None = None


@dataclass(frozen=True)
class RawRow:
    grid_before: int
    cells: tuple[RawCell, ...]


@dataclass(slots=True)
class _Anchor:
    row: int
    col: int
    texts: list[str]
    page: int | None
    rowspan: int = 1
    colspan: int = 1

    def cell(self) -> TableCell:
        texts = self.texts
        text = texts[0] if len(texts) == 1 else "\n".join(t for t in texts if t)
        return TableCell(self.row, self.col, text, self.rowspan, self.colspan, page=self.page)


def _covering(in_row: list[_Anchor], r: int) -> dict[int, _Anchor]:
    """Column -> the anchor of ``in_row`` covering it whose last row is row ``r - 1``."""
    return {c: a for a in in_row if a.row + a.rowspan == r for c in range(a.col, a.col + a.colspan)}


def rows_to_cells(rows: list[RawRow]) -> tuple[TableCell, ...]:
    """Resolve gridBefore, gridSpan, hMerge and vMerge into anchor cells in reading order.

    A ``continue`` cell merges with the anchor covering its first column in the row above (its
    grid position may be off by a gridBefore quirk); with none there (a malformed file) it
    becomes an anchor of its own. Text found in a continued cell (Word does not show it, but it is in the file)
    is appended to the anchor's text rather than dropped. The row above's columns are mapped only in a row
    that has a ``continue`` cell, and before that cell changes any span.
    """
    anchors: list[_Anchor] = []
    previous: list[_Anchor] = []  # the anchors met in the row above, in order
    for r, row in enumerate(rows):
        col = clip_offset(row.grid_before)
        in_row: list[_Anchor] = []
        above: dict[int, _Anchor] | None = None
        for raw in row.cells:
            span = raw.span if 1 <= raw.span <= MAX_SPAN else clip_span(raw.span)
            if col + span > MAX_COLUMNS:
                raise CapExceeded(f"a table row wider than {MAX_COLUMNS:,} grid columns (cap {MAX_COLUMNS:,})")
            target = None
            if raw.vmerge == "continue":
                if above is None:
                    above = _covering(previous, r)
                target = above.get(col)
            if raw.hmerge == "continue" and in_row:
                in_row[-1].colspan += span
                in_row[-1].texts.append(raw.text)
            elif target is not None:
                target.rowspan += 1
                target.texts.append(raw.text)
                in_row.append(target)
            else:
                anchor = _Anchor(r, col, [raw.text], raw.page, colspan=span)
                anchors.append(anchor)
                in_row.append(anchor)
            col += span
        previous = in_row
    return tuple(a.cell() for a in anchors)
