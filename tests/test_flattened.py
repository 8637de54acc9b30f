"""Crawler flattenings: the whole table on one line. Every cell the text and the identities fix is
emitted with its printed value; blank cells, not-applicable marks and signed changes are read as
printed; what several readings allow is flagged with its candidates and never emitted."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi
from ogi.normalize.flattened import paragraph_to_rows, split_readings
from ogi.schemas import Paragraph

HEAD = ("标题: 某县统计局2019年政府信息公开工作年度报告\n==================== 正文 ====================\n"
        "一、总体情况 2019年，某县统计局认真贯彻落实《条例》。 二、主动公开政府信息情况 ")
ACTIVE = ("第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 — — — 规范性文件 0 0 0 "
          "第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 175 增37 3,392 "
          "其他对外管理服务事项 51 减16 788 ")
REQ_HEAD = ("三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 "
            "法律服务机构 其他 ")
BLANK_ROWS = ["（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "（1）属于国家秘密", "（2）其他法律行政法规禁止公开",
              "（3）危及三安全一稳定", "（4）保护第三方合法权益", "（5）属于三类内部事务信息"]


def _table3(row6: str) -> str:
    rows = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果 （一）予以公开",
            BLANK_ROWS[0], "（三）不予公开 " + BLANK_ROWS[1], *BLANK_ROWS[2:], f"（6）属于四类过程性信息 {row6}",
            "（7）属于行政执法案卷", "（8）属于行政查询事项", "（四）无法提供 （1）本机关不掌握相关政府信息",
            "（2）没有现成信息需要另行制作", "（3）补正后申请内容仍不明确", "（五）不予处理 （1）信访举报投诉类申请",
            "（2）重复申请", "（3）要求提供公开出版物", "（4）无正当理由大量反复申请", "（5）要求行政机关确认或重新出具已获取信息",
            "（六）其他处理", "（七）合计", "四、结转下年度继续办理"]
    return REQ_HEAD + "  ".join(rows) + " 四、政府信息公开行政复议、行政诉讼情况 "


def _read(tmp_path: Path, body: str) -> ogi.Report:
    path = tmp_path / "crawler.txt"
    path.write_text(HEAD + body + "五、存在的主要问题及改进情况 无。\n", encoding="utf-8")
    return ogi.read(path)


def test_signed_words_dashes_and_units_are_cells() -> None:
    assert split_readings("175 增37 3,392", 3) == (("175", "增37", "3,392"),)
    assert ("51", "减16", "788") in split_readings("51减16788", 3)
    assert split_readings("———", 3) == (("—", "—", "—"),)
    assert split_readings("/ / /", 3) == (("/", "/", "/"),)
    assert split_readings("——————", 3) == (("——", "——", "——"),)


def test_change_column_signs_are_read_as_printed(tmp_path: Path) -> None:
    report = _read(tmp_path, ACTIVE + _table3(""))
    assert report.value("active_disclosure/licensing/items_change") == 37
    assert report.value("active_disclosure/other_services/items_change") == -16
    assert report.value("active_disclosure/licensing/decisions") == 3392
    assert report.cell("active_disclosure", "regulations", "newly_made").note == "not_applicable"  # type: ignore[union-attr]


def test_rows_with_no_digits_are_blank_and_group_headings_are_no_rows() -> None:
    rows = paragraph_to_rows(Paragraph(_table3("")))
    labels = [r.labels[0] for kind, r in rows if kind == "requests"]
    assert "(二)部分公开(区分处理的,只计这一情况,不计其他情况)" in labels  # before the heading (三)不予公开
    assert "(8)属于行政查询事项" in labels  # before the heading (四)无法提供
    assert "(1)属于国家秘密" in labels  # a sub-row's (1) ordinal
    assert all(v.raw == "" for _, r in rows for v in r.values)
    assert len(labels) == 23


def test_a_group_heading_followed_by_its_sub_rows_has_no_cells() -> None:
    text = _table3("").replace("（六）其他处理", "（六）其他处理 （1）申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    labels = [r.labels[0] for kind, r in paragraph_to_rows(Paragraph(text)) if kind == "requests"]
    assert "(六)其他处理" not in labels
    assert "(1)申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels


def test_digits_in_a_table_with_blank_cells_are_placed_only_where_fixed(tmp_path: Path) -> None:
    """The table leaves cells blank, so ``10`` may be in any column: flagged, never emitted. It is one cell, not
    ``1`` and ``0``: table 二 joins its cells by one space (``175 增37 3,392``), and one crawler joined the page."""
    report = _read(tmp_path, ACTIVE + _table3("10"))
    emitted = {c.key for c in report.cells}
    row = [f"requests/denied_process_info/{c}" for c in ("natural_person", "research_institution", "total")]
    assert not emitted & set(row)
    flagged = {f.cells[0]: f.message for f in report.findings if f.code == "unplaced_value"}
    assert set(row) <= set(flagged)
    assert "this cell is blank or 10 depending" in flagged[row[1]]
    assert report.cell("requests", "granted", "total").note == "blank"  # type: ignore[union-attr]


COLUMNS7 = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
            "legal_service_org", "other_org", "total")
CONVERTED = Path(__file__).resolve().parent / "fixtures" / "converters"


@pytest.mark.parametrize(("name", "row", "cells"), [
    # ``4.无正当理由大量反复申请       10      5.…``: a blank cell one space more, three before and three after
    # (the row's trailing blanks are followed by the next row's label on the same line), and table 二 of the
    # page joins its cells by one space, so the 10 is one cell
    ("gen019_2022.html.crawler-spaced.txt", "not_processed_excessive", [None, None, None, 10, None, None, None]),
    # the same crawler with cells joined by nothing: the blanks' padding alone tells the columns
    ("gen007_2019.html.crawler-joined.txt", "denied_process_info", [None, None, 10, None, None, None, None]),
])
def test_blank_cells_told_by_the_whitespace_around_a_rows_one_number(name: str, row: str, cells: list[object]) -> None:
    """Real crawler flattenings (``ogi matrix``) of two generated reports whose table 三 is mostly blank cells."""
    report = ogi.read(CONVERTED / name)
    assert [report.cell("requests", row, c).value for c in COLUMNS7] == cells  # type: ignore[union-attr]


def test_a_signed_cell_stands_only_in_a_column_of_changes() -> None:
    """gen030's crawler flattening with cells joined by nothing (``ogi matrix``): ``行政强制27增30`` is 27 | 增3 | 0;
    2 | 7 | 增30 would put an increase in 处理决定数量, a count."""
    report = ogi.read(CONVERTED / "gen030_2021.html.crawler-joined.txt")
    got = [report.cell("active_disclosure", "coercion", c) for c in ("items_last_year", "items_change", "decisions")]
    assert [c.value if c else None for c in got] == [27, 3, 0]
