"""The HTML reader on saved report pages: spans, Word-pasted markup, blanks, encodings, site chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi
from ogi.extract.html import html_to_document
from ogi.schemas import Table

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>区政府信息公开年报</title><style>p {{color:red}}</style><script>var x = "一、总体情况";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table width="100%"><tr><td>
<p class=MsoNormal align=center><b><span lang=EN-US>2022</span><span>年某某区人民政府政府信息公开工作年度报告</span></b></p>
<p class=MsoNormal><span>一、</span><span>总体情况</span></p><p>概述。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border=1>
<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>
<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<span>机构</span></td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan=3><p class=MsoNormal><span>一、本年新收政府信息公开申请数量</span></p></td>
<td>3</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>1</td><td>4</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
</td></tr></table>
<div class="footer">版权所有：某某区人民政府 联系我们</div>
</body></html>"""


def _doc(charset: str, encoding: str, declare: bool = True):  # type: ignore[no-untyped-def]
    page = PAGE.format(charset=charset)
    if not declare:
        page = page.replace(f"charset={charset}", "")
    return html_to_document(page.encode(encoding), "t.html")


@pytest.mark.parametrize(
    ("charset", "encoding", "declare"),
    [("utf-8", "utf-8", True), ("gbk", "gbk", True), ("gb2312", "gb18030", True), ("gbk", "gbk", False),
     ("utf-8", "gb18030", True)],  # declared UTF-8 but really GB18030: the bytes win
)
def test_encodings(charset: str, encoding: str, declare: bool) -> None:
    doc = _doc(charset, encoding, declare)
    texts = [b.text for b in doc.blocks if not isinstance(b, Table)]
    assert "一、总体情况" in texts
    assert "2022年某某区人民政府政府信息公开工作年度报告" in texts


def test_layout_table_is_walked_and_data_table_kept_with_spans() -> None:
    doc = _doc("utf-8", "utf-8")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    by_pos = {(c.row, c.col): c for c in t.cells}
    assert by_pos[(0, 0)].rowspan == 3 and by_pos[(0, 0)].colspan == 3
    assert by_pos[(1, 3)].text == "自然人" and by_pos[(1, 3)].rowspan == 2
    assert by_pos[(2, 4)].text == "商业\n企业"
    assert by_pos[(2, 5)].text == "科研机构"
    assert by_pos[(3, 0)].text == "一、本年新收政府信息公开申请数量"
    assert by_pos[(3, 4)].text == "\u00a0"  # an empty-looking cell is an anchor cell, not covered


def test_script_style_and_chrome_do_not_leak_into_cells() -> None:
    report = html_to_document(PAGE.format(charset="utf-8").encode(), "t.html")
    assert not any("var x" in b.text for b in report.blocks if not isinstance(b, Table))


def test_page_extracts_through_the_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "page.doc"  # government sites serve HTML named .doc
    path.write_bytes(PAGE.format(charset="gbk").encode("gbk"))
    report = ogi.read(path)
    assert report.format == "html"
    assert report.metadata.year == 2022
    assert report.metadata.agency == "某某区人民政府"
    assert report.value("requests/new_received/natural_person") == 3
    assert report.value("requests/new_received/total") == 4
    blank = report.cell("requests", "new_received", "commercial_enterprise")
    assert blank is not None and blank.value is None and blank.note == "blank"


def test_r14_blanks_are_null_with_note() -> None:
    report = ogi.read(REAL / "r14_sh_szfbgt_2019.html")
    cell = report.cell("requests", "new_received", "research_institution")
    assert cell is not None and (cell.value, cell.note) == (None, "blank")
    money = report.cell("active_disclosure", "procurement", "procurement_amount")
    assert money is not None and (money.value, money.raw, money.unit, money.note) == (
        25.1, "251000元", "元", "converted_from_yuan")


def test_cell_text_keeps_markup_rules_with_and_without_children() -> None:
    # a text-only cell and a cell of markup go through different paths (issue 15): the same rules for both —
    # comments and scripts drop out but the text after them stays, <br>/<p> break lines, &nbsp; alone is kept
    page = ("<table><tr><td>  规章 </td><td>a<!-- note -->b<script>x = 1</script>c</td>"
            "<td>&nbsp;</td><td><span>&nbsp;</span></td><td>上<br>年<p>结转</p></td></tr></table>"
            "<h2>一、<!-- c -->总体<b>情况</b></h2>")
    doc = html_to_document(page.encode(), "x.html")
    table, heading = doc.blocks
    assert isinstance(table, Table)
    assert [c.text for c in table.cells] == ["规章", "abc", "\u00a0", "\u00a0", "上\n年\n结转"]
    assert getattr(heading, "text", None) == "一、总体情况"


def test_empty_page_after_the_markup_is_unreadable() -> None:
    with pytest.raises(ogi.schemas.UnreadableFile):
        html_to_document(b"<!-- nothing but a comment -->", "x.html")
