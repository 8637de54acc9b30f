"""The words of identity findings, in Chinese (default) or English.

A finding names each cell by its printed label and its key, lists the addends with their values, and
says how each cell was printed: a number, blank (``空白``) or not extracted (``未提取``)::

    （一）予以公开：自然人 5 + 商业企业 0 + … = 5，但总计为 0

Codes stay stable; only the words change with ``lang``. :func:`render` rebuilds the message of an
identity finding from the report's cells, so a view can show it in either language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ogi.schemas import CellValue, Finding, Number, load_catalogue

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
IDENTITY_CODES = frozenset({"H1", "H2", "H3", "H4"})
BLANK_TOTAL = "blank_total"
SHOWN_ADDENDS = 8  # a longer sum lists its non-zero addends and counts the rest


@dataclass(frozen=True)
class CellText:
    """One cell as a message names it."""

    key: str
    row_label: str
    column_label: str
    value: Number | None
    state: Literal["printed", "blank", "missing"]


def fmt(v: Number | None) -> str:
    if v is None:
        return "blank"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def row_label(table: str, row: str, version: str) -> str:
    """The printed label with its ordinal and group: ``（三）不予公开·1.属于国家秘密``."""
    spec = load_catalogue().table(table)
    try:
        r = spec.version(version).row(row)
    except KeyError:
        return row
    ordinal = r.ordinal or ""
    if ordinal and ordinal[0].isdigit():
        ordinal += "."
    elif ordinal and not ordinal.startswith("（"):
        ordinal += "、"
    group = next((g for g in spec.groups if g.key == r.group and g.key != r.key), None)
    prefix = f"{group.ordinal}{group.label}·" if group and group.ordinal else ""
    return f"{prefix}{ordinal}{r.label}"


def _column_label(table: str, column: str, version: str) -> str:
    try:
        return load_catalogue().table(table).version(version).column(column).label
    except KeyError:
        return column


def cell_text(key: str, cells: Mapping[str, CellValue], version: str = "2019") -> CellText:
    table, row, column = key.split("/")
    c = cells.get(key)
    ver = c.template if c is not None and c.template else version
    if c is None:
        state: Literal["printed", "blank", "missing"] = "missing"
    else:
        state = "blank" if c.value is None else "printed"
    return CellText(key, row_label(table, row, ver), _column_label(table, column, ver),
                    None if c is None else c.value, state)


def _value(c: CellText, lang: Lang) -> str:
    if c.state == "missing":
        return "未提取" if lang == "zh" else "not extracted"
    if c.state == "blank":
        return "空白" if lang == "zh" else "blank"
    return fmt(c.value)


def _shared(cs: Sequence[CellText], attr: str) -> str | None:
    values = {getattr(c, attr) for c in cs}
    return values.pop() if len(values) == 1 else None


def _name(c: CellText, common_row: str | None, common_col: str | None, lang: Lang) -> str:
    """The label that tells this cell from its neighbours in the sum (the other half is said once)."""
    if common_row is not None and common_col is None:
        label = c.column_label
    elif common_col is not None and common_row is None:
        label = c.row_label
    else:
        label = f"{c.row_label}/{c.column_label}"
    if lang == "en":
        return f"{label} ({c.key.split('/', 1)[1]})"
    return label


def _sum_text(cs: Sequence[CellText], common_row: str | None, common_col: str | None, lang: Lang) -> str:
    shown = list(cs)
    rest = 0
    if len(cs) > SHOWN_ADDENDS:
        shown = [c for c in cs if c.state == "printed" and c.value]
        rest = len(cs) - len(shown)
    terms = [f"{_name(c, common_row, common_col, lang)} {_value(c, lang)}" for c in shown]
    if rest and all(c.state == "blank" for c in cs if c not in shown):
        terms.append(f"其余 {rest} 项均空白" if lang == "zh" else f"{rest} more, all blank")
    elif rest:
        terms.append(f"其余 {rest} 项为 0 或空白" if lang == "zh" else f"{rest} more at 0 or blank")
    return " + ".join(terms) if terms else ("（无）" if lang == "zh" else "(none)")


def _total(cs: Sequence[CellText]) -> Number:
    return sum((c.value or 0) for c in cs)


def identity_message(code: str, lhs: Sequence[CellText], rhs: Sequence[CellText], page: int | None,
                     lang: Lang = "zh") -> str:
    """``parts = sum, but total is X`` for H1–H4 and blank totals; ``lhs`` is the total side."""
    both = (*lhs, *rhs)
    common_row, common_col = _shared(both, "row_label"), _shared(both, "column_label")
    where = common_row if common_row is not None else common_col or ""
    parts = _sum_text(rhs, common_row, common_col, lang)
    is_ = "为 " if lang == "zh" else " is "
    if len(lhs) == 1:
        total = f"{_name(lhs[0], common_row, common_col, lang)}{is_}{_value(lhs[0], lang)}"
    else:
        total = f"{_sum_text(lhs, common_row, common_col, lang)} = {fmt(_total(lhs))}"
    page_text = "" if page is None else (f"（第 {page} 页）" if lang == "zh" else f" (page {page})")
    blank = code == BLANK_TOTAL
    if lang == "zh":
        tail = "；报告未印该数，无法核对，不算错误" if blank else ""
        return f"{where}：{parts} = {fmt(_total(rhs))}，但{total}{tail}{page_text}"
    tail = "; the report left it blank, so this cannot be checked" if blank else ""
    return f"{where}: {parts} = {fmt(_total(rhs))}, but {total}{tail}{page_text}"


def culprit_message(cell: CellText, expected: Number, rules: Sequence[str], lang: Lang = "zh") -> str:
    published = _value(cell, lang)
    short = cell.key.split("/", 1)[1]
    if lang == "zh":
        return (f"最可能出错的单元格：{cell.row_label}/{cell.column_label}（{cell.key}）印为 {published}；"
                f"若为 {fmt(expected)}，则 {' 与 '.join(rules)} 都成立")
    return (f"likely culprit {cell.key} ({cell.row_label}/{cell.column_label}, {short}) is printed as "
            f"{published}; {' and '.join(rules)} both hold if it is {fmt(expected)}")


def sides(f: Finding) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split an identity finding's cells into its total side and its parts (H1 has two cells a side)."""
    code = f.scope.split(":")[0] if f.code == BLANK_TOTAL else f.code
    n = 2 if code == "H1" else 1
    return f.cells[:n], f.cells[n:]


def render(f: Finding, cells: Mapping[str, CellValue], lang: Lang = "zh") -> str:
    """The message of ``f`` in ``lang``, rebuilt from the cells for identity findings, else as stored."""
    if f.code in IDENTITY_CODES or f.code == BLANK_TOTAL:
        lhs, rhs = sides(f)
        return identity_message(f.code, [cell_text(k, cells) for k in lhs],
                                [cell_text(k, cells) for k in rhs], f.page, lang)
    if f.code == "likely_culprit" and f.cells and f.expected is not None:
        rules = f.scope.split("+") if f.scope else []
        return culprit_message(cell_text(f.cells[0], cells), f.expected, rules, lang)
    return f.message
