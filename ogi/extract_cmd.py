"""``ogi extract FILE``: spot-check one report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.api import read
from ogi.edge import check_inputs_exist, check_out_dir, fail
from ogi.schemas import OgiError
from ogi.summary import render_summary
from ogi.tabular import content_sha256
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
    ocr_correct: Annotated[bool, typer.Option(
        "--ocr-correct", help="Apply the identity-backed fixes of OCR misreads (marked ocr_corrected).")] = False,
) -> None:
    """Extract one report: cells of the three tables, six sections, metadata and findings.

    Exit codes: 0 extracted, 1 the file cannot be read as a report, 2 usage error (a FILE that does not
    exist, an --out that is a file or cannot be written).
    """
    check_inputs_exist("extract", [file])
    if out is not None:
        check_out_dir("extract", "--out", out)
    try:
        report = read(file, ocr_correct=ocr_correct)
    except (OgiError, OSError, ValueError) as err:
        if verbose:
            raise
        fail("extract", str(err) if isinstance(err, OgiError) else f"{file}: {type(err).__name__}: {err}", 1)
    sha = content_sha256(file)
    extra = {"content_sha256": sha, "size_bytes": file.stat().st_size}
    if out is not None:
        try:
            paths = write_report_csvs(report, out, bom, sha[:16], extra)
        except OSError as err:
            if verbose:
                raise
            fail("extract", f"--out {str(out)!r}: cannot write: {err.strerror or err}")
        for path in paths:
            typer.echo(f"wrote {path}", err=True)
    if as_json:
        sys.stdout.write(report_to_json(report, sha[:16], extra) + "\n")
    elif out is None:
        sys.stdout.write(render_summary(report))


def register(app: typer.Typer) -> None:
    app.command("extract", help=(extract_command.__doc__ or "") + EXAMPLES)(extract_command)
