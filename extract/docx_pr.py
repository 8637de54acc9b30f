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


def first_of(parent: etree._Element, wanted: frozenset[str]) -> dict[str, etree._Element]:
    """The first child of each tag in ``wanted`` that ``parent`` has, by tag, in one pass over its children."""
    found: dict[str, etree._Element] = {}
    for child in parent:
        tag = child.tag
        if tag in wanted and tag not in found:
            found[tag] = child
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


PPR_TAGS = frozenset({W_PSTYLE, W_RPR, W_NUMPR, W_JC, W_OUTLINELVL})


def paragraph_props(p: etree._Element) -> ParaProps:
    ppr = props_element(p, W_PPR)
    if ppr is None:
        return NO_PARA_PROPS
    found = first_of(ppr, PPR_TAGS)
    if not found:
        return NO_PARA_PROPS
    style, mark = found.get(W_PSTYLE), found.get(W_RPR)
    return ParaProps(style.get(W_VAL) if style is not None else None,
                     mark is not None and next_child(mark, W_DEL) is not None,
                     numpr_ref(found.get(W_NUMPR)), found.get(W_JC), found.get(W_OUTLINELVL))


NUMPR_TAGS = frozenset({W_NUMID, W_ILVL})


def numpr_ref(numpr: etree._Element | None) -> NumRef | None:
    """The list a ``w:numPr`` (directly in a ``w:pPr``, not in ``w:pPrChange``) points at (``w:numId``, ``w:ilvl``)."""
    if numpr is None:
        return None
    found = first_of(numpr, NUMPR_TAGS)
    num_el, lvl_el = found.get(W_NUMID), found.get(W_ILVL)
    num_id = num_el.get(W_VAL) if num_el is not None else None
    try:
        ilvl = int(lvl_el.get(W_VAL, "0")) if lvl_el is not None else None
    except ValueError:
        ilvl = None
    return NumRef(num_id, ilvl)




RPR_TAGS = frozenset({W_VANISH, W_B})


def run_props(run: etree._Element) -> tuple[bool, bool | None]:
    """(hidden, direct bold) of a run: ``w:rPr/w:vanish`` on, and ``w:rPr/w:b`` (None where not set)."""
    rpr = props_element(run, W_RPR)
    if rpr is None:
        return False, None
    found = first_of(rpr, RPR_TAGS)
    return bool(on(found.get(W_VANISH))), on(found.get(W_B))


@dataclass(slots=True)
class CellProps:
    deleted: bool = False  # w:cellDel: a tracked cell deletion
    span: int = 1
    vmerge: str | None = None
    hmerge: str | None = None


NO_CELL_PROPS = CellProps()


TCPR_TAGS = frozenset({W_CELLDEL, W_GRIDSPAN, W_VMERGE, W_HMERGE})


def cell_props(tc: etree._Element) -> CellProps:
    tcpr = props_element(tc, W_TCPR)
    found = first_of(tcpr, TCPR_TAGS) if tcpr is not None else None
    if not found:
        return NO_CELL_PROPS
    return CellProps(W_CELLDEL in found, int_val(found.get(W_GRIDSPAN), 1), merge_val(found.get(W_VMERGE)),
                     merge_val(found.get(W_HMERGE)))


TRPR_TAGS = frozenset({W_DEL, W_GRIDBEFORE})


def row_props(tr: etree._Element) -> tuple[bool, int]:
    """(deleted, gridBefore) of a table row: a tracked row deletion, and the grid columns skipped before it."""
    trpr = props_element(tr, W_TRPR)
    if trpr is None:
        return False, 0
    found = first_of(trpr, TRPR_TAGS)
    return W_DEL in found, int_val(found.get(W_GRIDBEFORE), 0)


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
