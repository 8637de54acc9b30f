"""The converter matrix: a generated HTML or DOCX report passed through the real tools archives are made with.

Each :class:`Converter` turns one source file into the text a user of that tool would save: ``w3m -dump``
(80 and 400 columns), ``lynx -dump``, ``pandoc -t gfm`` / ``-t plain`` (from HTML and from DOCX),
LibreOffice's text export, ``pdftotext`` (default, ``-raw`` and ``-layout``) of the report's LibreOffice PDF,
a browser copy (Chromium's rendered DOM flattened like ``innerText``: cells joined by tabs, rows by lines)
and a crawler's flattening (the body on one line, cells run together with or without spaces). The
expected values are the source's: no tool changes a printed number, it can only lose or move it. A table
the tool truly lost (``[TABLE]`` in its place, :mod:`ogi.generate.lost`) is named in the expected file's
``lost`` object; the benchmark reports its cells apart.

Output names are ``<source name>.<converter>.txt`` (``gen003_2021.html.w3m.txt``); ``ogi bench`` reads the
converter back from the name (:func:`converter_of`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ogi.generate.lost import lost_tables
from ogi.generate.office import DEFAULT_TIMEOUT, convert, soffice_path
from ogi.schemas import ConversionTimeout, MissingDependency, UnreadableFile

EXPECTED = ".expected.json"
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Converter:
    name: str
    source: str  # "html", "docx" or "pdf" (the LibreOffice PDF of a DOCX)
    run: Callable[[Path, Path], str]  # (source file, scratch folder) -> text


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise MissingDependency(name, f"{name} is needed for the converter matrix (scripts/setup installs it)")
    return found


def _out(cmd: list[str], source: Path, timeout: float = DEFAULT_TIMEOUT) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionTimeout(str(source), f"{cmd[0]} took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        raise UnreadableFile(str(source), f"{Path(cmd[0]).name} failed: {done.stderr.decode(errors='replace')[:200]}")
    return done.stdout.decode("utf-8", errors="replace")


def html_text(data: bytes) -> str:
    """The page as text: UTF-8 when it decodes, else its declared charset, else GB18030 (pandoc needs UTF-8)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    for enc in ([m.group(1).decode("ascii")] if m else []) + ["gb18030"]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _utf8_copy(path: Path, tmp: Path) -> Path:
    text = re.sub(r"""charset\s*=\s*["']?[A-Za-z0-9_\-]+""", "charset=utf-8", html_text(path.read_bytes()))
    out = tmp / f"{path.stem}.utf8.html"
    out.write_text(text, encoding="utf-8")
    return out


def _w3m(cols: int) -> Callable[[Path, Path], str]:
    return lambda p, tmp: _out([_tool("w3m"), "-dump", "-T", "text/html", "-O", "UTF-8", "-cols", str(cols),
                                str(_utf8_copy(p, tmp))], p)


def _lynx(p: Path, tmp: Path) -> str:
    return _out([_tool("lynx"), "-dump", "-nolist", "-display_charset=utf-8", "-assume_charset=utf-8",
                 str(_utf8_copy(p, tmp))], p)


def _pandoc(src: str, to: str) -> Callable[[Path, Path], str]:
    def run(p: Path, tmp: Path) -> str:
        path = _utf8_copy(p, tmp) if src == "html" else p
        return _out([_tool("pandoc"), "-f", src, "-t", to, "--wrap=none", str(path)], p)
    return run


def _soffice_txt(p: Path, tmp: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="ogi-lo-", dir=tmp) as profile:
        _out([soffice_path(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
              "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp), str(p)], p)
    return (tmp / f"{p.stem}.txt").read_text(encoding="utf-8-sig", errors="replace")


def _pdftotext(*flags: str) -> Callable[[Path, Path], str]:
    return lambda p, tmp: _out([_tool("pdftotext"), *flags, "-enc", "UTF-8", str(p), "-"], p)


class _InnerText(HTMLParser):
    """``innerText`` of a rendered page, roughly: block elements break lines, table cells are joined by a
    tab and rows by a line break (what a browser copies), scripts and styles dropped."""

    BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "table", "title", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.cells_in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag == "tr":
            self.parts.append("\n")
            self.cells_in_row = 0
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self.parts.append("\t")
            self.cells_in_row += 1
        elif tag in self.BLOCKS and not self.cells_in_row:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag == "tr":
            self.cells_in_row = 0
        elif tag in self.BLOCKS and not self.cells_in_row:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data) if self.cells_in_row else re.sub(r"[ \t\r\n]+", " ", data))

    def text(self) -> str:
        lines = (line.strip(" ") for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line.strip()) + "\n"


def _chromium_dom(p: Path, tmp: Path) -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or _tool("chromium")
    return _out([exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp / 'chromium'}",
                 "--dump-dom", _utf8_copy(p, tmp).as_uri()], p)


def browser_copy(dom: str) -> str:
    parser = _InnerText()
    parser.feed(dom)
    parser.close()
    return parser.text()


def _browser(p: Path, tmp: Path) -> str:
    return browser_copy(_chromium_dom(p, tmp))


def crawler_flat(copied: str, sep: str) -> str:
    """A crawler's text: the title on its own line, then the whole body on one line, cells run together
    with ``sep`` between them (as ``r07_pingtan`` prints it)."""
    lines = copied.strip("\n").split("\n")
    body = " ".join(line.replace("\t", sep) for line in lines[1:])
    return f"标题: {lines[0]}\n==================== 正文 ====================\n{body}\n"


def _crawler(sep: str) -> Callable[[Path, Path], str]:
    return lambda p, tmp: crawler_flat(browser_copy(_chromium_dom(p, tmp)), sep)


CONVERTERS: tuple[Converter, ...] = (
    Converter("w3m", "html", _w3m(80)),
    Converter("w3m-wide", "html", _w3m(400)),
    Converter("lynx", "html", _lynx),
    Converter("pandoc-gfm", "html", _pandoc("html", "gfm")),
    Converter("pandoc-plain", "html", _pandoc("html", "plain")),
    Converter("browser-copy", "html", _browser),
    Converter("crawler-spaced", "html", _crawler(" ")),
    Converter("crawler-joined", "html", _crawler("")),
    Converter("docx-pandoc-gfm", "docx", _pandoc("docx", "gfm")),
    Converter("docx-pandoc-plain", "docx", _pandoc("docx", "plain")),
    Converter("soffice-txt", "docx", _soffice_txt),
    Converter("pdftotext", "pdf", _pdftotext()),
    Converter("pdftotext-raw", "pdf", _pdftotext("-raw")),
    Converter("pdftotext-layout", "pdf", _pdftotext("-layout")),
)
CONVERTER_NAMES = tuple(c.name for c in CONVERTERS)


def converter_of(name: str) -> str | None:
    """The converter of a matrix output's file name, ``None`` for any other file.

    >>> converter_of("gen003_2021.html.w3m-wide.txt"), converter_of("gen004_2021.txt")
    ('w3m-wide', None)
    """
    parts = name.split(".")
    return parts[-2] if len(parts) >= 4 and parts[-1] == "txt" and parts[-2] in CONVERTER_NAMES else None


def _write(text: str, source: Path, conv: str, out_dir: Path) -> Path:
    out = out_dir / f"{source.name}.{conv}.txt"
    out.write_text(text, encoding="utf-8")
    expected = json.loads(source.with_name(source.name + EXPECTED).read_text(encoding="utf-8"))
    expected["file"] = out.name
    lost = lost_tables(text.split("\n"))
    if lost:  # nowhere in the output: the bench reports these cells apart, ogi must say the table is missing
        expected["lost"] = {table: f"the converter printed {mark} in place of the table"
                            for table, mark in lost.items()}
    out.with_name(out.name + EXPECTED).write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    return out


def convert_report(source: Path, out_dir: Path, names: tuple[str, ...] = CONVERTER_NAMES) -> list[Path]:
    """Pass one HTML, DOCX or PDF report (with its ``.expected.json``) through every converter of its kind; a
    DOCX also through its LibreOffice PDF. Writes each text and its expected file to ``out_dir``."""
    kind = source.suffix.lower().lstrip(".")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="ogi-matrix-") as scratch:
        tmp = Path(scratch)
        pdf: Path | None = None
        for conv in CONVERTERS:
            if conv.name not in names or conv.source not in ({kind, "pdf"} if kind == "docx" else {kind}):
                continue
            path = source
            if conv.source == "pdf" and kind != "pdf":
                if pdf is None:
                    pdf = _docx_pdf(source, tmp)
                path = pdf
            written.append(_write(conv.run(path, tmp), source, conv.name, out_dir))
    return written


def matrix_sources(folder: Path) -> list[Path]:
    """The generated HTML and DOCX reports (with expected values) of a folder, sorted."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".html", ".docx")
                  and p.with_name(p.name + EXPECTED).is_file())


def _docx_pdf(source: Path, tmp: Path) -> Path:
    return convert(source, tmp / "pdf", "pdf")
