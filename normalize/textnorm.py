"""CJK-aware text normalising for label matching.

    >>> norm("（三）不予公开 ")
    '(三)不予公开'
    >>> norm("⼀、本年新收\\n政府信息")       # Kangxi radical ⼀ folds to 一
    '一、本年新收政府信息'
    >>> split_ordinal("1．属于国家秘密")
    ('1', '属于国家秘密')
    >>> split_ordinal("（七）总计")
    ('(七)', '总计')
    >>> core("3.危及“三安全一稳定”")
    '危及"三安全一稳定"'
"""

from __future__ import annotations

import re
import unicodedata

from ogi.normalize.memo import text_cache

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})

CN_NUM = "一二三四五六七八九十"
_ORDINAL = re.compile(
    rf"^(?:第[{CN_NUM}]+部分[、.:：]?|第[{CN_NUM}]+[、.．]?"
    rf"|\(([{CN_NUM}]+|\d+)\)[、.．]?"
    rf"|([{CN_NUM}]+)[、.．,，]"
    rf"|(\d+)(?:[、.．,，](?!\d)|(?=[^\d.]))"
    r")"
)


@text_cache
def norm(text: str) -> str:
    """NFKC (full-width forms, Kangxi radicals), quotes unified, all whitespace removed."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    # removing a space can join a combining mark to a letter (NFKC of "¯" is " \u0304"): compose again
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


@text_cache
def split_ordinal(text: str) -> tuple[str, str]:
    """Split a leading ordinal (一、 （三） 1. 1、 （1） 第二部分) from a normalised label."""
    s = norm(text)
    m = _ORDINAL.match(s)
    if not m or m.end() == 0:
        return "", s
    raw = m.group(0)
    ordinal = raw.rstrip("、.．,，:：")
    return ordinal, s[m.end():]


@text_cache
def core(text: str) -> str:
    """The label without ordinal, whitespace, or trailing colon."""
    return split_ordinal(text)[1].rstrip(":：")


@text_cache
def ordinal_value(ordinal: str) -> int | None:
    """``'(三)'`` → 3, ``'2'`` → 2, ``'第四部分'`` → 4."""
    digits = re.search(r"\d+", ordinal)
    if digits:
        return int(digits.group(0))
    chars = re.sub(rf"[^{CN_NUM}]", "", ordinal)
    if not chars:
        return None
    if chars == "十":
        return 10
    if chars.startswith("十"):
        return 10 + CN_NUM.index(chars[1]) + 1
    if len(chars) == 1:
        return CN_NUM.index(chars) + 1
    return None
