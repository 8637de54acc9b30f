"""DOCX reader: python-docx opens the package, :mod:`extract.docx_walk` reads the body.

Body order is kept (paragraphs and tables interleaved as in the file), merged cells become
real spans (:mod:`extract.docx_tables`), Word list numbers are put back in front of the
text they label (:mod:`extract.docx_numbering`), and tracked changes read as accepted.
A corrupt, encrypted or non-Word file raises :class:`schemas.UnreadableFile`.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.part import PartFactory
from docx.package import Package
from docx.parts.document import DocumentPart
from lxml import etree

from ogi.extract.docx_numbering import Numbering
from ogi.extract.docx_styles import Styles
from ogi.extract.docx_walk import BodyWalker, W
from ogi.schemas import Document, UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
CORE_FIELDS = ("title", "subject", "author", "keywords", "comments", "category", "last_modified_by",
               "created", "modified", "revision", "language", "identifier", "content_status", "version")
# python-docx only knows the plain .docx main part; macro-enabled documents and templates
# hold the same WordprocessingML and are served as report attachments too.
for _content_type in ("application/vnd.ms-word.document.macroEnabled.main+xml",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                      "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"):
    PartFactory.part_type_for.setdefault(_content_type, DocumentPart)


def _open(path: Path) -> DocxDocument:
    try:
        part = Package.open(str(path)).main_document_part
    except (OpcError, zipfile.BadZipFile, zlib.error, KeyError, EOFError, OSError,
            etree.XMLSyntaxError, ValueError) as err:
        raise UnreadableFile(str(path), _reason(path, err)) from None
    if not isinstance(part, DocumentPart):
        raise UnreadableFile(str(path), f"not a Word document (main part is {part.content_type})")
    return part.document


def _reason(path: Path, err: BaseException) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        return "password-protected (encrypted) DOCX, or a Word 97-2003 file: cannot be read as DOCX"
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"corrupt DOCX ({detail})"


def _properties(doc: DocxDocument) -> tuple[tuple[str, str], ...]:
    core = doc.core_properties
    out: list[tuple[str, str]] = []
    for name in CORE_FIELDS:
        value = getattr(core, name, None)
        if isinstance(value, datetime):
            value = value.isoformat()
        if value not in (None, "", 0):
            out.append((name, str(value).strip()))
    return tuple(out)


def _app_properties(doc: DocxDocument) -> dict[str, str]:
    """``docProps/app.xml``: the application that wrote the file and its page count at save time."""
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            try:
                root = etree.fromstring(rel.target_part.blob)
            except etree.XMLSyntaxError:
                return {}
            return {el.tag.removeprefix(APP_NS): (el.text or "").strip()
                    for el in root if isinstance(el.tag, str) and el.text}
    return {}


def _part_root(doc: DocxDocument, reltype: str) -> etree._Element | None:
    """The XML of a related part, or None where the file has none (python-docx would create one)."""
    try:
        part = doc.part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element  # type: ignore[no-any-return]
    try:
        return etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return None


def _pages(app: dict[str, str], walker_page: int | None) -> int | None:
    """Pages as the writing application counted them at save time (python-docx never updates that
    count), or as Word's rendered page breaks count them, whichever is larger."""
    raw = app.get("Pages", "")
    counts = [int(raw)] if raw.isdigit() and int(raw) > 0 else []
    counts += [walker_page] if walker_page is not None else []
    return max(counts, default=None)


def read_docx(path: Path) -> Document:
    """Read a DOCX (or DOCM/DOTX) file into a :class:`schemas.Document`."""
    doc = _open(path)
    body = doc.element.body
    rendered = body.find(f".//{W}lastRenderedPageBreak") is not None
    walker = BodyWalker(Styles(_part_root(doc, RT.STYLES)), Numbering(_part_root(doc, RT.NUMBERING)), rendered)
    blocks = walker.blocks(body, body=True)
    properties = _properties(doc)
    app = _app_properties(doc)
    if app.get("Application"):
        properties += (("application", app["Application"]),)
    core_title = (doc.core_properties.title or "").strip()
    title = core_title or next(iter(walker.title_candidates), None)
    return Document(
        source=str(path),
        format="docx",
        blocks=tuple(blocks),
        title=title,
        pages=_pages(app, walker.page),
        properties=properties,
    )
