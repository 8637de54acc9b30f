"""Accuracy of the PDF reader per producer: the generated reports printed by every producer of the matrix.

Prints (and writes as JSON) per producer: reports, cells right / expected, and non-zero cells right /
expected (the cells whose published value is a number other than zero: a reader that drops a row
of blank zeros keeps most cells but loses these). Usage::

    .venv/bin/python benchmarks/bench_pdf_producers.py --out /tmp/matrix --count 4 --json /tmp/matrix.json
    .venv/bin/python benchmarks/bench_pdf_producers.py --out /tmp/matrix --reuse   # score an existing matrix
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi.bench.run import run_sample  # noqa: E402
from ogi.bench.samples import find_samples  # noqa: E402
from ogi.generate.pdf_producers import PRODUCERS, producer, write_matrix  # noqa: E402


def score_folder(folder: Path) -> dict[str, Any]:
    reports = cells = right = nonzero = nonzero_right = 0
    misses: list[str] = []
    for sample in find_samples([folder]):
        score = run_sample(sample)
        bad = {p.key for p in score.problems if p.kind in ("wrong", "missed")}
        reports += 1
        for key, value in sample.expected.cells:
            cells += 1
            right += key not in bad
            if value not in (None, 0):
                nonzero += 1
                nonzero_right += key not in bad
        misses += [f"{sample.report.name}:{p.kind}:{p.key}={p.expected}->{p.got}" for p in score.problems
                   if p.kind in ("wrong", "missed")][:5]
    return {"reports": reports, "cells": cells, "cells_right": right, "nonzero": nonzero,
            "nonzero_right": nonzero_right, "cell_accuracy": right / cells if cells else 1.0,
            "nonzero_accuracy": nonzero_right / nonzero if nonzero else 1.0, "examples": misses[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder of the matrix (one sub-folder a producer)")
    parser.add_argument("--count", type=int, default=4, help="reports per producer")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--producer", action="append", help="only these producers (repeatable)")
    parser.add_argument("--reuse", action="store_true", help="score the PDFs already in --out")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    prods = [producer(n) for n in args.producer] if args.producer else list(PRODUCERS)
    if not args.reuse:
        write_matrix(args.out, prods, args.seed, args.count)
    results = {p.name: score_folder(args.out / p.name) for p in prods}
    for name, r in results.items():
        print(f"{name:24s} {r['reports']} reports  cells {r['cells_right']}/{r['cells']} "
              f"({100 * r['cell_accuracy']:.2f}%)  non-zero {r['nonzero_right']}/{r['nonzero']} "
              f"({100 * r['nonzero_accuracy']:.2f}%)")
        for example in r["examples"]:
            print(f"    {example}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
