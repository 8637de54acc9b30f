"""Decide, for each report of a set, its format and every variant it exercises.

Each category lists its options (repeated for weight). Over a set, the options of a category are
dealt out like cards: every option appears once the set is at least as large as the list, and the
pairing with other categories is shuffled by a seeded generator. Layout categories are dealt among
the reports of one format only. Same seed and count → same plans.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from ogi.generate.model import LabelStyle, Layout, PrintStyle

# 31 slots: 8 DOCX, 7 PDF, 8 HTML, 4 text, 4 markdown (62 reports → 16/14/16/8/8).
FORMAT_CYCLE = (
    *("docx", "pdf", "html", "txt", "docx", "pdf", "html", "md") * 3,
    "docx", "html", "txt", "docx", "pdf", "html", "md",
)

STD_PARTIAL = "部分公开（区分处理的，只计这一情形，不计其他情形）"
CONTENT: dict[str, tuple[Any, ...]] = {
    "template": ("2019", "2021", "2019", "2021", "2021", "mix", "mix", "2021"),
    "partially_granted": (STD_PARTIAL, STD_PARTIAL, "部分公开（区分处理的，只计这一情况，不计其他情况）",
                          "部分公开（区分处理的，只计这一情况，不计其他情形）"),
    "law_prohibited": ("其他法律行政法规禁止公开", "其他法律行政法规禁止公开", "其他法律行政止公开",
                       "其他法律、行政法规禁止公开"),
    "internal_affairs": ("属于三类内部事务信息", "属于三类内部事务信息", "属于三类内容事务信息"),
    "quotes": ("curly", "curly", "straight", "none"),
    "other_word": ("其他", "其他", "其它"),
    "legal_person": ("法人或其他组织", "法人或其他组织", "法人或者其他组织"),
    "total_word": ("总计", "总计", "合计"),
    "numbering": ("dot", "dot", "dunhao", "fwdot", "paren"),
    "brackets": ("full", "full", "half"),
    "annotation": (False, False, True),
    "split_headers": (False, True),
    "blank_zeros": ("none", "none", "all", "some"),
    "fullwidth": ("none", "none", "none", "some", "requests"),
    "not_applicable": ("none", "slash", "dash"),
    "signed": ("cn", "sign", "plain"),
    "money": ("plain", "wanyuan", "yuan"),
    "count_unit": (False, False, True),
    "thousands": (False, True),
    "other_one_row": (False, True),
    "breaks": ("none", "none", "none", "none", "none", "culprit", "culprit", "h4"),
    "headings": ("ordinal", "ordinal", "ordinal", "part", "bare"),
}

_WORD_LAYOUT: dict[str, tuple[Any, ...]] = {
    "repeat_header": (True, False),
    "allow_row_split": (True, True, False),
    "landscape_requests": (False, False, True),
    "page_number": ("dash", "emdash", "none"),
    "long_paragraphs": (False, False, True),
    "vertical_headers": ("narrow", "explicit"),
}
LAYOUT: dict[str, dict[str, tuple[Any, ...]]] = {
    "docx": _WORD_LAYOUT,
    "pdf": {**_WORD_LAYOUT, "seek_row_split": (True, False, False)},
    "html": {
        "charset": ("utf-8/declared", "gbk/declared", "gbk/undeclared", "gb18030/declared",
                    "gb18030/undeclared", "utf-8/declared", "utf-8/undeclared"),
        "html_style": ("word", "cms"),
        "site_nav": (True, False),
        "span_split": (True, False),
        "vertical_headers": ("explicit", "none"),
    },
    "txt": {"nbsp_padding": (True, False), "vertical_headers": ("explicit", "none")},
    "md": {"md_fill": ("empty", "repeat"), "md_linebreak": ("br", "space"), "vertical_headers": ("none", "explicit")},
}


@dataclass(frozen=True)
class Plan:
    index: int
    seed: str
    fmt: str
    template: str  # 2019 | 2021 | mix (2019 table 二 with 2021 tables 三 and 四)
    labels: LabelStyle
    printing: PrintStyle
    layout: Layout
    other_one_row: bool
    breaks: str  # none | culprit | h4
    headings: str  # ordinal | part | bare

    @property
    def versions(self) -> tuple[str, str, str]:
        """Template versions of tables 二, 三, 四 (四 is the same in both; it follows 三).

        Only mixes that the labels can show are made: a 2021 table 三 is told from a 2019 one by its
        split （六） rows, so a mix is a 2019 table 二 with a 2021 table 三 that splits （六）.
        """
        if self.template == "mix":
            return ("2019", "2021", "2021")
        return (self.template, self.template, self.template)

    @property
    def other_as_one_row(self) -> bool:
        """A 2021 table 三 printing （六）其他处理 as one row (key ``other``): its labels are those of a
        2019 table, so it is made only where table 二 is 2021 too (the version it is read as)."""
        active, requests, _ = self.versions
        return self.other_one_row and requests == "2021" and active == "2021"


def deal(options: tuple[Any, ...], n: int, rng: random.Random) -> list[Any]:
    """``n`` picks that contain every option once ``n >= len(options)``, in shuffled order."""
    reps = -(-n // len(options)) if n else 0
    picks = (list(options) * reps)[:n]
    rng.shuffle(picks)
    return picks


def _dealt(categories: dict[str, tuple[Any, ...]], n: int, seed: int, scope: str) -> list[dict[str, Any]]:
    columns = {name: deal(opts, n, random.Random(f"ogi-generate/{seed}/{scope}/{name}"))
               for name, opts in categories.items()}
    return [{name: picks[i] for name, picks in columns.items()} for i in range(n)]


def _layout(fmt: str, choice: dict[str, Any]) -> Layout:
    fields = dict(choice)
    if "charset" in fields:
        encoding, declared = fields.pop("charset").split("/")
        fields |= {"encoding": encoding, "declare_charset": declared == "declared"}
    if fields.get("seek_row_split"):
        fields |= {"allow_row_split": True, "landscape_requests": False}
    return Layout(**fields)


def make_plans(seed: int, count: int) -> list[Plan]:
    formats = [FORMAT_CYCLE[i % len(FORMAT_CYCLE)] for i in range(count)]
    content = _dealt(CONTENT, count, seed, "content")
    layouts: dict[int, Layout] = {}
    for fmt, categories in LAYOUT.items():
        members = [i for i, f in enumerate(formats) if f == fmt]
        for i, choice in zip(members, _dealt(categories, len(members), seed, f"layout/{fmt}"), strict=True):
            layouts[i] = _layout(fmt, choice)
    plans = []
    for i, c in enumerate(content):
        label_fields = {k: c[k] for k in ("partially_granted", "law_prohibited", "internal_affairs", "quotes",
                                          "other_word", "legal_person", "total_word", "numbering", "brackets",
                                          "annotation", "split_headers")}
        print_fields = {k: c[k] for k in ("blank_zeros", "fullwidth", "not_applicable", "signed", "money",
                                          "count_unit", "thousands")}
        plans.append(Plan(
            index=i + 1, seed=f"{seed}/{i + 1}", fmt=formats[i], template=c["template"],
            labels=LabelStyle(**label_fields), printing=PrintStyle(**print_fields), layout=layouts[i],
            other_one_row=c["other_one_row"], breaks=c["breaks"], headings=c["headings"],
        ))
    return plans
