"""normalize/textnorm.py and the memoised text functions built on it: each answers, from its cache or not, what
the function itself answers, for every label the catalogue knows and for texts that stress the normalising."""

from __future__ import annotations

import pytest

from ogi.normalize import active_table, matcher, requests_table, review_table, sections, textnorm, values
from ogi.normalize.memo import CACHED_LENGTH
from ogi.normalize.readings import known_labels

STRESS = [
    "", " ", "\u3000（三）不予公开\u00a0", "⼀、本年新收\n政府信息", "1．属于国家秘密", "（七）总计", "第二部分 主动公开",
    "3.危及“三安全一稳定”", "¯", "e\u0301", "ＡＢＣ１２３", "（４）", "十一、", "第十部分", "1.5", "１２", "—", "减1237",
    "251000元", "1.795（万元）", "x" * (CACHED_LENGTH - 1), "长" * (CACHED_LENGTH + 3),
]
TEXTS = [*known_labels(), *STRESS]
ONE_ARGUMENT = [textnorm.norm, textnorm.split_ordinal, textnorm.core, values.looks_like_value, sections.heading_key,
                review_table.proceeding_of, requests_table._group_of, active_table._match_row]


@pytest.mark.parametrize("fn", ONE_ARGUMENT, ids=lambda f: f.__name__)
def test_a_memoised_function_answers_as_the_function(fn) -> None:  # type: ignore[no-untyped-def]
    for text in TEXTS * 2:  # the second pass is answered from the cache
        assert fn(text) == fn.__wrapped__(text), text


def test_ordinal_value_from_the_cache() -> None:
    for text in TEXTS:
        ordinal = textnorm.split_ordinal(text)[0]
        assert textnorm.ordinal_value(ordinal) == textnorm.ordinal_value.__wrapped__(ordinal)  # type: ignore[attr-defined]
    assert [textnorm.ordinal_value(o) for o in ("(三)", "2", "第四部分", "十", "十二", "")] == [3, 2, 4, 10, 12, None]


@pytest.mark.parametrize("kind", ["count", "signed", "money"])
def test_parse_value_from_the_cache(kind: str) -> None:
    for text in TEXTS * 2:
        assert values.parse_value(text, kind) == values.parse_value.__wrapped__(text, kind), text  # type: ignore[attr-defined]


def test_label_scores_and_matches_from_the_cache() -> None:
    candidates = requests_table._candidates()
    for text in TEXTS[::7] * 2:
        for cand in candidates[:6]:
            assert matcher.text_score(text, cand.variants) == matcher._text_score.__wrapped__(text, cand.variants)  # type: ignore[attr-defined]
        for group in (None, "denied", "other"):
            assert requests_table._match(text, group) == requests_table._match.__wrapped__(text, group)  # type: ignore[attr-defined]


def test_normalising_folds_widths_quotes_and_spaces() -> None:
    assert textnorm.norm("\u3000（三）不予公开\u00a0") == "(三)不予公开"
    assert textnorm.norm("3.危及“三安全一稳定”") == '3.危及"三安全一稳定"'
    assert textnorm.norm("e \u0301") == "é"  # a space removed between a letter and its mark: composed again
    assert textnorm.core("（七）总计：") == "总计"
