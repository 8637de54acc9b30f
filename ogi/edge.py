"""Errors at the edge: what the commands check before they start, and how they say what went wrong.

Every usage error and every :class:`ogi.schemas.OgiError` is one line on stderr, ``ogi CMD: what: why``,
naming the file or the option; exit codes are 1 (a file could not be processed) and 2 (usage: a path
that does not exist, an output folder that cannot be written, a server that cannot be reached). A
traceback only with ``--verbose``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import typer

from ogi.names import one_line

USAGE = 2


def fail(command: str, message: str, code: int = USAGE) -> NoReturn:
    print(f"ogi {command}: {one_line(message)}", file=sys.stderr)
    raise typer.Exit(code)


def out_dir_problem(path: Path) -> str | None:
    """Why ``path`` cannot be an output folder (created if missing), or None when it can."""
    if path.exists() and not path.is_dir():
        return "is a file, not a folder"
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".ogi-probe-", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        return f"cannot write there: {err.strerror or err}"
    return None


def check_out_dir(command: str, option: str, path: Path) -> None:
    problem = out_dir_problem(path)
    if problem is not None:
        fail(command, f"{option} {str(path)!r}: {problem}")


def check_inputs_exist(command: str, paths: list[Path]) -> None:
    for path in paths:
        if not os.path.lexists(path):
            fail(command, f"{str(path)!r}: no such file or folder")
