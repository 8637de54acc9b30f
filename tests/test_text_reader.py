"""The text reader: clipboard tables (tab cells, continuation lines) and markdown pipe tables."""

from __future__ import annotations

from pathlib import Path

from ogi.extract.text import text_to_document
from ogi.schemas import Heading, Paragraph, Table

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"


def test_seed_tables_and_cells() -> None:
    doc = text_to_document((REAL / "000_ff3c35068f44430d.txt").read_text(encoding="utf-8"), "seed.txt")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 3
    header = tables[0].rows()[1]
    assert [c.text for c in header] == ["信息内容", "本年新\n制作数量", "本年新\n公开数量", "对外公开总数量"]
    licensing = next(r for r in tables[0].rows() if r and r[0].text == "行政许可")
    assert [c.text for c in licensing] == ["行政许可", "2684", "\u3000减1237", "0"]
    assert len(tables[2].rows()[-1]) == 15


def test_markdown_pipe_tables_and_headings() -> None:
    text = "## 表二\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n\n正文一行\n"
    doc = text_to_document(text, "x.md")
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "表二"
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows()] == [["信息内容", "本年制发件数"], ["规章", "0"]]
    assert isinstance(doc.blocks[2], Paragraph)


def test_gbk_text_file(tmp_path: Path) -> None:
    from ogi.extract import read_document

    path = tmp_path / "r.txt"
    path.write_bytes("一、总体情况\n\t规章\n\t0\n".encode("gbk"))
    doc = read_document(path)
    assert doc.blocks[0].text == "一、总体情况"  # type: ignore[union-attr]
