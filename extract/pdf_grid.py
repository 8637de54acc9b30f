"""Ruled tables: visible ruling lines → pdfplumber's cell grid → anchor cells with real spans.

pdfplumber's table stages (``merge_edges → edges_to_intersections →
intersections_to_cells → cells_to_tables``, as ogi's copies on tuples in
:mod:`extract.pdf_cells`, the same cells bit for bit) turn edges into cell rectangles;
a merged cell comes out as one rectangle covering several grid slots. Here the distinct
cell borders become the grid, each rectangle one anchor cell with its row/column span,
and the glyphs whose centre lies in a rectangle its text::

    >>> from ogi.extract.pdf_glyphs import Edge, Glyph
    >>> edges = [Edge(0, 0, 60, 0), Edge(0, 10, 60, 10), Edge(0, 20, 60, 20),
    ...          Edge(0, 0, 0, 20), Edge(20, 10, 20, 20), Edge(60, 0, 60, 20)]
    >>> glyphs = [Glyph("甲", 2, 1, 9, 8), Glyph("1", 22, 12, 26, 18), Glyph("2", 26, 12, 30, 18)]
    >>> [table], rest = ruled_tables(edges, glyphs, page=3)
    >>> [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in table.cells]
    [(0, 0, '甲', 1, 2), (1, 0, '', 1, 1), (1, 1, '12', 1, 1)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import fields
from itertools import compress
from operator import itemgetter, not_
from typing import TypeVar

from ogi.extract.pdf_cells import (
    SNAP,
    HEdge,
    VEdge,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
    split_edges,
)
from ogi.extract.pdf_glyphs import Edge, Glyph
from ogi.extract.pdf_lines import glyphs_to_text
from ogi.schemas import Box, Table, TableCell

MIN_EDGE = 3.0  # shorter segments are not ruling
GRID_TOLERANCE = 2.0  # cell borders closer than this are one grid line

BBox = tuple[float, float, float, float]
_TOP_LEFT = itemgetter(1, 0)
_E = TypeVar("_E", HEdge, VEdge)


def _ends_together(edges: Sequence[_E], end: int) -> list[list[_E]]:
    """The edges grouped by coordinate ``end`` (sorted), a group's neighbours within SNAP of each other."""
    groups: list[list[_E]] = []
    for e in sorted(edges, key=itemgetter(end)):
        if groups and abs(e[end] - groups[-1][-1][end]) <= SNAP:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def _close_open_ends(horizontals: list[HEdge], verticals: list[VEdge]) -> list[HEdge]:
    """Add the missing top or bottom rule of a table cut by a page break.

    Where at least two vertical rules end at the same height, a horizontal rule is added
    over every stretch between them that no horizontal rule covers there.
    """
    added: list[HEdge] = []
    for end in (1, 2):  # the tops, then the bottoms
        for group in _ends_together(verticals, end):
            if len(group) < 2:
                continue
            y = sum(v[end] for v in group) / len(group)
            covered = [(h[0], h[1]) for h in horizontals if abs(h[2] - y) <= SNAP]
            for x0, x1 in _gaps(min(v[0] for v in group), max(v[0] for v in group), covered):
                added.append((x0, x1, y))
    return horizontals + added


def _close_open_sides(horizontals: list[HEdge], verticals: list[VEdge]) -> list[VEdge]:
    """Add the missing left or right rule of a table cut at the page's side.

    A page narrower than its table (a web page printed by Chromium) clips the table's last
    column: its row rules run on to the clip, where no vertical rule closes them. Where at least
    two horizontal rules that each cross two vertical rules or more end at the same place with
    no vertical rule there, a vertical rule is added there from the highest of them to the
    lowest. A rule under a heading crosses no vertical rule, so it is never closed.
    """
    xs = sorted(v[0] for v in verticals)
    by_x = sorted(verticals)

    def crossing(x0: float, x1: float, y: float) -> list[VEdge]:
        lo, hi = bisect_left(xs, x0 - SNAP), bisect_right(xs, x1 + SNAP)
        return [v for v in by_x[lo:hi] if v[1] - SNAP <= y <= v[2] + SNAP]

    added: list[VEdge] = []
    for end in (0, 1):  # the left ends, then the right ends
        open_ends = [h for h in horizontals if not crossing(h[end], h[end], h[2])
                     and len(crossing(h[0], h[1], h[2])) >= 2]
        for group in _ends_together(open_ends, end):
            if len(group) < 2:
                continue
            x = sum(h[end] for h in group) / len(group)
            top, bottom = min(h[2] for h in group), max(h[2] for h in group)
            added.append((x, top, bottom, bottom - top))
    return verticals + added


def _gaps(start: float, end: float, covered: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches of ``start..end`` no interval of ``covered`` runs over (wider than SNAP).

    A vertically merged cell cut by a page break keeps its side rules, but the closing rule
    at the break is drawn only under the unmerged columns: the gap is where it is missing.

    >>> _gaps(0, 100, [(40, 100)]), _gaps(0, 100, [(0, 100)]), _gaps(0, 100, [])
    ([(0, 40)], [], [(0, 100)])
    """
    out: list[tuple[float, float]] = []
    at = start
    for a, b in sorted(covered):
        if a > at + SNAP:
            out.append((at, min(a, end)))
        at = max(at, b)
        if at >= end - SNAP:
            return out
    if end > at + SNAP:
        out.append((at, end))
    return out


def edges_to_cell_boxes(edges: Sequence[Edge]) -> list[list[BBox]]:
    """Cell rectangles of each ruled table on a page, tables top to bottom."""
    if not edges:
        return []
    horizontals, verticals = merge_edges(split_edges(edges))
    horizontals = [h for h in horizontals if h[1] - h[0] >= MIN_EDGE]
    verticals = [v for v in verticals if v[3] >= MIN_EDGE]
    horizontals = _close_open_ends(horizontals, verticals)
    verticals = _close_open_sides(horizontals, verticals)
    return cells_to_tables(intersections_to_cells(edges_to_intersections(horizontals, verticals)))


def _grid_lines(values: Sequence[float]) -> list[float]:
    """Distinct border positions (values within GRID_TOLERANCE averaged)."""
    groups: list[list[float]] = []
    group: list[float] = []
    last = 0.0
    for v in sorted(values):
        if group and v - last <= GRID_TOLERANCE:
            group.append(v)
        else:
            group = [v]
            groups.append(group)
        last = v
    return [sum(g) / len(g) for g in groups]


def _index(lines: Sequence[float], value: float) -> int:
    i = bisect_left(lines, value)
    if i == len(lines) or (i > 0 and value - lines[i - 1] < lines[i] - value):
        i -= 1
    return i


class _Nearest(dict[float, int]):
    """The index of the grid line nearest each border position, memoised (a border bounds many cells)."""

    def __init__(self, lines: Sequence[float]) -> None:
        super().__init__()
        self.lines = lines

    def __missing__(self, value: float) -> int:
        self[value] = i = _index(self.lines, value)
        return i


_CELL_FIELDS = {f.name: f.default for f in fields(TableCell)}  # every field in order; a required one holds MISSING


def _table_cell(row: int, col: int, text: str, rowspan: int, colspan: int, page: int, bbox: BBox) -> TableCell:
    """``TableCell(row, col, text, rowspan, colspan, page, Box(*bbox))`` without the frozen dataclasses'
    ``__init__`` (an ``object.__setattr__`` a field; a table page has hundreds of cells)."""
    box = object.__new__(Box)
    box.__dict__.update(x0=bbox[0], top=bbox[1], x1=bbox[2], bottom=bbox[3])
    cell = object.__new__(TableCell)
    cell.__dict__.update(_CELL_FIELDS, row=row, col=col, text=text, rowspan=rowspan, colspan=colspan, page=page,
                         bbox=box)
    return cell


def boxes_to_table(boxes: Sequence[BBox], glyphs: Sequence[Glyph], page: int) -> tuple[Table, list[Glyph]]:
    """One table from its cell rectangles; returns it and the glyphs that fell in no cell."""
    xs = _grid_lines([v for b in boxes for v in (b[0], b[2])])
    ys = _grid_lines([v for b in boxes for v in (b[1], b[3])])
    row_of, col_of = _Nearest(ys), _Nearest(xs)
    anchors: dict[tuple[int, int], tuple[BBox, int, int]] = {}
    slots: dict[tuple[int, int], tuple[int, int]] = {}
    for box in sorted(boxes, key=_TOP_LEFT):
        x0, top, x1, bottom = box
        r0, r1, c0, c1 = row_of[top], row_of[bottom], col_of[x0], col_of[x1]
        anchor = (r0, c0)
        if anchor in slots or r1 <= r0 or c1 <= c0:
            continue
        anchors[anchor] = (box, r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                slots.setdefault((r, c), anchor)
    texts: dict[tuple[int, int], list[Glyph]] = {key: [] for key in anchors}
    loose: list[Glyph] = []
    last_row, last_col = len(ys) - 2, len(xs) - 2
    y_first, y_last, x_first, x_last = ys[0], ys[-1], xs[0], xs[-1]
    slot = slots.get
    for g in glyphs:  # the grid band of its centre (-1: outside)
        cy, cx = g.cy, g.cx
        if cy < y_first or cy > y_last:
            row = -1
        else:
            row = bisect_right(ys, cy) - 1
            if row > last_row:
                row = last_row
        if cx < x_first or cx > x_last:
            col = -1
        else:
            col = bisect_right(xs, cx) - 1
            if col > last_col:
                col = last_col
        key = slot((row, col))
        if key is None:
            loose.append(g)
        else:
            texts[key].append(g)
    cells = tuple(_table_cell(r, c, glyphs_to_text(texts[(r, c)]), rowspan, colspan, page, box)
                  for (r, c), (box, rowspan, colspan) in sorted(anchors.items()))
    return Table(cells, page, Box(xs[0], ys[0], xs[-1], ys[-1])), loose


def ruled_tables(edges: Sequence[Edge], glyphs: Sequence[Glyph], page: int
                 ) -> tuple[list[Table], list[Glyph]]:
    """The ruled tables on a page and the glyphs outside them (for paragraphs)."""
    tables: list[Table] = []
    rest = list(glyphs)
    for boxes in edges_to_cell_boxes(edges):
        outline = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                   max(b[2] for b in boxes), max(b[3] for b in boxes))
        x0, top, x1, bottom = outline
        within = [x0 <= g.cx <= x1 and top <= g.cy <= bottom for g in rest]  # centre in the outline
        inside = list(compress(rest, within))
        if not inside:
            continue  # a frame with nothing in it (a decoration, an empty box)
        table, loose = boxes_to_table(boxes, inside, page)
        if len(table.cells) < 2:
            continue
        rest = _left_over(rest, within, loose)
        tables.append(table)
    return tables, rest


def _left_over(rest: list[Glyph], within: list[bool], loose: list[Glyph]) -> list[Glyph]:
    """The glyphs of ``rest`` a table did not take, in order: those outside its outline (``within`` false)
    and those inside that fell in no cell (``loose``; most tables have none, and one pass picks the rest)."""
    if not loose:
        return list(compress(rest, map(not_, within)))
    kept = {id(g) for g in loose}
    return [g for g, inside in zip(rest, within, strict=True) if not inside or id(g) in kept]
