"""Cross-year check at consolidation: ``carried_over`` of year Y against ``carried_forward`` of
year Y−1 in the same agency's report, per column of the ``requests`` table.

A blank cell counts as 0 (agencies leave zeros blank); a not-applicable cell is not compared.
Failed reports, reports without agency or year, second paths of the same content, and agency-years
with more than one report (which one continues which is unknown) are left out. Each mismatch is a
``carried_over_mismatch`` warning on the year-Y report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from ogi.convert.tables import COLUMNS

CODE = "carried_over_mismatch"

QUERY = """
WITH candidates AS (
  SELECT report_id, agency, year, source FROM reports
  WHERE duplicate_of IS NULL AND status <> 'failed' AND agency IS NOT NULL AND year IS NOT NULL),
r AS (  -- an agency-year with two or more reports is ambiguous: left out
  SELECT * FROM candidates WHERE (agency, year) IN (
    SELECT (agency, year) FROM candidates GROUP BY agency, year HAVING count(*) = 1)),
v AS (
  SELECT r.report_id, r.agency, r.year, r.source, c."row", c."column", coalesce(c.value, 0) AS value, c.page
  FROM r JOIN cells c USING (report_id)
  WHERE c."table" = 'requests' AND c."row" IN ('carried_over', 'carried_forward')
    AND (c.value IS NOT NULL OR c.note = 'blank'))
SELECT co.report_id, co."column", co.value, cf.value, co.page, co.year, cf.source,
  (SELECT coalesce(max(f.seq), -1) FROM findings f WHERE f.report_id = co.report_id) AS last_seq
FROM v co JOIN v cf
  ON cf.agency = co.agency AND cf.year = co.year - 1 AND cf."column" = co."column"
  AND co."row" = 'carried_over' AND cf."row" = 'carried_forward'
WHERE co.value <> cf.value
ORDER BY co.report_id, co."column", cf.source
"""


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def carried_over_findings(con: duckdb.DuckDBPyConnection, batch: int = 5_000) -> Iterator[tuple[Any, ...]]:
    """Finding rows (columns of the ``findings`` table) for every mismatch, streamed."""
    cur = con.cursor().execute(QUERY)
    next_seq: dict[str, int] = {}
    while rows := cur.fetchmany(batch):
        yield from _rows(rows, next_seq)


def _rows(rows: list[tuple[Any, ...]], next_seq: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    for rid, column, published, expected, page, year, prev_source, last_seq in rows:
        seq = next_seq.get(rid, last_seq + 1)
        next_seq[rid] = seq + 1
        row = {
            "report_id": rid, "seq": seq, "code": CODE, "severity": "warning", "table": "requests",
            "scope": column, "cells": [f"requests/carried_over/{column}"],
            "message": f"carried_over {_num(published)} ({year}) differs from carried_forward {_num(expected)} "
                       f"in the {year - 1} report {prev_source}",
            "page": page, "published": published, "expected": expected,
        }
        yield tuple(row[c] for c in COLUMNS["findings"])
