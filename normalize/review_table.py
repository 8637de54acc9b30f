"""Table 四 (行政复议、行政诉讼): one unlabeled row of 15 numbers in printed order, or (transposed
layouts) one row of five per proceeding, labelled 行政复议 / 直接起诉 / 复议后起诉."""

from __future__ import annotations

from collections.abc import Sequence

from ogi.normalize.align import Run, add_settled, settle
from ogi.normalize.cells import CellCollector, TableResult
from ogi.normalize.identities import review_failures
from ogi.normalize.matcher import Candidate, match_label
from ogi.normalize.rows import SourceRow, fit_values
from ogi.schemas import load_catalogue

TABLE = "review_litigation"


def parse_review(rows: Sequence[SourceRow], version: str) -> TableResult:
    spec = load_catalogue().table(TABLE).version(version)
    collector = CellCollector(TABLE)
    n_cols = len(spec.columns)
    wide = [r for r in rows if len(r.values) >= n_cols * len(spec.rows) and r.has_numbers()]
    if not wide:  # a table printed with every cell left blank is still the table, with null cells
        wide = [r for r in rows if len(r.values) == n_cols * len(spec.rows)][:1]
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
    candidates = [Candidate(r.key, r.variants) for r in spec.rows]
    for row in rows:
        if not row.has_numbers():
            continue
        match = match_label(row.labels[-1], candidates) if row.labels else None
        vals = fit_values(row.values, n_cols)
        if match is None or vals is None:
            collector.warn("unplaced_row", f"review/litigation row {row.text!r} cannot be placed", row.page)
            continue
        page = page if page is not None else row.page
        for col, src in zip(spec.columns, vals, strict=True):
            collector.add(match.key, col.key, src, "count", version, match.score, row.labels[-1])
    return TableResult(TABLE, version, tuple(collector.cells.values()), tuple(collector.findings), page)
