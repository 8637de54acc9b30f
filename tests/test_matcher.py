"""Label matching: every label variant in the spec, and the traps that text alone gets wrong."""

import pytest

from ogi.normalize.active_table import header_columns
from ogi.normalize.matcher import Candidate, match_label
from ogi.normalize.requests_table import _candidates, parse_requests
from ogi.normalize.rows import SourceRow, SourceValue
from ogi.normalize.sections import heading_key
from ogi.normalize.textnorm import norm, split_ordinal
from ogi.schemas import load_catalogue

REQUEST_ROWS = {
    v: [Candidate(r.key, r.variants, r.group, r.ordinal) for r in load_catalogue().table("requests").version(v).rows]
    for v in ("2019", "2021")
}


@pytest.mark.parametrize(
    ("label", "group", "key"),
    [
        ("（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "partially_granted", "partially_granted"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted", "partially_granted"),
        ("5.属于三类内容事务信息", "denied", "denied_internal_affairs"),
        ("2.其他法律行政止公开", "denied", "denied_law_prohibited"),
        ("3.危及“三安全一稳定”", "denied", "denied_security_stability"),
        ('3.危及"三安全一稳定"', "denied", "denied_security_stability"),
        ("1.本机关不掌握相关政府信息", "unable", "unable_not_held"),
        ("1、本机关不掌握相关政府信息", "unable", "unable_not_held"),
        ("1．本机关不掌握相关政府信息", "unable", "unable_not_held"),
        ("（1）本机关不掌握相关政府信息", "unable", "unable_not_held"),
        ("(1)本机关不掌握相关政府信息", "unable", "unable_not_held"),
        ("2.重复申请", "not_processed", "not_processed_duplicate"),
        ("（七）合计", "total_processed", "total_processed"),
        ("（七）总计", "total_processed", "total_processed"),
        ("(七)总计", "total_processed", "total_processed"),
        ("四、结转下年度继续办理", None, "carried_forward"),
        ("⼀、本年新收政府信息公开申请数量", None, "new_received"),
        ("本年新\n收政府信息公开申请数量", None, "new_received"),
        ("3.其他", "other", "other_other"),
        ("3.其它", "other", "other_other"),
        ("（六）其他处理", "other", "other"),
    ],
)
def test_request_row_variants(label: str, group: str | None, key: str) -> None:
    match = match_label(label, _candidates(), group)
    assert match is not None
    assert match.key == key


def test_ordinal_2_under_denied_vs_not_processed() -> None:
    assert match_label("2.重复申请", REQUEST_ROWS["2019"], "not_processed").key == "not_processed_duplicate"  # type: ignore[union-attr]
    denied = match_label("2.其他法律行政法规禁止公开", REQUEST_ROWS["2019"], "denied")
    assert denied is not None and denied.key == "denied_law_prohibited"


def _row(labels: tuple[str, ...], values: list[str]) -> SourceRow:
    return SourceRow(labels, tuple(SourceValue(v) for v in values))


def test_other_column_vs_other_row_and_total_column_vs_total_row() -> None:
    """其他 as a column is other_org; 3.其他 under （六） is the row other_other; the column 总计 is
    total, the row （七）总计 is total_processed."""
    rows = [
        _row(("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), list("1000001")),
        _row(("",), []),
        _row(("3.其他",), list("2000002")),
        _row(("（七）总计",), list("3000003")),
    ]
    result = parse_requests(rows)
    got = {(c.row, c.column): c.value for c in result.cells}
    assert got[("other_other", "natural_person")] == 2
    assert got[("other_other", "total")] == 2
    assert got[("other_no_correction", "total")] == 1
    assert got[("total_processed", "total")] == 3
    assert got[("total_processed", "other_org")] == 0
    assert ("other", "total") not in got
    assert result.template == "2021"


def test_table_printing_other_as_one_row_keys_other() -> None:
    rows = [_row(("（六）其他处理",), list("4000004"))]
    assert {c.row for c in parse_requests(rows).cells} == {"other"}
    assert parse_requests(rows).template == "2019"
    assert parse_requests(rows, context_version="2021").template == "2021"  # a 2021 report's table 二 decides


def test_2019_columns_never_map_to_2021_keys() -> None:
    assert header_columns(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]) == [
        ("newly_made", "2019"), ("newly_published", "2019"), ("total_published", "2019")]
    assert header_columns(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]) == [
        ("issued", "2021"), ("repealed", "2021"), ("in_force", "2021")]
    assert header_columns(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]) == [
        ("items_last_year", "2019"), ("items_change", "2019"), ("decisions", "2019")]
    assert header_columns(["信息内容", "本年处理决定数量"]) == [("decisions", "2021")]
    assert header_columns(["信息内容", "本年收费金额（单位：万元）"]) == [("fee_amount", "2021")]


def test_header_words_split_over_lines() -> None:
    assert header_columns(["信息内容", "本年新\n制作数量", "本年新\n公开数量", "对外公开\n总数量"])[0] == (
        "newly_made", "2019")


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("一、总体情况", "overview"),
        ("二、主动公开政府信息情况", "active_disclosure"),
        ("三、收到和处理政府信息公开申请情况", "requests"),
        ("四、政府信息公开行政复议、行政诉讼情况", "review_litigation"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "review_litigation"),
        ("政府信息公开行政复议及行政诉讼情况", "review_litigation"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("存在问题及改进情况", "problems"),
        ("第五部分 存在的主要问题及改进情况", "problems"),
        ("六、其他需要报告的事项", "other_matters"),
    ],
)
def test_section_heading_variants(heading: str, key: str) -> None:
    found = heading_key(heading)
    assert found is not None and found[0] == key


def test_prose_is_not_a_heading() -> None:
    assert heading_key("2019年，上海市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻") is None
    assert heading_key("1.存在的主要问题") is None


def test_cjk_normalising() -> None:
    assert norm("（三）不予公开\u3000") == "(三)不予公开"
    assert norm("⼀⼆") == "一二"  # Kangxi radicals
    assert split_ordinal("1．属于国家秘密") == ("1", "属于国家秘密")
    assert split_ordinal("（1）重复申请") == ("(1)", "重复申请")
    assert split_ordinal("三、本年度办理结果") == ("三", "本年度办理结果")


def test_provincial_annotation_still_matches() -> None:
    rows = [Candidate(r.key, r.variants) for r in load_catalogue().table("active_disclosure").version("2019").rows]
    m = match_label("规章(设区的市、自治州人民政府应提供相关数据)", rows)
    assert m is not None and m.key == "regulations"
    assert match_label("其他主动公开文件", rows) is None


def test_hubei_extra_row_is_reported_as_known_not_unplaced() -> None:
    from ogi.normalize.active_table import parse_active

    rows = [
        SourceRow(("第二十条第（一）项",), ()),
        SourceRow(("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"), ()),
        SourceRow(("规章",), tuple(SourceValue(v) for v in "123")),
        SourceRow(("其他主动公开文件",), tuple(SourceValue(v) for v in "456")),
    ]
    result = parse_active(rows)
    assert {(c.row, c.column): c.value for c in result.cells} == {
        ("regulations", "newly_made"): 1, ("regulations", "newly_published"): 2, ("regulations", "total_published"): 3}
    assert [f.code for f in result.findings] == ["extra_row"]
    assert "4 5 6" in result.findings[0].message


def test_requests_columns_follow_the_printed_header_not_only_position() -> None:
    """A table that prints 总计 first and 其它 before 法律服务机构 is read by its header cells."""
    from ogi.schemas import Table, TableCell

    header = ["总计", "自然人", "商业企业", "科研机构", "社会公益组织", "其它", "法律服务机构"]
    cells = [TableCell(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")]
    cells += [TableCell(0, i + 1, h) for i, h in enumerate(header)]
    cells += [TableCell(1, 0, "一、本年新收政府信息公开申请数量")]
    cells += [TableCell(1, i + 1, v) for i, v in enumerate(["10", "4", "3", "0", "0", "1", "2"])]
    from ogi.normalize.rows import table_to_rows

    result = parse_requests(table_to_rows(Table(tuple(cells))))
    got = {c.column: c.value for c in result.cells}
    assert got == {"total": 10, "natural_person": 4, "commercial_enterprise": 3, "research_institution": 0,
                   "public_interest_org": 0, "other_org": 1, "legal_service_org": 2}
