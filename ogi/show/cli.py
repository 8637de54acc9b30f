"""``ogi show FILE [--html OUT]`` and ``ogi show DATASET_DIR --html [OUT]``."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ogi.api import read
from ogi.schemas import OgiError

EXAMPLES = """
Examples:

  ogi show report.pdf                       # the three tables as printed, marks and findings
  ogi show report.pdf --keys --lang en      # canonical keys beside labels, findings in English
  ogi show report.pdf --json | jq .findings # for machines
  ogi show report.pdf --html review.html    # the review page: each value beside its source page
  ogi show dataset/ --html                  # dataset/review/index.html: the overview, a page a report
  ogi show dataset/ --html site/            # the same into site/
"""


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


def show_command(
    path: Annotated[Path, typer.Argument(help="A report file, or a folder made by `ogi convert`.")],
    out: Annotated[Path | None, typer.Argument(
        help="With --html: the page to write (FILE.review.html by default; DIR/review/ for a dataset).",
        show_default=False)] = None,
    html: Annotated[bool, typer.Option("--html", help="Write the HTML review page instead of printing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the view as one JSON document.")] = False,
    keys: Annotated[bool, typer.Option("--keys", help="Show canonical keys beside the printed labels.")] = False,
    lang: Annotated[LangChoice, typer.Option("--lang", help="Language of the findings.")] = LangChoice.zh,
) -> None:
    """Spot-check one report: its tables as printed, flagged/blank/low-confidence cells, findings.

    Exit codes: 0 shown, 1 the file cannot be read as a report, 2 usage error.
    """
    from ogi.show.model import report_view

    started = time.perf_counter()
    try:
        if path.is_dir():
            if not html:
                raise typer.BadParameter("a dataset folder is shown with --html", param_hint="PATH")
            from ogi.show.dataset import write_overview

            index = write_overview(path, out or path / "review", lang.value)
            typer.echo(f"wrote {index} in {time.perf_counter() - started:.1f} s", err=True)
            return
        report = read(path)
    except OgiError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from err
    view = report_view(report, lang.value)
    if html:
        from ogi.show.html import write_report_page

        target = out or path.with_name(path.name + ".review.html")
        write_report_page(report, view, target)
        typer.echo(f"wrote {target} in {time.perf_counter() - started:.1f} s", err=True)
    elif as_json:
        sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
    elif sys.stdout.isatty():
        from rich.console import Console

        from ogi.show.terminal import render_rich

        render_rich(view, Console(), keys)
    else:
        from ogi.show.terminal import render_plain

        sys.stdout.write(render_plain(view, keys))


def register(app: typer.Typer) -> None:
    app.command("show", help=(show_command.__doc__ or "") + EXAMPLES)(show_command)
