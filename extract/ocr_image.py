"""Page images for OCR: render, drop the red seal, deskew, and find the ruled grid (OpenCV).

Everything here works on one greyscale page image (numpy, 0 = ink). The red channel is used as the grey
level, so a red seal stamped over the table fades to near white while black print stays black. Skew is
found by the projection profile (the angle whose row sums are sharpest), the ruling lines by morphological
opening with long thin kernels; they come back as :class:`extract.pdf_glyphs.Edge` in PDF points so that
the same grid code that serves text PDFs (:mod:`extract.pdf_grid`) builds the cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from ogi.extract.pdf_glyphs import Edge

RENDER_DPI = 300        # scans are read at this resolution (upsampled from 150–200 dpi)
MAX_SKEW = 2.0          # degrees searched either way
SKEW_STEP = 0.05
H_LINE = 0.04           # a horizontal ruling line is at least this share of the page width
MEET = 3.0              # points: how near a vertical line's end must come to a horizontal one
V_LINE = 0.015          # a vertical one at least this share of the page height (one table row)


@dataclass(frozen=True)
class PageImage:
    """One rendered, deskewed page: grey levels, the pixels-per-point scale and the skew that was removed."""

    grey: np.ndarray
    scale: float
    skew: float


def render(page: pdfium.PdfPage) -> tuple[np.ndarray, float]:
    """The page in grey (its red channel, which hides red seals) and the pixels per point."""
    scale = RENDER_DPI / 72
    bitmap = page.render(scale=scale)
    try:
        rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
    return np.ascontiguousarray(rgb[:, :, 0]), scale


def ink(grey: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) robust to shading and uneven background."""
    blurred = cv2.GaussianBlur(grey, (3, 3), 0)
    return cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def _rotate(img: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def find_skew(mask: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines and rules horizontal."""
    small = cv2.resize(mask, (mask.shape[1] // 3, mask.shape[0] // 3), interpolation=cv2.INTER_AREA)
    best, best_score = 0.0, -1.0
    for step in range(int(-MAX_SKEW / SKEW_STEP), int(MAX_SKEW / SKEW_STEP) + 1):
        angle = step * SKEW_STEP
        rows = _rotate(small, angle, 0).sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return -best


def deskew(grey: np.ndarray, scale: float) -> PageImage:
    skew = find_skew(ink(grey))
    straight = _rotate(grey, -skew, 255) if abs(skew) >= SKEW_STEP / 2 else grey
    return PageImage(straight, scale, skew)


def line_masks(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling-line masks."""
    h, w = mask.shape
    horiz = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(w * H_LINE), 1)))
    vert = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(h * V_LINE))))
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    return cv2.dilate(horiz, close, iterations=1), cv2.dilate(vert, close, iterations=1)


def _horizontal_segments(lines: np.ndarray, scale: float) -> list[Edge]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    edges: list[Edge] = []
    for x, y, w, h, _area in stats[1:count]:
        if w > 4 * h:
            mid = (y + h / 2) / scale
            edges.append(Edge((x + 4) / scale, mid, (x + w - 4) / scale, mid))
    return edges


def meets(vertical: Edge, horizontals: list[Edge], tolerance: float = MEET) -> bool:
    """A vertical segment that touches or crosses a horizontal one (a ruling line of a grid, not the
    stroke of a character: prose pages have hundreds of those and no horizontal rule)."""
    x = vertical.x0
    return any(h.x0 - tolerance <= x <= h.x1 + tolerance and vertical.top - tolerance <= h.top
               <= vertical.bottom + tolerance for h in horizontals)


def grid_edges(page: PageImage) -> tuple[list[Edge], np.ndarray]:
    """The ruling lines (PDF points) and the page with them painted out (for OCR). Vertical segments
    that meet no horizontal line are strokes of characters: they stay in the image that is read."""
    mask = ink(page.grey)
    horiz, vert = line_masks(mask)
    across = _horizontal_segments(horiz, page.scale)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    keep = np.zeros(count, bool)
    down: list[Edge] = []
    for k in range(1, count):
        x, y, w, h, _area = stats[k]
        mid = (x + w / 2) / page.scale
        edge = Edge(mid, (y + 4) / page.scale, mid, (y + h - 4) / page.scale)
        if h > 4 * w and meets(edge, across):
            keep[k] = True
            down.append(edge)
    clean = page.grey.copy()
    clean[(horiz > 0) | keep[labels]] = 255
    return across + down, clean
