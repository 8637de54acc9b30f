"""Speed of the PDF path: ``ogi.read`` (full pipeline) against plain pdfplumber.

The baseline is what a first attempt would do: open the PDF with pdfplumber and call
``page.extract_tables()`` on every page (tables only: no paragraphs, no spans, no
labels, no values). ogi reads every page's text with pypdfium2, runs pdfplumber only
on the pages that hold the statistical tables, and then normalizes the tables into
canonical cells with identity checks.

Both run over the same PDFs (every ``*.pdf`` under ``samples/``) in one process on the
same machine, after one untimed warm-up run of each (imports, font caches). Each file
is timed ``--repeat`` times alternating the two methods; the fastest time per file and
method counts. Usage::

    .venv/bin/python benchmarks/bench_pdf.py --json /tmp/bench_pdf.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from ogi.api import read  # noqa: E402
from ogi.schemas import OgiError  # noqa: E402


def baseline(path: Path) -> int:
    """pdfplumber ``extract_tables()`` on every page; returns the number of tables found."""
    found = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            found += len(page.extract_tables())
            page.close()
    return found


def ogi_extract(path: Path) -> int:
    """The full ogi pipeline; returns the number of canonical cells (-1 if the file is unreadable)."""
    try:
        return len(read(path).cells)
    except OgiError:
        return -1


def timed(func: Callable[[Path], int], path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = func(path)
    return time.perf_counter() - start, result


@dataclass(frozen=True)
class FileTiming:
    file: str
    ogi_seconds: float
    baseline_seconds: float
    ogi_cells: int  # canonical cells ogi emitted (-1: unreadable)
    baseline_tables: int  # tables pdfplumber found


def time_file(path: Path, repeat: int) -> FileTiming:
    ogi_times, base_times = [], []
    cells = tables = 0
    for _ in range(repeat):
        t, cells = timed(ogi_extract, path)
        ogi_times.append(t)
        t, tables = timed(baseline, path)
        base_times.append(t)
    name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    return FileTiming(name, min(ogi_times), min(base_times), cells, tables)


def run(paths: list[Path], repeat: int) -> dict[str, Any]:
    if paths:  # warm-up: imports, pdfium/pdfminer caches
        baseline(paths[0])
        ogi_extract(paths[0])
    files = [time_file(path, repeat) for path in paths]
    ogi_total = sum(f.ogi_seconds for f in files)
    base_total = sum(f.baseline_seconds for f in files)
    return {
        "files": [asdict(f) for f in files],
        "n_files": len(files),
        "repeat": repeat,
        "ogi_seconds": ogi_total,
        "baseline_seconds": base_total,
        "ratio_ogi_to_baseline": ogi_total / base_total if base_total else None,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples", help="folder searched for *.pdf")
    parser.add_argument("--repeat", type=int, default=3, help="timings per file and method (fastest counts)")
    args = parser.parse_args()
    paths = sorted(args.samples.rglob("*.pdf"))
    if not paths:
        parser.error(f"no PDF under {args.samples}")
    result = run(paths, max(1, args.repeat))
    for f in result["files"]:
        print(f"{f['file']}: ogi {f['ogi_seconds']:.3f}s ({f['ogi_cells']} cells)  "
              f"baseline {f['baseline_seconds']:.3f}s ({f['baseline_tables']} tables)")
    print(f"{result['n_files']} PDFs  ogi total {result['ogi_seconds']:.3f}s  "
          f"baseline total {result['baseline_seconds']:.3f}s  ratio ogi/baseline {result['ratio_ogi_to_baseline']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
