"""Counts that add up: one :class:`Tally` per file (and per template version within it), summed
into groups by :mod:`ogi.bench.metrics`."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Tally:
    """Raw counts behind every benchmark metric.

    Report-level counts (``reports`` … ``agency_right``) stay zero in a per-template tally: a
    report can mix template versions, so only table-level counts are split by version.
    """

    reports: int = 0
    failed: int = 0
    seconds: float = 0.0
    unplaced_expected: int = 0
    unplaced_found: int = 0
    unplaced_right: int = 0
    year_right: int = 0
    agency_right: int = 0
    templates_checked: int = 0
    templates_right: int = 0
    cells_expected: int = 0
    cells_right: int = 0
    cells_wrong: int = 0
    cells_missed: int = 0
    cells_extra: int = 0
    cells_nonzero_expected: int = 0  # expected cells with a number other than 0
    cells_nonzero_right: int = 0
    cells_undetermined: int = 0  # missed, but flagged open: an unplaced_value finding names the truth as a candidate
    cells_nonzero_undetermined: int = 0
    cells_wrong_unflagged: int = 0  # wrong cells no finding names (by cell key, or an identity on its row/column)
    cells_lost: int = 0  # expected cells of tables the converter truly lost (not in cells_expected)
    cells_lost_emitted: int = 0  # values ogi emitted for such cells: they cannot come from the file
    tables_lost: int = 0
    tables_lost_flagged: int = 0  # lost tables that ogi reports as table_missing
    cells_extra_unflagged: int = 0  # extra cells of a table the expected file lists that no finding names
    findings_expected: int = 0
    findings_emitted: int = 0
    findings_matched: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def total(tallies: list[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out = out + t
    return out
