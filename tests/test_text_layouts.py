"""The text layouts real tools produce: box-drawing and +---+ grids, dash-line columns, tab-joined copies,
rows joined by spaces, raw HTML tables and inline markup in markdown.

Unit cases pin the cell structure (spans, wrapped cells, wide characters); the fixtures under
``tests/fixtures/converters/`` are real outputs of w3m, pandoc, lynx and a Chromium copy of generated
reports (``ogi.generate.converters``), scored against the generator's expected values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi.api import read_unlimited
from ogi.bench.run import run_benchmark
from ogi.extract.sniff import sniff_bytes
from ogi.extract.text import text_to_document
from ogi.extract.text_cells import cell_lines_table
from ogi.extract.text_columns import dash_table
from ogi.extract.text_grid import lines_to_table
from ogi.extract.text_rows import MAX_GAP, spaced_rows_table
from ogi.normalize.sections import blocks_to_sections, split_heading_rows
from ogi.schemas import Paragraph, Table

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "converters"


def _cells(t: Table) -> list[tuple[int, int, str, int, int]]:
    return [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells]


def _tables(text: str) -> list[Table]:
    return [b for b in text_to_document(text, "t.txt").blocks if isinstance(b, Table)]


def test_box_grid_spans_and_wrapped_cells() -> None:
    lines = [
        "┌────────┬─────────────┐",
        "│        │申请人情况   │",
        "│（本列数├──────┬──────┤",
        "│据）    │自然人│总计  │",
        "├────────┼──────┼──────┤",
        "│一、本年│１    │-3    │",
        "│新收    │      │      │",
        "└────────┴──────┴──────┘",
    ]
    assert _cells(lines_to_table(lines)) == [
        (0, 0, "（本列数据）", 2, 1), (0, 1, "申请人情况", 1, 2),
        (1, 1, "自然人", 1, 1), (1, 2, "总计", 1, 1),
        (2, 0, "一、本年新收", 1, 1), (2, 1, "１", 1, 1), (2, 2, "-3", 1, 1),
    ]


def test_ascii_grid_keeps_negative_numbers_and_wide_cells() -> None:
    text = "前言\n+------+----+\n| 规章 | -75|\n+------+----+\n| 行政 | +13|\n| 许可 |    |\n+======+====+\n后记\n"
    doc = text_to_document(text, "t.txt")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows()] == [["规章", "-75"], ["行政许可", "+13"]]


def test_dash_table_header_rows_and_label_columns() -> None:
    lines = [
        "  ---------------------------------",
        "  第二十条第(一)项",
        "  ------------ ---------- ---------",
        "  信息内容     本年新     对外公开",
        "               制作数量   总数量",
        "",
        "  规章                    3",
        "",
        "  规范性文件   5          194",
        "  ---------------------------------",
    ]
    table, end = dash_table(lines, 0)
    assert end == len(lines) and table is not None
    assert [[c.text for c in r] for r in table.rows()] == [
        ["第二十条第(一)项", "", ""], ["信息内容", "本年新制作数量", "对外公开总数量"], ["规章", "", "3"],
        ["规范性文件", "5", "194"],
    ]


def test_dash_table_merges_empty_label_columns_only() -> None:
    lines = ["  ------ ------ ---- ----", "  一、新收        1    2", "", "  三、结果 （一）公开  3", "  ------ ------ ---- ----"]
    table, _ = dash_table(lines, 0)
    assert table is not None
    assert [[(c.text, c.colspan) for c in r] for r in table.rows()] == [
        [("一、新收", 2), ("1", 1), ("2", 1)], [("三、结果", 1), ("（一）公开", 1), ("", 1), ("3", 1)]]


def test_tab_joined_copy_with_heading_rows() -> None:
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\n规章\t0\n第二十条第（五）项\n行政许可\t \t5\n正文。\n"
    doc = text_to_document(text, "t.txt")
    assert isinstance(doc.blocks[0], Paragraph) and isinstance(doc.blocks[1], Table)
    assert [[(c.text, c.colspan) for c in r] for r in doc.blocks[1].rows()] == [
        [("第二十条第（一）项", 3)], [("信息内容", 1), ("本年新制作数量", 1)], [("规章", 1), ("0", 1)],
        [("第二十条第（五）项", 3)], [("行政许可", 1), ("", 1), ("5", 1)]]
    assert isinstance(doc.blocks[2], Paragraph)


def test_spaced_rows_need_a_run_of_number_rows() -> None:
    assert spaced_rows_table(["全年发布 423 条", "共 12 3 次"], 0) == (None, 0)
    table, end = spaced_rows_table(["规章 0 0", "自然人 法人", "行政许可 １ -2", "行政处罚 35 -15 +3", "正文"], 0)
    assert end == 4 and table is not None
    assert [[c.text for c in r] for r in table.rows()] == [
        ["规章", "0", "0"], ["自然人", "法人"], ["行政许可", "１", "-2"], ["行政处罚", "35", "-15", "+3"]]


def test_markdown_with_html_table_and_inline_markup() -> None:
    text = ("<div class=\"x\">\n\n**一、总体情况**\n\n[首页](/) \\> 年报\n\n"
            "<table><tr><td rowspan=\"2\">行政复议</td><td>0</td></tr><tr><td>1</td></tr></table>\n\n"
            "| <span lang=\"EN-US\">规章</span> | 3 |\n|---|---|\n")
    doc = text_to_document(text, "t.md")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["一、总体情况", "首页 > 年报"]
    html_table, pipe_table = (b for b in doc.blocks if isinstance(b, Table))
    assert _cells(html_table) == [(0, 0, "行政复议", 2, 1), (0, 1, "0", 1, 1), (1, 1, "1", 1, 1)]
    assert [c.text for c in pipe_table.cells] == ["规章", "3"]


def test_markdown_with_div_lines_is_text_not_html() -> None:
    head = b"<div class=\"top\">\n\n# \xe6\xa0\x87\xe9\xa2\x98\n\n| a | b |\n"
    assert sniff_bytes(head, "x.html.pandoc-gfm.txt") == "text"
    assert sniff_bytes(b"<html><body><div>\n# x\n", "page.txt") == "html"


@pytest.mark.parametrize(
    ("name", "right"),
    [
        ("gen003_2021.html.w3m.txt", 212),  # box-drawing grid, spans
        ("gen003_2021.html.pandoc-plain.txt", 212),  # +---+ grid, CJK widths
        ("gen001_2022.docx.docx-pandoc-plain.txt", 212),  # dash-line multiline tables
        ("gen019_2022.html.browser-copy.txt", 186),  # tab-joined rows
        ("gen061_2022.html.pandoc-gfm.txt", 200),  # <div> lines, inline <span>, pipe tables
        ("gen003_2021.html.lynx.txt", 212),  # rows joined by spaces; table 四: a line of 15 numbers, no label
    ],
)
def test_real_converter_output(name: str, right: int) -> None:
    result = run_benchmark([FIXTURES / name])
    (score,) = result.scores
    t = score.total
    assert score.error_type is None
    assert (t.cells_right, t.cells_wrong) == (right, 0)


def test_dash_table_simple_rows_with_closing_rule() -> None:
    lines = ["  ------ ---- ----", "   信息内容 本年 现行", "     规章    0    1", "  行政许可   ０  16件", "  ------ ---- ----"]
    table, end = dash_table(lines, 0)
    assert end == 5 and table is not None
    assert [[c.text for c in r] for r in table.rows()] == [["信息内容", "本年", "现行"], ["规章", "0", "1"],
                                                            ["行政许可", "０", "16件"]]


# --- classes fixed for issue 10, on outputs the real tools make at test time from generated reports ---------

GENERATED = Path(__file__).resolve().parent.parent / "samples" / "generated"


def _scored(tmp_path: Path, source: str, converter: str) -> tuple[int, int, int, int]:
    """(cells right, expected, wrong, wrong unflagged) of one converter's output of one generated report."""
    from ogi.generate.converters import convert_report

    (out,) = convert_report(GENERATED / source, tmp_path, (converter,))
    (score,) = run_benchmark([out]).scores
    t = score.total
    assert score.error_type is None
    return t.cells_right, t.cells_expected, t.cells_wrong, t.cells_wrong_unflagged


@pytest.mark.parametrize(
    ("source", "converter"),
    [
        ("gen007_2019.html", "lynx"),  # Word-style cells: one cell per line, blank cells as empty lines
        ("gen023_2020.html", "lynx"),  # the same with some values left-aligned in their cells
        ("gen050_2021.html", "lynx"),  # the 2021 template: table 四's one row under its header of stacked letters
        ("gen019_2022.html", "pandoc-plain"),  # a dash-line table of mostly blank cells
        ("gen030_2021.html", "lynx"),  # table 三's rows of blank cells printed as their labels alone
        ("gen034_2024.html", "lynx"),  # table 二 one cell per line, sub-tables of one value a row
        ("gen057_2022.html", "lynx"),  # the same (2019 template), table 三 after a heading without ordinal
    ],
)
def test_real_tool_layout_read_whole(tmp_path: Path, source: str, converter: str) -> None:
    right, expected, wrong, _ = _scored(tmp_path, source, converter)
    assert (wrong, right) == (0, expected)


def test_lynx_blank_cells_joined_by_spaces(tmp_path: Path) -> None:
    """gen030's table 三 through lynx: ``13 1     2   16`` — the gaps say where the blank cells are."""
    from ogi.generate.converters import convert_report

    (out,) = convert_report(GENERATED / "gen030_2021.html", tmp_path, ("lynx",))
    report = read_unlimited(out)
    got = {c.column: c.value for c in report.cells if c.table == "requests" and c.row == "new_received"}
    assert got == {"natural_person": 13, "commercial_enterprise": 1, "research_institution": None,
                   "public_interest_org": None, "legal_service_org": 2, "other_org": None, "total": 16}


@pytest.mark.parametrize(
    ("source", "row", "values"),
    [
        # eight numbered rows of blank cells (（三）不予公开 1.… to 8.…) between two rows of values
        ("gen030_2021.html", "total_processed", (13, 1, None, None, 2, None, 16)),
        # six of them (7.…, 8.…, （四）无法提供 1.… to 3.…, （五）不予处理 1.…) in a table joined by one space
        ("gen061_2022.html", "not_processed_duplicate", (0, 0, 0, 0, 0, 0, 0)),
    ],
)
def test_lynx_rows_of_blank_cells_do_not_end_the_table(
    tmp_path: Path, source: str, row: str, values: tuple[int | None, ...]
) -> None:
    """lynx prints a row whose cells are all blank as its label alone; a run of more than MAX_GAP of them
    cut table 三 in two and the rows after the run were lost."""
    from ogi.generate.converters import convert_report

    (out,) = convert_report(GENERATED / source, tmp_path, ("lynx",))
    report = read_unlimited(out)
    got = {c.column: c.value for c in report.cells if c.table == "requests" and c.row == row}
    columns = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
               "legal_service_org", "other_org", "total")
    assert got == dict(zip(columns, values, strict=True))


def test_lynx_row_printed_as_its_label_alone_is_blank_cells(tmp_path: Path) -> None:
    """``（三）不予公开 1.属于国家秘密`` with nothing after it, between rows that print all seven cells: seven
    blank cells (null, ``blank``), as the spec reads an empty cell."""
    from ogi.generate.converters import convert_report

    (out,) = convert_report(GENERATED / "gen030_2021.html", tmp_path, ("lynx",))
    report = read_unlimited(out)
    cells = [c for c in report.cells if c.table == "requests" and c.row == "denied_state_secret"]
    assert len(cells) == 7
    assert {(c.value, c.note, c.raw, c.placed_by) for c in cells} == {(None, "blank", "", "label")}


def test_spaced_rows_wrapped_label_lines_keep_the_gap_limit() -> None:
    """A numbered label line may be a row of blank cells, and the gap counts from it: where every number is
    joined by one space (-raw), and in a table padded to columns (-layout) where no empty line came since the
    last row (pdftotext -layout of gen036's table 三: a run of blank rows longer than MAX_GAP). With an empty
    line in the gap (a page's foot, the space before a section heading ``三、…`` after table 二) more than
    MAX_GAP lines of words end a padded table; unnumbered lines never count as rows."""
    head = ["一、新收 3 1 4", "二、结转 1 1 2", "三、结果 2 1 3"]
    wrapped = ["（二）部分公开（区分处理的", "这一情形）", "（三）", "不予公", "开", "（四）无", "法提", "供", "（五）"]
    assert len(wrapped) > MAX_GAP
    padded = [line.replace(" ", "  ") for line in [*head, "四、总计 4 2 6"]]
    table, end = spaced_rows_table([*padded[:3], *wrapped, padded[3]], 0)
    assert table is not None and end == 13
    table, end = spaced_rows_table([*padded[:3], "", *wrapped, padded[3]], 0)
    assert table is not None and end == 3
    table, end = spaced_rows_table([*head, *wrapped, "四、总计 4 2 6"], 0)
    assert table is not None and end == 13
    wrapped_unnumbered = ["（二）部分公开（区分处理的", "这一情形）", "不予公", "开", "其", "他", "法提", "供", "（五）"]
    table, end = spaced_rows_table([*head, *wrapped_unnumbered, "四、总计 4 2 6"], 0)
    assert table is not None and end == 3  # one numbered line first, then more than MAX_GAP lines of words
    blank = ["（三）不予公开 1.属于国家秘密", "2.其他", "3.危及", "4.保护", "5.属于"]
    table, end = spaced_rows_table([*head, *blank, "四、总计 4 2 6"], 0)
    assert table is not None and end == 9
    assert [r[0].text for r in table.rows()][3:] == ["（三）不予公开", "2.其他", "3.危及", "4.保护", "5.属于", "四、总计"]


def test_one_cell_per_line_needs_the_empty_line_after_each_cell() -> None:
    lynx = ["   规章", "", "      1", "", "", "      3", "", "   文件", "", "      2", "", "      0", "", "",
            "   其他", "", "", "      4", "", "      5", ""]
    ((table,),) = [_tables("\n".join(lynx))]
    assert [[c.text for c in r] for r in table.rows()] == [["规章", "1", "", "3"], ["文件", "2", "0", ""],
                                                            ["其他", "", "4", "5"]]
    stream = ["规章", "", "1", "", "3", "", "文件", "", "2", "", "0", "", "其他", "", "4", "", "5", ""]
    # values at the labels' margin: not lynx's cell lines (that is LibreOffice's cell stream, read elsewhere)
    assert cell_lines_table(stream, 0) == (None, 0)


def test_one_cell_per_line_sub_tables_of_one_value_a_row() -> None:
    """lynx of table 二 (Word-style cells): sub-tables under centred headers, one value a row; a heading at
    the margin followed by a header is the next table's."""
    def cells(*texts: str) -> list[str]:
        return [line for t in texts for line in (t, "")]

    first = cells("        第二十条第（一）项", "         信息内容", "        本年制发", "   规章", "      1", "      2",
                  "   规范性文件", "      3", "      4")
    second = cells("        第二十条第（五）项", "         信息内容", "      本年处理决定数量", "   行政许可", "      5",
                   "   行政处罚", "      6")
    after = cells("   收到和处理政府信息公开申请情况", "        申请人情况", "          自然人", "   一、本年新收", "      7",
                  "      8")
    lines = [*first, *second, *after]
    table, end = cell_lines_table(lines, 0)
    assert table is not None and lines[end:end + 2] == ["", "   收到和处理政府信息公开申请情况"]
    assert [[c.text for c in r] for r in table.rows()][-2:] == [["行政许可", "5"], ["行政处罚", "6"]]


def test_section_heading_copied_into_a_table_splits_it() -> None:
    """A browser copy joins a heading without ordinal to the tab-joined rows around it as a one-cell row."""
    text = "\n".join(["第二部分 主动公开情况", "信息内容\t本年新制作数量", "规章\t1", "规范性文件\t2",
                     "政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼", "结果维持\t总计", "2\t3"])
    blocks = split_heading_rows(text_to_document(text, "t.txt").blocks)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Heading", "Table"]
    assert [s.key for s in blocks_to_sections(blocks)] == ["active_disclosure", "review_litigation"]
    last = blocks[-1]
    assert isinstance(last, Table) and [c.text for c in last.rows()[0]] == ["行政复议", "行政诉讼"]
