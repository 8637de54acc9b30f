"""``ogi bench``: the accuracy benchmark over samples with expected values, and its floor."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.bench.compare import FileScore
from ogi.bench.floor import check_floor, load_floor, raise_floor, write_floor
from ogi.bench.render import print_details, print_floor, print_rises, print_summary, result_json
from ogi.bench.run import run_benchmark
from ogi.bench.samples import BenchInputError

DEFAULT_PATHS = (Path("samples"),)
DEFAULT_FLOOR = Path("benchmarks/accuracy-floor.json")

EXIT_BELOW_FLOOR = 1
EXIT_BAD_INPUT = 2


def bench(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Folders (searched recursively) or files with X.ext.expected.json. [default: samples]"),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the metrics and per-file results as JSON here.")
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="List every wrong, missed and extra cell: expected vs got.")
    ] = False,
    floor: Annotated[Path, typer.Option("--floor", help="The floor file.")] = DEFAULT_FLOOR,
    check: Annotated[
        bool,
        typer.Option("--check-floor", help="Exit 1 when any metric in the floor file is below its floor."),
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update-floor", help="Raise floors to the current values (rounded down); never lowers."),
    ] = False,
) -> None:
    """Score ogi against hand-checked expected values, per format, template version and overall.

    Examples:

        ogi bench samples --details

        ogi bench samples/real --json bench.json

        ogi bench --check-floor          # what CI enforces

        ogi bench --update-floor         # after an improvement: the floor only rises
    """
    if check and update:
        raise typer.BadParameter("use --check-floor or --update-floor, not both")
    try:
        floor_values = load_floor(floor)
        if check and not floor.exists():
            raise BenchInputError(f"{floor}: no such floor file")
        result = run_benchmark(paths or DEFAULT_PATHS, on_done=_progress if sys.stderr.isatty() else None)
    except BenchInputError as err:
        typer.echo(f"ogi bench: {err}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_summary(result, sys.stdout, rich=sys.stdout.isatty())
    if details:
        print_details(result, sys.stdout)
    if json_out is not None:
        json_out.write_text(result_json(result), encoding="utf-8")
    if update:
        new_floor, rises = raise_floor(floor_values, result.metrics())
        write_floor(floor, new_floor)
        print_rises(rises, sys.stderr)
    if check:
        checks = check_floor(floor_values, result.metrics())
        print_floor(checks, sys.stderr)
        if not all(c.ok for c in checks):
            raise typer.Exit(EXIT_BELOW_FLOOR)


def _progress(score: FileScore) -> None:
    status = score.error_type or "ok"
    typer.echo(f"  {score.seconds:6.2f}s  {status:<16} {score.path}", err=True)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
