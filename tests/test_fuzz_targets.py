"""Property-based tests and one fuzz target per reader: whatever the bytes, a reader returns a
Document and the pipeline a Report, or an OgiError is raised — never anything else.

The fuzz targets mutate the seeds in tests/fuzz/corpus (plus the generated samples) with
hypothesis; CI runs a short budget (``OGI_FUZZ_EXAMPLES``, default 25 per target; the office
target, which starts LibreOffice per example, 3).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.api import read, read_unlimited
from ogi.extract.html import html_to_document
from ogi.extract.text import text_to_document
from ogi.limits import Limits
from ogi.normalize import document_to_report
from ogi.normalize.textnorm import core, norm, split_ordinal
from ogi.normalize.values import parse_value
from ogi.schemas import Document, OgiError, ProcessingError, Report

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "fuzz" / "corpus"
SAMPLES = REPO / "samples" / "generated"
EXAMPLES = int(os.environ.get("OGI_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
CELLS = st.text(alphabet=st.sampled_from(list("0123456789.-+,%（）()万元件个减少—— 　\t\n一二三合计规章ABCx")), max_size=40)


# ---- property-based: value parser, label normaliser, text and HTML readers -----------------------

@given(CELLS | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_parse_value_total(raw: str) -> None:
    for kind in ("count", "money"):
        parsed = parse_value(raw, kind)  # type: ignore[arg-type]
        assert isinstance(parsed.ok, bool)
        if parsed.value is not None:
            assert isinstance(parsed.value, int | float)


@given(st.integers(min_value=-10**12, max_value=10**12))
@settings(max_examples=200, deadline=None)
def test_parse_value_reads_printed_integers(n: int) -> None:
    parsed = parse_value(str(n))
    assert parsed.ok and parsed.value == n


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_label_normaliser_total_and_idempotent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once
    ordinal, rest = split_ordinal(text)
    assert isinstance(ordinal, str) and isinstance(rest, str)
    assert isinstance(core(text), str)


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_text_reader_any_text(text: str) -> None:
    doc = text_to_document(text, "fuzz.txt")
    assert isinstance(doc, Document)
    _report_or_error(doc)


HTML_PIECES = st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="99999">',
                               '<td colspan="-4">', '<td colspan="x">', "<th>", "<p>", "</p>", "一、总体情况",
                               "规章", "12", "<br>", "<div>", "</div>", "&nbsp;", "<meta charset=gbk>", "\x00"])


@given(st.lists(HTML_PIECES | st.text(max_size=5), max_size=80))
@settings(max_examples=150, deadline=None)
def test_html_reader_any_markup(pieces: list[str]) -> None:
    data = ("<html><body>" + "".join(pieces)).encode("utf-8", "surrogatepass")
    try:
        doc = html_to_document(data, "fuzz.html")
    except OgiError:
        return
    assert isinstance(doc, Document)
    _report_or_error(doc)


def _report_or_error(doc: Document) -> None:
    with contextlib.suppress(OgiError):
        assert isinstance(document_to_report(doc), Report)


# ---- fuzz targets: mutated seed files through the real reader ------------------------------------

def _seeds(*suffixes: str) -> list[Path]:
    found = [p for p in sorted(CORPUS.iterdir()) if p.suffix in suffixes]
    found += [p for p in sorted(SAMPLES.glob("*")) if p.suffix in suffixes][:2]
    assert found, suffixes
    return found


@st.composite
def mutated(draw: st.DrawFn, seeds: list[Path]) -> tuple[str, bytes]:
    seed = draw(st.sampled_from(seeds))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at: at + draw(st.integers(1, 64))]
        elif op == "dup":
            data[at:at] = data[at: at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.sampled_from([b"\x00", b"<td colspan=999>", b"\xff\xfe", b"9" * 30, b"-1"]))
    return seed.suffix, bytes(data)


PDF_LIMITS = Limits(seconds=30, memory_mb=1024)


def _fuzz_one(tmp: Path, case: tuple[str, bytes]) -> None:
    """A mutated file is read to a Report or an OgiError naming it. PDFs are read under limits, as every
    entry point reads them: pdfium draws what it repairs of a broken file, and a fuzz input once took it to
    24 GB (extract/pdf_forms.py); an exception other than an OgiError, or a crash, still fails the test."""
    suffix, data = case
    path = tmp / f"case{suffix}"
    path.write_bytes(data)
    try:
        assert isinstance(read(path, PDF_LIMITS) if suffix == ".pdf" else read_unlimited(path), Report)
    except OgiError as err:
        assert str(err).startswith(str(path)) and "\n" not in err.reason
        if isinstance(err, ProcessingError):   # what the limited read makes of a bug or a crash in the child
            assert "unexpected error" not in err.reason and "SIGSEGV" not in err.reason, err.reason


@pytest.mark.parametrize("suffixes", [(".txt", ".md"), (".html",), (".docx",), (".pdf",)],
                         ids=["text", "html", "docx", "pdf"])
def test_fuzz_reader(suffixes: tuple[str, ...], tmp_path: Path) -> None:
    @FUZZ
    @given(mutated(_seeds(*suffixes)))
    def target(case: tuple[str, bytes]) -> None:
        _fuzz_one(tmp_path, case)

    target()


def test_fuzz_office_reader(tmp_path: Path) -> None:
    @settings(max_examples=max(EXAMPLES // 8, 3), deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    @given(mutated([CORPUS / "seed.rtf"]))
    def target(case: tuple[str, bytes]) -> None:
        _fuzz_one(tmp_path, (".doc", case[1]))

    target()
