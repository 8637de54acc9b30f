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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.IGNORECASE)
FALSE_VALUES = {"0", "false", "off", "none"}
W_NUMPR, W_NUMID, W_ILVL = f"{W}numPr", f"{W}numId", f"{W}ilvl"

T = TypeVar("T")


def first_child(el: etree._Element, *tags: str) -> etree._Element | None:
    """``el.find("a/b/…")`` for the tag names ``tags`` (the first match in document order), walked with lxml's
    C child iterator instead of ElementPath: the DOCX walk asks this several times for every paragraph and run."""
    first, rest = tags[0], tags[1:]
    for sub in el.iterchildren(first):
        found = first_child(sub, *rest) if rest else sub
        if found is not None:
            return found
    return None


def on(el: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle property: absent → None, ``<w:b/>`` → True, ``w:val="0"`` → False."""
    if el is None:
        return None
    return el.get(f"{W}val", "true").lower() not in FALSE_VALUES


@dataclass(frozen=True)
class NumRef:
    num_id: str | None
    ilvl: int | None


def num_ref(ppr: etree._Element | None) -> NumRef | None:
    """The ``w:numPr`` directly in a paragraph-properties element (not in ``w:pPrChange``)."""
    numpr = first_child(ppr, W_NUMPR) if ppr is not None else None
    if numpr is None:
        return None
    num_el, lvl_el = first_child(numpr, W_NUMID), first_child(numpr, W_ILVL)
    num_id = num_el.get(f"{W}val") if num_el is not None else None
    try:
        ilvl = int(lvl_el.get(f"{W}val", "0")) if lvl_el is not None else None
    except ValueError:
        ilvl = None
    return NumRef(num_id, ilvl)


def outline_level(ppr: etree._Element | None) -> int | None:
    el = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    if el is None:
        return None
    try:
        return int(el.get(f"{W}val", "9"))
    except ValueError:
        return None


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbering: NumRef | None
    centered: bool | None
    bold: bool | None


def _style(el: etree._Element) -> Style:
    name_el, based_el = el.find(f"{W}name"), el.find(f"{W}basedOn")
    ppr, rpr = el.find(f"{W}pPr"), el.find(f"{W}rPr")
    jc = ppr.find(f"{W}jc") if ppr is not None else None
    return Style(
        name=name_el.get(f"{W}val", "") if name_el is not None else "",
        based_on=based_el.get(f"{W}val") if based_el is not None else None,
        outline_level=outline_level(ppr),
        numbering=num_ref(ppr),
        centered=None if jc is None else jc.get(f"{W}val") == "center",
        bold=on(rpr.find(f"{W}b")) if rpr is not None else None,
    )


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
