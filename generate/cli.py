"""``ogi generate`` / ``python -m ogi.generate``: write realistic reports with known values."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ogi.generate.converters import CONVERTER_NAMES, convert_report, matrix_sources
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
    from ogi.generate.build import build_set, stderr_log

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


def matrix(
    out: OutOption,
    source: Annotated[Path, typer.Option("--from", help="Folder of generated reports with expected values.")] = Path(
        "samples/generated"),
    reports: Annotated[str, typer.Option("--reports", help="Comma-separated report names; default every HTML and DOCX.")
                       ] = "",
    converters: Annotated[str, typer.Option("--converters", help=f"Comma-separated, of {','.join(CONVERTER_NAMES)}.")
                          ] = ",".join(CONVERTER_NAMES),
) -> None:
    """Pass generated HTML/DOCX reports through the real converters (w3m, lynx, pandoc, LibreOffice, pdftotext,
    Chromium); each output gets the source's expected values, so `ogi bench OUT` scores every converter.

    Example: ogi matrix --out /tmp/matrix && ogi bench /tmp/matrix
    """
    names = tuple(c.strip() for c in converters.split(",") if c.strip())
    unknown = set(names) - set(CONVERTER_NAMES)
    if unknown:
        raise typer.BadParameter(f"unknown converters: {', '.join(sorted(unknown))}", param_hint="--converters")
    chosen = [source / r.strip() for r in reports.split(",") if r.strip()] or matrix_sources(source)
    for path in chosen:
        written = convert_report(path, out, names)
        typer.echo(f"{path.name}\t{len(written)} outputs", err=True)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
    app.command("matrix")(matrix)


def main() -> None:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command("generate")(generate)  # one command: `python -m ogi.generate --out …` (ogi matrix is `ogi matrix`)
    app()
