"""Table 二's template version decided by evidence (issue 10): a header broken over lines is joined, a row
whose columns exist in both versions (规章, 规范性文件: three columns in each) takes the version the rest of the
table names, and where the table names none or both, its values are not emitted under either key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi.extract.text import text_to_document
from ogi.generate.converters import convert_report
from ogi.normalize.pipeline import document_to_report
from ogi.schemas import Report

ROOT = Path(__file__).resolve().parent.parent

# pdftotext -raw (poppler) of the LibreOffice PDF of samples/generated/gen021_2023.docx, table 二 verbatim:
# the header cells wrap (本年制发 / 件数 …) and the page footer splits the 规章 label.
PDFTOTEXT_RAW_ACTIVE = """\
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年制发
件数
本年废止
件数
现行有效
件数
规章(设区的市、自治州人民政 — — —
— 2 —
府应提供相关数据)
行政规范性文件 10 7 213
第二十条第(五)项
信息内容 本年处理决定数量
行政许可 3,254
第二十条第(六)项
信息内容 本年处理决定数量
行政处罚 2,424
行政强制 96
第二十条第(八)项
信息内容 本年收费金额(单位：万元)
行政事业性收费 0
三、收到和处理政府信息公开申请情况
"""


def _report(text: str) -> Report:
    return document_to_report(text_to_document(text, "t.txt"))


def _active(report: Report) -> dict[tuple[str, str], object]:
    return {(c.row, c.column): c.value for c in report.cells if c.table == "active_disclosure"}


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.table == "active_disclosure"]


def test_pdftotext_raw_header_broken_over_lines_is_2021() -> None:
    cells = _active(_report(PDFTOTEXT_RAW_ACTIVE))
    assert cells == {
        ("regulations", "issued"): None, ("regulations", "repealed"): None, ("regulations", "in_force"): None,
        ("normative_documents", "issued"): 10, ("normative_documents", "repealed"): 7,
        ("normative_documents", "in_force"): 213,
        ("licensing", "decisions"): 3254, ("penalties", "decisions"): 2424, ("coercion", "decisions"): 96,
        ("fees", "fee_amount"): 0,
    }


def test_lynx_header_broken_over_lines_exact(tmp_path: Path) -> None:
    """lynx -dump of the generated 2022 HTML wraps the header two cells a line (信息内容 本年制发 / 件数 本年废止 …)."""
    source = ROOT / "samples" / "generated" / "gen026_2022.html"
    (path,) = convert_report(source, tmp_path, ("lynx",))
    cells = _active(_report(path.read_text(encoding="utf-8")))
    assert {k: v for k, v in cells.items() if k[0] in ("regulations", "normative_documents")} == {
        ("regulations", "issued"): None, ("regulations", "repealed"): None, ("regulations", "in_force"): None,
        ("normative_documents", "issued"): 19, ("normative_documents", "repealed"): 11,
        ("normative_documents", "in_force"): 84,
    }


def test_rows_of_one_version_decide_the_headerless_rows() -> None:
    """No header names columns; 行政许可 with three values exists only as a 2019 row, so 规章 is 2019 too."""
    text = ("二、主动公开政府信息情况\n规章 1 2 3\n规范性文件 4 5 6\n行政许可 7 -1 8\n"
            "三、收到和处理政府信息公开申请情况\n")
    cells = _active(_report(text))
    assert cells[("regulations", "newly_made")] == 1 and cells[("normative_documents", "total_published")] == 6
    assert cells[("licensing", "items_change")] == -1
    assert "undecided_version" not in _codes(_report(text))


@pytest.mark.parametrize("evidence", ["", "行政许可 7 -1 8\n行政处罚 9\n"], ids=["none", "conflicting"])
def test_undecided_version_emits_nothing_under_either_key(evidence: str) -> None:
    """Only rows of three columns (both versions), or one 2019 and one 2021 row: the version is a finding
    and no value of 规章 / 规范性文件 is emitted under 2019 or 2021 keys."""
    text = f"二、主动公开政府信息情况\n规章 1 2 3\n规范性文件 4 5 6\n{evidence}三、收到和处理政府信息公开申请情况\n"
    report = _report(text)
    cells = _active(report)
    assert [k for k in cells if k[0] in ("regulations", "normative_documents")] == []
    assert _codes(report).count("undecided_version") == 2


def test_pdftotext_raw_real_tool(tmp_path: Path) -> None:
    """The same through LibreOffice and poppler's pdftotext -raw themselves."""
    source = ROOT / "samples" / "generated" / "gen021_2023.docx"
    (path,) = convert_report(source, tmp_path, ("pdftotext-raw",))
    cells = _active(_report(path.read_text(encoding="utf-8")))
    assert cells[("normative_documents", "issued")] == 10 and cells[("normative_documents", "in_force")] == 213
    assert not any(col in ("newly_made", "newly_published", "total_published") for _, col in cells)
