"""Real reports through the real converters: ``samples/real/r14_sh_szfbgt_2019.html`` (Shanghai, 2019, a
Word-style page: ``<p>`` in cells, ``&nbsp;`` blank cells, labels spanning two columns) through every HTML
converter of the matrix and ``samples/real/r01_huaian_szf_2024.pdf`` through pdftotext, each output scored
against the sample's hand-checked expected values.

The generated matrix (``test_converter_matrix.py``) is written by the same hands as the readers; this one is
not: four fixes came from it that the 224 generated outputs never needed (pandoc's pipe table padding a
two-column label with an empty cell; a crawler's one-row table 四 whose blank cells only the whitespace
shows; ``pdftotext -layout`` printing a group cell's second line between a wrapped label and its numbers;
the agency on a title line of its own). ``CELLS`` are floors: they only rise. No converter output may
carry a wrong value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi.bench.metrics import BenchResult, tally_metrics
from ogi.bench.run import run_benchmark
from ogi.generate.converters import convert_report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "converters"
REAL = ROOT / "samples" / "real" / "r14_sh_szfbgt_2019.html"
REAL_PDF = ROOT / "samples" / "real" / "r01_huaian_szf_2024.pdf"   # WPS-exported, tables over three pages
CELLS = {   # (report, converter): cells exact at least
    ("r14", "w3m"): 198, ("r14", "w3m-wide"): 198, ("r14", "browser-copy"): 198, ("r14", "pandoc-gfm"): 198,
    ("r14", "crawler-spaced"): 198, ("r14", "crawler-joined"): 158, ("r14", "lynx"): 183,
    ("r14", "pandoc-plain"): 198,
    # pdftotext's default mode prints text blocks in reading order: no table is read (docs/converters.md)
    ("r01", "pdftotext-layout"): 200, ("r01", "pdftotext-raw"): 200, ("r01", "pdftotext"): 0,
}
EXPECTED = {"r14": 198, "r01": 200}


@pytest.fixture(scope="module")
def real_matrix(tmp_path_factory: pytest.TempPathFactory) -> BenchResult:
    out = tmp_path_factory.mktemp("real-matrix")
    convert_report(REAL, out)
    convert_report(REAL_PDF, out)
    return run_benchmark([out])


def test_every_converter_read_at_its_floor(real_matrix: BenchResult) -> None:
    got = {(Path(s.path).name[:3], s.converter): tally_metrics(s.total) for s in real_matrix.scores}
    assert set(got) == set(CELLS)
    assert {k: m["cells_expected"] for k, m in got.items()} == {k: EXPECTED[k[0]] for k in CELLS}
    low = {k: m["cells_right"] for k, m in got.items() if m["cells_right"] < CELLS[k]}
    assert low == {}
    assert {k: m["agency_accuracy"] for k, m in got.items() if m["agency_accuracy"] < 1} == {}


def test_no_wrong_value_and_every_open_cell_flagged(real_matrix: BenchResult) -> None:
    wrong = [(s.converter, p.key, p.expected, p.got) for s in real_matrix.scores for p in s.problems
             if p.kind == "wrong"]
    assert wrong == []
    unflagged = [(s.converter, p.key) for s in real_matrix.scores for p in s.problems if p.unflagged]
    assert unflagged == []


def _read(name: str) -> dict[tuple[str, str, str], object]:
    from ogi.api import read_unlimited

    report = read_unlimited(FIXTURES / name)
    return {(c.table, c.row, c.column): c.value for c in report.cells}


def test_pipe_table_padding_a_two_column_label_is_not_a_value() -> None:
    """pandoc -t gfm of r14 (kept in tests/fixtures/converters): ``| 三、本年度办理结果 | （一）予以公开 |  | 258 |``,
    the empty cell standing for the label's second column; the rows under it print labels in that column."""
    cells = _read("r14_sh_szfbgt_2019.html.pandoc-gfm.txt")
    granted = [cells[("requests", "granted", c)] for c in
               ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
                "legal_service_org", "other_org", "total")]
    assert granted == [258, 12, None, None, 1, 1, None]
    assert cells[("requests", "partially_granted", "natural_person")] == 3
    assert cells[("requests", "partially_granted", "total")] is None


def test_one_row_table_blanks_told_by_whitespace() -> None:
    """The crawler-spaced flattening of r14 (kept in tests/fixtures/converters): table 四 is one run
    ``5     2 7 8     1 9``, a blank cell one space more between cells joined by a space."""
    cells = _read("r14_sh_szfbgt_2019.html.crawler-spaced.txt")
    review = {(r, c): v for (t, r, c), v in cells.items() if t == "review_litigation"}
    assert [review[("admin_review", c)] for c in ("upheld", "corrected", "other_result", "pending", "total")] \
        == [5, None, None, 2, 7]
    assert [review[("litigation_direct", c)] for c in ("upheld", "corrected", "other_result", "pending", "total")] \
        == [8, None, None, 1, 9]
    assert {v for (r, _), v in review.items() if r == "litigation_after_review"} == {None}


def test_a_real_page_printed_by_chromium_whose_table_the_page_clips(tmp_path: Path) -> None:
    """r14 printed to A4 by headless Chromium (as a reader saves a web page): the table is wider than the
    page, which clips its last column (总计) with its right rule; the row rules run on to the clip. The
    open side is closed (``pdf_grid._close_open_sides``): every cell read, none wrong."""
    import shutil

    from ogi.generate.pdf_producers import chromium_pdf

    pdf = tmp_path / "r14_sh_szfbgt_2019.chromium.pdf"
    chromium_pdf(REAL, pdf)
    shutil.copy(REAL.with_name(REAL.name + ".expected.json"), pdf.with_name(pdf.name + ".expected.json"))
    (score,) = run_benchmark([tmp_path]).scores
    m = tally_metrics(score.total)
    assert (m["cells_right"], m["cells_expected"], m["cells_wrong"]) == (198, 198, 0)
