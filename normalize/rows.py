"""Tables and text lines → source rows: the label parts and the value cells of each printed row.

A row's *labels* are its label cells in order, preceded by the labels of cells spanning down
into it from rows above (``三、本年度办理结果`` over all result rows); its *values* are the
trailing run of value-like cells (numbers, null tokens, blanks) after the last label. Covered
slots of a horizontal span are skipped, so a value merged across two columns counts once::

    >>> from ogi.schemas import Table, TableCell
    >>> t = Table((TableCell(0, 0, "（三）不予公开", rowspan=2), TableCell(0, 1, "1.属于国家秘密"),
    ...            TableCell(0, 2, "0"), TableCell(1, 1, "2.其他"), TableCell(1, 2, "5", colspan=2)))
    >>> [(r.labels, [v.raw for v in r.values]) for r in table_to_rows(t)]
    [(('（三）不予公开', '1.属于国家秘密'), ['0']), (('（三）不予公开', '2.其他'), ['5'])]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ogi.normalize.readings import with_best_readings
from ogi.normalize.values import BLANK_CHARS, is_blank, looks_like_value
from ogi.schemas import UNREAD_TEXT, Box, Paragraph, Table, TableCell


@dataclass(frozen=True)
class SourceValue:
    """A printed value cell. ``ambiguous`` marks a position whose digits could be read more than one
    way (cells run together in flattened text): it holds its column's place but is never emitted."""

    raw: str
    page: int | None = None
    bbox: Box | None = None
    ambiguous: bool = False
    col: int | None = None  # grid column of the cell, where the source has a grid
    confidence: float | None = None  # OCR confidence of the cell's text (None: read from a text layer)


@dataclass(frozen=True)
class SourceRow:
    labels: tuple[str, ...]
    values: tuple[SourceValue, ...]
    page: int | None = None
    own_labels: tuple[str, ...] = ()
    label_cells: tuple[tuple[str, int, int], ...] = ()  # own label cells: (text, grid column, column span)
    readings: tuple[tuple[str, ...], ...] = ()  # every way to read run-together values (see align.py)

    @property
    def text(self) -> str:
        return " ".join(self.labels)

    def has_numbers(self) -> bool:
        return any(v.raw.strip(BLANK_CHARS) for v in self.values)  # not is_blank, inlined


def unread(cell: TableCell) -> bool:
    """An OCR'd cell with print nothing could read: it holds a value's place (reported unparsed)."""
    return cell.confidence == 0.0 and cell.text == UNREAD_TEXT


Item = tuple[str, bool, TableCell, int]  # a slot's text, whether it is a label, its cell, its grid column


def _split_labels_values(items: list[Item]) -> tuple[list[str], list[SourceValue]]:
    """items in column order → (labels, trailing values); ``is_label`` is true for a label spanning down from
    above and for any cell that does not look like a value. Only the trailing values are made SourceValues."""
    last_label = -1
    for i, (_, is_label, _, _) in enumerate(items):
        if is_label:
            last_label = i
    labels = [t.strip() for t, _, _, _ in items[: last_label + 1] if t.strip(BLANK_CHARS)]  # not is_blank(t)
    values = [SourceValue(t, cell.page, cell.bbox, False, c, cell.confidence)  # raw, page, bbox, ambiguous, col, conf.
              for t, _, cell, c in items[last_label + 1:]]
    return labels, values


def table_to_rows(table: Table) -> list[SourceRow]:
    rows: list[SourceRow] = []
    table = with_best_readings(table)  # a label OCR read two ways: the reading the catalogue knows
    for r, slots in enumerate(table.slot_cells()):
        items: list[Item] = []
        own: list[str] = []
        label_cells: list[tuple[str, int, int]] = []
        seen: set[int] = set()
        for c, slot in enumerate(slots):
            if slot is None:
                continue
            cell, covered = slot
            text = cell.text
            if covered:
                from_above = cell.row < r and cell.col == c and id(cell) not in seen
                if from_above and not looks_like_value(text):
                    items.append((text, True, cell, c))
                    seen.add(id(cell))
                continue
            is_label = not (looks_like_value(text) or unread(cell))
            items.append((text, is_label, cell, c))
            if is_label:
                label = text.strip()
                own.append(label)
                label_cells.append((label, c, cell.colspan))
        if not items:
            continue
        labels, values = _split_labels_values(items)
        page = next((v.page for v in values if v.page is not None), table.page)
        rows.append(SourceRow(tuple(labels), tuple(values), page, tuple(own), tuple(label_cells)))
    return rows


MIN_BARE_VALUES = 3  # numbers on a line of their own that make a label-less row
_SENTENCE = re.compile(r"[。；;，,：:！？]")
_TOKEN_SPLIT = re.compile(r"[\s\u00a0\u3000]+")
# a count's unit set apart from its number by one space (``pdftotext -layout``: ``行政强制   64 件``)
_UNIT_APART = re.compile(r"([\d０-９]) (万元|[件条个项元])(?=\s|$)")


def unreadable_label(row: SourceRow) -> bool:
    """A row of OCR'd figures (every value cell carries an OCR confidence) whose label the caller could not
    match: a misread, not a row the template lacks, so its place in the grid may place it (align.py)."""
    return row.has_numbers() and all(v.confidence is not None for v in row.values)


def paragraph_to_row(p: Paragraph) -> SourceRow | None:
    """A text line like ``行政许可 97`` or ``规章 0 0 0`` as a row; None for prose."""
    tokens = [t for t in _TOKEN_SPLIT.split(_UNIT_APART.sub(r"\1\2", p.text.strip())) if t]
    if len(tokens) < 2:
        return None
    if len(tokens) >= MIN_BARE_VALUES and all(looks_like_value(t) and not is_blank(t) for t in tokens):
        # a row of numbers whose label the layout put elsewhere (lynx of table 四: the header letters stacked
        # above, the one data row alone): placed by the table's order or reported, never by a guessed label
        return SourceRow((), tuple(SourceValue(t, p.page, p.bbox) for t in tokens), p.page)
    n = 0
    while n < len(tokens) and looks_like_value(tokens[-1 - n]) and not is_blank(tokens[-1 - n]):
        n += 1
    if n == 0:
        return None
    if n == len(tokens):  # a line of numbers only (table 四's one row, a row whose label is on the lines above)
        return SourceRow((), tuple(SourceValue(t, p.page, p.bbox) for t in tokens), p.page)
    label = "".join(tokens[: len(tokens) - n])
    if len(label) > 30 or _SENTENCE.search(label) or re.search(r"\d", label.lstrip("0123456789.、．")):
        return None
    values = tuple(SourceValue(t, p.page, p.bbox) for t in tokens[len(tokens) - n:])
    return SourceRow((label,), values, p.page, (label,))


def trim_values(values: Sequence[SourceValue], n: int) -> list[SourceValue]:
    """Drop blank cells at the end, then at the start, while there are more than ``n`` (empty
    cells that converters and merged label columns leave around a row's numbers)."""
    vals = list(values)
    while len(vals) > n and is_blank(vals[-1].raw):
        vals.pop()
    while len(vals) > n and is_blank(vals[0].raw):
        vals.pop(0)
    return vals


def fit_values(values: Sequence[SourceValue], n: int) -> list[SourceValue] | None:
    """Exactly ``n`` value cells after trimming blanks, or None."""
    vals = trim_values(values, n)
    return vals if len(vals) == n else None


def on_value_grid(rows: Sequence[SourceRow], n: int) -> list[SourceRow]:
    """Rows whose value cells are read at the table's value columns, where a grid shows those columns.

    A converter that drops cell spans (pandoc's pipe tables) pads a label that spans two columns with an
    empty cell, so that row prints one cell more before its numbers than the rows whose labels fill every
    label column: ``| （一）予以公开 |  | 258 | 12 | … | 1 |  |`` under ``| （三）不予公开 | 1.属于国家秘密 | 14 | …``.
    Trimming blanks cannot tell which end's blank is the padding. Where the rows that print exactly ``n``
    value cells all print them at the same ``n`` grid columns (two rows at least, and no row of ``n`` cells
    elsewhere), a row with more cells keeps those at the value columns, provided every cell it drops is
    blank; any other row is left as it is::

        >>> def row(*cells):
        ...     return SourceRow(("x",), tuple(SourceValue(raw, col=c) for c, raw in cells))
        >>> rows = [row((2, ""), (3, "258"), (4, "12"), (5, "")), row((3, "14"), (4, ""), (5, "")),
        ...         row((3, "5"), (4, "1"), (5, "6"))]
        >>> [[v.raw for v in r.values] for r in on_value_grid(rows, 3)]
        [['258', '12', ''], ['14', '', ''], ['5', '1', '6']]
    """
    exact = {tuple(v.col for v in r.values) for r in rows if len(r.values) == n}
    counted = sum(1 for r in rows if len(r.values) == n)
    if len(exact) != 1 or counted < 2:
        return list(rows)
    (cols,) = exact
    if None in cols:
        return list(rows)
    at = set(cols)
    out = []
    for r in rows:
        if len(r.values) > n and at <= {v.col for v in r.values} and \
                all(is_blank(v.raw) for v in r.values if v.col not in at):
            r = replace(r, values=tuple(v for v in r.values if v.col in at))
        out.append(r)
    return out


def _blank_values(row: SourceRow) -> bool:
    return all(is_blank(v.raw) for v in row.values)


def _starts_numbered(label: str) -> bool:
    """An ordinal opens the label, or empty brackets where OCR lost the ordinal's digit (``()信访…``)."""
    from ogi.normalize.textnorm import norm, split_ordinal

    return bool(split_ordinal(label)[0]) or norm(label).startswith("()")


def stitch_page_splits(rows: list[SourceRow]) -> list[SourceRow]:
    """Join a row that a page break cut in two: on the new page, a first data row whose own label
    does not start with an ordinal, where one of the two halves printed no numbers, continues the
    last data row of the old page (its label text appended, its values filling the blanks). The same
    for a label wrapped onto a physical line of its own (grid tables in text): a row of blank cells
    whose label starts with no ordinal continues the row of numbers above it."""
    out: list[SourceRow] = []
    last_data: int | None = None
    for row in rows:
        prev = out[last_data] if last_data is not None else None
        new_page = row.page is not None and prev is not None and prev.page is not None and row.page > prev.page
        continues = (
            prev is not None and row.values and len(row.values) == len(prev.values)
            and row.labels and not _starts_numbered(row.labels[-1])
            and ((new_page and (_blank_values(row) or _blank_values(prev)))
                 or (_blank_values(row) and not _blank_values(prev)))  # a label wrapped onto a line of its own
        )
        if continues and prev is not None and last_data is not None:
            values = tuple(a if not is_blank(a.raw) else b for a, b in zip(prev.values, row.values, strict=True))
            labels = (*prev.labels[:-1], prev.labels[-1] + row.labels[-1])
            out[last_data] = SourceRow(labels, values, prev.page, prev.own_labels, prev.label_cells)
            last_data = None
            continue
        out.append(row)
        if row.values:
            last_data = len(out) - 1
    return out
