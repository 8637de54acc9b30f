"""Glyphs to text lines: cluster by vertical position, order by x, infer spaces from gaps.

Only left-to-right glyphs (``direction == 0``) form lines here; a cell whose text
runs vertically is turned upright first (see :func:`glyphs_to_text`)::

    >>> from ogi.extract.pdf_glyphs import Glyph
    >>> gs = [Glyph(c, 10 + 10 * i, 0, 20 + 10 * i, 10) for i, c in enumerate("其他结")]
    >>> gs.append(Glyph("果", 10, 12, 20, 22))
    >>> [line.text for line in glyphs_to_lines(gs)]
    ['其他结', '果']
    >>> glyphs_to_text(gs)
    '其他结果'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import attrgetter, eq

from ogi.extract.pdf_glyphs import Glyph, PageLayer, turn_page
from ogi.extract.pdf_text import CJK, clean_text, is_page_number, join_lines

_CJK_CHAR = re.compile(rf"[{CJK}]")
SPACE_GAP = 0.25  # a gap wider than this share of the glyph height is a space
SAME_LINE = 0.4  # centres closer than this share of the height sit on one line
VERTICAL_PUNCTUATION = "()[]<>"  # Latin brackets a vertical (tbRlV) cell prints turned among upright glyphs
_CY, _X0, _TEXT, _DIRECTION = attrgetter("cy"), attrgetter("x0"), attrgetter("text"), attrgetter("direction")
_TOP = attrgetter("top")


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]  # left to right
    text: str  # raw: gap spaces kept, not yet cleaned
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # median font size of its Chinese glyphs (of all glyphs if it has none)

    def segments(self, gap: float) -> list[Line]:
        """Split the line where glyphs are more than ``gap`` × size apart (columns of a table)."""
        parts: list[list[Glyph]] = [[self.glyphs[0]]]
        for g in self.glyphs[1:]:
            if g.x0 - parts[-1][-1].x1 > gap * self.size:
                parts.append([g])
            else:
                parts[-1].append(g)
        return [_make_line(p) for p in parts] if len(parts) > 1 else [self]


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list, the same value without its checks (one per line)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


class _StartsChinese(dict[str, bool]):
    """Whether a glyph's text starts with a Chinese character, memoised for one-character texts
    (a line's size asks it of every glyph; a page prints a few hundred distinct characters)."""

    def __missing__(self, text: str) -> bool:
        value = _CJK_CHAR.match(text) is not None
        if len(text) == 1:
            self[text] = value
        return value


_STARTS_CHINESE = _StartsChinese()


def _make_line(glyphs: Sequence[Glyph]) -> Line:
    """The line of these glyphs (left to right): its text with a space where the text layer has one
    or the gap is wide, its box and its size. A page's lines hold every glyph of it: plain loops,
    the glyph's fields unpacked at once, the box's min and max as comparisons (a call each costs more)."""
    if len(glyphs) == 1:
        g = glyphs[0]
        return Line((g,), g.text, g.x0, g.top, g.x1, g.bottom, g.size or g.bottom - g.top)
    size = _line_size(glyphs)
    gap = SPACE_GAP * size
    text, x0, top, x1, bottom = glyphs[0][:5]
    prev = x1  # the right edge of the glyph before
    parts = [text]
    for text, g_x0, g_top, g_x1, g_bottom, _, _, space_before, _, _ in islice(glyphs, 1, None):
        if space_before or g_x0 - prev > gap:
            parts.append(" ")
        parts.append(text)
        if g_x0 < x0:
            x0 = g_x0
        if g_top < top:
            top = g_top
        if g_x1 > x1:
            x1 = g_x1
        if g_bottom > bottom:
            bottom = g_bottom
        prev = g_x1
    return Line(tuple(glyphs), "".join(parts), x0, top, x1, bottom, size)


def _line_size(glyphs: Sequence[Glyph]) -> float:
    """The median font size of the line's Chinese glyphs (of all its glyphs if it has none)."""
    # Latin and digit fonts often have taller boxes than the Chinese font next to them.
    chinese = _STARTS_CHINESE
    cjk: list[float] = []
    every: list[float] = []
    for g in glyphs:
        font_size = g.size or g.bottom - g.top  # Glyph.font_size, inlined
        every.append(font_size)
        if chinese[g.text]:
            cjk.append(font_size)
    return _median(cjk or every)


def _line_text(glyphs: Sequence[Glyph]) -> str:
    """``_make_line(glyphs).text`` without the rest of the line (a cell of one line needs only it)."""
    if len(glyphs) == 1:
        return glyphs[0].text
    gap = SPACE_GAP * _line_size(glyphs)
    text, _, _, prev = glyphs[0][:4]  # prev: the right edge of the glyph before
    parts = [text]
    for text, x0, _, x1, _, _, _, space_before, _, _ in islice(glyphs, 1, None):
        if space_before or x0 - prev > gap:
            parts.append(" ")
        parts.append(text)
        prev = x1
    return "".join(parts)


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop fake-bold doubles: the same character printed again a fraction of its width away."""
    texts = list(map(_TEXT, glyphs))
    if not any(map(eq, texts, islice(texts, 1, None))):
        return glyphs  # no character follows itself: nothing to drop
    out: list[Glyph] = []
    last_text = None
    for g in glyphs:
        if g.text == last_text and abs(g.x0 - out[-1].x0) < 0.3 * max(g.x1 - g.x0, 1.0):
            continue
        out.append(g)
        last_text = g.text
    return out


def glyphs_to_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Left-to-right glyphs grouped into lines, top to bottom."""
    return _reading_order([_make_line(group) for group in _line_groups(glyphs)])


def _reading_order(lines: list[Line]) -> list[Line]:
    if len(lines) < 2:
        return lines
    return sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))


def _row_key(glyphs: Sequence[Glyph]) -> tuple[float, float]:
    """``_reading_order``'s key of ``_make_line(glyphs)`` (its top rounded, its left) without the line: a cell
    needs only its lines' order and texts. ``min`` picks as ``_make_line``'s comparisons do."""
    return round(min(map(_TOP, glyphs)), 1), min(map(_X0, glyphs))


def _line_groups(glyphs: Iterable[Glyph], *, upright: bool = False) -> list[list[Glyph]]:
    """The glyphs of each line left to right (fake-bold doubles dropped), lines by their centres top down.

    Only the left-to-right glyphs count; ``upright``: the caller knows every glyph is one (a cell whose
    glyphs all run at 0°, most cells), and the pass that picks them is left out.
    """
    ordered = sorted(glyphs if upright else [g for g in glyphs if g.direction == 0], key=_CY)
    groups: list[list[Glyph]] = []
    group: list[Glyph] = []
    centre = height = 0.0
    for g in ordered:
        top, bottom, cy = g.top, g.bottom, g.cy  # three fields: cheaper than unpacking the ten
        h = bottom - top
        if group and abs(cy - centre) <= SAME_LINE * (height if height >= h else h):
            group.append(g)
            centre += (cy - centre) / len(group)
        else:
            group = [g]
            groups.append(group)
            centre, height = cy, h
    return [_dedupe(sorted(grp, key=_X0)) for grp in groups]


def _upright_group(glyphs: Sequence[Glyph], direction: int) -> list[Glyph]:
    """Turn glyphs that run at ``direction`` so they run left to right (coordinates local to them)."""
    x0 = min(g.x0 for g in glyphs)
    top = min(g.top for g in glyphs)
    w = max(g.x1 for g in glyphs) - x0
    h = max(g.bottom for g in glyphs) - top
    local = tuple(Glyph(g.text, g.x0 - x0, g.top - top, g.x1 - x0, g.bottom - top, g.direction, g.size,
                        g.space_before) for g in glyphs)
    return list(turn_page(PageLayer(0, w, h, local, ()), direction).glyphs)


def _columns(lines: Sequence[Sequence[Glyph]]) -> list[list[Glyph]] | None:
    """The glyphs as columns, right to left, if they are set in vertical writing (竖排), else None.

    ``lines``: the glyphs of each line (left to right), lines in reading order.

    Vertical writing keeps Chinese glyphs upright and stacks them without a gap, while the
    columns stand apart; horizontal writing is the other way round. A single column reads
    the same either way and is left to the line reader. Columns of unequal length are
    centred, so their glyphs sit half a line apart and every "line" holds one glyph (a
    narrow ``tbRlV`` cell in Word wrapping into two columns): still two columns::

        >>> from ogi.extract.pdf_glyphs import Glyph
        >>> right = [Glyph(c, 20, 9 * i, 29, 9 * i + 8.5) for i, c in enumerate("（四）无")]
        >>> left = [Glyph(c, 8, 4.5 + 9 * i, 17, 9 * i + 13) for i, c in enumerate("法提供")]
        >>> glyphs_to_text(right + left)
        '(四)无法提供'
    """
    if len(lines) < 2:
        return None
    glyphs = [g for line in lines for g in line]
    chinese = _STARTS_CHINESE
    if not all(chinese[g.text] or g.text in VERTICAL_PUNCTUATION for g in glyphs):
        return None
    size = _median([g.font_size for g in glyphs])
    across = [b.x0 - a.x1 for line in lines for a, b in pairwise(g for g in line if chinese[g.text])]
    if across and min(across) < 0.4 * size:
        return None
    columns: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.cx, g.top)):
        if columns and abs(columns[-1][0].cx - g.cx) <= 0.3 * size:
            columns[-1].append(g)
        else:
            columns.append([g])
    columns = [sorted(column, key=lambda g: g.top) for column in columns]  # glyph centres wobble a little
    if len(columns) < 2:
        return None  # one column (a narrow cell wrapping a character a line) reads the same either way
    down = [b.top - a.bottom for column in columns for a, b in pairwise(column)]
    if not down or max(down) > min(0.2 * size, 0.5 * min(across, default=size)):
        return None
    return columns


class _OneGlyphText(dict[str, str]):
    """The text of a cell of one glyph by the glyph's text, memoised (number cells repeat their digits)."""

    def __missing__(self, text: str) -> str:
        value = clean_text(join_lines([clean_text(text)]))
        if len(text) == 1:
            self[text] = value
        return value


_one_glyph_text = _OneGlyphText().__getitem__


def glyphs_to_text(glyphs: Sequence[Glyph], *, drop_folios: bool = True) -> str:
    """The text of one table cell: lines in reading order joined, cleaned.

    Rotated text (a header printed sideways) is read along its own direction, upright
    glyphs set in columns (vertical writing) column by column from the right. Lines that
    are only a decorated page number (``-3-``) are dropped.
    """
    if not glyphs:
        return ""
    if len(glyphs) == 1:  # one glyph (most number cells): one line, no columns, never a folio
        return _one_glyph_text(glyphs[0].text)
    direction = glyphs[0].direction
    mixed = len(set(map(_DIRECTION, glyphs))) > 1
    if mixed:  # the most common direction (the first seen of a tie)
        direction = Counter(g.direction for g in glyphs).most_common(1)[0][0]
        if direction == 0:  # Latin brackets turned in vertical writing stand among the upright glyphs
            glyphs = [g._replace(direction=0) if g.direction and g.text in VERTICAL_PUNCTUATION else g
                      for g in glyphs]
    upright = not mixed and not direction  # every glyph at 0° already
    groups = _line_groups(_upright_group(glyphs, direction) if direction else glyphs, upright=upright)
    if len(groups) == 1:  # one line (most cells): its text alone (one line is never columns)
        lines = [clean_text(_line_text(groups[0]))]
    else:
        rows = sorted(groups, key=_row_key)  # _reading_order without making the lines
        columns = _columns(rows)
        if columns is not None:
            return clean_text("".join(g.text for column in columns for g in column))
        lines = [clean_text(_line_text(row)) for row in rows]
    if drop_folios:
        lines = [t for t in lines if not is_page_number(t, decorated_only=True)]
    return clean_text(join_lines(lines))
