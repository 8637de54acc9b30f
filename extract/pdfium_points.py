"""The segments of a path object read in one copy from pdfium's point array, where that is proven sound.

pdfium's path API hands out one segment at a time: ``FPDFPath_GetPathSegment(path, i)`` returns
``&points[i]``, a pointer into the path's ``std::vector<CFX_Path::Point>``, and
``FPDFPathSegment_GetPoint``/``GetType``/``GetClose`` read that element's fields
(``m_Point.x``, ``m_Point.y``: float; ``m_Type``: a ``uint8_t`` enum whose values are the
``FPDF_SEGMENT_*`` codes; ``m_CloseFigure``: bool), four foreign calls a segment. Here the
whole array is copied at once and decoded with :data:`POINT` (``=ffBB2x``), which gives the same
values, on two conditions that are checked, not assumed:

* the element layout: :func:`points_readable` builds a probe path once per process (a move, a
  closed line, an open line, three Bézier points, the last closed: every type and both close
  flags, with distinct coordinates) and requires the copy of its array to decode to exactly
  what the four calls give for each of its segments; a pdfium built otherwise fails it;
* the array itself, for each path: the addresses pdfium gives for its first and last segment
  must lie ``POINT.size × (count - 1)`` bytes apart, which holds for a contiguous array of
  elements of that size (a vector) and proves the copy covers those elements and nothing else.

Where either fails, the segments are read with the four calls each (:func:`segments_by_call`).
"""

from __future__ import annotations

import ctypes
import struct
from functools import cache

import pypdfium2.raw as pdfium_c

from ogi.extract import pdfium_bare

POINT = struct.Struct("=ffBB2x")  # CFX_Path::Point: x, y, type, close flag, padding
Segment = tuple[float, float, int, int]  # x, y, FPDF_SEGMENT_* type, close flag (0 or 1)

_PROBE_MOVE = (1.5, -2.25)
_PROBE_LINES = ((3.125, 4.0), (-5.5, 6.75))  # the first one closed
_PROBE_BEZIER = (7.0, -8.5, 9.25, 10.0, -11.75, 12.5)  # closed at its end


def _probe_segments() -> list[Segment]:
    """What the probe path holds: its points, each with its type and close flag."""
    line, bezier, move = pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO, pdfium_c.FPDF_SEGMENT_MOVETO
    (x1, y1), (x2, y2) = _PROBE_LINES
    b = _PROBE_BEZIER
    return [(*_PROBE_MOVE, move, 0), (x1, y1, line, 1), (x2, y2, line, 0),
            (b[0], b[1], bezier, 0), (b[2], b[3], bezier, 0), (b[4], b[5], bezier, 1)]


class PointOut:
    """The out-parameters of the per-segment calls, made once a page."""

    def __init__(self) -> None:
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)


def segments_by_call(path: pdfium_c.FPDF_PAGEOBJECT, count: int, out: PointOut | None = None) -> list[Segment]:
    """The path's segments through pdfium's per-segment functions (a segment without a point left out)."""
    out = out or PointOut()
    x, y, x_ref, y_ref = out.x, out.y, out.x_ref, out.y_ref
    segments: list[Segment] = []
    for i in range(count):
        seg = pdfium_bare.FPDFPath_GetPathSegment(path, i)
        if not pdfium_bare.FPDFPathSegment_GetPoint(seg, x_ref, y_ref):
            continue
        segments.append((x.value, y.value, pdfium_bare.FPDFPathSegment_GetType(seg),
                         pdfium_bare.FPDFPathSegment_GetClose(seg)))
    return segments


def _copied(path: pdfium_c.FPDF_PAGEOBJECT, count: int) -> list[Segment] | None:
    """The path's segments copied from its point array (None: the array is not where its size says)."""
    first = pdfium_bare.SegmentAddress(path, 0)
    last = pdfium_bare.SegmentAddress(path, count - 1)
    if not first or not last or last - first != POINT.size * (count - 1):
        return None
    return list(POINT.iter_unpack(ctypes.string_at(first, POINT.size * count)))


@cache
def points_readable() -> bool:
    """Does this pdfium lay out its path points as :data:`POINT` decodes them? (A probe path, once.)"""
    probe = pdfium_c.FPDFPageObj_CreateNewPath(*_PROBE_MOVE)
    if not probe:
        return False
    try:
        first, second = _PROBE_LINES
        built = (pdfium_c.FPDFPath_LineTo(probe, *first) and pdfium_c.FPDFPath_Close(probe)
                 and pdfium_c.FPDFPath_LineTo(probe, *second) and pdfium_c.FPDFPath_BezierTo(probe, *_PROBE_BEZIER)
                 and pdfium_c.FPDFPath_Close(probe))
        count = pdfium_bare.FPDFPath_CountSegments(probe)
        if not built or count != 6:
            return False
        by_call = segments_by_call(probe, count)
        return by_call == _probe_segments() and _copied(probe, count) == by_call
    finally:
        pdfium_c.FPDFPageObj_Destroy(probe)


def path_segments(path: pdfium_c.FPDF_PAGEOBJECT, out: PointOut) -> list[Segment]:
    """The segments of a path object, in order: copied where that is sound, else call by call.

    A path of one segment has no piece to draw (a lone point): no segment is read.
    """
    count = pdfium_bare.FPDFPath_CountSegments(path)
    if count < 2:
        return []
    copied = _copied(path, count) if points_readable() else None
    return copied if copied is not None else segments_by_call(path, count, out)
