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

from ogi.extract.pdf_glyphs import MAX_RULE_THICKNESS, Edge, user_to_display

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix(obj: pdfium_c.FPDF_PAGEOBJECT) -> Matrix:
    fs = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fs)):
        return IDENTITY
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _visible(getter: object, obj: pdfium_c.FPDF_PAGEOBJECT) -> bool:
    r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):  # type: ignore[operator]
        return True  # no colour set: black by default
    return a.value > 0 and min(r.value, g.value, b.value) < 250


def _subpaths(path: pdfium_c.FPDF_PAGEOBJECT, m: Matrix) -> list[list[tuple[float, float]]]:
    """Straight-line subpaths in user space (a Bézier piece ends the current subpath)."""
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    get_segment, get_point = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetPoint
    get_type, get_close = pdfium_c.FPDFPathSegment_GetType, pdfium_c.FPDFPathSegment_GetClose
    line_to = pdfium_c.FPDF_SEGMENT_LINETO
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        seg = get_segment(path, i)
        if not get_point(seg, x_ref, y_ref):
            continue
        point = _apply(m, x.value, y.value)
        if get_type(seg) != line_to:  # a move, or a Bézier piece: a new subpath
            if len(current) > 1:
                out.append(current)
            current = [point]
            continue
        current.append(point)
        if get_close(seg) and current[0] != point:
            current.append(current[0])
    if len(current) > 1:
        out.append(current)
    return out


def _path_edges(path: pdfium_c.FPDF_PAGEOBJECT, m: Matrix) -> Iterator[tuple[float, float, float, float]]:
    """User-space boxes (x0, y0, x1, y1) of the rules a path draws."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    stroked = bool(stroke.value) and _visible(pdfium_c.FPDFPageObj_GetStrokeColor, path)
    filled = fill.value != pdfium_c.FPDF_FILLMODE_NONE and _visible(pdfium_c.FPDFPageObj_GetFillColor, path)
    if not (stroked or filled):
        return
    for points in _subpaths(path, m):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        if min(box[2] - box[0], box[3] - box[1]) <= MAX_RULE_THICKNESS:
            yield box  # a line, or a thin filled bar
            continue
        if not stroked:
            continue  # a shaded area, not a rule
        for (ax, ay), (bx, by) in pairwise(points):
            if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
                yield (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _objects(container: object, count: int, get: object, m: Matrix, depth: int
             ) -> Iterator[tuple[pdfium_c.FPDF_PAGEOBJECT, Matrix]]:
    """Path objects with their user-space matrices, descending into forms."""
    for i in range(count):
        obj = get(container, i)  # type: ignore[operator]
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, _mul(_matrix(obj), m)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            inner = _mul(_matrix(obj), m)
            yield from _objects(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject,
                                inner, depth + 1)


def pdfium_edges(page: pdfium.PdfPage) -> list[Edge]:
    """Visible ruling lines of a page in display coordinates."""
    rotation = page.get_rotation() % 360
    crop = page.get_cropbox()
    raw = page.raw
    edges = []
    for obj, m in _objects(raw, pdfium_c.FPDFPage_CountObjects(raw), pdfium_c.FPDFPage_GetObject, IDENTITY, 0):
        for x0, y0, x1, y1 in _path_edges(obj, m):
            edges.append(Edge(*user_to_display((x0, y0, x1, y1), rotation, crop)))
    return edges
