"""The ``ogi`` command: a thin layer over the library."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="ogi",
    help="Extract 政府信息公开工作年度报告 (PDF, Word, HTML, text) into clean, validated data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from ogi.commands import register_all

    register_all(app)


def main() -> None:
    _register()
    app()
