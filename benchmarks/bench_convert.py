"""Benchmark of ``ogi convert``: reports/second with 1 worker and with all cores, and peak
memory (RSS of the main process and of the largest worker) for 100 and 1,000 reports.

    .venv/bin/python benchmarks/bench_convert.py                 # 100 and 1000 reports
    .venv/bin/python benchmarks/bench_convert.py --counts 100 --json out.json

Reports: ``python -m ogi.generate`` writes the DOCX, HTML, TXT and MD reports of ``count`` plans
(its PDFs need LibreOffice at about 4 s each, too slow for 1,000), and the real PDF sample, each
copy made new content by a trailing comment, fills the rest up to ``count`` (about the
generator's PDF share, 7 in 31). Without the generator, all real samples are copied that way.
Nothing is served from the journal: every copy is new content. Each run starts from an empty output folder. Prints a
table and writes JSON (default: bench_convert.json in the work folder).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "real"
SAMPLE_NAMES = ("000_ff3c35068f44430d.txt", "r05_sh_kewei_2024.md", "r07_pingtan_2019.txt",
                "r14_sh_szfbgt_2019.html", "r01_huaian_szf_2024.pdf", "blank_template_2021_format.docx")
CLI = [sys.executable, "-c", "from ogi.cli import main; main()", "convert"]


def _variant(data: bytes, suffix: str, i: int) -> bytes:
    tag = f"variant {i}".encode()
    if suffix == ".pdf":
        return data + b"\n%" + tag + b"\n"
    if suffix == ".docx" and data[-22:-18] == b"PK\x05\x06" and data[-2:] == b"\0\0":
        return data[:-2] + len(tag).to_bytes(2, "little") + tag   # the zip comment
    return data + b"\n" * (i + 1)


def sample_corpus(folder: Path, count: int) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    blobs = [(name, (SAMPLES / name).read_bytes()) for name in SAMPLE_NAMES]
    for i in range(count):
        name, data = blobs[i % len(blobs)]
        (folder / f"{i:05d}_{name}").write_bytes(_variant(data, Path(name).suffix, i))
    return "samples copied with byte changes (txt, md, html, pdf, docx)"


def make_corpus(folder: Path, count: int) -> str:
    if importlib.util.find_spec("ogi.generate.__main__") is None:
        return sample_corpus(folder, count)
    subprocess.run([sys.executable, "-m", "ogi.generate", "--out", str(folder), "--seed", "1", "--count", str(count),
                    "--formats", "docx,html,txt,md", "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    made = sum(1 for p in folder.iterdir() if p.suffix in {".docx", ".html", ".txt", ".md"})
    pdf = (SAMPLES / "r01_huaian_szf_2024.pdf").read_bytes()
    for i in range(count - made):
        (folder / f"pdf{i:05d}_r01_huaian_szf_2024.pdf").write_bytes(_variant(pdf, ".pdf", i))
    return f"python -m ogi.generate --seed 1 (docx, html, txt, md: {made}) + {count - made} copies of the real PDF"


def _sample_rss(proc: psutil.Process, peak: dict[str, int]) -> None:
    try:
        peak["main"] = max(peak["main"], proc.memory_info().rss)
        for child in proc.children(recursive=True):
            try:
                peak["worker"] = max(peak["worker"], child.memory_info().rss)
            except psutil.NoSuchProcess:
                continue
    except psutil.NoSuchProcess:
        return


def run_once(inputs: Path, out: Path, workers: int) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    popen = subprocess.Popen([*CLI, str(inputs), "--out", str(out), "--workers", str(workers), "--no-progress"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc = psutil.Process(popen.pid)
    peak = {"main": 0, "worker": 0}
    while popen.poll() is None:
        _sample_rss(proc, peak)
        time.sleep(0.05)
    wall = time.monotonic() - started
    meta = json.loads((out / "_meta.json").read_text(encoding="utf-8"))
    run = meta["run"]
    return {
        "workers": workers, "reports": meta["n_inputs"], "exit_code": popen.returncode,
        "by_status": meta["by_status"], "cells": meta["rows"]["cells"],
        "convert_seconds": run["convert_seconds"], "wall_seconds": round(wall, 2),
        "reports_per_second": round(run["converted"] / run["convert_seconds"], 2) if run["convert_seconds"] else 0,
        "reports_per_second_wall": round(meta["n_inputs"] / wall, 2),
        "peak_rss_main_mb": round(peak["main"] / 2**20, 1),
        "peak_rss_worker_mb": round(max(peak["worker"] / 2**20, run.get("peak_rss_worker_mb", 0)), 1),
        "load_average_before": round(load_before, 2),   # other work on the machine skews the numbers
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    head = f"{'reports':>8} {'workers':>7} {'reports/s':>10} {'wall s':>7} {'wall r/s':>9} " \
           f"{'main MB':>8} {'worker MB':>9} {'load':>5}  status"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['reports']:>8} {r['workers']:>7} {r['reports_per_second']:>10} {r['wall_seconds']:>7} "
              f"{r['reports_per_second_wall']:>9} {r['peak_rss_main_mb']:>8} {r['peak_rss_worker_mb']:>9} "
              f"{r['load_average_before']:>5}  "
              f"{r['by_status']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one, removed)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-convert-"))
    rows: list[dict[str, Any]] = []
    corpus: dict[int, str] = {}
    try:
        for count in args.counts:
            inputs = work / f"in-{count}"
            corpus[count] = make_corpus(inputs, count) if not inputs.exists() else f"reused {inputs}"
            for workers in dict.fromkeys(args.workers):
                rows.append(run_once(inputs, work / f"out-{count}-{workers}", workers))
                r = rows[-1]
                print(f"{count} reports, {workers} workers: {r['reports_per_second']} reports/s", file=sys.stderr)
        print()
        print_table(rows)
        result = {"corpus": corpus, "cpu_count": os.cpu_count(), "runs": rows}
        target = args.json or work / "bench_convert.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"\nJSON: {target}")
    finally:
        if args.work is None and args.json is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
