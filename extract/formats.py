"""The format registry: every input format once, with its name, content test, file suffixes and reader.

The sniffer (:mod:`ogi.extract.sniff`), :func:`ogi.extract.read_document`, the batch walker of
``ogi convert`` (which files of a folder are inputs), the benchmark's format groups and the docs all
read this table; a format is added here and nowhere else.

Content decides, the suffix only breaks ties: government sites serve a DOCX named ``.doc`` and HTML
named ``.doc``. ``magic`` tests the first bytes; a zip-based format is recognised by a member of the
zip; ``html`` and ``text`` are what is left (see :func:`ogi.extract.sniff.sniff_bytes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    suffixes: tuple[str, ...]
    reader: str | None                          # "module:function", imported lazily; None: a container
    magic: Callable[[bytes], bool] | None = None  # a test of the first bytes
    zip_member: str | None = None              # a zip holding this member is this format
    group: str = ""                             # the benchmark's format group (default: the name)

    @property
    def bench_group(self) -> str:
        return self.group or self.name


def _pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF") or b"%PDF-" in head[:1024]


def _zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _ole_or_rtf(head: bytes) -> bool:
    # Word 97-2003 and WPS both use OLE2 compound files; RTF is often named .doc. LibreOffice reads all.
    return head.startswith(OLE_MAGIC) or head.startswith(b"{\\rtf")


FORMATS: tuple[Format, ...] = (
    Format("pdf", "PDF", (".pdf",), "ogi.extract.pdf:read_pdf", magic=_pdf),
    Format("docx", "Word (OOXML)", (".docx", ".docm", ".dotx", ".dotm"), "ogi.extract.docx:read_docx",
           zip_member="word/document.xml"),
    Format("odt", "OpenDocument text", (".odt", ".ott"), "ogi.extract.office:read_office", zip_member="content.xml"),
    Format("zip", "zip archive", (".zip",), None, magic=_zip),
    Format("doc", "Word 97-2003, WPS, RTF", (".doc", ".dot", ".wps", ".wpt", ".rtf"), "ogi.extract.office:read_office",
           magic=_ole_or_rtf),
    Format("html", "HTML", (".html", ".htm", ".shtml", ".xhtml"), "ogi.extract.html:read_html"),
    Format("text", "plain text, Markdown", (".txt", ".text", ".md", ".markdown"), "ogi.extract.text:read_text"),
)
BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
BY_SUFFIX: dict[str, Format] = {s: f for f in FORMATS for s in f.suffixes}
READERS: dict[str, str] = {f.name: f.reader for f in FORMATS if f.reader is not None}
OFFICE_FORMATS = frozenset(f.name for f in FORMATS if f.reader == "ogi.extract.office:read_office")  # via LibreOffice
REPORT_SUFFIXES = frozenset(s for f in FORMATS if f.reader is not None for s in f.suffixes)
ARCHIVE_SUFFIXES = frozenset(s for f in FORMATS if f.reader is None for s in f.suffixes)


def format_for_suffix(suffix: str) -> Format | None:
    return BY_SUFFIX.get(suffix.lower())


def formats_table() -> str:
    """The registry as the Markdown table of ``docs/formats.md`` (a test keeps the two equal)."""
    lines = ["| format | what | suffixes | read by |", "|---|---|---|---|"]
    for f in FORMATS:
        reader = f"`{f.reader}`" if f.reader else "its members, one at a time (`ogi convert`)"
        lines.append(f"| `{f.name}` | {f.title} | {' '.join(f'`{s}`' for s in f.suffixes)} | {reader} |")
    return "\n".join(lines) + "\n"
