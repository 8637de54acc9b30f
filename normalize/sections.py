"""Locate the six sections by their headings (variants, with or without ordinals or 第X部分)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ogi.normalize.matcher import text_score
from ogi.normalize.memo import text_cache
from ogi.normalize.textnorm import norm, split_ordinal
from ogi.schemas import Block, Heading, Paragraph, Section, Table, TableCell, load_catalogue

MAX_HEADING_LEN = 40
MIN_SCORE = 88.0
TABLE_ROW_SCORE = 100.0  # a one-cell table row splits the table only when it names a section exactly


@dataclass(frozen=True)
class HeadingHit:
    index: int
    key: str
    text: str
    score: float
    page: int | None


@text_cache
def heading_key(text: str) -> tuple[str, float] | None:
    """The section a heading line names, with its score.

    >>> heading_key("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    ('review_litigation', 100.0)
    >>> heading_key("第五部分 存在问题及改进情况")[0]
    'problems'
    """
    if "\t" in text.strip() or text.count("|") >= 2:
        return None  # a tab-separated or pipe table row, never a heading (and cheap to rule out)
    t = norm(text)
    if not t or len(t) > MAX_HEADING_LEN:
        return None
    ordinal, rest = split_ordinal(text)
    if ordinal and ordinal.isdigit():
        return None
    best: tuple[str, float] | None = None
    for sec in load_catalogue().sections:
        score = text_score(rest, sec.variants)
        if sec.label == rest.rstrip("。:："):
            score += 1  # the canonical wording beats a shorter variant that also fits
        if score >= MIN_SCORE and (best is None or score > best[1]):
            best = (sec.key, score)
    return best


def find_headings(blocks: Sequence[Block]) -> list[HeadingHit]:
    hits: list[HeadingHit] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Heading | Paragraph):
            found = heading_key(block.text)
            if found is not None:
                hits.append(HeadingHit(i, found[0], block.text, found[1], block.page))
    return hits


def _choose(hits: list[HeadingHit]) -> list[HeadingHit]:
    """One heading per section key: the best score, the first of equals."""
    best: dict[str, HeadingHit] = {}
    for h in hits:
        if h.key not in best or h.score > best[h.key].score:
            best[h.key] = h
    return sorted(best.values(), key=lambda h: h.index)


def blocks_to_sections(blocks: Sequence[Block]) -> list[Section]:
    hits = find_headings(blocks)
    chosen = _choose(hits)
    boundaries = sorted({h.index for h in hits})
    sections = []
    for h in chosen:
        end = next((b for b in boundaries if b > h.index), len(blocks))
        body = [
            b.text for b in blocks[h.index + 1 : end] if not isinstance(b, Table) and b.text.strip()
        ]
        sections.append(Section(h.key, h.text.strip(), "\n".join(body), h.page))
    return sections


def _heading_rows(table: Table) -> list[int]:
    """The rows, in order, that are one cell across the whole table (two columns or more), spanned into by no
    cell above, whose text is a section heading."""
    width = table.n_cols
    if width < 2:
        return []
    anchors = Counter(c.row for c in table.cells)  # anchor cells starting in each row
    wide = [c for c in table.cells if c.colspan >= width and anchors[c.row] == 1]
    if not wide:
        return []
    spans = {r for c in table.cells for r in range(c.row + 1, c.row + c.rowspan)}  # rows a cell spans into
    return sorted(c.row for c in wide if c.row not in spans and _is_heading(c.text))


def _is_heading(text: str) -> bool:
    found = heading_key(text)
    return found is not None and found[1] >= TABLE_ROW_SCORE


def _split_table(table: Table) -> list[Block]:
    """A copied table that took in a section heading as a one-cell row (a browser copy or a one-cell-per-line
    layout joins the heading to the tables around it) becomes the table before, the heading, the table after."""
    cuts = _heading_rows(table)
    if not cuts:
        return [table]
    out: list[Block] = []
    bounds = [-1, *cuts, table.n_rows]
    for lo, hi in pairwise(bounds):
        if lo >= 0:
            cell = next(c for c in table.cells if c.row == lo)
            out.append(Heading(cell.text, level=2, page=cell.page if cell.page is not None else table.page))
        part = tuple(TableCell(c.row - lo - 1, c.col, c.text, c.rowspan, c.colspan, c.page, c.bbox, c.confidence)
                     for c in table.cells if lo < c.row < hi)
        if part:
            out.append(Table(part, table.page, table.bbox))
    return out


def split_heading_rows(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks with every table cut at its one-cell rows that are section headings.

    >>> t = Table((TableCell(0, 0, "规章"), TableCell(0, 1, "1"),
    ...            TableCell(1, 0, "第四部分 行政复议、行政诉讼情况", colspan=2),
    ...            TableCell(2, 0, "行政复议"), TableCell(2, 1, "2")))
    >>> [type(b).__name__ for b in split_heading_rows([t])]
    ['Table', 'Heading', 'Table']
    """
    return tuple(part for block in blocks for part in (_split_table(block) if isinstance(block, Table) else [block]))
