"""Tables without ruling lines: rows from the lines that carry numbers, columns from word gaps.

Without rules the grid has to be guessed from positions:

1. A line is split into *segments* where its glyphs stand more than a glyph apart.
2. Lines with numbers after a label (``规章 1 0 11``) are the table's *data lines*; a
   table is a compact run of lines around them (header lines above, wrapped label lines
   between), ended by a wide gap, a section heading or a long text line.
3. The numbers' x positions give the value *bands* (one column each); segments left of
   the first band are labels, in label columns by their left edge.
4. In each column, segments stacked closely are one cell (a label wrapped over lines).
   A cell belongs to the first data line within its height (rowspan: all of them);
   other cells (headers, banners, the tail of a row cut by a page break) open rows of
   their own.

::

    >>> from ogi.extract.pdf_glyphs import Glyph
    >>> from ogi.extract.pdf_lines import glyphs_to_lines
    >>> def line(y, words):
    ...     return [Glyph(ch, x + 6 * i, y, x + 6 * i + 6, y + 6) for x, w in words for i, ch in enumerate(w)]
    >>> gs = line(0, [(0, "规章"), (60, "1"), (90, "0"), (120, "11")]) + line(10, [(0, "规范性"), (60, "8"),
    ...      (90, "26"), (120, "66")]) + line(17, [(0, "文件")])
    >>> [table], rest = positional_tables(glyphs_to_lines(gs), page=2)
    >>> [[c.text for c in row] for row in table.rows()]
    [['规章', '1', '0', '11'], ['规范性文件', '8', '26', '66']]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ogi.extract.pdf_layout import SECTION
from ogi.extract.pdf_lines import Line, glyphs_to_text
from ogi.extract.pdf_text import clean_text, is_page_number
from ogi.schemas import Box, Table, TableCell

COLUMN_GAP = 1.0  # glyphs further apart than this many font sizes are in different columns
ROW_GAP = 2.0  # lines further apart than this many font sizes are not in the same table
STACK_GAP = 0.9  # lines of one cell are closer than this many font sizes
LONG_LINE = 30  # a single-segment line with more characters than this is running text
_VALUE = re.compile(r"^([-+]?\d[\d,]*(\.\d+)?%?|[/—\-–]+|无)$")


@dataclass
class _Cell:
    segments: list[Line]
    col: int
    colspan: int

    @property
    def top(self) -> float:
        return self.segments[0].top

    @property
    def bottom(self) -> float:
        return self.segments[-1].bottom


def _is_value(segment: Line) -> bool:
    return bool(_VALUE.match(clean_text(segment.text)))


def _is_data(segments: Sequence[Line]) -> bool:
    values = sum(_is_value(s) for s in segments)
    return len(segments) >= 2 and values >= 1 and (values >= 2 or _is_value(segments[-1]))


def _is_text(line: Line, segments: Sequence[Line]) -> bool:
    """Running text or a heading: not part of a table."""
    text = clean_text(line.text)
    return len(segments) == 1 and (len(text) > LONG_LINE or bool(SECTION.match(text)) or text.endswith("。"))


def _regions(lines: Sequence[Line], rows: Sequence[list[Line]]) -> list[tuple[int, int]]:
    """[start, end) index ranges of compact runs of lines holding at least two data lines."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(lines):
        end = start + 1
        while (end < len(lines) and not _is_text(lines[end], rows[end])
               and lines[end].top - lines[end - 1].bottom < ROW_GAP * lines[end].size):
            end += 1
        data = [k for k in range(start, end) if _is_data(rows[k])]
        if len(data) >= 2:
            first = start
            while _is_text(lines[first], rows[first]):
                first += 1
            last = data[-1] + 1
            label_end = next(s.x0 for s in rows[data[-1]] if _is_value(s))
            while last < end and (lines[last].x1 < label_end or not any(_is_value(s) for s in rows[last])):
                last += 1  # the rest of the last row's wrapped labels, a header carried over to the next page
            out.append((first, last))
        start = end
    return out


def _bands(data_rows: Sequence[list[Line]]) -> list[tuple[float, float]]:
    """x extents of the value columns, from the numbers of the data lines."""
    spans = sorted((s.x0, s.x1) for row in data_rows for s in row[1:] if _is_value(s))
    bands: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if bands and x0 < bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], x1))
        else:
            bands.append((x0, x1))
    return bands


def _label_columns(segments: Sequence[Line]) -> list[float]:
    """Left edges of the label columns."""
    edges: list[float] = []
    for seg in sorted(segments, key=lambda s: s.x0):
        if not edges or seg.x0 - edges[-1] > seg.size:
            edges.append(seg.x0)
    return edges


def _place(seg: Line, bands: Sequence[tuple[float, float]], labels: Sequence[float]) -> tuple[int, int]:
    """(column, colspan) of a segment."""
    if bands and seg.x1 > bands[0][0]:
        hit = [i for i, (x0, x1) in enumerate(bands) if seg.x0 < x1 and seg.x1 > x0]
        if not hit:
            centre = (seg.x0 + seg.x1) / 2
            hit = [min(range(len(bands)), key=lambda i: abs((bands[i][0] + bands[i][1]) / 2 - centre))]
        return len(labels) + hit[0], hit[-1] - hit[0] + 1
    col = max((i for i, x in enumerate(labels) if x <= seg.x0 + seg.size / 2), default=0)
    return col, 1


def _continuations(lines: Sequence[Line], rows: Sequence[list[Line]], data: list[int]) -> set[int]:
    """Data lines that only carry the wrapped tail of numbers above them (``10`` / ``9`` for 109)."""
    tails: set[int] = set()
    for prev, k in pairwise(data):
        close = lines[k].top - lines[prev].bottom < STACK_GAP * lines[k].size
        if close and all(_is_value(s) for s in rows[k]) and len(rows[k]) < len(rows[prev]) - 1:
            tails.add(k)
    return tails


def _stack(segments: Sequence[tuple[Line, int, int]], tails: set[int], anchored: set[int]) -> list[_Cell]:
    """Segments of one column, top to bottom, joined into cells where they sit close together.

    A segment on a data line starts a new cell (it opens a row), unless it is the wrapped
    tail of a number (``tails``).
    """
    cells: list[_Cell] = []
    for seg, col, span in sorted(segments, key=lambda s: s[0].top):
        last = cells[-1] if cells else None
        joins = id(seg) in tails or (id(seg) not in anchored and not _is_value(seg))
        if last is not None and seg.top - last.bottom < STACK_GAP * seg.size and joins:
            last.segments.append(seg)
            last.colspan = max(last.colspan, span)
        else:
            cells.append(_Cell([seg], col, span))
    return cells


def _slot_box(row: int, col: int, tops: Sequence[float], labels: Sequence[float],
              bands: Sequence[tuple[float, float]], size: float) -> Box:
    """Where an empty cell sits: its column's extent on its row's first line."""
    if col < len(labels):
        right = labels[col + 1] if col + 1 < len(labels) else (bands[0][0] if bands else labels[col] + size)
        x0, x1 = labels[col], right
    else:
        x0, x1 = bands[col - len(labels)]
    return Box(x0, tops[row], x1, tops[row] + size)


def _table(lines: Sequence[Line], rows: Sequence[list[Line]], page: int) -> Table:
    data = [k for k in range(len(lines)) if _is_data(rows[k])]
    tail_lines = _continuations(lines, rows, data)
    tails = {id(s) for k in tail_lines for s in rows[k]}
    data = [k for k in data if k not in tail_lines]
    anchored = {id(s) for k in data for s in rows[k]}
    bands = _bands([rows[k] for k in data])
    label_segments = [s for row in rows for s in row if not bands or s.x1 <= bands[0][0]]
    labels = _label_columns(label_segments) or [0.0]
    by_col: dict[int, list[tuple[Line, int, int]]] = {}
    for row in rows:
        for seg in row:
            col, span = _place(seg, bands, labels)
            by_col.setdefault(col, []).append((seg, col, span))
    anchors = [lines[k].top for k in data]
    size = lines[data[0]].size
    placed: list[tuple[_Cell, float, int]] = []  # cell, top of its row, rowspan
    for segments in by_col.values():
        for cell in _stack(segments, tails, anchored):
            inside = [a for a in anchors if cell.top - 0.5 * size <= a <= cell.bottom]
            placed.append((cell, inside[0] if inside else cell.top, max(1, len(inside))))
    # rows: the data lines, plus rows without numbers (headers, banners) where other cells start
    tops = sorted(anchors)
    for top in sorted(t for _, t, _ in placed if t not in anchors):
        if all(abs(top - t) > 0.6 * size for t in tops):
            tops.append(top)
            tops.sort()
    n_cols = len(labels) + len(bands)
    grid: dict[tuple[int, int], TableCell] = {}
    for cell, top, rowspan in placed:
        r = min(range(len(tops)), key=lambda i: abs(tops[i] - top))
        if (r, cell.col) in grid:
            continue
        glyphs = [g for s in cell.segments for g in s.glyphs]
        box = Box(min(s.x0 for s in cell.segments), cell.top, max(s.x1 for s in cell.segments), cell.bottom)
        grid[(r, cell.col)] = TableCell(r, cell.col, glyphs_to_text(glyphs), rowspan, cell.colspan, page, box)
    covered = {(r, c) for cell in grid.values() for r in range(cell.row, cell.row + cell.rowspan)
               for c in range(cell.col, cell.col + cell.colspan)}
    empty = [TableCell(r, c, "", page=page, bbox=_slot_box(r, c, tops, labels, bands, size))
             for r in range(len(tops)) for c in range(n_cols) if (r, c) not in covered]
    outline = Box(min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                  max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))
    return Table(tuple(sorted([*grid.values(), *empty], key=lambda c: (c.row, c.col))), page, outline)


def positional_tables(lines: Sequence[Line], page: int) -> tuple[list[Table], list[Line]]:
    """Tables found from word positions among ``lines``; returns them and the lines left over."""
    candidates = [ln for ln in lines if not is_page_number(clean_text(ln.text))]
    rows = [ln.segments(COLUMN_GAP) for ln in candidates]
    tables: list[Table] = []
    used: set[int] = set()
    for start, end in _regions(candidates, rows):
        tables.append(_table(candidates[start:end], rows[start:end], page))
        used.update(id(ln) for ln in candidates[start:end])
    return tables, [ln for ln in lines if id(ln) not in used]
