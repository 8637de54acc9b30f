"""The ``ogi`` command: a thin layer over the library. Commands load on first use (:mod:`ogi.commands`)."""

from __future__ import annotations

import typer

from ogi.commands import LazyGroup

app = typer.Typer(
    name="ogi",
    cls=LazyGroup,
    help="Extract 政府信息公开工作年度报告 (PDF, Word, HTML, text) into clean, validated data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        import ogi

        typer.echo(f"ogi {ogi.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Extract 政府信息公开工作年度报告 (PDF, Word, HTML, text) into clean, validated data."""


def main() -> None:
    app()
