"""Benchmark output: the compact summary table (rich on a terminal, plain text otherwise), the
``--details`` listing, the floor results and the JSON document."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from ogi.bench.compare import FileScore, Problem
from ogi.bench.floor import FloorCheck
from ogi.bench.metrics import BenchResult, Metrics, tally_metrics

HEADER = (
    "group",
    "n",
    "failed",
    "cells",
    "accuracy",
    "non-zero",
    "undet.",
    "determined",
    "wrong",
    "unflagged",
    "missed",
    "extra",
    "lost",
    "lost flagged",
    "precision",
    "find P",
    "find R",
    "unplaced",
    "year",
    "agency",
    "template",
    "s/report",
)


def _ratio(m: Metrics, name: str) -> str:
    return f"{m[name]:.4f}" if name in m else ""


def _int(m: Metrics, name: str) -> str:
    return str(m[name]) if name in m else ""


def summary_rows(result: BenchResult) -> list[tuple[str, ...]]:
    """One row of display strings per group; ``n`` is reports (or tables for a template group)."""
    rows: list[tuple[str, ...]] = []
    for group, m in result.group_metrics().items():
        reported = "reports" in m
        rows.append(
            (
                group,
                _int(m, "reports" if reported else "tables"),
                _int(m, "failed"),
                f"{m['cells_right']}/{m['cells_expected']}",
                _ratio(m, "cell_accuracy"),
                _ratio(m, "nonzero_cell_accuracy"),
                _int(m, "cells_undetermined"),
                _ratio(m, "determined_accuracy"),
                _int(m, "cells_wrong"),
                _int(m, "cells_unflagged"),
                _int(m, "cells_missed"),
                _int(m, "cells_extra"),
                _int(m, "cells_lost"),
                f"{m['tables_lost_flagged']}/{m['tables_lost']}",
                _ratio(m, "cell_precision"),
                _ratio(m, "findings_precision"),
                _ratio(m, "findings_recall"),
                f"{m['unplaced_rows_expected']}/{m['unplaced_rows_found']}" if reported else "",
                _ratio(m, "year_accuracy"),
                _ratio(m, "agency_accuracy"),
                _ratio(m, "template_accuracy"),
                f"{m['seconds_per_report']:.2f}" if reported else "",
            )
        )
    return rows


def print_summary(result: BenchResult, out: TextIO, rich: bool) -> None:
    rows = summary_rows(result)
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    if rich:
        _print_rich(rows, widths, out)
    else:
        for row in [HEADER, *rows]:
            cells = [row[0].ljust(widths[0])]
            cells += [v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True)]
            out.write("  ".join(cells).rstrip() + "\n")
    for score in result.scores:
        if score.error_type is not None:
            out.write(f"failed: {score.path}: {score.error_type}: {score.error}\n")


def _print_rich(rows: list[tuple[str, ...]], widths: list[int], out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ogi bench (unplaced = expected/found)", title_justify="left", box=box.SIMPLE_HEAD)
    for i, name in enumerate(HEADER):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console = Console(file=out)
    # Never squeeze the numbers into ellipses: a narrow terminal wraps the lines instead.
    console.width = max(console.width, sum(widths) + 3 * len(widths) + 2)
    console.print(table)


def _problem_line(p: Problem) -> str:
    """``kind key expected … got …``; a missed cell was not emitted, an extra one not expected."""
    if p.kind in ("finding_missed", "finding_extra"):
        return f"  {p.kind:<14} {p.key}"
    if p.kind == "lost_unflagged":
        return f"  {p.kind:<14} {p.key}: the converter lost this table, the report has no {p.expected} for it"
    want = "(absent)" if p.kind == "extra" else repr(p.expected)
    got = "(absent)" if p.kind == "missed" else repr(p.got)  # undetermined: the candidates
    raw = f"  raw {p.raw!r}" if p.kind in ("wrong", "extra") else ""
    raw += "  UNFLAGGED" if p.unflagged else ""
    return f"  {p.kind:<14} {p.key:<58} expected {want:<10} got {got}{raw}"


def print_details(result: BenchResult, out: TextIO) -> None:
    """Every wrong, missed and extra cell (and finding or metadata mismatch), file by file."""
    for score in result.scores:
        if not score.problems and score.error_type is None:
            continue
        m = tally_metrics(score.total)
        out.write(
            f"{score.path} [{score.format}] cells {m['cells_right']}/{m['cells_expected']} right, "
            f"{m['cells_wrong']} wrong, {m['cells_missed']} missed, {m['cells_extra']} extra"
            + (f", {m['cells_lost']} lost by the converter" if m["cells_lost"] else "") + "\n"
        )
        if score.error_type is not None:
            # Nothing was emitted: the error says it all, the missed cells would only repeat it.
            out.write(f"  error          {score.error_type}: {score.error}\n")
            continue
        for p in score.problems:
            out.write(_problem_line(p) + "\n")


def print_floor(checks: tuple[FloorCheck, ...], out: TextIO) -> None:
    failed = [c for c in checks if not c.ok]
    for c in failed:
        got = "not measured" if c.value is None else f"{c.value:.4f}"
        out.write(f"below floor: {c.name} = {got} < {c.floor}\n")
    out.write(f"floor: {len(checks) - len(failed)}/{len(checks)} metrics hold\n")


def print_rises(rises: tuple[tuple[str, float | None, float], ...], out: TextIO) -> None:
    for name, old, new in rises:
        out.write(f"floor rose: {name} {'(new)' if old is None else old} -> {new}\n")
    if not rises:
        out.write("floor: nothing rose\n")


def score_json(score: FileScore) -> dict[str, Any]:
    return {
        "path": score.path,
        "format": score.format,
        "converter": score.converter,
        "seconds": score.seconds,
        "error_type": score.error_type,
        "error": score.error,
        "metrics": tally_metrics(score.total),
        "templates": {v: tally_metrics(t) for v, t in score.by_template},
        "problems": [asdict(p) for p in score.problems],
    }


def result_json(result: BenchResult) -> str:
    doc = {
        "metrics": result.metrics(),
        "groups": result.group_metrics(),
        "files": [score_json(s) for s in result.scores],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
