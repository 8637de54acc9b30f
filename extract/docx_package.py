"""A DOCX package (Open Packaging Conventions zip) opened with zipfile and lxml, reading only the parts asked for.

:func:`open_package` reads ``[Content_Types].xml`` and the package relationships; :class:`Package` then serves the
main document part, the parts related to it (styles, numbering) and to the package (core and app properties)
as plain lxml trees. Nothing else in the zip (images, headers, fonts) is inflated. Every part is read under
:data:`caps.MAX_UNZIPPED_MB`, also when its zip header lies about its size, and parsed without entity
expansion or network access. A file that is not a usable package raises :class:`PackageError` with the reason,
which the reader reports as :class:`schemas.UnreadableFile`.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ogi.extract.caps import MAX_UNZIPPED_MB, MB, CapExceeded

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = RT_BASE + "officeDocument"
RT_STYLES = RT_BASE + "styles"
RT_NUMBERING = RT_BASE + "numbering"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_SUFFIX = "/extended-properties"
WORD_MAIN_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    # macro-enabled documents and templates hold the same WordprocessingML and are served as attachments too
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
})
# python-docx's parser options: ignorable whitespace dropped, no entity expansion; lxml never reads the network.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, collect_ids=False)
PART_LIMIT = MAX_UNZIPPED_MB * MB


class PackageError(Exception):
    """The file is not a readable DOCX package; ``str(err)`` is the reason."""


@dataclass(frozen=True)
class Relationship:
    reltype: str
    target: str  # absolute part name ("/word/styles.xml")


def part_xml(blob: bytes, name: str) -> etree._Element:
    """One XML part parsed with :data:`PARSER`; bad XML is a :class:`PackageError`."""
    try:
        return etree.fromstring(blob, PARSER)
    except etree.XMLSyntaxError as err:
        raise PackageError(f"{name}: {str(err).splitlines()[0] if str(err) else 'bad XML'}") from None


def rels_name(partname: str) -> str:
    """``/word/document.xml`` → ``/word/_rels/document.xml.rels``; the package itself (``/``) → ``/_rels/.rels``."""
    folder, base = posixpath.split(partname)
    return posixpath.join(folder, "_rels", base + ".rels")


class Package:
    """The parts of one open zip, read on demand; use as a context manager or call :meth:`close`."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        self._members = {info.filename: info for info in zf.infolist()}
        types = part_xml(self.blob("/[Content_Types].xml"), "[Content_Types].xml")
        self._overrides = {el.get("PartName", "").lower(): el.get("ContentType", "")
                           for el in types.iterchildren(f"{CT}Override")}
        self._defaults = {el.get("Extension", "").lower(): el.get("ContentType", "")
                          for el in types.iterchildren(f"{CT}Default")}
        self.rels = self.relationships("/")

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()

    def has(self, partname: str) -> bool:
        return partname.lstrip("/") in self._members

    def blob(self, partname: str) -> bytes:
        """The bytes of one part, at most :data:`PART_LIMIT` whatever its zip header says."""
        info = self._members.get(partname.lstrip("/"))
        if info is None:
            raise PackageError(f"There is no item named '{partname.lstrip('/')}' in the archive")
        if info.file_size > PART_LIMIT:
            raise CapExceeded(f"a package part of {info.file_size // MB:,} MB (cap {MAX_UNZIPPED_MB} MB)")
        try:
            with self._zf.open(info) as fh:
                data = fh.read(PART_LIMIT + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
            raise PackageError(str(err).splitlines()[0] if str(err) else type(err).__name__) from None
        if len(data) > PART_LIMIT:
            raise CapExceeded(f"a package part over {MAX_UNZIPPED_MB} MB decompressed (cap {MAX_UNZIPPED_MB} MB)")
        return data

    def content_type(self, partname: str) -> str:
        """The part's content type: its ``Override``, else the ``Default`` of its extension (both case-blind)."""
        found = self._overrides.get(partname.lower())
        if found is None:
            found = self._defaults.get(posixpath.splitext(partname)[1].lstrip(".").lower())
        if found is None:
            raise PackageError(f"no content type for partname '{partname}' in [Content_Types].xml")
        return found

    def relationships(self, partname: str) -> tuple[Relationship, ...]:
        """The internal relationships of a part (or of the package, ``"/"``), targets made absolute."""
        name = rels_name(partname)
        if not self.has(name):
            return ()
        base = posixpath.dirname(partname) if partname != "/" else "/"
        out = []
        for el in part_xml(self.blob(name), name.lstrip("/")).iterchildren(f"{PR}Relationship"):
            if el.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(base, el.get("Target", "")))
            out.append(Relationship(el.get("Type", ""), "/" + target.lstrip("/")))
        return tuple(out)

    def related(self, rels: tuple[Relationship, ...], reltype: str) -> str | None:
        """The one part related by ``reltype``, None where there is none; more than one is a PackageError."""
        matching = [rel.target for rel in rels if rel.reltype == reltype]
        if len(matching) > 1:
            raise PackageError(f"multiple relationships of type '{reltype}' in collection")
        return matching[0] if matching else None

    def xml(self, partname: str) -> etree._Element:
        return part_xml(self.blob(partname), partname.lstrip("/"))

    def main_part(self) -> str:
        """The name of the WordprocessingML main part; anything else is a PackageError."""
        main = self.related(self.rels, RT_OFFICE_DOCUMENT)
        if main is None:
            raise PackageError(f"no relationship of type '{RT_OFFICE_DOCUMENT}' in collection")
        content_type = self.content_type(main)
        if content_type not in WORD_MAIN_TYPES:
            raise NotWordError(f"not a Word document (main part is {content_type})")
        return main


class NotWordError(PackageError):
    """A valid package whose main part is not WordprocessingML (a workbook, a presentation)."""


def open_package(path: Path) -> Package:
    """Open a DOCX zip and read its content types and package relationships."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        raise PackageError(str(err).splitlines()[0] if str(err) else type(err).__name__) from None
    try:
        return Package(zf)
    except BaseException:
        zf.close()
        raise
