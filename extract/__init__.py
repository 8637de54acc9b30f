"""Format readers: each turns one file into the same :class:`schemas.Document`.

``read_document(path)`` recognises the format by content (see :mod:`extract.sniff`)
and calls the matching reader. This package is the only place that imports
pdfplumber, pypdfium2, python-docx and lxml.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ogi.extract.formats import READERS as FORMAT_READERS
from ogi.extract.sniff import sniff
from ogi.schemas import Document, UnreadableFile, UnsupportedFormat

Reader = Callable[[Path], Document]

# format -> "module:function" from the registry, imported lazily so that a text-only run never loads pdfplumber.
READERS: dict[str, str] = dict(FORMAT_READERS)


def reader_for(fmt: str) -> Reader:
    target = READERS.get(fmt)
    if target is None:
        raise KeyError(fmt)
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def read_document(path: str | Path) -> Document:
    """Read any supported report file into a Document; raise :class:`schemas.OgiError` if impossible."""
    p = Path(path)
    if not p.exists():
        raise UnreadableFile(str(p), "no such file")
    if p.is_dir():
        raise UnreadableFile(str(p), "is a folder, not a file")
    if p.stat().st_size == 0:
        raise UnreadableFile(str(p), "file is empty")
    fmt = sniff(p)
    try:
        reader = reader_for(fmt)
    except KeyError:
        raise UnsupportedFormat(str(p), f"not a report format ogi reads (content looks like {fmt})") from None
    return reader(p)
