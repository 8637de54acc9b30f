"""Agency and reporting year, recording which source gave each: title, text, or file name.

    >>> title_agency_year("2019年上海市人民政府办公厅政府信息公开工作年度报告")
    ('上海市人民政府办公厅', 2019)
    >>> title_agency_year("淮安市人民政府2024年政府信息公开工作年度报告")
    ('淮安市人民政府', 2024)
    >>> title_agency_year("2024 年上海市科委政府信息公开工作年度报告")
    ('上海市科委', 2024)

Where neither title nor file name names the agency, the body may: the subject of the overview's
sentences, an organisation name before a verb of the genre::

    >>> text_agency(["推进政府信息公开是重要举措。区政务服务办高度重视政府信息公开工作，并及时做好工作落实。"])
    '区政务服务办'
    >>> text_agency(["2022年，我局高度重视政府信息公开工作。"]) is None
    True
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
_YEAR_FIRST = re.compile(r"\s*(?:19|20)\d{2}\s*年")


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
            prev = norm(texts[i - 1]).strip() if i else ""
            if _YEAR_FIRST.match(joined) and _ORG_NAME.fullmatch(prev):
                out.append(prev + joined)   # the agency on a line of its own above ``2024 年政府信息公开…``
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


_ORG_END = "办公室|委员会|管委会|办|局|委|厅|院|中心|政府|署|部|站|所|处|室"
_TEXT_AGENCY = re.compile(
    rf"(?:^|[。！；\n])(?:(?:19|20)\d{{2}}年(?:以来|度)?，)?(?P<a>[\u4e00-\u9fff]{{2,24}}?(?:{_ORG_END}))"
    r"(?:高度重视|始终高度重视|认真贯彻|深入贯彻|全面贯彻|坚持以|坚持|严格按照|按照|紧紧围绕|围绕|积极)"
)


def text_agency(paragraphs: Sequence[str]) -> str | None:
    """The organisation the overview's sentences name as their subject (the first one named twice,
    else the first one); never 我局/本委 and the like, which name no one."""
    found: list[str] = []
    for text in paragraphs:
        for m in _TEXT_AGENCY.finditer(norm(text)):
            name = m.group("a")
            if name[0] not in "我本该各全":
                found.append(name)
    if not found:
        return None
    counts = Counter(found)
    return next((a for a in found if counts[a] > 1), found[0])


_ORG_NAME = re.compile(rf"[\u4e00-\u9fff（）()]{{2,30}}(?:{_ORG_END})")  # a name, not a phrase ending in one
_WORDS = re.compile(r"[^\s：:，,。；;【】|>]+")  # the words of a run of text, as a page's title stands among them
_BODY_CHARS = 2000  # a page's title stands near its top: the site's header, then the title, then the body


def body_title_agency(paragraphs: Sequence[str]) -> tuple[str | None, int | None]:
    """The agency and year of a report title printed inside the body text, among other words: a crawler
    flattens the page's header, menu, title and body into one line (``… 政府信息公开年报
    德清县财政局2021年政府信息公开工作年度报告 发布时间：…``), so the title is no paragraph of its own; what
    stands before the year must be an organisation's name::

        >>> body_title_agency(["首页 政府信息公开年报 德清县财政局2021年政府信息公开工作年度报告 发布时间：2022-01-17"])
        ('德清县财政局', 2021)
        >>> body_title_agency(["本报告根据2021年政府信息公开工作年度报告格式编制。"])
        (None, None)
    """
    for text in paragraphs:
        for m in _WORDS.finditer(text[:_BODY_CHARS]):
            if REPORT_WORDS[-4:] not in m.group(0):
                continue
            agency, year = title_agency_year(m.group(0))
            if agency is not None and _ORG_NAME.fullmatch(agency):
                return agency, year
    return None, None


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
    paragraphs = [b.text for b in doc.blocks[:30] if isinstance(b, Paragraph)]
    if agency is None:
        agency, y = body_title_agency(paragraphs[:3])
        agency_src = "text" if agency else ""
        if year is None and y is not None:
            year, year_src = y, "text"
    if agency is None:
        agency = text_agency(paragraphs)
        agency_src = "text" if agency else ""
    return Metadata(agency, agency_src, year, year_src, None, title or doc.title)
