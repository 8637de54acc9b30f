"""Table 四 printed as three 5-column sub-tables, each proceeding named only in a heading (or a line)
above it; without headings the template's order places them, and only when it fixes them."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi

GEN = Path(__file__).resolve().parent.parent / "samples" / "generated" / "gen008_2021.md"
HEAD = {"admin_review": "行政复议", "litigation_direct": "行政诉讼：未经复议直接起诉",
        "litigation_after_review": "复议后起诉"}
VALUES = {"admin_review": (1, 2, 0, 1, 4), "litigation_direct": (0, 1, 0, 0, 1),
          "litigation_after_review": (2, 0, 0, 1, 3)}
COLS = ("upheld", "corrected", "other_result", "pending", "total")


def _report(tmp_path: Path, order: list[str], style: str) -> ogi.Report:
    lines = GEN.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("| 行政复议 |"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("| 0 | 0 |")) + 1
    body: list[str] = []
    for n, key in enumerate(order, 1):
        if style == "heading":
            body += [f"### （{'一二三'[n - 1]}）{HEAD[key]}", ""]
        elif style == "line":
            body += [HEAD[key], ""]
        body += ["| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |", "| --- | --- | --- | --- | --- |",
                 "| " + " | ".join(map(str, VALUES[key])) + " |", ""]
    path = tmp_path / "r.md"
    path.write_text("\n".join(lines[:start] + body + lines[end:]), encoding="utf-8")
    return ogi.read(path)


def _review(report: ogi.Report) -> dict[str, tuple[object, ...]]:
    cells = {(c.row, c.column): c.value for c in report.cells if c.table == "review_litigation"}
    rows = {r for r, _ in cells}
    return {r: tuple(cells.get((r, c)) for c in COLS) for r in rows}


@pytest.mark.parametrize("style", ["heading", "line"])
def test_headings_name_the_sub_tables_in_any_order(tmp_path: Path, style: str) -> None:
    order = ["litigation_direct", "admin_review", "litigation_after_review"]  # not the template's order
    report = _report(tmp_path, order, style)
    assert _review(report) == VALUES
    assert {c.placed_by for c in report.cells if c.table == "review_litigation"} == {"label"}


def test_without_headings_the_template_order_places_three_sub_tables(tmp_path: Path) -> None:
    report = _report(tmp_path, list(VALUES), "none")
    assert _review(report) == VALUES
    assert {c.placed_by for c in report.cells if c.table == "review_litigation"} == {"order"}


def test_two_sub_tables_without_headings_are_not_guessed(tmp_path: Path) -> None:
    report = _report(tmp_path, ["admin_review", "litigation_after_review"], "none")
    assert _review(report) == {}
    assert sum(f.code == "unplaced_row" and f.table == "review_litigation" for f in report.findings) == 2
