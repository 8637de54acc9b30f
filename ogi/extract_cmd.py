"""``ogi extract FILE``: spot-check one report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.api import read
from ogi.names import one_line
from ogi.schemas import OgiError
from ogi.summary import render_summary
from ogi.tabular import content_id
from ogi.writers import report_to_json, write_report_csvs

EXAMPLES = """
Examples:

  ogi extract report.html                 # readable summary
  ogi extract report.pdf -o out/          # out/reports.csv cells.csv sections.csv findings.csv
  ogi extract report.docx --json | jq .   # one JSON document on stdout
"""


def extract_command(
    file: Annotated[Path, typer.Argument(help="A report: PDF, DOCX, DOC/WPS, HTML or text.")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write four CSV files into this folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole report as one JSON document.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Write CSV as UTF-8 with BOM (Excel on Windows).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
) -> None:
    """Extract one report: cells of the three tables, six sections, metadata and findings.

    Exit codes: 0 extracted, 1 the file cannot be read as a report, 2 usage error.
    """
    try:
        report = read(file)
        report_id = content_id(file)
        if out is not None:
            for path in write_report_csvs(report, out, bom, report_id):
                typer.echo(f"wrote {path}", err=True)
        if as_json:
            sys.stdout.write(report_to_json(report, report_id) + "\n")
        elif out is None:
            sys.stdout.write(render_summary(report))
    except (OgiError, OSError, ValueError) as err:
        if verbose:
            raise
        text = str(err) if isinstance(err, OgiError) else f"{type(err).__name__}: {err}"
        typer.echo(f"ogi: error: {one_line(text)}", err=True)
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> None:
    app.command("extract", help=(extract_command.__doc__ or "") + EXAMPLES)(extract_command)
