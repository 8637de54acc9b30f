"""Sum file scores into groups and turn each group's counts into metrics.

Groups: ``overall``, ``format.<group>`` (pdf, docx, doc, html, text, pdf-scan), ``converter.<name>``
(outputs of the converter matrix, ``ogi.generate.converters``), ``template.<version>`` (table-level
counts of the tables with that expected template version) and ``producer.<name>`` (files whose expected
values name the PDF producer that printed them, as ``generate/pdf_producers.py`` writes). A metric's flat
name is
``<group>.<metric>``, for example ``format.pdf.cell_accuracy``; floor files use these names.

Ratios whose denominator is zero are 1.0 (nothing to get wrong): a group that expects no findings
and emits none has findings precision and recall 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.bench.compare import FileScore
from ogi.bench.tally import Tally, total

Metrics = dict[str, float | int]


@dataclass(frozen=True)
class BenchResult:
    scores: tuple[FileScore, ...]
    groups: tuple[tuple[str, Tally], ...]  # in display order: overall, formats, templates

    def group_metrics(self) -> dict[str, Metrics]:
        return {name: tally_metrics(t) for name, t in self.groups}

    def metrics(self) -> Metrics:
        """Every metric under its flat name ``<group>.<metric>``."""
        return {f"{g}.{m}": v for g, ms in self.group_metrics().items() for m, v in ms.items()}


def aggregate(scores: tuple[FileScore, ...]) -> BenchResult:
    formats: dict[str, list[Tally]] = {}
    converters: dict[str, list[Tally]] = {}
    templates: dict[str, list[Tally]] = {}
    producers: dict[str, list[Tally]] = {}
    for s in scores:
        formats.setdefault(s.format, []).append(s.total)
        if s.producer:
            producers.setdefault(s.producer, []).append(s.total)
        if s.converter is not None:
            converters.setdefault(s.converter, []).append(s.total)
        for version, t in s.by_template:
            templates.setdefault(version, []).append(t)
    groups = [("overall", total([s.total for s in scores]))]
    groups += [(f"format.{f}", total(ts)) for f, ts in sorted(formats.items())]
    groups += [(f"converter.{c}", total(ts)) for c, ts in sorted(converters.items())]
    groups += [(f"template.{v}", total(ts)) for v, ts in sorted(templates.items())]
    groups += [(f"producer.{p}", total(ts)) for p, ts in sorted(producers.items())]
    return BenchResult(scores, tuple(groups))


def ratio(part: int, whole: int) -> float:
    return 1.0 if whole == 0 else part / whole


def tally_metrics(t: Tally) -> Metrics:
    """The metrics of one group. Report-level metrics only where the group counts reports."""
    out: Metrics = {}
    if t.reports:
        out |= {
            "reports": t.reports,
            "failed": t.failed,
            "seconds_per_report": t.seconds / t.reports,
            "year_accuracy": ratio(t.year_right, t.reports),
            "agency_accuracy": ratio(t.agency_right, t.reports),
            "unplaced_rows_expected": t.unplaced_expected,
            "unplaced_rows_found": t.unplaced_found,
            "unplaced_rows_accuracy": ratio(t.unplaced_right, t.reports),
        }
    emitted = t.cells_right + t.cells_wrong + t.cells_extra
    out |= {
        "tables": t.templates_checked,
        "template_accuracy": ratio(t.templates_right, t.templates_checked),
        "cells_expected": t.cells_expected,
        "cells_right": t.cells_right,
        "cells_wrong": t.cells_wrong,
        "cells_missed": t.cells_missed,
        "cells_extra": t.cells_extra,
        "cell_accuracy": ratio(t.cells_right, t.cells_expected),
        "cells_nonzero_expected": t.cells_nonzero_expected,
        "cells_nonzero_right": t.cells_nonzero_right,
        "nonzero_cell_accuracy": ratio(t.cells_nonzero_right, t.cells_nonzero_expected),
        "cells_undetermined": t.cells_undetermined,
        "determined_accuracy": ratio(t.cells_right, t.cells_expected - t.cells_undetermined),
        "nonzero_determined_accuracy": ratio(t.cells_nonzero_right,
                                             t.cells_nonzero_expected - t.cells_nonzero_undetermined),
        "cells_wrong_unflagged": t.cells_wrong_unflagged,
        "cells_extra_unflagged": t.cells_extra_unflagged,
        "cells_unflagged": t.cells_wrong_unflagged + t.cells_extra_unflagged,
        "wrong_flagged_rate": ratio(t.cells_wrong - t.cells_wrong_unflagged, t.cells_wrong),
        "cell_precision": ratio(t.cells_right, emitted),
        "cells_lost": t.cells_lost,
        "cells_lost_emitted": t.cells_lost_emitted,
        "tables_lost": t.tables_lost,
        "tables_lost_flagged": t.tables_lost_flagged,
        "lost_flagged_rate": ratio(t.tables_lost_flagged, t.tables_lost),
        "lost_clean_rate": ratio(t.cells_lost - t.cells_lost_emitted, t.cells_lost),
        "findings_expected": t.findings_expected,
        "findings_emitted": t.findings_emitted,
        "findings_matched": t.findings_matched,
        "findings_precision": ratio(t.findings_matched, t.findings_emitted),
        "findings_recall": ratio(t.findings_matched, t.findings_expected),
    }
    return out
