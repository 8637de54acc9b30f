"""Damaged copies of real tables (lines dropped, cells run together, tokens shuffled): a located table
that yields nothing is a finding, never an exception, and a flattened copy emits no value that is
not the printed one."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import ogi
from ogi.schemas import OgiError

ROOT = Path(__file__).resolve().parent.parent / "samples"
SOURCES = [ROOT / "generated" / "gen004_2021.txt", ROOT / "generated" / "gen007_2019.html",
           ROOT / "real" / "000_ff3c35068f44430d.txt"]


def _damage(text: str, rng: random.Random, how: int) -> str:
    lines = text.splitlines()
    if how == 0:  # drop lines
        lines = [ln for ln in lines if rng.random() > 0.3]
    elif how == 1:  # run every line's tokens together, as crawlers do
        lines = ["".join(ln.split()) for ln in lines]
    elif how == 2:  # shuffle the tokens of some lines
        out = []
        for ln in lines:
            parts = ln.split()
            if rng.random() < 0.3:
                rng.shuffle(parts)
            out.append(" ".join(parts))
        lines = out
    else:  # everything on one line
        lines = [" ".join(lines)]
    return "\n".join(lines)


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_damaged_copies_give_findings_not_exceptions(source: Path, tmp_path: Path) -> None:
    rng = random.Random(source.name)
    raw = source.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    expected = json.loads(source.with_name(source.name + ".expected.json").read_text(encoding="utf-8"))["cells"]
    for i in range(40):
        how = i % 4
        path = tmp_path / f"d{i}{source.suffix}"
        path.write_text(_damage(text, rng, how), encoding="utf-8")
        try:
            report = ogi.read(path)
        except OgiError:
            continue
        placed = {t.key for t in report.tables if t.n_cells > 0}
        missing = {f.table for f in report.findings if f.code == "table_missing"}
        assert placed | missing == {"active_disclosure", "requests", "review_litigation"}, (i, how)
        if how in (1, 3):  # nothing lost, only run together: every emitted value is the printed one
            wrong = {c.key: (c.value, expected.get(c.key)) for c in report.cells if c.value != expected.get(c.key)}
            assert not wrong, (i, how, wrong)


def test_located_table_with_nothing_placed_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数\n某某 1 2 3 4 5 6 7 8\n",
                    encoding="utf-8")
    report = ogi.read(path)
    [finding] = [f for f in report.findings if f.code == "table_missing" and f.table == "active_disclosure"]
    assert "located" in finding.message


def test_located_table_with_nothing_placed_claims_no_template(tmp_path: Path) -> None:
    """Table 三 located by its header, none of its rows placeable: its version would rest on no printed row
    (before, the 2019 fallback was reported with 161 expected cells), so it is '?' with nothing expected."""
    path = tmp_path / "t.txt"
    path.write_text("三、收到和处理政府信息公开申请情况\n"
                    "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
                    "某某某某 1 2 3 4 5 6 7 8 9 10\n另一行 1 2 3 4 5 6 7 8 9 10\n", encoding="utf-8")
    report = ogi.read(path)
    assert [(t.key, t.template, t.n_cells, t.n_expected) for t in report.tables] == [("requests", "", 0, 0)]
    assert ("table_missing", "requests") in {(f.code, f.table) for f in report.findings}


def test_label_wrapped_onto_its_own_line_continues_the_row_above() -> None:
    """Grid tables in text (pandoc plain) wrap a label over physical lines; the line holding only the
    label's tail and blank cells is no row of its own (it would emit nulls over the printed numbers)."""
    from ogi.normalize.rows import SourceRow, SourceValue, stitch_page_splits

    nums = tuple(SourceValue(v) for v in ("29", "3", "0", "1", "0", "0", "33"))
    blank = tuple(SourceValue("") for _ in nums)
    rows = [SourceRow(("一、本年新收政府",), nums), SourceRow(("信息公开申请数量",), blank),
            SourceRow(("二、上年结转政府",), nums)]
    out = stitch_page_splits(rows)
    assert [r.labels for r in out] == [("一、本年新收政府信息公开申请数量",), ("二、上年结转政府",)]
    assert [v.raw for v in out[0].values] == ["29", "3", "0", "1", "0", "0", "33"]
