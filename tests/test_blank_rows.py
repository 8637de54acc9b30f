"""Rows printed as their label alone are rows of blank cells only where the whole table rules out the other
readings (a wrapped label, numbers printed elsewhere, a group heading): ``normalize.blank_rows``."""

from __future__ import annotations

import doctest

from ogi.extract import text_sparse
from ogi.extract.text import text_to_document
from ogi.normalize import blank_rows as blank_rows_module
from ogi.normalize.blank_rows import blank_rows
from ogi.normalize.matcher import Match
from ogi.normalize.pipeline import document_to_report
from ogi.normalize.requests_table import _candidates, _match
from ogi.normalize.rows import SourceRow, SourceValue
from ogi.schemas import Report, load_catalogue

HEAD = ["三、收到和处理政府信息公开申请情况", "",
        "   申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
ROWS = [
    "   一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4",
    "   二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
    "   三、本年度办理结果 （一）予以公开 2 1 0 0 0 0 3",
    "   （二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1",
]


def _report(lines: list[str]) -> Report:
    text = "\n".join(["某县人民政府2022年政府信息公开工作年度报告", "", *HEAD, *lines, "", "四、其他", ""])
    return document_to_report(text_to_document(text, "x.txt"))


def _row(report: Report, row: str) -> dict[str, object]:
    return {c.column: c.value for c in report.cells if c.table == "requests" and c.row == row}


def test_label_alone_between_value_rows_is_blank() -> None:
    report = _report([*ROWS, "   （三）不予公开 1.属于国家秘密", "   2.其他法律行政法规禁止公开",
                      "   3.危及“三安全一稳定” 0 0 0 0 0 0 0"])
    assert _row(report, "denied_state_secret") == dict.fromkeys(_row(report, "granted"), None)
    assert len(_row(report, "denied_law_prohibited")) == 7
    assert _row(report, "denied_security_stability")["total"] == 0


def test_numbers_without_a_label_anywhere_in_the_table_disable_it() -> None:
    """Numbers on a line of their own (a converter that printed labels and numbers apart) may be any label's:
    while the table has such a row, no label alone is read as blanks."""
    cands = {c.key: c for c in _candidates()}
    order = [r.key for r in load_catalogue().table("requests").version("2021").rows]

    def row(label: str, group: str | None, *values: str) -> tuple[SourceRow, Match | None]:
        return SourceRow((label,) if label else (), tuple(SourceValue(v) for v in values)), _match(label, group)

    seven = ("1", "", "", "", "", "", "1")
    printed = [row("（一）予以公开", None, *seven), row("（二）部分公开", None, *seven),
               row("1.属于国家秘密", "denied"), row("2.其他法律行政法规禁止公开", "denied"),
               row("3.危及“三安全一稳定”", "denied", *seven)]
    assert [m.key for _, m in blank_rows(printed, cands, order, 7)] == ["denied_state_secret", "denied_law_prohibited"]
    assert blank_rows([*printed, row("", None, *seven)], cands, order, 7) == []
    twice = [*printed[:3], row("1.属于国家秘密", "denied"), *printed[3:]]  # which one is the row? neither is read
    assert [m.key for _, m in blank_rows(twice, cands, order, 7)] == ["denied_law_prohibited"]


def test_label_alone_with_an_unnumbered_line_after_it_is_one_wrapped_label() -> None:
    """An unnumbered line after a numbered label alone continues that label (the reader joins them,
    ``extract.text_wrapped``); followed by the next item of its level, the joined label is a row of blanks."""
    report = _report([*ROWS, "   （三）不予公开 1.属于国家秘密", "   续行文字",
                      "   2.其他法律行政法规禁止公开 0 0 0 0 0 0 0"])
    assert _row(report, "denied_state_secret") == dict.fromkeys(_row(report, "granted"), None)
    assert {c.label for c in report.cells if c.row == "denied_state_secret"} == {"属于国家秘密续行文字"}


def test_rows_that_print_fewer_cells_still_read_labels_alone_by_their_level() -> None:
    """A table whose rows print only their numbers (pdftotext -raw: a blank cell is nothing) does not show
    its blank cells, so ``normalize.blank_rows`` stays off; a numbered label alone followed by the next item
    of its level is still a row of blanks (the reader's rule, ``extract.text_wrapped.blank_label_rows``), and
    the short row keeps only what the identities fix."""
    report = _report([*ROWS[:3], "   （二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 1",
                      "   （三）不予公开 1.属于国家秘密", "   2.其他法律行政法规禁止公开",
                      "   3.危及“三安全一稳定” 0 0 0 0 0 0 0"])
    blanks = dict.fromkeys(_row(report, "granted"), None)
    assert _row(report, "denied_state_secret") == blanks and _row(report, "denied_law_prohibited") == blanks
    assert _row(report, "partially_granted") == {"total": 1}


def test_group_heading_alone_is_not_a_row_of_blanks() -> None:
    """（六）其他处理 on its own line opens its items (2021); it is the 2019 row ``other`` only with cells."""
    report = _report([*ROWS, "   （三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0", "   （六）其他处理",
                      "   1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0",
                      "   （七）总计 3 1 0 0 0 0 4"])
    assert _row(report, "other") == {}
    assert _row(report, "other_no_correction")["total"] == 0


LYNX = [  # cells joined by one space, a blank cell one more space (lynx): 3 spaces are one blank cell
    "   一、本年新收政府信息公开申请数量 3 1   0 0 0 4",
    "   二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
    "   三、本年度办理结果 （一）予以公开 2 1 0 0 0 0 3",
    "   （七）总计 4 1 0 0 0 0 5",
]


def test_the_templates_last_row_printed_alone_as_the_tables_last_line_is_blank() -> None:
    report = _report([*LYNX, "   四、结转下年度继续办理"])
    assert _row(report, "carried_forward") == dict.fromkeys(_row(report, "granted"), None)
    assert _row(report, "new_received")["research_institution"] is None


def test_a_last_line_that_is_not_the_templates_last_row_stays_unread() -> None:
    report = _report([*LYNX[:3], "   （七）总计"])
    assert _row(report, "total_processed") == {}


SPARSE = [  # lynx of a table of blank cells with one number: no line of two numbers, trailing spaces dropped
    "   一、本年新收政府信息公开申请数量", "   二、上年结转政府信息公开申请数量", "   三、本年度办理结果 （一）予以公开",
    "   （二）部分公开（区分处理的，只计这一情形，不计其他情形）", "   （三）不予公开 1.属于国家秘密",
    "   2.其他法律行政法规禁止公开", "   3.危及“三安全一稳定”", "   4.保护第三方合法权益", "   5.属于三类内部事务信息",
    "   6.属于四类过程性信息", "   7.属于行政执法案卷", "   8.属于行政查询事项", "   （四）无法提供 1.本机关不掌握相关政府信息",
    "   2.没有现成信息需要另行制作", "   3.补正后申请内容仍不明确", "   （五）不予处理 1.信访举报投诉类申请", "   2.重复申请",
    "   3.要求提供公开出版物", "   4.无正当理由大量反复申请       10", "   5.要求行政机关确认或重新出具已获取信息",
    "   （六）其他处理", "   （七）总计", "   四、结转下年度继续办理",
]


def test_a_sparse_lynx_table_is_read_to_its_first_and_last_rows() -> None:
    report = _report(SPARSE)
    row = _row(report, "not_processed_excessive")
    assert row == {**dict.fromkeys(row, None), "public_interest_org": 10}  # 3 blanks before it, 3 dropped after
    assert _row(report, "new_received") == dict.fromkeys(row, None)  # the first row, after the header lines
    assert _row(report, "carried_forward") == dict.fromkeys(row, None)
    assert len([c for c in report.cells if c.table == "requests"]) == 23 * 7


def test_a_sparse_table_whose_number_is_not_after_an_odd_gap_is_not_read() -> None:
    padded = [line.replace("申请       10", "申请      10") for line in SPARSE]  # 6 spaces: padded, not joined
    assert [c for c in _report(padded).cells if c.table == "requests"] == []


def test_doctests() -> None:
    for module in (text_sparse, blank_rows_module):
        assert doctest.testmod(module).failed == 0
