"""DOCX reader: :mod:`extract.docx_package` opens the package, :mod:`extract.docx_walk` reads the body.

Body order is kept (paragraphs and tables interleaved as in the file), merged cells become
real spans (:mod:`extract.docx_tables`), Word list numbers are put back in front of the
text they label (:mod:`extract.docx_numbering`), and tracked changes read as accepted.
Properties are those the file holds (:mod:`extract.docx_properties`).
A corrupt, encrypted or non-Word file raises :class:`schemas.UnreadableFile`.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ogi.extract.docx_numbering import Numbering
from ogi.extract.docx_package import (
    APP_SUFFIX,
    PARSER,
    RT_CORE,
    RT_NUMBERING,
    RT_STYLES,
    NotWordError,
    Package,
    PackageError,
    Relationship,
    open_package,
)
from ogi.extract.docx_properties import app_properties, core_properties
from ogi.extract.docx_styles import Styles
from ogi.extract.docx_walk import BodyWalker, W
from ogi.schemas import Document, UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_BODY = f"{W}body"


def _reason(path: Path, err: BaseException) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        return "password-protected (encrypted) DOCX, or a Word 97-2003 file: cannot be read as DOCX"
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"corrupt DOCX ({detail})"


def _related_xml(package: Package, rels: tuple[Relationship, ...], reltype: str) -> etree._Element | None:
    """The XML of the part related by ``reltype``, or None where the file has none."""
    name = package.related(rels, reltype)
    return package.xml(name) if name is not None else None


def _app_xml(package: Package) -> etree._Element | None:
    """``docProps/app.xml``, None where the package has none or it is not well formed (it only informs);
    a relationship to a part missing from the zip is a corrupt package, as for every part read."""
    for rel in package.rels:
        if rel.reltype.endswith(APP_SUFFIX):
            blob = package.blob(rel.target)
            try:
                return etree.fromstring(blob, PARSER)
            except etree.XMLSyntaxError:
                return None
    return None


def _pages(app: dict[str, str], walker_page: int | None) -> int | None:
    """Pages as the writing application counted them at save time, or as Word's rendered page
    breaks count them, whichever is larger."""
    raw = app.get("Pages", "")
    counts = [int(raw)] if raw.isdigit() and int(raw) > 0 else []
    counts += [walker_page] if walker_page is not None else []
    return max(counts, default=None)


def read_docx(path: Path) -> Document:
    """Read a DOCX (or DOCM/DOTX) file into a :class:`schemas.Document`."""
    try:
        with open_package(path) as package:
            main = package.main_part()
            root = package.xml(main)
            main_rels = package.relationships(main)
            styles = _related_xml(package, main_rels, RT_STYLES)
            numbering = _related_xml(package, main_rels, RT_NUMBERING)
            core = _related_xml(package, package.rels, RT_CORE)
            app = app_properties(_app_xml(package))
    except NotWordError as err:
        raise UnreadableFile(str(path), str(err)) from None
    except PackageError as err:
        raise UnreadableFile(str(path), _reason(path, err)) from None
    body = root.find(W_BODY)
    if body is None:
        raise UnreadableFile(str(path), "corrupt DOCX (the main part has no w:body)")
    rendered = body.find(f".//{W}lastRenderedPageBreak") is not None
    walker = BodyWalker(Styles(styles), Numbering(numbering), rendered)
    blocks = walker.blocks(body, body=True)
    properties = core_properties(core)
    if app.get("Application"):
        properties += (("application", app["Application"]),)
    core_title = dict(properties).get("title", "")
    title = core_title or next(iter(walker.title_candidates), None)
    return Document(
        source=str(path),
        format="docx",
        blocks=tuple(blocks),
        title=title,
        pages=_pages(app, walker.page),
        properties=properties,
    )
