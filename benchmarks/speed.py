"""The speed table of issue 15 in one run: every row, today's figure beside the target and the measured
value, pass or fail.

    .venv/bin/python benchmarks/speed.py                         # this tree
    .venv/bin/python benchmarks/speed.py --before /tmp/f15-base  # and a baseline tree with its .venv, side by side
    .venv/bin/python benchmarks/speed.py --quick                 # a smoke run (small counts, one repetition)

CPU seconds are those of the measured process and its children (``resource.getrusage(RUSAGE_CHILDREN)``
taken in a fresh wrapper process per run, so peak RSS is per run too); medians of 3 runs. The PDF rows
come from ``benchmarks/speed_pdf.py`` (``measure(files)``) and the per-format rows from
``benchmarks/speed_formats.py`` (``measure()``) when those modules exist; otherwise they print "not
measured here".

Dataset build: the non-PDF reports of ``samples/generated`` are converted once by the measured tree;
the corpus of N reports is N copies of them made new content by byte changes (as
``bench_convert.py`` does), whose journal results are the original's (the same rows under a new
``report_id``), so a re-run of ``ogi convert`` converts nothing and times discovery, hashing and the
consolidation alone. With ``--before`` both trees build the 1,000-report dataset and the outputs are
compared: Parquet contents (schema metadata included), every DuckDB table, every CSV byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
TEXT_SAMPLE = ROOT / "samples" / "real" / "r07_pingtan_2019.txt"
UNIQUE = ROOT / "samples" / "generated"
QUICK_UNIQUE = ROOT / "samples" / "real"
SUFFIXES = {".docx", ".html", ".txt", ".md"}
RUNNER = """
import json, resource, subprocess, sys, time
started = time.monotonic()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - started
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "cpu": use.ru_utime + use.ru_stime, "rss_mb": use.ru_maxrss / 1024,
                  "wall": wall, "stderr": proc.stderr.decode(errors="replace")[-2000:]}))
"""


@dataclass(frozen=True)
class Tree:
    """A source tree with its own ``.venv``: the one measured, or the baseline."""

    name: str
    root: Path

    def ogi(self, *args: str) -> list[str]:
        """The tree's own ``ogi`` entry point (``python -c`` would import ``ogi`` from the current folder)."""
        return [str(self.root / ".venv" / "bin" / "ogi"), *args]


@dataclass(frozen=True)
class Run:
    cpu: float
    rss_mb: float
    wall: float


def measure_once(cmd: list[str], before: Callable[[], None] | None = None) -> Run:
    """CPU seconds and peak RSS of ``cmd`` and its children (in a fresh wrapper), and its wall time."""
    if before is not None:
        before()
    probe = json.loads(subprocess.run([sys.executable, "-c", RUNNER, *cmd], capture_output=True, text=True,
                                      check=True).stdout)
    if probe["code"] not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {probe['code']}: {probe['stderr']}")
    return Run(probe["cpu"], probe["rss_mb"], probe["wall"])


def median_run(cmd: list[str], repeat: int, before: Callable[[], None] | None = None) -> Run:
    runs = [measure_once(cmd, before) for _ in range(repeat)]
    return Run(statistics.median(r.cpu for r in runs), max(r.rss_mb for r in runs),
               statistics.median(r.wall for r in runs))


# --- the dataset corpus ------------------------------------------------------------------------------

def _variant(data: bytes, suffix: str, i: int) -> bytes:
    tag = f"variant {i}".encode()
    if suffix == ".docx" and data[-22:-18] == b"PK\x05\x06" and data[-2:] == b"\0\0":
        return data[:-2] + len(tag).to_bytes(2, "little") + tag   # the zip comment
    return data + b"\n" * (i + 1)


def unique_reports(folder: Path, limit: int | None) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    return found[:limit] if limit else found


def write_corpus(unique: list[Path], folder: Path, count: int) -> dict[str, str]:
    """``count`` files in ``folder``: the unique reports, then byte variants; returns sha256 → original's."""
    folder.mkdir(parents=True, exist_ok=True)
    origin: dict[str, str] = {}
    for i in range(count):
        src = unique[i % len(unique)]
        data = src.read_bytes() if i < len(unique) else _variant(src.read_bytes(), src.suffix, i)
        (folder / f"{i:05d}_{src.name}").write_bytes(data)
        origin[hashlib.sha256(data).hexdigest()] = hashlib.sha256(src.read_bytes()).hexdigest()
    return origin


def seed_journal(out: Path, origin: dict[str, str]) -> None:
    """Give every variant the journal result of its original (same fingerprint, status and payload)."""
    db = sqlite3.connect(out / ".work" / "journal.sqlite")
    with db:
        rows = db.execute("SELECT sha256, fingerprint, status, error_type, message, payload, seconds FROM results")
        results = {r[0]: r for r in rows.fetchall()}
        db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?)",
                       [(sha, *results[src][1:]) for sha, src in origin.items() if src in results])
    db.close()


def prepare_dataset(tree: Tree, unique: list[Path], work: Path, count: int) -> tuple[Path, Path]:
    """Input folder (shared by the trees, so sources are the same) and ``tree``'s output folder of ``count``
    reports, whose journal is complete for ``tree``."""
    inputs = work / f"in-{count}"
    origin = write_corpus(unique, inputs, count)
    seeds = work / "unique"
    if not seeds.exists():
        seeds.mkdir()
        for p in unique:
            shutil.copy(p, seeds / p.name)
    seeded = work / f"seed-{tree.name}"
    if not seeded.exists():
        subprocess.run(tree.ogi("convert", str(seeds), "--out", str(seeded), "--no-progress"),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = work / f"out-{tree.name}-{count}"
    shutil.rmtree(out, ignore_errors=True)
    (out / ".work").mkdir(parents=True)
    shutil.copy(seeded / ".work" / "journal.sqlite", out / ".work" / "journal.sqlite")
    seed_journal(out, origin)
    return inputs, out


# --- rows ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    workload: str
    today: str
    target: str
    unit: str
    check: Callable[[dict[str, float]], bool] | None   # on this tree's figures
    key: str


def my_rows(counts: tuple[int, int]) -> list[Row]:
    small, large = counts
    return [
        Row("`ogi --help`", "0.43 s CPU, 58 MB", "≤ 0.15 s", "s CPU", lambda m: m["help_cpu"] <= 0.15, "help_cpu"),
        Row("`ogi --help` peak RSS", "58 MB", "—", "MB", None, "help_rss"),
        Row("`ogi convert` of one text file", "1.46 s CPU (1.3 s fixed)", "≤ 0.5 s", "s CPU",
            lambda m: m["convert1_cpu"] <= 0.5, "convert1_cpu"),
        Row(f"dataset build at {small:,} reports", "—", "—", "s wall", None, f"build{small}_wall"),
        Row(f"dataset build at {small:,} reports, CPU", "—", "—", "s CPU", None, f"build{small}_cpu"),
        Row(f"dataset build at {small:,} reports, peak RSS", "—", "flat", "MB", None, f"build{small}_rss"),
        Row(f"dataset build at {large:,} reports", "21 s, one thread", "≤ 8 s", "s wall",
            lambda m: m[f"build{large}_wall"] <= 8.0, f"build{large}_wall"),
        Row(f"dataset build at {large:,} reports, CPU", "—", "—", "s CPU", None, f"build{large}_cpu"),
        Row(f"dataset build at {large:,} reports, peak RSS", "—", f"flat from {small:,} (≤ 1.2×)", "MB",
            lambda m: m[f"build{large}_rss"] <= 1.2 * m[f"build{small}_rss"], f"build{large}_rss"),
    ]


def measure_tree(tree: Tree, work: Path, unique: list[Path], counts: tuple[int, int], repeat: int,
                 log: Callable[[str], None]) -> dict[str, float]:
    m: dict[str, float] = {}
    log(f"{tree.name}: ogi --help")
    r = median_run(tree.ogi("--help"), repeat)
    m["help_cpu"], m["help_rss"] = r.cpu, r.rss_mb
    log(f"{tree.name}: ogi convert of one text file")
    one = work / "one-text"
    if not one.exists():
        one.mkdir()
        shutil.copy(TEXT_SAMPLE, one / TEXT_SAMPLE.name)
    out1 = work / f"out-one-{tree.name}"
    r = median_run(tree.ogi("convert", str(one), "--out", str(out1), "--no-progress"), repeat,
                   lambda: shutil.rmtree(out1, ignore_errors=True))
    m["convert1_cpu"], m["convert1_rss"] = r.cpu, r.rss_mb
    for count in counts:
        log(f"{tree.name}: dataset build at {count} reports")
        inputs, out = prepare_dataset(tree, unique, work, count)
        measure_once(tree.ogi("convert", str(inputs), "--out", str(out), "--no-progress"))   # hashes the inputs
        r = median_run(tree.ogi("convert", str(inputs), "--out", str(out), "--no-progress"), repeat)
        m[f"build{count}_wall"], m[f"build{count}_cpu"], m[f"build{count}_rss"] = r.wall, r.cpu, r.rss_mb
    return m


# --- the other helpers' rows --------------------------------------------------------------------------

def _load(name: str) -> Any:
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def foreign_rows(quick: bool, pdfs: list[Path]) -> list[tuple[str, Any]]:
    """(module, its measure() result or a reason) for speed_pdf and speed_formats."""
    found: list[tuple[str, Any]] = []
    for name, call in (("speed_pdf", lambda mod: mod.measure(pdfs)), ("speed_formats", lambda mod: mod.measure())):
        module = _load(name)
        if module is None:
            found.append((name, "not measured here (benchmarks/" + name + ".py is not in this tree)"))
        elif quick:
            found.append((name, "not measured in --quick"))
        else:
            found.append((name, call(module)))
    return found


# --- output -------------------------------------------------------------------------------------------

def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}" if value < 10 else f"{value:.1f}"


def print_table(rows: list[Row], mine: dict[str, float], before: dict[str, float] | None,
                foreign: list[tuple[str, Any]]) -> None:
    head = ["workload", "issue today", "target"] + (["before"] if before is not None else []) + ["now", "unit", ""]
    lines = [head]
    for _, result in foreign:
        if isinstance(result, dict):
            for key, value in result.items():
                if isinstance(value, dict):  # speed_pdf's rows give "ratio", speed_formats' "value"; both "met"
                    verdict = {True: "pass", False: "FAIL"}.get(value.get("met"), "")
                    measured = value.get("value", value.get("ratio", ""))
                    lines.append([str(value.get("label", key)), str(value.get("today", "")),
                                  str(value.get("target", ""))]
                                 + ([str(value.get("before", ""))] if before is not None else [])
                                 + [str(measured), str(value.get("unit", "ratio" if "ratio" in value else "")),
                                    verdict])
                else:
                    lines.append([str(key), "", ""] + ([""] if before is not None else []) + [str(value), "", ""])
    for row in rows:
        verdict = "" if row.check is None else "pass" if row.check(mine) else "FAIL"
        lines.append([row.workload, row.today, row.target]
                     + ([_fmt(before.get(row.key))] if before is not None else [])
                     + [_fmt(mine.get(row.key)), row.unit, verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for i, line in enumerate(lines):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for name, result in foreign:
        if not isinstance(result, dict):
            print(f"{name}: {result}")


def compare_datasets(a: Path, b: Path) -> list[str]:
    """Differences between two datasets (empty: identical)."""
    import duckdb
    import pyarrow.parquet as pq

    problems: list[str] = []
    for pattern in ("*.csv", "*.parquet"):
        fa = sorted(p.relative_to(a) for p in a.rglob(pattern) if ".work" not in p.parts)
        fb = sorted(p.relative_to(b) for p in b.rglob(pattern) if ".work" not in p.parts)
        if fa != fb:
            problems.append(f"{pattern}: different files {sorted(set(map(str, fa)) ^ set(map(str, fb)))[:5]}")
        for f in sorted(set(fa) & set(fb)):
            if pattern == "*.csv" and (a / f).read_bytes() != (b / f).read_bytes():
                problems.append(f"{f}: bytes differ")
            if pattern == "*.parquet" and not pq.read_table(a / f).equals(pq.read_table(b / f), check_metadata=True):
                problems.append(f"{f}: contents differ")
    ca = duckdb.connect(str(a / "ogi.duckdb"), read_only=True)
    cb = duckdb.connect(str(b / "ogi.duckdb"), read_only=True)
    listing = "SELECT table_name, table_type FROM information_schema.tables ORDER BY 1"
    tables = ca.execute(listing).fetchall()
    if tables != cb.execute(listing).fetchall():
        problems.append("DuckDB: different tables")
    for t, kind in tables:
        if t == "dataset_meta":
            continue   # holds the code fingerprint, which differs by construction
        q = f'SELECT * FROM "{t}"'
        ra, rb = ca.execute(q).fetchall(), cb.execute(q).fetchall()
        if kind == "VIEW":   # a view without ORDER BY (measures) has no defined row order
            ra, rb = sorted(ra, key=repr), sorted(rb, key=repr)
        if ra != rb:
            problems.append(f"DuckDB {t}: rows differ")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, help="a baseline source tree with its own .venv (a worktree at 744f6a3)")
    ap.add_argument("--quick", action="store_true", help="small counts, one repetition, no PDF/format rows")
    ap.add_argument("--work", type=Path, help="work folder (default: a temporary one, removed)")
    ap.add_argument("--pdfs", type=Path, action="append",
                    help="folder of PDFs for speed_pdf.measure (repeatable; default samples/)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    counts = (10, 30) if args.quick else (1000, 5000)
    repeat = 1 if args.quick else 3
    unique = unique_reports(QUICK_UNIQUE if args.quick else UNIQUE, 4 if args.quick else None)
    work = args.work or Path(tempfile.mkdtemp(prefix="ogi-speed-"))
    work.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"speed: {message}", file=sys.stderr, flush=True)

    try:
        trees = [Tree("now", ROOT)] + ([Tree("before", args.before.resolve())] if args.before else [])
        figures = {t.name: measure_tree(t, work, unique, counts, repeat, log) for t in trees}
        problems = None
        if args.before:
            problems = compare_datasets(work / f"out-now-{counts[0]}", work / f"out-before-{counts[0]}")
        foreign = foreign_rows(args.quick, sorted(p for d in args.pdfs or [ROOT / "samples"] for p in d.rglob("*.pdf")))
        print_table(my_rows(counts), figures["now"], figures.get("before"), foreign)
        if problems is not None:
            print(f"\ndatasets at {counts[0]:,} reports, before vs now: "
                  + ("identical (Parquet contents, DuckDB tables, CSV bytes)" if not problems else
                     "DIFFERENT:\n  " + "\n  ".join(problems)))
        if args.json:
            args.json.write_text(json.dumps({"figures": figures, "dataset_differences": problems}, indent=2) + "\n")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
