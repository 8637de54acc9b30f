"""Turn a :class:`Plan` into a :class:`ReportModel`: agency, year, values, deliberate failures, text.

Every random draw comes from generators seeded with the plan's seed string, one stream for the
values and one for the prose, so changing the prose never moves a value.
"""

from __future__ import annotations

import random

from ogi.generate import printing, prose, vocab
from ogi.generate.model import ReportModel
from ogi.generate.plan import Plan
from ogi.generate.values import (
    REQUEST_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_ROWS,
    Values,
    break_culprit,
    break_review_total,
    draw_active_2019,
    draw_active_2021,
    draw_requests,
    draw_review,
    request_rows,
)
from ogi.schemas import load_catalogue

SHORT_GOVERNMENT = {"province": "本省政府", "municipality": "本市政府", "city": "本市政府",
                    "district": "本区政府", "county": "本县政府"}


def _short_department(dept: str) -> str:
    for suffix, short in (("厅", "我厅"), ("委员会", "我委"), ("局", "我局")):
        if dept.endswith(suffix):
            return short
    return "我办"


def draw_agency(rng: random.Random, rule_making_allowed: bool) -> tuple[str, str, bool]:
    """(full name, short name used in the text, whether it makes 规章).

    Only the governments of provinces and 设区的市 make 规章; when ``rule_making_allowed`` is false
    the agency is one that prints its 规章 row as not applicable.
    """
    region, level = rng.choice(vocab.REGIONS)
    kind = rng.choices(("government", "department", "township"), (3, 6, 1))[0]
    rule_making = level in vocab.RULE_MAKING_LEVELS
    if kind == "government" and (rule_making_allowed or not rule_making):
        return region + vocab.GOVERNMENT, SHORT_GOVERNMENT[level], rule_making
    if kind == "township" and level in ("district", "county"):
        return region + rng.choice(vocab.TOWNSHIPS), "我单位", False
    dept = rng.choice(vocab.DEPARTMENTS[level])
    return region + dept, _short_department(dept), False


def draw_year(rng: random.Random, template: str) -> int:
    if template == "2019":
        return rng.choice((2019, 2020))
    if template == "2021":
        return rng.randint(2021, 2025)
    return rng.choice((2021, 2021, 2022))


def _active(rng: random.Random, version: str, rule_making: bool) -> Values:
    return draw_active_2019(rng, rule_making) if version == "2019" else draw_active_2021(rng, rule_making)


def _kinds(version: str) -> dict[str, str]:
    spec = load_catalogue().table("active_disclosure").version(version)
    return {c.key: c.kind for c in spec.columns}


def draw_report(plan: Plan) -> ReportModel:
    rng = random.Random(f"ogi-generate/values/{plan.seed}")
    agency, short, rule_making = draw_agency(rng, plan.printing.not_applicable == "none")
    year = draw_year(rng, plan.template)
    v_active, v_requests, v_review = plan.versions
    other_one_row = plan.other_as_one_row
    rows = request_rows(v_requests, other_one_row)

    active_values = _active(rng, v_active, rule_making)
    request_values = draw_requests(rng, v_requests, other_one_row)
    review_values = draw_review(rng)
    breaks: list[str] = []
    if plan.breaks == "culprit":
        request_values, (row, col) = break_culprit(rng, request_values, rows)
        breaks.append(f"culprit:requests/{row}/{col}")
    elif plan.breaks == "h4":
        review_values, proceeding = break_review_total(rng, review_values)
        breaks.append(f"h4:{proceeding}")

    active_rows = tuple(r.key for r in load_catalogue().table("active_disclosure").version(v_active).rows)
    tables = (
        printing.active_table(v_active, active_values, active_rows, plan.printing, _kinds(v_active), rng,
                              plan.labels.brackets),
        printing.requests_table(v_requests, request_values, rows, REQUEST_COLUMNS, plan.printing, rng),
        printing.review_table(v_review, review_values, REVIEW_ROWS, REVIEW_COLUMNS, plan.printing, rng),
    )

    text_rng = random.Random(f"ogi-generate/prose/{plan.seed}")
    facts = prose.Facts(agency, short, year, int(request_values[("new_received", "total")]),
                        int(request_values[("carried_over", "total")]))
    return ReportModel(
        index=plan.index, seed=plan.seed, fmt=plan.fmt, agency=agency, year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        preamble=prose.preamble(text_rng, facts),
        sections=prose.sections(text_rng, facts, plan.headings, plan.layout.long_paragraphs),
        tables=tables, labels=plan.labels, printing=plan.printing, layout=plan.layout,
        breaks=tuple(breaks), signature=prose.signature(text_rng, facts),
    )
