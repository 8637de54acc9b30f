"""``pdftotext -layout``: value columns from the positions of the numbers, wrapped labels joined to their row.

The two fixtures are real ``pdftotext -layout`` outputs (poppler) of the LibreOffice PDFs of generated
reports (``ogi matrix``), with the generator's expected values: gen001 (blank cells in rows with some
numbers, labels wrapped around their numbers, group cells beside the middle of their items) and gen021
(table 三 with three applicant columns blank in every row: only the header's column titles place them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi.api import read_unlimited
from ogi.bench.run import run_benchmark
from ogi.extract.text_positions import spread_by_position
from ogi.extract.text_rows import spaced_rows_table
from ogi.extract.text_wrapped import join_wrapped

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "converters"
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org", "total")


@pytest.mark.parametrize(
    ("name", "right"),
    [
        # 84 before the positions, 154 before rows of blanks, 210 before `4886200 元` (a unit apart) was read
        ("gen001_2022.docx.pdftotext-layout.txt", 212),
        # 19 before the positions, 81 before rows of blanks, 151 before the page break inside table 三, 179
        # before the blank 四、结转… after the last number line, 193 before (二)'s label around its numbers
        ("gen021_2023.docx.pdftotext-layout.txt", 200),
    ],
)
def test_real_pdftotext_layout(name: str, right: int) -> None:
    (score,) = run_benchmark([FIXTURES / name]).scores
    t = score.total
    assert score.error_type is None
    assert (t.cells_right, t.cells_wrong) == (right, 0)


def _row(name: str, row: str) -> tuple[object, ...]:
    report = read_unlimited(FIXTURES / name)
    got = {c.column: c.value for c in report.cells if c.table == "requests" and c.row == row}
    return tuple(got.get(col, "absent") for col in APPLICANTS)


@pytest.mark.parametrize(
    ("row", "values"),
    [
        ("partially_granted", (1, None, None, None, None, None, 1)),  # label wrapped above and below ``１ … １``
        ("unable_not_held", (None, 2, None, None, None, None, 2)),  # the 2 is in the second column, not the first
        ("not_processed_petition", (None, 1, None, None, None, None, 1)),  # （五）不予处理 printed after (1)
        ("denied_law_prohibited", (0, 0, 0, 0, 0, 0, 0)),  # 其他法律行政法规禁止 / numbers / 公开
        ("other_fee_unpaid", (0, 0, 0, 0, 0, 0, 0)),  # a label of four lines around its numbers
        ("not_processed_excessive", (0, 0, 0, 0, 0, 0, 0)),  # the table goes on after an empty line
        ("denied_state_secret", (None,) * 7),  # its label alone, between (二) and the wrapped (2), both with numbers
        ("carried_over", (None,) * 7),  # its label alone, between two rows of numbers
    ],
)
def test_gen001_blank_cells_and_wrapped_labels(row: str, values: tuple[object, ...]) -> None:
    assert _row("gen001_2022.docx.pdftotext-layout.txt", row) == values


def test_gen021_columns_from_the_header_titles() -> None:
    """No row of gen021's table 三 has all seven numbers; 自然/人, 商业/企业, … 总计 name the columns."""
    assert _row("gen021_2023.docx.pdftotext-layout.txt", "new_received") == (14, 1, None, None, None, 2, 17)


def test_sub_table_under_its_own_header_keeps_its_columns() -> None:
    """Table 二's (八) has two columns; the three of (六) above it must not spread its row (gen001)."""
    lines = (FIXTURES / "gen001_2022.docx.pdftotext-layout.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("规章"))
    table, _ = spaced_rows_table(lines, start)
    assert table is not None
    rows = {r[0].text: [c.text for c in r[1:]] for r in table.rows()}
    assert rows["行政事业性收费"] == ["18", "-7"]
    assert rows["行政强制"] == ["4", "-4", "0"]


def test_numbers_between_columns_stay_as_printed() -> None:
    lines = ["a  1    2    3", "b  4      6", "c  7    8    9"]
    assert spread_by_position(lines, [["1", "2", "3"], ["4", "6"], ["7", "8", "9"]]) == [
        ["1", "2", "3"], ["4", "6"], ["7", "8", "9"]]


def test_full_rows_that_disagree_fix_no_columns() -> None:
    lines = ["a  1    2    3", "b  4    6", "c  7       8    9"]
    values = [["1", "2", "3"], ["4", "6"], ["7", "8", "9"]]
    assert spread_by_position(lines, values) == values


def test_label_line_claimed_by_two_number_lines_is_not_joined() -> None:
    """``乙`` continues the label above the first number line and sits above the second: whose is it?"""
    lines = ["  (1)甲", "         1   2", "  乙", "         3   4"]
    rows = [(["(1)甲"], []), ([], ["1", "2"]), (["乙"], []), ([], ["3", "4"])]
    assert join_wrapped(lines, rows) == rows
