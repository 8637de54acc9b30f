"""Tables flattened into one line of prose (crawler archives, some copy-pastes): labels and numbers
run together, ``…申请数量230 000023二、上年结转…``.

Labels are found by their printed wording with ordinal (``2.重复申请``, ``（一）予以公开``) inside the
table region; the text between one label and the next starts with the row's digits. Spaces are
cell boundaries; inside a run of digits every split into the row's number of cells (no leading
zeros; a minus sign starts a cell: ``35-15`` is 35 and -15) is enumerated, and a cell is placed
only where all splits agree; the others are marked ambiguous, and the row keeps every reading for
the alignment engine (``align.py``), which settles what the identities fix::

    >>> [v.raw if not v.ambiguous else "?" for v in split_cells("230 000023", 7)]
    ['?', '?', '0', '0', '0', '?', '?']
    >>> [v.raw for v in split_cells("0 0 0 0 0 00", 7)]
    ['0', '0', '0', '0', '0', '0', '0']
    >>> split_readings("35-15", 2)
    (('35', '-15'),)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from ogi.normalize.active_table import header_columns
from ogi.normalize.flat_widths import separators, width_readings
from ogi.normalize.rows import SourceRow, SourceValue
from ogi.normalize.textnorm import norm
from ogi.normalize.values import parse_value
from ogi.schemas import Paragraph, load_catalogue

MAX_SPLITS = 20000
_VALUE_RUN = re.compile(r"^(?:[\s\d.,+\-—/增减]|件|万?元)*")
_SIGNS = "+-增减"  # 增37 is +37, 减16 is -16 (a change column)
_BLANKS = re.compile(r"—+|/")  # a not-applicable cell: —, —— or /
_LABEL_NOTE = re.compile(r"^\s*\(([^()]*)\)")  # a note in brackets after a row's label (NFKC brackets)
_ORDINAL = re.compile(r"[一二三四五六七八九十]+|\d+")  # (三) opens the next group, it is no note
_NEXT_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_UNITS = ("万元", "元", "件")
_UNIT_END = re.compile(r"(万元|(?<!万)元|件)")
_PIECE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")  # a printed number: 2,872 or 13.5
_QUOTES = str.maketrans({"“": '"', "”": '"'})


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    label: str


def _text(p: str) -> str:
    return unicodedata.normalize("NFKC", p).translate(_QUOTES)


def _row_patterns() -> list[tuple[str, str, str]]:
    """(kind, label, regex) for labels printed with their ordinal."""
    cat = load_catalogue()
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for v in cat.table("requests").versions:
        for r in v.rows:
            for variant in r.variants:
                if len(variant) < 4 and r.ordinal is None:
                    continue
                pattern = f"{_ordinal(r.ordinal)}{re.escape(norm(variant))}" if r.ordinal else re.escape(norm(variant))
                if pattern not in seen:
                    seen.add(pattern)
                    out.append(("requests", variant, pattern))
    for v in cat.table("active_disclosure").versions:
        for r in v.rows:
            for variant in r.variants:
                pattern = re.escape(norm(variant))
                if pattern not in seen:
                    seen.add(pattern)
                    out.append(("active_disclosure", variant, pattern))
    out.append(("banner", "第二十条", r"第二十条第\([一二三四五六七八九十]+\)项"))
    header = r"\s*".join("结果维持结果纠正其他结果尚未审结总计")
    out.append(("review_litigation", "复议后起诉", rf"复议后起诉\s*(?:{header}\s*)+"))
    return out


def _ordinal(ordinal: str) -> str:
    """The printed forms of a row's ordinal: ``（一）``, ``一、``, and a sub-row's ``1.``, ``1、`` or ``（1）``."""
    printed = re.escape(norm(ordinal))
    if ordinal.startswith("（"):
        return printed
    if ordinal.isdigit():
        return rf"(?:\({printed}\)|{printed}[、.．]?)"
    return rf"{printed}[、.．]?"


def _hits(text: str) -> list[_Hit]:
    found: list[_Hit] = []
    for kind, label, pattern in _row_patterns():
        found.extend(_Hit(m.start(), m.end(), kind, label) for m in re.finditer(pattern, text))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for h in found:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept


class _TooMany(Exception):
    """More readings than MAX_SPLITS: the run is left unread (every cell flagged), never sampled."""


def _splits(token: str, cells: int) -> tuple[tuple[str, ...], ...]:
    """Every split of ``token`` into at most ``cells`` printed numbers."""

    @cache
    def rec(i: int, k: int) -> tuple[tuple[str, ...], ...]:
        if i == len(token):
            return ((),)
        if k == 0:
            return ()
        out: list[tuple[str, ...]] = []
        sign = 1 if token[i] in _SIGNS else 0
        for j in range(i + 1 + sign, len(token) + 1):
            piece = token[i:j]
            digits = piece[sign:]
            if any(c in _SIGNS for c in digits) or (len(digits) > 1 and digits[0] == "0" and digits[1] != "."):
                break
            if (sign and digits == "0") or not _PIECE.match(digits):
                continue
            out.extend((piece, *rest) for rest in rec(j, k - 1))
            if len(out) > MAX_SPLITS:
                raise _TooMany
        return tuple(out)

    return rec(0, cells)


@cache
def _dash_splits(token: str) -> tuple[tuple[str, ...], ...]:
    """A run of not-applicable marks as cells: ``/`` is one, a dash run is cells of ``—`` or ``——``."""
    if token == "/" or len(token) <= 1:
        return ((token,),) if token else ((),)
    one = tuple(("—", *rest) for rest in _dash_splits(token[1:]))
    two = tuple(("——", *rest) for rest in _dash_splits(token[2:])) if len(token) >= 2 else ()
    return one + two


def split_readings(run: str, n: int, blanks: bool = False) -> tuple[tuple[str, ...], ...]:
    """Every reading of ``run`` as ``n`` cells; () when none fits. Spaces and units end a cell, and a
    unit stays on its cell. With ``blanks`` (the table leaves cells empty elsewhere), fewer numbers
    than cells are also a reading, with the empty cells (``""``) anywhere between them::

        >>> split_readings("353件 0 0", 3), split_readings("0 +4 838件", 3)
        ((('353件', '0', '0'),), (('0', '+4', '838件'),))
        >>> split_readings("1" * 60, 30)   # too many readings: none is read, every cell is flagged
        ()
        >>> split_readings("3 3", 3), sorted(split_readings("3 3", 3, blanks=True))
        ((), [('', '3', '3'), ('3', '', '3'), ('3', '3', '')])
    """
    tokens = _BLANKS.sub(lambda m: f" {m.group(0)} ", _UNIT_END.sub(r"\1 ", run)).split()
    solutions: list[tuple[str, ...]] = [()]
    try:
        for token in tokens:
            if _BLANKS.fullmatch(token):
                solutions = [s + p for s in solutions for p in _dash_splits(token) if len(s) + len(p) <= n]
                continue
            unit = next((u for u in _UNITS if token.endswith(u)), "")
            pieces = [(*p[:-1], p[-1] + unit) for p in _splits(token[: len(token) - len(unit)], n)]
            solutions = [s + p for s in solutions for p in pieces if len(s) + len(p) <= n]
            if len(solutions) > MAX_SPLITS:
                raise _TooMany
        if blanks:
            solutions = [r for s in solutions for r in with_blanks(s, n)]
            if len(solutions) > MAX_SPLITS:
                raise _TooMany
    except _TooMany:
        return ()
    return tuple(s for s in solutions if len(s) == n and n > 0)


def with_blanks(pieces: tuple[str, ...], n: int) -> list[tuple[str, ...]]:
    """``pieces`` in order over ``n`` cells, the cells left over empty, every way."""
    if len(pieces) > n:
        return []
    out = []
    for at in combinations(range(n), len(pieces)):
        cells = [""] * n
        for i, piece in zip(at, pieces, strict=True):
            cells[i] = piece
        out.append(tuple(cells))
    return out


def split_cells(run: str, n: int, blanks: bool = False) -> list[SourceValue]:
    return _cells(split_readings(run, n, blanks), run, n)


def _cells(solutions: tuple[tuple[str, ...], ...], run: str, n: int) -> list[SourceValue]:
    if not solutions:
        return []
    out = []
    for i in range(n):
        values = {s[i] for s in solutions}
        if len(values) > 1:
            out.append(SourceValue(run.strip(), ambiguous=True))
        else:
            out.append(SourceValue(next(iter(values))))
    return out


def paragraph_to_rows(p: Paragraph) -> list[tuple[str, SourceRow]]:
    """(table kind, row) pairs for a paragraph holding flattened tables; [] for ordinary prose."""
    text = _text(p.text)
    hits = _hits(text)
    if sum(h.kind == "requests" for h in hits) < 4:
        return []
    rows: list[tuple[str, SourceRow]] = []
    header: list[tuple[str, str]] = []
    pending: list[tuple[str, str, str, int]] = []  # (kind, label, run of values, cells)
    for i, hit in enumerate(hits):
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        between = text[hit.end:nxt]
        label = text[hit.start:hit.end]
        if hit.kind == "banner":  # the banner, then the header words that name the block's columns
            header = header_columns([between])
            pending.append(("banner", label, "", 0))
            if header:
                pending.append(("banner", between.strip(), "", 0))
            continue
        note = _LABEL_NOTE.match(between)  # 规章（设区的市、自治州人民政府应提供相关数据）000
        if note and not _VALUE_RUN.fullmatch(note.group(1)) and not _ORDINAL.fullmatch(note.group(1)):
            between = between[note.end():]
        run = _VALUE_RUN.match(between)
        raw = run.group(0) if run else ""
        n = _active_cells(hit.label, header) if hit.kind == "active_disclosure" else _FIXED_CELLS.get(hit.kind)
        if n is None:
            continue
        if not raw.strip() and not _all_blank(between, hits[i + 1] if i + 1 < len(hits) else None, text):
            continue
        pending.append((hit.kind, label, raw, n))
    blank_tables = {kind for kind, _, raw, n in pending if n and not raw.strip()}
    # a row that no reading fills without empty cells (``5     2 7 8     1 9`` for table 四's fifteen) shows
    # that its table leaves cells blank as surely as a row of blanks does
    blank_tables |= {kind for kind, _, raw, n in pending
                     if n and kind not in blank_tables and raw.strip() and not split_readings(raw, n)}
    all_readings = _by_widths(pending, [split_readings(raw, n, blanks=kind in blank_tables) if raw.strip() else ()
                                        for kind, _, raw, n in pending])
    for (kind, label, raw, n), readings in zip(pending, all_readings, strict=True):
        if kind == "active_disclosure" and len(readings) > 1:
            readings = _signs_in_place(readings, _active_kinds(label, header))
        if kind == "banner":
            rows.append(("active_disclosure", SourceRow((label,), (), p.page, (label,))))
            continue
        if not raw.strip():
            rows.append((kind, SourceRow((label,), tuple(SourceValue("") for _ in range(n)), p.page, (label,))))
            continue
        values = _cells(readings, raw, n) or [SourceValue(raw.strip(), ambiguous=True)] * n
        ambiguous = any(v.ambiguous for v in values)
        rows.append((kind, SourceRow((label,), tuple(values), p.page, (label,),
                                     readings=readings if ambiguous else ())))
    return rows


def _by_widths(pending: list[tuple[str, str, str, int]],
               readings: list[tuple[tuple[str, ...], ...]]) -> list[tuple[tuple[str, ...], ...]]:
    """The readings of each row that the whitespace widths of its table allow (``flat_widths``), table by table."""
    out = list(readings)
    kinds = sorted({k for k, _, _, n in pending if n})
    rows_of = {kind: [i for i, (k, _, raw, _) in enumerate(pending) if k == kind and raw.strip() and readings[i]]
               for kind in kinds}
    shown = [c for c in (separators([(pending[i][2], readings[i]) for i in rows_of[k]]) for k in kinds)
             if c is not None]
    between = set.intersection(*shown) if shown else None   # one crawler joined every table of the page
    for kind in kinds:
        at = rows_of[kind]
        holds = _TOTALS.get(kind)
        check = (lambda r, size=holds: _totals_hold(r, size)) if holds else None
        # a row of the table after its last numbered one (of blanks): that row's tail is followed by a label
        ends = not at or not any(k == kind for k, _, _, _ in pending[at[-1] + 1:])
        table = [(pending[i][2], readings[i]) for i in at]
        for i, kept in zip(at, width_readings(table, check, ends, between or None), strict=True):
            out[i] = kept
    return out


_GROUP_HEADING = re.compile(r"\s*\([一二三四五六七八九十]+\)[^\d()]*")  # (四)无法提供, then its first sub-row
_SUB_ROW = re.compile(r"\(1\)|1[、.．]")


def _section_title(text: str) -> bool:
    """``text`` starts with a section's title printed without its ordinal (政府信息公开行政复议、行政诉讼情况)."""
    head = norm(text[:40])
    return any(head.startswith(norm(v)) for s in load_catalogue().sections for v in s.variants)


def _all_blank(between: str, nxt: _Hit | None, text: str) -> bool:
    """A row label with no value before the next row's label (or the next section) has every cell
    empty (the next row may follow a group heading, ``（四）无法提供``); a label followed by its first
    sub-row (``（六）其他处理 （1）…``) is a group heading itself."""
    if _NEXT_SECTION.match(between) or _GROUP_HEADING.fullmatch(between) or _section_title(between):
        return True
    return not between.strip() and nxt is not None and not _SUB_ROW.match(text, nxt.start)


_FIXED_CELLS = {"requests": 7, "review_litigation": 15}
_TOTALS = {"requests": 7, "review_litigation": 5}  # cells a block of the row, the last its total (H3, H4)


def _totals_hold(reading: tuple[str, ...], size: int) -> bool:
    """Each block of ``size`` cells ends in the sum of the others (blank and not-applicable cells as 0)."""
    values = [parse_value(v, "count") for v in reading]
    if not all(v.ok for v in values):
        return False
    numbers = [v.value or 0 for v in values]
    return all(sum(numbers[i:i + size - 1]) == numbers[i + size - 1] for i in range(0, len(numbers), size))


def _signs_in_place(readings: tuple[tuple[str, ...], ...], kinds: tuple[str, ...] | None
                    ) -> tuple[tuple[str, ...], ...]:
    """The readings that put a signed cell (``增30``, ``-7``) only in a column of changes: a count is never
    an increase (gen030: ``27增30`` is 27 | 增3 | 0, not 2 | 7 | 增30)."""
    if kinds is None:
        return readings
    return tuple(r for r in readings if len(r) == len(kinds) and all(
        kind == "signed" or not cell or cell[0] not in _SIGNS for cell, kind in zip(r, kinds, strict=True)))


def _active_row(label: str, header: list[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(column keys, their value kinds) of a table 二 row's template row in the header's version, or None
    where the label names no row of it (or there is no header)."""
    if not header:
        return None
    version = Counter(v for _, v in header).most_common(1)[0][0]
    spec = load_catalogue().table("active_disclosure").version(version)
    kinds = {c.key: c.kind for c in spec.columns}
    n_label = norm(label)
    for row in spec.rows:
        if any(norm(v) == n_label for v in row.variants):
            return tuple(row.columns), tuple(kinds[c] for c in row.columns)
    return None


def _active_kinds(label: str, header: list[tuple[str, str]]) -> tuple[str, ...] | None:
    """The value kinds of a table 二 row's columns (``count``, ``signed``, ``money``), where its template row
    is known; None otherwise."""
    row = _active_row(label, header)
    return row[1] if row else None


def _active_cells(label: str, header: list[tuple[str, str]]) -> int | None:
    """Cells of a table 二 row: its template row's column count in the header's version (a header
    word misprinted, 本年废纸件数, does not drop a column), else the header's count."""
    if not header:
        return None
    row = _active_row(label, header)
    return len(row[0]) if row else len(header)
