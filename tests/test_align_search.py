"""The joint search of the alignment engine against trying every combination (what ``align._joint`` did up to
``MAX_COMBINATIONS`` before it searched): on random runs, placed cells, equations and checkers the two keep
exactly the same readings. The equations are the checker's identities as sums, or some of them (the checker
may test more than the search prunes with, never less)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.normalize import align
from ogi.normalize.align import COLS7, Checker, Equation, Grid, Key, Run
from ogi.normalize.identities import Failure, _check, requests_failures, requests_identities
from ogi.schemas import Number

EXAMPLES = int(os.environ.get("OGI_FUZZ_EXAMPLES", "300"))
ROWS, COLS = ("a", "b", "c"), ("x", "y", "z")
CELLS = [(r, c) for r in ROWS for c in COLS]
PLACED = [("f", c) for c in COLS]  # cells no run has, placed or not
ANY = [*CELLS, *PLACED, ("m", "x")]  # ("m", "x") is never extracted: its identities are never checked
VALUES = ["", "0", "1", "2", "3", "5", "12", "-1", "1.5", "x"]
Options = list[tuple[tuple[str, ...], ...]]


def _every_combination(runs: Sequence[Run], options: Options, fixed: Grid, check: Checker) -> Options | None:
    """The readings that take part in a combination breaking no identity that involves a run's cell, found
    by trying every combination (None when there are more than ``MAX_COMBINATIONS``)."""
    open_ = [i for i, o in enumerate(options) if len(o) > 1]
    total = 1
    for i in open_:
        total *= len(options[i])
    if total > align.MAX_COMBINATIONS:
        return None
    keys = {k for r in runs for k in r.keys}
    base: dict[Key, Number | None] = dict(fixed)
    for i, o in enumerate(options):
        if len(o) == 1:
            base.update(align._grid(runs[i], o[0]))
    if not open_:
        return options if not align._touches(check(base), keys) else []
    kept: list[set[tuple[str, ...]]] = [set() for _ in open_]
    for combo in product(*(options[i] for i in open_)):
        grid = dict(base)
        for i, reading in zip(open_, combo, strict=True):
            grid.update(align._grid(runs[i], reading))
        if not align._touches(check(grid), keys):
            for slot, reading in zip(kept, combo, strict=True):
                slot.add(reading)
    if not kept[0]:
        return []
    out = list(options)
    for slot, i in zip(kept, open_, strict=True):
        out[i] = tuple(r for r in options[i] if r in slot)
    return out


def _checker(identities: Sequence[Equation]) -> Checker:
    def check(grid: Grid) -> list[Failure]:
        found = (_check(grid, "H1", str(n), "t", lhs, rhs) for n, (lhs, rhs) in enumerate(identities))
        return [f for f in found if f is not None]
    return check


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Run], Options, dict[Key, Number | None], list[Equation], Checker]:
    runs: list[Run] = []
    options: Options = []
    for _ in range(draw(st.integers(1, 4))):
        keys = tuple(draw(st.lists(st.sampled_from(CELLS), min_size=1, max_size=3, unique=True)))
        reading = st.tuples(*[st.sampled_from(VALUES) for _ in keys])
        readings = tuple(draw(st.lists(reading, min_size=1, max_size=6)))
        runs.append(Run(keys, readings))
        options.append(readings)
    fixed = draw(st.dictionaries(st.sampled_from([*CELLS, *PLACED]), st.sampled_from([None, 0, 1, 2, 3, 1.5, -1]),
                                 max_size=8))
    side = st.lists(st.sampled_from(ANY), max_size=4).map(tuple)
    identities = draw(st.lists(st.tuples(side, side), max_size=6))
    pruning = draw(st.lists(st.sampled_from(identities), unique=True)) if identities else []
    return runs, options, fixed, pruning, _checker(identities)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_search_keeps_what_every_combination_keeps(table: tuple[list[Run], Options, dict[Key, Number | None],
                                                                list[Equation], Checker]) -> None:
    runs, options, fixed, equations, check = table
    assert align._joint(runs, options, fixed, check, equations) == _every_combination(runs, options, fixed, check)


@st.composite
def requests_tables(draw: st.DrawFn) -> tuple[list[Run], Options, dict[Key, Number | None]]:
    """A requests table's H1 rows and two result rows (H2 is not checked: its other rows are not there), some
    of them runs read several ways: the true row and other placements of its printed numbers, blank
    elsewhere, as pdftotext -raw prints them."""
    rows = ("new_received", "carried_over", "granted", "partially_granted", "total_processed", "carried_forward")
    fixed: dict[Key, Number | None] = {}
    for row in rows[:4]:
        values = draw(st.lists(st.sampled_from([None, None, 0, 1, 2, 3]), min_size=6, max_size=6))
        fixed |= {(row, c): v for c, v in zip(COLS7, (*values, sum(v or 0 for v in values)), strict=True)}
    broken = draw(st.sampled_from(COLS7)) if draw(st.integers(0, 4)) == 0 else None  # where the truth breaks H1
    for c in COLS7:
        processed = (fixed["granted", c] or 0) + (fixed["partially_granted", c] or 0)
        rest = (fixed["new_received", c] or 0) + (fixed["carried_over", c] or 0) - processed
        fixed["total_processed", c], fixed["carried_forward", c] = processed, rest + (c == broken)
    runs: list[Run] = []
    for row in draw(st.lists(st.sampled_from(rows), min_size=1, max_size=3, unique=True)):
        keys = tuple((row, c) for c in COLS7)
        true = tuple("" if fixed[k] is None else str(fixed[k]) for k in keys)
        printed = [v for v in true if v]
        others = st.lists(st.sampled_from(range(7)), min_size=len(printed), max_size=len(printed), unique=True)
        readings = [true]
        for places in draw(st.lists(others.map(sorted), max_size=8)):
            reading = [""] * 7
            for place, value in zip(places, printed, strict=True):
                reading[place] = value
            readings.append(tuple(reading))
        runs.append(Run(keys, tuple(dict.fromkeys(readings))))
        for k in keys:
            del fixed[k]
    return runs, [r.readings for r in runs], fixed


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests_tables())
def test_search_keeps_what_every_combination_keeps_in_requests_tables(
        table: tuple[list[Run], Options, dict[Key, Number | None]]) -> None:
    runs, options, fixed = table
    rows = {r for r, _ in fixed} | {r for run in runs for r, _ in run.keys}
    equations = [(lhs, rhs) for _, _, lhs, rhs in requests_identities(rows, "2019")]
    check: Checker = lambda g: requests_failures(g, "2019")  # noqa: E731
    assert align._joint(runs, options, fixed, check, equations) == _every_combination(runs, options, fixed, check)


def test_search_over_its_node_budget_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond ``MAX_COMBINATIONS`` the search stops after ``MAX_NODES`` nodes and answers None, never part of
    what it found; within its budget it answers in full."""
    readings = tuple((str(n), str(9 - n)) for n in range(10))
    runs = [Run(((r, "x"), (r, "y")), readings) for r in ROWS]
    check = _checker([((("a", "x"), ("b", "x"), ("c", "x")), (("f", "x"),))])
    equations = [((("a", "x"), ("b", "x"), ("c", "x")), (("f", "x"),))]
    fixed = {("f", "x"): 27}
    options = [r.readings for r in runs]
    expected = [tuple(r for r in readings if r[0] == "9")] * 3
    assert align._joint(runs, options, fixed, check, equations) == expected
    monkeypatch.setattr(align, "MAX_COMBINATIONS", 999)  # 1000 combinations
    assert align._joint(runs, options, fixed, check, equations) == expected
    monkeypatch.setattr(align, "MAX_NODES", 3)
    assert align._joint(runs, options, fixed, check, equations) is None
