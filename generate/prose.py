"""The text of a report: headings and short paragraphs of the six sections, filled in from the model."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ogi.generate import vocab
from ogi.generate.model import Section
from ogi.schemas import load_catalogue

SECTION_ORDER = ("overview", "active_disclosure", "requests", "review_litigation", "problems", "other_matters")
ORDINALS = ("一", "二", "三", "四", "五", "六")
TOPIC_ORDINALS = ("（一）", "（二）", "（三）", "（四）", "（五）")


@dataclass(frozen=True)
class Facts:
    """Numbers and names the narrative mentions."""

    agency: str
    short: str
    year: int
    n_requests: int
    n_carried: int


def heading(rng: random.Random, key: str, position: int, style: str) -> str:
    spec = next(s for s in load_catalogue().sections if s.key == key)
    extra = {"review_litigation": ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
             "problems": ("政府信息公开工作存在的主要问题及改进情况",)}.get(key, ())
    text = spec.label if rng.random() < 0.7 else rng.choice((*spec.variants, *extra))
    if style == "part":
        return f"第{ORDINALS[position]}部分 {text}"
    if style == "bare":
        return text
    return f"{ORDINALS[position]}、{text}"


def _fill(template: str, facts: Facts, rng: random.Random) -> str:
    return template.format(
        agency=facts.agency, short=facts.short, year=facts.year, next_year=facts.year + 1,
        n_requests=facts.n_requests, n_carried=facts.n_carried, n_active=rng.randint(80, 3000),
        n_docs=rng.randint(3, 60), n_explain=rng.randint(2, 40), n_media=rng.randint(50, 1500),
        n_training=rng.randint(1, 6),
    )


def overview(rng: random.Random, facts: Facts, long: bool) -> tuple[str, ...]:
    paras = [_fill(rng.choice(vocab.OVERVIEW_INTRO), facts, rng)]
    for i, (topic, sentences) in enumerate(vocab.OVERVIEW_TOPICS):
        k = len(sentences) if long else rng.randint(1, 2)
        chosen = [_fill(s, facts, rng) for s in (sentences[:k] if long else rng.sample(sentences, k))]
        paras.append(f"{TOPIC_ORDINALS[i]}{topic}\n" + "".join(chosen) if rng.random() < 0.5
                     else f"{TOPIC_ORDINALS[i]}{topic}。" + "".join(chosen))
    if long:
        paras.append("".join(vocab.FILLER))
    return tuple(p for part in paras for p in part.split("\n"))


def _pick(rng: random.Random, pool: tuple[str, ...], k: int, facts: Facts) -> tuple[str, ...]:
    """k sentences of the pool, in pool order (problems before remedies)."""
    return tuple(_fill(pool[i], facts, rng) for i in sorted(rng.sample(range(len(pool)), k)))


def sections(rng: random.Random, facts: Facts, heading_style: str, long: bool) -> tuple[Section, ...]:
    bodies = {
        "overview": overview(rng, facts, long),
        "active_disclosure": (_fill(rng.choice(vocab.ACTIVE_INTRO), facts, rng),),
        "requests": (_fill(rng.choice(vocab.REQUESTS_INTRO), facts, rng),),
        "review_litigation": (_fill(rng.choice(vocab.REVIEW_INTRO), facts, rng),),
        "problems": _pick(rng, vocab.PROBLEMS, 2, facts),
        "other_matters": _pick(rng, vocab.OTHER_MATTERS, rng.randint(1, 2), facts),
    }
    return tuple(
        Section(key, heading(rng, key, i, heading_style), tuple(p for p in bodies[key] if p))
        for i, key in enumerate(SECTION_ORDER)
    )


def preamble(rng: random.Random, facts: Facts) -> tuple[str, ...]:
    return (_fill(rng.choice(vocab.PREAMBLE), facts, rng),)


def signature(rng: random.Random, facts: Facts) -> tuple[str, ...]:
    return (facts.agency, f"{facts.year + 1}年{rng.choice(vocab.SIGNATURE_DATES)}")


def filler(index: int, count: int) -> str:
    """``count`` clauses of filler text (about half a line each) used to move table 三 down the page.

    The same index and count give the same text; each extra clause adds a little height.
    """
    clauses = [c for sentence in vocab.FILLER for c in re.split("[，。；]", sentence) if c]
    start = index % len(clauses)
    picked = [clauses[(start + i) % len(clauses)] for i in range(count)]
    return "，".join(picked) + "。" if picked else ""
