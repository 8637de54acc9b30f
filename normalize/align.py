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

from ogi.normalize.cells import CellCollector
from ogi.normalize.identities import APPLICANTS, TOL, Failure
from ogi.normalize.rows import SourceValue
from ogi.normalize.values import parse_value
from ogi.schemas import Finding, Number, Severity, cell_key
from ogi.schemas.catalogue import ValueKind

MAX_COMBINATIONS = 200_000  # up to this many combinations of the open runs the joint search runs to the end
MAX_NODES = 2_000_000  # beyond, the nodes it visits before it gives up (the cells stay open)
COLS7 = (*APPLICANTS, "total")

Key = tuple[str, str]
Grid = Mapping[Key, Number | None]
Checker = Callable[[Grid], Sequence[Failure]]
Equation = tuple[tuple[Key, ...], tuple[Key, ...]]  # sum(lhs) == sum(rhs), null cells as 0


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


def _joint(runs: Sequence[Run], options: list[tuple[tuple[str, ...], ...]], fixed: Grid, check: Checker,
           equations: Sequence[Equation] = ()) -> list[tuple[tuple[str, ...], ...]] | None:
    """The readings that take part in a combination breaking no identity that involves a run's cell;
    [] when no combination does, None when the search for them (``_Search``) gives up."""
    open_ = [i for i, o in enumerate(options) if len(o) > 1]
    keys = {k for r in runs for k in r.keys}
    base: dict[Key, Number | None] = dict(fixed)
    for i, o in enumerate(options):
        if len(o) == 1:
            base.update(_grid(runs[i], o[0]))
    if not open_:
        return options if not _touches(check(base), keys) else []
    total = 1
    for i in open_:
        total *= len(options[i])
    search = _Search(runs, options, open_, base, keys, check, equations,
                     budget=None if total <= MAX_COMBINATIONS else MAX_NODES)
    kept = search.run()
    if kept is None:
        return None
    if not any(kept):
        return []
    out = list(options)
    for slot, i in zip(kept, open_, strict=True):
        out[i] = tuple(r for r in options[i] if r in slot)
    return out


class _Search:
    """Every combination of the open runs' readings that ``check`` passes, found depth first instead of
    tried one by one (a table of five open ``-raw`` rows has 470,400 combinations, 40 of which keep the
    identities: the search visits 127 nodes). At each node a run's reading is dropped when some equation
    over its cells can no longer hold with it: the sum so far, plus the reading's part, plus the least and
    greatest the runs not yet read can add, misses the equation (the check's tolerance and a margin for
    float sums allowed); the run with the fewest readings left is read next, and a run with none ends the
    branch. The equations are the checker's identities as sums (or some of them), so what they drop the
    checker would fail: the checker has the last word on every full combination, and the readings kept are
    exactly those of trying every combination. Where those are at most ``MAX_COMBINATIONS`` the search has
    no budget; beyond, it gives up after ``budget`` nodes (None, never part of what it found)."""

    def __init__(self, runs: Sequence[Run], options: list[tuple[tuple[str, ...], ...]], open_: list[int],
                 base: dict[Key, Number | None], keys: set[Key], check: Checker,
                 equations: Sequence[Equation], budget: int | None) -> None:
        self.check, self.keys, self.base, self.budget, self.nodes = check, keys, base, budget, 0
        self.readings = [options[i] for i in open_]
        self.grids = [[_grid(runs[i], r) for r in options[i]] for i in open_]
        owner: dict[Key, int] = {}  # the open run whose reading a combination's grid keeps for the cell
        for slot, i in enumerate(open_):
            owner.update(dict.fromkeys(runs[i].keys, slot))
        present = set(base) | set(owner)
        # per equation: constant part, tolerance, and per open run its contribution for each reading
        self.equations: list[tuple[float, float, dict[int, list[float]]]] = []
        for lhs, rhs in equations:
            cells = (*lhs, *rhs)
            if not all(k in present for k in cells) or not any(k in keys for k in cells):
                continue  # the checker leaves it unchecked, or no failure of it would count
            const, size = 0.0, 0.0
            parts: dict[int, list[float]] = {}
            for sign, side in ((1.0, lhs), (-1.0, rhs)):
                for k in side:
                    if k in owner:
                        slot = owner[k]
                        got = parts.setdefault(slot, [0.0] * len(self.readings[slot]))
                        for n, grid in enumerate(self.grids[slot]):
                            got[n] += sign * float(grid[k] or 0)
                    else:
                        const += sign * float(base[k] or 0)
                        size += abs(float(base[k] or 0))
            size += sum(max(abs(v) for v in got) for got in parts.values())
            self.equations.append((const, TOL + 1e-9 * (1.0 + size), parts))
        self.by_run: list[list[int]] = [[] for _ in open_]
        for e, (_, _, parts) in enumerate(self.equations):
            for slot in parts:
                self.by_run[slot].append(e)
        self.kept: list[set[tuple[str, ...]]] = [set() for _ in open_]
        self.chosen: list[int | None] = [None] * len(open_)

    def run(self) -> list[set[tuple[str, ...]]] | None:
        """For each open run the readings found in some combination the checker passes; None on giving up."""
        domains: list[list[int] | None] = [list(range(len(r))) for r in self.readings]
        partial = [const for const, _, _ in self.equations]
        if any(abs(partial[e]) > self.equations[e][1] for e, (_, _, parts) in enumerate(self.equations)
               if not parts):
            return [set() for _ in self.readings]
        try:
            self._visit(domains, partial)
        except _GiveUp:
            return None
        return self.kept

    def _visit(self, domains: list[list[int] | None], partial: list[float]) -> None:
        """One node: ``domains`` the readings left of each run not yet read (None once read), ``partial`` each
        equation's sum so far (its constant part and the runs read)."""
        self.nodes += 1
        if self.budget is not None and self.nodes > self.budget:
            raise _GiveUp
        waiting = [s for s, d in enumerate(domains) if d is not None]
        if not waiting:
            self._leaf()
            return
        room = self._room(domains, partial)
        narrowed = list(domains)
        best: int | None = None
        for slot in waiting:
            keep = [n for n in domains[slot] or () if self._fits(slot, n, room)]
            if not keep:
                return
            narrowed[slot] = keep
            if best is None or len(keep) < len(narrowed[best] or ()):
                best = slot
        assert best is not None
        choices, narrowed[best] = narrowed[best] or [], None
        for n in choices:
            self.chosen[best] = n
            moved = list(partial)
            for e in self.by_run[best]:
                moved[e] += self.equations[e][2][best][n]
            self._visit(narrowed, moved)
        self.chosen[best] = None

    def _room(self, domains: list[list[int] | None], partial: list[float]) -> list[dict[int, tuple[float, float]]]:
        """Per equation and run not yet read, the range its contribution must fall in for the equation to
        hold with some readings of the other runs not yet read."""
        out: list[dict[int, tuple[float, float]]] = []
        for e, (_, tol, parts) in enumerate(self.equations):
            spans: dict[int, tuple[float, float]] = {}
            for slot, values in parts.items():
                domain = domains[slot]
                if domain is not None:
                    spans[slot] = (min(values[n] for n in domain), max(values[n] for n in domain))
            lo = partial[e] + sum(a for a, _ in spans.values())
            hi = partial[e] + sum(b for _, b in spans.values())
            out.append({slot: (-tol - (hi - b), tol - (lo - a)) for slot, (a, b) in spans.items()})
        return out

    def _fits(self, slot: int, n: int, room: list[dict[int, tuple[float, float]]]) -> bool:
        for e in self.by_run[slot]:
            low, high = room[e][slot]
            if not low <= self.equations[e][2][slot][n] <= high:
                return False
        return True

    def _leaf(self) -> None:
        """A full combination: the grid built as trying every combination builds it, for the checker."""
        grid = dict(self.base)
        for slot, n in enumerate(self.chosen):
            assert n is not None
            grid.update(self.grids[slot][n])
        if not _touches(self.check(grid), self.keys):
            for slot, n in enumerate(self.chosen):
                assert n is not None
                self.kept[slot].add(self.readings[slot][n])


class _GiveUp(Exception):
    """The search went over its node budget."""


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
               check: Checker, equations: Sequence[Equation]) -> list[tuple[tuple[str, ...], ...]] | None:
    """What the equations left, searched jointly (``_joint``); where the search gives up, kept if the runs
    they fixed to one reading break no identity with the cells placed (the others are left out of the
    check). None when it breaks one."""
    tried = _joint(runs, options, fixed, check, equations)
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

    ``equations`` (the joint checker's identities as sums) prune first, and prune the joint search, so
    that tables with many open runs can still be searched in full; what they leave is kept only if some
    combination of it breaks no identity of the joint checker (else the published table breaks one,
    and the readings are searched without the first pruning)."""
    options = [_local(_h5(r), fixed, local) if local else _h5(r).readings for r in runs]
    if joint is not None:
        pruned = _validated(runs, propagate(runs, options, fixed, equations), fixed, joint, equations) \
            if equations else None
        options = pruned or _joint(runs, options, fixed, joint, equations) or options
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
