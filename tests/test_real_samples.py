"""Every real sample against its hand-checked expected values: every cell, blanks as null with
their note, metadata, template per table, identity findings and culprits, unplaced rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ogi
from ogi.schemas import Report

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
SAMPLES = [
    "000_ff3c35068f44430d.txt",
    "r14_sh_szfbgt_2019.html",
    "r05_sh_kewei_2024.md",
    "r01_huaian_szf_2024.pdf",
    "r07_pingtan_2019.txt",
    "blank_template_2021_format.docx",
]


def _expected(name: str) -> dict[str, Any]:
    return json.loads((REAL / f"{name}.expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=SAMPLES)
def case(request: pytest.FixtureRequest) -> tuple[Report, dict[str, Any]]:
    return ogi.read(REAL / request.param), _expected(request.param)


def test_every_cell_exactly(case: tuple[Report, dict[str, Any]]) -> None:
    report, exp = case
    got = {c.key: c.value for c in report.cells}
    assert got == exp["cells"]


def test_blank_notes(case: tuple[Report, dict[str, Any]]) -> None:
    report, exp = case
    notes = {c.key: c.note for c in report.cells if c.value is None}
    assert notes == exp.get("notes", {})


def test_metadata_and_templates(case: tuple[Report, dict[str, Any]]) -> None:
    report, exp = case
    assert report.metadata.year == exp["year"]
    assert report.metadata.agency == exp["agency"]
    assert {t.key: t.template for t in report.tables} == exp["templates"]


def test_findings(case: tuple[Report, dict[str, Any]]) -> None:
    report, exp = case
    identities = sorted(f"{f.code}:{f.scope}" for f in report.findings if f.code in {"H1", "H2", "H3", "H4"})
    culprits = sorted(c for f in report.findings if f.code == "likely_culprit" for c in f.cells)
    assert identities == sorted(exp["findings"]["identities"])
    assert culprits == sorted(exp["findings"]["culprits"])
    blanks = sorted(f.scope for f in report.findings if f.code == "blank_total")
    assert blanks == sorted(exp["findings"].get("blank_totals", []))
    assert all(f.severity == "warning" for f in report.findings if f.code == "blank_total")
    assert sum(f.code == "unplaced_row" for f in report.findings) == exp.get("unplaced_rows", 0)


def test_seed_acceptance_values() -> None:
    """The values the issue names, spelled out."""
    report = ogi.read(REAL / "000_ff3c35068f44430d.txt")
    assert len(report.cells) == 198
    assert report.value("active_disclosure/licensing/items_change") == -1237
    assert report.value("active_disclosure/procurement/procurement_amount") == 1.795
    assert report.value("requests/granted/natural_person") == 5
    assert report.value("requests/granted/total") == 0
    assert report.metadata.year == 2020
    culprit = [f for f in report.findings if f.code == "likely_culprit"]
    assert [(f.cells, f.published, f.expected) for f in culprit] == [(("requests/granted/total",), 0, 5)]
    h3 = next(f for f in report.findings if f.code == "H3")
    assert h3.message == ("（一）予以公开：自然人 5 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 5，"
                          "但总计为 0")
    assert "requests/granted/total" in culprit[0].message and "若为 5" in culprit[0].message


def test_r05_garbled_rows_are_reported_never_guessed() -> None:
    report = ogi.read(REAL / "r05_sh_kewei_2024.md")
    unplaced = [f for f in report.findings if f.code == "unplaced_row"]
    assert len(unplaced) == 10
    assert report.cell("requests", "denied_law_prohibited", "total") is None
    assert report.status.value == "partial"
