"""Every real sample against its hand-checked expected values: every cell, blanks as null with
their note, metadata, template per table, identity findings and culprits, unplaced rows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import ogi
from ogi.schemas import Report

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
CRAWLER = [  # flattened crawler texts: cells run together, settled by the identities or flagged
    "r07_pingtan_2019.txt",
    "r21_pingtan_gwhbgs_2022.txt",
    "r24_pingtan_jtj_2022.txt",
    "r29_pingtan_xzspj_2020.txt",
    "r31_pingtan_gaj_2021.txt",
    "r33_pingtan_xzspj_2023.txt",
]
SAMPLES = [
    "000_ff3c35068f44430d.txt",
    "r14_sh_szfbgt_2019.html",
    "r05_sh_kewei_2024.md",
    "r01_huaian_szf_2024.pdf",
    "r07_pingtan_2019.txt",
    "blank_template_2021_format.docx",
    *CRAWLER[1:],
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
    assert (report.metadata.agency, report.metadata.agency_source) == ("区政务服务办", "text")  # named only in the body
    culprit = [f for f in report.findings if f.code == "likely_culprit"]
    assert [(f.cells, f.published, f.expected) for f in culprit] == [(("requests/granted/total",), 0, 5)]
    h3 = next(f for f in report.findings if f.code == "H3")
    assert h3.message == ("（一）予以公开：自然人 5 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 5，"
                          "但总计为 0")
    assert "requests/granted/total" in culprit[0].message and "若为 5" in culprit[0].message


def test_r05_rows_without_labels_placed_by_order() -> None:
    """The converter scattered ten labels into loose lines; each number row sits in a gap of the
    template's row order that fits it exactly, so order places it (and says so)."""
    report = ogi.read(REAL / "r05_sh_kewei_2024.md")
    assert not [f for f in report.findings if f.code == "unplaced_row"]
    by_order = {c.row for c in report.cells if c.placed_by == "order"}
    assert by_order == {"partially_granted", "denied_law_prohibited", "denied_internal_affairs", "unable_not_held",
                        "unable_needs_creation", "unable_unclear", "not_processed_excessive",
                        "not_processed_confirmation", "other_no_correction", "other_fee_unpaid"}
    assert report.value("requests/other_no_correction/total") == 10
    assert report.value("requests/unable_needs_creation/natural_person") == 6


@pytest.mark.parametrize("name", CRAWLER)
def test_crawler_undetermined_cells_are_flagged_never_emitted(name: str) -> None:
    """Where the text and the template's constraints cannot settle a split, the expected file lists
    the cell under ``undetermined``: ogi emits no value for it and an unplaced_value finding names it
    with every candidate the expected file lists."""
    report, exp = ogi.read(REAL / name), _expected(name)
    undetermined: dict[str, list[int | float]] = exp["undetermined"]
    emitted = {c.key for c in report.cells}
    assert not emitted & set(undetermined)
    flagged = {f.cells[0]: f.message for f in report.findings if f.code == "unplaced_value"}
    assert set(flagged) == set(undetermined)
    for key, candidates in undetermined.items():
        shown = re.search(r"this cell is (.*?) depending", flagged[key])
        assert shown is not None, flagged[key]
        printed = {float(v.removesuffix("元")) for v in shown.group(1).split(" or ") if v.removesuffix("元")[:1].isdigit()}
        assert printed == {float(v) for v in candidates}, key


def test_crawler_cells_settled_by_identities_say_so() -> None:
    report = ogi.read(REAL / "r21_pingtan_gwhbgs_2022.txt")
    by_identity = {c.key for c in report.cells if c.placed_by == "identity"}
    assert "requests/new_received/natural_person" in by_identity
    assert "requests/total_processed/total" in by_identity
    assert report.cell("requests", "granted", "natural_person").placed_by == "label"  # type: ignore[union-attr]
