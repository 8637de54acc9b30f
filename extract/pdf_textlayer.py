"""Does a PDF page have a usable text layer?

A page can print plenty of characters and still give a reader nothing: a scanned page is
one image, and a page set in a font without a ToUnicode map yields glyph ids (pdfminer
writes them ``(cid:12)``) or private-use code points. Such a page is named in the
Document (:attr:`schemas.Document.pages_without_text`), so a partly scanned report says
why a table is missing; an OCR pass can hook into the same test::

    >>> usable_chars("申请人情况 1 2 3"), usable_chars("(cid:12)(cid:40) \\ue000\\ue001")
    (8, 0)
    >>> usable_chars("\\ufffd\\ufffd")
    0
    >>> [page_lacks_text("(cid:3)" * 40, has_images=False), page_lacks_text("", has_images=True),
    ...  page_lacks_text("", has_images=False), page_lacks_text("规章 1 0 11 行政许可 5 " * 3, has_images=True),
    ...  page_lacks_text("某某市人民政府办公室 2025年1月", has_images=False)]
    [True, True, False, False, False]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

MIN_PAGE_TEXT = 20  # a page with fewer usable characters has no usable text layer
_CID = re.compile(r"\(cid:\d+\)")
_UNUSABLE = ("Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp")


@lru_cache(maxsize=8192)
def _usable(ch: str) -> bool:
    """Is this character one a reader can use? (Memoised: a page has a few hundred distinct ones.)"""
    return not ch.isspace() and ch != "\ufffd" and unicodedata.category(ch) not in _UNUSABLE


def usable_chars(text: str) -> int:
    """Characters a reader can use: not whitespace, control, private-use, unassigned, U+FFFD or ``(cid:N)``."""
    counts = Counter(_CID.sub("", text))  # each distinct character tested once
    return sum(map(counts.__getitem__, filter(_usable, counts)))


def page_lacks_text(text: str, *, has_images: bool) -> bool:
    """A page with fewer than MIN_PAGE_TEXT usable characters that holds an image or mostly unusable glyphs.

    A blank page, or a short page of real text (a signature), is not reported.
    """
    usable = usable_chars(text)
    if usable >= MIN_PAGE_TEXT:
        return False
    unusable = len(_CID.findall(text)) + sum(1 for ch in _CID.sub("", text) if not ch.isspace()) - usable
    return has_images or unusable > usable
