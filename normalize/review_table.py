"""Table 四 (行政复议、行政诉讼): one unlabeled row of 15 numbers in printed order, or (transposed
layouts) one row of five per proceeding, labelled 行政复议 / 直接起诉 / 复议后起诉."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ogi.normalize.align import Run, add_settled, place_by_order, settle
from ogi.normalize.cells import CellCollector, TableResult
from ogi.normalize.flattened import with_blanks
from ogi.normalize.identities import review_failures
from ogi.normalize.matcher import Candidate, match_label
from ogi.normalize.memo import text_cache
from ogi.normalize.rows import SourceRow, SourceValue, fit_values, unreadable_label
from ogi.normalize.textnorm import core
from ogi.normalize.values import is_blank
from ogi.schemas import load_catalogue
from ogi.schemas.catalogue import VersionSpec
from ogi.schemas.records import PlacedBy

TABLE = "review_litigation"


def parse_review(rows: Sequence[SourceRow], version: str) -> TableResult:
    spec = load_catalogue().table(TABLE).version(version)
    collector = CellCollector(TABLE)
    n_cols = len(spec.columns)
    wide = [r for r in rows if len(r.values) >= n_cols * len(spec.rows) and r.has_numbers()]
    if not wide:  # a table printed with every cell left blank is still the table, with null cells
        wide = [r for r in rows if len(r.values) == n_cols * len(spec.rows)][:1]
    short = None if wide else _short_row(rows, n_cols, n_cols * len(spec.rows))
    if short is not None:
        _settle_short(collector, short, spec, version)
        return TableResult(TABLE, version, tuple(collector.cells.values()), tuple(collector.findings), short.page)
    page = None
    if wide:
        row = wide[0]
        vals = fit_values(row.values, n_cols * len(spec.rows))
        if vals is None:
            collector.warn("unplaced_row", f"the review/litigation row has {len(row.values)} value cells, "
                           f"expected {n_cols * len(spec.rows)}; values not emitted", row.page)
        elif row.readings:  # digits run together: H4 of each proceeding settles what it can
            page = row.page
            keys = tuple((spec.rows[i // n_cols].key, spec.columns[i % n_cols].key) for i in range(len(vals)))
            run = Run(keys, row.readings, page=row.page, template=version,
                      raw=" ".join(dict.fromkeys(v.raw for v in vals if v.ambiguous)))
            add_settled(collector, settle([run], {}, local=review_failures))
        else:
            page = row.page
            for i, src in enumerate(vals):
                proc, col = spec.rows[i // n_cols], spec.columns[i % n_cols]
                collector.add(proc.key, col.key, src, "count", version, 100.0, "")
        for extra in wide[1:]:
            collector.warn("unplaced_row", "a second row of review/litigation numbers was ignored", extra.page)
        return TableResult(TABLE, version, tuple(collector.cells.values()), tuple(collector.findings), page)
    return _parse_by_proceeding(rows, spec, collector, version)


def _short_row(rows: Sequence[SourceRow], n_cols: int, n_cells: int) -> SourceRow | None:
    """The table's one row of numbers where it prints fewer value cells than the table has and no label:
    more numbers than one proceeding has cells, so it is the whole table's row, but its blank cells are
    not shown one for one (lynx of Word-style HTML prints blank ``<td>&nbsp;</td>`` cells at a row's ends
    as nothing and a run of them between numbers as one empty line)."""
    numbered = [r for r in rows if r.has_numbers()]
    if len(numbered) != 1 or numbered[0].labels or len(numbered[0].values) >= n_cells:
        return None
    row = numbered[0]
    printed = [v for v in row.values if not is_blank(v.raw)]
    return row if n_cols < len(printed) <= n_cells else None


def _settle_short(collector: CellCollector, row: SourceRow, spec: VersionSpec, version: str) -> None:
    """Every placement of the row's numbers, in printed order, among the table's cells (the rest blank);
    H4 of each proceeding keeps those it allows, and only cells every kept placement agrees on are
    emitted (``align.settle``); the others are reported with the readings."""
    n_cols = len(spec.columns)
    printed = tuple(v.raw.strip() for v in row.values if not is_blank(v.raw))
    n_cells = n_cols * len(spec.rows)
    keys = tuple((spec.rows[i // n_cols].key, spec.columns[i % n_cols].key) for i in range(n_cells))
    raw = " ".join(printed)
    run = Run(keys, tuple(with_blanks(printed, n_cells)), page=row.page, template=version, raw=raw,
              why=f"the row prints {len(printed)} numbers for its {n_cells} cells ({raw!r}) and not where "
                  "its blank cells are,")
    add_settled(collector, settle([run], {}, local=review_failures))


@text_cache
def proceeding_of(text: str) -> str | None:
    """The proceeding a heading alone names (（二）行政诉讼：未经复议直接起诉 → litigation_direct), or None.

    >>> proceeding_of("（三）复议后起诉"), proceeding_of("四、政府信息公开行政复议、行政诉讼情况")
    ('litigation_after_review', None)
    """
    return _proceedings().get(core(text).removeprefix("行政诉讼").lstrip(":："))


@cache
def _proceedings() -> dict[str, str]:
    """Each proceeding's label variants (their cores) → its row key; the first row in order keeps a shared one."""
    out: dict[str, str] = {}
    for r in load_catalogue().table(TABLE).version("2021").rows:
        for v in r.variants:
            out.setdefault(core(v), r.key)
    return out


def _parse_by_proceeding(rows: Sequence[SourceRow], spec: VersionSpec, collector: CellCollector,
                         version: str) -> TableResult:
    """Transposed layouts: a row of five per proceeding, named by its own label, by a heading above it
    (three 5-column sub-tables), or else by the template's order of the proceedings."""
    candidates = [Candidate(r.key, r.variants) for r in spec.rows]
    n_cols = len(spec.columns)
    page = None
    context: str | None = None
    sequence: list[tuple[str | None, SourceRow, list[SourceValue]]] = []
    for row in rows:
        if not row.has_numbers():
            context = (proceeding_of(row.labels[-1]) if row.labels else None) or context
            continue
        own = match_label(row.labels[-1], candidates) if row.labels else None
        vals = fit_values(row.values, n_cols)
        # a label that names no proceeding stops the row, unless OCR misread it (then order may place it)
        unknown = row.labels and own is None and not unreadable_label(row)
        if vals is None or unknown:
            collector.warn("unplaced_row", f"review/litigation row {row.text!r} cannot be placed", row.page)
            continue
        key = own.key if own is not None else context
        sequence.append((key, row, vals))
        context = None
    keys = [k for k, _, _ in sequence]
    by_order = place_by_order(keys, [r.key for r in spec.rows])
    for i, (key, row, vals) in enumerate(sequence):
        placed_by: PlacedBy = "label"
        if key is None and i in by_order:
            key, placed_by = by_order[i], "order"
        if key is None:
            collector.warn("unplaced_row", f"review/litigation row {row.text!r} ({len(vals)} values) cannot be "
                           "placed: no label, no heading, and the template's order does not fix it", row.page)
            continue
        page = page if page is not None else row.page
        for col, src in zip(spec.columns, vals, strict=True):
            collector.add(key, col.key, src, "count", version, 100.0, row.labels[-1] if row.labels else "",
                          placed_by=placed_by)
    return TableResult(TABLE, version, tuple(collector.cells.values()), tuple(collector.findings), page)
