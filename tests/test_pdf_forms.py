"""The caps' check of form XObjects in a PDF that pdfminer cannot read (extract/pdf_forms.py): pdfium repairs
such a file and would draw a form that draws itself until the memory runs out, so the forms are read from the
bytes; a damaged file without a looping form is left to the reader, which reads what pdfium repairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pdf_prescan import _corpus

from ogi.extract import read_document
from ogi.extract.caps import CapExceeded, _check_pdf_parsed, check_pdf
from ogi.extract.pdf_forms import check_forms

REPO = Path(__file__).resolve().parent.parent
DAMAGE = (b"/Count 1 >>", b"/Count 1 <td colspan=999>>>")   # a fuzz run's mutation: pdfminer gives up on the file


def _pdf(*extra: bytes, page_resources: bytes = b"<< /XObject << /X 5 0 R >> >>") -> bytes:
    """A page drawing ``/X`` (object 5) from its content (object 4); ``extra`` are objects 5 on."""
    c = _corpus()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources " + page_resources + b" /Contents 4 0 R >>",
        c._stream(b"", b"/X Do"),
        *extra,
    ]
    return c._pdf(objs)  # type: ignore[no-any-return]


def _form(resources: bytes, content: bytes = b"/X Do") -> bytes:
    return _corpus()._stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources " + resources + b" ",
                             content)  # type: ignore[no-any-return]


def _damaged(pdf: bytes) -> bytes:
    assert DAMAGE[0] in pdf
    return pdf.replace(*DAMAGE)


def _pdfminer(path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as fh:
        PDFDocument(PDFParser(fh))


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "case.pdf"
    path.write_bytes(data)
    return path


def test_a_damaged_file_whose_form_draws_itself_is_refused(tmp_path: Path) -> None:
    """The fuzz run's case: the self-drawing form of tests/hostile with its page tree damaged."""
    path = _write(tmp_path, _damaged(_pdf(_form(b"<< /XObject << /X 5 0 R >> >>"))))
    with pytest.raises(CapExceeded, match="draws itself"):
        check_pdf(path)
    with pytest.raises(CapExceeded, match="draws itself"):
        _check_pdf_parsed(path)   # pdfminer fails on the file: the bytes decide


@pytest.mark.parametrize(("name", "extra"), [
    ("two forms drawing each other, resources by reference", (
        _form(b"7 0 R"), _form(b"<< /XObject << /X 5 0 R >> >>"), b"<< /XObject << /X 6 0 R >> >>")),
    ("the XObject dictionary by reference", (_form(b"<< /XObject 6 0 R >>"), b"<< /X 5 0 R >>")),
    ("a form without resources of its own", (_form(b"").replace(b"/Resources  ", b""),)),
])
def test_other_loops_of_a_damaged_file_are_refused(tmp_path: Path, name: str, extra: tuple[bytes, ...]) -> None:
    with pytest.raises(CapExceeded):
        check_pdf(_write(tmp_path, _damaged(_pdf(*extra))))


def test_a_chain_of_forms_deeper_than_the_cap_is_refused() -> None:
    chain = [_form(b"<< /XObject << /X %d 0 R >> >>" % (6 + i)) for i in range(33)] + [_form(b"<< >>", b"")]
    with pytest.raises(CapExceeded, match="nested more than 32 deep"):
        check_forms(_damaged(_pdf(*chain)))
    check_forms(_damaged(_pdf(*chain[-31:])))   # 31 deep: passed


def test_a_damaged_file_with_object_streams_and_forms_is_refused() -> None:
    objstm = _corpus()._stream(b"/Type /ObjStm /N 1 /First 4 ", b"9 0 << /Subtype /Image >>")
    with pytest.raises(CapExceeded, match="object streams"):
        check_forms(_damaged(_pdf(_form(b"<< >>", b""), objstm)))


def test_a_damaged_file_whose_form_draws_no_form_is_read(tmp_path: Path) -> None:
    """A damaged file with a form that draws only an image, and one without forms: pdfium repairs both and
    the reader reads them (no refusal where no loop is)."""
    image = _corpus()._stream(b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                              b"/BitsPerComponent 8 ", b"\x00")
    benign = _damaged(_pdf(_form(b"<< /XObject << /I 6 0 R >> >>", b"/I Do"), image))
    check_pdf(_write(tmp_path, benign))
    text = b"The annual report of an agency, its pages repaired by pdfium"
    plain = _damaged(_pdf(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                          page_resources=b"<< /Font << /F1 5 0 R >> >>"))
    content = b"BT /F1 9 Tf 10 100 Td (" + text + b") Tj ET"
    plain = plain.replace(b"/Length 5 >>\nstream\n/X Do", b"/Length %d >>\nstream\n" % len(content) + content)
    path = _write(tmp_path, plain)
    with pytest.raises(Exception, match="Invalid dictionary construct"):
        _pdfminer(path)   # pdfminer gives up on the file
    check_pdf(path)
    assert text.decode() in repr(read_document(path).blocks)


def _doubling(levels: int) -> list[bytes]:
    """Forms 5, 6, …: each names the next twice (``/A`` and ``/B``), so drawing the first draws 2^levels."""
    forms = [_form(b"<< /XObject << /A %d 0 R /B %d 0 R >> >>" % (6 + i, 6 + i), b"/A Do /B Do") for i in range(levels)]
    return [*forms, _form(b"<< >>", b"")]


@pytest.mark.parametrize("damaged", [False, True])
def test_forms_that_expand_past_the_cap_are_refused_and_the_check_walks_each_form_once(
        tmp_path: Path, damaged: bool) -> None:
    """2^25 drawings from 26 small forms: refused (the parsed check once walked every path of the
    expansion, 3 s at 2^22 and doubling); 2^10 passed. Whole or damaged, by pdfminer or by the bytes."""
    big, small = _pdf(*_doubling(25)), _pdf(*_doubling(10))
    if damaged:
        big, small = _damaged(big), _damaged(small)
    with pytest.raises(CapExceeded, match="expand to more than 1,000,000 drawings"):
        check_pdf(_write(tmp_path, big))
    check_pdf(_write(tmp_path, small))


@pytest.mark.parametrize(("name", "why"), [
    ("form_bbox_unclosed", "an unclosed /BBox [ swallows the form's resources: pdfminer reads an empty dictionary"),
    ("form_dict_unclosed", "an unclosed dictionary: pdfminer's resolve1 follows 5 0 R to itself forever"),
])
def test_a_form_pdfminer_reads_otherwise_than_pdfium_is_checked_from_the_bytes(name: str, why: str) -> None:
    """Two fuzz runs' mutations of the self-drawing form (tests/fuzz/found; not named .pdf, so no tool that
    reads every PDF of the tree runs them unlimited). pdfminer reads the form as no form, while pdfium draws
    it until the memory runs out (the first; 24 GB unlimited) or past a 20 s limit (the second, in the
    caps' own pdfminer walk). An XObject pdfminer reads as no image or form, or a form without a four-number
    ``/BBox``, sends the file to the byte check, which finds the loop."""
    path = REPO / "tests" / "fuzz" / "found" / f"{name}.pdf-runaway"
    with pytest.raises(CapExceeded, match="draws itself"):
        check_pdf(path)


def test_a_runaway_the_caps_do_not_see_is_stopped_by_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits every entry point has are the backstop: with the caps out of the way (no check knows every
    way two parsers read a malformed file), the form pdfium draws forever is a LimitExceeded (about 2 s)."""
    import ogi.extract.pdf
    from ogi.api import read
    from ogi.limits import Limits
    from ogi.schemas import LimitExceeded

    monkeypatch.setattr(ogi.extract.pdf, "check_pdf", lambda path: None)   # the forked read inherits it
    path = REPO / "tests" / "fuzz" / "found" / "form_bbox_unclosed.pdf-runaway"
    with pytest.raises(LimitExceeded, match="memory limit of 512 MB exceeded"):
        read(path, Limits(seconds=60, memory_mb=512))
