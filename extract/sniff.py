"""Recognise a file's format by its content, not its extension.

Government sites routinely serve a DOCX named ``.doc`` or an HTML page named
``.doc``; the extension is only a last resort::

    >>> sniff_bytes(b"%PDF-1.7 ...", "x.doc")
    'pdf'
    >>> sniff_bytes(b"<html><body>", "report.doc")
    'html'
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from ogi.extract.formats import FORMATS, format_for_suffix
from ogi.extract.textdecode import bom_encoding

_HTML_DOC = re.compile(rb"<html|<!doctype html|<body|<head")
_MARKDOWN = re.compile(rb"^(#{1,6} |\*\*|\|.*\|\s*$|-   \[)", re.M)
HTML_MARKERS = (b"<html", b"<!doctype html", b"<body", b"<table", b"<p", b"<div", b"<meta")


def _zip_kind(head: bytes, data: bytes | None, path: Path) -> str:
    try:
        zf = zipfile.ZipFile(BytesIO(data)) if data is not None else zipfile.ZipFile(path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "unknown"
    for fmt in FORMATS:
        if fmt.zip_member is not None and fmt.zip_member in names:
            return fmt.name
    return "zip"


def sniff_bytes(head: bytes, name: str, data: bytes | None = None, path: Path | None = None) -> str:
    """Return a format name of :data:`ogi.extract.formats.FORMATS`, or ``unknown``, from the first bytes."""
    for fmt in FORMATS:
        if fmt.magic is not None and fmt.magic(head):
            return _zip_kind(head, data, path if path is not None else Path(name)) if fmt.name == "zip" else fmt.name
    head = _as_utf8(head)
    low = head[:4096].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    named_text = getattr(format_for_suffix(Path(name).suffix), "name", None) == "text"
    if named_text and not _HTML_DOC.search(low) and _MARKDOWN.search(head):
        return "text"  # markdown with leftover <div> lines (pandoc -t gfm of a web page)
    if any(m in low for m in HTML_MARKERS) and low.startswith(b"<"):
        return "html"
    if b"\x00" in head[:4096]:
        return "unknown"
    by_suffix = format_for_suffix(Path(name).suffix)
    if by_suffix is not None and by_suffix.name == "html":
        return "html"
    if any(m in low for m in (b"<table", b"<p>", b"<p ", b"<div")):
        return "html"
    return "text"


def _as_utf8(head: bytes) -> bytes:
    """UTF-16/UTF-32 text with a BOM, re-encoded so the text tests see its characters (not NUL bytes)."""
    encoding = bom_encoding(head)
    if encoding is None or encoding == "utf-8-sig":
        return head
    cut = len(head) - len(head) % 4
    return head[:cut].decode(encoding, errors="ignore").encode("utf-8")


def sniff(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8192)
    return sniff_bytes(head, path.name, path=path)
