"""Text clean-up shared by PDF paragraphs and table cells.

PDF text layers carry compatibility code points (Kangxi radicals from WPS/Word
exports), justification gaps between Chinese characters and page numbers in the
footer. NFKC folds the code points (``⼀`` becomes ``一``, full-width digits become
ASCII), and a space is dropped wherever it touches a Chinese character::

    >>> clean_text("三 、本 年 度办 理 结果")
    '三、本年度办理结果'
    >>> clean_text("⼀、本年新收  2024 年")
    '一、本年新收2024年'
    >>> clean_text("Open Government  Report")
    'Open Government Report'
    >>> join_lines(["其他结", "果"]), join_lines(["open", "data"]), join_lines(["10", "2"])
    ('其他结果', 'open data', '102')
    >>> [is_page_number(t) for t in ("-3-", "— 5 —", "第 2 页 共 6 页", "12", "3119 件")]
    [True, True, True, True, False]
    >>> [is_page_number(t, decorated_only=True) for t in ("- 3 -", "12")]
    [True, False]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Chinese characters, CJK/full-width punctuation, and the quotes and dashes Chinese text uses.
CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
)
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
_SPACES = re.compile(r"\s+")
_DASH = r"[\-—–―‒_~·•]"
_DECORATED_NUMBER = re.compile(rf"^{_DASH}+\s*\d{{1,4}}\s*{_DASH}+$")
_PLAIN_NUMBER = re.compile(
    r"^(第\s*)?\d{1,4}(\s*页)?(\s*(/|共)\s*\d{1,4}\s*页?)?$|^(page|p\.)\s*\d{1,4}(\s*(/|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def clean_text(text: str) -> str:
    """NFKC, whitespace collapsed, spaces next to Chinese characters removed (memoised: cells repeat)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    text = _SPACES.sub(" ", text)
    return _CJK_SPACE.sub("", text).strip()


def join_lines(lines: Sequence[str]) -> str:
    """Join the wrapped lines of one paragraph or cell: no separator, except between two Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def is_page_number(text: str, *, decorated_only: bool = False) -> bool:
    """A folio such as ``-3-``, ``— 5 —``, ``第2页 共6页`` (or a bare ``12`` unless ``decorated_only``)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if _DECORATED_NUMBER.match(text):
        return True
    return not decorated_only and bool(_PLAIN_NUMBER.match(text))
