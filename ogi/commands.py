"""Collects the subcommands. Each feature module exposes ``register(app)``.

``ogi`` loads a command's module only when that command runs (:class:`LazyGroup`), so ``ogi --help``
imports no reader, normaliser, writer or generator, and ``ogi extract`` of a text file imports no
PDF or DOCX library, DuckDB, pyarrow or pandas. :data:`COMMANDS` names each command's module and its
one-line help for the listing; ``tests/test_start.py`` checks the line against the loaded command.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

# command → (module whose ``register(app)`` defines it, the first line of its help)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("ogi.extract_cmd",
                "Extract one report: cells of the three tables, six sections, metadata and findings."),
    "convert": ("ogi.convert.cli", "Convert report files, folders and zip archives into a dataset in DIR."),
    "load": ("ogi.convert.cli", "Load a dataset made by `ogi convert` into PostgreSQL (idempotent)."),
    "schema": ("ogi.convert.cli", "Print the dataset's Frictionless data package (datapackage.json): every "
               "table and column with its type, Chinese title and description."),
    "bench": ("ogi.bench.cli", "Score ogi against hand-checked expected values, per format, template version "
              "and overall."),
    "generate": ("ogi.generate.cli",
                 "Write generated reports with known values, each with its <file>.expected.json."),
    "matrix": ("ogi.generate.cli", "Pass generated HTML/DOCX reports through the real converters (w3m, lynx, "
               "pandoc, LibreOffice, pdftotext, Chromium); each output gets the source's expected values, so "
               "`ogi bench OUT` scores every converter."),
    "show": ("ogi.show.cli", "Spot-check one report: its tables as printed, flagged/blank/low-confidence "
             "cells, findings."),
}
COMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


def register_all(app: typer.Typer) -> None:
    """Register every command on ``app`` now (for tests and embedding)."""
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


def load_commands(module: str) -> dict[str, Any]:
    """The click commands that ``module.register`` defines."""
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(module).register(sub)
    return dict(typer.main.get_group(sub).commands)


class LazyGroup(TyperGroup):
    """The ``ogi`` group: a command's module is imported when the command is looked up; the listing of
    ``ogi --help`` comes from :data:`COMMANDS` and is formatted by click (no rich import)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands.update(load_commands(COMMANDS[cmd_name][0]))
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        super(TyperGroup, self).format_help(ctx, formatter)   # click's plain help, not rich_utils

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, line) for name, (_, line) in COMMANDS.items()])
