"""The OCR engine: Debian's tesseract with its packaged Chinese model (``tesseract-ocr-chi-sim``), offline.

One call reads a whole page image (ruling lines already painted out) and returns its words with their
boxes and confidences (tesseract's TSV output). A word's box is shared out over its characters, so each
becomes a :class:`extract.pdf_glyphs.Glyph` that the grid code places in a cell; the confidences stay
beside the glyphs (:class:`OcrGlyph`). No model is ever downloaded: tesseract reads only the installed
``chi_sim.traineddata``; a missing program or model raises :class:`schemas.MissingDependency`.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ogi.extract.pdf_glyphs import Glyph
from ogi.schemas import ConversionTimeout, MissingDependency, UnreadableFile

INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
LANGUAGES = "chi_sim"


@dataclass(frozen=True)
class OcrGlyph:
    """A recognised character in PDF points with the confidence (0–1) of the word it belongs to."""

    glyph: Glyph
    confidence: float


def tesseract_path() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependency("tesseract", f"OCR of scanned pages needs the tesseract program: {INSTALL}")
    return exe


def check_models(exe: str) -> None:
    done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    if LANGUAGES not in done.stdout.split():
        raise MissingDependency("tesseract", f"the Chinese OCR model chi_sim is not installed: {INSTALL}")


def _words(tsv: str) -> list[tuple[str, int, int, int, int, float, tuple[int, int, int]]]:
    out = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        out.append((text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]),
                    max(float(row["conf"]), 0.0) / 100, line))
    return out


def recognise(image: np.ndarray, scale: float, source: str, timeout: float) -> list[OcrGlyph]:
    """OCR one page image (grey, ink dark) into glyphs in PDF points (``scale`` pixels a point)."""
    exe = tesseract_path()
    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise UnreadableFile(source, "page image could not be encoded for OCR")
    cmd = [exe, "stdin", "stdout", "-l", LANGUAGES, "--psm", "11", "--dpi", str(round(scale * 72)),
           "-c", "preserve_interword_spaces=1", "tsv"]
    try:
        done = subprocess.run(cmd, input=png.tobytes(), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ConversionTimeout(source, f"OCR of a page took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace").strip()
        if "chi_sim" in err:
            raise MissingDependency("tesseract", f"the Chinese OCR model chi_sim is not installed: {INSTALL}")
        raise UnreadableFile(source, f"tesseract failed: {err}")
    glyphs: list[OcrGlyph] = []
    last_line: tuple[int, int, int] | None = None
    for text, left, top, width, height, conf, line in _words(done.stdout.decode("utf-8", errors="replace")):
        step = width / len(text)
        for k, ch in enumerate(text):
            x0 = (left + k * step) / scale
            g = Glyph(ch, x0, top / scale, x0 + step / scale, (top + height) / scale,
                      space_before=k == 0 and line == last_line)
            glyphs.append(OcrGlyph(g, conf))
        last_line = line
    return glyphs



DASHES = frozenset({"-", "--", "---"})  # what the digits model makes of a printed dash
DIGITS = "0123456789.,-+"  # + of a signed change (本年增/减)
PAD = 12  # white border around a cell crop


def tight(crop: np.ndarray, contrast: int = 70) -> np.ndarray:
    """The crop cut down to its ink (pixels clearly darker than its background); unchanged if it has none."""
    if crop.size == 0:
        return crop
    ys, xs = np.nonzero(crop < float(np.median(crop)) - contrast)
    if len(xs) == 0:
        return crop
    return crop[max(ys.min() - 2, 0):ys.max() + 3, max(xs.min() - 2, 0):xs.max() + 3]


def _read_lines(crops: Sequence[np.ndarray], psm: int, source: str, timeout: float,
                lang: str = "eng", whitelist: str = DIGITS) -> list[tuple[str, float]]:
    """One tesseract call over many crops (a list file): ``(text, lowest word confidence)`` per crop."""
    exe = tesseract_path()
    with tempfile.TemporaryDirectory(prefix="ogi-ocr-") as tmp:
        names = []
        for k, crop in enumerate(crops):
            name = str(Path(tmp) / f"c{k:04d}.png")
            cv2.imwrite(name, cv2.copyMakeBorder(tight(crop), PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255))
            names.append(name)
        listing = Path(tmp) / "cells.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        cmd = [exe, str(listing), "stdout", "-l", lang, "--psm", str(psm),
               *(["-c", f"tessedit_char_whitelist={whitelist}"] if whitelist else []), "tsv"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ConversionTimeout(source, f"OCR of a page took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        raise UnreadableFile(source, f"tesseract failed: {done.stderr.decode(errors='replace').strip()}")
    found: dict[int, list[tuple[str, float]]] = {}
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", errors="replace")), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text and float(row["conf"]) >= 0:
            found.setdefault(int(row["page_num"]) - 1, []).append((text, max(float(row["conf"]), 0.0) / 100))
    joiner = "" if lang == LANGUAGES else " "
    out = []
    for k in range(len(crops)):
        words = found.get(k, [])
        out.append((joiner.join(w for w, _ in words), round(min((c for _, c in words), default=0.0), 3)))
    return out


SURE = 0.85       # a figure read with less confidence is read again from other versions of its crop
DISAGREE = 0.5    # a differing reading at least this sure caps the kept reading's confidence at this


def _scaled(crop: np.ndarray, factor: float) -> np.ndarray:
    size = (max(round(crop.shape[1] * factor), 1), max(round(crop.shape[0] * factor), 1))
    return cv2.resize(crop, size, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC)


def _binarised(crop: np.ndarray) -> np.ndarray:
    return cv2.threshold(cv2.GaussianBlur(crop, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def _figure(text: str) -> bool:
    """A reading that can be a printed figure or dash (``.`` or ``+`` alone is specks of ink)."""
    return bool(re.search(r"\d", text)) or text in DASHES


def pick_reading(readings: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """The surest reading of a crop that can be a figure or a dash; its confidence is capped at ``DISAGREE``
    when another reading of some confidence says otherwise (the versions do not agree: a suspect)::

        >>> pick_reading([("", 0.0), ("1", 0.95), ("-", 0.0)])
        ('1', 0.95)
        >>> pick_reading([(".", 0.9), ("", 0.0)])
        ('', 0.0)
        >>> pick_reading([("11", 0.64), ("1", 0.9)])
        ('1', 0.5)
    """
    found = [r for r in readings if _figure(r[0])]
    if not found:
        return "", 0.0
    text, conf = max(found, key=lambda r: r[1])
    if any(t != text and c >= DISAGREE for t, c in found):
        conf = min(conf, DISAGREE)
    return text, conf


def read_numbers(crops: Sequence[np.ndarray], source: str, timeout: float) -> list[tuple[str, float]]:
    """Read each cell crop as one line of figures (tesseract's English model, digits only).

    A crop read with less than ``SURE`` confidence, or as nothing (line mode misses a lone narrow ``1``),
    is read again as a single word, at half size and doubled and binarised (thin grey strokes of a scan);
    the surest reading is kept (:func:`pick_reading`). Returns ``(text, confidence)`` per crop;
    ``("", 0.0)`` where nothing was read.
    """
    if not crops:
        return []
    out = _read_lines(crops, 7, source, timeout)
    unsure = [k for k, (text, conf) in enumerate(out) if conf < SURE or not _figure(text)]
    if not unsure:
        return out
    again = [crops[k] for k in unsure]
    tries = (_read_lines(again, 8, source, timeout),
             _read_lines([_scaled(c, 0.5) for c in again], 7, source, timeout),
             _read_lines([_binarised(_scaled(c, 2.0)) for c in again], 7, source, timeout))
    for j, k in enumerate(unsure):
        out[k] = pick_reading([out[k], *(t[j] for t in tries)])
    return out


def read_labels(crops: Sequence[np.ndarray], source: str, timeout: float) -> list[tuple[str, float]]:
    """Read each label cell crop on its own with the Chinese model (a block of lines: labels wrap)."""
    return _read_lines(crops, 6, source, timeout, lang=LANGUAGES, whitelist="") if crops else []
