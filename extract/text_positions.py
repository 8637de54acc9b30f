"""Value columns of a laid-out table (``pdftotext -layout``) from the positions of its numbers.

``-layout`` prints each row on a line with every cell at its horizontal place and a blank cell as blank
columns, so a row ``(二)部分公开  １   …   １`` of seven cells shows only two numbers. Positions are
counted in characters: poppler gives every character one column, CJK or not (a table's numbers line up
by character index, not by display width). Within a *segment* of a table block (value rows not
separated by a line with words starting over the value columns: a sub-table's own header), the value
columns are fixed by

- the rows with the most numbers: their i-th numbers lie within :data:`TOLERANCE` columns of one
  another; or, where that gives fewer columns,
- the column titles right above the segment (``自然``/``人``, ``商业``/``企业`` … ``总计``: short words,
  stacked over lines, each group within the tolerance), when every number of the segment lies under one.

A shorter row is then spread over those columns — every number within the tolerance of exactly one
column, in order — with a blank cell at each column it leaves empty. Where any of that fails the row
stays as printed (normalize then places it by count and identities or reports it); nothing is placed by
a guess::

    >>> lines = ["a  1    2    3", "b  4         6", "c  7    8    9"]
    >>> spread_by_position(lines, [["1", "2", "3"], ["4", "6"], ["7", "8", "9"]])
    [['1', '2', '3'], ['4', '', '6'], ['7', '8', '9']]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from statistics import median

from ogi.extract.text_width import display_width

TOLERANCE = 1.5  # columns a number's centre may stray from its column's
MIN_FULL_ROWS = 2  # rows with the most numbers needed to fix the columns
MAX_HEADER_WORD = 4  # characters of a column title's line (longer: a title over several columns)
MAX_COLUMNS = 16
_TOKEN = re.compile(r"\S+")
# a page number (``—2—``) above the titles, the end of a note beside them (``和）``) are no column titles
_NOT_TITLE = re.compile(r"[\d０-９（）()：:，,。；;]")


Measure = Callable[[str], int]
MEASURES: tuple[Measure, ...] = (len, display_width)  # characters (pdftotext), display columns (terminals)


def token_spans(line: str, measure: Measure = len) -> list[tuple[float, float, str]]:
    """(start, end, token) of each word of ``line`` in the columns of ``measure`` (a form feed takes none)."""
    def at(i: int) -> float:
        return float(measure(line[:i].replace("\f", "")))

    return [(at(m.start()), at(m.end()), m.group(0)) for m in _TOKEN.finditer(line)]


def _centres(line: str, n_values: int, measure: Measure) -> list[float]:
    """Centres of the last ``n_values`` words of ``line`` (its trailing numbers)."""
    spans = token_spans(line, measure)[-n_values:] if n_values else []
    return [(a + b) / 2 for a, b, _ in spans]


def _columns(centres: list[list[float]]) -> list[float] | None:
    """The value columns of a segment: the median centre of each place in its fullest rows, or ``None``
    when those rows disagree about a place or are too few."""
    width = max(len(c) for c in centres)
    full = [c for c in centres if len(c) == width]
    if width < 2 or len(full) < MIN_FULL_ROWS:
        return None
    cols = [median(c[k] for c in full) for k in range(width)]
    if any(max(c[k] for c in full) - min(c[k] for c in full) > TOLERANCE for k in range(width)):
        return None
    return cols if _separated(cols) else None


def _separated(cols: list[float]) -> bool:
    """Columns far enough apart that the tolerance never reaches two of them."""
    return all(b - a > 2 * TOLERANCE for a, b in pairwise(cols))


def _place(centres: list[float], cols: list[float]) -> list[int] | None:
    """The column of each number, or ``None`` unless each lies within the tolerance of one column, in
    increasing order, or is forced by that order (:func:`_forced`)."""
    out: list[int | None] = []
    last = -1  # the column of the last number placed so far
    for x in centres:
        near = [k for k, c in enumerate(cols) if abs(x - c) <= TOLERANCE]
        if len(near) > 1 or (near and near[0] <= last):
            return None
        if near:
            last = near[0]
        out.append(near[0] if near else None)
    return _forced(out, centres, cols)


def _forced(out: list[int | None], centres: list[float], cols: list[float]) -> list[int] | None:
    """Each number near no column placed where order leaves it exactly one: alone between two placed
    neighbours (or a placed one and the table's edge) with one free column between them, on its side of
    their columns; else ``None``."""
    placed: list[int] = []
    for i, k in enumerate(out):
        if k is not None:
            placed.append(k)
            continue
        lo = max((c for c in out[:i] if c is not None), default=-1)
        hi = next((c for c in out[i + 1:] if c is not None), len(cols))
        alone = (i == 0 or out[i - 1] is not None) and (i + 1 == len(out) or out[i + 1] is not None)
        x = centres[i]
        if not alone or hi - lo != 2 or (lo >= 0 and x <= cols[lo]) or (hi < len(cols) and x >= cols[hi]):
            return None
        placed.append(lo + 1)
    return placed


def _all_fit(rows: list[int], centres: list[list[float]], cols: list[float]) -> bool:
    return len(cols) <= MAX_COLUMNS and all(_place(centres[r], cols) is not None for r in rows)


def _segment_break(line: str, value_start: float, measure: Measure) -> bool:
    """A line without numbers that has a word starting over the value columns: a sub-table's header."""
    return any(a >= value_start - 1 for a, _, _ in token_spans(line, measure))


def _header_columns(header: list[str], value_start: float, measure: Measure) -> list[float] | None:
    """The value columns named by a segment's header lines: the centres of their short words (a column
    title a few characters wide, stacked over lines: ``自然``/``人``) over the value columns, grouped where
    they lie within :data:`TOLERANCE` of one another."""
    xs = sorted((a + b) / 2 for line in header for a, b, word in token_spans(line, measure)
                if a >= value_start - 1 and len(word) <= MAX_HEADER_WORD and not _NOT_TITLE.search(word))
    groups: list[list[float]] = []
    for x in xs:
        if groups and x - groups[-1][-1] <= TOLERANCE:
            groups[-1].append(x)
        else:
            groups.append([x])
    cols = [median(g) for g in groups]
    if len(cols) < 2 or any(g[-1] - g[0] > TOLERANCE for g in groups):
        return None
    return cols if _separated(cols) else None


def spread_by_position(lines: list[str], values: list[list[str]], header: list[str] | None = None) -> list[list[str]]:
    """The values of each row of a laid-out block with blank cells where its columns are empty (see the
    module text); rows that no position settles stay as printed. Positions are counted in characters
    (``pdftotext -layout`` places every character in one column, CJK or not) and, where the fullest rows
    of a segment do not agree in characters, in display columns (a terminal's wide characters).
    ``header`` holds the lines above the block (the first segment's column titles)."""
    out = [list(v) for v in values]
    for measure in MEASURES:
        _spread(lines, values, measure, out, header or [])
    return out


def _spread(lines: list[str], values: list[list[str]], measure: Measure, out: list[list[str]],
            header: list[str]) -> None:
    centres = [_centres(line, len(v), measure) for line, v in zip(lines, values, strict=True)]
    if any(len(c) != len(v) for c, v in zip(centres, values, strict=True)):
        return  # words the reader split otherwise than by whitespace runs: no positions to trust
    starts = [token_spans(line, measure)[-len(v)][0] for line, v in zip(lines, values, strict=True) if v]
    if not starts:
        return
    value_start = min(starts)
    segment: list[int] = []
    titles = list(header)
    for r in [*range(len(lines)), len(lines)]:
        if r == len(lines) or (segment and _new_page(lines[r])) or (
                segment and not values[r] and _segment_break(lines[r], value_start, measure)):
            cols = _header_columns(titles, _title_start(lines, values, segment, measure), measure)
            _spread_segment(segment, centres, values, out, cols)
            segment, titles = [], []
        if r == len(lines):
            break
        if values[r]:
            segment.append(r)
        elif not segment or _segment_break(lines[r], value_start, measure):
            titles.append(lines[r])


def _new_page(line: str) -> bool:
    """A line of a new page (pdftotext's form feed): the rows after it have the page's own offsets (a page
    that repeats no column titles may set the table further left), so they start a segment of their own."""
    return "\f" in line


def _title_start(lines: list[str], values: list[list[str]], segment: list[int], measure: Measure) -> float:
    """Where a segment's column titles may start: right of the label words of its number rows, left of its
    numbers — also over a column that no row prints a number in (``自然人`` over blanks). Each segment has its
    own (a page of a table has its own offsets)."""
    if not segment:
        return 0.0
    start = min(token_spans(lines[r], measure)[-len(values[r])][0] for r in segment)
    ends = [b for r in segment for _, b, _ in token_spans(lines[r], measure)[: -len(values[r])] if b < start]
    return min(start, max(ends, default=start) + 1)


def _spread_segment(rows: list[int], centres: list[list[float]], values: list[list[str]],
                    out: list[list[str]], header_cols: list[float] | None) -> None:
    """Spread the short rows of one segment over its columns, unless an earlier measure already did: the
    columns of its fullest rows, or else those its header names where every row of the segment fits them."""
    if not rows or any(out[r] != values[r] for r in rows):
        return
    cols = _columns([centres[r] for r in rows])
    if header_cols is not None and _all_fit(rows, centres, header_cols):
        cols = header_cols if cols is None or len(header_cols) > len(cols) else cols
    if cols is None:
        return
    for r in rows:
        places = _place(centres[r], cols) if len(values[r]) < len(cols) else None
        if places is None:
            continue
        row = [""] * len(cols)
        for k, text in zip(places, values[r], strict=True):
            row[k] = text
        out[r] = row
