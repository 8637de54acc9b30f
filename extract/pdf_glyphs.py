"""Glyphs of one PDF page (read with pypdfium2), in upright page coordinates.

Coordinates are PDF points with the origin at the top-left of the page *as a person
reads it*: the page's ``/Rotate`` is applied, and if the text itself runs sideways on
the displayed page (a portrait page turned with ``/Rotate 90`` whose content was never
rotated), the whole page is turned once more so that most text runs left to right::

    >>> g = Glyph("字", 10, 20, 20, 30, direction=90)
    >>> page = turn_page(PageLayer(1, 100, 200, (g,), ()), 90)
    >>> turned = page.glyphs[0]
    >>> (page.width, page.height), (turned.x0, turned.top, turned.x1, turned.bottom, turned.direction)
    ((200, 100), (20, 80, 30, 90, 0))
"""

from __future__ import annotations

import ctypes
import math
import struct
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ogi.extract import pdfium_bare

# Ruling lines are at most this thick; filled areas thicker than it are shading.
MAX_RULE_THICKNESS = 2.5
# A loose character box wider or taller than this many times the glyph's font size is not its box:
# for a glyph of a CID font in vertical writing (``/Identity-V``, WPS exports) pdfium sizes the loose
# box by the ``Tf`` size alone, the text matrix's scale left out (``199 Tf`` scaled to 9 pt: a box of
# 199 × 199 pt whose centre lies cells away). Such a glyph gets its tight box (the glyph's outline).
OVERSIZED_BOX = 3.0


class _GlyphFields(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    direction: int
    size: float
    space_before: bool
    cx: float
    cy: float


class Glyph(_GlyphFields):
    """One printed character. ``direction`` is the clockwise angle of its baseline (0, 90, 180, 270).

    ``size`` is the font size in points (0: unknown, the box height stands in); ``space_before``:
    the text layer has a space (or a word break) right before it. A page holds thousands, each
    read many times over by the line and grid code: an immutable tuple, its centre (``cx``,
    ``cy``) computed once when it is made::

        >>> g = Glyph("字", 10, 20, 20, 30)
        >>> (g.cx, g.cy, g.height, g.font_size), g._replace(direction=90).direction
        ((15.0, 25.0, 10, 10), 90)
    """

    __slots__ = ()

    def __new__(cls, text: str, x0: float, top: float, x1: float, bottom: float, direction: int = 0,
                size: float = 0.0, space_before: bool = False) -> Glyph:
        return tuple.__new__(cls, (text, x0, top, x1, bottom, direction, size, space_before,
                                   (x0 + x1) / 2, (top + bottom) / 2))

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def font_size(self) -> float:
        return self.size or self.height


@dataclass(frozen=True)
class Edge:
    """A visible ruling segment (horizontal when wider than tall)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True)
class PageLayer:
    """What one page holds for layout: its upright size, glyphs and ruling edges."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]


def _turn_box(x0: float, top: float, x1: float, bottom: float, turn: int, w: float, h: float
              ) -> tuple[float, float, float, float]:
    """Box on a w×h page after turning the page counter-clockwise by ``turn`` degrees."""
    if turn == 90:
        return top, w - x1, bottom, w - x0
    if turn == 180:
        return w - x1, h - bottom, w - x0, h - top
    if turn == 270:
        return h - bottom, x0, h - top, x1
    return x0, top, x1, bottom


def turn_page(layer: PageLayer, turn: int) -> PageLayer:
    """Turn a page counter-clockwise by ``turn`` degrees so text at that angle runs left to right."""
    if turn % 360 == 0:
        return layer
    w, h = layer.width, layer.height
    glyphs = tuple(
        Glyph(g.text, *_turn_box(g.x0, g.top, g.x1, g.bottom, turn, w, h), (g.direction - turn) % 360,
              g.size, g.space_before)
        for g in layer.glyphs
    )
    edges = tuple(Edge(*_turn_box(e.x0, e.top, e.x1, e.bottom, turn, w, h)) for e in layer.edges)
    size = (h, w) if turn in (90, 270) else (w, h)
    return PageLayer(layer.number, size[0], size[1], glyphs, edges)


_DIRECTION = attrgetter("direction")


def make_upright(layer: PageLayer) -> PageLayer:
    """Turn the page so that the most common text direction becomes left to right."""
    counts = Counter(map(_DIRECTION, layer.glyphs))  # a C-level getter: twice as fast as a generator
    if not counts:
        return layer
    dominant = counts.most_common(1)[0][0]
    return turn_page(layer, dominant)


@lru_cache(maxsize=8192)
def is_printable(ch: str) -> bool:
    """Characters worth keeping as glyphs: no whitespace, control or private-use code points."""
    if not ch or ch.isspace():
        return False
    return unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Cn")


def _quarter(degrees: float) -> int:
    return round(degrees / 90.0) % 4 * 90


def user_to_display(box: tuple[float, float, float, float], rotation: int, crop: tuple[float, ...]
                     ) -> tuple[float, float, float, float]:
    """A (left, bottom, right, top) box in PDF user space to a top-left box on the displayed page."""
    left, bottom, right, top = box
    cx0, cy0, cx1, cy1 = crop
    w, h = cx1 - cx0, cy1 - cy0
    if rotation == 90:
        return bottom - cy0, left - cx0, top - cy0, right - cx0
    if rotation == 180:
        return w - (right - cx0), bottom - cy0, w - (left - cx0), top - cy0
    if rotation == 270:
        return h - (top - cy0), w - (right - cx0), h - (bottom - cy0), w - (left - cx0)
    return left - cx0, h - (top - cy0), right - cx0, h - (bottom - cy0)


def char_angle(a: float, c: float) -> float:
    """A character's baseline angle in radians, [0, 2π), from its matrix (as ``FPDFText_GetCharAngle``)."""
    angle = math.atan2(c, a)
    return angle + 2 * math.pi if angle < 0 else angle


def _char_texts(textpage: pdfium.PdfTextPage, count: int, text: str | None) -> str | None:
    """The page's characters one per char index, from its text in one call (None: per char it is)."""
    if text is None:
        text = str(textpage.get_text_range())
    return text if len(text) == count else None


_RECT = struct.Struct("=4f")  # an FS_RECTF: left, top, right, bottom
_MATRIX = struct.Struct("=6f")  # an FS_MATRIX: a, b, c, d, e, f


def is_plus_zero(value: float) -> bool:
    """Is ``value`` +0.0 (or the int 0)? Subtracting it changes no float; subtracting -0.0 turns -0.0 into +0.0.

    >>> is_plus_zero(0.0), is_plus_zero(0), is_plus_zero(-0.0), is_plus_zero(1e-9)
    (True, True, False, False)
    """
    return value == 0 and math.copysign(1.0, value) > 0


def at_display_origin(rotation: int, crop: tuple[float, ...]) -> bool:
    """Whether :func:`user_to_display` on this page only flips y (``/Rotate 0``, the crop box at +0.0): the
    glyph and rule passes then inline it without the subtractions (most pages).

    >>> at_display_origin(0, (0.0, 0.0, 595.0, 842.0)), at_display_origin(90, (0, 0, 595, 842))
    (True, False)
    >>> at_display_origin(0, (-0.0, 0.0, 595.0, 842.0)), at_display_origin(0, (0.0, 10.0, 595.0, 842.0))
    (False, False)
    """
    return rotation == 0 and is_plus_zero(crop[0]) and is_plus_zero(crop[1])


def _code_point(code: int) -> str:
    """The character of a code point from ``FPDFText_GetUnicode`` ("" for 0 and out of range)."""
    return chr(code) if 0 < code < 0x110000 else ""


def pdfium_layer(page: pdfium.PdfPage, number: int, textpage: pdfium.PdfTextPage | None = None,
                 text: str | None = None) -> PageLayer:
    """All printable glyphs of a page from pdfium's text layer (no ruling lines).

    ``textpage`` (and its ``text``, from ``get_text_range``) are the ones the caller built for the
    page's plain text: given, the page is not parsed a second time. Per printable character two
    pdfium calls remain: its loose box and its text object, whose matrix (angle and scale) and font
    size are read at its first character; the code points come from the page text in one call
    where it has one character per char index.
    """
    rotation = page.get_rotation() % 360
    crop = page.get_cropbox()
    width, height = page.get_size()
    own = textpage is None
    textpage = page.get_textpage() if textpage is None else textpage
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        text_chars = _char_texts(textpage, count, None if own else text)
        glyphs: list[Glyph] = []
        space = False
        rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
        rect_ref, matrix_ref, box_of = ctypes.byref(rect), ctypes.byref(matrix), _RECT.unpack_from
        get_box, get_object = pdfium_bare.LooseCharBox, pdfium_bare.TextObject
        get_matrix, get_size, matrix_of = pdfium_bare.Matrix, pdfium_bare.FontSize, _MATRIX.unpack_from
        hypot = math.hypot
        # the page text where it has one character per char index, else the code points one by one
        chars: str | list[str] = (text_chars if text_chars is not None
                                  else [_code_point(pdfium_bare.Unicode(raw, i)) for i in range(count)])
        printable = {ch for ch in set(chars) if is_printable(ch)}
        turns: dict[int, tuple[int, float, float]] = {}  # per text object: quarter turn, font size, box limit
        append, new = glyphs.append, tuple.__new__
        upright = rotation == 0
        cx0, cy0, h = crop[0], crop[1], crop[3] - crop[1]
        at_origin = at_display_origin(rotation, crop)  # most pages: nothing to subtract
        for i, ch in enumerate(chars):
            if ch not in printable:
                space = space or ch == " "
                continue
            if not get_box(raw, i, rect_ref):
                raise pdfium.PdfiumError("Failed to get charbox.")
            obj = get_object(raw, i)
            turn = turns.get(obj)  # a character without a text object (None) is never stored: read alone
            if turn is None:  # the text object's first character: its matrix and font size (inlined)
                if get_matrix(raw, i, matrix_ref):
                    a, _, c, d, _, _ = matrix_of(matrix)
                    # an unturned character (most): char_angle is 0, its quarter 0
                    quarter = 0 if c == 0 and a > 0 else _quarter(math.degrees(char_angle(a, c)))
                    size = get_size(raw, i) * hypot(c, d)
                else:  # no matrix: what pdfium says of the angle (its error value included)
                    quarter, size = _quarter(math.degrees(pdfium_c.FPDFText_GetCharAngle(raw, i))), 0.0
                turn = (quarter, size, OVERSIZED_BOX * size)
                if obj:
                    turns[obj] = turn
            quarter, size, limit = turn
            left, top, right, bottom = box_of(rect)  # FS_RECTF's four floats in one call
            wide, tall = right - left, top - bottom
            if size and (tall if tall > wide else wide) > limit:  # max(wide, tall) as max picks it, no call
                # vertical writing: pdfium's unscaled loose box, take the tight one
                left, bottom, right, top = textpage.get_charbox(i)
            if at_origin:  # as below with cx0 = cy0 = +0.0 (x - +0.0 is x, -0.0 and NaN included)
                y0, y1 = h - top, h - bottom
                append(new(Glyph, (ch, left, y0, right, y1, quarter, size, space, (left + right) / 2, (y0 + y1) / 2)))
            elif upright:  # user_to_display for /Rotate 0, inlined; Glyph(...) without its __new__ call
                x0, y0, x1, y1 = left - cx0, h - (top - cy0), right - cx0, h - (bottom - cy0)
                append(new(Glyph, (ch, x0, y0, x1, y1, quarter, size, space, (x0 + x1) / 2, (y0 + y1) / 2)))
            else:
                append(Glyph(ch, *user_to_display((left, bottom, right, top), rotation, crop),
                             (quarter + rotation) % 360, size, space))
            space = False
    finally:
        if own:
            textpage.close()
    return PageLayer(number, width, height, tuple(glyphs), ())
