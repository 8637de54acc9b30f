"""Ruling edges → cell rectangles: pdfplumber's table stages, ogi's copies on tuples.

pdfplumber (``pdfplumber/table.py``) turns ruling edges into table cells in four stages:
``merge_edges`` (snap lines within a tolerance to their mean position, join collinear
segments that touch), ``edges_to_intersections``, ``intersections_to_cells`` (the smallest
rectangle below and to the right of each crossing whose sides are ruled) and
``cells_to_tables`` (cells sharing a corner, grouped). Its stages work on one dict per
edge (a new one at every snap and every join) and test every vertical against every
horizontal. The copies here give the same cells in the same order, every coordinate the
result of the same float operations in the same order (so bit for bit pdfplumber's), on
tuples: a horizontal edge ``(x0, x1, y)``, a vertical one ``(x, top, bottom, height)``
(its height carried as pdfplumber carries it through joins, not recomputed). They also
spare a reader the import of pdfplumber and pdfminer::

    >>> from ogi.extract.pdf_glyphs import Edge
    >>> h, v = merge_edges(split_edges([Edge(0, 0, 40, 0), Edge(41, 1, 60, 1), Edge(0, 20, 60, 20),
    ...                                 Edge(0, 0, 0, 20), Edge(60, 0, 60, 20)]))
    >>> h, v
    ([(0, 60, 0.5), (0, 60, 20.0)], [(0.0, 0, 20, 20), (60.0, 0, 20, 20)])
    >>> cells_to_tables(intersections_to_cells(edges_to_intersections(h, v)))
    []
    >>> cells_to_tables(intersections_to_cells(edges_to_intersections(h + [(0, 60, 10.0)], v)))
    [[(0.0, 0.5, 60.0, 10.0), (0.0, 10.0, 60.0, 20.0)]]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby, islice
from operator import itemgetter
from typing import TypeVar

from ogi.extract.pdf_glyphs import Edge

SNAP = 3.0  # pdfplumber's snap, join and intersection tolerances, all one value here
_FAR = 1e9  # points: below this a float's rounding error is far under the bisection's margin

HEdge = tuple[float, float, float]  # x0, x1, y
VEdge = tuple[float, float, float, float]  # x, top, bottom, height
Point = tuple[float, float]
BBox = tuple[float, float, float, float]
Crossings = dict[Point, tuple[set[BBox], set[BBox]]]  # a crossing's vertical and horizontal edges, as boxes
_E = TypeVar("_E", HEdge, VEdge)
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


def split_edges(edges: Iterable[Edge]) -> tuple[list[HEdge], list[VEdge]]:
    """The horizontal and the vertical edges, each on the middle line of its box, in input order."""
    h: list[HEdge] = []
    v: list[VEdge] = []
    for e in edges:
        if e.horizontal:
            h.append((e.x0, e.x1, (e.top + e.bottom) / 2))
        else:
            v.append(((e.x0 + e.x1) / 2, e.top, e.bottom, e.bottom - e.top))
    return h, v


def _clusters(edges: list[_E], key: Callable[[_E], float]) -> list[list[_E]]:
    """pdfplumber's ``cluster_objects``: distinct positions chained within SNAP, a cluster's edges in input order."""
    index: dict[float, int] = {}
    cluster = -1
    last = 0.0
    for value in sorted(set(map(key, edges))):
        if cluster < 0 or not value <= last + SNAP:
            cluster += 1
        index[value] = cluster
        last = value
    groups: list[list[_E]] = [[] for _ in range(cluster + 1)]
    for e in edges:
        groups[index[key(e)]].append(e)
    return groups


def _snap_h(edges: list[HEdge]) -> list[HEdge]:
    out: list[HEdge] = []
    for group in _clusters(edges, _THIRD):
        mean = sum([e[2] for e in group]) / len(group)
        out += [(x0, x1, y + (mean - y)) for x0, x1, y in group]  # pdfplumber moves by the difference
    return out


def _snap_v(edges: list[VEdge]) -> list[VEdge]:
    out: list[VEdge] = []
    for group in _clusters(edges, _FIRST):
        mean = sum([e[0] for e in group]) / len(group)
        out += [(x + (mean - x), top, bottom, height) for x, top, bottom, height in group]
    return out


def merge_edges(edges: tuple[list[HEdge], list[VEdge]]) -> tuple[list[HEdge], list[VEdge]]:
    """pdfplumber's ``merge_edges(edges, SNAP, SNAP, SNAP, SNAP)``: lines snapped, touching segments joined."""
    h_in, v_in = edges
    h: list[HEdge] = []
    for _, h_line in groupby(sorted(_snap_h(h_in), key=_THIRD), key=_THIRD):
        joined: list[HEdge] = []
        for e in sorted(h_line, key=_FIRST):
            if joined and e[0] <= joined[-1][1] + SNAP:
                last = joined[-1]
                if e[1] > last[1]:
                    joined[-1] = (last[0], e[1], last[2])
            else:
                joined.append(e)
        h += joined
    v: list[VEdge] = []
    for _, v_line in groupby(sorted(_snap_v(v_in), key=_FIRST), key=_FIRST):
        stretched: list[VEdge] = []
        for f in sorted(v_line, key=_SECOND):
            if stretched and f[1] <= stretched[-1][2] + SNAP:
                x, top, bottom, height = stretched[-1]
                if f[2] > bottom:
                    stretched[-1] = (x, top, f[2], height + (f[2] - bottom))  # pdfplumber adds the stretch
            else:
                stretched.append(f)
        v += stretched
    return h, v


def edges_to_intersections(h: Sequence[HEdge], v: Sequence[VEdge]) -> Crossings:
    """pdfplumber's ``edges_to_intersections(edges, SNAP, SNAP)``: the points where a vertical meets a horizontal.

    The same tests in the same order, but for each vertical only the horizontals whose height
    comes near its span: a bisection with a margin of a point, the exact test after it (all of
    them where a coordinate is beyond ``_FAR`` or not a number, where the margin would not hold).
    """
    crossings: Crossings = {}
    hs = [(x0, x1, y, (x0, y, x1, y)) for x0, x1, y in sorted(h, key=itemgetter(2, 0))]
    ys = [e[2] for e in hs]
    bounded = all(-_FAR < y < _FAR for y in ys) and all(-_FAR < e[1] < _FAR and -_FAR < e[2] < _FAR for e in v)
    for x, top, bottom, _ in sorted(v, key=itemgetter(0, 1)):
        vbox = (x, top, x, bottom)
        near = hs[bisect_left(ys, top - SNAP - 1):bisect_right(ys, bottom + SNAP + 1)] if bounded else hs
        for x0, x1, y, hbox in near:
            if top <= y + SNAP and bottom >= y - SNAP and x >= x0 - SNAP and x <= x1 + SNAP:
                point = (x, y)
                found = crossings.get(point)
                if found is None:
                    crossings[point] = ({vbox}, {hbox})
                else:
                    found[0].add(vbox)
                    found[1].add(hbox)
    return crossings


def intersections_to_cells(crossings: Crossings) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``: the same cells in the same order, in a fraction of the time.

    For each intersection point (in sorted order) the smallest cell whose corners are joined by
    ruling edges, searched below and to the right as pdfplumber does: the points below in the
    order of its column, for each of them the points to the right in the order of its row,
    the first whose corner closes the cell. Here the points below and to the right come from
    per-column and per-row lists (not from a scan of every later point), and the points to the
    right joined to it are found as the search reaches them (pdfplumber lists them all first):
    the first cell found is the same.
    """
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    in_row: dict[Point, int] = {}
    for p in sorted(crossings):
        row = rows[p[1]]
        in_row[p] = len(row)
        row.append(p)
        columns[p[0]].append(p)
    cells: list[BBox] = []
    for column in columns.values():  # in sorted order: column by column, each top to bottom
        for i, pt in enumerate(column, 1):
            cell = _smallest_cell(crossings, pt, islice(column, i, None), rows[pt[1]], in_row[pt] + 1)
            if cell is not None:
                cells.append(cell)
    return cells


def _smallest_cell(crossings: Crossings, pt: Point, below: Iterable[Point], row: Sequence[Point], unseen: int
                   ) -> BBox | None:
    """The first cell pdfplumber's search finds from ``pt``: ``below`` the later points of its column,
    ``row[unseen:]`` the later points of its row.

    On one column only a vertical edge joins two points, on one row only a horizontal one.
    """
    vertical, horizontal = crossings[pt]
    right: list[Point] = []  # the points of the row joined to pt, as far as the search has gone
    for b in below:
        b_vertical, b_horizontal = crossings[b]
        if vertical.isdisjoint(b_vertical):
            continue
        k = 0
        while True:
            if k == len(right):  # the next point of the row joined to pt, if any
                while unseen < len(row) and horizontal.isdisjoint(crossings[row[unseen]][1]):
                    unseen += 1
                if unseen == len(row):
                    if not right:
                        return None  # nothing to the right: no cell
                    break
                right.append(row[unseen])
                unseen += 1
            r = right[k]
            k += 1
            corner = crossings.get((r[0], b[1]))
            if (corner is not None and not corner[0].isdisjoint(crossings[r][0])
                    and not corner[1].isdisjoint(b_horizontal)):
                return (pt[0], pt[1], r[0], b[1])
    return None


def cells_to_tables(cells: Sequence[BBox]) -> list[list[BBox]]:
    """pdfplumber's ``cells_to_tables``: cells sharing corners as tables, top to bottom, single cells dropped.

    The same passes over the cells not yet placed (a table grows until a pass adds nothing),
    each pass a new list rather than pdfplumber's removal from the list one cell at a time.
    """
    remaining = [(cell, (cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3]))
                 for cell in cells]  # each cell with its corners
    tables: list[list[BBox]] = []
    while remaining:
        first, *first_corners = remaining[0]
        current = [first]
        corners = set(first_corners)
        remaining = remaining[1:]
        grew = True
        while grew and remaining:
            rest = []
            for item in remaining:
                cell, a, b, c, d = item
                if a in corners or b in corners or c in corners or d in corners:
                    corners.update((a, b, c, d))
                    current.append(cell)
                else:
                    rest.append(item)
            grew = len(rest) < len(remaining)
            remaining = rest
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
