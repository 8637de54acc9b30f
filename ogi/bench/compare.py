"""Score one Report against its expected values.

Cells: an expected cell is *right* when the report emits the same key with the same value
(numbers equal within 1e-9 relative; an expected null must be emitted as null), *wrong* when it is
emitted with another value, *missed* when not emitted; an emitted key the expected file lacks is
*extra*. A wrong cell is *unflagged* when no finding names it: none lists its key in ``cells`` and no
identity finding of its table has its row or column as ``scope``. An extra cell of a table whose cells
the expected file lists sits under a key the document did not print (a value under a wrong key, e.g. a
2021 table read with 2019 column keys): unflagged, it counts with the unflagged wrong cells
(``cells_unflagged``, the ``unflagged`` column). Non-zero cells (expected number other
than 0) are also counted apart: a reader that emits 0 everywhere cannot score well on them.

A missed cell is also *undetermined* when the report says why it is open: an ``unplaced_value``
finding names it with two or more candidate values ("this cell is 1 or 50 depending on the reading"),
the expected value among them. It stays a miss (``cell_accuracy``); ``determined_accuracy`` leaves
such cells out, as the real samples' expected files leave out the cells they list under
``undetermined`` (checked by hand there; here the bench checks only that the truth is a candidate).

Findings are compared as sets of items: ``H1:<column>`` … ``H4:<proceeding>`` from the identity
findings' ``scope``, plus the cell keys named by ``likely_culprit`` findings. A report that could not
be extracted (``report is None``) gets every check wrong.

A table the converter truly lost (the expected file's ``lost``: nowhere in the file) is not scored as
missed: its cells are counted as *lost* instead of expected, a value emitted for one is counted
(``cells_lost_emitted``, also *extra*: it cannot come from the file), and the report must name the table
in a ``table_missing`` finding (``tables_lost_flagged``). Its template and findings are not expected.

Table-level counts are also split by template version: the expected version of the cell's table,
else the version the report detected, else ``unknown``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ogi.bench.samples import Expected
from ogi.bench.tally import Tally
from ogi.normalize.values import parse_value
from ogi.schemas import Number, Report

IDENTITY_CODES = ("H1", "H2", "H3", "H4")
IDENTITY_TABLE = {"H1": "requests", "H2": "requests", "H3": "requests", "H4": "review_litigation"}
CULPRIT_CODE = "likely_culprit"
BLANK_TOTAL_CODE = "blank_total"
UNPLACED_CODE = "unplaced_row"
OPEN_CELL_CODE = "unplaced_value"
_CANDIDATES = re.compile(r"this cell is (.+?) depending on the reading")
MISSING_CODE = "table_missing"
UNKNOWN_TEMPLATE = "unknown"


@dataclass(frozen=True)
class Problem:
    """One thing the report got wrong, for ``--details``.

    ``kind`` is ``wrong`` / ``missed`` / ``undetermined`` (a miss the report flags open, ``got`` its
    candidates) / ``extra`` (cells), ``finding_missed`` /
    ``finding_extra`` (identity or culprit items), or ``year`` / ``agency`` / ``template`` /
    ``unplaced_rows`` (metadata and counts). ``raw`` is the emitted cell's printed text.
    """

    kind: str
    key: str
    expected: object = None
    got: object = None
    raw: str = ""
    unflagged: bool = False  # a wrong cell that no finding names


@dataclass(frozen=True)
class FileScore:
    path: str
    format: str
    converter: str | None
    seconds: float
    error_type: str | None
    error: str | None
    total: Tally
    by_template: tuple[tuple[str, Tally], ...]
    problems: tuple[Problem, ...]
    producer: str = ""  # the expected file's producer key ("" when it names none)


def values_equal(expected: Number | None, got: Number | None) -> bool:
    """``True`` when ``got`` is the expected value: both null, or numbers within 1e-9 relative.

    >>> values_equal(None, None), values_equal(None, 0), values_equal(0, None), values_equal(3, 3.0)
    (True, False, False, True)
    """
    if expected is None or got is None:
        return expected is None and got is None
    return math.isclose(expected, got, rel_tol=1e-9, abs_tol=0.0)


def finding_items(report: Report) -> dict[str, str]:
    """The report's identity failures and culprit cells, each mapped to its table."""
    items: dict[str, str] = {}
    for f in report.findings:
        if f.code == BLANK_TOTAL_CODE:   # scope is the instance, e.g. "H3:granted"
            items[f.scope] = IDENTITY_TABLE[f.scope.split(":")[0]]
        elif f.code in IDENTITY_CODES:
            items[f"{f.code}:{f.scope}"] = IDENTITY_TABLE[f.code]
        elif f.code == CULPRIT_CODE:
            items.update((cell, cell.split("/")[0]) for cell in f.cells)
    return items


def expected_items(expected: Expected) -> dict[str, str]:
    items = {item: IDENTITY_TABLE.get(item.split(":")[0], UNKNOWN_TEMPLATE) for item in expected.identities}
    items.update((cell, cell.split("/")[0]) for cell in expected.culprits)
    return items


class _Counts:
    """Mutable per-template counters while one file is scored; frozen into Tallies at the end."""

    def __init__(self, expected: Expected, report: Report | None) -> None:
        self.expected = expected
        self.report = report
        self.by_template: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.problems: list[Problem] = []

    def template_of(self, table: str) -> str:
        version = self.expected.template(table)
        if version is None and self.report is not None:
            version = self.report.template(table)
        return version or UNKNOWN_TEMPLATE

    def add(self, table: str, name: str, n: int = 1) -> None:
        self.by_template[self.template_of(table)][name] += n

    def tallies(self) -> tuple[tuple[str, Tally], ...]:
        return tuple((v, Tally(**c)) for v, c in sorted(self.by_template.items()))


def compare_report(
    report: Report | None,
    expected: Expected,
    *,
    path: str = "",
    fmt: str = "",
    converter: str | None = None,
    seconds: float = 0.0,
    error: BaseException | None = None,
    producer: str = "",
) -> FileScore:
    """Score ``report`` (``None`` if extraction failed with ``error``) against ``expected``."""
    counts = _Counts(expected, report)
    _compare_cells(counts)
    _compare_lost(counts)
    _compare_findings(counts)
    _compare_templates(counts)
    by_template = counts.tallies()
    table_level = sum((t for _, t in by_template), Tally())
    report_level = _report_level(counts, seconds)
    return FileScore(
        path=path or expected.file,
        format=fmt,
        converter=converter,
        seconds=seconds,
        error_type=None if error is None else type(error).__name__,
        error=None if error is None else str(error),
        total=table_level + report_level,
        by_template=by_template,
        problems=tuple(counts.problems),
        producer=producer,
    )


def flagged_cells(report: Report) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Cell keys named by a finding, and the (table, row-or-column key) scopes of identity findings."""
    keys = frozenset(k for f in report.findings for k in f.cells)
    scopes = frozenset((f.table or IDENTITY_TABLE[f.code], f.scope) for f in report.findings
                       if f.code in IDENTITY_CODES and f.scope)
    return keys, scopes


def _is_flagged(key: str, flagged: tuple[frozenset[str], frozenset[tuple[str, str]]]) -> bool:
    table, row, column = key.split("/")
    keys, scopes = flagged
    return key in keys or (table, row) in scopes or (table, column) in scopes


def open_cells(report: Report) -> dict[str, tuple[Number | None, ...]]:
    """The cells an ``unplaced_value`` finding leaves open, with the candidate values it names."""
    out: dict[str, tuple[Number | None, ...]] = {}
    for f in report.findings:
        values = candidates(f.message) if f.code == OPEN_CELL_CODE and len(f.cells) == 1 else ()
        if len(values) >= 2:
            out[f.cells[0]] = values
    return out


def candidates(message: str) -> tuple[Number | None, ...]:
    """The values an open cell's finding names (``blank`` is null); () when it names none or one is
    no number::

        >>> candidates("t/r/c: … this cell is blank or 0 or 1,580 depending on the reading and …")
        (None, 0, 1580)
        >>> candidates("a label matched two rows")
        ()
    """
    shown = _CANDIDATES.search(message)
    if shown is None:
        return ()
    parsed = [None if c == "blank" else parse_value(c, "signed") for c in shown.group(1).split(" or ")]
    if any(v is not None and (not v.ok or v.value is None) for v in parsed):
        return ()
    return tuple(None if v is None else v.value for v in parsed)


def _compare_cells(counts: _Counts) -> None:
    report = counts.report
    emitted = {} if report is None else {c.key: c for c in reversed(report.cells)}  # first wins
    flagged = (frozenset(), frozenset()) if report is None else flagged_cells(report)
    undetermined = {} if report is None else open_cells(report)
    expected = counts.expected.cell_values()
    lost = counts.expected.lost_tables()
    for key, want in expected.items():
        table = key.split("/")[0]
        if table in lost:
            continue
        counts.add(table, "cells_expected")
        nonzero = want is not None and want != 0
        if nonzero:
            counts.add(table, "cells_nonzero_expected")
        cell = emitted.get(key)
        if cell is None:
            counts.add(table, "cells_missed")
            if any(values_equal(want, c) for c in undetermined.get(key, ())):
                counts.add(table, "cells_undetermined")
                if nonzero:
                    counts.add(table, "cells_nonzero_undetermined")
                counts.problems.append(Problem("undetermined", key, want, undetermined[key]))
            else:
                counts.problems.append(Problem("missed", key, want))
        elif values_equal(want, cell.value):
            counts.add(table, "cells_right")
            if nonzero:
                counts.add(table, "cells_nonzero_right")
        else:
            counts.add(table, "cells_wrong")
            unflagged = not _is_flagged(key, flagged)
            if unflagged:
                counts.add(table, "cells_wrong_unflagged")
            counts.problems.append(Problem("wrong", key, want, cell.value, cell.raw, unflagged))
    listed = {key.split("/")[0] for key in expected}
    for key, cell in sorted(emitted.items()):
        if key not in expected or cell.table in lost:
            counts.add(cell.table, "cells_extra")
            unflagged = cell.table in listed and not _is_flagged(key, flagged)
            if unflagged:
                counts.add(cell.table, "cells_extra_unflagged")
            counts.problems.append(Problem("extra", key, None, cell.value, cell.raw, unflagged))


def _compare_lost(counts: _Counts) -> None:
    """Cells of the tables the converter lost: counted apart, and each table must be reported missing."""
    lost = counts.expected.lost_tables()
    report = counts.report
    emitted = set() if report is None else {c.key for c in report.cells}
    missing = set() if report is None else {f.table for f in report.findings if f.code == MISSING_CODE}
    for key in counts.expected.cell_values():
        if key.split("/")[0] in lost:
            counts.add(key.split("/")[0], "cells_lost")
            if key in emitted:
                counts.add(key.split("/")[0], "cells_lost_emitted")
    for table in sorted(lost):
        counts.add(table, "tables_lost")
        if table in missing:
            counts.add(table, "tables_lost_flagged")
        else:
            counts.problems.append(Problem("lost_unflagged", table, MISSING_CODE, None))


def _compare_findings(counts: _Counts) -> None:
    lost = counts.expected.lost_tables()
    want = {k: t for k, t in expected_items(counts.expected).items() if t not in lost}
    got = {} if counts.report is None else finding_items(counts.report)
    for item, table in want.items():
        counts.add(table, "findings_expected")
        if item in got:
            counts.add(table, "findings_matched")
    for table in got.values():
        counts.add(table, "findings_emitted")
    counts.problems.extend(Problem("finding_missed", item) for item in sorted(want.keys() - got.keys()))
    counts.problems.extend(Problem("finding_extra", item) for item in sorted(got.keys() - want.keys()))


def _compare_templates(counts: _Counts) -> None:
    for table, version in counts.expected.templates:
        if table in counts.expected.lost_tables():
            continue
        got = None if counts.report is None else counts.report.template(table)
        counts.add(table, "templates_checked")
        if got == version:
            counts.add(table, "templates_right")
        else:
            counts.problems.append(Problem("template", table, version, got))


def _report_level(counts: _Counts, seconds: float) -> Tally:
    expected, report = counts.expected, counts.report
    year = None if report is None else report.metadata.year
    agency = None if report is None else report.metadata.agency
    unplaced = 0 if report is None else _count(f.code == UNPLACED_CODE for f in report.findings)
    ok = report is not None
    checks = {
        "year": (ok and year == expected.year, expected.year, year),
        "agency": (ok and agency == expected.agency, expected.agency, agency),
        "unplaced_rows": (ok and unplaced == expected.unplaced_rows, expected.unplaced_rows, unplaced),
    }
    counts.problems.extend(Problem(k, k, want, got) for k, (right, want, got) in checks.items() if not right)
    return Tally(
        reports=1,
        failed=0 if ok else 1,
        seconds=seconds,
        unplaced_expected=expected.unplaced_rows,
        unplaced_found=unplaced,
        unplaced_right=int(checks["unplaced_rows"][0]),
        year_right=int(checks["year"][0]),
        agency_right=int(checks["agency"][0]),
    )


def _count(flags: Iterable[bool]) -> int:
    return sum(1 for f in flags if f)
