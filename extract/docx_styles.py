"""Paragraph styles of a DOCX (``styles.xml``), resolved along ``w:basedOn``.

Only what the reader needs: heading level (style name Heading N / 标题 N, or an outline
level), list numbering attached to the style, and centred/bold for finding the title.
WPS writes numeric style ids ("2"), so styles are matched by name, never by id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from lxml import etree

from ogi.extract.docx_pr import NumRef, first_of, next_child, numpr_ref, on

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.IGNORECASE)
W_NUMPR, W_VAL, W_B = f"{W}numPr", f"{W}val", f"{W}b"

T = TypeVar("T")


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbering: NumRef | None
    centered: bool | None
    bold: bool | None


W_NAME, W_BASEDON, W_PPR, W_RPR, W_JC, W_OUTLINELVL = (f"{W}{name}" for name in (
    "name", "basedOn", "pPr", "rPr", "jc", "outlineLvl"))
STYLE_TAGS = frozenset({W_NAME, W_BASEDON, W_PPR, W_RPR})
STYLE_PPR_TAGS = frozenset({W_JC, W_NUMPR, W_OUTLINELVL})


def _style(el: etree._Element) -> Style:
    found = first_of(el, STYLE_TAGS)
    name_el, based_el, ppr, rpr = found.get(W_NAME), found.get(W_BASEDON), found.get(W_PPR), found.get(W_RPR)
    pfound = first_of(ppr, STYLE_PPR_TAGS) if ppr is not None else {}
    jc, numpr, outline = pfound.get(W_JC), pfound.get(W_NUMPR), pfound.get(W_OUTLINELVL)
    return Style(
        name=name_el.get(W_VAL, "") if name_el is not None else "",
        based_on=based_el.get(W_VAL) if based_el is not None else None,
        outline_level=_level(outline),
        numbering=numpr_ref(numpr),
        centered=None if jc is None else jc.get(W_VAL) == "center",
        bold=on(next_child(rpr, W_B)) if rpr is not None else None,
    )


def _level(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(W_VAL, "9"))
    except ValueError:
        return None


class Styles:
    """The paragraph styles of one document; answers are kept per style id (the walk asks for every paragraph)."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, Style] = {}
        self._numbering: dict[str | None, NumRef | None] = {}
        self._bold: dict[str | None, bool] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for el in root.iterfind(f"{W}style"):
            if el.get(f"{W}type", "paragraph") != "paragraph":
                continue
            style_id = el.get(f"{W}styleId", "")
            self._styles[style_id] = _style(el)
            if el.get(f"{W}default") in {"1", "true", "on"}:
                self.default_paragraph = style_id

    def _chain(self, style_id: str | None) -> Iterator[Style]:
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default_paragraph
        while current is not None and current not in seen and current in self._styles:
            seen.add(current)
            style = self._styles[current]
            yield style
            current = style.based_on

    def _first(self, style_id: str | None, get: Callable[[Style], T | None]) -> T | None:
        for style in self._chain(style_id):
            value = get(style)
            if value is not None:
                return value
        return None

    def name(self, style_id: str | None) -> str:
        return next((s.name for s in self._chain(style_id)), "")

    def heading_level(self, style_id: str | None) -> int | None:
        """1-based heading level from the style name (Heading N / 标题 N) or its outline level."""
        for style in self._chain(style_id):
            match = HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
        level = self._first(style_id, lambda s: s.outline_level)
        return level + 1 if level is not None and 0 <= level < 9 else None

    def numbering(self, style_id: str | None) -> NumRef | None:
        try:
            return self._numbering[style_id]
        except KeyError:
            found = self._numbering[style_id] = self._first(style_id, lambda s: s.numbering)
            return found

    def centered(self, style_id: str | None) -> bool:
        return bool(self._first(style_id, lambda s: s.centered))

    def bold(self, style_id: str | None) -> bool:
        try:
            return self._bold[style_id]
        except KeyError:
            found = self._bold[style_id] = bool(self._first(style_id, lambda s: s.bold))
            return found
