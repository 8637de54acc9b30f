"""Pages of lines and tables → Heading/Paragraph/Table blocks in reading order.

A paragraph ends where the next line is indented (Chinese first-line indent), the
line before it stopped short of the right margin, the spacing opens up, or the font
size changes. A paragraph running over a page break is continued when the last line
on one page fills the width and the first line of the next is not indented. Short
one-line paragraphs numbered like a section (``一、总体情况``) become headings, and
the large-type lines at the top of the first page become the title (level 1).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ogi.extract.pdf_lines import Line
from ogi.extract.pdf_text import clean_text, is_page_number, join_lines
from ogi.schemas import Block, Box, Heading, Paragraph, Table

SECTION = re.compile(r"^(第[一二三四五六七八九十]+(部分|章|节)|[一二三四五六七八九十]+[、.．])")
SUBSECTION = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
SENTENCE_END = "。；;，,：:"
SAME_SIZE = 0.2  # lines whose sizes differ by less than this share are set in one size
BIG = 1.25  # lines this much larger than body text are display type (titles)
MARGIN_ZONE = 0.12  # share of the page height at top and bottom where folios live


@dataclass(frozen=True)
class PageParts:
    """One page after table extraction: its tables and the text lines outside them."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class _Frame:
    """Where body text starts and ends on a page, and its usual line spacing."""

    left: float
    right: float
    gap: float


def drop_folios(parts: PageParts) -> PageParts:
    """Remove page-number lines (``- 3 -``, ``第3页``; a bare number only in the header/footer zone)."""
    keep = []
    zone = MARGIN_ZONE * parts.height
    for line in parts.lines:
        text = clean_text(line.text)
        in_margin = line.bottom < zone or line.top > parts.height - zone
        if is_page_number(text, decorated_only=not in_margin):
            continue
        keep.append(line)
    return PageParts(parts.number, parts.width, parts.height, tuple(keep), parts.tables)


def _body_size(pages: Sequence[PageParts]) -> float:
    """The most common line size (to 0.1 pt) counted by glyph, the first seen of a tie (10 without glyphs)."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for line in p.lines:
            if line.glyphs:  # a line's size once, weighted by its glyphs: the count a glyph at a time
                sizes[round(line.size, 1)] += len(line.glyphs)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _right_margin(ends: Sequence[float]) -> float:
    """The rightmost line end shared by at least two lines (a hanging comma is not the margin)."""
    ends = sorted(ends)
    shared = [b for a, b in pairwise(ends) if b - a <= 3.0]
    return max(shared) if shared else max(ends)


def _frames(pages: Sequence[PageParts], body: float) -> dict[int, _Frame]:
    """Margins per page; pages with too few lines borrow from pages of the same width."""
    frames: dict[int, _Frame] = {}
    by_width: dict[int, _Frame] = {}
    for p in pages:
        lines = [ln for ln in p.lines if abs(ln.size - body) <= SAME_SIZE * body]
        if len(lines) < 3:
            continue
        left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
        right = _right_margin([ln.x1 for ln in lines])
        gaps = [b.top - a.bottom for a, b in pairwise(lines) if 0 <= b.top - a.bottom < 3 * body]
        gap = statistics.median(gaps) if gaps else 0.5 * body
        frames[p.number] = by_width[round(p.width)] = _Frame(left, right, gap)
    for p in pages:
        if p.number not in frames:
            frames[p.number] = by_width.get(round(p.width), _Frame(0.0, p.width, 0.5 * body))
    return frames


def _continues(prev: Line, line: Line, frame: _Frame, body: float) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``prev`` (same page)?"""
    size = max(prev.size, line.size)
    prev_big, big = prev.size >= BIG * body, line.size >= BIG * body
    if prev_big != big or abs(prev.size - line.size) > SAME_SIZE * size:
        return False
    if line.top - prev.bottom > frame.gap + 0.6 * size:
        return False
    if big:
        return True  # a title set over several lines, often centred
    if line.x0 > prev.x1 or line.x1 < prev.x0:
        return False
    if line.x0 > frame.left + 0.8 * size or prev.x1 < frame.right - 1.5 * size:
        return False
    if line.x0 > prev.x0 + 0.8 * size:
        return False  # indented against the line above: a new paragraph, even where most lines are indented
    return not SECTION.match(clean_text(line.text))


def _continues_over_page(prev: Line, prev_frame: _Frame, line: Line, frame: _Frame) -> bool:
    size = max(prev.size, line.size)
    return (abs(prev.size - line.size) <= SAME_SIZE * size
            and prev.x1 >= prev_frame.right - 1.5 * size
            and line.x0 <= frame.left + 0.8 * size
            and not SECTION.match(clean_text(line.text)))


def _block(lines: Sequence[tuple[int, Line]], body: float, first_block: bool) -> Heading | Paragraph:
    page = lines[0][0]
    on_page = [ln for p, ln in lines if p == page]
    box = Box(min(ln.x0 for ln in on_page), min(ln.top for ln in on_page),
              max(ln.x1 for ln in on_page), max(ln.bottom for ln in on_page))
    text = clean_text(join_lines([clean_text(ln.text) for _, ln in lines]))
    big = lines[0][1].size >= BIG * body
    short = len(text) <= 40 and not text.endswith(tuple(SENTENCE_END))
    if big and short and first_block and page == 1:
        return Heading(text, 1, page, box)
    if short and (len(lines) == 1 or big):
        if SECTION.match(text):
            return Heading(text, 2, page, box)
        if SUBSECTION.match(text):
            return Heading(text, 3, page, box)
        if big:
            return Heading(text, 2, page, box)
    return Paragraph(text, page, box)


def pages_to_blocks(pages: Sequence[PageParts]) -> list[Block]:
    """All blocks of a document in reading order (tables placed by their top edge)."""
    pages = [drop_folios(p) for p in pages]
    body = _body_size(pages)
    frames = _frames(pages, body)
    blocks: list[Block] = []
    current: list[tuple[int, Line]] = []

    def flush() -> None:
        if current:
            text_blocks = [b for b in blocks if not isinstance(b, Table)]
            blocks.append(_block(current, body, first_block=not text_blocks))
            current.clear()

    for parts in pages:
        items: list[tuple[float, int, Line | Table]] = [(ln.top, 1, ln) for ln in parts.lines]
        items += [(t.bbox.top if t.bbox else 0.0, 0, t) for t in parts.tables]
        for _, _, item in sorted(items, key=lambda it: (it[0], it[1])):
            if isinstance(item, Table):
                flush()
                blocks.append(item)
                continue
            if current:
                prev_page, prev = current[-1]
                if prev_page == parts.number:
                    joined = _continues(prev, item, frames[parts.number], body)
                else:
                    joined = _continues_over_page(prev, frames[prev_page], item, frames[parts.number])
                if not joined:
                    flush()
            current.append((parts.number, item))
    flush()
    return blocks
