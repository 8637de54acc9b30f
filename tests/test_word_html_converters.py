"""A real Word-style HTML report (samples/real/r14_sh_szfbgt_2019.html: ``<p>`` inside cells, ``&nbsp;`` blank
cells, colspans) through lynx and pandoc ``-t plain``, read against its hand-checked expected cells.

The fixtures are excerpts of the tools' real output (the title lines, section 二 and section 四), made with the
options of ``ogi.generate.converters``::

    lynx -dump -nolist -display_charset=utf-8 -assume_charset=utf-8 r14_sh_szfbgt_2019.html
        → tests/fixtures/converters/lynx_r14_active_review.txt        (lines 1–4, 102–211, 484–538)
    pandoc -f html -t plain --wrap=none r14_sh_szfbgt_2019.html
        → tests/fixtures/converters/pandoc_plain_r14_active_review.txt (lines 1–4, 53–93, 125–134)
"""

from __future__ import annotations

import json
from pathlib import Path

from ogi.extract.text import text_to_document
from ogi.normalize.pipeline import document_to_report
from ogi.schemas import Report

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "converters"
EXPECTED = json.loads((ROOT.parent / "samples" / "real" / "r14_sh_szfbgt_2019.html.expected.json")
                      .read_text(encoding="utf-8"))["cells"]


def _report(fixture: str) -> Report:
    return document_to_report(text_to_document((FIXTURES / fixture).read_text(encoding="utf-8"), fixture))


def _expected(table: str) -> dict[str, object]:
    return {k: v for k, v in EXPECTED.items() if k.startswith(f"{table}/")}


def test_lynx_sub_table_first_rows_under_their_heading_run() -> None:
    """lynx prints each sub-table's banner, header cells and first row's label as one run of lines, the
    row's numbers after them (``第二十条第（五）项`` … ``处理决定数量`` ``行政许可`` / ``0`` ``0`` ``0``): the run's last
    line is that row's label. All 22 cells of table 二 (licensing, penalties, fees, procurement were lost)."""
    report = _report("lynx_r14_active_review.txt")
    cells = {c.key: c.value for c in report.cells if c.table == "active_disclosure"}
    assert cells == _expected("active_disclosure")
    assert not [f for f in report.findings if f.code == "unplaced_row" and f.table == "active_disclosure"]


def test_pandoc_plain_spans_dropped_in_table_two() -> None:
    """pandoc ``-t plain`` draws a cell spanning two columns as its text in the first and an empty second
    (``本年增/减`` over columns 2–3, its row's ``0`` in column 3): a value belongs to the header title at or
    left of its column. All 22 cells of table 二 (none were read)."""
    report = _report("pandoc_plain_r14_active_review.txt")
    cells = {c.key: c.value for c in report.cells if c.table == "active_disclosure"}
    assert cells == _expected("active_disclosure")
    assert {c.key: c.value for c in report.cells if c.table == "review_litigation"} == _expected("review_litigation")
    assert report.tables[0].template == "2019"


def test_lynx_table_four_row_without_its_blanks_is_flagged_open() -> None:
    """lynx prints table 四's blank ``<td>&nbsp;</td>`` cells at the row's end as nothing and a run of them
    between numbers as one empty line: ``5 · 2 7 8 · 1 9`` for fifteen cells. Only H4 may place the numbers,
    and it leaves every cell open (``5 2 7`` and ``8 1 9`` may fill any two of the three proceedings, each
    block's two parts any two of its four cells): nothing is emitted, each cell is reported with the readings and the true
    value among its candidates, and no row is left unplaced."""
    report = _report("lynx_r14_active_review.txt")
    assert [c for c in report.cells if c.table == "review_litigation"] == []
    open_ = {f.cells[0]: f.message for f in report.findings if f.code == "unplaced_value"}
    expected = _expected("review_litigation")
    assert set(open_) == set(expected)
    for key, value in expected.items():
        candidates = open_[key].split("this cell is ")[1].split(" depending")[0].split(" or ")
        assert (str(value) if value is not None else "blank") in candidates
    assert not [f for f in report.findings if f.code == "unplaced_row"]
