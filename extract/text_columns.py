"""Column-aligned text tables whose columns are given by runs of dashes (pandoc ``-t plain`` simple and
multiline tables): only the horizontal position of a word tells its column.

A dash line ``----- ---- ----`` gives each column's extent in display columns (wide characters count
two). A multiline table has a closing dash line and rows separated by blank lines, each row's cells
wrapping over its lines; a simple table has one line a row and ends at a blank line. A row with text in
one column only (a group heading such as ``第二十条第（一）项``) is one cell across the table::

    >>> lines = ["  ----- ----- -----", "  规章    1     2", "", "  规范性  3     -4", "  文件", "  ----- ----- -----"]
    >>> t, end = dash_table(lines, 0)
    >>> end, [[c.text for c in r] for r in t.rows()]
    (6, [['规章', '1', '2'], ['规范性文件', '3', '-4']])
"""

from __future__ import annotations

import re

from ogi.extract.text_width import FILLER, cells, join_lines
from ogi.schemas import Table, TableCell

_DASH_LINE = re.compile(r"^\s*-{3,}(?:\s+-{3,})*\s*$")
MAX_HEADER_LINES = 6


def dash_groups(line: str) -> list[tuple[int, int]]:
    """Display-column extents (start, end inclusive) of the dash runs of a dash line, else ``[]``."""
    if not _DASH_LINE.match(line):
        return []
    return [(m.start(), m.end() - 1) for m in re.finditer(r"-+", line)]  # the line is ASCII: index = column


def _column(x: int, extents: list[tuple[int, int]]) -> int:
    col = 0
    for i, (start, _) in enumerate(extents):
        if x >= start:
            col = i
    return col


def _line_cells(line: str, extents: list[tuple[int, int]]) -> list[str]:
    out = [""] * len(extents)
    for x, (ch, _) in enumerate(cells(line)):
        if ch != FILLER:
            out[_column(x, extents)] += ch
    return [c.strip() for c in out]


def _row(lines: list[str], extents: list[tuple[int, int]]) -> list[str]:
    per_line = [_line_cells(line, extents) for line in lines]
    return [join_lines([p[c] for p in per_line]) for c in range(len(extents))]


def _blocks(body: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in body:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _header(lines: list[str], i: int) -> list[str]:
    start = i
    while start > 0 and i - start < MAX_HEADER_LINES and lines[start - 1].strip() and not dash_groups(lines[start - 1]):
        start -= 1
    return lines[start:i] if start == 0 or not lines[start - 1].strip() else []


def dash_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """The table whose dash line is ``lines[i]`` and the index after it, or ``(None, i)``."""
    top = dash_groups(lines[i])
    if not top:
        return None, i
    header: list[str] = []
    body_start = i + 1
    extents = top
    if len(top) == 1:  # a top rule over a header; the column dashes follow the header
        j = i + 1
        while j < len(lines) and j - i <= MAX_HEADER_LINES and lines[j].strip() and not dash_groups(lines[j]):
            j += 1
        if j >= len(lines) or len(dash_groups(lines[j])) < 2:
            return None, i
        header, extents, body_start = lines[i + 1:j], dash_groups(lines[j]), j + 1
    elif len(top) >= 2:
        header = _header(lines, i)
    close = next((k for k in range(body_start, len(lines)) if dash_groups(lines[k])), None)
    if close is not None and all(lines[k].strip() or lines[k + 1].strip() for k in range(body_start, close - 1)):
        rows, end = _blocks(lines[body_start:close]), close + 1
    else:
        end = body_start
        while end < len(lines) and lines[end].strip():
            end += 1
        rows = [[line] for line in lines[body_start:end]]
    texts = ([_row(header, extents)] if header else []) + [_row(r, extents) for r in rows]
    if not texts:
        return None, i
    return _to_table(texts, len(extents)), end


def _to_table(texts: list[list[str]], n_cols: int) -> Table:
    out: list[TableCell] = []
    for r, row in enumerate(texts):
        filled = [c for c, t in enumerate(row) if t]
        if len(filled) == 1:
            out.append(TableCell(r, 0, row[filled[0]], colspan=n_cols))
            continue
        out += [TableCell(r, c, t) for c, t in enumerate(row)]
    return Table(tuple(out))
