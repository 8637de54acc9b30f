"""The end-of-run summary on stderr: counts by status, speed, output paths."""

from __future__ import annotations

import sys

from ogi.convert.run import RunSummary


def summary_lines(s: RunSummary) -> list[str]:
    d = s.dataset
    counts = ", ".join(f"{k} {v}" for k, v in d.by_status.items())
    return [
        f"{d.n_inputs} input files: {counts}",
        f"converted {s.converted} documents in {s.convert_seconds:.1f} s ({s.rate:.1f} reports/s); "
        f"{s.reused} already in the journal; total {s.seconds:.1f} s",
        "rows: " + ", ".join(f"{k} {v}" for k, v in d.rows.items()),
        f"dataset: {d.out} (Parquet: reports/ cells/ sections/ findings/; {d.paths['ogi.duckdb']}; "
        f"{d.paths['csv']}/; {d.paths['_meta.json']})",
    ]


def print_summary(s: RunSummary) -> None:
    for line in summary_lines(s):
        print(f"ogi convert: {line}", file=sys.stderr)
