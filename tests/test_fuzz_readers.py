"""Fuzz the text and HTML readers through the whole pipeline: any input gives a Report or an OgiError.

Inputs are built from the pieces real converter output is made of (box-drawing and ``+---+`` rules, dash
lines, tabs, pipes, table tags, the template's labels, numbers with signs and units, wide digits), so the
layout readers see near-misses of every layout they recognise. The CI run is short; a long run:

    OGI_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz_readers.py -q   # about 10 minutes

``tests/fuzz/`` holds inputs that once broke a reader (or nearly did); each is run as its own test.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ogi
from ogi.extract.html import html_to_document
from ogi.extract.text import text_to_document
from ogi.schemas import OgiError

CORPUS = Path(__file__).resolve().parent / "fuzz"
EXAMPLES = int(os.environ.get("OGI_FUZZ_EXAMPLES", "150"))

LABELS = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
          "第二十条第（一）项", "信息内容", "规章", "规范性文件", "行政许可", "自然人", "商业企业", "总计",
          "一、本年新收政府信息公开申请数量", "（三）不予公开", "1.属于国家秘密", "行政复议", "结果维持", "尚未审结",
          "本年新制作数量", "本年制发件数", "申请人情况", "四、结转下年度继续办理"]
NUMBERS = ["0", "12", "-75", "+13", "3,392", "１２", "116件", "4886200元", "减16", "—", "", "35-15"]
PIECES = ["┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "─", "│", "+", "-", "---", "=", "|", ":", "\t", " ", "  ",
          "\n", "\n\n", "<table>", "</table>", "<tr>", "<td>", "</td>", "<td rowspan=2>", "<td colspan=3>", "<br>",
          "**", "# ", "[", "](x)", "\\", "&nbsp;", "<div>", "\u3000", "\u00a0", "标题: ", "==== 正文 ===="]

piece = st.one_of(st.sampled_from(LABELS), st.sampled_from(NUMBERS), st.sampled_from(PIECES),
                  st.text(max_size=4))
documents = st.lists(piece, max_size=120).map("".join)


def _grid_line(cells: list[str], box: bool) -> str:
    bar = "│" if box else "|"
    return bar + bar.join(c.ljust(6) for c in cells) + bar


@st.composite
def grids(draw: st.DrawFn) -> str:
    """Near-valid ruled tables: right shape, random cells, random rules dropped or shifted."""
    box = draw(st.booleans())
    n_cols = draw(st.integers(1, 5))
    rule = ("├" + "┼".join("─" * 6 for _ in range(n_cols)) + "┤") if box else "+" + "+".join("-" * 6 for _ in range(n_cols)) + "+"
    top = rule.replace("├", "┌").replace("┤", "┐").replace("┼", "┬") if box else rule
    lines = [top]
    for _ in range(draw(st.integers(0, 6))):
        lines.append(_grid_line([draw(st.sampled_from(LABELS + NUMBERS))[:3] for _ in range(n_cols)], box))
        lines.append(rule if draw(st.integers(0, 4)) else rule[: draw(st.integers(0, len(rule)))])
    return "\n".join(lines)


def _read_all(text: str, tmp: Path, suffix: str) -> None:
    path = tmp / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(OgiError):
        ogi.read(path)


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])


@FUZZ
@given(text=st.one_of(documents, grids(), st.lists(grids(), max_size=3).map("\n正文\n".join)))
def test_text_reader_and_pipeline_never_crash(text: str, tmp_path: Path) -> None:
    text_to_document(text, "fuzz.txt")  # the reader alone never raises on text
    _read_all(text, tmp_path, ".txt")


@FUZZ
@given(text=documents)
def test_html_reader_and_pipeline_never_crash(text: str, tmp_path: Path) -> None:
    with contextlib.suppress(OgiError):
        html_to_document(("<html><body>" + text).encode("utf-8"), "fuzz.html")
    _read_all("<html><body>" + text, tmp_path, ".html")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.*")), ids=lambda p: p.name)
def test_fuzz_corpus(path: Path) -> None:
    try:
        report = ogi.read(path)
    except OgiError:
        return
    assert report.source == str(path)
