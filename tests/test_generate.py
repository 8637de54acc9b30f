"""The report generator: deterministic output, expected values that agree with the catalogue and with
the printed values, deliberate identity failures, and the committed set in samples/generated/.

Only ``test_pdf_rendering_splits_a_row_over_pages`` needs LibreOffice (a few seconds).
"""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from ogi.generate.build import build_set
from ogi.generate.draw import draw_report
from ogi.generate.expected import expected, expected_json
from ogi.generate.grids import report_grids
from ogi.generate.model import PrintedCell, PrintStyle
from ogi.generate.plan import make_plans
from ogi.generate.printing import count_cell, money_cell, signed_cell
from ogi.generate.write_pdf import model_to_pdf
from ogi.schemas import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "samples" / "generated"
SEED, COUNT = 1, 62
NO_OFFICE = ("docx", "html", "txt", "md")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org")
COLUMNS = (*APPLICANTS, "total")


def _expected_files() -> list[Path]:
    return sorted(COMMITTED.glob("*.expected.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("gen_a"), tmp_path_factory.mktemp("gen_b")
    build_set(a, SEED, COUNT, NO_OFFICE)
    build_set(b, SEED, COUNT, NO_OFFICE)
    return a, b


def test_two_runs_give_identical_bytes(built_twice: tuple[Path, Path]) -> None:
    a, b = built_twice
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert len([n for n in names if not n.endswith(".json") and n != "MANIFEST.tsv"]) == 48
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_committed_set_is_what_the_generator_writes(built_twice: tuple[Path, Path]) -> None:
    """DOCX compared member by member (deflate bytes may differ between zlib builds), the rest byte for byte."""
    fresh, _ = built_twice
    for path in sorted(fresh.iterdir()):
        if path.name == "MANIFEST.tsv":
            continue
        committed = COMMITTED / path.name
        if path.suffix == ".docx":
            assert _zip_members(path) == _zip_members(committed), path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


def test_committed_pdf_expectations_come_from_the_models() -> None:
    plans = [p for p in make_plans(SEED, COUNT) if p.fmt == "pdf"]
    assert len(plans) == 14
    for plan in plans:
        model = draw_report(plan)
        committed = COMMITTED / f"{model.file_name}.expected.json"
        assert committed.read_text(encoding="utf-8") == expected_json(model), model.file_name
        assert (COMMITTED / model.file_name).read_bytes().startswith(b"%PDF-")


def test_committed_set_size_and_manifest() -> None:
    files = [p for p in COMMITTED.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 4_000_000
    reports = sorted(p.name for p in files if not p.name.endswith(".json") and p.name != "MANIFEST.tsv")
    assert len(reports) == 62
    rows = (COMMITTED / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(r.split("\t")[0] for r in rows) == reports
    formats = [r.split("\t")[1] for r in rows]
    assert {f: formats.count(f) for f in set(formats)} == {"docx": 16, "pdf": 14, "html": 16, "txt": 8, "md": 8}


REQUIRED_TAGS = (
    "tpl:2019", "tpl:2021", "tpl:mixed", "label:只计这一情况", "label:三类内容事务信息", "label:其他法律行政止公开",
    "label:其它", "label:法人或者其他组织", "label:（七）合计", "numbering:1、", "numbering:1．", "numbering:（1）",
    "brackets:half", "quotes:straight", "quotes:none", "label:annotation", "label:split_over_lines",
    "requests:other_one_row_2021", "blank_zeros:all", "blank_zeros:some", "not_applicable:/", "not_applicable:—",
    "signed:减", "signed:增", "signed:-", "signed:+", "unit:万元_in_cell", "unit:元→万元", "unit:件",
    "fullwidth_digits", "culprit", "h4_break", "header_repeat", "header_no_repeat", "cant_split",
    "row_split_allowed", "landscape_requests", "footer:-n-", "footer:—n—", "long_paragraphs",
    "vertical_headers:narrow", "vertical_headers:explicit", "row_split_by_page_break", "encoding:gbk",
    "encoding:gb18030", "encoding:utf-8", "charset:declared", "charset:undeclared", "markup:word", "markup:cms",
    "site_nav", "span_split", "copied_text", "nbsp_padding", "pipe_tables", "md_linebreak:space",
)


def test_manifest_covers_every_variant() -> None:
    rows = (COMMITTED / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    tags = {t for r in rows for t in r.split("\t")[8].split(",")}
    assert [t for t in REQUIRED_TAGS if t not in tags] == []
    pdf_tags = {t for r in rows if r.split("\t")[1] == "pdf" for t in r.split("\t")[8].split(",")}
    assert {"row_split_by_page_break", "landscape_requests", "header_repeat", "header_no_repeat"} <= pdf_tags


def _allowed_keys(table: str, version: str, cells: dict) -> set[str]:
    keys = {f"{table}/{r}/{c}" for r, c in load_catalogue().cell_keys(table, version)}
    if table == "requests" and version == "2021" and "requests/other/total" in cells:
        # The spec: a 2021 table printing （六）其他处理 as one row keys it `other`, without sub-rows.
        keys = {k for k in keys if "/other_" not in k.replace("/other_org", "")}
        keys |= {f"requests/other/{c}" for c in COLUMNS}
    return keys


@pytest.mark.parametrize("path", _expected_files(), ids=lambda p: p.name.split(".")[0])
def test_expected_keys_follow_the_catalogue(path: Path) -> None:
    exp = _load(path)
    assert (COMMITTED / exp["file"]).exists()
    assert re.fullmatch(r"\w+(人民政府|办公室|办公厅|局|委员会|厅|办事处)", exp["agency"])
    assert 2019 <= exp["year"] <= 2025
    for table, version in exp["templates"].items():
        printed = {k for k in exp["cells"] if k.startswith(table + "/")}
        assert printed == _allowed_keys(table, version, exp["cells"]), (table, version)
    assert {k for k, v in exp["cells"].items() if v is None} == set(exp["notes"])
    assert set(exp["notes"].values()) <= {"blank", "not_applicable"}
    assert exp["unplaced_rows"] == 0


def _v(cells: dict, row: str, col: str) -> float:
    value = cells.get(f"requests/{row}/{col}")
    return 0 if value is None else value


def _identities_from_cells(cells: dict) -> list[str]:
    """H1–H4 recomputed from the expected cells alone, independently of generate.identities."""
    rows = sorted({k.split("/")[1] for k in cells if k.startswith("requests/")})
    results = [r for r in rows if r not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    failed = [f"H1:{c}" for c in COLUMNS
              if _v(cells, "new_received", c) + _v(cells, "carried_over", c)
              != _v(cells, "total_processed", c) + _v(cells, "carried_forward", c)]
    failed += [f"H2:{c}" for c in COLUMNS if _v(cells, "total_processed", c) != sum(_v(cells, r, c) for r in results)]
    failed += [f"H3:{r}" for r in rows if _v(cells, r, "total") != sum(_v(cells, r, c) for c in APPLICANTS)]
    for p in ("admin_review", "litigation_direct", "litigation_after_review"):
        parts = sum(cells[f"review_litigation/{p}/{c}"] for c in ("upheld", "corrected", "other_result", "pending"))
        if cells[f"review_litigation/{p}/total"] != parts:
            failed.append(f"H4:{p}")
    return failed


@pytest.mark.parametrize("path", _expected_files(), ids=lambda p: p.name.split(".")[0])
def test_expected_identities_are_computed_from_published_values(path: Path) -> None:
    exp = _load(path)
    assert sorted(exp["findings"]["identities"]) == sorted(_identities_from_cells(exp["cells"]))


def test_deliberate_failures_reach_the_expected_files() -> None:
    culprits, h4 = 0, 0
    for plan in make_plans(SEED, COUNT):
        model = draw_report(plan)
        found = expected(model)["findings"]
        if plan.breaks == "culprit":
            cell = model.breaks[0].removeprefix("culprit:")
            row, col = cell.split("/")[1:]
            assert found["culprits"] == [cell]
            column_check = "H1" if row in ("new_received", "carried_over", "carried_forward") else "H2"
            assert sorted(found["identities"]) == sorted([f"{column_check}:{col}", f"H3:{row}"])
            culprits += 1
        elif plan.breaks == "h4":
            assert found == {"identities": [f"H4:{model.breaks[0].removeprefix('h4:')}"], "culprits": []}
            h4 += 1
        else:
            assert found == {"identities": [], "culprits": []}, model.file_name
    assert (culprits, h4) == (15, 7)


@pytest.mark.parametrize(("cell", "text", "value", "note"), [
    (signed_cell("licensing", "items_change", -1237, PrintStyle(signed="cn")), "减1237", -1237, ""),
    (signed_cell("licensing", "items_change", 5, PrintStyle(signed="cn")), "增5", 5, ""),
    (signed_cell("licensing", "items_change", 5, PrintStyle(signed="sign")), "+5", 5, ""),
    (signed_cell("licensing", "items_change", -8, PrintStyle(signed="plain"), fullwidth=True), "-８", -8, ""),
    (money_cell("fees", "fee_amount", Decimal("25.1"), PrintStyle(money="yuan")), "251000元", 25.1, ""),
    (money_cell("procurement", "procurement_amount", Decimal("1.795"), PrintStyle(money="wanyuan")),
     "1.795（万元）", 1.795, ""),
    (count_cell("licensing", "decisions", 3, PrintStyle(), unit=True), "3件", 3, ""),
    (count_cell("licensing", "decisions", 1234, PrintStyle(thousands=True)), "1,234", 1234, ""),
    (count_cell("granted", "total", 12, PrintStyle(), fullwidth=True), "１２", 12, ""),
    (count_cell("granted", "total", 0, PrintStyle(), blank=True), "", None, "blank"),
])
def test_printed_text_and_value(cell: PrintedCell, text: str, value: float | None, note: str) -> None:
    assert (cell.text, cell.value, cell.note) == (text, value, note)


def _clean(text: str) -> str:
    return text.replace("\u00a0", "").translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def test_copied_text_prints_the_expected_values(built_twice: tuple[Path, Path]) -> None:
    """In each text file the row 一、本年新收… is followed by its seven cells, as in the model."""
    fresh, _ = built_twice
    for path in sorted(fresh.glob("*.txt")):
        exp = _load(path.with_name(path.name + ".expected.json"))
        lines = path.read_text(encoding="utf-8").split("\n")
        at = lines.index("\t一、本年新收政府信息公开申请数量")
        cells = [_clean(line.removeprefix("\t")) for line in lines[at + 1:at + 8]]
        assert all(line.startswith("\t") for line in lines[at + 1:at + 8])
        want = [exp["cells"][f"requests/new_received/{c}"] for c in COLUMNS]
        assert cells == ["" if v is None else str(v) for v in want], path.name
        assert lines[at + 8] == ""


def test_html_encodings_and_declared_charsets(built_twice: tuple[Path, Path]) -> None:
    fresh, _ = built_twice
    seen = set()
    for plan in make_plans(SEED, COUNT):
        if plan.fmt != "html":
            continue
        model = draw_report(plan)
        raw = (fresh / model.file_name).read_bytes()
        head = raw[:1000].lower()
        assert (b"charset=" in head) == plan.layout.declare_charset
        text = raw.decode(plan.layout.encoding)
        assert model.title in text and text.count("<table") == 3
        if plan.layout.encoding != "utf-8":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        seen.add((plan.layout.encoding, plan.layout.declare_charset))
    assert {("gbk", False), ("gbk", True), ("gb18030", False), ("gb18030", True)} <= seen


def test_docx_merges_header_repeat_and_row_split_follow_the_layout(built_twice: tuple[Path, Path]) -> None:
    fresh, _ = built_twice
    for plan in make_plans(SEED, COUNT):
        if plan.fmt != "docx":
            continue
        model = draw_report(plan)
        xml = _zip_members(fresh / model.file_name)["word/document.xml"].decode("utf-8")
        grids = report_grids(model)
        # Word writes gridSpan on every row of a merged cell (vMerge continuations included).
        spans = sum(c.rowspan for g in grids.values() for c in g.cells if c.colspan > 1)
        assert xml.count("<w:gridSpan ") == spans
        starts = sum(1 for g in grids.values() for c in g.cells if c.rowspan > 1)
        assert xml.count('<w:vMerge w:val="restart"/>') == starts
        assert xml.count("<w:tblHeader/>") == (6 if plan.layout.repeat_header else 0)
        assert ("<w:cantSplit/>" in xml) == (not plan.layout.allow_row_split)
        assert ('w:orient="landscape"' in xml) == plan.layout.landscape_requests


def test_pdf_rendering_splits_a_row_over_pages(tmp_path: Path) -> None:
    """The one LibreOffice test: render a report whose row-split search succeeds at the first step."""
    plan = next(p for p in make_plans(SEED, COUNT) if p.fmt == "pdf" and p.layout.seek_row_split)
    model = draw_report(plan)
    result = model_to_pdf(model, tmp_path / model.file_name, timeout=60)
    assert result.split_rows and result.pages >= 3
    with pdfplumber.open(tmp_path / model.file_name) as pdf:
        text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))
    assert re.sub(r"\s+", "", model.title) in text
    assert "本年新收政府信息公开申请数量" in text
    assert "未经复议直接起诉" in text
