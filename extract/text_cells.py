"""Tables printed one cell per line (``lynx -dump`` of Word-style HTML, whose cells hold ``<p>`` paragraphs):
a cell with text is its line and the empty line after it, a blank cell is one empty line of its own, so the
count of empty lines tells where the blank cells are. Text followed by text is another layout (one cell per line
without the empty lines, a column-by-column stream): the table ends before the row where it starts.

A row is its label lines (text that is no value: a group heading spanning rows above the row's own label)
followed by its value cells (numbers, ``—``, or blank). A run of more than two label lines is the table's
header (cells of header words, letters of a stacked header) and becomes a row of its own; its last line
stays the row's label only where it stands at the left margin as the row labels do. A header inside the
table (table 二's sub-tables under centred ``第二十条第（五）项`` / ``信息内容`` / …) lets the rows after it
have one value cell; a header whose first line stands at the left margin (a section heading without
ordinal) is the next table's, and this one ends before it::

    >>> lines = ["      信息内容", "", "   规章", "", "      1", "", "", "      3", "", "   规范性文件", "", "", "",
    ...          "      5", "", "   其他", "", "      —", "", "      —", "", "", "x。"]
    >>> t, end = cell_lines_table(lines, 0)
    >>> end, [[c.text for c in r] for r in t.rows()]
    (20, [['信息内容', '规章', '1', '', '3'], ['规范性文件', '', '', '5'], ['其他', '—', '—', '']])
"""

from __future__ import annotations

import re

from ogi.extract.text_columns import NUMBER
from ogi.schemas import Table, TableCell

MIN_ROWS = 3
MIN_VALUES = 2  # value cells of a row
MIN_LONE_ROW = 5  # value cells of the one row of a table with a header (table 四)
MAX_LABEL = 60  # a longer line is prose
GROUP_LINES = 2  # label lines of one row: a group heading and the row's own label
LEFT_MARGIN = 4  # lynx indents text three columns; a row label stands there, header words are centred
_NULL = re.compile(r"^[—–\-－/／]+$")
_SIGNED = re.compile(r"^[增减]")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")


def is_value(text: str) -> bool:
    s = text.strip()
    return bool(NUMBER.match(_SIGNED.sub("", s)) or _NULL.match(s))


def _is_label(line: str) -> bool:
    s = line.strip()
    return bool(s) and not is_value(s) and len(s) <= MAX_LABEL and s[-1] not in "。：:；;，," and "。" not in s


def _ends_cell(lines: list[str], i: int) -> bool:
    """A cell with text is its line and one empty line after it (or the end of the text)."""
    return i + 1 >= len(lines) or not lines[i + 1].strip()


def _labels(lines: list[str], i: int) -> tuple[list[str], int, bool]:
    """The label lines from ``lines[i]`` (each with the empty line after it), the index after them, and
    whether they keep the layout (a label line followed by text is another layout: stacked words)."""
    out: list[str] = []
    while i < len(lines) and _is_label(lines[i]):
        if not _ends_cell(lines, i):
            return out, i, False
        out.append(lines[i])
        i += 2
    return out, i, True


def _values(lines: list[str], i: int) -> tuple[list[str], int, bool]:
    """Value cells from ``lines[i]``: an empty line is a blank cell, a value is its line and the empty one after."""
    out: list[str] = []
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            out.append("")
            i += 1
        elif is_value(s):
            if not _ends_cell(lines, i):
                return out, i, False
            out.append(s)
            i += 2
        else:
            break
    return out, i, True


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _laid_out(lines: list[str]) -> bool:
    """Most values stand right of the labels' margin (centred or right-aligned in their cells), as a renderer
    lays a table out; text where values and labels start at one margin is a stream, not a table."""
    texts = [line for line in lines if line.strip()]
    margin = min((_indent(line) for line in texts if not is_value(line)), default=0)
    values = [_indent(line) > margin for line in texts if is_value(line)]
    return sum(values) * 2 > len(values)


def _row_label(line: str) -> bool:
    return len(line) - len(line.lstrip()) <= LEFT_MARGIN


def cell_lines_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """The one-cell-per-line table starting at ``lines[i]`` and the index after it, or ``(None, i)``."""
    if not _is_label(lines[i]) or i + 1 >= len(lines) or lines[i + 1].strip() or (i > 0 and lines[i - 1].strip()):
        return None, i
    rows: list[list[str]] = []
    j = i
    sub_tables = False  # a header inside the table: sub-tables whose rows may have one value cell
    while j < len(lines):
        labels, after_labels, kept = _labels(lines, j)
        values, end, kept_values = _values(lines, after_labels)
        inner_header = bool(rows) and len(labels) > GROUP_LINES
        fewest = 1 if sub_tables or inner_header else MIN_VALUES
        if not (kept and kept_values) or not labels or len(values) < fewest:
            break
        if len(labels) > GROUP_LINES and any(_SECTION.match(s.strip()) for s in labels[:-1]):
            break  # a section heading, then the next table's header: this table ends before it
        if inner_header and _row_label(labels[0]):
            break  # a heading at the margin (no ordinal), then a header: the next table; sub-headers are centred
        sub_tables = sub_tables or inner_header
        if len(labels) > GROUP_LINES:
            own = [labels.pop()] if _row_label(labels[-1]) else []
            rows.append([s.strip() for s in labels])
            labels = own
        rows.append([s.strip() for s in labels] + values)
        j = end
    data = [r for r in rows if r and (not r[-1] or is_value(r[-1]))]
    if not _laid_out(lines[i:j]):
        return None, i
    lone = len(rows) > len(data) and any(len(r) >= MIN_LONE_ROW for r in data)  # table 四: a header, one row
    if (len(data) < MIN_ROWS and not lone) or not any(c.strip() and is_value(c) for r in data for c in r):
        return None, i
    while j > i and not lines[j - 1].strip():  # the empty lines after the last value
        j -= 1
    cells = tuple(TableCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(cells), j
