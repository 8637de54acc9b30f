"""Display width of text as a terminal (w3m, lynx, pandoc, pdftotext -layout) lays it out.

East-Asian wide and full-width characters take two columns, combining marks none, everything else one
(box-drawing characters are "ambiguous" and w3m draws them one column wide)::

    >>> display_width("规章 12"), [c for c, _ in cells("a规")]
    (7, ['a', '规', ''])
"""

from __future__ import annotations

import unicodedata

FILLER = ""  # the second column of a wide character


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def cells(line: str) -> list[tuple[str, int]]:
    """One entry per display column: (character, its index in ``line``); a wide character's second column is
    ``(FILLER, index)`` and a combining mark joins the column before it."""
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        w = char_width(ch)
        if w == 0 and out:
            prev, j = out[-1]
            out[-1] = (prev + ch, j)
        elif w == 2:
            out += [(ch, i), (FILLER, i)]
        else:
            out.append((ch, i))
    return out


def join_lines(parts: list[str]) -> str:
    """The physical lines of one wrapped cell as one text: CJK and digits run on without a space (a wrap
    never falls at a real space in them), Latin words get one."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out
