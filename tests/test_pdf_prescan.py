"""The byte scan that passes a PDF plainly within the caps without parsing it (extract/pdf_prescan.py):
it says ``True`` for the real reports, ``False`` for every crafted file the parsed check refuses and for
every way of hiding a stream's size or a form from it; a file it passes, the parsed check passes too."""

from __future__ import annotations

import importlib.util
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from ogi.extract import read_document
from ogi.extract.caps import MAX_PDF_STREAM_MB, MB, CapExceeded, _check_pdf_parsed, check_pdf
from ogi.extract.pdf_prescan import plainly_within_caps
from ogi.schemas import LimitExceeded

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((REPO / "samples").rglob("*.pdf"))
CAP = MAX_PDF_STREAM_MB * MB


def _corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "tests" / "hostile" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus


def _page_pdf(*extra: bytes, contents: bytes = b"4 0 R") -> bytes:
    """One page whose content is object 4, with ``extra`` objects from number 4 on."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents " + contents + b" >>",
        *extra,
    ]
    return _corpus()._pdf(objs)  # type: ignore[no-any-return]


def _stream(attrs: bytes, data: bytes) -> bytes:
    return _corpus()._stream(attrs, data)  # type: ignore[no-any-return]


def test_the_bundled_pdfs_take_the_fast_path() -> None:
    """Every bundled PDF (WPS, Word, LibreOffice, Chromium, pdfTeX, the generator's own) is passed by
    the scan, and the parsed check agrees."""
    assert len(SAMPLE_PDFS) >= 10
    for path in SAMPLE_PDFS:
        assert plainly_within_caps(path.read_bytes(), CAP), path.name
        _check_pdf_parsed(path)


@pytest.mark.parametrize("maker", ["pdf_self_xobject", "pdf_big_stream", "pdf_big_stream_in_array"])
def test_the_crafted_files_are_left_to_the_parser_which_refuses_them(tmp_path: Path, maker: str) -> None:
    path = tmp_path / f"{maker}.pdf"
    getattr(_corpus(), maker)(path)
    assert not plainly_within_caps(path.read_bytes(), CAP)
    with pytest.raises(CapExceeded):
        check_pdf(path)


BOMB = zlib.compress(b"BT (x) Tj ET\n" * 100_000)   # 1.3 MB inflated; the tests use a 1 MB cap


@pytest.mark.parametrize(("name", "pdf"), [
    ("a flate stream over the cap", _page_pdf(_stream(b"/Filter /FlateDecode ", BOMB))),
    ("its filter in an array", _page_pdf(_stream(b"/Filter [/FlateDecode] ", BOMB))),
    ("its filter spelt with escapes", _page_pdf(_stream(b"/Filt#65r /FlateDecode ", BOMB))),
    ("a filter name spelt with escapes", _page_pdf(_stream(b"/Filter /Fl#61teDecode ", BOMB))),
    ("its filter given by reference", _page_pdf(_stream(b"/Filter 5 0 R ", BOMB), b"/FlateDecode")),
    ("two filters", _page_pdf(_stream(b"/Filter [/ASCIIHexDecode /FlateDecode] ", BOMB.hex().encode()))),
    ("a filter the scan does not inflate", _page_pdf(_stream(b"/Filter /LZWDecode ", b"\x80\x0b\x60\x50"))),
    ("a flate stream cut short", _page_pdf(_stream(b"/Filter /FlateDecode ", BOMB[: len(BOMB) // 2]))),
    ("a stream with no endstream", _page_pdf()[:-20] + b"4 0 obj\n<< /Length 9 >>\nstream\nBT ET"),
    ("the keyword where no dictionary ends", _page_pdf(b"(a string) stream\nxx\nendstream")),
    ("a form", _page_pdf(_stream(b"", b""), _stream(b"/Type /XObject /Subtype /Form ", b""))),
    ("a form spelt with escapes", _page_pdf(_stream(b"", b""), _stream(b"/Subtype /Fo#72m ", b""))),
    ("a form inside an object stream", _page_pdf(_stream(b"", b""), _stream(
        b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode ", zlib.compress(b"6 0 << /Subtype /Form >>")))),
    ("a form inside an object stream stored as it is", _page_pdf(_stream(b"", b""), _stream(
        b"/Type /ObjStm /N 1 /First 4 ", b"6 0 << /Subtype /Form >>"))),
    ("an object stream behind an image filter", _page_pdf(_stream(b"", b""), _stream(
        b"/Type /ObjStm /N 1 /First 4 /Filter /DCTDecode ", b"6 0 << /Subtype /Form >>"))),
    ("an object stream spelt with escapes", _page_pdf(_stream(b"", b""), _stream(
        b"/Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode ", zlib.compress(b"6 0 << /Subtype /Form >>")))),
])
def test_what_the_scan_cannot_read_plainly_is_left_to_the_parser(name: str, pdf: bytes) -> None:
    assert not plainly_within_caps(pdf, 1 * MB), name


def _stream_hidden_in_a_stream(bomb: bytes) -> bytes:
    """Object 5, a flate stream, written inside the bytes of object 4 after 4's own zlib data ends, and
    the cross-reference table pointing into them: both end at one ``endstream``; the page draws both."""
    inner = b"\n5 0 obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb
    pdf = _page_pdf(_stream(b"/Filter /FlateDecode ", zlib.compress(b"BT ET") + inner), contents=b"[4 0 R 5 0 R]")
    xref = pdf.index(b"\nxref\n") + 1
    tail = pdf[xref:].replace(b"xref\n0 5\n", b"xref\n0 6\n").replace(b"/Size 5", b"/Size 6")
    at = tail.index(b"trailer")
    return pdf[:xref] + tail[:at] + b"%010d 00000 n \n" % pdf.index(b"5 0 obj") + tail[at:]


def test_a_stream_hidden_in_the_bytes_of_another_is_left_to_the_parser(tmp_path: Path) -> None:
    """pdfium reads the hidden stream (its 100,000 paths are on the page), so its 1.4 MB count: the scan,
    which inflates object 4 to its zlib end only, must not pass the file under a 1 MB cap."""
    import pypdfium2 as pdfium

    pdf = _stream_hidden_in_a_stream(zlib.compress(b"0 0 m 1 1 l S\n" * 100_000))
    path = tmp_path / "hidden.pdf"
    path.write_bytes(pdf)
    doc = pdfium.PdfDocument(str(path))
    try:
        assert len(list(doc[0].get_objects())) == 100_000
    finally:
        doc.close()
    assert not plainly_within_caps(pdf, 1 * MB)
    trailing = _page_pdf(_stream(b"/Filter /FlateDecode ", zlib.compress(b"BT ET") + b"\r\n"))
    assert plainly_within_caps(trailing, 1 * MB)   # bytes after the zlib data that hide nothing: passed


def test_a_plain_small_file_is_passed_and_the_cap_is_the_sum_of_its_streams() -> None:
    content = zlib.compress(b"BT (x) Tj ET\n" * 1000)    # 13,000 bytes inflated
    image = _stream(b"/Type /XObject /Subtype /Image /Filter /DCTDecode ", b"\xff\xd8" + b"\0" * 1000)
    pdf = _page_pdf(_stream(b"/Filter /FlateDecode ", content), image,
                    b"<< /BaseFont /XEKKFX+#e9#bb#91#e4#bd#93 /Subtype /Type0 >>")
    assert plainly_within_caps(pdf, 14_100)
    assert not plainly_within_caps(pdf, 13_900)
    padded = _page_pdf(_stream(b"", b"BT ET"), b"(" + b"x" * 5000 + b")")
    assert plainly_within_caps(padded, len(padded))
    assert not plainly_within_caps(padded, len(padded) - 1)   # the file itself over the cap: not judged here


def test_more_pages_than_the_cap_are_refused_when_pdfium_opens_the_file(tmp_path: Path) -> None:
    """The scan does not count pages: the reader does, from pdfium's own count."""
    n = 2001
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
            _stream(b"", b"BT ET")]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R >>"] * n
    path = tmp_path / "pages.pdf"
    path.write_bytes(_corpus()._pdf(objs))
    assert plainly_within_caps(path.read_bytes(), CAP)
    with pytest.raises(LimitExceeded, match="more than 2,000 pages"):
        read_document(path)
