"""DOCX reader: exact Document structure on DOCX files built here with python-docx and on the real template."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from lxml import etree

import ogi
from ogi.extract import read_document
from ogi.extract.docx import read_docx
from ogi.extract.docx_numbering import Numbering, chinese_counting, format_number
from ogi.extract.docx_tables import RawCell, RawRow, rows_to_cells
from ogi.schemas import Heading, Paragraph, Table, TableCell, UnreadableFile

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "samples" / "real" / "blank_template_2021_format.docx"
GENERATED_DOCX = sorted((ROOT / "samples" / "generated").glob("*.docx"))

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def xml(fragment: str) -> etree._Element:
    """Parse one WordprocessingML element written with the prefixes of NS."""
    head, sep, rest = fragment.partition(">")
    closing = head.endswith("/")
    tag_open = head[:-1] if closing else head
    return parse_xml(f"{tag_open} {DECLS}{'/' if closing else ''}{sep}{rest}")


def add(document: docx.document.Document, fragment: str) -> None:
    document.element.body.sectPr.addprevious(xml(fragment))


def run(text: str, extra: str = "") -> str:
    return f'<w:r>{extra}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(inner: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def numbered(style: str, num_id: int, ilvl: int, text: str) -> str:
    ppr = f'<w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return para(run(text), ppr)


def add_list(document: docx.document.Document, num_id: int, levels: list[tuple[str, str]]) -> None:
    """Add a numbering definition (abstractNum + num) whose level i has (numFmt, lvlText) levels[i]."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = xml(f'<w:abstractNum w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    numbering.find(f"{{{NS['w']}}}num").addprevious(abstract)
    numbering.append(xml(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


TEXT_BOX = (
    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
    "<wps:wsp><wps:txbx><w:txbxContent>" + para(run("文本框内容")) + "</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent>" + para(run("文本框内容")) + "</w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def build_features_docx(path: Path) -> None:
    document = docx.Document()
    add_list(document, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    add_list(document, 91, [("ideographTraditional", "%1、")])
    chinese_heading = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("某区人民政府2023年政府信息公开工作年度报告").bold = True
    add(document, numbered("Heading1", 90, 0, "总体情况"))
    add(document, para(
        run("本年共收到申请")
        + "<w:ins w:id=\"1\" w:author=\"a\">" + run("12") + "</w:ins>"
        + "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>10</w:delText></w:r></w:del>"
        + "<w:moveFrom w:id=\"3\" w:author=\"a\">" + run("旧文字") + "</w:moveFrom>"
        + run("隐藏文字", "<w:rPr><w:vanish/></w:rPr>") + run("件，见第")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("7")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + run("页。")
    ))
    add(document, "<w:sdt><w:sdtPr/><w:sdtContent>" + para(run("内容控件中的段落")) + "</w:sdtContent></w:sdt>")
    add(document, para(run("申请人：") + "<w:sdt><w:sdtPr/><w:sdtContent>" + run("张三") + "</w:sdtContent></w:sdt>"))
    add(document, para(run("见右侧") + TEXT_BOX))
    add(document, para(
        '<w:r><w:t xml:space="preserve">数量 </w:t></w:r><w:r><w:t>  件  </w:t></w:r>'
    ))
    add(document, para(run("前半"), '<w:rPr><w:del w:id="4" w:author="a"/></w:rPr>'))
    add(document, para(run("后半")))
    add(document, numbered("Heading1", 90, 0, "主动公开政府信息情况"))
    add(document, numbered(chinese_heading.style_id, 90, 1, "规章"))
    add(document, numbered("Normal", 91, 0, "第一项"))
    add(document, numbered("Normal", 91, 0, "第二项"))

    table = document.add_table(rows=5, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 0).merge(table.cell(2, 0))
    values = {(0, 0): "A", (0, 2): "B", (0, 3): "C", (1, 0): "D", (1, 1): "1", (1, 3): "3",
              (2, 1): "4", (2, 2): "5", (2, 3): "6", (3, 1): "x", (3, 2): "y", (4, 0): "删掉的行"}
    for (r, c), text in values.items():
        table.cell(r, c).text = text
    inner = table.cell(0, 3).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "内1", (0, 1): "内2", (1, 0): "内3", (1, 1): "内4"}.items():
        inner.cell(r, c).text = text
    rows = table._tbl.findall(f"{{{NS['w']}}}tr")
    row3 = rows[3]
    cells3 = row3.findall(f"{{{NS['w']}}}tc")
    row3.remove(cells3[0])
    row3.remove(cells3[3])
    row3.insert(0, xml('<w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'))
    rows[4].insert(0, xml('<w:trPr><w:del w:id="5" w:author="a"/></w:trPr>'))
    document.add_paragraph("表后段落", style="List Number")
    document.save(str(path))


FEATURES_BLOCKS = (
    Paragraph("某区人民政府2023年政府信息公开工作年度报告"),
    Heading("一、总体情况", 1),
    Paragraph("本年共收到申请12件，见第7页。"),
    Paragraph("内容控件中的段落"),
    Paragraph("申请人：张三"),
    Paragraph("见右侧"),
    Paragraph("文本框内容"),
    Paragraph("数量 件"),
    Paragraph("前半后半"),
    Heading("二、主动公开政府信息情况", 1),
    Heading("（一）规章", 2),
    Paragraph("甲、第一项"),
    Paragraph("乙、第二项"),
    Table((
        TableCell(0, 0, "A", colspan=2), TableCell(0, 2, "B"), TableCell(0, 3, "C"),
        TableCell(1, 0, "D", rowspan=2), TableCell(1, 1, "1"), TableCell(1, 2, ""), TableCell(1, 3, "3"),
        TableCell(2, 1, "4"), TableCell(2, 2, "5"), TableCell(2, 3, "6"),
        TableCell(3, 1, "x"), TableCell(3, 2, "y"),
    )),
    Table((TableCell(0, 0, "内1"), TableCell(0, 1, "内2"), TableCell(1, 0, "内3"), TableCell(1, 1, "内4"))),
    Paragraph("1.表后段落"),
)


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "features.docx"
    build_features_docx(path)
    return path


def test_features_docx_gives_exact_blocks(features: Path) -> None:
    document = read_docx(features)
    assert document.blocks == FEATURES_BLOCKS
    assert document.format == "docx"
    assert document.source == str(features)


def test_title_falls_back_to_first_centred_bold_paragraph(features: Path) -> None:
    assert read_docx(features).title == "某区人民政府2023年政府信息公开工作年度报告"


def test_title_and_properties_from_core_properties(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "上海市科学技术委员会2024年政府信息公开工作年度报告"
    document.core_properties.author = "市科委"
    document.add_paragraph("正文")
    path = tmp_path / "titled.docx"
    document.save(str(path))
    result = read_docx(path)
    assert result.title == "上海市科学技术委员会2024年政府信息公开工作年度报告"
    props = dict(result.properties)
    assert props["title"] == "上海市科学技术委员会2024年政府信息公开工作年度报告"
    assert props["author"] == "市科委"


def test_pages_from_rendered_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    add(document, para(run("第一页")))
    add(document, para("<w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r>"))
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "表头"
    table.cell(1, 0)._tc.append(xml(para("<w:r><w:lastRenderedPageBreak/><w:t>9</w:t></w:r>")))
    add(document, para(run("第三页")))
    path = tmp_path / "paged.docx"
    document.save(str(path))
    result = read_docx(path)
    assert [getattr(b, "text", None) and b.page for b in result.blocks] == [1, 2, None, 3]
    tbl = result.blocks[2]
    assert isinstance(tbl, Table)
    assert tbl.page == 2
    assert [(c.text, c.page) for c in tbl.cells] == [("表头", 2), ("9", 3)]
    assert result.pages == 3


def test_pages_none_without_rendered_breaks(features: Path) -> None:
    assert {b.page for b in read_docx(features).blocks} == {None}


def test_blank_template_has_three_tables_with_spans() -> None:
    document = read_docx(TEMPLATE)
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    active, requests, review = tables
    spans = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in active.cells}
    assert spans[(0, 0)] == ("第二十条第（一）项", 1, 4)
    assert spans[(5, 1)] == ("本年处理决定数量", 1, 3)
    assert spans[(13, 0)] == ("行政事业性收费", 1, 1)
    assert spans[(13, 1)] == ("", 1, 3)
    assert len(active.cells) == 4 + 3 * 4 + 7 * 2  # banner rows: 1 cell; 3 rows of 4 cells; 7 rows of 2
    spans = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in requests.cells}
    assert spans[(0, 0)][1:] == (3, 3)
    assert spans[(0, 3)] == ("申请人情况", 1, 7)
    assert spans[(1, 3)] == ("自然人", 2, 1)
    assert spans[(1, 4)] == ("法人或其他组织", 1, 5)
    assert spans[(1, 9)] == ("总计", 2, 1)
    assert spans[(5, 0)] == ("三、本年度办理结果", 22, 1)
    assert spans[(7, 1)] == ("（三）不予公开", 8, 1)
    assert spans[(15, 1)] == ("（四）无法提供", 3, 1)
    assert spans[(18, 1)] == ("（五）不予处理", 5, 1)
    assert spans[(23, 1)] == ("（六）其他处理", 3, 1)
    assert spans[(26, 1)] == ("（七）总计", 1, 2)
    assert spans[(27, 0)] == ("四、结转下年度继续办理", 1, 3)
    data = [c for c in requests.cells if c.col >= 3 and c.row >= 3]
    assert len(data) == 25 * 7 and {c.text for c in data} == {""}
    spans = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in review.cells}
    assert spans[(0, 0)] == ("行政复议", 1, 5)
    assert spans[(0, 5)] == ("行政诉讼", 1, 10)
    assert spans[(1, 0)] == ("结果维持", 2, 1)
    assert spans[(1, 5)] == ("未经复议直接起诉", 1, 5)
    assert spans[(1, 4)] == ("总计", 2, 1)
    assert spans[(2, 14)] == ("总计", 1, 1)
    assert [c.text for c in review.cells if c.row == 3] == [""] * 15


def test_blank_template_text_and_metadata() -> None:
    document = read_docx(TEMPLATE)
    assert document.title == "政府信息公开工作年度报告格式模板"
    assert document.pages == 3
    headings = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.text[:2] in
                {"一、", "二、", "三、", "四、", "五、", "六、"}]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"]


def test_corrupt_docx_is_unreadable(tmp_path: Path, features: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(features.read_bytes()[:4000])
    with pytest.raises(UnreadableFile, match="corrupt DOCX"):
        read_docx(broken)


def test_encrypted_docx_is_unreadable(tmp_path: Path) -> None:
    # A password-protected DOCX is an OLE2 container, not a zip.
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(UnreadableFile, match="password-protected"):
        read_docx(encrypted)


def test_docx_named_doc_is_read_by_the_docx_reader(tmp_path: Path, features: Path, monkeypatch:
                                                  pytest.MonkeyPatch) -> None:
    disguised = tmp_path / "report.doc"
    disguised.write_bytes(features.read_bytes())
    monkeypatch.setattr("ogi.extract.office.find_soffice", lambda: pytest.fail("LibreOffice must not be used"))
    document = read_document(disguised)
    assert document.format == "docx"
    assert document.blocks == FEATURES_BLOCKS


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (23, "chineseCountingThousand", "二十三"),
    (105, "chineseCountingThousand", "一百零五"), (110, "chineseCountingThousand", "一百一十"),
    (10005, "chineseCounting", "一万零五"), (3, "chineseLegalSimplified", "叁"),
    (12, "chineseLegalSimplified", "壹拾贰"), (1, "ideographTraditional", "甲"),
    (10, "ideographTraditional", "癸"), (7, "decimal", "7"), (7, "decimalZero", "07"),
    (3, "decimalEnclosedCircle", "③"), (12, "decimalFullWidth", "１２"), (28, "upperLetter", "BB"),
    (14, "lowerRoman", "xiv"), (2, "ideographDigital", "二"), (4, "someFutureFormat", "4"),
])
def test_format_number(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_chinese_counting_round_numbers() -> None:
    assert [chinese_counting(n) for n in (100, 1000, 1001, 2010, 20000)] == [
        "一百", "一千", "一千零一", "二千零一十", "二万"]


def test_rows_to_cells_legacy_hmerge_and_orphan_continue() -> None:
    rows = [
        RawRow(0, (RawCell("o", vmerge="continue"), RawCell("a", hmerge="restart"), RawCell("", hmerge="continue"))),
        RawRow(0, (RawCell("c"), RawCell("d", span=2, vmerge="continue"), RawCell("e"))),
    ]
    assert rows_to_cells(rows) == (
        TableCell(0, 0, "o"), TableCell(0, 1, "a\nd", rowspan=2, colspan=2), TableCell(1, 0, "c"),
        TableCell(1, 3, "e"),
    )


def test_rows_to_cells_keeps_text_of_a_continued_cell() -> None:
    rows = [RawRow(0, (RawCell("上", vmerge="restart"),)), RawRow(0, (RawCell("下", vmerge="continue"),))]
    assert rows_to_cells(rows) == (TableCell(0, 0, "上\n下", rowspan=2),)


def test_numbering_counters_shared_restarted_and_nested() -> None:
    root = xml(
        '<w:numbering><w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        '</w:numbering>'
    )
    numbering = Numbering(root)
    labels = [numbering.label(n, lvl) for n, lvl in
              [("1", 0), ("1", 1), ("1", 1), ("2", 0), ("2", 1), ("3", 0), ("3", 0), ("4", 0), ("1", 7)]]
    # numId 2 continues numId 1 (same list, no override); numId 3 restarts at 5; unknown ids give None
    assert labels == ["一、", "一.1", "一.2", "二、", "二.1", "五、", "六、", None, None]


def test_rows_to_cells_continue_inside_a_wider_anchor() -> None:
    rows = [RawRow(0, (RawCell("宽", span=2, vmerge="restart"), RawCell("b"))),
            RawRow(1, (RawCell("", vmerge="continue"), RawCell("c")))]
    assert rows_to_cells(rows) == (TableCell(0, 0, "宽", rowspan=2, colspan=2), TableCell(0, 2, "b"),
                                   TableCell(1, 2, "c"))


def test_generated_docx_samples_are_there() -> None:
    assert len(GENERATED_DOCX) >= 10


@pytest.mark.parametrize("path", GENERATED_DOCX, ids=lambda p: p.name)
def test_generated_docx_gives_every_expected_cell(path: Path) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    report = ogi.read(path)
    assert {c.key: c.value for c in report.cells} == expected["cells"]
    assert {c.key: c.note for c in report.cells if c.value is None} == expected.get("notes", {})
