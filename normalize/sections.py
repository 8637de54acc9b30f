"""Locate the six sections by their headings (variants, with or without ordinals or 第X部分)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ogi.normalize.matcher import text_score
from ogi.normalize.memo import text_cache
from ogi.normalize.textnorm import norm, split_ordinal
from ogi.schemas import Block, Heading, Paragraph, Section, Table, load_catalogue

MAX_HEADING_LEN = 40
MIN_SCORE = 88.0


@dataclass(frozen=True)
class HeadingHit:
    index: int
    key: str
    text: str
    score: float
    page: int | None


@text_cache
def heading_key(text: str) -> tuple[str, float] | None:
    """The section a heading line names, with its score.

    >>> heading_key("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    ('review_litigation', 100.0)
    >>> heading_key("第五部分 存在问题及改进情况")[0]
    'problems'
    """
    if "\t" in text.strip() or text.count("|") >= 2:
        return None  # a tab-separated or pipe table row, never a heading (and cheap to rule out)
    t = norm(text)
    if not t or len(t) > MAX_HEADING_LEN:
        return None
    ordinal, rest = split_ordinal(text)
    if ordinal and ordinal.isdigit():
        return None
    best: tuple[str, float] | None = None
    for sec in load_catalogue().sections:
        score = text_score(rest, sec.variants)
        if sec.label == rest.rstrip("。:："):
            score += 1  # the canonical wording beats a shorter variant that also fits
        if score >= MIN_SCORE and (best is None or score > best[1]):
            best = (sec.key, score)
    return best


def find_headings(blocks: Sequence[Block]) -> list[HeadingHit]:
    hits: list[HeadingHit] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Heading | Paragraph):
            found = heading_key(block.text)
            if found is not None:
                hits.append(HeadingHit(i, found[0], block.text, found[1], block.page))
    return hits


def _choose(hits: list[HeadingHit]) -> list[HeadingHit]:
    """One heading per section key: the best score, the first of equals."""
    best: dict[str, HeadingHit] = {}
    for h in hits:
        if h.key not in best or h.score > best[h.key].score:
            best[h.key] = h
    return sorted(best.values(), key=lambda h: h.index)


def blocks_to_sections(blocks: Sequence[Block]) -> list[Section]:
    hits = find_headings(blocks)
    chosen = _choose(hits)
    boundaries = sorted({h.index for h in hits})
    sections = []
    for h in chosen:
        end = next((b for b in boundaries if b > h.index), len(blocks))
        body = [
            b.text for b in blocks[h.index + 1 : end] if not isinstance(b, Table) and b.text.strip()
        ]
        sections.append(Section(h.key, h.text.strip(), "\n".join(body), h.page))
    return sections
