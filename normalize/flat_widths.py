"""Blank cells told by whitespace widths in a flattened table (crawler text): a crawler that joins a table's
cells keeps each blank cell's own whitespace (``&nbsp;`` or a padded ``<td> </td>``), so in one table a run
of whitespace before a number is ``c + u·k`` characters for the k blank cells before it, with the same c
(what stands between two printed cells: nothing, a space, padding) and u (what a blank cell adds) on every
row: ``13 1     2   16`` of a table where c = 1 and u = 2 (cells joined by a space, a blank cell one space)
is 13, 1, blank, blank, 2, blank, 16.

A *width model* (c, u) is kept only where it explains every row of the table that prints a number: some
reading of the row (``flattened.split_readings``) puts each printed number after exactly as many blanks as
its whitespace says, and the row's blank cells after its last number and the rows of blanks alone are
wide enough for their blank cells (``(k - 1)·(u - c)`` characters at least: a crawler may strip the
last cell's spaces). A row's readings are then those that some kept model allows; where no model explains
the table (irregular whitespace), the widths are no evidence and every reading stays. The identities
(``align``) settle what is still open::

    >>> rows = [("13 1     2   16", (("13", "1", "", "", "2", "", "16"), ("13", "", "1", "", "2", "", "16"))),
    ...         ("1 2 3 4 5 6 21", (("1", "2", "3", "4", "5", "6", "21"),))]
    >>> [len(r) for r in width_readings(rows)]
    [1, 1]
    >>> [len(r) for r in width_readings(rows[:1] + [("1 2  3 4 5 6 21", rows[1][1])])]  # no model fits: no evidence
    [2, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

Reading = tuple[str, ...]
MAX_C = 3  # whitespace between two printed cells: HTML collapses a cell's spaces to one at each end, plus a separator
MAX_U = 8  # whitespace a blank cell adds (u = 0: blank cells print nothing, so the widths tell nothing)
Model = tuple[int, int, int]  # (c before the first number, c between numbers, u)


def _layout(run: str, reading: Reading) -> tuple[list[tuple[int, int]], int, int] | None:
    """[(whitespace before the printed cell, blank cells before it)], the trailing whitespace and the
    trailing blank cells of ``reading`` laid over ``run``; None when the reading does not spell the run."""
    pos, blanks, out = 0, 0, []
    for cell in reading:
        if not cell:
            blanks += 1
            continue
        start = pos
        while pos < len(run) and run[pos].isspace():
            pos += 1
        if not run.startswith(cell, pos):
            return None
        out.append((pos - start, blanks))
        pos, blanks = pos + len(cell), 0
    if run[pos:].strip():
        return None
    return out, len(run) - pos, blanks


def _fits(layout: tuple[list[tuple[int, int]], int, int], model: Model) -> bool:
    lead, inner, u = model
    gaps, trailing, trailing_blanks = layout
    for i, (gap, k) in enumerate(gaps):
        if gap != (lead if i == 0 else inner) + u * k:
            return False
    return trailing >= (trailing_blanks - 1) * (u - inner)


def _models() -> list[Model]:
    return [(lead, inner, u) for lead in range(MAX_C + 1) for inner in range(MAX_C + 1)
            for u in (0, *range(max(inner, 1), MAX_U + 1))]


def width_readings(rows: Sequence[tuple[str, Sequence[Reading]]],
                   blank_rows: Sequence[tuple[int, int]] = ()) -> list[tuple[Reading, ...]]:
    """For each (raw run, readings) of one table, the readings some width model of the whole table allows;
    ``blank_rows`` are (whitespace width, cells) of the table's rows printed with no number."""
    layouts = [[(r, _layout(run, r)) for r in readings] for run, readings in rows]
    kept: list[set[Reading]] = [set() for _ in rows]
    any_model = False
    for model in _models():
        if any(w < (n - 1) * (model[2] - model[1]) for w, n in blank_rows):
            continue
        fitting = [{r for r, lay in row if lay is not None and _fits(lay, model)} for row in layouts]
        if all(fitting):
            any_model = True
            for slot, fit in zip(kept, fitting, strict=True):
                slot |= fit
    if not any_model:
        return [tuple(readings) for _, readings in rows]
    return [tuple(r for r in readings if r in slot) for (_, readings), slot in zip(rows, kept, strict=True)]
