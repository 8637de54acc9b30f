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

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_HTML_DOC = re.compile(rb"<html|<!doctype html|<body|<head")
_MARKDOWN = re.compile(rb"^(#{1,6} |\*\*|\|.*\|\s*$|-   \[)", re.M)
HTML_MARKERS = (b"<html", b"<!doctype html", b"<body", b"<table", b"<p", b"<div", b"<meta")


def _zip_kind(head: bytes, data: bytes | None, path: Path) -> str:
    try:
        zf = zipfile.ZipFile(BytesIO(data)) if data is not None else zipfile.ZipFile(path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "unknown"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        return "odt"
    return "zip"


def sniff_bytes(head: bytes, name: str, data: bytes | None = None, path: Path | None = None) -> str:
    """Return one of ``pdf docx doc odt zip html text unknown`` from the first bytes of a file."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head, data, path if path is not None else Path(name))
    if head.startswith(OLE_MAGIC):
        return "doc"  # Word 97-2003 and WPS (.wps) both use OLE2 compound files
    if head.startswith(b"{\\rtf"):
        return "doc"  # RTF, often named .doc; LibreOffice converts it
    low = head[:4096].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if Path(name).suffix.lower() in TEXT_SUFFIXES and not _HTML_DOC.search(low) and _MARKDOWN.search(head):
        return "text"  # markdown with leftover <div> lines (pandoc -t gfm of a web page)
    if any(m in low for m in HTML_MARKERS) and low.startswith(b"<"):
        return "html"
    if b"\x00" in head[:4096]:
        return "unknown"
    suffix = Path(name).suffix.lower()
    if suffix in {".htm", ".html", ".shtml", ".xhtml"}:
        return "html"
    if any(m in low for m in (b"<table", b"<p>", b"<p ", b"<div")):
        return "html"
    return "text"


def sniff(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8192)
    return sniff_bytes(head, path.name, path=path)
