"""The review page in a real headless browser: Debian's chromium driven by Playwright (no browser download).

Each acceptance report's page loads from a file:// URL with no console error, shows every table and
finding; a click on a value outlines its source region (the PDF page box, or the source table cell); j
moves to the next finding and selects its cells; a screenshot has the viewport's size and real content.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

import ogi
from ogi.show.html import write_report_page
from ogi.show.model import report_view

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
SAMPLES = ["000_ff3c35068f44430d.txt", "r01_huaian_szf_2024.pdf", "r14_sh_szfbgt_2019.html"]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module", params=SAMPLES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    report = ogi.read(REAL / request.param)
    out = tmp_path_factory.mktemp("review") / f"{request.param}.html"
    write_report_page(report, report_view(report), out)
    return out, report


def _open(browser: Browser, path: Path) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport=VIEWPORT)   # type: ignore[arg-type]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: errors.append(f"network: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    return page, errors


def test_loads_and_shows_every_table_and_finding(browser: Browser, built: tuple[Path, Any]) -> None:
    path, report = built
    page, errors = _open(browser, path)
    assert page.locator("section.tbl").count() == len(report.tables) == 3
    assert page.locator("td.v").count() == len(report.cells)
    assert page.locator("#findings li").count() == len(report.findings)
    text = page.inner_text("#fs")
    if not report.findings:
        assert "No findings." in text
    for f in report_view(report)["findings"]:
        assert f["message"] in text
    assert errors == []
    page.close()


def test_click_outlines_the_source_region(browser: Browser, built: tuple[Path, Any]) -> None:
    path, report = built
    page, errors = _open(browser, path)
    cell = report.cell("requests", "granted", "natural_person")
    page.click(f'td.v[data-key="{cell.key}"]')
    assert page.locator("td.sel").count() == 1
    if cell.bbox is not None:   # a PDF: a box on the rendered page, where pdfplumber put the cell
        box = page.locator(".box.on")
        assert box.count() == 1 and box.get_attribute("data-key") == cell.key
        fig = page.locator(f'section#t-requests figure.page[data-page="{cell.page}"]')
        w, h = float(fig.get_attribute("data-w") or 0), float(fig.get_attribute("data-h") or 0)
        style = page.evaluate("() => { const s = document.querySelector('.box.on').style; "
                              "return [s.left, s.top, s.width, s.height].map(parseFloat); }")
        want = [100 * cell.bbox.x0 / w, 100 * cell.bbox.top / h, 100 * (cell.bbox.x1 - cell.bbox.x0) / w,
                100 * (cell.bbox.bottom - cell.bbox.top) / h]
        assert style == pytest.approx(want, abs=0.01)
        img = fig.locator("img").bounding_box()
        drawn = box.bounding_box()
        assert img is not None and drawn is not None
        assert img["x"] <= drawn["x"] < drawn["x"] + drawn["width"] <= img["x"] + img["width"] + 1
    else:                      # other formats: the source table cell that printed the value
        src = page.locator("td.srcsel")
        assert src.count() == 1 and src.inner_text().strip() == cell.raw
    assert errors == []
    page.close()


def test_keyboard_moves_between_findings(browser: Browser, built: tuple[Path, Any]) -> None:
    path, report = built
    page, errors = _open(browser, path)
    if not report.findings:   # r01 has none: j selects nothing and breaks nothing
        page.keyboard.press("j")
        assert page.locator("td.sel").count() == 0 and errors == []
        page.close()
        return
    page.keyboard.press("j")
    cur = page.locator("#findings li.cur")
    assert cur.count() == 1 and cur.get_attribute("data-cells") == " ".join(report.findings[0].cells)
    assert page.locator("td.sel").count() == len(set(report.findings[0].cells) & {c.key for c in report.cells})
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert page.locator("#findings li").nth(len(report.findings) - 2).get_attribute("class") == "f " + str(
        report.findings[-2].severity) + " cur"
    assert errors == []
    page.close()


def test_screenshot_has_size_and_content(browser: Browser, built: tuple[Path, Any]) -> None:
    path, _ = built
    page, _ = _open(browser, path)
    page.click('td.v[data-key="requests/granted/natural_person"]')
    png = page.screenshot()
    page.close()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
    colours = image.getcolors(maxcolors=1 << 20) or []
    top = max(n for n, _ in colours)
    assert len(colours) > 50 and top < 0.95 * image.size[0] * image.size[1]
