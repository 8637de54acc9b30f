"""Ruling lines of a page read with pypdfium2's page-object API (no content-stream parsing in Python).

A table's grid is drawn as path objects: single strokes, stroked rectangles, polylines
with many ``m``/``l`` pieces, or thin filled rectangles. Each axis-parallel straight
piece of a visible path becomes an :class:`Edge` in display coordinates (``/Rotate`` and
the crop box applied, like the glyphs of :func:`extract.pdf_glyphs.pdfium_layer`).
Paths inside form XObjects are followed with their matrices. Invisible paths (white,
fully transparent, or neither stroked nor filled) and shading (filled areas thicker
than :data:`MAX_RULE_THICKNESS`) are not rules.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ogi.extract import pdfium_bare
from ogi.extract.pdf_glyphs import MAX_RULE_THICKNESS, Edge, at_display_origin, user_to_display
from ogi.extract.pdfium_points import PointOut, path_segments

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Scratch:
    """The ctypes out-parameters of one page's pass, made once (a page has thousands of path pieces)."""

    def __init__(self) -> None:
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.point = PointOut()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.fill_ref, self.stroke_ref = ctypes.byref(self.fill), ctypes.byref(self.stroke)
        self.rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self.rgba_refs = tuple(ctypes.byref(v) for v in self.rgba)


def _matrix(obj: pdfium_c.FPDF_PAGEOBJECT, scratch: _Scratch) -> Matrix:
    if not pdfium_bare.FPDFPageObj_GetMatrix(obj, scratch.matrix_ref):
        return IDENTITY
    fs = scratch.matrix
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _visible(getter: object, obj: pdfium_c.FPDF_PAGEOBJECT, scratch: _Scratch) -> bool:
    if not getter(obj, *scratch.rgba_refs):  # type: ignore[operator]
        return True  # no colour set: black by default
    red, green, blue, alpha = scratch.rgba
    r, g, b, a = red.value, green.value, blue.value, alpha.value  # read one by one: no generator a path
    return a > 0 and (r < 250 or g < 250 or b < 250)  # min(r, g, b) < 250


def _subpaths(path: pdfium_c.FPDF_PAGEOBJECT, m: Matrix, scratch: _Scratch) -> list[list[tuple[float, float]]]:
    """Straight-line subpaths in user space (a Bézier piece ends the current subpath)."""
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    line_to = pdfium_c.FPDF_SEGMENT_LINETO
    ma, mb, mc, md, me, mf = m
    for px, py, kind, close in path_segments(path, scratch.point):
        point = (ma * px + mc * py + me, mb * px + md * py + mf)  # the point through m
        if kind != line_to:  # a move, or a Bézier piece: a new subpath
            if len(current) > 1:
                out.append(current)
            current = [point]
            continue
        current.append(point)
        if close and current[0] != point:
            current.append(current[0])
    if len(current) > 1:
        out.append(current)
    return out


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """``(min(xs), min(ys), max(xs), max(ys))`` of the points in one loop, each extreme picked as min and
    max pick it (the first of equal values; a NaN only where it comes first).

    >>> _bounds([(3.0, 1.0), (0.0, 5.0), (-0.0, 5.0)])
    (0.0, 1.0, 3.0, 5.0)
    """
    x0, y0 = x1, y1 = points[0]
    for x, y in points:
        if x < x0:
            x0 = x
        if x > x1:
            x1 = x
        if y < y0:
            y0 = y
        if y > y1:
            y1 = y
    return x0, y0, x1, y1


def _path_edges(path: pdfium_c.FPDF_PAGEOBJECT, m: Matrix, scratch: _Scratch
                ) -> Iterator[tuple[float, float, float, float]]:
    """User-space boxes (x0, y0, x1, y1) of the rules a path draws."""
    if not pdfium_bare.FPDFPath_GetDrawMode(path, scratch.fill_ref, scratch.stroke_ref):
        return
    stroked = bool(scratch.stroke.value) and _visible(pdfium_bare.FPDFPageObj_GetStrokeColor, path, scratch)
    filled = (scratch.fill.value != pdfium_c.FPDF_FILLMODE_NONE
              and _visible(pdfium_bare.FPDFPageObj_GetFillColor, path, scratch))
    if not (stroked or filled):
        return
    for points in _subpaths(path, m, scratch):
        box = _bounds(points)
        wide, tall = box[2] - box[0], box[3] - box[1]
        if (tall if tall < wide else wide) <= MAX_RULE_THICKNESS:  # min(wide, tall), as min picks it
            yield box  # a line, or a thin filled bar
            continue
        if not stroked:
            continue  # a shaded area, not a rule
        for (ax, ay), (bx, by) in pairwise(points):
            if -0.5 < ax - bx < 0.5 or -0.5 < ay - by < 0.5:  # abs(d) < 0.5, NaN and infinities included
                yield (bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay)


def _objects(container: object, count: int, get: object, m: Matrix, depth: int, scratch: _Scratch
             ) -> Iterator[tuple[pdfium_c.FPDF_PAGEOBJECT, Matrix]]:
    """Path objects with their user-space matrices, descending into forms."""
    for i in range(count):
        obj = get(container, i)  # type: ignore[operator]
        kind = pdfium_bare.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, _mul(_matrix(obj, scratch), m)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            inner = _mul(_matrix(obj, scratch), m)
            yield from _objects(obj, pdfium_bare.FPDFFormObj_CountObjects(obj), pdfium_bare.FPDFFormObj_GetObject,
                                inner, depth + 1, scratch)


def pdfium_edges(page: pdfium.PdfPage) -> list[Edge]:
    """Visible ruling lines of a page in display coordinates."""
    rotation = page.get_rotation() % 360
    crop = page.get_cropbox()
    at_origin = at_display_origin(rotation, crop)  # nothing to subtract
    h = crop[3] - crop[1]
    raw = page.raw
    edges = []
    scratch = _Scratch()
    for obj, m in _objects(raw, pdfium_bare.FPDFPage_CountObjects(raw), pdfium_bare.FPDFPage_GetObject, IDENTITY, 0,
                           scratch):
        for x0, y0, x1, y1 in _path_edges(obj, m, scratch):
            if at_origin:  # user_to_display for /Rotate 0 and a crop box at +0.0, inlined
                edges.append(_edge(x0, h - y1, x1, h - y0))
            else:
                edges.append(_edge(*user_to_display((x0, y0, x1, y1), rotation, crop)))
    return edges


def _edge(x0: float, top: float, x1: float, bottom: float) -> Edge:
    """``Edge(x0, top, x1, bottom)`` without the frozen dataclass's ``__init__`` (an ``object.__setattr__`` a
    field; a table page has hundreds of rules)."""
    edge = object.__new__(Edge)
    edge.__dict__.update(x0=x0, top=top, x1=x1, bottom=bottom)
    return edge
