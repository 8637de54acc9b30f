"""Reports per second per core for text/markdown, HTML and DOCX, and LibreOffice files per minute, warm ÷ cold.

    .venv/bin/python benchmarks/speed_formats.py            # 800 generated plans, medians of 3
    .venv/bin/python benchmarks/speed_formats.py --quick    # 80 plans, one LibreOffice pass

Reports per second: ``python -m ogi.generate`` writes the DOCX, HTML, TXT and MD reports of the plans into a
temporary folder; each format is read in a new process (so no cache is warm from an earlier pass) by
``ogi.api.read_unlimited`` (extract + normalize, no limits child), after one read of a bundled sample of
the same format that loads the code; CPU seconds of that process over the whole set, median of 3 runs.

LibreOffice: DOC files made from generated DOCX reports are read once with one LibreOffice per file (as
``ogi extract`` does) and once through one warm instance (as an ``ogi convert`` worker does, its start
included), wall seconds; the row is the ratio of files per minute, warm ÷ one per file.

:func:`measure` returns the rows for ``benchmarks/speed.py``: ``{name: {"label", "value", "unit", "today",
"target", "met", "detail"}}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "samples" / "generated"
FULL_PLANS, QUICK_PLANS = 800, 80
FULL_DOCS, QUICK_DOCS = 8, 4
RUNS = 3
# name → (label, suffixes read, issue 15's figure today, target in reports per second)
FORMAT_ROWS: dict[str, tuple[str, tuple[str, ...], str, float]] = {
    "text_reports_per_s": ("text / markdown reports per second per core", (".txt", ".md"), "59", 150.0),
    "html_reports_per_s": ("HTML reports per second per core", (".html",), "42-48", 150.0),
    "docx_reports_per_s": ("DOCX reports per second per core", (".docx",), "22-28", 80.0),
}
OFFICE_TARGET = 3.0

# Run in a new interpreter: read every file once, print the CPU seconds of the reads.
_READ_ALL = """
import json, sys, time
from pathlib import Path
from ogi.api import read_unlimited
warm, files = sys.argv[1], [Path(p) for p in json.loads(sys.stdin.read())]
read_unlimited(warm)
started = time.process_time()
for path in files:
    read_unlimited(path)
print(time.process_time() - started)
"""


def make_corpus(folder: Path, plans: int) -> None:
    from ogi.generate.build import build_set

    build_set(folder, 1, plans, ("docx", "html", "txt", "md"))


def cpu_seconds(files: list[Path], warm_up: Path) -> float:
    done = subprocess.run([sys.executable, "-c", _READ_ALL, str(warm_up)], input=json.dumps([str(f) for f in files]),
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def format_rows(corpus: Path, runs: int) -> dict[str, dict[str, Any]]:
    rows = {}
    for name, (label, suffixes, today, target) in FORMAT_ROWS.items():
        files = sorted(p for p in corpus.iterdir() if p.suffix in suffixes)
        warm_up = next(p for p in sorted(GENERATED.iterdir()) if p.suffix == suffixes[0])
        seconds = statistics.median(cpu_seconds(files, warm_up) for _ in range(runs))
        rate = len(files) / seconds
        rows[name] = {"label": label, "value": round(rate, 1), "unit": "reports/s", "today": today,
                      "target": f">= {target:g}", "met": rate >= target,
                      "detail": f"{len(files)} reports in {seconds:.2f} CPU s, median of {runs}"}
    return rows


def office_row(n_docs: int, runs: int) -> dict[str, Any]:
    from ogi.extract import office, office_warm, read_document
    from ogi.generate.office import convert_many

    if office.find_soffice() is None:
        return {"label": "DOC/WPS files per minute, warm ÷ one LibreOffice per file", "value": None,
                "unit": "ratio", "today": "2.9 s per file", "target": f">= {OFFICE_TARGET:g}", "met": False,
                "detail": "LibreOffice is not installed"}
    with tempfile.TemporaryDirectory(prefix="ogi-speed-office-") as tmp:
        sources = sorted(GENERATED.glob("*.docx"))[:n_docs]
        docs = convert_many(sources, Path(tmp), "doc")

        def wall(warm: bool) -> tuple[float, float]:
            """Seconds for all files, and for all but the first (whose read starts the warm instance)."""
            office_warm.disable_warm()
            if warm:
                office_warm.enable_warm()
            started = time.monotonic()
            read_document(docs[0])
            first = time.monotonic()
            for doc in docs[1:]:
                read_document(doc)
            done = time.monotonic()
            office_warm.disable_warm()
            return done - started, done - first

        cold = statistics.median(wall(False)[0] for _ in range(runs))
        warm_runs = [wall(True) for _ in range(runs)]
        warm = statistics.median(w[0] for w in warm_runs)
        steady = statistics.median(w[1] for w in warm_runs) / (len(docs) - 1)
    ratio = cold / warm
    return {"label": "DOC/WPS files per minute, warm ÷ one LibreOffice per file", "value": round(ratio, 2),
            "unit": "ratio", "today": "2.9 s per file", "target": f">= {OFFICE_TARGET:g}",
            "met": ratio >= OFFICE_TARGET,
            "detail": f"{len(docs)} DOC files, wall, median of {runs}: {cold / len(docs):.2f} s each one per file, "
                      f"{warm / len(docs):.2f} s each warm with its start, {steady:.2f} s each once started"}


def measure(quick: bool = False, corpus: Path | None = None, office: bool = True) -> dict[str, dict[str, Any]]:
    """The rows text_reports_per_s, html_reports_per_s, docx_reports_per_s and (``office``)
    office_files_per_min_ratio."""
    runs = 1 if quick else RUNS
    with tempfile.TemporaryDirectory(prefix="ogi-speed-formats-") as tmp:
        folder = corpus or Path(tmp)
        if corpus is None:
            make_corpus(folder, QUICK_PLANS if quick else FULL_PLANS)
        rows = format_rows(folder, runs)
    if office:
        rows["office_files_per_min_ratio"] = office_row(QUICK_DOCS if quick else FULL_DOCS, runs)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="80 plans and one pass (a smoke run)")
    parser.add_argument("--corpus", type=Path, help="read this folder of generated reports instead of making one")
    parser.add_argument("--no-office", action="store_true", help="only the reports-per-second rows")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    rows = measure(args.quick, args.corpus, not args.no_office)
    print(f"{'row':<58} {'today':>14} {'now':>9} {'target':>9}  met")
    for row in rows.values():
        value = "-" if row["value"] is None else f"{row['value']:g}"
        print(f"{row['label']:<58} {row['today']:>14} {value:>9} {row['target']:>9}  {'yes' if row['met'] else 'NO'}")
        print(f"    {row['detail']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
