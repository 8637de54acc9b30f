"""The accounting identities H1–H5, and the likely culprit where a row and a column failure meet.

Published values are never changed: every failure is a Finding naming its cells. Null cells
(blank or not applicable) count as 0, as the template's readers do: many agencies leave zeros
blank, and a total left blank over filled-in parts is exactly the kind of break a reader must be
told about. An identity with a cell that was not extracted at all is not checked
(``cells_missing`` says why).

When one side of an identity is printed entirely blank (a 总计 column left empty beside filled-in parts),
the report did not state the number: that is a ``blank_total`` warning, not the error a printed 0 is.
It still takes part in the culprit search: a blank cell that a row and a column both need is named.
The words of every finding come from ``messages``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ogi.normalize.messages import BLANK_TOTAL, CellText, Lang, cell_text, culprit_message, identity_message
from ogi.schemas import CellValue, Finding, Number, Severity, cell_key, load_catalogue

REQ = "requests"
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org")
TOL = 1e-6


@dataclass(frozen=True)
class Failure:
    """One failed identity instance: ``lhs`` cells should sum to ``rhs`` cells."""

    code: str
    scope: str
    lhs: tuple[tuple[str, str], ...]
    rhs: tuple[tuple[str, str], ...]
    lhs_sum: Number
    rhs_sum: Number
    table: str
    blank: bool = False   # one side is printed entirely blank: the number was not stated

    def cells(self) -> tuple[str, ...]:
        return tuple(cell_key(self.table, r, c) for r, c in self.lhs + self.rhs)


Grid = Mapping[tuple[str, str], Number | None]


def _check(grid: Grid, code: str, scope: str, table: str, lhs: Sequence[tuple[str, str]],
           rhs: Sequence[tuple[str, str]]) -> Failure | None:
    try:  # each cell read once; a cell that was not extracted leaves the identity unchecked
        left, right = [grid[k] for k in lhs], [grid[k] for k in rhs]
    except KeyError:
        return None
    a, b = sum([v or 0 for v in left]), sum([v or 0 for v in right])
    if abs(a - b) <= TOL:
        return None
    blank = all(v is None for v in left) or all(v is None for v in right)
    return Failure(code, scope, tuple(lhs), tuple(rhs), a, b, table, blank)


def result_rows(rows: set[str] | frozenset[str], version: str) -> list[str]:
    """The result rows H2 sums, for the rows the table actually printed."""
    spec = load_catalogue().table(REQ).version(version)
    order = [r.key for r in spec.rows]
    if version == "2019" or ("other" in rows and not rows & {"other_no_correction", "other_fee_unpaid", "other_other"}):
        order = [r.key for r in load_catalogue().table(REQ).version("2019").rows]
    start, end = order.index("granted"), order.index("total_processed")
    return order[start:end]


Identity = tuple[str, str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]  # code, scope, lhs, rhs


def requests_identities(rows: set[str], version: str) -> list[Identity]:
    """Every H1, H2 and H3 instance of a requests table with these rows: ``sum(lhs) == sum(rhs)``."""
    return list(_requests_identities(frozenset(rows), version))


@cache
def _requests_identities(rows: frozenset[str], version: str) -> tuple[Identity, ...]:
    cols = (*APPLICANTS, "total")
    results = result_rows(rows, version)
    out: list[Identity] = []
    for c in cols:
        out.append(("H1", c, (("new_received", c), ("carried_over", c)),
                    (("total_processed", c), ("carried_forward", c))))
    for c in cols:
        out.append(("H2", c, (("total_processed", c),), tuple((r, c) for r in results)))
    order = [r.key for r in load_catalogue().table(REQ).version("2021").rows] + ["other"]
    for r in sorted(rows, key=lambda k: order.index(k) if k in order else len(order)):
        out.append(("H3", r, ((r, "total"),), tuple((r, c) for c in APPLICANTS)))
    return tuple(out)


def requests_failures(grid: Grid, version: str) -> list[Failure]:
    out = [_check(grid, code, scope, REQ, lhs, rhs)
           for code, scope, lhs, rhs in _requests_identities(frozenset([k[0] for k in grid]), version)]
    return [f for f in out if f is not None]


def review_failures(grid: Grid) -> list[Failure]:
    spec = load_catalogue().table("review_litigation").version("2021")
    parts = [c.key for c in spec.columns if c.key != "total"]
    out = [
        _check(grid, "H4", p.key, "review_litigation", [(p.key, "total")], [(p.key, c) for c in parts])
        for p in spec.rows
    ]
    return [f for f in out if f is not None]


def _solve(f: Failure, cell: tuple[str, str], grid: Grid) -> Number | None:
    """The value of ``cell`` that makes failure ``f`` hold, others fixed."""
    own = grid.get(cell) or 0
    if cell in f.lhs:
        return f.rhs_sum - (f.lhs_sum - own)
    if cell in f.rhs:
        return f.lhs_sum - (f.rhs_sum - own)
    return None


def culprits(failures: Sequence[Failure], grid: Grid, cells: Mapping[str, CellValue] | None = None,
             lang: Lang = "zh") -> list[Finding]:
    """A cell in one row failure (H3) and one column failure (H1/H2) whose solved values agree."""
    found: list[Finding] = []
    rows = [f for f in failures if f.code == "H3"]
    cols = [f for f in failures if f.code in {"H1", "H2"}]
    for rf in rows:
        for cf in cols:
            shared = set(rf.lhs + rf.rhs) & set(cf.lhs + cf.rhs)
            for cell in sorted(shared):
                a, b = _solve(rf, cell, grid), _solve(cf, cell, grid)
                if a is None or b is None or abs(a - b) > TOL:
                    continue
                key = cell_key(REQ, *cell)
                published = grid.get(cell)
                rules = (f"{rf.code}:{rf.scope}", f"{cf.code}:{cf.scope}")
                found.append(Finding(
                    "likely_culprit", Severity.ERROR, culprit_message(_text(key, cells), a, rules, lang),
                    REQ, (key,), scope="+".join(rules), page=_page(key, cells),
                    published=published, expected=a,
                ))
    return found


def _text(key: str, cells: Mapping[str, CellValue] | None) -> CellText:
    return cell_text(key, cells or {})


def _page(key: str, cells: Mapping[str, CellValue] | None) -> int | None:
    c = (cells or {}).get(key)
    return None if c is None else c.page


def failures_to_findings(failures: Sequence[Failure], cells: Mapping[str, CellValue] | None = None,
                         lang: Lang = "zh") -> list[Finding]:
    """One finding per failure; ``cells`` (by key) give the labels, how each was printed, and the page."""
    out = []
    for f in failures:
        code = BLANK_TOTAL if f.blank else f.code
        lhs, rhs = f.cells()[:len(f.lhs)], f.cells()[len(f.lhs):]
        page = _page(lhs[0], cells)
        message = identity_message(code, [_text(k, cells) for k in lhs], [_text(k, cells) for k in rhs], page, lang)
        out.append(Finding(
            code, Severity.WARNING if f.blank else Severity.ERROR, message, f.table, f.cells(),
            scope=f"{f.code}:{f.scope}" if f.blank else f.scope, page=page,
            published=f.lhs_sum, expected=f.rhs_sum,
        ))
    return out


def value_findings(cells: Sequence[CellValue]) -> list[Finding]:
    """H5: counts whole and ≥ 0; money ≥ 0; only items_change may be negative. Plus 元-in-万元 suspicion."""
    out: list[Finding] = []
    for c in cells:
        if c.value is None:
            continue
        money = c.column in {"fee_amount", "procurement_amount"}
        signed = c.column == "items_change"
        bad = (not signed and c.value < 0) or (not money and not float(c.value).is_integer())
        if bad:
            out.append(Finding("H5", Severity.ERROR, f"{c.key} = {c.raw!r} is not a valid "
                               f"{'amount' if money else 'count'}", c.table, (c.key,), page=c.page,
                               published=c.value))
        if money and c.unit != "元" and c.value >= 10000 and float(c.value).is_integer():
            out.append(Finding("unit_suspect", Severity.WARNING, f"{c.key} = {c.raw!r} looks like 元 written "
                               "into a 万元 column", c.table, (c.key,), page=c.page, published=c.value))
    return out


def check_identities(cells: Sequence[CellValue], requests_version: str | None) -> list[Finding]:
    req: dict[tuple[str, str], Number | None] = {}
    rev: dict[tuple[str, str], Number | None] = {}
    for c in cells:  # one pass over the cells for both tables
        if c.table == REQ:
            req[(c.row, c.column)] = c.value
        elif c.table == "review_litigation":
            rev[(c.row, c.column)] = c.value
    failures = requests_failures(req, requests_version or "2019") if req else []
    failures += review_failures(rev) if rev else []
    by_key = {c.key: c for c in cells} if failures else {}  # the words of the failures' findings
    return failures_to_findings(failures, by_key) + culprits(failures, req, by_key) + value_findings(cells)
