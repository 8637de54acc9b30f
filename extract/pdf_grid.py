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
from operator import itemgetter

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


def _close_open_ends(horizontals: list[HEdge], verticals: list[VEdge]) -> list[HEdge]:
    """Add the missing top or bottom rule of a table cut by a page break.

    Where at least two vertical rules end at the same height, a horizontal rule is added
    over every stretch between them that no horizontal rule covers there.
    """
    added: list[HEdge] = []
    for end in (1, 2):  # the tops, then the bottoms
        groups: list[list[VEdge]] = []
        for v in sorted(verticals, key=itemgetter(end)):
            if groups and abs(v[end] - groups[-1][-1][end]) <= SNAP:
                groups[-1].append(v)
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            y = sum(v[end] for v in group) / len(group)
            covered = [(h[0], h[1]) for h in horizontals if abs(h[2] - y) <= SNAP]
            for x0, x1 in _gaps(min(v[0] for v in group), max(v[0] for v in group), covered):
                added.append((x0, x1, y))
    return horizontals + added


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
    return cells_to_tables(intersections_to_cells(edges_to_intersections(horizontals, verticals)))


def _grid_lines(values: Sequence[float]) -> list[float]:
    """Distinct border positions (values within GRID_TOLERANCE averaged)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= GRID_TOLERANCE:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _index(lines: Sequence[float], value: float) -> int:
    i = bisect_left(lines, value)
    if i == len(lines) or (i > 0 and value - lines[i - 1] < lines[i] - value):
        i -= 1
    return i


def boxes_to_table(boxes: Sequence[BBox], glyphs: Sequence[Glyph], page: int) -> tuple[Table, list[Glyph]]:
    """One table from its cell rectangles; returns it and the glyphs that fell in no cell."""
    xs = _grid_lines([v for b in boxes for v in (b[0], b[2])])
    ys = _grid_lines([v for b in boxes for v in (b[1], b[3])])
    anchors: dict[tuple[int, int], tuple[BBox, int, int]] = {}
    slots: dict[tuple[int, int], tuple[int, int]] = {}
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        if (r0, c0) in slots or r1 <= r0 or c1 <= c0:
            continue
        anchors[(r0, c0)] = (box, r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                slots.setdefault((r, c), (r0, c0))
    texts: dict[tuple[int, int], list[Glyph]] = {key: [] for key in anchors}
    loose: list[Glyph] = []
    bottom, right = len(ys) - 2, len(xs) - 2
    y_first, y_last, x_first, x_last = ys[0], ys[-1], xs[0], xs[-1]
    for g in glyphs:  # the grid band of its centre (-1: outside)
        cy, cx = g.cy, g.cx
        row = -1 if cy < y_first or cy > y_last else min(bisect_right(ys, cy) - 1, bottom)
        col = -1 if cx < x_first or cx > x_last else min(bisect_right(xs, cx) - 1, right)
        key = slots.get((row, col))
        if key is None:
            loose.append(g)
        else:
            texts[key].append(g)
    cells = tuple(
        TableCell(r, c, glyphs_to_text(texts[(r, c)]), rowspan, colspan, page, Box(*box))
        for (r, c), (box, rowspan, colspan) in sorted(anchors.items())
    )
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
        inside = [g for g in rest if x0 <= g.cx <= x1 and top <= g.cy <= bottom]  # centre in the outline
        if not inside:
            continue  # a frame with nothing in it (a decoration, an empty box)
        table, loose = boxes_to_table(boxes, inside, page)
        if len(table.cells) < 2:
            continue
        taken = {id(g) for g in inside} - {id(g) for g in loose}
        rest = [g for g in rest if id(g) not in taken]
        tables.append(table)
    return tables, rest
