"""Turn true values into printed cells: blanks for zeros, ``/`` and ``—``, signs, units, full-width digits.

Each function returns a :class:`PrintedCell` whose ``value`` is what a correct reader reports::

    >>> from ogi.generate.model import PrintStyle
    >>> signed_cell("licensing", "items_change", -1237, PrintStyle(signed="cn")).text
    '减1237'
    >>> money_cell("fees", "fee_amount", Decimal("25.1"), PrintStyle(money="yuan")).text
    '251000元'
"""

from __future__ import annotations

import random
from decimal import Decimal

from ogi.generate.model import PrintedCell, PrintStyle, TableModel
from ogi.generate.values import Values

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NA_TOKENS = {"slash": "/", "dash": "—"}


def to_fullwidth(text: str) -> str:
    return text.translate(FULLWIDTH)


def count_text(n: int, style: PrintStyle, unit: bool = False) -> str:
    text = f"{n:,}" if style.thousands and n >= 1000 else str(n)
    return f"{text}件" if unit and n else text


def count_cell(row: str, col: str, n: int, style: PrintStyle, *, blank: bool = False,
               unit: bool = False, fullwidth: bool = False) -> PrintedCell:
    if blank and n == 0:
        return PrintedCell(row, col, None, "", "blank")
    text = count_text(n, style, unit)
    return PrintedCell(row, col, n, to_fullwidth(text) if fullwidth else text)


def signed_cell(row: str, col: str, n: int, style: PrintStyle, fullwidth: bool = False) -> PrintedCell:
    if n == 0:
        text = "0"
    elif style.signed == "cn":
        text = f"增{n}" if n > 0 else f"减{-n}"
    elif style.signed == "sign":
        text = f"+{n}" if n > 0 else str(n)
    else:
        text = str(n)
    return PrintedCell(row, col, n, to_fullwidth(text) if fullwidth else text)


def money_cell(row: str, col: str, amount: Decimal, style: PrintStyle, brackets: str = "full") -> PrintedCell:
    """A 万元 amount; ``yuan`` prints it in 元 (251000元), the value stays in 万元."""
    plain = format(amount.normalize(), "f") if amount else "0"
    if style.money == "yuan" and amount:
        text = f"{int(amount * 10000)}元"
    elif style.money == "wanyuan" and amount:
        text = f"{plain}（万元）" if brackets == "full" else f"{plain}万元"
    else:
        text = plain
    return PrintedCell(row, col, float(amount), text)


def not_applicable(row: str, col: str, style: PrintStyle) -> PrintedCell:
    return PrintedCell(row, col, None, NA_TOKENS[style.not_applicable], "not_applicable")


ACTIVE_NA_ROWS = ("regulations",)


def active_table(version: str, values: Values, rows: tuple[str, ...], style: PrintStyle,
                 kinds: dict[str, str], rng: random.Random, brackets: str) -> TableModel:
    """Table 二. Rows an agency does not have (all zero regulations) print ``/`` or ``—`` when the style says."""
    cells: list[PrintedCell] = []
    for row in rows:
        keys = [k for k in values if k[0] == row]
        na_row = (style.not_applicable != "none" and row in ACTIVE_NA_ROWS and all(values[k] == 0 for k in keys))
        for _, col in keys:
            v = values[(row, col)]
            fw = style.fullwidth == "some" and rng.random() < 0.2
            if na_row:
                cells.append(not_applicable(row, col, style))
            elif kinds[col] == "money":
                cells.append(money_cell(row, col, Decimal(v), style, brackets))
            elif kinds[col] == "signed":
                cells.append(signed_cell(row, col, int(v), style, fw))
            else:
                cells.append(count_cell(row, col, int(v), style, unit=style.count_unit, fullwidth=fw))
    return TableModel("active_disclosure", version, rows, tuple(cells))


def requests_table(version: str, values: Values, rows: tuple[str, ...], columns: tuple[str, ...],
                   style: PrintStyle, rng: random.Random) -> TableModel:
    """Table 三: zeros may print blank (every zero, or the zeros of some rows)."""
    blank_rows = {r for r in rows if style.blank_zeros == "all"
                  or (style.blank_zeros == "some" and rng.random() < 0.5)}
    cells = []
    for row in rows:
        for col in columns:
            fw = style.fullwidth == "requests" or (style.fullwidth == "some" and rng.random() < 0.15)
            cells.append(count_cell(row, col, int(values[(row, col)]), style,
                                    blank=row in blank_rows, fullwidth=fw))
    return TableModel("requests", version, rows, tuple(cells))


def review_table(version: str, values: Values, rows: tuple[str, ...], columns: tuple[str, ...],
                 style: PrintStyle, rng: random.Random) -> TableModel:
    cells = []
    for row in rows:
        for col in columns:
            fw = style.fullwidth == "some" and rng.random() < 0.15
            cells.append(count_cell(row, col, int(values[(row, col)]), style, fullwidth=fw))
    return TableModel("review_litigation", version, rows, tuple(cells))
