"""Rows of blank cells printed as their label alone (``lynx -dump`` drops a row's trailing spaces, so a row
whose cells are all blank is its numbered label and nothing else)::

    一、本年新收政府信息公开申请数量 13 1     2   16
    （三）不予公开 1.属于国家秘密
    2.其他法律行政法规禁止公开
    （四）无法提供 1.本机关不掌握相关政府信息 4           4

A label without numbers is also what a wrapped label, or a label whose numbers a converter printed
elsewhere, looks like; so a row is read as blanks only where the whole table rules that out:

- every row of the table that prints a number has a label that places it, and prints all its cells
  (the grid shows its blank cells) — no numbers anywhere waiting for a label;
- the row's label places it (high score, not ambiguous, its own ordinal), and the rows just before and
  after it are placed rows of the template, in the template's order around it, the next one not an item
  of this row (a row that opens a group of items prints no cells of its own); the table's last line
  needs no row after it when it is the template's last row (``四、结转下年度继续办理``);
- no other row of the table printed that row, or names it too.

Anything else is left as it is (missed, never guessed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ogi.normalize.matcher import Candidate, Match
from ogi.normalize.rows import SourceRow, SourceValue
from ogi.normalize.textnorm import ordinal_value, split_ordinal
from ogi.normalize.values import is_blank

MIN_SCORE = 95.0
MIN_VALUE_ROWS = 2

Printed = tuple[SourceRow, Match | None]


def dropped_trailing_blanks(row: SourceRow, n_cols: int) -> SourceRow:
    """A row that shows a blank cell before a number (the reader kept the blanks' places) but has fewer than
    ``n_cols`` cells lost its trailing blank cells (lynx drops a line's trailing spaces): they are blank::

        >>> [v.raw for v in dropped_trailing_blanks(SourceRow(("2.重复申请",), _values("", "", "10")), 4).values]
        ['', '', '10', '']
    """
    raws = [v.raw for v in row.values]
    printed = [i for i, raw in enumerate(raws) if not is_blank(raw)]
    if row.readings or not printed or not len(raws) < n_cols or not any(is_blank(r) for r in raws[:printed[-1]]):
        return row
    return replace(row, values=row.values + tuple(SourceValue("", row.page) for _ in range(n_cols - len(raws))))


def _values(*raws: str) -> tuple[SourceValue, ...]:
    return tuple(SourceValue(r) for r in raws)


def _shows_blanks(row: SourceRow) -> bool:
    return any(is_blank(v.raw) for v in row.values)


def _opens_table(before: Sequence[Printed]) -> bool:
    """Nothing but header lines (no label the template knows, no values) before a row."""
    return all(match is None and not row.values for row, match in before)


def _grid_shows_blanks(printed: Sequence[Printed], n_cols: int) -> bool:
    """Every row that prints a number is placed and prints all its cells, and there are two such rows, or
    one that shows a blank cell among them."""
    value_rows = [(row, match) for row, match in printed if row.has_numbers()]
    enough = len(value_rows) >= MIN_VALUE_ROWS or any(_shows_blanks(row) for row, _ in value_rows)
    return bool(value_rows) and enough and all(
        match is not None and len(row.values) == n_cols and not row.readings
        and not any(v.ambiguous for v in row.values)
        for row, match in value_rows)


def _own_ordinal(row: SourceRow, cand: Candidate) -> bool:
    ordinal, _ = split_ordinal(row.labels[-1])
    return bool(ordinal) and cand.ordinal is not None and ordinal_value(ordinal) == ordinal_value(cand.ordinal)


def blank_rows(printed: Sequence[Printed], candidates: Mapping[str, Candidate], order: Sequence[str],
               n_cols: int) -> list[tuple[SourceRow, Match]]:
    """The rows of ``printed`` (a table's rows in printed order, each with its label's match) that are rows
    of blank cells, with their match; ``order`` is the template's row order."""
    if not _grid_shows_blanks(printed, n_cols):
        return []
    index = {k: i for i, k in enumerate(order)}
    printed_keys = {m.key for r, m in printed if m is not None and r.values}
    alone = Counter(m.key for r, m in printed if m is not None and not r.values)
    out: list[tuple[SourceRow, Match]] = []
    for i, (row, match) in enumerate(printed):
        if row.values or match is None or match.ambiguous or match.score < MIN_SCORE or match.key not in index:
            continue
        if match.key in printed_keys or alone[match.key] > 1 or not _own_ordinal(row, candidates[match.key]):
            continue
        before, after = printed[i - 1][1] if i else None, printed[i + 1][1] if i + 1 < len(printed) else None
        if _opens_table(printed[:i]) and match.key == order[0] and after is not None and after.key in index:
            pass  # the table's first row (after its header lines), the template's first row: nothing is before it
        elif before is None or before.key not in index or not index[before.key] < index[match.key]:
            continue
        if after is None and i + 1 == len(printed) and match.key == order[-1]:
            out.append((row, match))  # the table's last line, the template's last row: nothing can follow it
            continue
        if after is None or after.key not in index or not index[match.key] < index[after.key]:
            continue
        if candidates[after.key].group == match.key:
            continue
        out.append((row, match))
    return out
