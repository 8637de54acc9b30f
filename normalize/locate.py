"""Find the three statistical tables: classify each table (and each run of table-like text
lines) by its words, stitch consecutive pieces of the same table (page breaks, converters that
cut one table into several), and hand each table's rows to its parser."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ogi.normalize.flattened import paragraph_to_rows
from ogi.normalize.review_table import proceeding_of
from ogi.normalize.rows import SourceRow, paragraph_to_row, table_to_rows
from ogi.normalize.textnorm import norm
from ogi.schemas import Block, Heading, Paragraph, Table

KEYWORDS: dict[str, tuple[str, ...]] = {
    "active_disclosure": ("第二十条", "信息内容", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制",
                          "行政事业性收费", "集中采购", "本年制发件数", "现行有效件数", "处理决定数量"),
    "requests": ("申请人情况", "自然人", "商业企业", "科研机构", "本年新收", "上年结转", "予以公开",
                 "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度", "国家秘密",
                 "重复申请", "信访举报"),
    "review_litigation": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结", "直接起诉", "复议后起诉"),
}
HEADER_LINE_WORDS = ("第二十条", "信息内容", "申请人情况", "行政复议")


@dataclass(frozen=True)
class Segment:
    kind: str | None
    rows: tuple[SourceRow, ...]
    index: int  # block index of the segment's first block


def classify(text: str) -> str | None:
    t = norm(text)
    scores = {k: sum(1 for w in words if w in t) for k, words in KEYWORDS.items()}
    if scores["review_litigation"] >= 2 and scores["requests"] <= 2 and "维持" in t:
        return "review_litigation"
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 1 else None


def _is_table_line(p: Paragraph | Heading) -> bool:
    """A header line of a table, or a heading naming one proceeding of table 四 (its sub-table follows)."""
    if proceeding_of(p.text) is not None:
        return True
    t = norm(p.text)
    return isinstance(p, Paragraph) and len(t) <= 40 and any(w in t for w in HEADER_LINE_WORDS)


def blocks_to_segments(blocks: Sequence[Block]) -> list[Segment]:
    """Tables, and runs of text lines that read as table rows, in document order."""
    segments: list[Segment] = []
    run: list[SourceRow] = []
    run_start = 0
    for i, block in enumerate(blocks):
        row = None
        if isinstance(block, Paragraph) and len(block.text) > 300:
            flat = paragraph_to_rows(block)
            if flat:
                if run:
                    segments.append(_segment(run, run_start))
                    run = []
                segments.extend(_flattened_segments(flat, i))
                continue
        if isinstance(block, Paragraph):
            row = paragraph_to_row(block)
        if row is None and isinstance(block, Paragraph | Heading) and _is_table_line(block):
            row = SourceRow((block.text,), (), block.page, (block.text,))
        if row is not None:
            if not run:
                run_start = i
            run.append(row)
            continue
        if run:
            segments.append(_segment(run, run_start))
            run = []
        if isinstance(block, Table):
            rows = table_to_rows(block)
            if rows:
                segments.append(_segment(rows, i))
    if run:
        segments.append(_segment(run, run_start))
    return [s for s in segments if s.kind is not None or any(r.has_numbers() for r in s.rows)]


def _flattened_segments(flat: list[tuple[str, SourceRow]], index: int) -> list[Segment]:
    out: list[Segment] = []
    for kind, row in flat:
        if out and out[-1].kind == kind:
            out[-1] = Segment(kind, (*out[-1].rows, row), index)
        else:
            out.append(Segment(kind, (row,), index))
    return out


def _segment(rows: list[SourceRow], index: int) -> Segment:
    text = " ".join(" ".join(r.labels) for r in rows)
    return Segment(classify(text), tuple(rows), index)


def segments_to_tables(segments: Sequence[Segment]) -> dict[str, list[SourceRow]]:
    """Rows per table kind; an unclassified piece (numbers only) joins the piece before it."""
    out: dict[str, list[SourceRow]] = {}
    previous: str | None = None
    for seg in segments:
        kind = seg.kind or previous
        if kind is None:
            continue
        out.setdefault(kind, []).extend(seg.rows)
        previous = kind
    return out
