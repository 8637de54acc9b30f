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

from collections.abc import Callable, Iterable, Sequence

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


def separators(rows: Sequence[tuple[str, Sequence[Reading]]]) -> set[int] | None:
    """The whitespace ``c`` between two printed cells under the models that explain every row of a table
    that prints two numbers side by side somewhere; ``None`` where no row does (nothing shows ``c``).

    One crawler joins every table of a page the same way, so a table that shows ``c`` (``1``: cells
    joined by a space) tells the others, whose rows may be too few to show it."""
    fits: dict[Model, list[bool]] = {}
    shown = False
    for i, (run, readings) in enumerate(rows):
        for r in readings:
            layout = _layout(run, r)
            if layout is None:
                continue
            shown = shown or len(layout) > 1
            for model in _models_of(layout):
                fits.setdefault(model, [False] * len(rows))[i] = True
    return {c for (_, c, _), f in fits.items() if all(f)} if shown else None


def width_readings(rows: Sequence[tuple[str, Sequence[Reading]]],
                   holds: Callable[[Reading], bool] | None = None, ends_table: bool = True,
                   between: set[int] | None = None) -> list[tuple[Reading, ...]]:
    """For each (raw run, readings) of one table, the readings some width model of the whole table allows.

    ``holds`` is the identity local to a row (H3: the total is the sum of the applicant cells): a row that
    some model reads so that it holds must be read so under every model kept, so a model that only fits by
    breaking the identity in a row is not kept (a row that breaks it under every model, as published, is
    no evidence either way). ``ends_table``: no row of the table follows the last of ``rows`` (rows of
    blank cells alone may), so what follows its last number is no evidence (see :func:`_with_tails`).
    ``between``: the values of ``c`` the page's other tables allow (:func:`separators`), or ``None``."""
    fits: dict[Model, list[set[Reading]]] = {}
    for i, (run, readings) in enumerate(rows):
        for r in readings:
            layout = _layout(run, r)
            for model in _models_of(layout) if layout is not None else ():
                if between is None or model[1] in between:
                    fits.setdefault(model, [set() for _ in rows])[i].add(r)
    if holds is not None:
        ok = {r: holds(r) for f in fits.values() for fit in f for r in fit}
        holding = [any(ok[r] for f in fits.values() for r in f[i]) for i in range(len(rows))]
        fits = {m: [{r for r in fit if ok[r]} if holding[i] else fit for i, fit in enumerate(f)]
                for m, f in fits.items()}
    models = {m: f for m, f in fits.items() if all(f)}
    if not models:
        return [tuple(readings) for _, readings in rows]
    kept = (_with_tails(rows, models, ends_table) if holds is not None else None) or _union(rows, models.values())
    return [tuple(r for r in readings if r in slot) for (_, readings), slot in zip(rows, kept, strict=True)]


def _union(rows: Sequence[object], fittings: Iterable[list[set[Reading]]]) -> list[set[Reading]]:
    kept: list[set[Reading]] = [set() for _ in rows]
    for fitting in fittings:
        for slot, fit in zip(kept, fitting, strict=True):
            slot |= fit
    return kept


def _tail(run: str, reading: Reading) -> tuple[int, int]:
    """(whitespace after the last printed cell, blank cells after it) of a reading that spells ``run``."""
    printed = [c for c in reading if c]
    end = run.rindex(printed[-1]) + len(printed[-1]) if printed else 0
    after = len(reading) - 1 - max((i for i, c in enumerate(reading) if c), default=-1)
    return len(run) - end, after


def _tail_fits(run: str, reading: Reading, t: int, u: int) -> bool:
    gap, k = _tail(run, reading)
    return gap == t + u * k


def _with_tails(rows: Sequence[tuple[str, Sequence[Reading]]], models: dict[Model, list[set[Reading]]],
                ends_table: bool) -> list[set[Reading]] | None:
    """The readings of the kept models that the whitespace after each row's last number also explains,
    as ``t + u·k`` for its k trailing blank cells with one ``t`` for the whole table; ``None`` where no
    model and ``t`` explain every row but the table's last (whose whitespace runs into what follows).

    In a flattened table the next row's label follows a row's trailing blanks on the same line, so their
    whitespace is kept (``4.无正当理由大量反复申请       10      5.…``: three blanks before the 10, three
    after). A crawler that trims each row's trailing spaces leaves every row one separator, which no
    ``t`` explains for a row that does end in blanks, so the evidence is then not used. Used only in the
    tables whose rows carry their own identity (``holds``: H3, H4), which rejects a model that reads the
    blanks twice as many and fits a trimmed table's ends by chance."""
    kept: list[list[set[Reading]]] = []
    last = len(rows) - 1 if ends_table else len(rows)
    for (_, _, u), fitting in models.items():
        for t in range(MAX_C + 1):
            tailed = [fit if i == last else {r for r in fit if _tail_fits(rows[i][0], r, t, u)}
                      for i, fit in enumerate(fitting)]
            if all(tailed):
                kept.append(tailed)
    return _union(rows, kept) if kept else None
