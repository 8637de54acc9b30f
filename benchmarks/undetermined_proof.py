"""An independent proof, cell by cell, that a converter's text cannot determine the cells ogi leaves open.

    PYTHONPATH=. .venv/bin/python -c "from ogi.cli import main; main()" bench /tmp/matrix --json /tmp/bench.json
    PYTHONPATH=. .venv/bin/python benchmarks/undetermined_proof.py /tmp/matrix /tmp/bench.json [--verbose]

``ogi bench`` counts a missed cell as undetermined when ogi flags it with candidate readings that contain the
truth; that is ogi's own claim. This script checks it without ogi's alignment engine: for every open cell it
takes the TRUE table from the output's expected file and searches for an ALTERNATIVE table that

- the converter would print identically: only the open rows change, each into another reading of the same
  printed text (below), every cell in a format the table's own printing style allows (digits of one width,
  no leading zero but ``0``, thousands separators, ``件`` after non-zero counts of table 二, the sign style
  ``增/减``, ``+/-`` or plain, money as plain, ``（万元）`` or ``元``; the styles the table's other cells
  rule out are not tried);
- satisfies every identity instance (H1–H4, from ``ogi.normalize.identities``; a null cell counts as 0, as
  there) that the true table satisfies; an instance the published table breaks constrains nothing
  (criterion ``strict``). Where the published table breaks identities (an agency's error), a reader cannot
  know which instances the truth keeps, so criterion ``plausible`` is proven apart: the alternative breaks
  no more of the instances the open rows touch than the truth breaks;

and differs from the truth in that cell. If one exists, the cell is proven undeterminable. Alternatives that
change one open row (the others kept true) are tried first; a cell none of those changes is searched with
every open row of the table changing at once (the rows meet in the column sums H1/H2), by a depth-first
search over the open rows' contributions to those sums, pruned by the remaining rows' bounds, remembering
the states that failed (more than ``NODE_LIMIT`` visits is reported as ``search limit``, never as a proof).
The open cells and ogi's candidates are the bench record's ``undetermined`` problems.

Printing models (checked against the actual output, which must contain the true table's printing):

- ``pdftotext-raw``: a row is its non-blank cells' texts joined by one space; blank cells print nothing.
  An alternative places the same printed values, in order, in other cells, blank elsewhere.
- ``crawler-spaced`` / ``crawler-joined``: the text is exactly ``crawler_flat`` of the browser copy (checked
  byte for byte), whose lines hold the cells' texts between tabs. Two models are proven apart:
  ``blind`` (the issue's model: whitespace carries nothing, blank cells print nothing; spaced: the printed
  tokens placed in order; joined: the row's characters without whitespace split into any readings) and
  ``exact`` (whitespace as printed: a blank cell prints what this table's blank cells print, a number the
  padding this table's numbers carry, so an alternative must reproduce the row's text to the byte).
  A cell the blind model proves and the exact model does not is fixed by the text's whitespace.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ogi.generate.converters import crawler_flat
from ogi.normalize.identities import requests_identities
from ogi.schemas import load_catalogue

Value = int | float | None
Row = tuple[Value, ...]
Cell = tuple[str, str]  # (row, column)
Instance = tuple[str, tuple[Cell, ...], tuple[Cell, ...]]  # name, lhs, rhs: sum(lhs) == sum(rhs)
CONVERTERS = ("pdftotext-raw", "crawler-spaced", "crawler-joined")
CRITERIA = ("strict", "plausible")
SEPARATOR = {"crawler-spaced": " ", "crawler-joined": ""}
NA = frozenset({"/", "—"})
WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
NODE_LIMIT = 500_000


# ---------------------------------------------------------------- cell formats


@dataclass(frozen=True)
class Style:
    """How one table prints its numbers; every style the table's fixed cells allow is tried."""

    thousands: bool
    unit: bool  # 件 after a non-zero count of table 二
    signed: str  # cn 增5/减8 | sign +5/-8 | plain 5/-8
    money: str  # plain 1.795 | wanyuan 1.795（万元） or 1.795万元 | yuan 17950元


STYLES = tuple(Style(t, u, s, m) for t in (False, True) for u in (False, True)
               for s in ("cn", "sign", "plain") for m in ("plain", "wanyuan", "yuan"))


def _digits(text: str) -> int | None:
    """A whole number in one digit width, without a leading zero unless it is 0."""
    if not text or not (text.isascii() or not any(c.isascii() for c in text)):
        return None
    ascii_text = text.translate(WIDE)
    if not ascii_text.isdigit() or not ascii_text.isascii() or (len(ascii_text) > 1 and ascii_text[0] == "0"):
        return None
    return int(ascii_text)


def _count_text(text: str, thousands: bool) -> int | None:
    if "," not in text:
        n = _digits(text)
        return None if n is None or (thousands and n >= 1000) else n
    if not thousands:
        return None
    groups = text.split(",")
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    joined = "".join(groups)
    if not (joined.isascii() or not any(c.isascii() for c in joined)):
        return None
    n = _digits(joined)
    return n if n is not None and n >= 1000 else None


def _count(text: str, style: Style, with_unit: bool) -> int | None:
    if with_unit and style.unit:
        if text.endswith("件"):
            n = _count_text(text[:-1], style.thousands)
            return n if n else None
        n = _count_text(text, style.thousands)
        return n if n == 0 else None
    return _count_text(text, style.thousands)


def _signed(text: str, style: Style) -> int | None:
    if text in ("0", "０"):
        return 0
    heads = {"cn": {"增": 1, "减": -1}, "sign": {"+": 1, "-": -1}, "plain": {"": 1, "-": -1}}[style.signed]
    for head, sign in heads.items():
        if head and text.startswith(head):
            n = _digits(text[len(head):])
            return sign * n if n else None
    n = _digits(text) if "" in heads else None
    return n if n else None


_DECIMAL = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")


def _money(text: str, style: Style) -> float | None:
    if text == "0":
        return 0.0
    if style.money == "yuan":
        n = _digits(text[:-1]) if text.endswith("元") and text[:-1].isascii() else None
        return n / 10000 if n else None
    if style.money == "wanyuan":
        for unit in ("（万元）", "万元"):
            if text.endswith(unit):
                text = text[:-len(unit)]
                break
        else:
            return None
    if not _DECIMAL.fullmatch(text):
        return None
    amount = float(text)
    return amount if amount else None


def parse_core(text: str, kind: str, style: Style, table: str) -> tuple[bool, Value]:
    """Whether ``text`` (no padding) is a cell this style prints in a column of this kind, and its value."""
    if text == "" or text in NA:
        return True, None
    value: Value
    if kind == "signed":
        value = _signed(text, style)
    elif kind == "money":
        value = _money(text, style)
    else:
        value = _count(text, style, with_unit=table == "active_disclosure")
    return value is not None, value


def same(a: Value, b: Value) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, abs_tol=1e-9)


# ---------------------------------------------------------------- the true tables


@dataclass
class Table:
    """One table of one output: its true grid, its columns per row, and the identities the truth keeps."""

    key: str
    version: str
    grid: dict[Cell, Value]
    columns: dict[str, tuple[str, ...]]
    kinds: dict[str, str]
    instances: list[Instance] = field(default_factory=list)  # every H1-H4 instance of the table
    kept: list[Instance] = field(default_factory=list)  # the instances the true table satisfies


def _holds(grid: dict[Cell, Value], lhs: Sequence[Cell], rhs: Sequence[Cell]) -> bool | None:
    if any(c not in grid for c in (*lhs, *rhs)):
        return None  # a cell not extracted leaves the instance unchecked, as in ogi.normalize.identities
    return abs(sum(grid[c] or 0 for c in lhs) - sum(grid[c] or 0 for c in rhs)) <= 1e-6


def true_tables(expected: dict[str, Any]) -> dict[str, Table]:
    catalogue = load_catalogue()
    tables: dict[str, Table] = {}
    for key, value in expected["cells"].items():
        name, row, col = key.split("/")
        if name in expected.get("lost", {}):
            continue
        version = expected["templates"][name]
        table = tables.setdefault(name, Table(name, version, {}, {}, {}))
        table.grid[(row, col)] = value
        table.columns[row] = (*table.columns.get(row, ()), col)
        table.kinds[col] = catalogue.column_kind(name, version, col)
    for table in tables.values():
        instances: list[Instance] = []
        if table.key == "requests":
            for code, scope, lhs, rhs in requests_identities(set(table.columns), table.version):
                instances.append((f"{code}:{scope}", lhs, rhs))
        elif table.key == "review_litigation":
            for row, cols in table.columns.items():
                instances.append((f"H4:{row}", ((row, "total"),), tuple((row, c) for c in cols if c != "total")))
        table.instances = [i for i in instances if _holds(table.grid, i[1], i[2]) is not None]
        table.kept = [i for i in table.instances if _holds(table.grid, i[1], i[2])]
    return tables


# ---------------------------------------------------------------- readings of one printed row


@dataclass(frozen=True)
class Printing:
    """What the converter printed of one row, and how its cells may be padded (crawler ``exact`` model)."""

    cells: tuple[str, ...]  # the true cells' texts (crawler) or printed values' texts (pdftotext-raw)
    number_pads: frozenset[str] = frozenset({""})
    blanks: frozenset[str] = frozenset({""})


def _placements(tokens: Sequence[str], cols: Sequence[str], table: Table, style: Style) -> Iterator[Row]:
    """Printed tokens in order in any of the row's cells, blank elsewhere (blank cells print nothing)."""
    for where in itertools.combinations(range(len(cols)), len(tokens)):
        row: list[Value] = [None] * len(cols)
        for token, i in zip(tokens, where, strict=True):
            ok, value = parse_core(token, table.kinds[cols[i]], style, table.key)
            if not ok:
                break
            row[i] = value
        else:
            yield tuple(row)


def _splits(text: str, sep: str, cols: Sequence[str], table: Table, style: Style, pads: frozenset[str],
            blanks: frozenset[str]) -> set[Row]:
    """Every reading of ``text`` as the row's cells printed with ``sep`` between them: a cell is a blank text
    or a core with a padding; the last cell's trailing spaces are gone (the line was stripped)."""
    out: set[Row] = set()
    kinds = [table.kinds[c] for c in cols]

    def piece_values(piece: str, i: int, last: bool) -> list[Value]:
        found: list[Value] = []
        if piece in blanks or (last and piece == "" and any(b.strip(" ") == "" for b in blanks)):
            found.append(None)
        cores = [piece] if last else [piece[:len(piece) - len(p)] for p in pads if piece.endswith(p)]
        for core in cores:
            if core == "" or (last and core != core.rstrip(" ")):
                continue
            ok, value = parse_core(core, kinds[i], style, table.key)
            if ok:
                found.append(value)
        return found

    def walk(pos: int, i: int, done: tuple[Value, ...]) -> None:
        if i == len(cols) - 1:
            for v in piece_values(text[pos:], i, True):
                out.add((*done, v))
            return
        for end in range(pos, len(text) + 1):
            if not text.startswith(sep, end) or (sep and end == len(text)):
                continue
            for v in piece_values(text[pos:end], i, False):
                walk(end + len(sep), i + 1, (*done, v))

    walk(0, 0, ())
    return out


def readings(model: str, converter: str, printing: Printing, cols: Sequence[str], table: Table,
             style: Style) -> set[Row]:
    """Every row of values the converter would print as this row's text, under one style."""
    if converter == "pdftotext-raw":
        return set(_placements(printing.cells, cols, table, style))
    sep = SEPARATOR[converter]
    cells = list(printing.cells)
    text = sep.join([*cells[:-1], cells[-1].rstrip(" ")])
    if model == "exact":
        return _splits(text, sep, cols, table, style, printing.number_pads, printing.blanks)
    if converter == "crawler-spaced":
        return set(_placements(text.split(), cols, table, style))
    return _splits(re.sub(r"\s+", "", text), "", cols, table, style, frozenset({""}), frozenset({""}))


# ---------------------------------------------------------------- the converter's printing, from its output


def _parses_to(texts: Sequence[str], values: Sequence[Value], cols: Sequence[str], table: Table,
               styles: Iterable[Style]) -> list[Style]:
    return [s for s in styles if all(
        (lambda r: r[0] and same(r[1], v))(parse_core(t.strip(" "), table.kinds[c], s, table.key))
        for t, v, c in zip(texts, values, cols, strict=True))]


def crawler_printings(browser_copy: str, tables: dict[str, Table]
                      ) -> tuple[dict[tuple[str, str], Printing], dict[str, list[Style]]]:
    """The browser copy's cell texts of every row of tables 二 and 三 (found in printed order, each line
    the first after the previous row's whose last cells read as the row's true values), the padding each
    table's numbers and blank cells carry, and the styles under which every cell of the table reads true."""
    lines = [line.split("\t") for line in browser_copy.split("\n")]
    printings: dict[tuple[str, str], Printing] = {}
    styles: dict[str, list[Style]] = {}
    at = 0
    for name in ("active_disclosure", "requests"):
        if name not in tables:
            continue
        table, ok = tables[name], list(STYLES)
        found: dict[str, list[str]] = {}
        for row, cols in table.columns.items():
            values = [table.grid[(row, c)] for c in cols]
            for j in range(at, len(lines)):
                fields = lines[j]
                if len(fields) > len(cols) and _parses_to(fields[-len(cols):], values, cols, table, STYLES):
                    found[row], at = fields[-len(cols):], j + 1
                    ok = _parses_to(found[row], values, cols, table, ok)
                    break
            else:
                raise LookupError(f"{name}/{row}: no line of the browser copy prints {values}")
        pads, blanks = set(), set()
        for texts in found.values():
            for t in texts[:-1]:  # the last cell of a line lost its trailing spaces
                core = t.rstrip(" ")
                (blanks.add(t) if core == "" else pads.add(t[len(core):]))
        for row, texts in found.items():
            printings[(name, row)] = Printing(tuple(texts), frozenset(pads or {""}), frozenset(blanks or {""}))
        styles[name] = ok
    return printings, styles


_NUMBERS = re.compile(r"(?:^|\s)((?:[0-9０-９][0-9０-９,.]*\s+)*[0-9０-９][0-9０-９,.]*)\s*$")


def raw_printing(text_lines: Sequence[str], values: Sequence[Value]) -> Printing | None:
    """pdftotext -raw: the row's non-blank values, verified to end some line of the output as one run."""
    tokens = [v for v in values if v is not None]
    want = [str(v) for v in tokens]
    for line in text_lines:
        m = _NUMBERS.search(line)
        if m and [t.translate(WIDE).replace(",", "") for t in m.group(1).split()] == want:
            return Printing(tuple(want))
    return None


# ---------------------------------------------------------------- the search


@dataclass
class Verdict:
    proven: bool
    joint: bool = False
    alternative: Row | None = None
    reason: str = ""


def _rows_of(i: Instance) -> set[str]:
    return {r for r, _ in (*i[1], *i[2])}


def _contribution(row: str, values: Row, cols: Sequence[str], cross: Sequence[Instance]) -> tuple[float, ...]:
    got = dict(zip(cols, values, strict=True))
    return tuple(round(sum(got[c] or 0 for r, c in lhs if r == row) - sum(got[c] or 0 for r, c in rhs if r == row), 6)
                 for _, lhs, rhs in cross)


class SearchLimit(Exception):
    """The joint search visited more than ``NODE_LIMIT`` states without an answer."""


def _off(rest: Iterable[float]) -> int:
    return sum(abs(x) > 1e-6 for x in rest)


def _completes(rows: Sequence[Sequence[tuple[tuple[float, ...], int]]], need: tuple[float, ...], used: int,
               budget: int) -> bool:
    """Whether one (contribution, failed row identities) per row leaves at most ``budget`` failed identities:
    a cross identity fails where the contributions miss ``need``. A depth-first search that counts the sums
    already outside the remaining rows' bounding box as failed and remembers the states that failed."""
    dims, n = len(need), len(rows)
    lo = [[0.0] * dims for _ in range(n + 1)]
    hi = [[0.0] * dims for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for k in range(dims):
            lo[i][k] = lo[i + 1][k] + min(o[0][k] for o in rows[i])
            hi[i][k] = hi[i + 1][k] + max(o[0][k] for o in rows[i])
    failed: set[tuple[int, tuple[float, ...], int]] = set()
    visits = 0

    def dfs(i: int, rest: tuple[float, ...], used: int) -> bool:
        nonlocal visits
        if used + sum(r < lo[i][k] - 1e-6 or r > hi[i][k] + 1e-6 for k, r in enumerate(rest)) > budget:
            return False
        if i == n:
            return used + _off(rest) <= budget
        if (i, rest, used) in failed:
            return False
        visits += 1
        if visits > NODE_LIMIT:
            raise SearchLimit
        for o, fails in rows[i]:
            if dfs(i + 1, tuple(round(a - b, 6) for a, b in zip(rest, o, strict=True)), used + fails):
                return True
        failed.add((i, rest, used))
        return False

    return dfs(0, need, used)


def prove_table(table: Table, open_rows: dict[str, set[str]], options: dict[str, set[Row]], criterion: str
                ) -> dict[Cell, Verdict]:
    """For each open cell: an alternative where it differs, one open row changed or several at once.

    ``strict``: the alternative keeps every identity instance the truth keeps. ``plausible``: it breaks no
    more instances than the truth breaks (a reader cannot tell which ones the agency got wrong)."""
    rows = set(open_rows)
    truth = {r: tuple(table.grid[(r, c)] for c in table.columns[r]) for r in rows}
    instances = [i for i in (table.kept if criterion == "strict" else table.instances) if _rows_of(i) & rows]
    budget = 0 if criterion == "strict" else sum(i not in table.kept for i in instances)
    cross = [i for i in instances if len(_rows_of(i)) > 1]
    fails: dict[str, dict[Row, int]] = {}
    for r in rows:
        cols, mine = table.columns[r], [i for i in instances if _rows_of(i) == {r}]
        fails[r] = {o: sum(not _holds(dict(zip([(r, c) for c in cols], o, strict=True)), i[1], i[2]) for i in mine)
                    for o in options[r]}
    contrib = {r: {o: _contribution(r, o, table.columns[r], cross) for o in options[r]} for r in rows}
    # a cross identity holds where the open rows' contributions sum to what the truth's do, less its own miss
    miss = [sum(table.grid[c] or 0 for c in lhs) - sum(table.grid[c] or 0 for c in rhs) for _, lhs, rhs in cross]
    hold = [sum(contrib[r][truth[r]][k] for r in rows) - miss[k] for k in range(len(cross))]
    verdicts: dict[Cell, Verdict] = {}
    order = [r for r in table.columns if r in rows]
    for r in order:
        cols = table.columns[r]
        others = []
        for q in order:
            if q == r:
                continue
            best: dict[tuple[float, ...], int] = {}
            for o in options[q]:
                best[contrib[q][o]] = min(best.get(contrib[q][o], 99), fails[q][o])
            t = (contrib[q][truth[q]], best[contrib[q][truth[q]]])
            others.append([t, *sorted(set(best.items()) - {t})])
        at_truth = [tuple(o[0][0][k] for o in others) for k in range(len(cross))]
        # rows that may change, those in the most identity instances first (总计 rows before result rows), so
        # that the residuals are pinned early and the remembered failures repeat
        moving = sorted((o for o in others if len(o) > 1),
                        key=lambda o: -sum(len({v[0][k] for v in o}) > 1 for k in range(len(cross))))
        fixed = [o[0] for o in others if len(o) == 1]
        tried: dict[tuple[tuple[float, ...], int], bool] = {}
        for c in sorted(open_rows[r], key=cols.index):
            i = cols.index(c)
            differ = sorted((o for o in options[r] if not same(o[i], truth[r][i])),
                            key=lambda o: (fails[r][o], repr(o)))
            single = [o for o in differ if fails[r][o] + sum(f[1] for f in fixed) + sum(x[0][1] for x in moving)
                      + _off(round(hold[k] - contrib[r][o][k] - sum(at_truth[k]), 6) for k in range(len(cross)))
                      <= budget]
            if single:
                verdicts[(r, c)] = Verdict(True, False, single[0])
                continue
            verdicts[(r, c)] = Verdict(False, reason="no reading printed the same changes it" if not differ else (
                "each reading that changes it breaks an identity the truth keeps" if criterion == "strict" else
                "each reading that changes it breaks more identities than the truth"))
            for o in differ:
                need = tuple(round(hold[k] - contrib[r][o][k] - sum(f[0][k] for f in fixed), 6)
                             for k in range(len(cross)))
                used = fails[r][o] + sum(f[1] for f in fixed)
                try:
                    key = (need, used)
                    found = tried[key] if key in tried else tried.setdefault(key, _completes(moving, need, used,
                                                                                            budget))
                except SearchLimit:
                    verdicts[(r, c)] = Verdict(False, reason="search limit")
                    break
                if found:
                    verdicts[(r, c)] = Verdict(True, True, o)
                    break
    return verdicts


# ---------------------------------------------------------------- one output, and the report


@dataclass
class Result:
    file: str
    converter: str
    key: str
    truth: Value
    candidates: list[Any]
    verdicts: dict[str, Verdict]  # model -> verdict


def _printings(path: Path, converter: str, tables: dict[str, Table], open_cells: dict[str, dict[str, set[str]]]
               ) -> tuple[dict[tuple[str, str], Printing], dict[str, list[Style]]]:
    """Each open row's printing, checked against the output, and the styles each table may print in."""
    if converter in SEPARATOR:
        copy = path.with_name(path.name.replace(converter, "browser-copy")).read_text(encoding="utf-8")
        if crawler_flat(copy, SEPARATOR[converter]) != path.read_text(encoding="utf-8"):
            raise ValueError(f"{path.name} is not crawler_flat of its browser copy: no exact printing model")
        return crawler_printings(copy, tables)
    lines = path.read_text(encoding="utf-8").splitlines()
    printings: dict[tuple[str, str], Printing] = {}
    for name, rows in open_cells.items():
        for row in rows:
            t = tables[name]
            found = raw_printing(lines, [t.grid[(row, c)] for c in t.columns[row]])
            if found is None:
                raise LookupError(f"{path.name}: no line prints {name}/{row}'s values")
            printings[(name, row)] = found
    return printings, {name: [STYLES[0]] for name in tables}


def _prove_rows(table: Table, rows: dict[str, set[str]], model: str, criterion: str, converter: str,
                printings: dict[tuple[str, str], Printing], styles: list[Style]) -> dict[Cell, Verdict]:
    """The best verdict per open cell over the styles (proven beats not, one row changed beats several)."""
    best: dict[Cell, Verdict] = {}
    seen: set[tuple[tuple[str, frozenset[Row]], ...]] = set()
    for style in styles:
        options = {r: readings(model, converter, printings[(table.key, r)], table.columns[r], table, style)
                   for r in rows}
        same_options = tuple(sorted((r, frozenset(o)) for r, o in options.items()))
        if same_options in seen:  # styles that only differ in columns this table lacks
            continue
        seen.add(same_options)
        for cell, v in prove_table(table, rows, options, criterion).items():
            old = best.get(cell)
            if old is None or (v.proven and (not old.proven or (old.joint and not v.joint))):
                best[cell] = v
    return best


def prove_file(path: Path, problems: list[dict[str, Any]], converter: str) -> list[Result]:
    expected = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
    tables = true_tables(expected)
    open_cells: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for p in problems:
        name, row, col = p["key"].split("/")
        open_cells[name][row].add(col)
    printings, styles = _printings(path, converter, tables, open_cells)
    models = ("exact", "blind") if converter in SEPARATOR else ("raw",)
    verdicts: dict[str, dict[str, Verdict]] = defaultdict(dict)
    for name, rows in open_cells.items():
        if not styles[name]:
            raise ValueError(f"{path.name}: no printing style reads every cell of {name} as its true value")
        for model, criterion in itertools.product(models, CRITERIA):
            found = _prove_rows(tables[name], rows, model, criterion, converter, printings, styles[name])
            for (row, col), v in found.items():
                verdicts[f"{name}/{row}/{col}"][f"{model}/{criterion}"] = v
    return [Result(path.name, converter, p["key"], p["expected"], p["got"], verdicts[p["key"]]) for p in problems]


def report(results: list[Result], verbose: bool) -> str:
    out: list[str] = []
    for converter in CONVERTERS:
        mine = [r for r in results if r.converter == converter]
        models = [f"{m}/{c}" for m in (("exact", "blind") if converter in SEPARATOR else ("raw",)) for c in CRITERIA]
        out.append(f"{converter}: open cells {len(mine)}")
        for m in models:
            proven = [r for r in mine if r.verdicts[m].proven]
            joint = sum(r.verdicts[m].joint for r in proven)
            out.append(f"  {m:16} proven undeterminable {len(proven):3} (one row changed {len(proven) - joint}, "
                       f"several rows at once {joint}), not proven {len(mine) - len(proven)}")
        for r in mine:
            if verbose or not r.verdicts[models[0]].proven:
                tags = "; ".join(f"{m}: " + (("proven" + (" jointly" if v.joint else "") + f" by {v.alternative}")
                                             if v.proven else f"NOT ({v.reason})")
                                 for m, v in r.verdicts.items())
                out.append(f"    {r.file}  {r.key}  true={r.truth}  ogi candidates={r.candidates}\n      {tags}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("matrix", type=Path, help="the converter matrix folder (ogi matrix --out)")
    ap.add_argument("bench_json", type=Path, help="ogi bench MATRIX --json output")
    ap.add_argument("--verbose", action="store_true", help="list every open cell with its alternative")
    args = ap.parse_args(argv)
    bench = json.loads(args.bench_json.read_text(encoding="utf-8"))
    results: list[Result] = []
    for f in bench["files"]:
        problems = [p for p in f["problems"] if p["kind"] == "undetermined"]
        if problems and f["converter"] in CONVERTERS:
            results += prove_file(args.matrix / Path(f["path"]).name, problems, f["converter"])
    print(report(results, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
