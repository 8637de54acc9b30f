"""WPS and Word PDF exports print Kangxi radicals (⼀ U+2F00 for 一, ⼆ for 二 …) in labels: the same
report with every such character swapped must give the same cells, from DOCX and from a PDF
rendered by LibreOffice."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import ogi
from ogi.generate.office import convert

GEN = Path(__file__).resolve().parent.parent / "samples" / "generated"
KANGXI = str.maketrans({"一": "⼀", "二": "⼆", "人": "⼈", "入": "⼊", "八": "⼋",
                        "十": "⼗", "工": "⼯", "女": "⼥", "子": "⼦", "小": "⼩", "文": "⽂", "方": "⽅",
                        "日": "⽇", "月": "⽉", "长": "⻓", "行": "⾏", "见": "⻅", "言": "⾔", "金": "⾦"})
SAMPLE = "gen005_2022.docx"


def _kangxi_docx(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").translate(KANGXI).encode("utf-8")
            zout.writestr(item, data)


@pytest.fixture(scope="module")
def kangxi_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("kangxi")
    docx = work / "kangxi.docx"
    _kangxi_docx(GEN / SAMPLE, docx)
    assert "⼀" in zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return docx, convert(docx, work, "pdf")


def _expected() -> dict[str, object]:
    return json.loads((GEN / f"{SAMPLE}.expected.json").read_text(encoding="utf-8"))["cells"]  # type: ignore[no-any-return]


def test_kangxi_docx_gives_the_same_cells(kangxi_files: tuple[Path, Path]) -> None:
    report = ogi.read(kangxi_files[0])
    assert {c.key: c.value for c in report.cells} == _expected()


def test_kangxi_pdf_gives_the_same_cells(kangxi_files: tuple[Path, Path]) -> None:
    report = ogi.read(kangxi_files[1])
    assert report.format == "pdf"
    assert {c.key: c.value for c in report.cells} == _expected()
