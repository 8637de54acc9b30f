"""The PDF reader (extract/pdf*.py) on the real Huai'an 2024 report and on PDFs built here.

r01 checks exact cell texts, spans, pages and positions against what the page images
show. The PDFs built in a tmp dir with pypdfium2 (standard Helvetica font, so no system
fonts are needed) check what r01 cannot: rotated pages, a row of numbers only the
cell grid can split, a folio inside the table area, a table without ruling lines, and
the files that must be refused (truncated, scanned, encrypted).
"""

from __future__ import annotations

import ctypes
import doctest
import math
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from ogi.extract import pdf as pdf_reader
from ogi.extract import pdf_glyphs, pdf_grid, pdf_lines, pdf_loose, pdf_rules, pdf_text, read_document
from ogi.extract.pdf import read_pdf
from ogi.extract.pdf_text import clean_text, is_page_number
from ogi.schemas import Document, Heading, Paragraph, Table, TableCell, UnreadableFile

R01 = Path(__file__).resolve().parent.parent / "samples" / "real" / "r01_huaian_szf_2024.pdf"


@pytest.fixture(scope="module")
def r01() -> Document:
    return read_pdf(R01)


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def cell(table: Table, row: int, col: int) -> TableCell:
    found = [c for c in table.cells if c.row == row and c.col == col]
    assert len(found) == 1, f"no anchor cell at ({row}, {col})"
    return found[0]


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


@pytest.mark.parametrize("module", [pdf_reader, pdf_glyphs, pdf_grid, pdf_lines, pdf_loose, pdf_rules, pdf_text],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


# ---------------------------------------------------------------------------------------------- r01


def test_r01_tables_pieces_pages_and_shapes(r01: Document) -> None:
    # 二 starts on page 3 and continues on page 4; 三 runs from page 4 to page 5; 四 is on page 5.
    assert [(t.page, t.n_rows, t.n_cols) for t in tables(r01)] == [
        (3, 8, 4), (4, 6, 2), (4, 16, 10), (5, 12, 10), (5, 4, 15)]
    assert r01.pages == 6
    assert r01.title == "淮安市人民政府2024年政府信息公开工作年度报告"


def test_r01_active_disclosure_cells(r01: Document) -> None:
    first, second = tables(r01)[:2]
    assert texts(first) == [
        ["第二十条第(一)项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "11"],
        ["行政规范性文件", "8", "26", "66"],
        ["第二十条第(五)项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "447228"],
        ["第二十条第(六)项"],
    ]
    assert cell(first, 0, 0).colspan == 4
    assert cell(first, 6, 1).colspan == 3
    assert texts(second)[-1] == ["行政事业性收费", "96171.6"]
    assert cell(second, 4, 1).text == "本年收费金额(单位:万元)"


def test_r01_requests_header_spans(r01: Document) -> None:
    req = tables(r01)[2]
    corner = cell(req, 0, 0)
    assert (corner.text, corner.rowspan, corner.colspan) == (
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", 3, 3)
    assert (cell(req, 0, 3).text, cell(req, 0, 3).colspan) == ("申请人情况", 7)
    assert (cell(req, 1, 3).text, cell(req, 1, 3).rowspan) == ("自然人", 2)
    assert (cell(req, 1, 4).text, cell(req, 1, 4).colspan) == ("法人或其他组织", 5)
    assert (cell(req, 1, 9).text, cell(req, 1, 9).rowspan) == ("总计", 2)
    # printed wrapped inside their cells: 商业企/业, 科研机/构 ...
    assert texts(req)[2] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_r01_requests_row_labels_and_values(r01: Document) -> None:
    req = tables(r01)[2]
    assert texts(req)[3] == ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"]
    # the merged label printed as stacked characters, one per line
    assert (cell(req, 5, 0).text, cell(req, 5, 0).rowspan, cell(req, 5, 0).colspan) == ("三、本年度办理结果", 11, 1)
    assert (cell(req, 5, 1).text, cell(req, 5, 1).colspan) == ("(一)予以公开", 2)
    assert cell(req, 6, 1).text == "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
    assert (cell(req, 7, 1).text, cell(req, 7, 1).rowspan) == ("(三)不予公开", 8)
    assert texts(req)[9] == ["3.危及“三安全一稳定”", "5", "0", "0", "0", "0", "0", "5"]
    # (四)无 / 法提供 is cut by the page break: both pieces carry the joined label (extract/pdf_cut.py)
    assert texts(req)[15] == ["(四)无法提供", "1.本机关不掌握相关政府信息", "746", "12", "0", "0", "10", "1", "769"]


def test_r01_requests_continuation_on_next_page(r01: Document) -> None:
    cont = tables(r01)[3]
    # the merged 三、本年度办理结果 column goes on, and (四)无 / 法提供 is cut by the page break:
    # each piece of a cut merged cell carries the whole label (extract/pdf_cut.py)
    assert (cell(cont, 0, 0).text, cell(cont, 0, 0).rowspan) == ("三、本年度办理结果", 11)
    assert (cell(cont, 0, 1).text, cell(cont, 0, 1).rowspan) == ("(四)无法提供", 2)
    assert texts(cont)[7] == ["(六)其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                              "67", "3", "0", "0", "1", "0", "71"]
    assert texts(cont)[10] == ["(七)总计", "2932", "53", "0", "0", "61", "4", "3050"]
    assert texts(cont)[11] == ["四、结转下年度继续办理", "103", "0", "0", "0", "0", "0", "103"]
    assert cell(cont, 11, 0).colspan == 3


def test_r01_review_litigation_vertical_headers(r01: Document) -> None:
    review = tables(r01)[4]
    # headers wrapped one or two characters a line: 结果/维持, 其他结/果, 尚未审/结
    assert texts(review) == [
        ["行政复议", "行政诉讼"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
        ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"],
    ]
    assert [(c.rowspan, c.colspan) for c in review.rows()[1]] == [(2, 1)] * 5 + [(1, 5)] * 2
    assert cell(review, 0, 5).colspan == 10


def test_r01_every_cell_has_page_and_position(r01: Document) -> None:
    for table in tables(r01):
        assert table.bbox is not None
        for c in table.cells:
            assert c.page == table.page
            assert c.bbox is not None
            assert table.bbox.x0 - 1 <= c.bbox.x0 < c.bbox.x1 <= table.bbox.x1 + 1
            assert table.bbox.top - 1 <= c.bbox.top < c.bbox.bottom <= table.bbox.bottom + 1
            assert c.bbox.x0 > 0 and c.bbox.bottom < 842
    box = cell(tables(r01)[4], 3, 0).bbox  # the data row of 四, under its two header rows
    assert box is not None
    assert (round(box.x0), round(box.top), round(box.x1), round(box.bottom)) == (70, 648, 96, 691)


def test_r01_no_page_numbers_anywhere(r01: Document) -> None:
    for block in r01.blocks:
        strings = [c.text for c in block.cells] if isinstance(block, Table) else [block.text]
        assert not any(is_page_number(s, decorated_only=True) for s in strings), strings


def test_r01_blocks_in_reading_order(r01: Document) -> None:
    kinds = [("T" if isinstance(b, Table) else b.text[:6]) for b in r01.blocks if not isinstance(b, Paragraph)]
    assert kinds == ["淮安市人民政", "一、总体情况", "二、主动公开", "T", "T", "三、收到和处", "T", "T",
                     "四、政府信息", "T", "五、存在的主", "六、其他需要"]
    headings = [b for b in r01.blocks if isinstance(b, Heading)]
    assert [(h.level, h.page) for h in headings] == [(1, 1), (2, 1), (2, 3), (2, 4), (2, 5), (2, 5), (2, 6)]


def test_r01_paragraphs_continue_over_page_breaks(r01: Document) -> None:
    paragraphs = [b for b in r01.blocks if isinstance(b, Paragraph)]
    active = next(p for p in paragraphs if p.text.startswith("(一)主动公开情况。"))
    assert active.page == 1
    assert active.text.endswith("等新闻发布会12场,努力传递政府声音、宣传政策法规、回应舆论关切。")  # page 2
    assert paragraphs[0].text.startswith("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》(国令第711号)")
    assert paragraphs[-1].text == "2024年,市政府严格落实《政府信息公开信息处理费管理办法》,全年收取政府信息公开信息处理费3940元。"


def test_clean_text_folds_compatibility_code_points() -> None:
    assert clean_text("⼀、本年新收 政府信息公开申请数量") == "一、本年新收政府信息公开申请数量"
    assert clean_text("１２") == "12"


# ------------------------------------------------------------------------------ PDFs built in tmp


def _text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, s: str, x: float, y: float, size: float = 9) -> None:
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size))
    buf = ctypes.create_string_buffer((s + "\x00").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _rule(page: pdfium.PdfPage, x0: float, y0: float, x1: float, y1: float) -> None:
    path = pdfium_c.FPDFPageObj_CreateNewPath(ctypes.c_float(x0), ctypes.c_float(y0))
    pdfium_c.FPDFPath_LineTo(path, ctypes.c_float(x1), ctypes.c_float(y1))
    pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
    pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(0.5))
    pdfium_c.FPDFPath_SetDrawMode(path, 0, True)
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


XS = [20, 120, 160, 200, 240, 280, 320]  # column borders
YS = [260, 240, 220, 200]  # row borders, top down (PDF y grows upwards)


def _ruled_page(pdf: pdfium.PdfDocument) -> None:
    """Caption, a ruled table (merged cells, tight numbers, a folio in an empty row), a footer."""
    page = pdf.new_page(400, 300)
    _text(pdf, page, "Table one", 20, 275)
    _rule(page, XS[0], YS[0], XS[-1], YS[0])
    _rule(page, XS[1], YS[1], XS[-1], YS[1])  # not under "Label": it spans two rows
    for y in YS[2:]:
        _rule(page, XS[0], y, XS[-1], y)
    for x in (XS[0], XS[1], XS[-1]):
        _rule(page, x, YS[0], x, YS[-1])
    for x in XS[2:-1]:
        _rule(page, x, YS[1], x, YS[-1])  # not through "Applicants": it spans five columns
    _text(pdf, page, "Label", 25, 237)
    _text(pdf, page, "Applicants", 125, 247)
    for i, h in enumerate("PQRST"):
        _text(pdf, page, h, XS[i + 1] + 5, 227)
    _text(pdf, page, "New", 25, 207)
    # right-aligned then left-aligned: the text layer reads "10 1 0 0 0", only the grid splits it
    _text(pdf, page, "10", XS[2] - 11, 207)
    _text(pdf, page, "1", XS[2] + 2, 207)
    _text(pdf, page, "0", XS[4] - 7, 207)
    _text(pdf, page, "0", XS[4] + 2, 207)
    _text(pdf, page, "0", XS[6] - 7, 207)
    _text(pdf, page, "End of table", 20, 180)
    _text(pdf, page, "- 3 -", 190, 15)
    page.gen_content()


EXPECTED_RULED = [["Label", "Applicants"], ["P", "Q", "R", "S", "T"], ["New", "10", "1", "0", "0", "0"]]


def _save(pdf: pdfium.PdfDocument, path: Path) -> Path:
    pdf.save(str(path))
    pdf.close()
    return path


@pytest.fixture
def ruled_pdf(tmp_path: Path) -> Path:
    pdf = pdfium.PdfDocument.new()
    _ruled_page(pdf)
    return _save(pdf, tmp_path / "ruled.pdf")


def test_built_ruled_table_grid_spans_and_order(ruled_pdf: Path) -> None:
    doc = read_pdf(ruled_pdf)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert [doc.blocks[0].text, doc.blocks[2].text] == ["Table one", "End of table"]  # type: ignore[union-attr]
    table = tables(doc)[0]
    assert texts(table) == EXPECTED_RULED
    assert (cell(table, 0, 0).rowspan, cell(table, 0, 1).colspan) == (2, 5)
    assert table.page == 1


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_built_rotated_page_reads_upright(ruled_pdf: Path, tmp_path: Path, rotation: int) -> None:
    pdf = pdfium.PdfDocument(str(ruled_pdf))
    pdf[0].set_rotation(rotation)  # shown sideways or upside down; the words must still come out in order
    doc = read_pdf(_save(pdf, tmp_path / f"rot{rotation}.pdf"))
    assert texts(tables(doc)[0]) == EXPECTED_RULED
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Table one", "End of table"]


def test_built_landscape_drawn_rotated_in_portrait_box(ruled_pdf: Path, tmp_path: Path) -> None:
    """A landscape page stored as a rotated drawing on a portrait page with /Rotate 90 (displays upright)."""
    src = pdfium.PdfDocument(str(ruled_pdf))
    dst = pdfium.PdfDocument.new()
    page = dst.new_page(300, 400)
    drawing = src.page_as_xobject(0, dst).as_pageobject()
    drawing.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(300, 0))
    page.insert_obj(drawing)
    page.gen_content()
    page.set_rotation(90)
    doc = read_pdf(_save(dst, tmp_path / "landscape.pdf"))
    src.close()
    assert texts(tables(doc)[0]) == EXPECTED_RULED


def test_built_table_without_ruling_lines(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(400, 300)
    _text(pdf, page, "Counts by kind", 20, 270)
    rows = [["Item", "A", "B", "Total"], ["first", "1", "22", "23"], ["second", "105", "0", "105"]]
    for r, row in enumerate(rows):
        for c, word in enumerate(row):
            _text(pdf, page, word, 20 + 80 * c, 240 - 16 * r)
    page.gen_content()
    doc = read_pdf(_save(pdf, tmp_path / "loose.pdf"))
    assert [texts(t) for t in tables(doc)] == [rows]
    assert all(c.bbox is not None and c.page == 1 for c in tables(doc)[0].cells)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Counts by kind"]


# ----------------------------------------------------------------------------------- refused files


def test_truncated_pdf_is_unreadable(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(R01.read_bytes()[:150_000])
    with pytest.raises(UnreadableFile) as err:
        read_document(cut)
    assert str(err.value) == f"{cut}: damaged PDF: not a valid PDF structure (truncated or corrupt)"


def _image_page(pdf: pdfium.PdfDocument, stamp: str = "") -> None:
    """A page that is one picture (a scan), with an optional scanner's stamp as text."""
    page = pdf.new_page(595, 842)
    bitmap = pdfium.PdfBitmap.new_native(60, 80, pdfium_c.FPDFBitmap_BGR)
    bitmap.fill_rect((200, 200, 200, 255), 0, 0, 60, 80)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(480, 640).translate(50, 100))
    page.insert_obj(image)
    if stamp:
        _text(pdf, page, stamp, 40, 20)
    page.gen_content()


def test_scanned_pdf_without_text_layer_goes_to_ocr(tmp_path: Path) -> None:
    # image-only pages are OCR'd (tests/test_ocr.py has real scans); two blank grey pictures hold nothing
    pdf = pdfium.PdfDocument.new()
    _image_page(pdf, stamp="CamScanner")
    _image_page(pdf)
    doc = read_document(_save(pdf, tmp_path / "scan.pdf"))
    assert ("image_only_pages", "1,2") in doc.properties
    assert tables(doc) == []


def test_scanned_page_among_text_pages_is_named(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    _ruled_page(pdf)
    _image_page(pdf)
    doc = read_pdf(_save(pdf, tmp_path / "mixed.pdf"))
    assert texts(tables(doc)[0]) == EXPECTED_RULED
    assert ("image_only_pages", "2") in doc.properties
    assert doc.pages == 2


def _hand_written_pdf(trailer_extra: str) -> bytes:
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               "<< /Filter /Standard /V 1 /R 2 /O <" + "ab" * 32 + "> /U <" + "cd" * 32 + "> /P -4 >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_hand_written_pdf("/Encrypt 4 0 R /ID [<" + "11" * 16 + "> <" + "11" * 16 + ">]"))
    with pytest.raises(UnreadableFile) as err:
        read_pdf(locked)
    assert str(err.value) == f"{locked}: encrypted PDF: a password is needed to open it"


def test_pdf_with_empty_pages_is_unreadable(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(_hand_written_pdf(""))
    with pytest.raises(UnreadableFile) as err:
        read_pdf(empty)
    assert str(err.value) == f"{empty}: PDF has no text layer (empty or damaged pages)"


# ------------------------------------------------------------------------------ the fast paths give the same result


def test_glyph_pass_reads_matrix_and_font_size_once_per_text_object() -> None:
    """The angle and font size read at a text object's first character are every one of its
    characters' own (pdfium gives all characters of a text object its matrix and font size):
    the same sizes as per-character calls, on a real file (a text object a character) and a
    generated one (text objects of many characters)."""
    matrix = pdfium_c.FS_MATRIX()
    shared = 0
    for path in (R01, R01.parent.parent / "generated" / "gen002_2019.pdf"):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                raw = textpage.raw
                expected, objects = [], set()
                for i in range(textpage.count_chars()):
                    code = pdfium_c.FPDFText_GetUnicode(raw, i)
                    if not pdf_glyphs.is_printable(chr(code) if 0 < code < 0x110000 else ""):
                        continue
                    assert pdfium_c.FPDFText_GetMatrix(raw, i, ctypes.byref(matrix))
                    angle = round(math.degrees(pdfium_c.FPDFText_GetCharAngle(raw, i)) / 90) % 4 * 90
                    expected.append((angle, pdfium_c.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.c, matrix.d)))
                    obj = ctypes.cast(pdfium_c.FPDFText_GetTextObject(raw, i), ctypes.c_void_p).value
                    shared += obj in objects
                    objects.add(obj)
                layer = pdf_glyphs.pdfium_layer(page, index + 1, textpage, textpage.get_text_range())
                assert [(g.direction, g.size) for g in layer.glyphs] == expected
                textpage.close()
        finally:
            pdf.close()
    assert shared > 1000  # printable characters after the first of their text object: read from the cache


def test_lean_glyph_pass_matches_per_character_calls(r01: Document) -> None:
    """Code points from the page text in one call and the angle from the matrix: the same glyphs
    as five pdfium calls a character (text page of the text pass reused or built anew)."""
    pdf = pdfium.PdfDocument(str(R01))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            raw = textpage.raw
            expected = []
            for i in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(raw, i)
                ch = chr(code) if 0 < code < 0x110000 else ""
                if pdf_glyphs.is_printable(ch):
                    angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
                    expected.append((ch, round(angle / (3.141592653589793 / 2)) % 4 * 90))
            layer = pdf_glyphs.pdfium_layer(page, index + 1, textpage, textpage.get_text_range())
            assert [(g.text, g.direction) for g in layer.glyphs] == expected
            assert pdf_glyphs.pdfium_layer(page, index + 1) == layer
            textpage.close()
    finally:
        pdf.close()
