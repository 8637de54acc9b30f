"""Parse a printed cell into a value, following the spec's value table.

Null tokens are named, units and signs are never dropped silently::

    >>> parse_value("１２", "count")
    ParsedValue(value=12, unit='', note='', ok=True)
    >>> parse_value("\\u00a0", "count").note
    'blank'
    >>> parse_value("—", "count").note
    'not_applicable'
    >>> parse_value("减1237", "signed").value
    -1237
    >>> parse_value("1.795（万元）", "money")
    ParsedValue(value=1.795, unit='万元', note='', ok=True)
    >>> parse_value("251000元", "money")
    ParsedValue(value=25.1, unit='元', note='converted_from_yuan', ok=True)
    >>> parse_value("3件", "count")
    ParsedValue(value=3, unit='件', note='', ok=True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ogi.normalize.memo import text_cache
from ogi.schemas.catalogue import ValueKind
from ogi.schemas.records import Number, ValueNote

BLANK_CHARS = " \t\r\n\u00a0\u3000\u200b\ufeff"
NOT_APPLICABLE_TOKENS = frozenset({
    "/", "／", "\\", "—", "——", "-", "--", "---", "－", "―", "─", "–", "一一",
    "无", "不适用", "暂无", "N/A", "n/a", "NA", "×", "*", "…",
})
UNITS = ("万元", "元", "件", "个", "项", "条", "次", "人次", "笔")
_NUMBER = re.compile(r"^([+\-]|增加?|减少?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_UNIT_WRAP = re.compile(r"^(.*?)[(（\[]?(" + "|".join(UNITS) + r")[)）\]]?$")


@dataclass(frozen=True)
class ParsedValue:
    value: Number | None
    unit: str
    note: ValueNote
    ok: bool


def is_blank(text: str) -> bool:
    return text.strip(BLANK_CHARS) == ""


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u00a0\u3000\u200b\ufeff]+", "", s)


def _to_number(sign: str | None, whole: str, frac: str | None, kind: ValueKind) -> Number:
    dec = Decimal(whole.replace(",", "") + (frac or ""))
    if sign and (sign.startswith("减") or sign == "-"):
        dec = -dec
    if kind != "money" and dec == dec.to_integral_value():
        return int(dec)
    return float(dec)


@text_cache
def parse_value(raw: str, kind: ValueKind = "count") -> ParsedValue:
    """Turn a printed cell into (value, unit, note, ok); ``ok`` is False for unparseable text."""
    if is_blank(raw):
        return ParsedValue(None, "", "blank", True)
    s = _clean(raw)
    if s in NOT_APPLICABLE_TOKENS or unicodedata.normalize("NFKC", raw).strip(BLANK_CHARS) in NOT_APPLICABLE_TOKENS:
        return ParsedValue(None, "", "not_applicable", True)
    unit = ""
    m = _NUMBER.match(s)
    if m is None:
        u = _UNIT_WRAP.match(s)
        if u is not None and u.group(1):
            unit = u.group(2)
            m = _NUMBER.match(u.group(1))
    if m is None:
        return ParsedValue(None, "", "unparsed", False)
    try:
        value = _to_number(m.group(1), m.group(2), m.group(3), kind)
    except InvalidOperation:
        return ParsedValue(None, "", "unparsed", False)
    if unit == "元" and kind == "money":
        scaled = Decimal(str(value)) / Decimal(10000)
        return ParsedValue(float(scaled), unit, "converted_from_yuan", True)
    return ParsedValue(value, unit, "", True)


@text_cache
def looks_like_value(text: str) -> bool:
    """True for anything that is a value cell rather than a label: numbers, null tokens, blanks."""
    if is_blank(text):
        return True
    return parse_value(text, "money").ok
