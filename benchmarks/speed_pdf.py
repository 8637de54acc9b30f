"""The PDF rows of the issue-15 speed table, as ratios of CPU seconds measured in one run.

- ``pdfplumber_over_convert``: naive pdfplumber (``extract_tables()`` on every page, in this
  process) ÷ ``ogi convert`` of the same files (one worker, a subprocess: its start-up, the
  normalize stage and the dataset writing included). Target ≥ 5.
- ``extract_over_floor``: ``ogi.extract.read_document`` on every file ÷ the floor, pypdfium2's text
  pass (load each page, build its text page, read its text). Target ≤ 2.5.

Each of ``rounds`` rounds times every method once over all files, the methods in turn (so a
drift of the machine's speed hits both); the ratio is taken per round and the median quoted,
after one untimed warm-up of each method. ``measure(files)`` returns the rows (another command
prints the whole table); run alone it prints them::

    .venv/bin/python benchmarks/speed_pdf.py                      # every PDF under samples/
    .venv/bin/python benchmarks/speed_pdf.py --also /tmp/matrix   # plus a producer matrix's PDFs
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONVERT = [sys.executable, "-c", "from ogi.cli import main; main()", "convert", "--workers", "1"]
TARGETS = {"pdfplumber_over_convert": (">=", 5.0), "extract_over_floor": ("<=", 2.5)}


def pdfplumber_tables(files: Sequence[Path]) -> float:
    """CPU seconds of naive pdfplumber: ``extract_tables()`` on every page of every file."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings of hand-written PDFs, per page
    start = time.process_time()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
    return time.process_time() - start


def pdfium_floor(files: Sequence[Path]) -> float:
    """CPU seconds of the pypdfium2 text pass of every page (what any PDF reading costs at least)."""
    import pypdfium2 as pdfium

    start = time.process_time()
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
        finally:
            pdf.close()
    return time.process_time() - start


def ogi_extract(files: Sequence[Path]) -> float:
    """CPU seconds of ``ogi.extract.read_document`` (the PDF reader: Document with tables and text)."""
    from ogi.extract import read_document

    start = time.process_time()
    for path in files:
        read_document(path)
    return time.process_time() - start


def ogi_convert(files: Sequence[Path]) -> float:
    """CPU seconds (its own and its children's) of one ``ogi convert --workers 1`` of every file."""
    with tempfile.TemporaryDirectory(prefix="ogi-speed-pdf-") as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([*CONVERT, *map(str, files), "--out", str(Path(tmp) / "dataset")], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _ratio_rows(files: Sequence[Path], rounds: int,
                pairs: dict[str, tuple[Callable[[Sequence[Path]], float], Callable[[Sequence[Path]], float]]]
                ) -> dict[str, dict[str, Any]]:
    methods = {m for pair in pairs.values() for m in pair}
    for method in methods:  # warm-up: imports, font and page caches
        method(files[:1])
    seconds: dict[Callable[[Sequence[Path]], float], list[float]] = {m: [] for m in methods}
    for _ in range(rounds):
        for method in sorted(methods, key=lambda m: m.__name__):
            seconds[method].append(method(files))
    rows = {}
    for name, (top, bottom) in pairs.items():
        ratios = [a / b for a, b in zip(seconds[top], seconds[bottom], strict=True) if b > 0]
        op, target = TARGETS[name]
        value = statistics.median(ratios)
        rows[name] = {
            "ratio": round(value, 3), "target": f"{op} {target:g}",
            "met": value >= target if op == ">=" else value <= target,
            "ratios": [round(r, 3) for r in ratios],
            top.__name__ + "_cpu_s": round(statistics.median(seconds[top]), 3),
            bottom.__name__ + "_cpu_s": round(statistics.median(seconds[bottom]), 3),
        }
    return rows


def measure(files: Sequence[Path], rounds: int = 3) -> dict[str, Any]:
    """The two PDF rows of the issue-15 table on ``files`` (PDFs), today's figures with their targets."""
    files = [Path(f) for f in files]
    if not files:
        raise ValueError("no PDF to measure")
    rows = _ratio_rows(files, rounds, {
        "pdfplumber_over_convert": (pdfplumber_tables, ogi_convert),
        "extract_over_floor": (ogi_extract, pdfium_floor),
    })
    pages = _pages(files)
    return {"files": len(files), "pages": pages, "rounds": rounds, **rows}


def _pages(files: Sequence[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples", help="folder searched for *.pdf")
    parser.add_argument("--also", type=Path, action="append", default=[], help="more folders of PDFs (repeatable)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the rows here")
    args = parser.parse_args()
    files = sorted(args.samples.rglob("*.pdf")) + [p for d in args.also for p in sorted(d.rglob("*.pdf"))]
    result = measure(files, max(1, args.rounds))
    print(f"{result['files']} PDFs, {result['pages']} pages, median of {result['rounds']} rounds (CPU seconds)")
    for name in TARGETS:
        row = result[name]
        seconds = "  ".join(f"{k[:-6]} {v:.2f}s" for k, v in row.items() if k.endswith("_cpu_s"))
        print(f"{name:<26} {row['ratio']:>7.3f}  target {row['target']:<6} {'met' if row['met'] else 'NOT met':<8}"
              f"{seconds}  rounds {row['ratios']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
