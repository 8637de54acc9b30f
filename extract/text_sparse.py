"""A table of mostly blank cells as ``lynx -dump`` prints it when it does not lay the table out: a row a line,
cells joined by one space, a blank cell one more space, a line's trailing spaces dropped; so a row of blank
cells is its numbered label alone and a row of one number is its label, the blanks before the number as
spaces, and the number (``4.无正当理由大量反复申请       10``: three blank cells, then 10)::

    >>> lines = ["一、本年新收", "二、上年结转", "（一）予以公开", "（二）部分公开", "1.属于国家秘密",
    ...          "2.重复申请       10", "3.要求提供公开出版物", "（七）总计"]
    >>> table, end = sparse_rows_table(lines, 0)
    >>> end, [[c.text for c in r] for r in table.rows()][5]
    (8, ['2.重复申请', '', '', '', '10'])

Such a table has too few rows of numbers for ``text_rows`` (none of two numbers or more, perhaps): it is a run
of at least :data:`MIN_LINES` lines, each a numbered label with or without numbers after it, some with
numbers, every run of spaces before a number odd and one longer than a single space (cells joined by one
space, not padded to columns). Which row and column a cell is, and what the dropped trailing blanks were,
is normalize's to decide (``normalize/blank_rows``).
"""

from __future__ import annotations

from ogi.extract.text_rows import ITEM, blank_cells_joined, split_row, with_blanks
from ogi.schemas import Table, TableCell

MIN_LINES = 8
MAX_LABELS = 8  # label words of a row (a group heading and its item, a label broken at spaces)


def _is_item(line: str) -> bool:
    split = split_row(line)
    return split is not None and 0 < len(split[0]) <= MAX_LABELS and ITEM.match(line.strip()) is not None


def sparse_rows_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """The table of numbered rows starting at ``lines[i]`` and the index after it, or ``(None, i)``."""
    end = i
    while end < len(lines) and _is_item(lines[end]):
        end += 1
    block = lines[i:end]
    splits = [split_row(line) or ([], []) for line in block]
    if len(block) < MIN_LINES or not any(values for _, values in splits) or not blank_cells_joined(block):
        return None, i
    cells: list[TableCell] = []
    for r, (line, (labels, values)) in enumerate(zip(block, splits, strict=True)):
        row = [*labels, *(with_blanks(line, len(labels), values) if values else [])]
        cells += [TableCell(r, c, text) for c, text in enumerate(row)]
    return Table(tuple(cells)), end
