"""Column-aligned text tables whose columns are given by runs of dashes (pandoc ``-t plain`` simple and
multiline tables): only the horizontal position of a word tells its column.

A dash line ``----- ---- ----`` gives each column's extent in display columns (wide characters count
two). A multiline table has a closing dash line and rows separated by blank lines, each row's cells
wrapping over its lines; a simple table has one line a row and ends at a blank line::

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
# A printed count or amount: sign, digits (full-width too), separators, a unit.
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、](?!\d))")
NUMBER = re.compile(r"^[+\-−－]?[\d０-９][\d０-９,，.．]*\s*[件条个项元万%％]*$")


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
    """Each word (a run without spaces) goes to the column its first character stands in: a heading wider
    than its column stays whole."""
    out: list[list[str]] = [[] for _ in extents]
    x, word, start = 0, "", 0
    for x, (ch, _) in enumerate([*cells(line), (" ", -1)]):
        if ch == FILLER:
            continue
        if ch.isspace():
            if word:
                out[_column(start, extents)].append(word)
            word = ""
        else:
            if not word:
                start = x
            word += ch
    return [" ".join(words) for words in out]


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
        body = lines[body_start:close]
        # Rows are blank-line separated (multiline table); without a blank line it is a simple table with
        # a closing rule: one line a row.
        rows, end = (_blocks(body) if any(not line.strip() for line in body) else [[x] for x in body]), close + 1
    else:
        end = body_start
        while end < len(lines) and lines[end].strip():
            end += 1
        rows = [[line] for line in lines[body_start:end]]
    texts = ([_row(header, extents)] if header else []) + [_row(r, extents) for r in rows]
    if not texts:
        return None, i
    return _to_table(texts), end


def _last_label(row: list[str]) -> int:
    return max((c for c, t in enumerate(row) if t and not NUMBER.match(t)), default=-1)


def _value_columns(texts: list[list[str]]) -> set[int]:
    """Columns where some row prints a number, and every column right of the last label of each row that
    prints a number or whose label is numbered (``1.属于国家秘密``): a column left blank in every row (a table
    mostly of blank cells) is still a value column when it lies right of every row label::

        >>> sorted(_value_columns([["", "", "自然人", "其他", ""], ["（三）不予公开", "1.秘密", "", "", ""],
        ...                        ["", "4.大量", "", "10", ""]]))
        [2, 3, 4]
    """
    width = max((len(row) for row in texts), default=0)
    body = [row for row in texts if any(NUMBER.match(t) or _NUMBERED.match(t) for t in row)]
    numbers = {c for row in texts for c, t in enumerate(row) if NUMBER.match(t)}
    if not numbers:
        return numbers
    return numbers | set(range(max(_last_label(row) + 1 for row in body), width))


def _to_table(texts: list[list[str]]) -> Table:
    """Cells of the rows. Value columns are those of :func:`_value_columns`; in the label columns an
    empty cell right of a label continues it (a label merged over columns loses its span in this layout),
    so each row ends with exactly its value columns. (A row with one label and blank values stays so: it
    may be a group heading or a row of blank cells, and only the template can tell.)"""
    value_cols = _value_columns(texts)
    out: list[TableCell] = []
    for r, row in enumerate(texts):
        row_cells: list[TableCell] = []
        for c, text in enumerate(row):
            last = row_cells[-1] if row_cells else None
            if not text and c not in value_cols and last is not None and last.text and last.col not in value_cols:
                row_cells[-1] = TableCell(r, last.col, last.text, colspan=last.colspan + 1)
            else:
                row_cells.append(TableCell(r, c, text))
        out += row_cells
    return Table(tuple(out))
