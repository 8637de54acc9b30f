"""The alignment engine: identities settle run-together digits only where exactly one reading fits."""

from __future__ import annotations

import doctest

from ogi.normalize import align, flattened, metadata, review_table
from ogi.normalize.align import COLS7, Run, settle
from ogi.normalize.flattened import split_readings
from ogi.normalize.identities import requests_failures


def _row(key: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, c) for c in COLS7)


def test_doctests() -> None:
    for module in (align, flattened, metadata, review_table):
        assert doctest.testmod(module).failed == 0


def test_signed_and_decimal_pieces() -> None:
    assert split_readings("35-15", 2) == (("35", "-15"),)
    assert ("3", "5", "-15") in split_readings("35-15", 3)
    assert all(not p.startswith(".") for r in split_readings("1432.52", 2) for p in r)
    assert split_readings("0-0", 2) == ()  # -0 is no printed number


def test_h3_settles_a_row() -> None:
    run = Run(_row("new_received"), split_readings("230 000023", 7))
    assert len(run.readings) == 3
    [out] = settle([run], {}, local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"])
    assert out.values == ("23", "0", "0", "0", "0", "0", "23")
    assert out.by_identity == (True, True, False, False, False, True, True)


def test_published_break_is_never_mended() -> None:
    """No reading of the row satisfies H3: the constraint is dropped, the differing cells stay open."""
    run = Run(_row("granted"), split_readings("120000 99", 7))
    h3 = lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"]  # noqa: E731
    assert len(run.readings) > 1 and all(h3(dict(zip(run.keys, map(int, r), strict=True))) for r in run.readings)
    [out] = settle([run], {}, local=h3)
    assert out.remaining == run.readings
    assert out.values[0] is None and out.values[2] == "0"


def test_column_sums_settle_what_the_row_cannot() -> None:
    """H3 holds for both readings of total_processed; H2 (the result rows) picks one."""
    fixed = {("granted", c): v for c, v in zip(COLS7, (4, 1, 0, 0, 0, 0, 5), strict=True)}
    fixed |= {(r, c): 0 for r in ("new_received", "carried_over", "carried_forward") for c in COLS7}
    fixed |= {("new_received", c): v for c, v in zip(COLS7, (4, 1, 0, 0, 0, 0, 5), strict=True)}
    readings = (("4", "1", "0", "0", "0", "0", "5"), ("1", "4", "0", "0", "0", "0", "5"))
    run = Run(_row("total_processed"), readings)
    [out] = settle([run], fixed, local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"],
                   joint=lambda g: requests_failures(g, "2019"))
    assert out.values == readings[0]
    assert out.by_identity[:2] == (True, True)


def test_two_readings_that_both_fit_stay_open() -> None:
    readings = (("4", "1", "0", "0", "0", "0", "5"), ("1", "4", "0", "0", "0", "0", "5"))
    [out] = settle([Run(_row("granted"), readings)], {},
                   local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"])
    assert out.values[:2] == (None, None) and out.remaining == readings
