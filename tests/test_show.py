"""``ogi show``: the terminal/plain and JSON views of the acceptance reports, and the dataset overview."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import ogi
from ogi.commands import register_all
from ogi.normalize.messages import render
from ogi.show.model import report_view
from ogi.show.terminal import render_plain

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "samples" / "real"
SEED = REAL / "000_ff3c35068f44430d.txt"
ACCEPTANCE = [SEED, REAL / "r01_huaian_szf_2024.pdf", REAL / "r14_sh_szfbgt_2019.html"]


app = typer.Typer()
register_all(app)


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


@pytest.mark.parametrize("path", ACCEPTANCE, ids=_ids(ACCEPTANCE))
def test_plain_view_shows_every_table_cell_and_finding(path: Path) -> None:
    report = ogi.read(path)
    text = render_plain(report_view(report))
    for t in report.tables:
        assert f"{t.key} (template {t.template}" in text
    by_key = {c.key: c for c in report.cells}
    for f in report.findings:
        assert render(f, by_key) in text
    view = report_view(report)
    shown = [c for t in view["tables"] for r in t["rows"] for c in r["cells"] if c]
    assert sorted(c["key"] for c in shown) == sorted(by_key)


def test_seed_finding_reads_as_a_sum_and_names_the_culprit() -> None:
    result = CliRunner().invoke(app, ["show", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "（一）予以公开：自然人 5 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 5，但总计为 0" in result.output
    culprit = next(line for line in result.output.splitlines() if "likely_culprit" in line)
    assert "requests/granted/total" in culprit and "若为 5" in culprit
    # every cell the failing sums name is marked, the culprit with *; the row below adds up
    lines = result.output.splitlines()
    granted = next(line for line in lines if line.startswith("（一）予以公开\t"))
    assert granted.split("\t") == ["（一）予以公开", "5!", "0!", "0!", "0!", "0!", "0!", "0!*"]
    partial = next(line for line in lines if line.startswith("（二）部分公开"))
    assert partial.split("\t")[1:] == ["0", "0", "0", "0", "0", "0", "0!"]


def test_english_and_keys() -> None:
    result = CliRunner().invoke(app, ["show", str(SEED), "--lang", "en", "--keys"])
    assert result.exit_code == 0, result.output
    assert "but 总计 (granted/total) is 0" in result.output
    assert "likely culprit requests/granted/total" in result.output
    assert "（一）予以公开 (granted)\t" in result.output


def test_r14_blank_totals_are_warnings_in_json() -> None:
    result = CliRunner().invoke(app, ["show", str(REAL / "r14_sh_szfbgt_2019.html"), "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    identity = [f for f in view["findings"] if f["code"] in {"H1", "H2", "H3", "H4", "blank_total"}]
    assert len(identity) == 12
    assert {(f["code"], f["severity"]) for f in identity} == {("blank_total", "warning")}
    granted = next(f for f in identity if f["scope"] == "H3:granted")
    assert granted["message"].startswith("（一）予以公开：自然人 258 + 商业企业 12 + 科研机构 空白")
    assert "但总计为 空白" in granted["message"]
    assert [t["key"] for t in view["tables"]] == ["active_disclosure", "requests", "review_litigation"]
    fee = next(c for t in view["tables"] for r in t["rows"] for c in r["cells"]
               if c and c["key"] == "active_disclosure/procurement/procurement_amount")
    assert (fee["value"], fee["raw"]) == (25.1, "251000元")


def test_pdf_cells_carry_page_and_bbox() -> None:
    view = report_view(ogi.read(REAL / "r01_huaian_szf_2024.pdf"))
    cell = next(c for t in view["tables"] for r in t["rows"] for c in r["cells"]
                if c and c["key"] == "requests/granted/natural_person")
    assert cell["value"] == 1288 and cell["page"] == 4
    b = cell["bbox"]
    assert 0 < b["x0"] < b["x1"] < 595 and 0 < b["top"] < b["bottom"] < 842


def test_piped_output_is_plain_text() -> None:
    out = subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", "show", str(SEED)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert "\x1b[" not in out and "\t" in out


def test_a_file_that_is_not_a_report_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = CliRunner().invoke(app, ["show", str(bad)])
    assert result.exit_code == 1


def test_dataset_overview(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in (SEED, REAL / "r14_sh_szfbgt_2019.html"):
        (inputs / p.name).write_bytes(p.read_bytes())
    runner = CliRunner()
    assert runner.invoke(app, ["convert", str(inputs), "--out", str(tmp_path / "ds"), "--no-progress"]).exit_code == 0
    result = runner.invoke(app, ["show", str(tmp_path / "ds"), "--html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "ds" / "review" / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    assert ">859<" in page          # r14's requests received (2019); the seed's (2020) are 6
    links = re.findall(r'href="(reports/[0-9a-f]{16}\.html)"', page)
    assert len(set(links)) == 2 and all((tmp_path / "ds" / "review" / link).is_file() for link in links)
    assert "blank_total" in page and "likely_culprit" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
