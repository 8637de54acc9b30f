"""Table 二 (主动公开政府信息情况): stacked blocks of banner, header and data rows.

Each header row (信息内容 | 本年新制作数量 | …) names the columns of the data rows below it;
its labels also decide the template version. A data row without a usable header falls back to
the catalogue's column list for the version whose column count fits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from ogi.normalize.align import Run, add_settled, settle
from ogi.normalize.cells import CellCollector, TableResult
from ogi.normalize.matcher import Candidate, Match, match_label
from ogi.normalize.memo import text_cache
from ogi.normalize.rows import SourceRow, SourceValue, trim_values
from ogi.normalize.textnorm import core, norm
from ogi.normalize.values import is_blank
from ogi.schemas import Finding, Severity, load_catalogue
from ogi.schemas.catalogue import ValueKind, VersionSpec

TABLE = "active_disclosure"
HEADER_WORD = "信息内容"


class DataRow(NamedTuple):
    """A data row of table 二 with its canonical row, label score and the header columns above it
    (with each header column's grid column where the header printed one title a cell, else ())."""

    row: SourceRow
    key: str
    score: float
    header: list[tuple[str, str]]
    header_grid: tuple[int, ...] = ()


def _versions() -> tuple[VersionSpec, ...]:
    return load_catalogue().table(TABLE).versions


@cache
def _row_candidates() -> tuple[Candidate, ...]:
    out: list[Candidate] = []
    for v in _versions():
        out.extend(Candidate(r.key, r.variants, payload=v.version) for r in v.rows)
    return tuple(out)


@cache
def _extra_candidates() -> tuple[Candidate, ...]:
    return tuple(Candidate(r.key, r.variants) for r in load_catalogue().table(TABLE).extra_rows)


@text_cache
def _match_row(label: str) -> tuple[Match | None, Match | None]:
    """The canonical row a printed label names, else the known regional (extra) row it names."""
    match = match_label(label, _row_candidates())
    return match, (match_label(label, _extra_candidates()) if match is None else None)


@cache
def _column_variants() -> tuple[tuple[str, str, str], ...]:
    """(normalised variant, column key, version), longest first (the catalogue's: made once)."""
    out = [(norm(var), c.key, v.version) for v in _versions() for c in v.columns for var in c.variants]
    return tuple(sorted(set(out), key=lambda t: -len(t[0])))


def header_columns(parts: Sequence[str]) -> list[tuple[str, str]]:
    """Column (key, version) pairs named in a header row, in printed order.

    >>> header_columns(["信息内容", "本年新\\n制作数量", "本年新公开数量", "对外公开总数量"])
    [('newly_made', '2019'), ('newly_published', '2019'), ('total_published', '2019')]
    >>> header_columns(["信息内容本年处理决定数量"])
    [('decisions', '2021')]
    """
    return list(_columns_in(norm("".join(parts)).replace(HEADER_WORD, "")))


@text_cache
def _columns_in(text: str) -> tuple[tuple[str, str], ...]:
    """The column (key, version) pairs a normalised header text names, in printed order."""
    taken = [False] * len(text)
    hits: list[tuple[int, str, str]] = []
    for variant, key, version in _column_variants():
        start = text.find(variant)
        while start >= 0:
            span = range(start, start + len(variant))
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                hits.append((start, key, version))
            start = text.find(variant, start + 1)
    return tuple((key, version) for _, key, version in sorted(hits))


def _collapse_repeats(header: list[tuple[str, str]], values: list[SourceValue]) -> tuple[
    list[tuple[str, str]], list[SourceValue]
]:
    """Converters that repeat a merged cell's text into every column it spans print the same header
    (and the same value) several times: keep one of each run of equal header columns."""
    if len(header) != len(values) or len({k for k, _ in header}) == len(header):
        return header, values
    keep = [
        i for i in range(len(header))
        if i == 0 or header[i] != header[i - 1] or values[i].raw.strip() != values[i - 1].raw.strip()
    ]
    return [header[i] for i in keep], [values[i] for i in keep]


def _header_grid(row: SourceRow, header: list[tuple[str, str]]) -> tuple[int, ...]:
    """The grid column of each header column, where the header row's cells name one column each, in
    order (``信息内容`` names none); () where the row has no grid or a cell names more or less than one."""
    cols: list[int] = []
    for text, col, _ in row.label_cells:
        named = header_columns([text])
        if len(named) > 1 or (not named and HEADER_WORD not in norm(text)):
            return ()
        cols.extend(col for _ in named)
    return tuple(cols) if len(cols) == len(header) else ()


def _by_position(grid: tuple[int, ...], values: Sequence[SourceValue]) -> list[SourceValue] | None:
    """A data row's values under the header's columns by grid position, where a converter dropped the
    spans (pandoc ``-t plain``: a cell spanning two columns prints its text in the first and leaves the
    second empty, in the header and in the rows alike). A value belongs to the title at or nearest left
    of its column; None unless every printed value finds a title and no title gets two."""
    if not grid or any(v.col is None for v in values):
        return None
    out: list[SourceValue | None] = [None] * len(grid)
    for v in values:
        if is_blank(v.raw):
            continue
        owner = [i for i, c in enumerate(grid) if v.col is not None and c <= v.col]
        if not owner or out[owner[-1]] is not None:
            return None
        out[owner[-1]] = v
    page = values[0].page if values else None
    return [v if v is not None else SourceValue("", page, col=c) for v, c in zip(out, grid, strict=True)]


def _is_banner(row: SourceRow) -> bool:
    return any("第二十条" in norm(p) for p in row.labels) and not row.has_numbers()


def _is_header(row: SourceRow) -> bool:
    if row.has_numbers():
        return False
    return any(HEADER_WORD in norm(p) for p in row.labels) or len(header_columns(row.labels)) >= 1


def _header_version(header: list[tuple[str, str]]) -> str | None:
    return _most_named(tuple(v for _, v in header)) if header else None


@lru_cache(maxsize=1024)
def _most_named(versions: tuple[str, ...]) -> str:
    """The version a header's columns name most often (the first of a tie)."""
    return Counter(versions).most_common(1)[0][0]


def _fitting_versions(row_key: str, values: Sequence[SourceValue]) -> dict[str, tuple[list[str], list[SourceValue]]]:
    """Every version in which the row exists and its values (blank ends trimmed) fill the row's columns."""
    out: dict[str, tuple[list[str], list[SourceValue]]] = {}
    for v in _versions():
        spec = next((r for r in v.rows if r.key == row_key), None)
        if spec is not None:
            vals = trim_values(values, len(spec.columns))
            if len(vals) == len(spec.columns):
                out[v.version] = (list(spec.columns), vals)
    return out


def _fit(row_key: str, values: Sequence[SourceValue], header: list[tuple[str, str]],
         table_version: str | None) -> tuple[list[str], str, list[SourceValue]] | str:
    """The row's columns, version and values; or why none is fixed.

    A header naming as many columns as the row has values decides; otherwise the versions whose row
    the values fill, narrowed by the row's header, then by the table's version (see ``_table_version``).
    """
    if header:
        vals = trim_values(values, len(header))
        if len(vals) == len(header):
            return [k for k, _ in header], str(_header_version(header)), vals
    fits = _fitting_versions(row_key, values)
    if not fits:
        return "fit"
    for decider in (_header_version(header), table_version):
        if len(fits) > 1 and decider in fits:
            fits = {decider: fits[decider]}
    if len(fits) > 1:
        return "version"
    version, (columns, vals) = next(iter(fits.items()))
    return columns, version, vals


def _emit(collector: CellCollector, runs: list[Run], key: str, score: float, row: SourceRow,
          columns: Sequence[str], version: str, vals: Sequence[SourceValue]) -> None:
    """Add a row's cells, or (digits run together) keep its readings for the alignment engine."""
    kinds = _column_kinds(version, tuple(columns))
    label = core(row.labels[-1])
    if row.readings and len(row.readings[0]) == len(columns):  # no identity constrains table 二
        raw = " ".join(dict.fromkeys(v.raw for v in row.values if v.ambiguous))
        runs.append(Run(tuple((key, c) for c in columns), row.readings, kinds, label, score, row.page, version, raw))
        return
    for col, kind, src in zip(columns, kinds, vals, strict=True):
        collector.add(key, col, src, kind, version, score, label)


@lru_cache(maxsize=1024)
def _column_kinds(version: str, columns: tuple[str, ...]) -> tuple[ValueKind, ...]:
    """The value kinds of these columns of table 二 in ``version`` (the catalogue's: looked up once)."""
    catalogue = load_catalogue()
    return tuple(catalogue.column_kind(TABLE, version, c) for c in columns)


def _leading_header(row: SourceRow, header: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The header's cells that ran into a data row's labels (one cell a line) name the columns from here on."""
    if len(row.labels) > 1 and _is_header(SourceRow(row.labels[:-1], ())):
        return header_columns(row.labels[:-1])
    return header


def _run_together(collector: CellCollector, row: SourceRow, key: str | None) -> bool:
    """True (and an ``unplaced_row`` finding when it has numbers) for a row whose label parts name more
    than one canonical row: labels of several rows run together, so whose numbers follow is not fixed."""
    others = {m.key for m in (_match_row(p)[0] for p in row.labels[:-1]) if m is not None}
    if key is None or not others - {key}:
        return False
    if row.has_numbers():
        collector.warn("unplaced_row", f"row {row.text!r} names more than one row of table 二 "
                       f"({', '.join(sorted(others | {key}))}); values not emitted", row.page)
    return True


def _table_version(items: Sequence[DataRow]) -> str | None:
    """The one template version the table's evidence names, or None when it names none or both.

    Evidence: the version of every header over data rows, a row that exists in one version only, and a
    row whose values fill the columns of one version only (e.g. 行政许可 with one value is 2021).
    """
    evidence: set[str] = set()
    for row, key, _, header, _ in items:
        version = _header_version(header)
        if version is not None:
            evidence.add(version)
        fits = _fitting_versions(key, row.values)
        if len(fits) == 1:
            evidence |= set(fits)
    return next(iter(evidence)) if len(evidence) == 1 else None


def _label_apart(rows: Sequence[SourceRow]) -> list[SourceRow]:
    """The rows with a sub-table's heading run split from the first row's label that ran into it.

    A converter that prints one cell a line (lynx of Word-style HTML) gives the banner, the header cells
    and the first data row's label as one run of label lines, and that row's numbers as a row without a
    label (``第二十条第（五）项`` … ``处理决定数量`` ``行政许可`` / ``0`` ``0`` ``0``). Where the run's last line
    names a row of table 二 (and no column) and the row after it is numbers without a label, that line is
    the row's label: the run becomes its banner row, its header row and the labelled data row."""
    out: list[SourceRow] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        after = rows[i + 1] if i + 1 < len(rows) else None
        i += 1
        if (after is None or after.labels or not after.has_numbers() or row.has_numbers() or len(row.labels) < 2
                or not any(_is_header_part(p) for p in row.labels[:-1]) or _match_row(row.labels[-1])[0] is None
                or header_columns([row.labels[-1]])):
            out.append(row)
            continue
        head, last = list(row.labels[:-1]), row.labels[-1]
        banner = max((k + 1 for k, p in enumerate(head) if "第二十条" in norm(p)), default=0)
        for part in (head[:banner], head[banner:]):
            if part:
                out.append(SourceRow(tuple(part), (), row.page, tuple(part)))
        out.append(SourceRow((last,), after.values, after.page, (last,), readings=after.readings))
        i += 1
    return out


def _is_header_part(label: str) -> bool:
    return HEADER_WORD in norm(label) or bool(header_columns([label]))


def _data_rows(collector: CellCollector, rows: Sequence[SourceRow]) -> list[DataRow]:
    """The table's data rows with their canonical row key and the header above them; findings for
    rows that cannot be placed. A header broken over lines (``本年制发`` / ``件数`` …) is joined: number-less
    lines that name no row continue the header above them."""
    candidates = _row_candidates()
    header: list[tuple[str, str]] = []
    grid: tuple[int, ...] = ()
    header_parts: list[str] | None = None
    items: list[DataRow] = []
    for row in _label_apart(rows):
        if not row.labels:
            if row.has_numbers():
                collector.warn("unplaced_row", "a row of numbers without a label cannot be placed", row.page)
            continue
        if _is_banner(row):
            header, grid, header_parts = [], (), None
            continue
        continues = header_parts is not None and not row.has_numbers() and HEADER_WORD not in norm(row.text)
        if continues and header_parts is not None and match_label(row.labels[-1], candidates) is None:
            header_parts = header_parts + list(row.labels)
            header, grid = header_columns(header_parts), ()
            continue
        if _is_header(row):
            header_parts = list(row.labels)
            header = header_columns(header_parts)
            grid = _header_grid(row, header)
            continue
        header_parts = None
        leading = _leading_header(row, header)
        header, grid = leading, (grid if leading is header else ())
        match, extra = _match_row(row.labels[-1])
        if _run_together(collector, row, match.key if match else None):
            continue
        if extra is not None:
            printed = " ".join(v.raw.strip() or "·" for v in row.values)
            collector.findings.append(Finding(
                "extra_row", Severity.INFO, f"row {row.text!r} ({printed}) is a known regional row "
                "with no canonical cell", TABLE, page=row.page))
            continue
        if match is None:
            if row.has_numbers():
                collector.warn("unplaced_row", f"row {row.text!r} matches no canonical row of table 二; "
                               "values not emitted", row.page)
            continue
        items.append(DataRow(row, match.key, match.score, header, grid))
    return items


def parse_active(rows: Sequence[SourceRow]) -> TableResult:
    catalogue = load_catalogue()
    collector = CellCollector(TABLE)
    items = _data_rows(collector, rows)
    table_version = _table_version(items)
    versions: Counter[str] = Counter()
    runs: list[Run] = []
    page = None
    for row, key, score, header, grid in items:
        vals = trim_values(row.values, len(header)) if header else []
        if header and len(vals) != len(header):
            vals = _by_position(grid, row.values) or vals
        row_header, row_values = _collapse_repeats(header, vals)
        fit = _fit(key, row_values or row.values, row_header, table_version)
        if fit == "version":
            if row.has_numbers() or any(v.raw.strip() for v in row.values):
                collector.warn("undecided_version", f"row {row.text!r} fits the columns of both template "
                               "versions and neither its header nor the rest of table 二 decides which; "
                               "values not emitted", row.page)
            continue
        if isinstance(fit, str):
            if row.has_numbers():
                collector.warn("unplaced_row", f"row {row.text!r}: {len(row.values)} values fit neither its "
                               "header nor the template; values not emitted", row.page)
            continue
        columns, version, vals = fit
        row_spec = next((r for r in catalogue.table(TABLE).version(version).rows if r.key == key), None)
        if row_spec is None or not set(columns) <= set(row_spec.columns):
            collector.warn("unplaced_row", f"row {row.text!r} under columns {columns} is not a {version} row; "
                           "values not emitted", row.page)
            continue
        versions[version] += 1
        page = page if page is not None else row.page
        _emit(collector, runs, key, score, row, columns, version, vals)
    template = versions.most_common(1)[0][0] if versions else ""
    add_settled(collector, settle(runs, {}))
    if len(versions) > 1:
        collector.warn("mixed_version", f"table 二 has rows of both template versions: {dict(versions)}")
    cells = collector.cells_as(template)
    return TableResult(TABLE, template, cells, tuple(collector.findings), page)
