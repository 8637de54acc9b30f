"""Word list numbering (``numbering.xml``) rendered to the text a reader sees.

Headings like 一、总体情况 are often numbered by Word itself, so the 一、 is not in the
paragraph text. :class:`Numbering` keeps Word's counters while the document is walked in
order and renders each numbered paragraph's label::

    >>> format_number(12, "chineseCounting"), format_number(3, "ideographTraditional")
    ('十二', '丙')
    >>> format_number(105, "chineseCountingThousand"), format_number(2, "decimalEnclosedCircle")
    ('一百零五', '②')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from ogi.extract.docx_pr import first_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_PLACEHOLDER = re.compile(r"%([1-9])")


def _chinese_below_10000(n: int, digits: str, units: tuple[str, ...], zero: str) -> str:
    out: list[str] = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + units[power])
    return "".join(out)


def chinese_counting(n: int, legal: bool = False) -> str:
    """一, 十, 十一, 二十, 一百零五 … (legal: 壹, 壹拾, 壹拾壹 …); numbers ≥ 10^8 fall back to digits."""
    if n <= 0 or n >= 10**8:
        return str(n)
    digits, units, zero = (_LEGAL_DIGITS, _LEGAL_UNITS, "零") if legal else (_CN_DIGITS, _CN_UNITS, "零")
    high, low = divmod(n, 10000)
    if high:
        text = _chinese_below_10000(high, digits, units, zero) + ("萬" if legal else "万")
        if low:
            text += (zero if low < 1000 else "") + _chinese_below_10000(low, digits, units, zero)
    else:
        text = _chinese_below_10000(low, digits, units, zero)
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word ``w:numFmt``; unknown formats render as decimal."""
    simple = {
        "decimal": str(n),
        "decimalZero": f"{n:02d}",
        "none": "",
        "upperLetter": _letters(n),
        "lowerLetter": _letters(n).lower(),
        "upperRoman": _roman(n),
        "lowerRoman": _roman(n).lower(),
        "decimalEnclosedFullstop": f"{n}.",
        "decimalEnclosedParen": f"({n})",
    }
    if fmt in simple:
        return simple[fmt]
    if fmt in {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"}:
        return chinese_counting(n)
    if fmt in {"chineseLegalSimplified", "ideographLegalTraditional"}:
        return chinese_counting(n, legal=True)
    if fmt in {"ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"}:
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"}:
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    suffix: str = "tab"
    legal: bool = False


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(f"{W}val", default)


def _int(el: etree._Element | None, default: int) -> int:
    raw = _val(el)
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


LEVEL_NAMES = ("start", "numFmt", "lvlText", "lvlRestart", "suff", "isLgl")
LEVEL_TAGS = frozenset(f"{W}{name}" for name in LEVEL_NAMES)


def _parse_level(lvl: etree._Element, base: Level | None = None) -> Level:
    level = base or Level()
    found = first_of(lvl, LEVEL_TAGS)  # one pass, not six finds
    start, fmt, text, restart, suffix, legal = (found.get(f"{W}{name}") for name in LEVEL_NAMES)
    changes: dict[str, object] = {}
    if start is not None:
        changes["start"] = _int(start, 1)
    if fmt is not None:
        changes["fmt"] = _val(fmt, "decimal")
    if text is not None:
        changes["text"] = _val(text, "")
    if restart is not None:
        changes["restart"] = _int(restart, 0)
    if suffix is not None:
        changes["suffix"] = _val(suffix, "tab")
    if legal is not None:
        changes["legal"] = _val(legal, "1") not in {"0", "false", "off"}
    return replace(level, **changes) if changes else level  # type: ignore[arg-type]


def _levels(parent: etree._Element, base: dict[int, Level] | None = None) -> dict[int, Level]:
    out = dict(base or {})
    for lvl in parent.iterfind(f"{W}lvl"):
        ilvl = int(lvl.get(f"{W}ilvl", "0"))
        out[ilvl] = _parse_level(lvl, out.get(ilvl))
    return out


@dataclass(frozen=True)
class _Num:
    counter_key: str  # numbering instances without overrides share their abstract list's counters
    levels: dict[int, Level]


class Numbering:
    """Counters of every list in one document; call :meth:`label` for each numbered paragraph in order."""

    def __init__(self, root: etree._Element | None) -> None:
        self._nums: dict[str, _Num] = {}
        self._counts: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstracts = {a.get(f"{W}abstractNumId", ""): _levels(a) for a in root.iterfind(f"{W}abstractNum")}
        for num in root.iterfind(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            abstract_id = _val(num.find(f"{W}abstractNumId"), "") or ""
            levels = dict(abstracts.get(abstract_id, {}))
            overridden = False
            for override in num.iterfind(f"{W}lvlOverride"):
                overridden = True
                ilvl = int(override.get(f"{W}ilvl", "0"))
                levels = _levels(override, levels)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=_int(start, 1))
            key = f"num:{num_id}" if overridden else f"abstract:{abstract_id}"
            self._nums[num_id] = _Num(key, levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter and return the rendered label ("三、"), or None (bullet, no list)."""
        num = self._nums.get(num_id)
        if num is None or ilvl not in num.levels:
            return None
        level = num.levels[ilvl]
        if level.fmt == "bullet":
            return None
        counts = self._counts.setdefault(num.counter_key, {})
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            if num.levels.get(deeper, Level()).restart != 0:
                del counts[deeper]
        if level.text is None:
            return None

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = num.levels.get(k, Level())
            value = counts.get(k, other.start)
            return format_number(value, "decimal" if level.legal else other.fmt)

        return _PLACEHOLDER.sub(render, level.text)

    def suffix(self, num_id: str, ilvl: int) -> str:
        num = self._nums.get(num_id)
        level = num.levels.get(ilvl) if num is not None else None
        return level.suffix if level is not None else "tab"
