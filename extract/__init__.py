"""Format readers: each turns one file into the same :class:`schemas.Document`.

``read_document(path)`` recognises the format by content (see :mod:`extract.sniff`)
and calls the matching reader. This package is the only place that imports
pdfplumber, pypdfium2 and lxml (python-docx writes DOCX in the generator only).
"""

from __future__ import annotations

import importlib
import stat
from collections.abc import Callable
from pathlib import Path

from ogi.extract.caps import CapExceeded, check_document, check_package
from ogi.extract.formats import READERS as FORMAT_READERS
from ogi.extract.sniff import sniff
from ogi.schemas import Document, LimitExceeded, UnreadableFile, UnsupportedFormat

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
    try:
        st = p.stat()
    except OSError as err:
        raise UnreadableFile(str(p), "no such file" if isinstance(err, FileNotFoundError)
                             else f"cannot read: {err.strerror or err}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile(str(p), "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):  # a FIFO, device or socket would block or never end: never opened
        raise UnreadableFile(str(p), "not a regular file (a pipe, device or socket); refused without opening it")
    if st.st_size == 0:
        raise UnreadableFile(str(p), "file is empty")
    fmt = sniff(p)
    try:
        reader = reader_for(fmt)
    except KeyError:
        raise UnsupportedFormat(str(p), f"not a report format ogi reads (content looks like {fmt})") from None
    try:
        if fmt in {"docx", "odt"}:
            check_package(p)
        document = reader(p)
        check_document(document)
    except CapExceeded as err:
        raise LimitExceeded(str(p), f"{err}; refused as a possible bomb") from None
    return document
