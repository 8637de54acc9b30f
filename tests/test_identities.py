"""Identities H1–H5, the likely culprit, and the narrative soft check, on small hand-made tables."""

from __future__ import annotations

from ogi.normalize.identities import check_identities
from ogi.normalize.messages import render
from ogi.normalize.narrative import narrative_findings
from ogi.schemas import FINDING_CODES, CellValue, Section, load_catalogue

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org"]


def _requests(version: str = "2021", overrides: dict[tuple[str, str], float | None] | None = None) -> list[CellValue]:
    """A consistent table: 2 natural-person requests granted, 1 carried forward."""
    rows = [r.key for r in load_catalogue().table("requests").version(version).rows]
    base = {("new_received", "natural_person"): 3, ("granted", "natural_person"): 2,
            ("total_processed", "natural_person"): 2, ("carried_forward", "natural_person"): 1}
    cells = []
    for r in rows:
        row_vals = {c: base.get((r, c), 0) for c in APPLICANTS}
        row_vals["total"] = sum(row_vals.values())
        for c, v in row_vals.items():
            value = (overrides or {}).get((r, c), v)
            cells.append(CellValue("requests", r, c, value, "" if value is None else str(value)))
    return cells


def _codes(cells: list[CellValue], version: str = "2021") -> list[str]:
    return sorted(f"{f.code}:{f.scope}" for f in check_identities(cells, version))


def test_consistent_table_has_no_findings() -> None:
    assert _codes(_requests()) == []
    assert _codes(_requests("2019"), "2019") == []


def test_single_wrong_cell_is_named_with_the_value_that_satisfies_both() -> None:
    cells = _requests(overrides={("granted", "commercial_enterprise"): 4})
    findings = check_identities(cells, "2021")
    assert sorted(f"{f.code}:{f.scope}" for f in findings if f.code != "likely_culprit") == [
        "H2:commercial_enterprise", "H3:granted"]
    culprit = [f for f in findings if f.code == "likely_culprit"]
    assert [(f.cells, f.published, f.expected) for f in culprit] == [
        (("requests/granted/commercial_enterprise",), 4, 0)]


def test_h1_and_h3_meet_at_carried_forward() -> None:
    cells = _requests(overrides={("carried_forward", "natural_person"): 5})
    culprit = [f for f in check_identities(cells, "2021") if f.code == "likely_culprit"]
    assert [(f.cells, f.expected) for f in culprit] == [(("requests/carried_forward/natural_person",), 1)]


def test_blank_total_over_filled_parts_is_a_warning_of_its_own_code() -> None:
    cells = _requests(overrides={("granted", "total"): None})
    found = {f.code: f for f in check_identities(cells, "2021")}
    assert [(f.code, f.severity, f.scope) for f in found.values()] == [
        ("H2", "error", "total"), ("blank_total", "warning", "H3:granted"), ("likely_culprit", "error",
                                                                              "H3:granted+H2:total")]
    assert "印为 空白；若为 2" in found["likely_culprit"].message
    assert found["blank_total"].message == ("（一）予以公开：自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，"
                                "但总计为 空白；报告未印该数，无法核对，不算错误")


def test_printed_zero_total_is_an_error_with_labels_values_and_page() -> None:
    cells = [c if c.key != "requests/granted/total" else CellValue("requests", "granted", "total", 0, "0", page=4)
             for c in _requests(overrides={("granted", "commercial_enterprise"): None})]
    found = {f.code: f for f in check_identities(cells, "2021")}
    assert found["H3"].severity == "error" and found["H3"].page == 4
    assert found["H3"].message == ("（一）予以公开：自然人 2 + 商业企业 空白 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，"
                                   "但总计为 0（第 4 页）")
    by_key = {c.key: c for c in cells}
    assert render(found["H3"], by_key, "en") == (
        "（一）予以公开: 自然人 (granted/natural_person) 2 + 商业企业 (granted/commercial_enterprise) blank + "
        "科研机构 (granted/research_institution) 0 + 社会公益组织 (granted/public_interest_org) 0 + "
        "法律服务机构 (granted/legal_service_org) 0 + 其他 (granted/other_org) 0 = 2, "
        "but 总计 (granted/total) is 0 (page 4)")
    assert render(found["likely_culprit"], by_key, "en") == (
        "likely culprit requests/granted/total (（一）予以公开/总计, granted/total) is printed as 0; "
        "H3:granted and H2:total both hold if it is 2")
    gone = {k: v for k, v in by_key.items() if k != "requests/granted/other_org"}
    assert "其他 未提取" in render(found["H3"], gone)


def test_every_code_produced_is_catalogued() -> None:
    cells = _requests(overrides={("granted", "total"): None, ("new_received", "natural_person"): 9})
    assert {f.code for f in check_identities(cells, "2021")} <= set(FINDING_CODES)


def test_blanks_count_as_zero_when_both_sides_print_numbers() -> None:
    cells = _requests(overrides={("granted", "commercial_enterprise"): None})
    assert _codes(cells) == []


def test_h4_and_h5() -> None:
    rev = [CellValue("review_litigation", "admin_review", c, v, str(v)) for c, v in
           [("upheld", 1), ("corrected", 1), ("other_result", 0), ("pending", 0), ("total", 3)]]
    bad = [CellValue("requests", "granted", "natural_person", -2, "-2"),
           CellValue("active_disclosure", "licensing", "items_change", -1237, "减1237"),
           CellValue("active_disclosure", "fees", "fee_amount", 250000.0, "250000")]
    findings = check_identities(rev + bad, "2021")
    assert sorted(f"{f.code}:{f.scope}" for f in findings if f.code == "H4") == ["H4:admin_review"]
    assert [f.cells for f in findings if f.code == "H5"] == [("requests/granted/natural_person",)]
    assert [f.cells for f in findings if f.code == "unit_suspect"] == [("active_disclosure/fees/fee_amount",)]


def test_2021_table_printing_other_as_one_row_sums_other() -> None:
    cells = [c for c in _requests("2019")]
    cells = [c if c.row != "other" else CellValue("requests", "other", c.column, 0, "0") for c in cells]
    assert _codes(cells, "2021") == []


def test_narrative_mismatch() -> None:
    cells = [CellValue("requests", "new_received", "total", 34, "34")]
    assert narrative_findings([Section("overview", "一、总体情况", "全年收到政府信息公开申请 34 件。")], cells) == []
    found = narrative_findings([Section("requests", "三", "共受理政府信息公开申请35件")], cells)
    assert [(f.code, f.expected) for f in found] == [("narrative_mismatch", 35)]
