"""Merged cells cut by a page break: give the empty piece the text the other piece printed.

A vertically merged group cell (``（四）无法提供`` over three rows) that a page break cuts is
drawn as two rectangles, one at the bottom of one page and one at the top of the next. The
printer centres the label in one of them, so the rows in the other piece have no group label
and cannot be told apart from rows of another group. Both pieces are the same printed cell,
so the empty piece gets the other's text (a label printed across the break: the two
pieces joined, on both). Only cells that span several rows on at least one
side are carried (a plain row split over the break is stitching's job, not this)::

    >>> from ogi.schemas import Box, Table, TableCell
    >>> bottom = Table((TableCell(0, 0, "1.本机关不掌握", 1, 1, 2, Box(60, 700, 200, 720)),
    ...                 TableCell(0, 1, "", 1, 1, 2, Box(20, 700, 60, 720))), 2, Box(20, 700, 200, 720))
    >>> top = Table((TableCell(0, 0, "(四)无法提供", 2, 1, 3, Box(20, 70, 60, 110)),
    ...              TableCell(0, 1, "2.没有现成信息", 1, 1, 3, Box(60, 70, 200, 90))), 3, Box(20, 70, 200, 110))
    >>> [c.text for c in carry_cut_cells(bottom, top)[0].cells]
    ['1.本机关不掌握', '(四)无法提供']
"""

from __future__ import annotations

from dataclasses import replace

from ogi.extract.pdf_layout import MARGIN_ZONE, PageParts
from ogi.extract.pdf_text import join_lines
from ogi.schemas import Table, TableCell

SAME_X = 3.0  # points: cell sides closer than this are the same column border (pages shift a little)
_DIGITS = set("0123456789,.-+ ")


def _bottom_cells(table: Table) -> list[TableCell]:
    last = max(c.row + c.rowspan for c in table.cells)
    return [c for c in table.cells if c.row + c.rowspan == last]


def _same_column(a: TableCell, b: TableCell) -> bool:
    return (a.bbox is not None and b.bbox is not None and abs(a.bbox.x0 - b.bbox.x0) <= SAME_X
            and abs(a.bbox.x1 - b.bbox.x1) <= SAME_X)


def _label(text: str) -> bool:
    return bool(text) and not set(text) <= _DIGITS


def carry_cut_cells(before: Table, after: Table) -> tuple[Table, Table]:
    """The last table of a page and the first of the next, with cut merged cells' text on both pieces."""
    fills: dict[int, dict[tuple[int, int], str]] = {id(before): {}, id(after): {}}
    tops = [c for c in after.cells if c.row == 0]
    for low in _bottom_cells(before):
        for high in tops:
            if not _same_column(low, high) or max(low.rowspan, high.rowspan) < 2:
                continue
            if not low.text and _label(high.text):
                fills[id(before)][(low.row, low.col)] = high.text
            elif not high.text and _label(low.text):
                fills[id(after)][(high.row, high.col)] = low.text
            elif _label(low.text) and _label(high.text):  # the label itself cut: read on over the break
                joined = join_lines([low.text, high.text])
                fills[id(before)][(low.row, low.col)] = fills[id(after)][(high.row, high.col)] = joined

    def filled(table: Table) -> Table:
        texts = fills[id(table)]
        if not texts:
            return table
        # only the cells given a text are remade (a dataclass ``replace`` per cell was most of this step)
        return replace(table, cells=tuple(c if (c.row, c.col) not in texts else replace(c, text=texts[(c.row, c.col)])
                                          for c in table.cells))

    return filled(before), filled(after)


def _last(parts: PageParts) -> Table | None:
    """The page's last table, if nothing but folios is printed below it."""
    if not parts.tables:
        return None
    table = max(parts.tables, key=lambda t: t.bbox.bottom if t.bbox else 0.0)
    zone = (1 - MARGIN_ZONE) * parts.height
    if table.bbox is None or any(ln.top > table.bbox.bottom and ln.top < zone for ln in parts.lines):
        return None
    return table


def _first(parts: PageParts) -> Table | None:
    """The page's first table, if nothing but a running header is printed above it."""
    if not parts.tables:
        return None
    table = min(parts.tables, key=lambda t: t.bbox.top if t.bbox else 0.0)
    zone = MARGIN_ZONE * parts.height
    if table.bbox is None or any(ln.bottom < table.bbox.top and ln.bottom > zone for ln in parts.lines):
        return None
    return table


def carry_over_pages(pages: list[PageParts]) -> list[PageParts]:
    """Pages with the cut merged cells of a table running from one page onto the next filled on both."""
    pages = list(pages)
    for i in range(len(pages) - 1):
        before, after = _last(pages[i]), _first(pages[i + 1])
        if before is None or after is None:
            continue
        new_before, new_after = carry_cut_cells(before, after)
        pages[i] = replace(pages[i], tables=tuple(new_before if t is before else t for t in pages[i].tables))
        pages[i + 1] = replace(pages[i + 1], tables=tuple(new_after if t is after else t
                                                          for t in pages[i + 1].tables))
    return pages
