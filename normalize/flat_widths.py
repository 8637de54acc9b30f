"""Blank cells told by whitespace widths in a flattened table (crawler text): a crawler that joins a table's
cells keeps each blank cell's own whitespace (``&nbsp;`` or a padded ``<td> </td>``), so in one table a run
of whitespace before a number is ``c + u·k`` characters for the k blank cells before it, with the same c
(what stands between two printed cells: nothing, a space, padding) and u (what a blank cell adds) on every
row: ``13 1     2   16`` of a table where c = 1 and u = 2 (cells joined by a space, a blank cell one space)
is 13, 1, blank, blank, 2, blank, 16.

A *width model* (c, u) is kept only where it explains every row of the table that prints a number: some
reading of the row (``flattened.split_readings``) puts each printed number after exactly as many blanks as
its whitespace says (c may differ before the row's first number: the label cell's own spaces). What follows
the last number, and rows of blanks alone, are no evidence: a crawler may strip a row's trailing spaces.
A row's readings are then those that some kept model allows; where no model explains the table (irregular
whitespace), the widths are no evidence and every reading stays. The identities (``align``) settle what is
still open::

    >>> rows = [("13 1     2   16", (("13", "1", "", "", "2", "", "16"), ("13", "", "1", "", "2", "", "16"))),
    ...         ("1 2 3 4 5 6 21", (("1", "2", "3", "4", "5", "6", "21"),))]
    >>> [len(r) for r in width_readings(rows)]
    [1, 1]
    >>> [len(r) for r in width_readings(rows[:1] + [("1 2  3 4 5 6 21", rows[1][1])])]  # no model fits: no evidence
    [2, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Reading = tuple[str, ...]
MAX_C = 3  # whitespace between two printed cells: HTML collapses a cell's spaces to one at each end, plus a separator
MAX_U = 8  # whitespace a blank cell adds (u = 0: blank cells print nothing, and the widths tell nothing)
Model = tuple[int, int, int]  # (c before the first number, c between numbers, u)


def _layout(run: str, reading: Reading) -> list[tuple[int, int]] | None:
    """[(whitespace before the printed cell, blank cells before it)] of ``reading`` laid over ``run``; None
    when the reading does not spell the run."""
    pos, blanks = 0, 0
    out: list[tuple[int, int]] = []
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
    return None if run[pos:].strip() else out


def _models_of(layout: list[tuple[int, int]]) -> list[Model]:
    """Every model under which ``layout``'s gaps are exactly ``c + u·k``: for each u, c is fixed by the gaps."""
    out: list[Model] = []
    for u in range(MAX_U + 1):
        lead = layout[0][0] - u * layout[0][1] if layout else 0
        inner = {gap - u * k for gap, k in layout[1:]}
        if not 0 <= lead <= MAX_C or len(inner) > 1 or any(not 0 <= c <= MAX_C for c in inner):
            continue
        out += [(lead, c, u) for c in (inner or range(MAX_C + 1))]
    return out


def width_readings(rows: Sequence[tuple[str, Sequence[Reading]]],
                   holds: Callable[[Reading], bool] | None = None) -> list[tuple[Reading, ...]]:
    """For each (raw run, readings) of one table, the readings some width model of the whole table allows.

    ``holds`` is the identity local to a row (H3: the total is the sum of the applicant cells): a row that
    some model reads so that it holds must be read so under every model kept, so a model that only fits by
    breaking the identity in a row is not kept (a row that breaks it under every model, as published, is
    no evidence either way)."""
    fits: dict[Model, list[set[Reading]]] = {}
    for i, (run, readings) in enumerate(rows):
        for r in readings:
            layout = _layout(run, r)
            for model in _models_of(layout) if layout is not None else ():
                fits.setdefault(model, [set() for _ in rows])[i].add(r)
    if holds is not None:
        ok = {r: holds(r) for f in fits.values() for fit in f for r in fit}
        holding = [any(ok[r] for f in fits.values() for r in f[i]) for i in range(len(rows))]
        fits = {m: [{r for r in fit if ok[r]} if holding[i] else fit for i, fit in enumerate(f)]
                for m, f in fits.items()}
    kept: list[set[Reading]] = [set() for _ in rows]
    any_model = False
    for fitting in fits.values():
        if all(fitting):
            any_model = True
            for slot, fit in zip(kept, fitting, strict=True):
                slot |= fit
    if not any_model:
        return [tuple(readings) for _, readings in rows]
    return [tuple(r for r in readings if r in slot) for (_, readings), slot in zip(rows, kept, strict=True)]
