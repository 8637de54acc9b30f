"""Table 三 (收到和处理政府信息公开申请情况): rows by label and group, seven applicant columns by position.

Group headings (（三）不予公开 …) carry no numbers; they set the context for the numbered
items below them, whether they arrive as a spanning cell, as a label part of the same row,
or only on an earlier row (text copied from a page loses the spans).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from ogi.normalize.align import Grid, Run, add_settled, place_by_order, settle
from ogi.normalize.blank_rows import Printed, blank_rows, dropped_trailing_blanks
from ogi.normalize.cells import CellCollector, TableResult
from ogi.normalize.flattened import with_blanks
from ogi.normalize.identities import Failure, requests_failures, requests_identities
from ogi.normalize.matcher import CUTOFF, Candidate, Match, match_label, text_score
from ogi.normalize.memo import text_cache
from ogi.normalize.rows import (
    SourceRow,
    SourceValue,
    fit_values,
    on_value_grid,
    stitch_page_splits,
    unreadable_label,
)
from ogi.normalize.textnorm import core, ordinal_value, split_ordinal
from ogi.normalize.values import is_blank
from ogi.schemas import cell_key, load_catalogue

TABLE = "requests"
N_COLS = 7
TOP_LEVEL = {"new_received", "carried_over", "carried_forward"}
SUBROW_GROUPS = {"denied", "unable", "not_processed", "other"}


@cache
def _candidates() -> tuple[Candidate, ...]:
    spec = load_catalogue().table(TABLE)
    seen: dict[str, Candidate] = {}
    for version in spec.versions:
        for row in version.rows:
            seen.setdefault(row.key, Candidate(row.key, row.variants, row.group, row.ordinal))
    return tuple(seen.values())


@cache
def _columns() -> tuple[str, ...]:
    """The table's column keys, in printed order (the columns are the same in both template versions)."""
    return tuple(c.key for c in load_catalogue().table(TABLE).version("2021").columns)


@text_cache
def _match(label: str, group: str | None) -> Match | None:
    """The canonical row a printed label names under ``group`` (the candidates are fixed: one answer a label)."""
    return match_label(label, _candidates(), group)


@text_cache
def _group_of(part: str) -> str | None:
    """The group a label part announces (（三）不予公开 → denied), also from a bare or truncated
    label with its ordinal (（六）, or （四）无 where a page break cut 无法提供), or None."""
    ordinal, rest = split_ordinal(part)
    if ordinal.startswith("("):
        for g in load_catalogue().table(TABLE).groups:
            same = g.ordinal and g.ordinal.startswith("（") and ordinal_value(g.ordinal) == ordinal_value(ordinal)
            if same and any(core(v).startswith(rest) for v in g.variants):
                return g.key
    scores: list[tuple[float, str]] = []
    for g in load_catalogue().table(TABLE).groups:
        if g.key == "results":
            continue
        score = text_score(part, g.variants)
        if g.ordinal and ordinal and ordinal_value(ordinal) != ordinal_value(g.ordinal):
            score -= 20
        if score >= 85:
            scores.append((score, g.key))
    scores.sort(reverse=True)
    if len(scores) > 1 and scores[0][0] - scores[1][0] < 1:
        return None  # a fragment two groups fit alike (予公开: 不予公开 or 予以公开) announces neither
    return scores[0][1] if scores else None


def _header_columns(rows: Sequence[SourceRow]) -> dict[int, str]:
    """Grid column → applicant column key, read from the header cells (自然人 … 其他, 总计).

    Only a complete and consistent reading is returned (all seven columns at seven distinct grid
    columns); text that lost its cell spans gives none, and the printed order is then assumed."""
    specs = load_catalogue().table(TABLE).version("2021").columns
    found: dict[int, str] = {}
    for row in rows:
        if row.values:  # the first data row ends the header
            break
        for text, col, span in row.label_cells:
            if span != 1:
                continue
            scores = [(text_score(text, c.variants), c.key) for c in specs]
            score, key = max(scores)
            if score >= 90:
                found[col] = key
    if len(found) != N_COLS or len(set(found.values())) != N_COLS:
        return {}
    return found


def _column_keys(values: Sequence[SourceValue], header: dict[int, str]) -> list[str]:
    cols = [v.col for v in values]
    if header and all(c in header for c in cols) and len({header[c] for c in cols if c is not None}) == N_COLS:
        return [header[c] for c in cols if c is not None]
    return list(_columns())


class _State:
    def __init__(self) -> None:
        self.group: str | None = None


def _resolve_group(row: SourceRow, state: _State) -> str | None:
    groups = [g for g in (_group_of(p) for p in row.labels) if g is not None]
    if groups:
        return groups[-1]
    item = row.labels[-1] if row.labels else ""
    ordinal, _ = split_ordinal(item)
    inherited = state.group if state.group in SUBROW_GROUPS else None
    if ordinal.isdigit() or (ordinal.startswith("(") and ordinal[1:-1].isdigit()):
        return inherited
    if any(split_ordinal(p)[0] in {"一", "二", "四"} for p in row.labels):
        return None
    return inherited if not ordinal else None


def _by_ordinal(label: str, candidates: Sequence[Candidate], group: str | None) -> Match | None:
    """An item printed (or OCR'd) as its ordinal alone (``3.`` under （六）其他处理): the one row of its group
    with that ordinal, or None::

        >>> _by_ordinal("3.", _candidates(), "other").key
        'other_other'
        >>> _by_ordinal("3.", _candidates(), None) is None
        True
    """
    ordinal, rest = split_ordinal(label)
    number = ordinal_value(ordinal) if ordinal and not rest.strip(".、．") else None
    if number is None or group is None:
        return None
    rows = [c for c in candidates if c.group == group and c.ordinal and ordinal_value(c.ordinal) == number]
    return Match(rows[0].key, float(CUTOFF)) if len(rows) == 1 else None


def _match_row(row: SourceRow, group: str | None) -> Match | None:
    """The canonical row a row's label names: by its words, by its ordinal alone (OCR lost the words), or by
    its last two label parts together (a label wrapped into two cells)."""
    match = _match(row.labels[-1], group) or _by_ordinal(row.labels[-1], _candidates(), group)
    if match is None and len(row.labels) > 1 and core(row.labels[-1]):
        match = _match(" ".join(row.labels[-2:]), group)
    return match


def _announces_group(row: SourceRow) -> bool:
    return any(_group_of(p) is not None for p in row.labels)


def _match_without_group(label: str, candidates: Sequence[Candidate], group: str) -> tuple[Match | None, str]:
    """A label that fits no row of the group it inherited, matched without the group: taken only where
    one row clearly fits it (a group cell printed beside the middle of its items — ``pdftotext -layout``
    of （四）无法提供 — leaves its first item under the group before), and then that row's group holds
    for the items after it."""
    match = match_label(label, candidates, None)
    if match is None or match.ambiguous:
        return None, group
    cand = next(c for c in candidates if c.key == match.key)
    return match, cand.group or group


def _match_in_group(row: SourceRow, group: str | None) -> tuple[Match | None, str | None]:
    """The row's match under its inherited group, else without the group (see :func:`_match_without_group`),
    and the group that holds for the rows after it."""
    match = _match_row(row, group)
    if match is None and group is not None and not _announces_group(row):
        return _match_without_group(row.labels[-1], _candidates(), group)
    return match, group


def parse_requests(rows: Sequence[SourceRow], context_version: str | None = None) -> TableResult:
    collector = CellCollector(TABLE)
    state = _State()
    found: set[str] = set()
    page = None
    rows = on_value_grid(stitch_page_splits(list(rows)), N_COLS)
    header = _header_columns(rows)
    runs: list[Run] = []
    sequence: list[str | SourceRow] = []  # printed order: placed row keys, and rows without a label
    printed: list[Printed] = []  # every row in printed order, with its label's match
    # a table that prints blank cells as nothing prints a row of blank cells as nothing but its label: the
    # reader gave it as many blanks as its widest row has numbers, and it has all seven
    short_rows = any(_prints_blanks_as_nothing(row) for row in rows)
    for row in map(lambda r: dropped_trailing_blanks(r, N_COLS), rows):
        if not row.labels:
            printed.append((row, None))
            if row.has_numbers():
                sequence.append(row)
            continue
        group = _resolve_group(row, state)
        match, state.group = _match_in_group(row, group)
        printed.append((row, match))
        if match is None:
            if unreadable_label(row) and fit_values(row.values, N_COLS) is not None:
                sequence.append(row)  # OCR misread the label: the row's place in the grid may still fix it
            elif row.has_numbers():
                collector.warn("unplaced_row", f"row {row.text!r} matches no canonical row; values not emitted",
                               row.page)
            continue
        if match.key in {"granted", "partially_granted", "other", "total_processed"} | TOP_LEVEL:
            state.group = match.key
        row = _all_blank(row) if short_rows else row
        if not row.values or (not row.has_numbers() and len(row.values) < N_COLS):
            continue
        vals = fit_values(row.values, N_COLS)
        placements = _placements(match.key, row, core(row.labels[-1]), match.score) if vals is None else None
        if placements is not None:
            page = page if page is not None else row.page
            found.add(match.key)
            sequence.append(match.key)
            runs.append(placements)
            continue
        if vals is None:
            collector.warn("unplaced_row", f"row {row.text!r} has {len(row.values)} value cells, expected "
                           f"{N_COLS}; values not emitted", row.page, tuple(cell_key(TABLE, match.key, c)
                                                                          for c in _columns()))
            continue
        if match.ambiguous:
            collector.warn("ambiguous_label", f"label {row.text!r} fits {match.key} ({match.score:.0f}) and "
                           f"{match.runner_up} ({match.runner_up_score:.0f}); used {match.key}", row.page)
        page = page if page is not None else row.page
        found.add(match.key)
        sequence.append(match.key)
        label = core(row.labels[-1])
        if row.readings:  # digits run together: settled below by the identities, with the whole table
            runs.append(_run(match.key, row, vals, header, label, match.score))
            continue
        for col, src in zip(_column_keys(vals, header), vals, strict=True):
            collector.add(match.key, col, src, "count", "", match.score, label)
    blanks = _blank_rows(printed, "2021")  # a 2021-only row printed blank is as good a label as any
    version = _decide_version(found | {m.key for _, m in blanks}, context_version)
    _add_blank_rows(collector, blanks if version == "2021" else _blank_rows(printed, version))
    _place_unlabeled(collector, sequence, version, header)
    _settle(collector, runs, version)
    cells = collector.cells_as(version)
    return TableResult(TABLE, version, cells, tuple(collector.findings), page)


def _decide_version(found: set[str], context_version: str | None) -> str:
    """From the labels: only the 2021 template splits （六）其他处理 into three rows. A table that
    prints （六） as one row fits both versions' labels; the spec's case of a 2021-version table
    printing one row is told apart by the report's own table 二 (the context), never by the year."""
    if found & {"other_no_correction", "other_fee_unpaid", "other_other"}:
        return "2021"
    return "2021" if context_version == "2021" else "2019"


def _run(key: str, row: SourceRow, vals: Sequence[SourceValue], header: dict[int, str], label: str,
         score: float) -> Run:
    keys = tuple((key, c) for c in _column_keys(vals, header))
    raw = " ".join(dict.fromkeys(v.raw for v in vals if v.ambiguous))
    return Run(keys, row.readings, label=label, score=score, page=row.page, raw=raw)


def _placements(key: str, row: SourceRow, label: str, score: float) -> Run | None:
    """A row that printed fewer numbers than its seven cells and no blank between them (pdftotext -raw
    prints a blank cell as nothing: ``（二）部分公开 1 1``): every placement of the numbers, in printed
    order, among the cells, the rest blank; the identities keep those they allow (``align.settle``)."""
    if not _prints_blanks_as_nothing(row):
        return None  # a grid row shows its blank cells: it is never read this way
    printed = [v.raw.strip() for v in row.values]
    readings = with_blanks(tuple(printed), N_COLS)
    keys = tuple((key, col) for col in _columns())
    raw = " ".join(printed)
    return Run(keys, tuple(readings), label=label, score=score, page=row.page, raw=raw,
               why=f"the row prints {len(printed)} of its {N_COLS} cells ({raw!r}), its blank cells as nothing,")


def _blank_rows(printed: Sequence[Printed], version: str) -> list[tuple[SourceRow, Match]]:
    """Rows printed as their label alone in a table that shows its blank cells, placed in ``version``'s
    row order, or the 2019 order where the table prints （六）其他处理 as one row, as ``_place_unlabeled`` does
    (see ``normalize.blank_rows``)."""
    one_other = any(m is not None and m.key == "other" for _, m in printed)
    order = [r.key for r in load_catalogue().table(TABLE).version("2019" if one_other else version).rows]
    return blank_rows(printed, {c.key: c for c in _candidates()}, order, N_COLS)


def _add_blank_rows(collector: CellCollector, blanks: Sequence[tuple[SourceRow, Match]]) -> None:
    for row, match in blanks:
        for col in _columns():
            collector.add(match.key, col, SourceValue("", row.page), "count", "", match.score, core(row.labels[-1]))


def _all_blank(row: SourceRow) -> SourceRow:
    """A row of blank cells only, fewer than seven, in a table that prints blank cells as nothing: all seven."""
    if row.values and not row.has_numbers() and len(row.values) < N_COLS:
        return replace(row, values=row.values + (row.values[-1],) * (N_COLS - len(row.values)))
    return row


def _prints_blanks_as_nothing(row: SourceRow) -> bool:
    """Fewer numbers than the row's seven cells and no blank between them (``（二）部分公开 1 1``)."""
    printed = [v.raw.strip() for v in row.values]
    return not row.readings and 0 < len(printed) < N_COLS and not any(is_blank(p) for p in printed)


def _place_unlabeled(collector: CellCollector, sequence: list[str | SourceRow], version: str,
                     header: dict[int, str]) -> None:
    """Rows of numbers whose label was lost (scattered into loose lines by a converter) take their
    place from the template's row order between placed neighbours, or are reported unplaced."""
    keys = [k if isinstance(k, str) else None for k in sequence]
    spec = load_catalogue().table(TABLE).version("2019" if "other" in keys else version)
    placed = place_by_order(keys, [r.key for r in spec.rows])
    for i, item in enumerate(sequence):
        if isinstance(item, str):
            continue
        vals = fit_values(item.values, N_COLS)
        if i in placed and vals is not None:
            for col, src in zip(_column_keys(vals, header), vals, strict=True):
                collector.add(placed[i], col, src, "count", "", 100.0, "", placed_by="order")
        else:
            what = f"row {item.text!r}, whose label matches no canonical row," if item.labels else \
                "a row of numbers without a label"
            collector.warn("unplaced_row", f"{what} ({_show(item)}) cannot be placed: "
                           "its place between the labelled rows is not fixed by the template's order", item.page)


def _settle(collector: CellCollector, runs: list[Run], version: str) -> None:
    """Rows whose digits ran together, settled by H3 per row and H1/H2 over the whole table."""
    if runs:
        fixed = {(c.row, c.column): c.value for c in collector.cells.values()}
        rows = {r for r, _ in fixed} | {r for run in runs for r, _ in run.keys}
        equations = [(lhs, rhs) for _, _, lhs, rhs in requests_identities(rows, version)]
        add_settled(collector, settle(runs, fixed, local=lambda g: _h3(g, version),
                                      joint=lambda g: requests_failures(g, version), equations=equations))


def _h3(grid: Grid, version: str) -> list[Failure]:
    return [f for f in requests_failures(grid, version) if f.code == "H3"]


def _show(row: SourceRow) -> str:
    return " ".join(v.raw.strip() or "·" for v in row.values)
