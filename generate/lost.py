"""Tables a converter truly lost: nowhere in its output, so no reader can give their cells back.

``pandoc -t plain`` prints the literal ``[TABLE]`` for a table it cannot draw (row spans). The table a
placeholder stands for is the one of the section it stands in: the section headings of the output
(``三、收到和处理政府信息公开申请情况``, ``第四部分 …``, or the heading words without an ordinal) name it. A
section that holds a placeholder and also a drawn table (a ruled or dash-line grid) lost only part of its
tables, and which part the output does not say: nothing is recorded for it, so its cells stay in the
benchmark's count and a miss there is a miss::

    >>> lost_tables(["三、收到和处理政府信息公开申请情况", "", "[TABLE]", "", "四、政府信息公开行政复议、行政诉讼情况",
    ...              "  ---- ----", "  0    1", "  ---- ----", "五、存在的主要问题"])
    {'requests': '[TABLE]'}
"""

from __future__ import annotations

import re

PLACEHOLDER = "[TABLE]"
MAX_HEADING = 40
_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
_DRAWN = re.compile(r"^\s*(?:\+[-=:+]{3,}\+|-{3,}(?:\s+-{3,})*)\s*$")
# The words that name a section's heading, by the table the section holds (None: a section without one).
_SECTIONS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("review_litigation", ("行政复议", "行政诉讼")),
    ("requests", ("收到和处理", "依申请公开")),
    ("active_disclosure", ("主动公开",)),
    (None, ("总体情况", "存在的主要问题", "改进情况", "其他需要报告")),
)


def _section(line: str) -> str | bool | None:
    """The table a heading line's section holds (``None``: none), ``False`` for a line that is no heading
    (a heading stands flush left, is short and is no sentence; table lines are indented or ruled)."""
    s = line.strip()
    if not s or line[0].isspace() or len(s) > MAX_HEADING or s[-1] in "。：:；;，,":
        return False
    table = next((t for t, words in _SECTIONS if any(w in s for w in words)), False)
    return table if table is not False or not _ORDINAL.match(s) else None


def lost_tables(lines: list[str]) -> dict[str, str]:
    """Table key → the placeholder that stands where the whole table was, for the output's ``lines``."""
    placeholders: dict[str | None, int] = {}
    drawn: set[str | None] = set()
    current: str | None = None
    for line in lines:
        section = _section(line)
        if section is not False:
            current = section if isinstance(section, str) else None
        elif line.strip() == PLACEHOLDER:
            placeholders[current] = placeholders.get(current, 0) + 1
        elif _DRAWN.match(line):
            drawn.add(current)
    return {t: PLACEHOLDER for t in placeholders if t is not None and t not in drawn}
