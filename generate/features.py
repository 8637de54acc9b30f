"""Name the features a generated file really exercises (from what is printed, not from what was asked).

Tags go into ``MANIFEST.tsv``; :func:`coverage` counts them per format.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ogi.generate.model import ReportModel

FULLWIDTH_DIGIT = re.compile("[０-９]")


def _template_tags(model: ReportModel) -> list[str]:
    versions = {t.version for t in model.tables}
    return ["tpl:mixed"] if len(versions) > 1 else [f"tpl:{versions.pop()}"]


def _label_tags(model: ReportModel) -> list[str]:
    s = model.labels
    version = model.table("requests").version
    checks = [
        ("只计这一情况" in s.partially_granted, "label:只计这一情况"),
        ("内容事务" in s.internal_affairs, "label:三类内容事务信息"),
        ("行政止公开" in s.law_prohibited, "label:其他法律行政止公开"),
        ("、行政法规" in s.law_prohibited, "label:其他法律、行政法规"),
        (s.other_word == "其它", "label:其它"),
        (s.legal_person == "法人或者其他组织", "label:法人或者其他组织"),
        (s.total_word == "合计", "label:（七）合计"),
        (s.numbering != "dot", f"numbering:{ {'dunhao': '1、', 'fwdot': '1．', 'paren': '（1）'}.get(s.numbering)}"),
        (s.brackets == "half", "brackets:half"),
        (s.quotes != "curly", f"quotes:{s.quotes}"),
        (s.annotation, "label:annotation"),
        (s.split_headers, "label:split_over_lines"),
        (version == "2021" and "other" in model.table("requests").rows, "requests:other_one_row_2021"),
    ]
    return [tag for ok, tag in checks if ok]


def _value_tags(model: ReportModel) -> list[str]:
    tags = set()
    style = model.printing
    for table in model.tables:
        for c in table.cells:
            if c.note == "blank":
                tags.add(f"blank_zeros:{style.blank_zeros}")
            elif c.note == "not_applicable":
                tags.add(f"not_applicable:{c.text}")
            if c.column == "items_change" and c.value:
                tags.add(f"signed:{c.text[0] if not c.text[0].isdigit() else 'plain'}")
            if "万元" in c.text:
                tags.add("unit:万元_in_cell")
            elif c.text.endswith("元"):
                tags.add("unit:元→万元")
            if c.text.endswith("件"):
                tags.add("unit:件")
            if FULLWIDTH_DIGIT.search(c.text):
                tags.add("fullwidth_digits")
            if "," in c.text:
                tags.add("thousands_separator")
    return sorted(tags)


def _layout_tags(model: ReportModel) -> list[str]:
    lay = model.layout
    if model.fmt in ("docx", "pdf"):
        tags = ["header_repeat" if lay.repeat_header else "header_no_repeat",
                "row_split_allowed" if lay.allow_row_split else "cant_split"]
        tags += ["landscape_requests"] if lay.landscape_requests else []
        tags += [{"dash": "footer:-n-", "emdash": "footer:—n—"}[lay.page_number]] if lay.page_number != "none" else []
        tags += ["long_paragraphs"] if lay.long_paragraphs else []
        return [*tags, f"vertical_headers:{lay.vertical_headers}"]
    if model.fmt == "html":
        tags = [f"encoding:{lay.encoding}", "charset:declared" if lay.declare_charset else "charset:undeclared",
                "markup:word" if lay.html_style == "word" else "markup:cms"]
        tags += ["site_nav"] if lay.site_nav else []
        tags += ["span_split"] if lay.span_split else []
        return tags + (["vertical_headers:explicit"] if lay.vertical_headers == "explicit" else [])
    if model.fmt == "txt":
        tags = ["copied_text"] + (["nbsp_padding"] if lay.nbsp_padding else [])
        return tags + (["vertical_headers:explicit"] if lay.vertical_headers == "explicit" else [])
    tags = ["pipe_tables", f"md_merged:{lay.md_fill}", f"md_linebreak:{lay.md_linebreak}"]
    return tags + (["vertical_headers:explicit"] if lay.vertical_headers == "explicit" else [])


def feature_tags(model: ReportModel, split_rows: tuple[str, ...] = ()) -> tuple[str, ...]:
    tags = _template_tags(model) + _label_tags(model) + _value_tags(model) + _layout_tags(model)
    tags += [b.split(":")[0].replace("h4", "h4_break") for b in model.breaks]
    tags += ["row_split_by_page_break"] if split_rows else []
    return tuple(tags)


def coverage(rows: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, Counter[str]]:
    """tag -> count per format, from (format, tags) pairs."""
    table: dict[str, Counter[str]] = {}
    for fmt, tags in rows:
        for tag in tags:
            table.setdefault(tag, Counter())[fmt] += 1
    return dict(sorted(table.items()))
