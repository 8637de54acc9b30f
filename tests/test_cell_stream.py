"""One cell per line: LibreOffice's text export of a DOCX (``extract/text_stream.py``), and the outputs of the
same kind that are not a cell stream (pdftotext's column order, lynx's indented cells), which must stay unread
rather than misread.

The literal snippets are cut from real ``soffice --convert-to txt`` output of generated reports; the last tests
run the real tool at test time on two generated DOCX reports (2019 template, and 2021 table 二 with the 2021
requests and review tables) and score the text against the generator's expected values.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from ogi.bench.run import run_benchmark
from ogi.extract import text_stream
from ogi.extract.text import text_to_document
from ogi.extract.text_stream import stream_table
from ogi.generate.converters import convert_report
from ogi.normalize.pipeline import document_to_report
from ogi.schemas import Report, Table

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "samples" / "generated"

# Table 三 as LibreOffice writes it (gen001_2022.docx): a blank cell is an empty line, the covered slots of
# the merged group cells (三、本年度办理结果, （三）不予公开) are empty lines before the next row's label.
REQUESTS = """\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况

自然人
法人或者其他组织
总计


商业
企业
科研
机构
社会公益
组织
法律服务
机构
其它

一、本年新收政府信息公开申请数量
６
３
０
０
０
０
９
二、上年结转政府信息公开申请数量







三、本年度办理结果
（一）予以公开
３
０
０
０
０
０
３

（二）部分公开（区分处理的，只计这一
情况，不计其他情况）
１





１

（三）不予公开
（1）属于国家秘密









（2）其他法律行政法规禁止公开
０
０
０
０
０
０
０


（四）无法提供
（1）本机关不掌握相关政府信息

２




２

四、政府信息公开行政复议、行政诉讼情况
"""


def test_doctests() -> None:
    assert doctest.testmod(text_stream).failed == 0


def _report(text: str) -> Report:
    return document_to_report(text_to_document(text, "t.txt"))


def _cells(report: Report, table: str) -> dict[tuple[str, str], object]:
    return {(c.row, c.column): c.value for c in report.cells if c.table == table}


def test_rows_keep_blank_cells_in_place() -> None:
    lines = REQUESTS.split("\n")
    table, end = stream_table(lines, 0)
    assert table is not None
    assert lines[end] == "四、政府信息公开行政复议、行政诉讼情况"  # the section heading ends the table
    rows = [[c.text for c in r] for r in table.rows()]
    assert rows[3] == ["一、本年新收政府信息公开申请数量", "６", "３", "０", "０", "０", "０", "９"]
    assert rows[4] == ["二、上年结转政府信息公开申请数量", "", "", "", "", "", "", ""]
    # the label's second paragraph joins its first; the trailing empty line is a covered slot, left to normalize
    assert rows[6] == ["（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "１", "", "", "", "", "", "１", ""]
    assert rows[7][:2] == ["（三）不予公开", "（1）属于国家秘密"] and rows[7][2:] == [""] * 9
    assert rows[-1] == ["（四）无法提供", "（1）本机关不掌握相关政府信息", "", "２", "", "", "", "", "２", ""]


def test_requests_values_exact_with_blanks() -> None:
    cells = _cells(_report(REQUESTS), "requests")
    assert [cells[("new_received", c)] for c in ("natural_person", "commercial_enterprise", "total")] == [6, 3, 9]
    assert [cells[("partially_granted", c)] for c in ("natural_person", "commercial_enterprise", "other_org",
                                                      "total")] == [1, None, None, 1]
    assert [cells[("unable_not_held", c)] for c in ("natural_person", "commercial_enterprise",
                                                    "research_institution", "total")] == [None, 2, None, 2]
    assert all(cells[("denied_state_secret", c)] is None for c in ("natural_person", "total"))
    assert cells[("denied_law_prohibited", "total")] == 0
    assert all(cells[("carried_over", c)] is None for c in ("natural_person", "other_org", "total"))


ACTIVE_2021 = """\
根据《条例》第二十条规定，现将主动公开政府信息情况统计如下：
第二十条第(一)项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
—
—
—
行政规范性文件
2
0
133
第二十条第(五)项
信息内容
本年处理决定数量
行政许可
6011
第二十条第(九)项
信息内容
采购项目数量
采购总金额
政府集中采购
39
2111.32（万元）
三、收到和处理政府信息公开申请情况
"""


def test_active_2021_header_inside_the_first_row() -> None:
    """The header cells run into the first data row's label lines; the 2021 columns still come from them."""
    report = _report(ACTIVE_2021)
    cells = _cells(report, "active_disclosure")
    assert cells[("normative_documents", "issued")] == 2
    assert cells[("normative_documents", "repealed")] == 0
    assert cells[("normative_documents", "in_force")] == 133
    assert cells[("regulations", "issued")] is None
    assert cells[("licensing", "decisions")] == 6011
    assert cells[("procurement", "procurement_items")] == 39
    assert cells[("procurement", "procurement_amount")] == 2111.32
    assert {c.template for c in report.cells if c.table == "active_disclosure"} == {"2021"}


def test_signed_changes_are_values() -> None:
    text = "第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n9\n减9\n3685\n" \
           "其他对外管理服务事项\n100\n+13\n839\n三、收到和处理政府信息公开申请情况\n"
    cells = _cells(_report(text), "active_disclosure")
    assert [cells[("licensing", c)] for c in ("items_last_year", "items_change", "decisions")] == [9, -9, 3685]
    assert cells[("other_services", "items_change")] == 13


def test_pdftotext_page_separated_text_is_not_a_cell_stream() -> None:
    """pdftotext (default) prints a column of labels, then the numbers, with a form feed after each page:
    the cells' order is lost, so none of it is read as a stream (nothing placed, nothing wrong)."""
    text = "信息内容\n行政许可\n信息内容\n行政事业性收费\n\n10\n7\n第二十条第(五)项\n本年处理决定数量\n3,254\n\f"
    assert not [b for b in text_to_document(text, "t.txt").blocks if isinstance(b, Table)]
    assert not _cells(_report(text), "active_disclosure")


def test_two_labels_of_one_ordinal_style_are_no_stream() -> None:
    lines = ["（2）其他法律行政法规禁止公开", "（3）危及“三安全一稳定”", "", "0", "0", "", "0", "0", "", "0", "0", "", "0"]
    assert stream_table(lines, 0) == (None, 0)


def test_indented_cells_are_lynx_not_a_stream() -> None:
    lines = ["   2、其他法律行政法规禁止公开", "", "", "   1", "", "", "", "", "", "   1", "", "   3、危及三安全一稳定"]
    assert stream_table(lines, 0) == (None, 0)


def test_prose_and_short_lists_stay_paragraphs() -> None:
    doc = text_to_document("一、总体情况\n本机关全年发布信息423条。\n联系人：张三\n电话\n12345\n", "t.txt")
    assert not [b for b in doc.blocks if isinstance(b, Table)]


@pytest.mark.parametrize("name", ["gen040_2019.docx", "gen005_2022.docx"])
def test_real_soffice_text_exact(name: str, tmp_path: Path) -> None:
    convert_report(GENERATED / name, tmp_path, ("soffice-txt",))
    result = run_benchmark([tmp_path])
    [score] = result.scores
    assert score.converter == "soffice-txt" and score.error is None
    assert [(p.kind, p.key, p.expected, p.got) for p in score.problems] == []
    assert score.total.cells_right == score.total.cells_expected > 150


def test_pdftotext_raw_review_row_of_numbers_only() -> None:
    """pdftotext -raw prints table 四's one row as a line of fifteen numbers with no label (its header is
    one character a line above it): a line of numbers only is a row without a label, placed in printed order."""
    header = "\n".join("结果维持结果纠正其他结果尚未审结总计")
    text = (f"四、政府信息公开行政复议、行政诉讼情况\n-3-\n行政复议 行政诉讼\n{header}\n未经复议直接起诉 复议后起诉\n"
            f"{header}\n{header}\n0 0 0 0 0 1 0 0 0 1 0 0 0 0 0\n五、存在的主要问题及改进情况\n")
    cells = _cells(_report(text), "review_litigation")
    assert [cells[("litigation_direct", c)] for c in ("upheld", "corrected", "other_result", "pending",
                                                      "total")] == [1, 0, 0, 0, 1]
    assert cells[("admin_review", "total")] == 0 and cells[("litigation_after_review", "total")] == 0
    assert len(cells) == 15


# pdftotext (default) of gen021_2023.docx, table 二, with its form feeds removed (as a copy would lose them):
# the labels come as a column, the numbers after them belong to other rows (10 and 7 are the 规范性文件 row).
PDFTOTEXT_ACTIVE = """\
二、主动公开政府信息情况
信息内容
规章(设区的市、自治州人民政

第二十条第(一)项
本年制发
件数
—

—2—

本年废止
件数
—

现行有效
件数
—

府应提供相关数据)
行政规范性文件
信息内容
行政许可
信息内容
行政处罚
行政强制
信息内容
行政事业性收费

10
7
第二十条第(五)项
本年处理决定数量
3,254
三、收到和处理政府信息公开申请情况
"""


def test_labels_of_several_rows_run_together_place_nothing() -> None:
    """Without the form feeds the run reads as a stream, but its row 行政事业性收费 carries the labels of
    行政许可, 行政处罚, 行政强制 before it: whose numbers follow is not fixed, so nothing is emitted."""
    report = _report(PDFTOTEXT_ACTIVE)
    assert not _cells(report, "active_disclosure")
    assert any(f.code == "unplaced_row" and "行政事业性收费" in f.message for f in report.findings)


def test_a_huge_stream_row_is_refused_by_the_caps(tmp_path: Path) -> None:
    from ogi.api import read
    from ogi.schemas import OgiError

    path = tmp_path / "wide.txt"
    path.write_text("说明：\n规章\n" + "0\n" * 60_000 + "结束。\n", encoding="utf-8")
    with pytest.raises(OgiError):
        read(path)
