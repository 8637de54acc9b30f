"""Collects the subcommands. Each feature module exposes ``register(app)``."""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = (
    "ogi.extract_cmd",   # ogi extract
    "ogi.convert.cli",   # ogi convert, ogi load
    "ogi.bench.cli",     # ogi bench
    "ogi.generate.cli",      # ogi generate
    "ogi.show.cli",      # ogi show
)


def register_all(app: typer.Typer) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
