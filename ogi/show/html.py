"""``ogi show FILE --html OUT``: one self-contained review page (no network; works from file://).

Each table is drawn as printed with flagged, blank and low-confidence cells marked. Beside it: for a PDF
the rendered source pages, where a click on (or hover over, or focus of) a value outlines the region the
value was read from; for other formats the source tables, where the same outlines the source cell.
Findings are listed with their arithmetic; ``j``/``k`` (or ``n``/``p``) move between them.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from ogi.atomic import atomic_open
from ogi.extract import read_document
from ogi.extract.render import PageImage, render_pages
from ogi.normalize.messages import fmt
from ogi.schemas import Document, Report
from ogi.show.assets import REVIEW_CSS, REVIEW_JS
from ogi.show.source import source_tables, table_html, tie_cells
from ogi.show.terminal import LEGEND


def _e(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _value_cell(cell: dict[str, Any] | None, tie: str | None) -> str:
    if cell is None:
        return '<td class="na"></td>'
    shown = "·" if cell["value"] is None else fmt(cell["value"])
    raw = cell["raw"]
    title = f"{cell['key']}  printed: {raw!r}" + (f"  page {cell['page']}" if cell["page"] else "")
    attrs = {"class": " ".join(["v", *cell["marks"]]), "data-key": cell["key"], "tabindex": "0", "title": title}
    if cell["bbox"] and cell["page"]:
        b = cell["bbox"]
        attrs["data-page"] = str(cell["page"])
        attrs["data-bbox"] = f"{b['x0']:.1f},{b['top']:.1f},{b['x1']:.1f},{b['bottom']:.1f}"
    elif tie:
        attrs["data-src"] = tie
    extra = f'<span class="raw">{_e(raw)}</span>' if raw and cell["value"] is not None and raw != shown else ""
    return "<td " + " ".join(f'{k}="{_e(v)}"' for k, v in attrs.items()) + f">{_e(shown)}{extra}</td>"


def _table(t: dict[str, Any], ties: dict[str, str]) -> str:
    head = "".join(f'<th title="{_e(c["key"])}">{_e(c["label"])}</th>' for c in t["columns"])
    rows = "".join(
        f'<tr><th class="rl" title="{_e(r["key"])}">{_e(r["label"])}</th>'
        + "".join(_value_cell(c, ties.get(c["key"]) if c else None) for c in r["cells"]) + "</tr>"
        for r in t["rows"]
    )
    return f'<table class="view"><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _page_figure(p: PageImage) -> str:
    data = base64.b64encode(p.png).decode("ascii")
    return (f'<figure class="page" data-page="{p.page}" data-w="{p.width:.1f}" data-h="{p.height:.1f}">'
            f'<div class="sheet"><img alt="page {p.page}" src="data:image/png;base64,{data}">'
            '<div class="box"></div></div>'
            f"<figcaption>page {p.page}</figcaption></figure>")


def _pages_of(t: dict[str, Any]) -> list[int]:
    pages = {c["page"] for r in t["rows"] for c in r["cells"] if c and c["page"] and c["bbox"]}
    return sorted(pages)


def _findings(view: dict[str, Any]) -> str:
    items = "".join(
        f'<li class="f {_e(f["severity"])}" tabindex="0" data-cells="{_e(" ".join(f["cells"]))}">'
        f'<b>{_e(f["code"])}</b> <span class="sev">{_e(f["severity"])}</span> '
        f'<span class="scope">{_e(f["scope"])}</span> {_e(f["message"])}</li>'
        for f in view["findings"]
    )
    return f'<ol id="findings">{items}</ol>' if items else "<p>No findings.</p>"


def _side(t: dict[str, Any], images: dict[int, PageImage], doc: Document, shown_src: set[int],
          ties: dict[str, str]) -> str:
    pages = [images[p] for p in _pages_of(t) if p in images]
    if pages:
        return "".join(_page_figure(p) for p in pages)
    blocks = {a.split("-")[0][1:] for k, a in ties.items() if k.startswith(t["key"] + "/")}
    parts = [table_html(b, tb) for b, tb in source_tables(doc) if str(b) in blocks and b not in shown_src]
    shown_src.update(b for b, _ in source_tables(doc) if str(b) in blocks)
    return "".join(parts) or '<p class="nosrc">The source of this table has no grid to show (see the text below).</p>'


def build_page(report: Report, view: dict[str, Any], doc: Document, images: list[PageImage]) -> str:
    by_page = {p.page: p for p in images}
    ties = {} if images else tie_cells(doc, report.cells)
    shown: set[int] = set()
    sections = []
    for t in view["tables"]:
        page = f" · page {t['page']}" if t["page"] else ""
        sections.append(
            f'<section class="tbl" id="t-{_e(t["key"])}"><h2>{_e(t["key"])} <small>template {_e(t["template"])}'
            f"{page} · {t['n_cells']}/{t['n_expected']} cells</small></h2>"
            f'<div class="pair"><div class="left">{_table(t, ties)}</div>'
            f'<div class="right">{_side(t, by_page, doc, shown, ties)}</div></div></section>'
        )
    missing = "".join(f'<p class="missing">table {_e(k)}: not found</p>' for k in view["missing_tables"])
    title = f"{view['agency'] or '(agency unknown)'} {view['year'] or ''}"
    meta = json.dumps({"source": view["source"], "format": view["format"]}, ensure_ascii=False)
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">'
        f"<title>{_e(title)} · ogi review</title><style>{REVIEW_CSS}</style>"
        f"</head><body><header><h1>{_e(title)}</h1><p>{_e(view['source'])} · {_e(view['format'])} · status "
        f"<b>{_e(view['status'])}</b> · {len(view['findings'])} findings</p>"
        f'<p class="legend">{_e(LEGEND)} · keys: j/k next/previous finding</p></header>'
        f'<main><section id="fs"><h2>Findings</h2>{_findings(view)}</section>{"".join(sections)}{missing}</main>'
        f'<script type="application/json" id="meta">{_e(meta)}</script>'
        f"<script>{REVIEW_JS}</script></body></html>\n"
    )


def write_report_page(report: Report, view: dict[str, Any], out: Path, doc: Document | None = None) -> Path:
    """Build the page for ``report`` and write it to ``out``: its source is re-read for the page images (PDF)
    or for the source tables (other formats, unless ``doc`` is given)."""
    images: list[PageImage] = []
    if any(c.bbox is not None for c in report.cells):   # positions on pages: the source has page images
        pages = {p for t in view["tables"] for p in _pages_of(t)}
        images = render_pages(report.source, pages)
        doc = doc or Document(report.source, report.format, ())
    page = build_page(report, view, doc or read_document(report.source), images)
    with atomic_open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)
    return out
