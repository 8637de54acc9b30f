"""The alignment engine: values whose place in a table one row cannot fix on its own are settled
by the whole table's evidence, or reported with their candidate readings.

A *run* is a printed row whose label is placed but whose numbers can be read into the row's cells
more than one way (digits run together in flattened text: ``142000016`` for seven cells). Each
reading is one full assignment of the run to its cells. The identities are the constraints:

1. per run, readings that satisfy the identities local to that run (H3 for a requests row, H4 for
   the review/litigation proceedings) are kept, if any does;
2. over all runs of the table together, combinations that leave no identity broken that involves
   a run's cell (H1, H2 column sums with the cells already placed) are kept, if any does.

A cell is emitted only where every remaining reading gives it the same value (``placed_by``
``identity`` when the constraints made it so, ``label`` when every split agreed from the start).
A constraint that no reading satisfies is not applied: the published numbers may break an
identity, and a reading is never chosen because it mends one. What stays ambiguous is reported
with the candidate readings, never guessed::

    >>> keys = tuple(("new_received", c) for c in COLS7)
    >>> runs = [Run(keys, (("14", "2", "0", "0", "0", "0", "16"), ("1", "42", "0", "0", "0", "0", "16")))]
    >>> [r.values for r in settle(runs, {}, local=_h3)]
    [('14', '2', '0', '0', '0', '0', '16')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import product

from ogi.normalize.cells import CellCollector
from ogi.normalize.identities import APPLICANTS, Failure
from ogi.normalize.rows import SourceValue
from ogi.normalize.values import parse_value
from ogi.schemas import Finding, Number, Severity, cell_key
from ogi.schemas.catalogue import ValueKind

MAX_COMBINATIONS = 200_000
COLS7 = (*APPLICANTS, "total")

Key = tuple[str, str]
Grid = Mapping[Key, Number | None]
Checker = Callable[[Grid], Sequence[Failure]]


@dataclass(frozen=True)
class Run:
    """One placed row whose values have several readings; ``keys`` are its cells in printed order,
    ``kinds`` their value kinds (as the catalogue says), the rest is provenance for the cells."""

    keys: tuple[Key, ...]
    readings: tuple[tuple[str, ...], ...]
    kinds: tuple[ValueKind, ...] = ()
    label: str = ""
    score: float = 100.0
    page: int | None = None
    template: str = ""
    raw: str = ""
    why: str = ""  # what made the readings, for findings (default: digits run together)


@dataclass(frozen=True)
class Settled:
    """A run after the constraints: ``values[i]`` is the cell's text, or None where readings differ."""

    run: Run
    remaining: tuple[tuple[str, ...], ...]
    values: tuple[str | None, ...] = field(default=())
    by_identity: tuple[bool, ...] = field(default=())


@cache
def _number(raw: str) -> Number | None:
    parsed = parse_value(raw, "signed")
    return parsed.value if parsed.ok else None


def _grid(run: Run, reading: Sequence[str]) -> dict[Key, Number | None]:
    return {k: _number(v) for k, v in zip(run.keys, reading, strict=True)}


def _touches(failures: Sequence[Failure], keys: set[Key]) -> bool:
    return any(k in keys for f in failures for k in (*f.lhs, *f.rhs))


def _local(run: Run, fixed: Grid, local: Checker) -> tuple[tuple[str, ...], ...]:
    keys = set(run.keys)
    ok = tuple(r for r in run.readings if not _touches(local({**fixed, **_grid(run, r)}), keys))
    return ok or run.readings


def _valid(raw: str, kind: ValueKind) -> bool:
    """H5 for one cell of a reading: a count is whole and ≥ 0, money ≥ 0, a signed change anything."""
    parsed = parse_value(raw, kind)
    if not parsed.ok or parsed.value is None or kind == "signed":
        return parsed.ok
    return parsed.value >= 0 and (kind == "money" or float(parsed.value).is_integer())


def _h5(run: Run) -> Run:
    """The run with only the readings whose every cell is a valid value of its kind (H5), if any is:
    ``-750`` is no count of decisions. Where none is, the run is left as it came (never mended)."""
    kinds: tuple[ValueKind, ...] = run.kinds or tuple("count" for _ in run.keys)
    ok = tuple(r for r in run.readings if all(_valid(v, k) for v, k in zip(r, kinds, strict=True)))
    return replace(run, readings=ok) if ok and len(ok) < len(run.readings) else run


def _joint(runs: Sequence[Run], options: list[tuple[tuple[str, ...], ...]], fixed: Grid,
           check: Checker) -> list[tuple[tuple[str, ...], ...]] | None:
    """The readings that take part in a combination breaking no identity that involves a run's cell;
    [] when no combination does, None when there are too many to try."""
    open_ = [i for i, o in enumerate(options) if len(o) > 1]
    total = 1
    for i in open_:
        total *= len(options[i])
    if total > MAX_COMBINATIONS:
        return None
    keys = {k for r in runs for k in r.keys}
    base: dict[Key, Number | None] = dict(fixed)
    for i, o in enumerate(options):
        if len(o) == 1:
            base.update(_grid(runs[i], o[0]))
    if not open_:
        return options if not _touches(check(base), keys) else []
    kept: list[set[tuple[str, ...]]] = [set() for _ in open_]
    grids = {(i, r): _grid(runs[i], r) for i in open_ for r in options[i]}
    for combo in product(*(options[i] for i in open_)):
        grid = dict(base)
        for i, reading in zip(open_, combo, strict=True):
            grid.update(grids[i, reading])
        if not _touches(check(grid), keys):
            for slot, reading in zip(kept, combo, strict=True):
                slot.add(reading)
    if not kept[0]:
        return []
    out = list(options)
    for slot, i in zip(kept, open_, strict=True):
        out[i] = tuple(r for r in options[i] if r in slot)
    return out


Equation = tuple[tuple[Key, ...], tuple[Key, ...]]  # sum(lhs) == sum(rhs), null cells as 0
MAX_SUMS = 50_000


def _contribution(run: Run, reading: Sequence[str], lhs: set[Key], rhs: set[Key]) -> float:
    total = 0.0
    for key, raw in zip(run.keys, reading, strict=True):
        value = float(_number(raw) or 0)
        total += value if key in lhs else -value if key in rhs else 0.0
    return round(total, 6)


def _sums(parts: Sequence[set[float]]) -> set[float] | None:
    out = {0.0}
    for part in parts:
        out = {round(a + b, 6) for a in out for b in part}
        if len(out) > MAX_SUMS:
            return None
    return out


def propagate(runs: Sequence[Run], options: list[tuple[tuple[str, ...], ...]], fixed: Grid,
              equations: Sequence[Equation]) -> list[tuple[tuple[str, ...], ...]]:
    """Keep a reading only while every equation over its cells can still hold with some reading of
    the other runs in it (arc consistency, exact: sums of the other runs' contributions). An equation
    with a cell neither placed nor in a run is not checked. When the equations cannot all hold (the
    published table breaks one), nothing is pruned: the readings are returned as they came::

        >>> a = Run((("r", "x"), ("r", "y")), (("1", "2"), ("12", "")))
        >>> propagate([a], [a.readings], {("t", "x"): 1}, [((("r", "x"),), (("t", "x"),))])
        [(('1', '2'),)]
    """
    out = list(options)
    owner = {k: i for i, r in enumerate(runs) for k in r.keys}
    usable = [(set(lhs), set(rhs)) for lhs, rhs in equations if all(k in fixed or k in owner for k in (*lhs, *rhs))]
    changed = True
    while changed:
        changed = False
        for lhs, rhs in usable:
            involved = sorted({owner[k] for k in lhs | rhs if k in owner})
            const = sum(float(fixed.get(k) or 0) for k in lhs if k not in owner) - \
                sum(float(fixed.get(k) or 0) for k in rhs if k not in owner)
            parts = {i: {_contribution(runs[i], r, lhs, rhs) for r in out[i]} for i in involved}
            for i in involved:
                others = _sums([parts[j] for j in involved if j != i])
                if others is None:
                    break
                kept = tuple(r for r in out[i] if round(-const - _contribution(runs[i], r, lhs, rhs), 6) in others)
                if not kept:
                    return list(options)
                if len(kept) < len(out[i]):
                    out[i], changed = kept, True
                    parts[i] = {_contribution(runs[i], r, lhs, rhs) for r in kept}
    return out


def _validated(runs: Sequence[Run], options: list[tuple[tuple[str, ...], ...]], fixed: Grid,
               check: Checker) -> list[tuple[tuple[str, ...], ...]] | None:
    """What the equations left, tried combination by combination where few enough; where too many,
    kept if the runs they fixed to one reading break no identity with the cells placed (the others
    are left out of the check). None when it breaks one."""
    tried = _joint(runs, options, fixed, check)
    if tried is not None:
        return tried or None
    grid: dict[Key, Number | None] = dict(fixed)
    settled = [i for i, o in enumerate(options) if len(o) == 1]
    for i in settled:
        grid.update(_grid(runs[i], options[i][0]))
    return None if _touches(check(grid), {k for i in settled for k in runs[i].keys}) else options


def settle(runs: Sequence[Run], fixed: Grid, local: Checker | None = None,
           joint: Checker | None = None, equations: Sequence[Equation] = ()) -> list[Settled]:
    """Apply the constraints to ``runs`` given the ``fixed`` cells already placed in the table.

    ``equations`` (the joint checker's identities as sums) prune first, so that tables with many open
    runs can still be tried combination by combination; what they leave is kept only if some
    combination of it breaks no identity of the joint checker (else the published table breaks one,
    and the readings are tried without the pruning)."""
    options = [_local(_h5(r), fixed, local) if local else _h5(r).readings for r in runs]
    if joint is not None:
        pruned = _validated(runs, propagate(runs, options, fixed, equations), fixed, joint) if equations else None
        options = pruned or _joint(runs, options, fixed, joint) or options
    out: list[Settled] = []
    for run, remaining in zip(runs, options, strict=True):
        values: list[str | None] = []
        by_identity: list[bool] = []
        for i in range(len(run.keys)):
            seen = {r[i] for r in remaining}
            values.append(next(iter(seen)) if len(seen) == 1 else None)
            by_identity.append(len(seen) == 1 and len({r[i] for r in run.readings}) > 1)
        out.append(Settled(run, remaining, tuple(values), tuple(by_identity)))
    return out


def place_by_order(sequence: Sequence[str | None], order: Sequence[str]) -> dict[int, str]:
    """Rows without a label (``None`` in ``sequence``, the printed order of the table's rows, placed
    rows by their key) placed by the template's row ``order``: a run of unlabeled rows between two
    placed neighbours (or the table's start or end) takes the template rows between them when their
    number is exactly the run's length and none of them is placed elsewhere. Anything else stays
    unplaced: nothing is guessed::

        >>> place_by_order(["a", None, "c", None, None, "f"], "abcdef")
        {1: 'b', 3: 'd', 4: 'e'}
        >>> place_by_order(["a", None, "d"], "abcd")   # two rows missing, one printed: which?
        {}
    """
    placed = {k for k in sequence if k is not None}
    index = {k: i for i, k in enumerate(order)}
    out: dict[int, str] = {}
    i = 0
    while i < len(sequence):
        if sequence[i] is not None:
            i += 1
            continue
        j = i
        while j < len(sequence) and sequence[j] is None:
            j += 1
        before = sequence[i - 1] if i > 0 else None
        after = sequence[j] if j < len(sequence) else None
        lo = index[before] + 1 if before in index else (0 if before is None and i == 0 else None)
        hi = index[after] if after in index else (len(order) if after is None and j == len(sequence) else None)
        if lo is not None and hi is not None:
            gap = [k for k in order[lo:hi]]
            if len(gap) == j - i and not placed & set(gap):
                out.update(zip(range(i, j), gap, strict=True))
        i = j
    return out


def show_readings(readings: Sequence[tuple[str, ...]], limit: int = 6) -> str:
    """``14|2|0…; 1|42|0…`` for a finding's message."""
    shown = "; ".join("|".join(r) for r in readings[:limit])
    return shown + (f"; … ({len(readings)} readings)" if len(readings) > limit else "")


def add_settled(collector: CellCollector, settled: Sequence[Settled]) -> None:
    """Emit the settled cells of each run and one finding per cell left open, naming the readings."""
    for item in settled:
        run = item.run
        kinds: tuple[ValueKind, ...] = run.kinds or tuple("count" for _ in run.keys)
        for (row, col), value, by_identity, kind in zip(run.keys, item.values, item.by_identity, kinds,
                                                         strict=True):
            if value is not None:
                collector.add(row, col, SourceValue(value, run.page), kind, run.template, run.score, run.label,
                              placed_by="identity" if by_identity else "label")
                continue
            key = cell_key(collector.table, row, col)
            candidates = sorted({r[run.keys.index((row, col))] for r in item.remaining}, key=_order)
            collector.findings.append(Finding(
                "unplaced_value", Severity.WARNING,
                f"{key}: {run.why or f'the digits {run.raw!r} run together'} and "
                f"can be read as {show_readings(item.remaining)}; this cell is "
                f"{' or '.join(c or 'blank' for c in candidates)} "
                "depending on the reading and no constraint settles it, so it is not emitted",
                collector.table, (key,), page=run.page,
            ))


def _order(raw: str) -> tuple[float, str]:
    value = _number(raw)
    return (float(value) if value is not None else 0.0, raw)


def _h3(grid: Grid) -> list[Failure]:  # for the doctest: H3 of whatever requests rows the grid has
    from ogi.normalize.identities import requests_failures

    return [f for f in requests_failures(grid, "2021") if f.code == "H3"]
