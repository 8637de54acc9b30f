"""Tables of pdftotext ``-layout`` and ``-raw`` text (real tool output: excerpts of the converter matrix, one
section of a generated DOCX report's LibreOffice PDF each, in tests/fixtures/converters) read against the
generated report's expected cells: every cell emitted is the printed one, and the counts say how many are read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.extract.text import text_to_document
from ogi.extract.text_pages import page_furniture
from ogi.extract.text_positions import _place
from ogi.extract.text_rows import MAX_GAP, join_units, spaced_rows_table
from ogi.normalize.pipeline import document_to_report
from ogi.schemas import Report

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "converters"
GENERATED = ROOT.parent / "samples" / "generated"


def _read(fixture: str, sample: str) -> tuple[Report, dict[str, object]]:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    expected = json.loads((GENERATED / f"{sample}.docx.expected.json").read_text(encoding="utf-8"))["cells"]
    return document_to_report(text_to_document(text, fixture)), expected


def _cells(report: Report, table: str) -> dict[str, object]:
    return {c.key: c.value for c in report.cells if c.table == table}


@pytest.mark.parametrize(
    ("fixture", "sample", "table", "right"),
    [
        # a mostly blank table 三 over two pages: rows of one number, blank rows, the titles repeated on page 2
        # (all 23 × 7 cells; 34 before this branch)
        ("pdftotext_layout_requests_gen048.txt", "gen048_2019", "requests", 161),
        # a run of blank rows longer than MAX_GAP label lines and a page break before （七）总计 (all 25 × 7)
        ("pdftotext_layout_requests_gen036.txt", "gen036_2021", "requests", 175),
        # -raw: blank rows above the first number line, 四、结转… printed alone after the last one (all 23 × 7)
        ("pdftotext_raw_requests_gen032.txt", "gen032_2024", "requests", 161),
        # -layout: the same blank first rows, and a wrapped group cell 三、/本年/度办 beside （二）'s number line
        # (when that line took the group cell for its label, （二） became a row of blanks: 7 cells wrong);
        # 2.其他法律行政法规禁止公开, whose wrapped ``开`` drifts one column right (all 23 × 7; 154 before)
        ("pdftotext_layout_requests_gen032.txt", "gen032_2024", "requests", 161),
        # a page break before 3.其他 with no titles repeated: the rows after it (（七）总计, 四、结转…) stand
        # further left on page 2, so they are a segment of their own (all 25 × 7; 111 before)
        ("pdftotext_layout_requests_gen059.txt", "gen059_2023", "requests", 175),
        # table 二 with units set apart from their numbers (178 件), and 规章's ``/`` cells on a line of their
        # own between its wrapped label's lines, the table's first row (all 22 cells)
        ("pdftotext_layout_active_gen044.txt", "gen044_2020", "active_disclosure", 22),
    ],
)
def test_pdftotext_table_cells_exact(fixture: str, sample: str, table: str, right: int) -> None:
    report, expected = _read(fixture, sample)
    cells = _cells(report, table)
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}
    assert len(cells) == right


def test_layout_blank_table_over_a_page_break() -> None:
    """gen048's table 三 prints seven numbers in all: each is placed under its column title, on both pages
    (the second page's titles stand five columns left of the first's)."""
    report, _ = _read("pdftotext_layout_requests_gen048.txt", "gen048_2019")
    cells = _cells(report, "requests")
    assert cells["requests/new_received/commercial_enterprise"] == 1
    assert cells["requests/new_received/natural_person"] is None
    assert cells["requests/partially_granted/research_institution"] == 1  # ``果  …  1``: the label around it
    assert cells["requests/total_processed/commercial_enterprise"] == 1  # page 2
    assert cells["requests/carried_forward/total"] is None  # 四、结转… alone after the last number line
    assert cells["requests/denied_state_secret/total"] is None


def test_layout_long_run_of_blank_rows() -> None:
    report, _ = _read("pdftotext_layout_requests_gen036.txt", "gen036_2021")
    cells = _cells(report, "requests")
    assert cells["requests/unable_not_held/natural_person"] == 2
    assert cells["requests/unable_not_held/legal_service_org"] == 1
    assert cells["requests/total_processed/total"] == 7
    assert cells["requests/not_processed_duplicate/total"] is None  # ``予处理  2．重复申请``: its own row


def test_raw_blank_rows_before_the_first_number_line() -> None:
    report, _ = _read("pdftotext_raw_requests_gen032.txt", "gen032_2024")
    cells = _cells(report, "requests")
    assert cells["requests/new_received/total"] is None
    assert cells["requests/carried_over/total"] is None
    assert cells["requests/carried_forward/total"] is None


def test_layout_number_line_beside_a_group_cell() -> None:
    report, _ = _read("pdftotext_layout_requests_gen032.txt", "gen032_2024")
    cells = _cells(report, "requests")
    assert cells["requests/partially_granted/total"] == 0  # ``度办   0 … 0`` is （二）'s, not 三、's
    assert cells["requests/granted/total"] is None  # （一）予以公开, printed alone above it
    assert cells["requests/new_received/total"] is None


def test_units_apart_from_their_numbers() -> None:
    assert join_units("行政许可   178 件   0   4,844 件") == "行政许可   178件    0   4,844件 "
    assert join_units("其他事项   100   减 23   839") == "其他事项   100   减23    839"
    report, _ = _read("pdftotext_layout_active_gen044.txt", "gen044_2020")
    cells = _cells(report, "active_disclosure")
    assert cells["active_disclosure/licensing/items_last_year"] == 178
    assert cells["active_disclosure/licensing/decisions"] == 4844
    (made,) = [c for c in report.cells if c.key == "active_disclosure/regulations/newly_made"]
    assert (made.value, made.raw) == (None, "/")  # not applicable, as printed


def test_page_furniture_needs_the_titles_repeated() -> None:
    """A table goes on over a page break where the next page repeats its titles (the foot, the form feed and
    those titles are page furniture, not gap lines); a page that repeats none may start anything, so table 二
    and the heading and titles of table 三 after it never become one table."""
    titles = ["        申请人情况", "     自然  商业", "     人    企业", "     数量  件数"]
    rows = ["规章  1    2   3", "文件  4    5   6", "许可  7    8   9"]
    foot = ["", "", " —3— "]
    assert len(foot) + len(titles) + 2 > MAX_GAP
    lines = [*titles, *rows, *foot, "\f三、收到和处理", "说明", *titles, "一、新收  1    2   3"]
    assert page_furniture(lines, 4, {w for t in titles for w in t.split()}) == set()
    table, end = spaced_rows_table(lines, 4)
    assert table is not None and end == 7
    repeated = [*titles, *rows, *foot, "\f" + titles[0], *titles[1:], *titles, "规费  1    2   3"]
    assert page_furniture(repeated, 4, {w for t in titles for w in t.split()}) == set(range(7, 18))
    table, end = spaced_rows_table(repeated, 4)
    assert table is not None and end == len(repeated) and len(table.rows()) == 4


def test_layout_rows_on_a_page_without_titles() -> None:
    """gen059's table 三: page 1's rows sit under the titles; page 2 repeats none and prints its two rows
    further left, which had made every row of the block fit no columns."""
    report, _ = _read("pdftotext_layout_requests_gen059.txt", "gen059_2023")
    cells = _cells(report, "requests")
    assert cells["requests/new_received/legal_service_org"] == 2
    assert cells["requests/new_received/research_institution"] is None
    assert cells["requests/unable_not_held/commercial_enterprise"] == 1
    assert cells["requests/total_processed/natural_person"] == 21  # page 2
    assert cells["requests/carried_forward/total"] == 2  # page 2


def test_layout_wrapped_label_drifting_right() -> None:
    """gen032's ``2.其他法律行政法规禁止公`` wraps its ``开`` one column right of its start, below the number
    line whose only word is the group cell's ``开`` (不予公/开): the row is read, not left unplaced."""
    report, expected = _read("pdftotext_layout_requests_gen032.txt", "gen032_2024")
    cells = _cells(report, "requests")
    assert cells["requests/denied_law_prohibited/total"] == 0
    assert cells["requests/denied_state_secret/total"] is None
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}
    assert not [f for f in report.findings if "unplaced" in str(f)]


def test_layout_blank_row_before_its_neighbours_group_cell() -> None:
    """gen025's blank （二）部分公开 is followed by ``1、属于国家秘密``…``3、``, whose group cell （三）不予公开 is printed
    further down at its middle, its line going on with ``4、``: （二） heads nothing and is a row of blanks."""
    report, expected = _read("pdftotext_layout_requests_gen025.txt", "gen025_2022")
    cells = _cells(report, "requests")
    assert "requests/partially_granted/total" in cells
    assert cells["requests/partially_granted/total"] is None
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}


def test_layout_two_number_rows_around_a_wrapped_label() -> None:
    """gen052's table 二 has two number rows only (its other rows print one number each under their own
    titles): ``—  —  —`` stands between 规章's wrapped label lines, so the block is read as a table."""
    report, expected = _read("pdftotext_layout_active_gen052.txt", "gen052_2025")
    cells = _cells(report, "active_disclosure")
    assert "active_disclosure/regulations/issued" in cells
    assert cells["active_disclosure/regulations/in_force"] is None
    assert cells["active_disclosure/normative_documents/in_force"] == 59
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}


def test_layout_units_apart_in_one_number_rows() -> None:
    """gen013's table 二 prints its one-number rows under their own titles (no table block, text lines):
    ``行政强制   64 件`` and ``行政事业性收费   1153.91 万元`` keep their unit set apart by a space."""
    report, expected = _read("pdftotext_layout_active_gen013.txt", "gen013_2025")
    cells = _cells(report, "active_disclosure")
    assert cells["active_disclosure/coercion/decisions"] == 64
    assert cells["active_disclosure/fees/fee_amount"] == expected["active_disclosure/fees/fee_amount"] == 1153.91
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}


def test_layout_column_forced_by_order() -> None:
    """gen025's 一、本年新收 is page 1's only row, its ``3`` 3.5 columns right of 自然/人 (page 1's titles stand
    apart from its numbers): with ``1`` under 商业/企业, only the first column is left for it."""
    report, expected = _read("pdftotext_layout_requests_gen025.txt", "gen025_2022")
    cells = _cells(report, "requests")
    assert cells["requests/new_received/natural_person"] == 3
    assert cells["requests/new_received/commercial_enterprise"] == 1
    assert cells["requests/new_received/research_institution"] is None
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}
    assert _place([27.5, 31.5, 62.5], [24.25, 32.5, 38.0, 47.0, 53.0, 59.0, 62.0]) == [0, 1, 6]
    assert _place([27.5, 38.5], [24.25, 32.5, 38.0]) is None  # two free columns left of 38: no place forced
    assert _place([27.5, 35.0, 62.0], [24.25, 32.5, 38.0, 47.0, 62.0]) is None  # two numbers near none


def test_raw_number_row_under_its_wrapped_label() -> None:
    """gen052's table 二 in ``pdftotext -raw``: 规章's ``— — —`` under both lines of its wrapped label
    (``规章（设区的市、自治州人民政`` / ``府应提供相关数据）``), which are its row's label, not column titles."""
    report, expected = _read("pdftotext_raw_active_gen052.txt", "gen052_2025")
    cells = _cells(report, "active_disclosure")
    assert {"issued", "repealed", "in_force"} <= {k.split("/")[-1] for k in cells if "/regulations/" in k}
    assert cells["active_disclosure/regulations/in_force"] is None
    assert cells["active_disclosure/normative_documents/in_force"] == 59
    assert {k: v for k, v in cells.items() if expected.get(k, "absent") != v} == {}
