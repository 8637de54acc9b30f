"""Agency and reporting year, recording which source gave each: title, text, or file name.

    >>> title_agency_year("2019年上海市人民政府办公厅政府信息公开工作年度报告")
    ('上海市人民政府办公厅', 2019)
    >>> title_agency_year("淮安市人民政府2024年政府信息公开工作年度报告")
    ('淮安市人民政府', 2024)
    >>> title_agency_year("2024 年上海市科委政府信息公开工作年度报告")
    ('上海市科委', 2024)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ogi.normalize.textnorm import norm
from ogi.schemas import Block, Document, Heading, Metadata, Paragraph

REPORT_WORDS = "政府信息公开工作年度报告"
_TITLE = re.compile(r"^(?P<pre>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<post>.*?)政府信息公开(?:工作)?年度?报告")
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-)(?:(?:19|20)\d{2}年)?12月31日")
_YEAR_WORD = re.compile(r"((?:19|20)\d{2})年")


def _clean_agency(s: str) -> str | None:
    s = re.sub(r"^(关于|印发)", "", s).strip("《》“”\"' ")
    if not s or len(s) > 40:
        return None
    return s


def title_agency_year(title: str) -> tuple[str | None, int | None]:
    t = re.sub(r"^(标题|题目|title)[:：]", "", norm(title), flags=re.I)
    m = _TITLE.search(t)
    if not m:
        return None, None
    agency = _clean_agency(m.group("post")) or _clean_agency(m.group("pre"))
    return agency, int(m.group("year"))


def _title_candidates(doc: Document) -> list[str]:
    out = [doc.title] if doc.title else []
    texts = [b.text for b in doc.blocks[:12] if isinstance(b, Heading | Paragraph)]
    for i, text in enumerate(texts):
        joined = norm(text)
        if REPORT_WORDS[:6] in joined and len(joined) < 60:
            nxt = norm(texts[i + 1]) if i + 1 < len(texts) else ""
            out.append(joined + nxt if "报告" not in joined and len(nxt) < 10 else joined)
        elif len(joined) < 40 and i + 1 < len(texts) and "报告" in norm(texts[i + 1])[:8]:
            out.append(joined + norm(texts[i + 1]))
    return out


def _text_year(blocks: Sequence[Block]) -> int | None:
    text = norm("\n".join(b.text for b in blocks if isinstance(b, Heading | Paragraph)))
    m = _PERIOD.search(text)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR_WORD.findall(text[:6000]) if 2000 <= int(y) <= 2100)
    if not years:
        return None
    return years.most_common(1)[0][0]


def document_metadata(doc: Document) -> Metadata:
    agency = year = None
    agency_src = year_src = title = ""
    for cand in _title_candidates(doc):
        a, y = title_agency_year(cand)
        if y is not None:
            title, agency, year = cand, a, y
            agency_src = "title" if a else ""
            year_src = "title"
            break
    if year is None:
        year = _text_year(doc.blocks)
        year_src = "text" if year is not None else ""
    if year is None or agency is None:
        a, y = title_agency_year(Path(doc.source).stem)
        if year is None and y is not None:
            year, year_src = y, "file_name"
        if agency is None and a is not None:
            agency, agency_src = a, "file_name"
    return Metadata(agency, agency_src, year, year_src, None, title or doc.title)
