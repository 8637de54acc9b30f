"""Legacy formats through headless LibreOffice: DOC/WPS/RTF/ODT read like the DOCX they came from,
parallel conversions, the time limit, missing LibreOffice, and files whose extension lies."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import ogi
from ogi.extract import office, read_document
from ogi.extract.docx import read_docx
from ogi.generate.office import convert_many
from ogi.schemas import ConversionTimeout, MissingDependency, Report, Table, UnreadableFile

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "samples" / "real" / "blank_template_2021_format.docx"
HTML_SAMPLE = ROOT / "samples" / "real" / "r14_sh_szfbgt_2019.html"
# Every generated DOCX report: each is converted to DOC (one LibreOffice start for all of them).
GENERATED_DOCX = sorted((ROOT / "samples" / "generated").glob("*.docx"))


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real template converted by LibreOffice to DOC, RTF and ODT (made at test time)."""
    out = tmp_path_factory.mktemp("legacy")
    files = {}
    for target in ("doc", "rtf", "odt"):
        converted = office.soffice_convert(TEMPLATE, out, target)
        files[target] = converted.rename(out / f"blank_template.{target}")
    return files


def tables(path: Path) -> list[Table]:
    return [b for b in read_document(path).blocks if isinstance(b, Table)]


def cells(path: Path) -> dict[str, Any]:
    return {c.key: (c.value, c.note) for c in ogi.read(path).cells}


@pytest.mark.parametrize("target", ["doc", "rtf", "odt"])
def test_converted_template_gives_the_same_blocks_as_the_docx(legacy: dict[str, Path], target: str) -> None:
    document = read_document(legacy[target])
    assert document.format == target
    assert document.source == str(legacy[target])
    assert document.blocks == read_docx(TEMPLATE).blocks
    assert document.title == "政府信息公开工作年度报告格式模板"


def test_doc_gives_the_same_cells_as_the_docx(legacy: dict[str, Path]) -> None:
    from_docx = cells(TEMPLATE)
    assert len(from_docx) == 10 + 175 + 15
    assert cells(legacy["doc"]) == from_docx


def test_doc_made_from_each_generated_docx_gives_the_same_cells(tmp_path: Path) -> None:
    assert len(GENERATED_DOCX) >= 16
    docs = convert_many(GENERATED_DOCX, tmp_path, "doc")  # one LibreOffice start for all
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(ogi.read, docs))
    for docx_path, doc_path, report in zip(GENERATED_DOCX, docs, reports, strict=True):
        assert (doc_path.suffix, report.format) == (".doc", "doc")
        from_docx = raw_cells(ogi.read(docx_path))
        assert len(from_docx) >= 186
        assert raw_cells(report) == from_docx, docx_path.name


def raw_cells(report: Report) -> dict[str, Any]:
    """Every cell with its value, null note and printed text."""
    return {c.key: (c.value, c.note, c.raw) for c in report.cells}


def test_wps_named_file_reports_wps(legacy: dict[str, Path], tmp_path: Path) -> None:
    wps = tmp_path / "报告.wps"
    shutil.copyfile(legacy["doc"], wps)
    document = read_document(wps)
    assert document.format == "wps"
    assert [(t.n_rows, t.n_cols) for t in (b for b in document.blocks if isinstance(b, Table))] == [
        (14, 4), (28, 10), (4, 15)]


def test_rtf_named_doc_is_converted_as_rtf(legacy: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "report.doc"
    shutil.copyfile(legacy["rtf"], disguised)
    document = read_document(disguised)
    assert document.format == "rtf"
    assert document.blocks == read_docx(TEMPLATE).blocks


def test_three_conversions_in_parallel(legacy: dict[str, Path], tmp_path: Path) -> None:
    copies = []
    for i in range(3):
        copy = tmp_path / f"copy{i}.doc"
        shutil.copyfile(legacy["doc"], copy)
        copies.append(copy)
    with ThreadPoolExecutor(max_workers=3) as pool:
        documents = list(pool.map(office.read_office, copies))
    expected = read_docx(TEMPLATE).blocks
    assert [d.source for d in documents] == [str(c) for c in copies]
    assert all(d.blocks == expected for d in documents)


def test_timeout_kills_libreoffice_and_names_the_file(legacy: dict[str, Path], monkeypatch:
                                                     pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setenv("OGI_SOFFICE_TIMEOUT", "0.05")
    monkeypatch.setattr(office.subprocess, "Popen", recording_popen)
    with pytest.raises(ConversionTimeout) as caught:
        office.read_office(legacy["doc"])
    assert caught.value.path == str(legacy["doc"])
    assert str(legacy["doc"]) in str(caught.value)
    assert "0.05 s" in str(caught.value)
    converters = [p for p in started if any("soffice" in str(a) for a in p.args)]  # not the unshare probe
    assert len(converters) == 1
    assert group_gone(converters[0].pid, within=5.0)  # soffice.bin too, not only the launcher


def group_gone(pgid: int, within: float) -> bool:
    """True once no process of the group is left (killed children are reaped by init, not at once)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_timeout_setting_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGI_SOFFICE_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="OGI_SOFFICE_TIMEOUT"):
        office.soffice_timeout()
    monkeypatch.setenv("OGI_SOFFICE_TIMEOUT", "7.5")
    assert office.soffice_timeout() == 7.5
    monkeypatch.delenv("OGI_SOFFICE_TIMEOUT")
    assert office.soffice_timeout() == 120.0


def test_missing_libreoffice_gives_install_hint(legacy: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    with pytest.raises(MissingDependency) as caught:
        read_document(legacy["doc"])
    assert caught.value.path == str(legacy["doc"])
    assert caught.value.reason == (
        "LibreOffice is needed to read .doc/.wps files: install it "
        "(Debian/Ubuntu: apt-get install libreoffice-writer; macOS: brew install --cask libreoffice)"
    )


def test_find_soffice_uses_the_path_then_known_locations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setattr(office, "SOFFICE_PATHS", (str(tmp_path / "absent"), str(fake)))
    assert office.find_soffice() == str(fake)
    monkeypatch.setattr(office.shutil, "which", lambda name: f"/bin/{name}" if name == "libreoffice" else None)
    assert office.find_soffice() == "/bin/libreoffice"


def test_encrypted_office_file_is_unreadable(tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE2 container holding an "EncryptedPackage" stream.
    encrypted = tmp_path / "secret.doc"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(UnreadableFile, match="password-protected"):
        read_document(encrypted)


def test_ole_file_without_a_word_stream_is_unreadable(tmp_path: Path) -> None:
    # An Excel workbook named .doc: OLE2 like a Word file, but its stream is "Workbook".
    workbook = tmp_path / "table.doc"
    workbook.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le"))
    with pytest.raises(UnreadableFile) as caught:
        read_document(workbook)
    assert caught.value.path == str(workbook)
    assert caught.value.reason == "an Excel workbook, not a word-processor document"


def test_docx_named_doc_skips_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disguised = tmp_path / "report.doc"
    shutil.copyfile(TEMPLATE, disguised)
    monkeypatch.setattr(office, "find_soffice", lambda: pytest.fail("LibreOffice must not be used"))
    document = read_document(disguised)
    assert document.format == "docx"
    assert document.blocks == read_docx(TEMPLATE).blocks
    assert cells(disguised) == cells(TEMPLATE)


def test_html_page_saved_as_doc_is_read_as_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disguised = tmp_path / "report.doc"
    shutil.copyfile(HTML_SAMPLE, disguised)
    monkeypatch.setattr(office, "find_soffice", lambda: pytest.fail("LibreOffice must not be used"))
    document = read_document(disguised)
    assert document.format == "html"
    assert document.blocks == read_document(HTML_SAMPLE).blocks
    assert cells(disguised) == cells(HTML_SAMPLE)
