"""Match printed labels to canonical keys by text (rapidfuzz on normalised labels) and structure.

Text alone is not enough: ``其他`` is the column ``other_org``, the row ``other_other`` only under
（六）其他处理; ``总计`` is the column ``total`` but the row （七）总计 is ``total_processed``.
Callers pass the structural context (group, ordinal); this module scores candidates and says
when the top two are too close to call::

    >>> from ogi.schemas import load_catalogue
    >>> rows = load_catalogue().table("requests").version("2021").rows
    >>> best = match_label("3.其他", [Candidate(r.key, r.variants, r.group, r.ordinal) for r in rows],
    ...                    group="other")
    >>> best.key, best.score
    ('other_other', 100.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ogi.normalize.memo import text_cache
from ogi.normalize.textnorm import core, norm, ordinal_value, split_ordinal

CUTOFF = 72.0
AMBIGUITY_MARGIN = 3.0


@dataclass(frozen=True)
class Candidate:
    key: str
    variants: tuple[str, ...]
    group: str | None = None
    ordinal: str | None = None
    payload: str = ""


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    payload: str = ""
    runner_up: str | None = None
    runner_up_score: float = 0.0

    @property
    def ambiguous(self) -> bool:
        return self.runner_up is not None and self.score - self.runner_up_score < AMBIGUITY_MARGIN


@lru_cache(maxsize=4096)
def _variant_core(variant: str) -> str:
    return core(variant)


def text_score(label: str, variants: Sequence[str]) -> float:
    """Best similarity of a label to any variant, 0–100. An annotation appended to a full
    variant (``规章(设区的市…)``) still scores high."""
    return _text_score(label, tuple(variants))


@text_cache
def _text_score(label: str, variants: tuple[str, ...]) -> float:
    lab = core(label)
    if not lab:
        return 0.0
    best = 0.0
    for v in variants:
        vc = _variant_core(v)
        if not vc:
            continue
        score = fuzz.ratio(lab, vc)
        if len(vc) >= 2 and lab.startswith(vc) and len(lab) > len(vc):
            tail = lab[len(vc):]
            if tail[0] in "(（[【〈《":  # 〈 《: how OCR often reads （
                score = max(score, 97.0)
            elif len(vc) >= 4:
                score = max(score, 92.0)
        if score > best:
            best = score
    return best


def _structure_adjust(label: str, cand: Candidate, group: str | None) -> float:
    adjust = 0.0
    src_ord = ordinal_value(split_ordinal(label)[0])
    if src_ord is not None and cand.ordinal:
        cand_ord = ordinal_value(cand.ordinal)
        if cand_ord is not None:
            adjust += 3.0 if cand_ord == src_ord else -12.0
    if cand.group is not None and group is not None and cand.group != group:
        adjust -= 40.0
    if cand.group is not None and group is None and cand.group in {"denied", "unable", "not_processed"}:
        adjust -= 5.0
    return adjust


def match_label(
    label: str, candidates: Sequence[Candidate], group: str | None = None, cutoff: float = CUTOFF
) -> Match | None:
    """The best candidate above ``cutoff`` (score capped at 100), with the runner-up for ambiguity checks."""
    scored: list[tuple[float, Candidate]] = []
    for cand in candidates:
        base = text_score(label, cand.variants)
        if base < 50:
            continue
        scored.append((min(100.0, base + _structure_adjust(label, cand, group)), cand))
    if not scored:
        return None
    scored.sort(key=lambda sc: -sc[0])
    best_score, best = scored[0]
    if best_score < cutoff:
        return None
    runner = next(((s, c) for s, c in scored[1:] if c.key != best.key), None)
    return Match(
        best.key, float(best_score), best.payload,
        runner[1].key if runner else None, float(runner[0]) if runner else 0.0,
    )


def contains_label(text: str, variant: str) -> bool:
    return norm(variant) in norm(text)
