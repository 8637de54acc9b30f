"""The hostile corpus, generated at test time (the repository keeps only this script).

``python tests/hostile/make_corpus.py DIR [PORT]`` writes every case into DIR and prints
``name<TAB>expected`` lines; ``PORT`` is the loopback port the linked-image cases point at.
``expected`` is ``fail`` (exit 1 with a one-line message: a cap or limit must stop it) or
``any`` (exit 0 or 1: read, or refused with a one-line message). Every case is a file that once
grew past 3 GB, hung, crashed with a non-OgiError, or fetched from the network (issue 12).
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
HEAD = "一、总体情况"


def _docx(path: Path, body: str | Callable[[io.RawIOBase], None]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        if isinstance(body, str):
            zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
                                             f"<w:body>{body}</w:body></w:document>")
        else:
            with zf.open("word/document.xml", "w", force_zip64=True) as fh:
                body(fh)  # type: ignore[arg-type]


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def docx_gridspan(path: Path) -> None:
    """A 2 KB DOCX whose cell spans 10^9 grid columns."""
    row = "<w:tr>" + _tc("主动公开", '<w:gridSpan w:val="1000000000"/>') + _tc("1") + "</w:tr>"
    _docx(path, _p(HEAD) + f"<w:tbl>{row * 3}</w:tbl>")


def docx_negative_gridbefore(path: Path) -> None:
    """gridBefore -5 once raised IndexError."""
    row = '<w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr>' + _tc("规章") + _tc("3") + "</w:tr>"
    _docx(path, _p(HEAD) + f"<w:tbl>{row * 4}</w:tbl>")


def docx_span_bomb(path: Path) -> None:
    """vMerge continue cells with no restart above and wide spans (once a KeyError)."""
    cont = _tc("", '<w:vMerge/><w:gridSpan w:val="63"/>')
    rows = "".join("<w:tr>" + cont * 15 + _tc("7", '<w:gridSpan w:val="-3"/>') + "</w:tr>" for _ in range(400))
    _docx(path, _p(HEAD) + f"<w:tbl>{rows}</w:tbl>")


def docx_zip_bomb(path: Path) -> None:
    """A document part that inflates to 1 GB (a few MB on disk)."""
    def body(fh: io.RawIOBase) -> None:
        fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><!--'.encode())
        chunk = b" " * (1 << 20)
        for _ in range(1024):
            fh.write(chunk)
        fh.write(b"--></w:body></w:document>")
    _docx(path, body)


def docx_200mb_text(path: Path) -> None:
    """One paragraph of 200 MB of text (once broke every later consolidation)."""
    def body(fh: io.RawIOBase) -> None:
        fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{_p(HEAD)}<w:p><w:r><w:t>'.encode())
        chunk = ("本机关依法公开政府信息。" * 10_000).encode()
        for _ in range(200 * (1 << 20) // len(chunk)):
            fh.write(chunk)
        fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    _docx(path, body)


def docx_truncated(path: Path) -> None:
    docx_negative_gridbefore(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def html_span_bomb(path: Path) -> None:
    """A 3 KB HTML table whose cells span 1000 x 1000."""
    rows = "".join(f'<tr><td rowspan="1000" colspan="1000">{i}</td></tr>' for i in range(60))
    path.write_text(f"<html><body><p>{HEAD}</p><table>{rows}</table></body></html>", encoding="utf-8")


def html_deep(path: Path) -> None:
    """200,000 nested elements."""
    path.write_text("<html><body>" + "<div>" * 200_000 + "一" + "</div>" * 200_000 + "</body></html>")


def html_binary(path: Path) -> None:
    path.write_bytes(b"<html><body><table><tr><td>" + bytes(range(256)) * 64 + b"</td></tr></table>")


def pdf_self_xobject(path: Path) -> None:
    """A form XObject whose resources name itself: drawing it never ends."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /X 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(b"", b"/X Do"),
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /X 5 0 R >> >> ",
                b"/X Do"),
    ]
    path.write_bytes(_pdf(objs))


def pdf_big_stream(path: Path, contents: bytes = b"4 0 R") -> None:
    """A page content stream of 200 MB of text operators (Flate: under 1 MB on disk)."""
    comp = zlib.compressobj(9)
    line = b"BT /F1 12 Tf 10 10 Td (x) Tj ET\n" * 4096
    data = b"".join(comp.compress(line) for _ in range(200 * (1 << 20) // len(line))) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents " + contents + b" >>",
        _stream(b"/Filter /FlateDecode ", data),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_pdf(objs))


def pdf_big_stream_in_array(path: Path) -> None:
    """The same 200 MB content stream named in an array (``/Contents [4 0 R]``, as most writers do)."""
    pdf_big_stream(path, b"[4 0 R]")


def pdf_garbage(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes((i * 7919) % 256 for i in range(20_000)))


def _stream(attrs: bytes, data: bytes) -> bytes:
    return b"<< " + attrs + b"/Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def _pdf(objs: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def rtf_rows_doc(path: Path) -> None:
    """A 60,000-row RTF named .doc (LibreOffice once grew past 3.5 GB on it)."""
    row = r"\trowd\cellx2000\cellx4000\cellx6000 \intbl a\cell 1\cell 2\cell\row" + "\n"
    path.write_text(r"{\rtf1\ansi " + row * 60_000 + "}", encoding="ascii")


def rtf_remote_image_doc(path: Path, port: int) -> None:
    """A .doc (RTF) whose picture is linked from http://127.0.0.1:PORT."""
    url = f"http://127.0.0.1:{port}/linked.png"
    path.write_text(r"{\rtf1\ansi report\par {\field{\*\fldinst INCLUDEPICTURE " + f'"{url}"'
                    + r" \\d}{\fldrslt}}\par}", encoding="ascii")


def odt_remote_image(path: Path, port: int) -> None:
    """An ODT whose image is linked (not embedded) from http://127.0.0.1:PORT."""
    url = f"http://127.0.0.1:{port}/linked.png"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text>'
        f'<text:p>{HEAD}</text:p><text:p><draw:frame svg:width="2cm" svg:height="2cm">'
        f'<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p></office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


def text_tabs(path: Path) -> None:
    """100,000 tab-separated rows (once past 90 s)."""
    rows = [HEAD, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"]
    rows += [f"规章{i}\t{i}\t{i % 7}\t{i * 3}" for i in range(100_000)]
    path.write_text("\n".join(rows), encoding="utf-8")


def markdown_rows(path: Path) -> None:
    """200,000 markdown pipe rows (once past 90 s)."""
    rows = [HEAD, "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|"]
    rows += [f"| 规章{i} | {i} | {i % 7} | {i * 3} |" for i in range(200_000)]
    path.write_text("\n".join(rows), encoding="utf-8")


def text_binary(path: Path) -> None:
    path.write_bytes(b"\xff\xfe" + bytes((i * 31) % 256 for i in range(50_000)))


def text_one_line(path: Path) -> None:
    """20 MB on one line, no newline."""
    path.write_text("规章 1 2 3 " * 2_000_000, encoding="utf-8")


def empty(path: Path) -> None:
    path.write_bytes(b"")


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "docx_gridspan_1e9.docx": ("fail", docx_gridspan),
    "docx_negative_gridbefore.docx": ("any", docx_negative_gridbefore),
    "docx_span_bomb.docx": ("any", docx_span_bomb),
    "docx_zip_bomb.docx": ("fail", docx_zip_bomb),
    "docx_200mb_text.docx": ("fail", docx_200mb_text),
    "docx_truncated.docx": ("fail", docx_truncated),
    "html_span_bomb.html": ("fail", html_span_bomb),
    "html_deep_nesting.html": ("any", html_deep),
    "html_binary.html": ("any", html_binary),
    "pdf_self_xobject.pdf": ("fail", pdf_self_xobject),
    "pdf_200mb_stream.pdf": ("fail", pdf_big_stream),
    "pdf_200mb_stream_array.pdf": ("fail", pdf_big_stream_in_array),
    "pdf_garbage.pdf": ("fail", pdf_garbage),
    "rtf_60000_rows.doc": ("any", rtf_rows_doc),
    "text_100k_tab_rows.txt": ("any", text_tabs),
    "markdown_200k_rows.md": ("any", markdown_rows),
    "text_binary.txt": ("any", text_binary),
    "text_20mb_one_line.txt": ("any", text_one_line),
    "empty.txt": ("fail", empty),
}
LINKED: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "odt_remote_image.odt": ("any", odt_remote_image),
    "rtf_remote_image.doc": ("any", rtf_remote_image_doc),
}


def build(folder: Path, port: int) -> dict[str, str]:
    """Write every case into ``folder``; returns name -> expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (outcome, make) in CASES.items():
        make(folder / name)
        expected[name] = outcome
    for name, (outcome, make_linked) in LINKED.items():
        make_linked(folder / name, port)
        expected[name] = outcome
    return expected


if __name__ == "__main__":
    for case, outcome in build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 9).items():
        print(f"{case}\t{outcome}")
