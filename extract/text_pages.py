"""Page breaks inside a table of text rows (``pdftotext -layout`` / ``-raw``): the lines that belong to the
pages, not to the table.

pdftotext ends a page with its foot (``—4—``, empty lines) and starts the next with a form feed; a table
that goes on over the break repeats its column titles at the top of the new page::

    2．申请人逾期未按收费通知要求缴纳费用、
                                         —4—
    \\f                                                     申请人情况
    （本列数据的勾稽关系为：…之                    法人或者其他组织
                   和）                  自然人    商业   科研 …
                  行政机关不再处理其政府信息公开申请

Where the new page repeats the titles, the page furniture is the page-number line and the empty lines
before the form feed, the form feed's line, and the lines right after it whose words are all words of the
table's titles above it (a page that repeats no title may start anything: nothing there is furniture).
Those lines do not count as lines between two rows of the table, and they are no rows of it; the titles
still give the new page's columns (``text_positions``: every page has its own offsets)::

    >>> lines = ["规章 1 2", "文件 3 4", "", " -2- ", "\\f 数量 件数", " 数量", "许可 5 6"]
    >>> sorted(page_furniture(lines, 0, {"数量", "件数"}))
    [2, 3, 4, 5]
"""

from __future__ import annotations

import re

_PAGE_NUMBER = re.compile(r"^[\s\-—－–_·]*(?:第\s*)?[\d０-９]{1,4}(?:\s*页)?[\s\-—－–_·]*$")


def is_page_number(line: str) -> bool:
    s = line.strip()
    return bool(s) and _PAGE_NUMBER.match(s) is not None and not s.isdigit()


def page_furniture(lines: list[str], i: int, titles: set[str]) -> set[int]:
    """Indices of the page furniture in ``lines`` from ``i`` on (see the module text); ``titles`` are the words
    of the table's column titles."""
    out: set[int] = set()
    for f in range(i, len(lines)):
        if "\f" not in lines[f]:
            continue
        head = set()
        k = f if set(lines[f].split()) <= titles else f + 1
        while k < len(lines) and lines[k].split() and set(lines[k].split()) <= titles:
            head.add(k)
            k += 1
        if not head:
            continue  # the next page does not repeat the titles: the table may have ended there
        k = f - 1
        while k >= i and (not lines[k].strip() or is_page_number(lines[k])):
            k -= 1
        out |= head | set(range(k + 1, f + 1))
    return out


def title_words(header: list[str]) -> set[str]:
    """The words of a table's column titles (the lines above its first row)."""
    return {w for line in header for w in line.split()}
