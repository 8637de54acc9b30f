"""The PDF producer matrix: the same generated reports printed the ways real PDFs are made.

Three printers, each with one or more set-ups:

- headless Chromium from the report's HTML, with ``@page`` CSS (A4, A4 landscape, A3), optionally the
  merged group cells of table 三 set in ``writing-mode: vertical-rl``;
- LibreOffice from the report's DOCX, whose section is set up afterwards (A4, A3, landscape, narrow
  margins), rows allowed or not to break over pages, header rows repeated or not, group cells in
  vertical writing (``w:textDirection tbRlV``), and blank zeros in table 三;
- by hand (:mod:`generate.pdf_cid`), as WPS exports: an embedded CID font, the group cells of
  table 三 in a second font with ``/Identity-V`` (vertical writing mode).

Every PDF gets a ``.expected.json`` computed from the model with a ``producer`` key, so the benchmark
can report per producer. A producer's reports are the first ``count`` plans of a seed, whatever
format the plan was dealt (the producer decides how it is printed)::

    >>> [p.name for p in PRODUCERS][:3]
    ['chromium-a4', 'chromium-a4-landscape', 'chromium-a3']
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from html import escape
from io import BytesIO
from pathlib import Path

from ogi.generate.draw import draw_report
from ogi.generate.expected import expected
from ogi.generate.grids import report_grids
from ogi.generate.model import PrintedCell, ReportModel
from ogi.generate.office import DEFAULT_TIMEOUT, convert_many
from ogi.generate.pdf_cid import model_to_cid_pdf
from ogi.generate.plan import make_plans
from ogi.generate.write_docx import model_to_docx, stable_zip
from ogi.generate.write_html import model_to_html
from ogi.generate.write_pdf import normalize_pdf
from ogi.schemas import MissingDependency, UnreadableFile

TWIPS_PER_MM = 1440 / 25.4
PAGES_MM = {"A4": (210, 297), "A3": (297, 420)}
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer")


@dataclass(frozen=True)
class Producer:
    """One way of printing a report to PDF."""

    name: str
    printer: str  # chromium | libreoffice | cid (written by hand: generate/pdf_cid.py)
    paper: str = "A4"
    landscape: bool = False
    margin_mm: float = 25.0
    vertical_groups: bool = False  # group cells of table 三 in vertical writing
    repeat_header: bool = False
    allow_row_split: bool = True
    blank_zeros: str = ""  # override of the plan's PrintStyle.blank_zeros ("" keeps it)
    sparse: bool = False  # table 三 filled only in 自然人 and 总计 (other applicants all zero, printed blank)


PRODUCERS: tuple[Producer, ...] = (
    Producer("chromium-a4", "chromium"),
    Producer("chromium-a4-landscape", "chromium", landscape=True, margin_mm=12),
    Producer("chromium-a3", "chromium", paper="A3"),
    Producer("chromium-vertical", "chromium", vertical_groups=True),
    Producer("chromium-blank-zeros", "chromium", blank_zeros="all"),
    Producer("lo-a4", "libreoffice"),
    Producer("lo-a3", "libreoffice", paper="A3"),
    Producer("lo-landscape", "libreoffice", landscape=True),
    Producer("lo-narrow", "libreoffice", margin_mm=12.7),
    Producer("lo-repeat-header", "libreoffice", repeat_header=True),
    Producer("lo-no-row-split", "libreoffice", allow_row_split=False),
    Producer("lo-tbrlv", "libreoffice", vertical_groups=True),
    Producer("lo-blank-zeros", "libreoffice", blank_zeros="all", repeat_header=False),
    Producer("lo-sparse", "libreoffice", blank_zeros="all", sparse=True),
    Producer("chromium-sparse", "chromium", blank_zeros="all", sparse=True),
    Producer("wps-identity-v", "cid", vertical_groups=True),
)


def producer(name: str) -> Producer:
    for p in PRODUCERS:
        if p.name == name:
            return p
    raise KeyError(f"unknown producer {name!r} (choose from {', '.join(p.name for p in PRODUCERS)})")


def producer_model(model: ReportModel, prod: Producer) -> ReportModel:
    """The model as this producer prints it: PDF, UTF-8 CMS markup, its layout and blank-zero choices."""
    layout = replace(model.layout, repeat_header=prod.repeat_header, allow_row_split=prod.allow_row_split,
                     landscape_requests=False, seek_row_split=False, encoding="utf-8", declare_charset=True,
                     html_style="cms", site_nav=False, span_split=False)
    printing = replace(model.printing, blank_zeros=prod.blank_zeros) if prod.blank_zeros else model.printing
    if prod.sparse:
        model = _sparse(model)
    if prod.blank_zeros == "all":  # every zero of table 三 printed blank
        tables = tuple(replace(t, cells=tuple(
            replace(c, value=None, text="", note="blank") if t.key == "requests" and c.value == 0 else c
            for c in t.cells)) for t in model.tables)
        model = replace(model, tables=tables)  # type: ignore[arg-type]
    return replace(model, fmt="pdf", layout=layout, printing=printing)


def _sparse(model: ReportModel) -> ReportModel:
    """Table 三 with only natural persons: other applicant columns zero, each row's total its 自然人 count.

    Column and row identities keep holding (a column of zeros sums to zero), and the continuation
    page of such a table holds one or two numbers a row: the case a page test by numbers misses.
    """
    requests = model.table("requests")
    person = {c.row: c.value or 0 for c in requests.cells if c.column == "natural_person"}

    def cell(c: PrintedCell) -> PrintedCell:
        if c.column == "natural_person":
            return c
        value = person[c.row] if c.column == "total" else 0
        return replace(c, value=value, text=str(value), note="")

    tables = tuple(replace(t, cells=tuple(cell(c) for c in t.cells)) if t.key == "requests" else t
                   for t in model.tables)
    return replace(model, tables=tables, breaks=())  # type: ignore[arg-type]


def _group_texts(model: ReportModel) -> list[tuple[str, int]]:
    grid = report_grids(model)["requests"]
    return [(c.text, c.rowspan) for c in grid.cells if c.kind == "group"]


# -- Chromium ---------------------------------------------------------------------------------------

def print_css(prod: Producer) -> str:
    size = f"{prod.paper} landscape" if prod.landscape else prod.paper
    return (f"<style>@page {{ size: {size}; margin: {prod.margin_mm}mm; }}\n"
            "body { margin: 0; font-family: 'Noto Serif CJK SC', serif; }\n"
            ".content table, table { width: 100%; }\n</style>\n")


def producer_html(model: ReportModel, prod: Producer) -> str:
    html = model_to_html(model).decode("utf-8")
    html = html.replace("</head>", print_css(prod) + "</head>", 1)
    if prod.vertical_groups:
        for text, rowspan in _group_texts(model):
            cell = f'<td rowspan="{rowspan}" style="text-align:center;">{escape(text, quote=False)}</td>'
            assert cell in html, cell
            html = html.replace(cell, f'<td rowspan="{rowspan}" style="text-align:center;'
                                      f'writing-mode:vertical-rl">{escape(text, quote=False)}</td>')
    return html


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        raise MissingDependency("chromium", "headless Chromium prints the HTML reports (scripts/setup)")
    return found


def chromium_pdf(html_path: Path, pdf_path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Print one HTML file to PDF with headless Chromium and a throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="ogi-chromium-") as profile:
        cmd = [chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableFile(str(html_path), f"Chromium took longer than {timeout:.0f} s") from None
    if not pdf_path.exists():
        raise UnreadableFile(str(html_path), "Chromium wrote no PDF")


# -- LibreOffice ------------------------------------------------------------------------------------

def _section_xml(prod: Producer) -> tuple[str, str]:
    w, h = (round(v * TWIPS_PER_MM) for v in PAGES_MM[prod.paper])
    if prod.landscape:
        w, h = h, w
    orient = ' w:orient="landscape"' if prod.landscape else ""
    m = round(prod.margin_mm * TWIPS_PER_MM)
    return (f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>',
            f'<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="851" '
            'w:footer="992" w:gutter="0"/>')


def producer_docx(model: ReportModel, prod: Producer) -> bytes:
    """The model's DOCX with this producer's page set-up and vertical group cells."""
    size, margins = _section_xml(prod)
    groups = {text for text, _ in _group_texts(model)} if prod.vertical_groups else set()
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(model_to_docx(model))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"<w:pgSz\b[^>]*/>", size, xml)
                xml = re.sub(r"<w:pgMar\b[^>]*/>", margins, xml)
                xml = _vertical_cells(xml, groups)
                data = xml.encode("utf-8")
            dst.writestr(info, data)
    return stable_zip(out.getvalue())


def _vertical_cells(xml: str, texts: set[str]) -> str:
    """Give the table cells whose whole text is one of ``texts`` ``w:textDirection tbRlV``."""
    if not texts:
        return xml

    def turn(m: re.Match[str]) -> str:
        cell = m.group(0)
        text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", cell))
        if text not in texts or "<w:vMerge" not in cell:
            return cell
        return cell.replace("</w:tcPr>", '<w:textDirection w:val="tbRlV"/></w:tcPr>', 1)

    return re.sub(r"<w:tc>.*?</w:tc>", turn, xml, flags=re.DOTALL)


# -- the matrix -------------------------------------------------------------------------------------

def matrix_models(seed: int, count: int) -> list[ReportModel]:
    return [draw_report(plan) for plan in make_plans(seed, count)]


def write_matrix(out_dir: Path, producers: Iterable[Producer], seed: int, count: int,
                 timeout: float = DEFAULT_TIMEOUT, log: Callable[[str], None] | None = None) -> list[Path]:
    """Print the first ``count`` reports of ``seed`` with every producer into ``out_dir/<producer>/``."""
    written: list[Path] = []
    models = matrix_models(seed, count)
    for prod in producers:
        folder = out_dir / prod.name
        folder.mkdir(parents=True, exist_ok=True)
        printed = [producer_model(m, prod) for m in models]
        with tempfile.TemporaryDirectory(prefix="ogi-producer-") as tmp:
            work = Path(tmp)
            pdfs = _print(printed, prod, work, timeout)
            for model, pdf in zip(printed, pdfs, strict=True):
                target = folder / model.file_name
                target.write_bytes(normalize_pdf(pdf.read_bytes(), f"{prod.name}/{model.seed}"))
                values = expected(model) | {"producer": prod.name}
                target.with_name(target.name + ".expected.json").write_text(
                    json.dumps(values, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
                written.append(target)
                if log is not None:
                    log(f"{prod.name}/{target.name}")
    return written


def _print(models: list[ReportModel], prod: Producer, work: Path, timeout: float) -> list[Path]:
    if prod.printer == "cid":
        pdfs = [work / f"{Path(m.file_name).stem}.pdf" for m in models]
        for model, pdf in zip(models, pdfs, strict=True):
            pdf.write_bytes(model_to_cid_pdf(model))
        return pdfs
    if prod.printer == "chromium":
        pdfs = []
        for model in models:
            html = work / f"{Path(model.file_name).stem}.html"
            html.write_text(producer_html(model, prod), encoding="utf-8")
            pdf = html.with_suffix(".pdf")
            chromium_pdf(html, pdf, timeout)
            pdfs.append(pdf)
        return pdfs
    sources = [work / f"{Path(m.file_name).stem}.docx" for m in models]
    for model, source in zip(models, sources, strict=True):
        source.write_bytes(producer_docx(model, prod))
    return convert_many(sources, work / "pdf", "pdf", timeout)
