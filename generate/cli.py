"""``ogi generate`` / ``python -m ogi.generate``: write realistic reports with known values."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ogi.generate.build import build_set, stderr_log
from ogi.generate.features import coverage
from ogi.generate.model import FORMATS
from ogi.generate.office import DEFAULT_TIMEOUT

OutOption = Annotated[
    Path, typer.Option("--out", help="Folder to write the reports, expected values and MANIFEST.tsv.")
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of the set; the same seed and count give the same files.")
]
CountOption = Annotated[int, typer.Option("--count", min=1, help="Number of reports planned (formats cycle).")]
FormatsOption = Annotated[
    str, typer.Option("--formats", help=f"Comma-separated formats to write, of {','.join(FORMATS)}.")
]
ALL_FORMATS = ",".join(FORMATS)
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds allowed per LibreOffice call (PDF).")]
QuietOption = Annotated[bool, typer.Option("--quiet", help="No per-file lines and no coverage table on stderr.")]


def generate(
    out: OutOption,
    seed: SeedOption = 1,
    count: CountOption = 62,
    formats: FormatsOption = ALL_FORMATS,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    quiet: QuietOption = False,
) -> None:
    """Write generated reports with known values, each with its <file>.expected.json.

    Example (the committed set): ogi generate --out samples/generated --seed 1 --count 62

    Example (no LibreOffice needed): python -m ogi.generate --out /tmp/gen --count 16 --formats docx,html,txt,md
    """
    try:
        built = build_set(out, seed, count, [f.strip() for f in formats.split(",") if f.strip()], timeout,
                          None if quiet else stderr_log)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--formats") from None
    if quiet:
        return
    table = coverage((b.model.fmt, b.features) for b in built)
    typer.echo(f"{len(built)} reports written to {out}", err=True)
    typer.echo("feature\t" + "\t".join(FORMATS), err=True)
    for tag, counts in table.items():
        typer.echo(tag + "\t" + "\t".join(str(counts.get(f, 0)) for f in FORMATS), err=True)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)


def main() -> None:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(app)
    app()
