"""Tables exported one cell per line (LibreOffice's text export of a DOCX, ``soffice --convert-to txt``):
each cell's paragraphs on lines of their own, an empty cell as an empty line, nothing where a row ends.

A *cell stream* is a run of short lines, each a label, a value (a number or a null token) or empty,
between two lines of prose or section headings. Its rows are read from the one mark the layout keeps:
a label line after a value starts a new row. Each row is its label lines followed by every value and
empty line up to the next label, in printed order; empty lines are kept as blank cells because their
position is the only evidence of which column a number belongs to. How many of the trailing empty
lines are cells of the row and how many are the covered slots of a merged cell above the next row
(``三、本年度办理结果`` spanning the result rows) only the template's column count can say, so
normalize decides that (it trims blanks at the end first, see ``rows.trim_values``).

A label that wraps onto a second paragraph (``（二）部分公开(区分处理的，只计这一`` / ``情况，不计其他情况)``)
is joined to the line before when that line starts with an ordinal and this one does not; group
headings (``（三）不予公开``) stay label parts of their own::

    >>> lines = ["说明如下：", "信息内容", "本年新制作数量", "规章", "0", "", "规范性文件", "5", "3",
    ...          "（一）未", "完", "1", "第三部分 依申请公开政府信息情况"]
    >>> table, end = stream_table(lines, 1)
    >>> end, [[c.text for c in r] for r in table.rows()]
    (12, [['信息内容', '本年新制作数量', '规章', '0', ''], ['规范性文件', '5', '3'], ['（一）未完', '1']])

Text from ``pdftotext`` (default mode) also puts one cell per line, but in the reading order of its
text blocks: a column of labels, then columns of numbers, empty lines between blocks, not cells. The
order of the cells is lost, so that text is not read as a cell stream: pdftotext writes a form feed
after every page (LibreOffice's text export never does), and a run where two labels of one ordinal
style (``(2)…`` then ``(3)…``) meet without a line for the cells between them is no cell stream either.
"""

from __future__ import annotations

import re

from ogi.extract.caps import check_grid
from ogi.schemas import Table, TableCell

NULL_TOKENS = frozenset({"—", "——", "-", "－", "/", "／", "无", "一一", "×", "*"})
MAX_LABEL = 60  # a longer line is prose
MIN_VALUES = 4  # numbers in a run before it is read as a table
MIN_ROWS = 1
MIN_HEADING = 8  # characters of a section heading printed without its ordinal
# A printed count or amount: a sign (also 增/减), digits (full-width too), separators, a unit (also in brackets).
VALUE = re.compile(r"^(?:增加|减少|增|减)?[+\-−－]?[\d０-９][\d０-９,，.．]*\s*"
                   r"[（(]?(?:万元|元|件|条|个|项|万|%|％)?[)）]?$")
_SENTENCE_END = "。；;：:！？!?"
_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_SECTION = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．])")
_SECTION_WORDS = ("情况", "事项", "主动公开政府信息")
_BARE_HEADING_WORDS = ("情况", "报告的事项")  # a row label can end in 事项 (其他对外管理服务事项)


def is_value_line(line: str) -> bool:
    s = line.strip()
    return bool(s) and (bool(VALUE.match(s)) or s in NULL_TOKENS)


def _is_heading(s: str) -> bool:
    """A section heading ends the table: ``四、政府信息公开行政复议、行政诉讼情况``, also without its
    ordinal (``存在的主要问题及改进情况``); a header cell like ``申请人情况`` is shorter."""
    if _SECTION.match(s):
        return s.endswith(_SECTION_WORDS)
    return not _ORDINAL.match(s) and len(s) >= MIN_HEADING and s.endswith(_BARE_HEADING_WORDS)


def _is_label_line(line: str) -> bool:
    s = line.strip()
    if not s or is_value_line(s) or len(s) > MAX_LABEL or s[-1] in _SENTENCE_END or _is_heading(s):
        return False
    if "\t" in line or "|" in s:  # tab-joined or pipe rows are other layouts
        return False
    return not any(VALUE.match(w) for w in s.split())


def _in_stream(line: str) -> bool:
    """An empty line, or an unindented value or label (LibreOffice writes no indentation; an indented
    cell a line is ``lynx -dump``, whose empty lines are layout, not cells)."""
    if not line.strip():
        return True
    return not line[0].isspace() and (is_value_line(line) or _is_label_line(line))


def _rows(lines: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    in_values = False
    for line in lines:
        s = line.strip()
        if _is_label_line(line):
            if in_values:
                rows.append(row)
                row, in_values = [], False
            if row and _ORDINAL.match(row[-1]) and not _ORDINAL.match(s):
                row[-1] += s  # the label's second paragraph
            else:
                row.append(s)
            continue
        if row:
            row.append(s)
            in_values = True
    if row:
        rows.append(row)
    return rows


def _ordinal_style(label: str) -> str | None:
    """``(n)``, ``（一）`` or ``一、`` as a style name; ``None`` for a label without an ordinal."""
    m = _ORDINAL.match(label)
    if m is None:
        return None
    token = m.group(0).strip()
    kind = "digit" if any(ch.isdigit() for ch in token) else "cjk"
    return kind + ("()" if token[0] in "(（" else "、")


def _not_one_row(row: list[str]) -> bool:
    """Label lines that cannot be the cells of one row before its values: two of the same ordinal style
    (``(2)…`` then ``(3)…``) are two rows' labels, so the layout printed no line for some cells (a
    column of labels, blank rows left out) and the run is not a cell stream."""
    labels = [t for t in row if t and not is_value_line(t)]
    styles = [s for s in (_ordinal_style(t) for t in labels) if s is not None]
    return len(styles) != len(set(styles))


def _run_start(lines: list[str], i: int) -> bool:
    """Only the first label of a run is tried (a later one would read a part of the same run)."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j < 0 or not _in_stream(lines[j])


def stream_end(lines: list[str], i: int) -> int:
    """The index after the run of cell-stream lines starting at ``lines[i]`` (trailing empty lines are
    cells of the last row: a row left blank at the end of the table)."""
    end = i
    while end < len(lines) and _in_stream(lines[end]):
        end += 1
    return end


def stream_table(lines: list[str], i: int, paged: bool = False) -> tuple[Table | None, int]:
    """The cell-stream table starting at the label line ``lines[i]`` and the index after it, or ``(None, i)``.
    ``paged``: the text has form feeds between pages (``pdftotext``), so it is not a cell stream."""
    if paged or not _is_label_line(lines[i]) or not _run_start(lines, i):
        return None, i
    end = stream_end(lines, i)
    block = lines[i:end]
    n_values = sum(1 for line in block if is_value_line(line))
    if n_values < MIN_VALUES:
        return None, i
    rows = _rows(block)
    if sum(1 for r in rows if any(is_value_line(t) for t in r)) < MIN_ROWS or any(_not_one_row(r) for r in rows):
        return None, i
    check_grid(len(rows), max(len(r) for r in rows), sum(len(r) for r in rows))
    cells = tuple(TableCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(cells), end
