"""DOCX package reader (zipfile + lxml): the samples' Documents pinned by hash, and hostile or broken packages.

``tests/fixtures/docx_documents.tsv`` holds the sha256 of every sample DOCX's Document (as JSON, source made
relative), written by the python-docx based reader this one replaced; it changes only on purpose.
"""

from __future__ import annotations

import dataclasses
import doctest
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from ogi.extract import docx_package, docx_pr, docx_properties, docx_tables, read_document
from ogi.extract.docx import read_docx
from ogi.schemas import Document, LimitExceeded, UnreadableFile

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "docx_documents.tsv"
SAMPLES = sorted(p for p in (ROOT / "samples").rglob("*") if p.suffix in {".docx", ".docm", ".dotx"})
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def document_hash(document: Document) -> str:
    data = dataclasses.asdict(document)
    data["source"] = Path(document.source).relative_to(ROOT).as_posix()
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pinned() -> dict[str, str]:
    rows = (line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for name, digest in rows}


def test_every_sample_docx_is_pinned() -> None:
    assert SAMPLES, "no sample DOCX found"
    assert sorted(pinned()) == sorted(p.relative_to(ROOT).as_posix() for p in SAMPLES)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_document_is_unchanged(path: Path) -> None:
    assert document_hash(read_docx(path)) == pinned()[path.relative_to(ROOT).as_posix()]


@pytest.mark.parametrize("module", [docx_pr, docx_properties, docx_tables])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# -- packages built here --------------------------------------------------------------------------------

def content_types(main_type: str = MAIN_TYPE, extra: str = "") -> str:
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{extra}</Types>')


def rels(*targets: tuple[str, str]) -> str:
    items = "".join(f'<Relationship Id="rId{i}" Type="{t}" Target="{target}"/>' for i, (t, target) in enumerate(targets))
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def body(text: str = "一、总体情况") -> str:
    return f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'


def package(path: Path, parts: dict[str, str | bytes]) -> Path:
    defaults: dict[str, str | bytes] = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": rels((RT + "officeDocument", "word/document.xml")),
        "word/document.xml": body(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in {**defaults, **parts}.items():
            if data is not None:
                zf.writestr(name, data)
    return path


def test_minimal_package_reads_and_invents_no_properties(tmp_path: Path) -> None:
    # python-docx made up title "Word Document", last_modified_by "python-docx", revision 1 and modified=now
    document = read_docx(package(tmp_path / "min.docx", {}))
    assert [b.text for b in document.blocks] == ["一、总体情况"]  # type: ignore[union-attr]
    assert document.properties == ()
    assert document.title is None


def test_core_properties_are_read_as_written(tmp_path: Path) -> None:
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            '<dc:title> 某区2023年政府信息公开工作年度报告 </dc:title><dc:creator>办公室</dc:creator>'
            '<cp:revision>0</cp:revision><dcterms:created>2024-01-15T09:00:00+08:00</dcterms:created>'
            '<dcterms:modified>not a date</dcterms:modified></cp:coreProperties>')
    path = package(tmp_path / "core.docx", {
        "_rels/.rels": rels((RT + "officeDocument", "word/document.xml"),
                            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                             "docProps/core.xml")),
        "docProps/core.xml": core})
    document = read_docx(path)
    assert document.properties == (("title", "某区2023年政府信息公开工作年度报告"), ("author", "办公室"),
                                   ("created", "2024-01-15T01:00:00+00:00"))
    assert document.title == "某区2023年政府信息公开工作年度报告"


@pytest.mark.parametrize(("parts", "message"), [
    ({"[Content_Types].xml": None}, r"corrupt DOCX \(There is no item named '\[Content_Types\].xml'"),
    ({"_rels/.rels": None}, "corrupt DOCX .no relationship of type"),
    ({"word/document.xml": "<w:document"}, r"corrupt DOCX \(word/document.xml: "),
    ({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'}, "has no w:body"),
    ({"[Content_Types].xml": content_types("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")},
     "not a Word document .main part is application/vnd.openxmlformats-officedocument.spreadsheetml"),
    ({"word/_rels/document.xml.rels": rels((RT + "styles", "styles.xml"))},
     r"corrupt DOCX \(There is no item named 'word/styles.xml'"),
    ({"word/_rels/document.xml.rels": rels((RT + "styles", "a.xml"), (RT + "styles", "b.xml"))},
     "multiple relationships of type"),
])
def test_broken_package_is_unreadable(tmp_path: Path, parts: dict[str, str | None], message: str) -> None:
    path = package(tmp_path / "broken.docx", parts)  # type: ignore[arg-type]
    with pytest.raises(UnreadableFile, match=message):
        read_docx(path)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    laughs = ('<!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    path = package(tmp_path / "laughs.docx", {"word/document.xml": laughs + body("&c;")})
    try:
        document = read_docx(path)
    except UnreadableFile:
        return  # refusing the file is as good as not expanding it
    assert "哈" not in "".join(getattr(b, "text", "") for b in document.blocks)


def test_external_relationships_are_never_followed(tmp_path: Path) -> None:
    external = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId9" Type="{RT}styles" Target="http://127.0.0.1:9/styles.xml" '
                'TargetMode="External"/></Relationships>')
    document = read_docx(package(tmp_path / "ext.docx", {"word/_rels/document.xml.rels": external}))
    assert [b.text for b in document.blocks] == ["一、总体情况"]  # type: ignore[union-attr]


def test_a_part_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = package(tmp_path / "big.docx", {"word/document.xml": body("数" * 5000)})
    monkeypatch.setattr(docx_package, "PART_LIMIT", 4096)
    with pytest.raises(LimitExceeded, match="a package part of"):
        read_document(path)


def test_a_part_larger_than_its_header_says_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the central directory claims a small size; the bytes inflate past the cap while being read
    path = package(tmp_path / "liar.docx", {"word/document.xml": body("数" * 5000)})
    monkeypatch.setattr(docx_package, "PART_LIMIT", 4096)
    real_infolist = zipfile.ZipFile.infolist

    def lying(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real_infolist(self)
        for info in infos:
            if info.filename == "word/document.xml":
                info.file_size = 100
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying)
    with pytest.raises((LimitExceeded, UnreadableFile)):
        read_document(path)
