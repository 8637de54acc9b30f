"""The property elements the DOCX walk reads (``w:pPr``, ``w:rPr``, ``w:tcPr``, ``w:trPr``), each scanned once.

The walk visits every paragraph, run and cell of a document, and each lxml call costs about as much as the
Python around it, so a property element is looked up once (schema order puts it first: ``el[0]`` is tried
before a search) and its children are read in one pass, keeping the first of each kind, as ``find`` would.
The records are plain slotted classes, not frozen dataclasses: a frozen one costs five times as much to
make, and the walk makes one for every paragraph and cell (they are never changed after)::

    >>> from lxml import etree
    >>> p = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:pStyle w:val="2"/><w:jc w:val="center"/>'
    ...                      '</w:pPr><w:r><w:t>x</w:t></w:r></w:p>')
    >>> props = paragraph_props(p)
    >>> props.style_id, props.jc.get(f"{W}val"), props.mark_deleted
    ('2', 'center', False)
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_B = f"{W}b"
W_CELLDEL = f"{W}cellDel"
W_DEL = f"{W}del"
W_GRIDBEFORE = f"{W}gridBefore"
W_GRIDSPAN = f"{W}gridSpan"
W_HMERGE = f"{W}hMerge"
W_ILVL = f"{W}ilvl"
W_JC = f"{W}jc"
W_NUMID = f"{W}numId"
W_NUMPR = f"{W}numPr"
W_OUTLINELVL = f"{W}outlineLvl"
W_PPR = f"{W}pPr"
W_PSTYLE = f"{W}pStyle"
W_RPR = f"{W}rPr"
W_TCPR = f"{W}tcPr"
W_TRPR = f"{W}trPr"
W_VAL = f"{W}val"
W_VANISH = f"{W}vanish"
W_VMERGE = f"{W}vMerge"
FALSE_VALUES = {"0", "false", "off", "none"}


def on(el: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle property: absent → None, ``<w:b/>`` → True, ``w:val="0"`` → False."""
    if el is None:
        return None
    return el.get(W_VAL, "true").lower() not in FALSE_VALUES


@dataclass(frozen=True)
class NumRef:
    num_id: str | None
    ilvl: int | None


def props_element(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child ``tag`` of ``el``: the first child itself in a schema-valid file, else a scan (a loop
    over the children: ``iterchildren(tag)`` costs more to set up than a paragraph's few children to read)."""
    if len(el):
        first = el[0]
        if first.tag == tag:
            return first
        return next_child(el, tag)
    return None


def next_child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child ``tag`` of ``el`` (``el.find(tag)`` without ElementPath)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def first_children(parent: etree._Element, tags: tuple[str, ...]) -> list[etree._Element | None]:
    """The first child of each of ``tags`` (None where there is none), in one pass over ``parent``."""
    found: list[etree._Element | None] = [None] * len(tags)
    for child in parent:
        tag = child.tag
        if tag in tags:
            i = tags.index(tag)
            if found[i] is None:
                found[i] = child
    return found


@dataclass(slots=True)
class ParaProps:
    """What the walk reads from a paragraph's (first) ``w:pPr``."""

    style_id: str | None = None
    mark_deleted: bool = False  # w:pPr/w:rPr/w:del: the paragraph mark is a tracked deletion
    numbering: NumRef | None = None  # direct w:numPr
    jc: etree._Element | None = None
    outline: etree._Element | None = None


NO_PARA_PROPS = ParaProps()


def paragraph_props(p: etree._Element) -> ParaProps:
    ppr = props_element(p, W_PPR)
    if ppr is None:
        return NO_PARA_PROPS
    style = numpr = jc = outline = None
    deleted = False
    for child in ppr:
        tag = child.tag
        if tag == W_JC:
            jc = jc if jc is not None else child
        elif tag == W_PSTYLE:
            style = style if style is not None else child
        elif tag == W_RPR:
            deleted = deleted or next_child(child, W_DEL) is not None
        elif tag == W_NUMPR:
            numpr = numpr if numpr is not None else child
        elif tag == W_OUTLINELVL:
            outline = outline if outline is not None else child
    return ParaProps(style.get(W_VAL) if style is not None else None, deleted, numpr_ref(numpr), jc, outline)


def numpr_ref(numpr: etree._Element | None) -> NumRef | None:
    """The list a ``w:numPr`` (directly in a ``w:pPr``, not in ``w:pPrChange``) points at (``w:numId``, ``w:ilvl``)."""
    if numpr is None:
        return None
    num_el, lvl_el = first_children(numpr, (W_NUMID, W_ILVL))
    num_id = num_el.get(W_VAL) if num_el is not None else None
    try:
        ilvl = int(lvl_el.get(W_VAL, "0")) if lvl_el is not None else None
    except ValueError:
        ilvl = None
    return NumRef(num_id, ilvl)




def run_props(run: etree._Element) -> tuple[bool, bool | None]:
    """(hidden, direct bold) of a run: ``w:rPr/w:vanish`` on, and ``w:rPr/w:b`` (None where not set)."""
    rpr = props_element(run, W_RPR)
    if rpr is None:
        return False, None
    vanish = bold = None
    for child in rpr:
        tag = child.tag
        if tag == W_B:
            bold = bold if bold is not None else child
        elif tag == W_VANISH:
            vanish = vanish if vanish is not None else child
    return bool(on(vanish)), on(bold)


@dataclass(slots=True)
class CellProps:
    deleted: bool = False  # w:cellDel: a tracked cell deletion
    span: int = 1
    vmerge: str | None = None
    hmerge: str | None = None


NO_CELL_PROPS = CellProps()


def cell_props(tc: etree._Element) -> CellProps:
    tcpr = props_element(tc, W_TCPR)
    if tcpr is None:
        return NO_CELL_PROPS
    deleted = span = vmerge = hmerge = None
    for child in tcpr:
        tag = child.tag
        if tag == W_GRIDSPAN:
            span = span if span is not None else child
        elif tag == W_VMERGE:
            vmerge = vmerge if vmerge is not None else child
        elif tag == W_CELLDEL:
            deleted = child
        elif tag == W_HMERGE:
            hmerge = hmerge if hmerge is not None else child
    if span is None and vmerge is None and deleted is None and hmerge is None:
        return NO_CELL_PROPS
    return CellProps(deleted is not None, int_val(span, 1), merge_val(vmerge), merge_val(hmerge))


def row_props(tr: etree._Element) -> tuple[bool, int]:
    """(deleted, gridBefore) of a table row: a tracked row deletion, and the grid columns skipped before it."""
    trpr = props_element(tr, W_TRPR)
    if trpr is None:
        return False, 0
    deleted, before = first_children(trpr, (W_DEL, W_GRIDBEFORE))
    return deleted is not None, int_val(before, 0)


def int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, str(default)))
    except ValueError:
        return default


def merge_val(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return el.get(W_VAL, "continue")
