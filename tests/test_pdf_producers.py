"""The PDF reader on reports printed by other producers (generate/pdf_producers.py), one class a test.

Each test prints a generated report with a real third-party tool (headless Chromium or
LibreOffice), or writes it by hand as WPS does (an embedded CID font in Identity-V), in the
set-up that reproduced a loss before the fix, and checks every canonical cell against the
model's expected values. The whole matrix runs in
``benchmarks/bench_pdf_producers.py``; CI runs this slice.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ogi.api import read
from ogi.bench.run import run_sample
from ogi.bench.samples import find_samples
from ogi.extract import pdf as pdf_reader
from ogi.extract import pdf_glyphs
from ogi.extract.pdf import read_pdf
from ogi.extract.pdf_lines import glyphs_to_text
from ogi.generate.pdf_cid import NOTO_CJK
from ogi.generate.pdf_producers import producer, write_matrix
from ogi.schemas import Table

SEED = 11
COUNT = 4  # the plans of a seed depend on the count: the reports below are those of the bench matrix

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def _print(tmp_path: Path, name: str, index: int) -> Path:
    """Print the matrix reports of one producer; return report ``index`` (1-based)."""
    written = write_matrix(tmp_path, [producer(name)], SEED, COUNT)
    return written[index - 1]


def _wrong(pdf: Path) -> list[str]:
    [sample] = find_samples([pdf])
    score = run_sample(sample)
    return [f"{p.kind} {p.key}: {p.expected} -> {p.got}" for p in score.problems if p.kind in ("wrong", "missed")]


@needs_chromium
def test_chromium_group_cell_cut_by_page_break(tmp_path: Path) -> None:
    """A4 landscape: （五）不予处理 is cut by the break and its closing rule is drawn only under the
    unmerged columns; before the fix the five 不予处理 rows fell out of the grid."""
    pdf = _print(tmp_path, "chromium-a4-landscape", 1)
    assert _wrong(pdf) == []
    doc = read_pdf(pdf)
    pieces = [b for b in doc.blocks if isinstance(b, Table) and any("信访举报" in c.text for c in b.cells)]
    assert len(pieces) == 1
    group = [c for c in pieces[0].cells if c.text == "(五)不予处理"]
    assert group and group[0].col == 1


@needs_soffice
def test_tbrlv_cell_wrapping_into_two_columns(tmp_path: Path) -> None:
    """Word ``tbRlV`` group cells exported by LibreOffice: （四）无法提供 wraps into two centred columns
    whose glyphs sit half a line apart; before the fix it read ``(法四提)供无`` and lost its rows."""
    written = write_matrix(tmp_path, [producer("lo-tbrlv")], SEED, COUNT)
    texts = {c.text for b in read_pdf(written[1]).blocks if isinstance(b, Table) for c in b.cells}
    assert "(四)无法提供" in texts and "(三)不予公开" in texts
    # report 1: the cell is also cut by the page break, its half-width brackets printed turned
    cut = [c for b in read_pdf(written[0]).blocks if isinstance(b, Table) for c in b.cells if "无法" in c.text]
    assert [c.text for c in cut] == ["(四)无法提供", "(四)无法提供"] and cut[0].page + 1 == cut[1].page
    assert [w for pdf in written for w in _wrong(pdf)] == []


@needs_soffice
def test_group_label_printed_on_the_other_side_of_the_break(tmp_path: Path) -> None:
    """Rows that may not break (w:cantSplit): （四）无法提供 is cut by the page break and LibreOffice
    prints its label in the piece on the next page; the piece above gets the same text, so the
    row 本机关不掌握 (above the break) keeps its group. Before the fix its five cells were lost."""
    pdf = _print(tmp_path, "lo-no-row-split", 2)
    cut = [c for b in read_pdf(pdf).blocks if isinstance(b, Table) for c in b.cells if c.text == "(四)无法提供"]
    assert len(cut) == 2 and cut[0].page + 1 == cut[1].page
    assert _wrong(pdf) == []


@needs_soffice
def test_partly_scanned_pdf_names_the_page(tmp_path: Path) -> None:
    """The requests table's page replaced by its own image: a finding names that page."""
    source = _print(tmp_path, "lo-a4", 1)
    pdf = pdfium.PdfDocument(str(source))
    table_page = next(i for i in range(len(pdf)) if "申请人情况" in pdf[i].get_textpage().get_text_range())
    bitmap = pdf[table_page].render(scale=1).to_pil()
    width, height = pdf[table_page].get_size()
    pdf.del_page(table_page)
    page = pdf.new_page(width, height, index=table_page)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(bitmap))
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()
    scanned = tmp_path / "scanned.pdf"
    pdf.save(str(scanned))
    pdf.close()
    assert read_pdf(scanned).pages_without_text == (table_page + 1,)
    report = read(scanned)
    [finding] = [f for f in report.findings if f.code == "page_without_text"]
    assert finding.page == table_page + 1 and f"page {table_page + 1}" in finding.message
    assert read_pdf(source).pages_without_text == ()


needs_cid_font = pytest.mark.skipif(importlib.util.find_spec("fontTools") is None or not NOTO_CJK.exists(),
                                    reason="fontTools or fonts-noto-cjk missing")


@needs_cid_font
def test_identity_v_group_cells_get_tight_boxes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WPS-style export: the group cells of table 三 in a CID font with ``/Identity-V``. pdfium's loose
    box of such a glyph is sized by ``Tf`` alone (199 × 199 pt here), so before the fix the glyph
    centres fell into the cells to the right (三 into a label to its right; in the issue's WPS file
    ``三(一)予以公开``) and whole rows were lost; tight boxes keep them."""
    [pdf] = write_matrix(tmp_path, [producer("wps-identity-v")], SEED, 1)
    raw = pdfium.PdfDocument(str(pdf))
    fonts = b"/Encoding /Identity-V" in pdf.read_bytes()
    textpage = raw[1].get_textpage()
    text = textpage.get_text_range()
    left, bottom, right, top = textpage.get_charbox(text.index("度"), loose=True)
    raw.close()
    assert fonts and right - left > 150 and top - bottom > 150
    groups = {c.text for b in read_pdf(pdf).blocks if isinstance(b, Table) for c in b.cells if c.rowspan > 1}
    assert {"三、本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理"} <= groups
    assert _wrong(pdf) == []
    monkeypatch.setattr(pdf_glyphs, "OVERSIZED_BOX", float("inf"))  # pdfium's loose boxes throughout
    labels = {c.text for b in read_pdf(pdf).blocks if isinstance(b, Table) for c in b.cells}
    assert "三、本年度办理结果" not in labels and any(t.startswith("三、") and len(t) > 3 for t in labels)
    rows = Counter(w.split()[1].rsplit("/", 1)[0] for w in _wrong(pdf))
    assert sum(n == 7 for n in rows.values()) >= 2  # whole rows of table 三 lost (seven cells a row)


def test_expected_files_name_their_producer(tmp_path: Path) -> None:
    """The bench groups by the ``producer`` key every matrix file carries (no printing needed here)."""
    from ogi.generate.pdf_producers import PRODUCERS, matrix_models, producer_docx, producer_model

    [model] = matrix_models(SEED, 1)
    lo = producer_model(model, producer("lo-blank-zeros"))
    assert all(c.value is None or c.value != 0 for c in lo.table("requests").cells)
    assert any(c.note == "blank" for c in lo.table("requests").cells)
    xml = producer_docx(lo, producer("lo-tbrlv"))
    assert xml[:2] == b"PK"
    assert len({p.name for p in PRODUCERS}) == len(PRODUCERS)


def test_two_column_vertical_text_by_hand() -> None:
    """The centred two-column case without any printer: glyph boxes as LibreOffice draws them."""
    from ogi.extract.pdf_glyphs import Glyph

    right = [Glyph(c, 123.7, 731.45 + 9.0 * i, 132.7, 739.7 + 9.0 * i) for i, c in enumerate("（四）无")]
    left = [Glyph(c, 110.6, 735.94 + 9.0 * i, 119.6, 744.2 + 9.0 * i) for i, c in enumerate("法提供")]
    assert glyphs_to_text(right + left) == "(四)无法提供"
    single = [Glyph(c, 10, 10 * i, 19, 10 * i + 9) for i, c in enumerate("总计")]
    assert glyphs_to_text(single) == "总计"


def test_bench_groups_by_producer(tmp_path: Path) -> None:
    """``ogi bench`` adds a ``producer.<name>`` group for files whose expected values name one."""
    from ogi.bench.run import run_benchmark

    generated = Path(__file__).resolve().parent.parent / "samples" / "generated"
    for name, prod in (("gen002_2019.pdf", "lo-a4"), ("gen006_2019.pdf", "")):
        shutil.copy(generated / name, tmp_path / name)
        values = json.loads((generated / f"{name}.expected.json").read_text(encoding="utf-8"))
        if prod:
            values["producer"] = prod
        (tmp_path / f"{name}.expected.json").write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    groups = dict(run_benchmark([tmp_path]).groups)
    assert [g for g in groups if g.startswith("producer.")] == ["producer.lo-a4"]
    assert groups["producer.lo-a4"].reports == 1 and groups["overall"].reports == 2
    [score] = [s for s in run_benchmark([tmp_path / "gen002_2019.pdf"]).scores]
    assert groups["producer.lo-a4"].cells_right == score.total.cells_right > 0


def _continued_table_pdf(path: Path) -> Path:
    """Page 1: a ruled table whose rows of numbers run to the page bottom (open, no closing rule).
    Page 2: its continuation, rows of one or two numbers (blank zeros), no header: by its text
    alone it is not a table page."""
    from test_pdf import _rule, _text  # the pypdfium2 builders of the PDF reader's tests

    pdf = pdfium.PdfDocument.new()
    xs = [20, 120, 160, 200, 240, 280]
    first = pdf.new_page(300, 400)
    _text(pdf, first, "Requests", 20, 380)
    rows = [360 - 20 * i for i in range(18)]
    for y in rows:
        _rule(first, xs[0], y, xs[-1], y)
    for x in xs:
        _rule(first, x, rows[0], x, 0)
    for i, y in enumerate(rows[:-1]):
        _text(pdf, first, f"Row {i}", 25, y - 14)
        for j, x in enumerate(xs[1:-1]):
            _text(pdf, first, str(i + j), x + 5, y - 14)
    first.gen_content()
    second = pdf.new_page(300, 400)
    lines = [380 - 20 * i for i in range(6)]
    for y in lines:
        _rule(second, xs[0], y, xs[-1], y)
    for x in xs:
        _rule(second, x, lines[0], x, lines[-1])
    for i, y in enumerate(lines[:-1]):
        _text(pdf, second, f"Item {'ABCDE'[i]}", 25, y - 14)
        _text(pdf, second, str(7 + i), xs[1] + 5, y - 14)
        if i % 2:
            _text(pdf, second, str(7 + i), xs[4] + 5, y - 14)
    second.gen_content()
    pdf.save(str(path))
    pdf.close()
    return path


def test_continuation_page_with_few_numbers_is_a_table_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """Before the fix page 2's text (one or two numbers a row) hid it from the table pass: its
    ruling lines were never read and its rows came out as paragraphs."""
    doc = read_pdf(_continued_table_pdf(tmp_path / "continued.pdf"))
    [second] = [b for b in doc.blocks if isinstance(b, Table) and b.page == 2]
    rows = [[c.text for c in row] for row in second.rows()]
    assert rows == [["Item A", "7", "", "", ""], ["Item B", "8", "", "", "8"], ["Item C", "9", "", "", ""],
                    ["Item D", "10", "", "", "10"], ["Item E", "11", "", "", ""]]
    monkeypatch.setattr(pdf_reader, "continues_table", lambda layer: False)  # the page test by text alone
    before = read_pdf(tmp_path / "continued.pdf")
    assert [b.page for b in before.blocks if isinstance(b, Table)] == [1]
