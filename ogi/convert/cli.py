"""``ogi convert`` and ``ogi load``: thin commands over :mod:`ogi.convert`."""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.convert.settings import ConvertSettings
from ogi.edge import check_inputs_exist, check_out_dir, fail
from ogi.limits import Limits
from ogi.names import one_line

DEFAULT_LIMITS = Limits.from_env()

CONVERT_HELP = """Convert report files, folders and zip archives into a dataset in DIR.

{layout}

A re-run converts only new and changed files; an interrupted run is completed by running it again.

Exit code: 0 when every file is ok or partial, 1 when any file failed, 2 on a usage error (an INPUT that
does not exist, an --out that is a file or cannot be written, an unreachable --dask scheduler).

Examples:

  ogi convert reports/ --out dataset

  ogi convert archive-2023.zip extra/ --out dataset --manifest manifest.csv --workers 8

  ogi convert reports/ --out dataset --timeout 120 --max-memory 1500 --bom

  ogi convert /shared/reports --out /shared/dataset --dask tcp://scheduler:8786
""".format(layout=(
    "DIR gets Parquet tables reports/, cells/, sections/, findings/ (a folder per year, unknown/ for NULL), "
    "catalogue/ and comparable/, the DuckDB database ogi.duckdb (with the views report_wide and measures), "
    "csv/<agency>/*.csv, datapackage.json (every column typed and described; `ogi schema DIR` prints it) and "
    "_meta.json. Every input file gets a row in reports with status ok, partial or failed."))

LOAD_HELP = """Load a dataset made by `ogi convert` into PostgreSQL (idempotent).

{what}

Exit code: 0 when loaded, 2 when the database cannot be reached or the dataset is not one ogi loads.

Example:

  ogi load dataset --postgres postgresql://user@localhost:5432/ogi
""".format(what=(
    "Creates tables reports (one row per content, all its paths in sources), cells, sections, findings "
    "(foreign keys to reports), catalogue and comparable, with COMMENTs, if missing, and replaces the rows "
    "of every report in DIR in one transaction: loading the same DIR twice leaves the same rows."))


def _cannot_write(err: Exception) -> bool:
    """An error of writing the dataset: the system's, or DuckDB's (imported only by the dataset build)."""
    duckdb = sys.modules.get("duckdb")
    return isinstance(err, OSError) or (duckdb is not None and isinstance(err, duckdb.Error))


def convert_command(
    inputs: Annotated[list[Path], typer.Argument(
        metavar="INPUT", help="Report files, folders (walked recursively) or zip archives.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Dataset folder (created if missing).")],
    manifest: Annotated[Path | None, typer.Option(
        help="CSV with columns path, agency, region, year, url; its values override the documents'.",
        exists=True, dir_okay=False)] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (0 = one per core).", min=0)] = 0,
    timeout: Annotated[float, typer.Option(help="Time limit per document, seconds (default: OGI_TIME_LIMIT or 120).",
                                           min=0.001)] = DEFAULT_LIMITS.seconds,
    max_memory: Annotated[int, typer.Option(
        help="Memory limit per document (worker and its child processes), MB (default: OGI_MEMORY_LIMIT_MB or 2048).",
        min=1)] = DEFAULT_LIMITS.memory_mb,
    bom: Annotated[bool, typer.Option("--bom", help="Write CSV as UTF-8 with BOM (Excel on Windows).")] = False,
    dask: Annotated[str | None, typer.Option(help="Run on a Dask cluster: scheduler address.")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Convert failed files again.")] = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar (default: only on a terminal).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
) -> None:
    from ogi.convert.manifest import ManifestError
    from ogi.convert.run import RunLocked, run_convert
    from ogi.convert.summary import print_summary
    from ogi.convert.worker import WorkerStartError

    check_inputs_exist("convert", inputs)
    check_out_dir("convert", "--out", out)
    settings = ConvertSettings(out=out, workers=workers, timeout=timeout, max_memory_mb=max_memory,
                               manifest=manifest, bom=bom, dask=dask, retry_failed=retry_failed,
                               progress=progress)
    usage_errors: tuple[type[Exception], ...] = (ManifestError, WorkerStartError, RunLocked)
    try:
        if dask is not None:  # ogi.convert.distributed only for a Dask run
            from ogi.convert.distributed import SchedulerUnreachable, check_scheduler

            usage_errors += (SchedulerUnreachable,)
            check_scheduler(dask)
        summary = run_convert(inputs, settings)
    except usage_errors as err:
        if verbose:
            raise
        fail("convert", str(err))
    except Exception as err:   # disk full, read-only or vanished output folder
        if verbose or not _cannot_write(err):
            raise
        full = (isinstance(err, OSError) and err.errno == errno.ENOSPC) or "No space left" in str(err)
        what = "disk full" if full else f"cannot write the dataset ({type(err).__name__}: {err})"
        fail("convert", one_line(f"{what} in {out}; the previous dataset, if any, is intact and a re-run "
                                 "resumes from the journal"))
    print_summary(summary)
    raise typer.Exit(1 if summary.any_failed else 0)


def load_command(
    dataset: Annotated[Path, typer.Argument(
        metavar="DIR", help="Dataset folder made by `ogi convert`.", exists=True, file_okay=False)],
    postgres: Annotated[str, typer.Option(help="PostgreSQL connection URL.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
) -> None:
    import psycopg

    from ogi.convert.postgres import LoadError, load_dataset

    try:
        counts = load_dataset(dataset, postgres)
    except (LoadError, psycopg.Error, OSError) as err:
        if verbose:
            raise
        fail("load", f"--postgres: {err}" if isinstance(err, psycopg.Error) else str(err))
    for table, n in counts.items():
        print(f"ogi load: {table}: {n} rows", file=sys.stderr)


def schema_command(
    dataset: Annotated[Path | None, typer.Argument(
        metavar="[DIR]", help="A dataset folder: print its datapackage.json (default: the layout).")] = None,
) -> None:
    """Print the dataset's Frictionless data package (datapackage.json): every table and column with its
    type, Chinese title and description.

    Examples:

      ogi schema                 # the layout; CSV paths as csv/<agency>/<table>.csv

      ogi schema dataset         # dataset/datapackage.json, listing its files
    """
    import json

    from ogi.convert.describe import datapackage
    from ogi.tabular import ALL_TABLES, REFERENCE_TABLES

    if dataset is None:
        paths = {t: [f"csv/{t}.csv" if t in REFERENCE_TABLES else f"csv/<agency>/{t}.csv"] for t in ALL_TABLES}
        text = json.dumps(datapackage(paths), ensure_ascii=False, indent=2) + "\n"
    else:
        try:
            text = (dataset / "datapackage.json").read_text(encoding="utf-8")
        except OSError as err:
            print(f"ogi schema: {dataset}: no datapackage.json ({err.strerror}); is this a folder made by "
                  "`ogi convert`?", file=sys.stderr)
            raise typer.Exit(2) from None
    sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("convert", help=CONVERT_HELP)(convert_command)
    app.command("load", help=LOAD_HELP)(load_command)
    app.command("schema")(schema_command)
