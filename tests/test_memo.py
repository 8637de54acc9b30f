"""normalize/memo.py: a memoised text function answers as the function itself, keeps short texts only, and
tells its other arguments apart."""

from __future__ import annotations

import pytest

from ogi.normalize import matcher, memo, textnorm, values
from ogi.normalize.memo import CACHED_LENGTH, text_cache


def test_short_texts_are_kept_and_long_ones_computed_each_time() -> None:
    calls: list[str] = []

    @text_cache
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    long = "长" * (CACHED_LENGTH + 1)
    assert [length("总计"), length("总计"), length(long), length(long)] == [2, 2, CACHED_LENGTH + 1, CACHED_LENGTH + 1]
    assert calls == ["总计", long, long]


def test_other_arguments_are_part_of_the_key() -> None:
    assert values.parse_value("251000元", "money").value == 25.1
    assert values.parse_value("251000元", "count").value == 251000
    assert values.parse_value("1.5", "count").value == 1.5 and values.parse_value("1.5", "money").value == 1.5


def test_memoised_functions_answer_as_the_functions_themselves() -> None:
    texts = ["（三）不予公开 ", "⼀、本年新收\n政府信息", "1．属于国家秘密", "３件", "减1237", "—", "\u00a0", "1.795（万元）",
             "（七）总计", "第二部分 主动公开", "x" * (CACHED_LENGTH + 5)]
    for text in texts * 2:  # the second pass is answered from the caches
        assert textnorm.norm(text) == textnorm.norm.__wrapped__(text)  # type: ignore[attr-defined]
        assert textnorm.split_ordinal(text) == textnorm.split_ordinal.__wrapped__(text)  # type: ignore[attr-defined]
        assert textnorm.core(text) == textnorm.core.__wrapped__(text)  # type: ignore[attr-defined]
        for kind in ("count", "signed", "money"):
            assert values.parse_value(text, kind) == values.parse_value.__wrapped__(text, kind)  # type: ignore[attr-defined]
        assert values.looks_like_value(text) == values.looks_like_value.__wrapped__(text)  # type: ignore[attr-defined]
        variants = ("本年新收政府信息公开申请数量", "（七）总计")
        assert matcher.text_score(text, list(variants)) == matcher._text_score.__wrapped__(text, variants)  # type: ignore[attr-defined]


def test_a_full_cache_drops_its_oldest_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "CACHE_SIZE", 2)
    calls: list[str] = []

    @text_cache
    def upper(text: str, suffix: str = "") -> str:
        calls.append(text)
        return text.upper() + suffix

    assert [upper("a"), upper("b"), upper("a"), upper("c"), upper("b"), upper("a")] == ["A", "B", "A", "C", "B", "A"]
    assert calls == ["a", "b", "c", "a"]  # c pushed a (the oldest) out; b stayed
    assert upper("a", "!") == "A!" and upper("a") == "A"  # a second argument is another key
