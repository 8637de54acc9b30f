"""Row labels that a laid-out table (``pdftotext -layout``) wrapped onto lines of their own.

``-layout`` prints a cell's lines at the cell's left edge and the row's numbers on the line at the
row's vertical middle, so a wrapped label surrounds its numbers::

    (2)其他法律行政法规禁止
                       ０   ０   ０
    公开

The label column of a number line is the start of its last label word (or, for a line of numbers only,
of the last word of the line above). Its label is the run of words in that column: up from the number
line to the nearest word that starts with an ordinal (``(2)``, ``（三）``, ``四、``), down over words
that do not; every line of the run is a line of text without numbers with a word starting exactly in
that column. Where the number line's own label starts with an ordinal nothing is taken from above. A
number line with no such run, or a line claimed by two number lines, keeps its rows as printed (a row
without a label is placed, or reported, by normalize)::

    >>> rows = [(["(1)甲"], []), (["(2)乙丙"], []), ([], ["1", "2"]), (["丁"], []), (["(3)戊"], ["3", "4"])]
    >>> lines = ["  (1)甲", "  (2)乙丙", "         1   2", "  丁", "  (3)戊  3   4"]
    >>> [r for r in join_wrapped(lines, rows)]
    [(['(1)甲'], []), (['(2)乙丙丁'], ['1', '2']), (['(3)戊'], ['3', '4'])]
"""

from __future__ import annotations

import re

from ogi.extract.text_positions import token_spans
from ogi.extract.text_width import join_lines

Row = tuple[list[str], list[str]]
Word = tuple[int, int]  # (row, index of the word in its labels)
ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))")


def _word_at(line: str, column: float, n_labels: int) -> int | None:
    """The index of the label word of ``line`` that starts in ``column``."""
    for k, (a, _, _) in enumerate(token_spans(line)[:n_labels]):
        if a == column:
            return k
    return None


def _word_below(line: str, column: float, n_labels: int) -> int | None:
    """The index of the label word of ``line`` that starts in ``column``, or one column right of it: a wrapped
    label's last line may drift right by one (gen032's ``开`` under ``2.其他法律行政法规禁止公``)."""
    w = _word_at(line, column, n_labels)
    return w if w is not None else _word_at(line, column + 1, n_labels)


def _left_of(line: str, column: float) -> bool:
    """Every word of ``line`` ends left of ``column``."""
    return all(b < column for _, b, _ in token_spans(line))


def _run(lines: list[str], rows: list[Row], r: int, column: float) -> tuple[list[Word], list[Word]] | None:
    """(lines above, lines below) of the label run of number line ``r`` as (row, word index), or ``None``."""
    labels = rows[r][0]
    own = _word_at(lines[r], column, len(labels)) if labels else None
    above: list[Word] = []
    if own is None or not ORDINAL.match(labels[own]):
        k = r - 1
        while True:
            if k < 0 and above:
                break  # the block starts with the label (``text_rows.table_start`` took its first line in)
            if k < 0 or rows[k][1]:
                return None
            w = _word_at(lines[k], column, len(rows[k][0]))
            if w is None and (above or lines[k].strip()) and _left_of(lines[k], column):
                k -= 1  # a group cell's line between the label's lines (``其他处`` left of ``2、申请人…``), or
                # between the label's first line and its number line (r01: ``他处理`` under ``2、申请人逾期…``)
                continue
            if w is None:
                return None
            above.insert(0, (k, w))
            if ORDINAL.match(rows[k][0][w]):
                break
            k -= 1
    below: list[Word] = []
    k = r + 1
    while k < len(rows) and not rows[k][1]:
        w = _word_below(lines[k], column, len(rows[k][0]))
        if w is None or ORDINAL.match(rows[k][0][w]):
            break
        below.append((k, w))
        k += 1
    return above, below


def _label_columns(lines: list[str], rows: list[Row], r: int) -> list[tuple[float, bool]]:
    """Where number line ``r``'s label may stand, in the order tried, each with whether its label must have
    lines both above and below the numbers: first at the last word of the label line above (a label around
    its numbers, the number line's own words a group cell's lines beside it: ``果  …  1`` under
    ``度办理结  （二）部分公开…`` over ``形）``), then at the number line's last label word; a line of numbers
    only has its label at the line above's column, on either side."""
    labels = rows[r][0]
    own = [(token_spans(lines[r])[len(labels) - 1][0], False)] if labels else []
    if r > 0 and not rows[r - 1][1] and rows[r - 1][0]:
        return [(token_spans(lines[r - 1])[len(rows[r - 1][0]) - 1][0], bool(labels)), *own]
    return own


def join_wrapped(lines: list[str], rows: list[Row]) -> list[Row]:
    """The rows with each number line's wrapped label joined to it (see the module text)."""
    printed = [len(labels) + sum(1 for v in values if v) for labels, values in rows]
    if any(len(token_spans(line)) != n for line, n in zip(lines, printed, strict=True)):
        return rows  # words split otherwise than by whitespace runs: no positions to trust
    runs: dict[int, tuple[float, list[Word], list[Word]]] = {}
    for r, (_, values) in enumerate(rows):
        for column, around in _label_columns(lines, rows, r) if values else []:
            run = _run(lines, rows, r, column)
            if run is not None and ((run[0] and run[1]) if around else (run[0] or run[1])):
                runs[r] = (column, *run)
                break
    claimed = [k for _, above, below in runs.values() for k, _ in [*above, *below]]
    # a line of numbers alone whose label no run finds may own the text line above it as well
    claimed += [r - 1 for r, (labels, values) in enumerate(rows)
                if values and not labels and r not in runs and r > 0 and not rows[r - 1][1]]
    taken: dict[int, set[int]] = {}
    out_labels = {r: list(rows[r][0]) for r in range(len(rows))}
    for r, (column, above, below) in runs.items():
        if any(claimed.count(k) > 1 for k, _ in [*above, *below]):
            continue
        own = _word_at(lines[r], column, len(rows[r][0]))
        parts = [rows[k][0][w] for k, w in above] + ([rows[r][0][own]] if own is not None else [])
        parts += [rows[k][0][w] for k, w in below]
        label = join_lines(parts)
        if own is None:
            out_labels[r].append(label)
        else:
            out_labels[r][own] = label
        for k, w in [*above, *below]:
            taken.setdefault(k, set()).add(w)
    out: list[Row] = []
    for r, (_, values) in enumerate(rows):
        kept = [w for i, w in enumerate(out_labels[r]) if i not in taken.get(r, set())]
        if kept or values:
            out.append((kept, values))
    return out


def _level(label: str) -> int | None:
    """The depth of a row label's ordinal: ``三、`` 0, ``（三）`` 1, ``(3)``/``3.`` 2; ``None`` without one."""
    m = ORDINAL.match(label)
    if m is None:
        return None
    head = m.group(0)
    return 0 if head[-1] in "、.．" and not head[0].isdigit() else 2 if any(ch.isdigit() for ch in head) else 1


def _next_level(row: Row) -> int | None:
    """The highest level the label words of the row after a label printed alone open (``三、本年 （一）予以公开``:
    0), or ``None``."""
    levels = [lv for w in row[0] if (lv := _level(w)) is not None]
    return min(levels) if levels else None


def _unnumbered(labels: list[str]) -> bool:
    """A line of label words none of which starts with an ordinal: a wrapped line (``予处理  2．重复申请``, a
    group cell's line beside the next item, is not)."""
    return all(_level(w) is None for w in labels)


def _number(label: str) -> int | None:
    """The Arabic number of a label's ordinal (``4、保护…`` 4), or ``None``."""
    m = ORDINAL.match(label)
    digits = "".join(ch for ch in m.group(0) if ch.isdigit()) if m else ""
    return int(digits) if digits else None


def _deeper_numbers(row: Row, level: int) -> list[int]:
    """The numbers of the row's label words deeper than ``level``."""
    return [n for w in row[0] if (lv := _level(w)) is not None and lv > level and (n := _number(w)) is not None]


def _numbering_goes_on(rows: list[Row], k: int, level: int) -> bool:
    """The deeper labels from row ``k`` on (``1、`` … ``3、``) run up to a label of ``level`` (``（三）``) whose line
    or the next goes on with their numbering (``不予公   4、…``): that label is their group cell, printed at its
    middle (``pdftotext -layout``), so the label before them heads nothing."""
    if k < len(rows) and rows[k][1]:
        return False  # a row of numbers, not a deeper label
    seen: list[int] = []
    for j in range(k, len(rows)):
        if any((lv := _level(w)) is not None and lv <= level for w in rows[j][0]):
            if _level(rows[j][0][0]) != level or not seen or seen[0] != 1:
                return False
            after = [n for row in rows[j:j + 2] for n in _deeper_numbers(row, level)]
            return bool(after) and after[0] == seen[-1] + 1
        seen += _deeper_numbers(rows[j], level)
    return False


def blank_label_rows(rows: list[Row]) -> list[Row]:
    """The rows with each numbered label printed alone made a row of blank cells, where nothing else can own it.

    A text that prints a blank cell as nothing (``pdftotext -raw``) prints a row of blank cells as its label
    alone, maybe wrapped onto lines of their own. Such a label (last word starting with an ordinal), with the
    unnumbered label lines after it, is a row of blank cells when the next line is the label of a row at
    the same or a higher level (``(1)…`` then ``(2)…``, ``(5)…`` then ``（六）…``): the row's numbers, if it
    had any, would have come before it. A deeper next label makes it a group heading (``（三）不予公开``
    then ``(1)…``); a line of numbers next may be its own (``join_wrapped`` did not join it, so it is left
    as printed). The row gets as many blank cells as the block's widest row has values::

        >>> rows = [(["(1)甲"], []), (["(2)乙"], []), (["丙"], []), (["（二）丁"], []), (["(1)戊"], ["1", "2"])]
        >>> blank_label_rows(rows)
        [(['(1)甲'], ['', '']), (['(2)乙丙'], ['', '']), (['（二）丁'], []), (['(1)戊'], ['1', '2'])]
    """
    width = max((len(values) for _, values in rows), default=0)
    out: list[Row] = []
    r = 0
    while r < len(rows):
        labels, values = rows[r]
        level = _level(labels[-1]) if labels and not values else None
        k = r + 1
        while level is not None and k < len(rows) and not rows[k][1] and rows[k][0] and _unnumbered(rows[k][0]):
            k += 1  # the label's wrapped lines
        nxt = _next_level(rows[k]) if level is not None and k < len(rows) else None
        last = k == len(rows) and level == 0  # a top-level row the reader kept after the last number line
        heading = level is not None and nxt is not None and nxt > level and not _numbering_goes_on(rows, k, level)
        if level is None or (nxt is None and not last) or heading:
            out.append(rows[r])
            r += 1
            continue
        # a wrapped line's last word goes on the label; words before it are a group cell's lines (``法提供``)
        label = join_lines([labels[-1], *(row[0][-1] for row in rows[r + 1:k])])
        group = [w for row in rows[r + 1:k] for w in row[0][:-1]]
        out.append(([*labels[:-1], *group, label], [""] * width))
        r = k
    return out
