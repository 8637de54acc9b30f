"""Tables flattened into one line of prose (crawler archives, some copy-pastes): labels and numbers
run together, ``…申请数量230 000023二、上年结转…``.

Labels are found by their printed wording with ordinal (``2.重复申请``, ``（一）予以公开``) inside the
table region; the text between one label and the next starts with the row's digits. Spaces are
cell boundaries; inside a run of digits every split into the row's number of cells (no leading
zeros) is enumerated, and a cell is emitted only where all splits agree: the others are marked
ambiguous and reported, never guessed::

    >>> [v.raw if not v.ambiguous else "?" for v in split_cells("230 000023", 7)]
    ['?', '?', '0', '0', '0', '?', '?']
    >>> [v.raw for v in split_cells("0 0 0 0 0 00", 7)]
    ['0', '0', '0', '0', '0', '0', '0']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ogi.normalize.active_table import header_columns
from ogi.normalize.rows import SourceRow, SourceValue
from ogi.normalize.textnorm import norm
from ogi.schemas import Paragraph, load_catalogue

MAX_SPLITS = 20000
_VALUE_RUN = re.compile(r"^[\s\d.,]*(?:万?元)?")
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
                ordinal = re.escape(norm(r.ordinal or ""))
                sep = r"[、.．]?" if r.ordinal and not r.ordinal.startswith("（") else ""
                pattern = f"{ordinal}{sep}{re.escape(norm(variant))}" if r.ordinal else re.escape(norm(variant))
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
    out.append(("review_litigation", "复议后起诉", r"复议后起诉(?:结果维持结果纠正其他结果尚未审结总计)+"))
    return out


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


def _splits(token: str) -> Iterator[tuple[str, ...]]:
    @cache
    def rec(i: int) -> tuple[tuple[str, ...], ...]:
        if i == len(token):
            return ((),)
        out: list[tuple[str, ...]] = []
        for j in range(i + 1, len(token) + 1):
            piece = token[i:j]
            if len(piece) > 1 and piece[0] == "0" and not piece.startswith("0."):
                break
            if piece.endswith(".") or piece.count(".") > 1:
                continue
            out.extend((piece, *rest) for rest in rec(j))
        return tuple(out)

    yield from rec(0)


def split_cells(run: str, n: int) -> list[SourceValue]:
    tokens = run.split()
    unit = ""
    if tokens and tokens[-1].endswith("元"):
        unit = "万元" if tokens[-1].endswith("万元") else "元"
        tokens[-1] = tokens[-1][: -len(unit)]
    solutions: list[tuple[str, ...]] = [()]
    for token in tokens:
        solutions = [s + p for s in solutions for p in _splits(token) if len(s) + len(p) <= n][:MAX_SPLITS]
    solutions = [s for s in solutions if len(s) == n]
    if not solutions:
        return []
    out = []
    for i in range(n):
        values = {s[i] for s in solutions}
        if len(values) > 1:
            out.append(SourceValue(run.strip(), ambiguous=True))
        else:
            out.append(SourceValue(next(iter(values)) + (unit if i == n - 1 else "")))
    return out


def paragraph_to_rows(p: Paragraph) -> list[tuple[str, SourceRow]]:
    """(table kind, row) pairs for a paragraph holding flattened tables; [] for ordinary prose."""
    text = _text(p.text)
    hits = _hits(text)
    if sum(h.kind == "requests" for h in hits) < 4:
        return []
    rows: list[tuple[str, SourceRow]] = []
    n_active: int | None = None
    for i, hit in enumerate(hits):
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        between = text[hit.end:nxt]
        if hit.kind == "banner":
            n_active = len(header_columns([between])) or None  # the header words name the block's columns
            continue
        run = _VALUE_RUN.match(between)
        raw = run.group(0) if run else ""
        if hit.kind == "requests":
            n: int | None = 7
        elif hit.kind == "review_litigation":
            n = 15
        else:
            n = n_active
        if n is None or not raw.strip():
            continue
        values = split_cells(raw, n)
        label = text[hit.start:hit.end]
        if not values:
            values = [SourceValue(raw.strip(), ambiguous=True)] * n
        rows.append((hit.kind, SourceRow((label,), tuple(values), p.page, (label,))))
    return rows
