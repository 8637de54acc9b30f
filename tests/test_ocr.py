"""Scanned PDFs: the real r01 report's table pages printed to an image-only PDF (170 dpi, 0.5° skew, noise,
blur, JPEG, a red seal over the first table) by the scan generator, read back through tesseract and OpenCV.

Three pages are OCR'd once for the module (CI stays fast); the whole-document numbers come from
``ogi bench`` on scanned corpora (docs/ocr.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import ogi
from ogi.extract import read_document
from ogi.generate.scan import ScanStyle, scan_pdf
from ogi.normalize import correct_report, document_to_report
from ogi.normalize.ocr_misreads import LOW_CONFIDENCE, find_misreads
from ogi.schemas import CellValue, Document, MissingDependency, Report, Table

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
R01 = REAL / "r01_huaian_szf_2024.pdf"
TABLE_PAGES = (3, 5)  # r01's three tables are printed on pages 3 to 5


def _expected() -> dict[str, Any]:
    return json.loads((REAL / "r01_huaian_szf_2024.pdf.expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scan") / "r01.scan.pdf"
    return scan_pdf(R01, out, ScanStyle(dpi=170, skew=0.5, noise=8.0, blur=0.5, jpeg_quality=75), seed=3,
                    pages=TABLE_PAGES)


@pytest.fixture(scope="module")
def document(scan: Path) -> Document:
    return read_document(scan)


@pytest.fixture(scope="module")
def report(document: Document) -> Report:
    return document_to_report(document)


def test_scan_has_no_text_layer(scan: Path) -> None:
    text = subprocess.run(["pdftotext", str(scan), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip() == ""


def test_scanned_cells_match_the_printed_values(report: Report) -> None:
    expected = _expected()["cells"]
    got = {c.key: c.value for c in report.cells if c.key in expected}
    exact = sum(got[k] == expected[k] for k in got)
    nonzero = [k for k, v in expected.items() if v]
    # The issue's acceptance (>= 98% of all and of non-zero cells). Measured on this scan (docs/ocr.md):
    # 200/200 exact (144/200 before misread labels were placed by another reading or by the grid's row order).
    assert exact / len(expected) >= 0.98, exact
    assert sum(got.get(k) == expected[k] for k in nonzero) / len(nonzero) >= 0.98
    assert len(got) - exact <= 2, [(k, got[k], expected[k]) for k in got if got[k] != expected[k]]


def test_every_cell_carries_an_ocr_confidence(report: Report) -> None:
    assert report.cells
    assert all(c.confidence is not None and 0.0 <= c.confidence <= 1.0 for c in report.cells)


def test_every_wrong_cell_is_low_confidence_or_flagged(report: Report) -> None:
    expected = _expected()["cells"]
    flagged = {k for f in report.findings for k in f.cells}
    wrong = [c for c in report.cells if c.key in expected and c.value != expected[c.key]]
    unexplained = [c for c in wrong if (c.confidence or 0) >= LOW_CONFIDENCE and c.key not in flagged]
    assert not unexplained, [(c.key, c.raw, c.confidence) for c in unexplained]


def test_table_cells_from_ocr_keep_the_grid(document: Document) -> None:
    doc = document
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert doc.properties and dict(doc.properties)["image_only_pages"] == "1,2,3"
    requests = max(tables, key=lambda t: t.n_rows)
    assert requests.n_cols >= 9  # two label columns, six applicant columns and the total
    assert all(c.confidence is not None for t in tables for c in t.cells)


def _r01_cells() -> list[CellValue]:
    return list(ogi.read(R01).cells)


def test_one_low_confidence_misread_is_found_and_corrected_on_request() -> None:
    cells = _r01_cells()
    key = "requests/granted/natural_person"
    cells = [replace(c, value=1238, raw="1238", confidence=0.41) if c.key == key
             else replace(c, confidence=0.95) for c in cells]
    [finding] = find_misreads(cells, "2021")
    assert (finding.code, finding.cells, finding.published, finding.expected) == ("ocr_misread", (key,), 1238, 1288)
    assert "'1238'" in finding.message and "0.41" in finding.message
    report = Report("x", "pdf", ogi.read(R01).metadata, (), tuple(cells), (), (finding,), ogi.read(R01).status)
    fixed = correct_report(report).cell("requests", "granted", "natural_person")
    assert fixed is not None and (fixed.value, fixed.note, fixed.raw) == (1288, "ocr_corrected", "1238")
    assert report.cell("requests", "granted", "natural_person").value == 1238  # type: ignore[union-attr]


def test_a_misread_of_a_confident_cell_is_not_guessed() -> None:
    cells = [replace(c, value=1238, confidence=0.97) if c.key == "requests/granted/natural_person"
             else replace(c, confidence=0.95) for c in _r01_cells()]
    assert find_misreads(cells, "2021") == []


def test_two_suspects_that_could_each_repair_it_are_not_guessed() -> None:
    # admin review: upheld is misread and both it and the total are low-confidence; changing either makes H4
    # hold, so no single reading is suggested
    low = {"review_litigation/admin_review/upheld", "review_litigation/admin_review/total"}
    cells = [replace(c, value=(c.value or 0) + 5 if c.key == "review_litigation/admin_review/upheld" else c.value,
                     confidence=0.5 if c.key in low else 0.95) for c in _r01_cells()]
    assert find_misreads(cells, "2021") == []
    cells = [replace(c, confidence=0.95) if c.key == "review_litigation/admin_review/total" else c for c in cells]
    [finding] = find_misreads(cells, "2021")
    assert (finding.cells, finding.expected) == (("review_litigation/admin_review/upheld",), 72)


def test_missing_tesseract_names_the_install_command(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "tesseract" else real_which(name))
    with pytest.raises(MissingDependency, match="apt-get install tesseract-ocr tesseract-ocr-chi-sim"):
        read_document(scan)


def test_missing_opencv_names_the_install_extra(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "cv2" else real(name, *a))
    with pytest.raises(MissingDependency, match=r"pip install 'ogi\[ocr\]'"):
        read_document(scan)


def test_drawn_scan_styles_stay_in_the_issue_ranges() -> None:
    import random

    rng = random.Random(7)
    styles = [ScanStyle.draw(rng) for _ in range(200)]
    assert {s.dpi for s in styles} == {150, 170, 200}
    assert all(abs(s.skew) <= 1.0 and s.noise > 0 and s.blur > 0 and 55 <= s.jpeg_quality <= 85 and s.seal
               for s in styles)
    assert min(s.skew for s in styles) < -0.8 and max(s.skew for s in styles) > 0.8
