"""Table rows printed as lines of words and numbers joined by spaces (``lynx -dump``, ``pdftotext -layout``,
``w3m`` of a table without borders): ``（一）予以公开 １ ０ ０ ０ ０ ０ １``.

A run of such lines (each ending in at least :data:`MIN_VALUES` number tokens, with at most
:data:`MAX_GAP` lines of header words or empty lines between them) is one table; each line is a row whose
words are label cells and whose trailing numbers are value cells, in printed order. Where the layout dropped
a blank cell the row is shorter: lynx's one space per blank cell (:func:`_with_blanks`) and the positions of
a laid-out table's numbers (``text_positions``) put the blanks back where they fix them, and a label wrapped
around its numbers is joined to them (``text_wrapped``); otherwise the reader does not guess (normalize
places such rows by their column count and the identities)::

    >>> t, end = spaced_rows_table(["x", "规章 0 0 0", "规范性文件 6件 6件 116件", "三、结果 （一）公开 1 2", "y"], 1)
    >>> end, [[c.text for c in r] for r in t.rows()]
    (4, [['规章', '0', '0', '0'], ['规范性文件', '6件', '6件', '116件'], ['三、结果', '（一）公开', '1', '2']])
"""

from __future__ import annotations

import re
from functools import lru_cache

from ogi.extract.text_columns import NUMBER
from ogi.extract.text_pages import is_page_number, page_furniture, title_words
from ogi.extract.text_positions import MAX_COLUMNS, spread_by_position, token_spans
from ogi.extract.text_wrapped import blank_label_rows, join_wrapped
from ogi.schemas import Table, TableCell, load_catalogue

MIN_VALUES = 2
MAX_GAP = 8  # header lines (no numbers) between two numeric rows of one table
MIN_ROWS = 3
MAX_TITLE_LINES = 24  # lines of column titles a page may repeat (-raw: one title word a line)
MAX_WORD = 60  # a longer word is prose, not a label cell
_CACHED_LINE = 400  # longer lines are split afresh, not kept in the cache
_SPACES = re.compile(r"\s+")
# a numbered row label (（三）不予公开, 2.重复申请, 四、结转…): a row whose cells are all blank, printed as its label
_TOP = re.compile(r"([一二三四五六七八九])、\S")  # a top-level row label: 一、… 四、…
_NUMERALS = "一二三四五六七八九"
_NA = {"/", "／", "—", "－"}
_SIGNED = re.compile(r"^[增减][\d０-９][\d０-９,，.．]*[件项个]?$")
_SIGN = re.compile(r"(?<!\S)([增减]) ([\d０-９][\d０-９,，.．]*)")
_UNIT = re.compile(r"([\d０-９]) (万元|[件条个项元])(?=\s|$)")
_FIRST = re.compile(r"一、\S")
_ITEM = re.compile(r"(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、])\S")


def _split(line: str) -> tuple[list[str], list[str]] | None:
    """(label words, trailing numbers) of a row line, or ``None`` when it is not one (a page number is words).
    A change signed in words (``减9``) is a number; a slash or dash (``/``, ``—``: not applicable) stands in a
    value column as a number does. Fresh lists each call (callers may change them) of one cached reading:
    the table readers test a line several times (value row, single row, blank row, lynx item)."""
    split = _split_words(line) if len(line) <= _CACHED_LINE else _split_words.__wrapped__(line)
    return None if split is None else (list(split[0]), list(split[1]))


@lru_cache(maxsize=8192)
def _split_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if is_page_number(line):
        return (line.strip(),), ()  # ``— 3 —``: no row of numbers
    words = join_units(line).split()
    n = 0
    while n < len(words) and _is_value(words[len(words) - 1 - n]):
        n += 1
    labels = words[: len(words) - n]
    if any(len(w) > MAX_WORD for w in labels) or any(NUMBER.match(w) for w in labels):
        return None
    return tuple(labels), tuple(words[len(words) - n:])


def _is_value(word: str) -> bool:
    return NUMBER.match(word) is not None or word in _NA or _SIGNED.match(word) is not None


def join_units(line: str) -> str:
    """The line with a count's unit (or a change's sign in words) set apart by one space joined to its number,
    the columns after it kept (``行政许可   178 件   0`` → ``行政许可   178件    0``, ``减 23`` → ``减23 ``): one
    cell, as ``178件`` is.

    >>> join_units("许可  178 件   0  4,844 件")
    '许可  178件    0  4,844件 '
    """
    return _SIGN.sub(r"\1\2 ", _UNIT.sub(r"\1\2 ", line))


def _is_value_row(line: str) -> bool:
    split = _split(line)
    return split is not None and len(split[1]) >= MIN_VALUES


def _is_single_row(line: str) -> bool:
    """A line with one trailing number (``果   1``, ``（七）合计  3``, or the number alone under its wrapped
    label): inside a block of number rows a row that printed one cell, the rest blank; it never starts a
    table."""
    split = _split(line)
    return split is not None and len(split[1]) == 1 and len(split[0]) <= 8


def _under_title(lines: list[str], i: int, last_value: int, r: int) -> bool:
    """A laid-out line of one number under a word of a text line since the block's last number line: a
    sub-table's column title (``信息内容  本年处理决定数量`` over ``行政许可  3,254``), which starts a table of
    its own. Numbers joined by single spaces (``pdftotext -raw``) have no columns to be under."""
    if set(_value_gaps(lines[i:r])) == {1}:
        return False
    a, b, _ = token_spans(lines[r])[-1]
    return any(x < b and y > a for line in lines[last_value + 1:r] for x, y, _ in token_spans(line))


def _label_row(lines: list[str], i: int, since: list[int], r: int) -> bool:
    """A numbered label line that may be a row of blank cells (see ``text_wrapped.blank_label_rows``), so the
    gap limit counts from it: in numbers joined by single spaces (``pdftotext -raw``) any numbered label; in
    a laid-out table one that follows the last row without an empty line (an empty line is a page's foot
    or the space before a section heading: ``三、收到和处理…`` after table 二 is no row of it)."""
    if not _is_blank_row(lines[r]):
        return False
    return set(_value_gaps(lines[i:r])) == {1} or all(lines[k].strip() for k in since)


def table_start(lines: list[str], i: int) -> int:
    """The first line of the table whose first number line is ``lines[i]``: ``i``; or, for a first number line
    without a label, the label line right above it, all left of its numbers (``规章(设区的市、自治州人民政``
    over ``/  /  /``: the label wraps around them); or the nearest line above it that opens the table's
    top-level numbering (``一、本年新收…``, its cells all blank, printed as its label alone) when only label
    lines stand between the two (rows of blank cells and wrapped labels); or else, numbers joined by single
    spaces, the first of two lines of their wrapped label right above them (:func:`_wrapped_label_above`)."""
    split = _split(lines[i])
    if split is not None and not split[0] and i > 0 and _label_beside(lines[i - 1], lines[i]):
        return i - 1
    k = i - 1
    while k >= 0 and i - k <= MAX_TITLE_LINES and _is_header_row(lines[k]):
        if _FIRST.match(lines[k].strip()):
            return k
        k -= 1
    return i - 2 if split is not None and not split[0] and _wrapped_label_above(lines, i) else i


def _wrapped_label_above(lines: list[str], i: int) -> bool:
    """Numbers joined by single spaces (``pdftotext -raw``) under the two lines of their row's label, a
    bracket opened on the first and closed at the end of the second (``规章（设区的市、自治州人民政`` /
    ``府应提供相关数据）`` over ``/ / /``): that label, not column titles."""
    if i < 2 or set(_value_gaps(lines[i:i + 1])) != {1}:
        return False
    top, bottom = lines[i - 2].strip(), lines[i - 1].strip()
    return (_is_header_row(top) and _is_header_row(bottom) and len(top.split()) == 1 and len(bottom.split()) == 1
            and _opens(top) and bottom[-1] in "）)" and not _opens(bottom))


def _opens(text: str) -> bool:
    """A bracket opened and not closed in the text."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _label_beside(above: str, numbers: str) -> bool:
    """A line of label words all left of the numbers of the line below it (their row's wrapped label)."""
    words, spans = token_spans(above), token_spans(numbers)
    return _is_header_row(above) and bool(words) and bool(spans) and words[-1][1] < spans[0][0]


def _wrapped_first_row(lines: list[str], i: int, first: int) -> bool:
    """The table's first number line has no label and stands between its wrapped label's lines (``规章（设区的
    市、自治州人民政`` / ``—  —  —`` / ``府应提供相关数据）``): a table of two number rows is then a table (gen052's
    table 二, whose other rows print one number each under titles of their own)."""
    split = _split(lines[i])
    below = _split(lines[i + 1]) if i + 1 < len(lines) else None
    return (first == i - 1 and split is not None and not split[0] and below is not None and bool(below[0])
            and not below[1])


def _after_last_row(lines: list[str], i: int, end: int) -> int:
    """The end of the block: after its last number line, and after one more top-level label right below it
    that goes on the block's top-level numbering (``四、结转下年度继续办理`` after ``三、…``, printed alone: a row
    of blank cells); a section heading below that (``四、政府信息公开行政复议…``) repeats the ordinal."""
    if end >= len(lines) or not _is_blank_row(lines[end]):
        return end
    head = _TOP.match(lines[end].strip())
    seen = [w[0] for line in lines[i:end] for w in line.split() if len(w) > 1 and w[0] in _NUMERALS and w[1] == "、"]
    if head is None or not seen or _NUMERALS.find(head.group(1)) != _NUMERALS.find(seen[-1]) + 1:
        return end
    return end + 1


def _is_header_row(line: str) -> bool:
    split = _split(line)
    return split is not None and not split[1] and 0 < len(split[0]) <= 8


def _is_blank_row(line: str) -> bool:
    """A numbered label alone: in a table whose cells are joined by one space (lynx, see
    :func:`_blank_cells_joined`) a row whose cells are all blank, its trailing spaces dropped, so a run of
    them between two value rows does not end the table the way a run of header words does. A run with an
    unnumbered line in it is wrapped label text (pdftotext) and keeps the :data:`MAX_GAP` limit."""
    return _is_header_row(line) and _ITEM.match(line.strip()) is not None


def spaced_rows_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """The table of number rows starting at ``lines[i]`` and the index after it, or ``(None, i)``."""
    if not _is_value_row(lines[i]):
        return None, i
    first = table_start(lines, i)
    header = _header_lines(lines, first)
    furniture = page_furniture(lines, i, title_words(_header_lines(lines, first, MAX_TITLE_LINES)))
    end, last_value, last_row, n_values, blank_rows = i, i, i, 0, True
    while end < len(lines):
        near = sum(1 for k in range(last_row + 1, end + 1) if k not in furniture) <= MAX_GAP
        if _is_value_row(lines[end]):
            last_value, last_row, n_values, blank_rows = end, end, n_values + 1, True
        elif end in furniture:
            pass  # a page's foot, the form feed and the titles repeated on the next page
        elif _is_single_row(lines[end]) and near and not _under_title(lines, i, last_value, end):
            last_value, last_row, n_values = end, end, n_values + 1
        elif blank_rows and _is_blank_row(lines[end]) and _odd(_value_gaps(lines[i:end])):
            pass  # lynx's row of blank cells: its label alone, numbered
        elif not lines[end].strip() and near:
            pass
        elif _is_header_row(lines[end]) and near:
            counts = _label_row(lines, i, [k for k in range(last_row + 1, end) if k not in furniture], end)
            last_row, blank_rows = (end if counts else last_row), False
        else:
            break
        end += 1
    end = _after_last_row(lines, first, last_value + 1)
    if n_values < MIN_ROWS and not (n_values == MIN_ROWS - 1 and _wrapped_first_row(lines, i, first)):
        return None, i
    end, kept, block = _block(lines, first, end, furniture)
    splits = [_split(line) or ([line.strip()], []) for line in block]
    if _blank_cells_joined(block):
        values = [_with_blanks(line, len(s[0]), s[1]) if s[1] else [] for line, s in zip(block, splits, strict=True)]
    else:
        values = spread_by_position(block, [s[1] for s in splits], header)
    rows = [(labels, row) for (labels, _), row in zip(splits, values, strict=True)]
    if furniture:  # the page furniture gave its titles' columns; it is no row of the table
        rows = [row for k, row in zip(kept, rows, strict=True) if k not in furniture]
        block = [line for k, line in zip(kept, block, strict=True) if k not in furniture]
    if not _blank_cells_joined(block):
        rows = blank_label_rows(join_wrapped(block, rows))
    cells: list[TableCell] = []
    for r, (labels, row) in enumerate(rows):
        cells += [TableCell(r, c, text) for c, text in enumerate([*labels, *row])]
    return Table(tuple(cells)), end


def _block(lines: list[str], first: int, end: int, furniture: set[int]) -> tuple[int, list[int], list[str]]:
    """The block's end, the indexes of its printed lines and those lines, units joined to their numbers. The
    page foot is no title of the next page's columns, and no row; a table of cells joined by one space (lynx)
    takes in the numbered labels right after it (:func:`trailing_blank_rows`)."""
    for extend in (False, True):
        if extend:
            end = trailing_blank_rows(lines, end)
        kept = [k for k in range(first, end) if lines[k].strip() and not (k in furniture and is_page_number(lines[k]))]
        block = [join_units(lines[k]) for k in kept]
        if extend or not _blank_cells_joined(block):
            break
    return end, kept, block


def trailing_blank_rows(lines: list[str], end: int) -> int:
    """The end of a table of cells joined by one space (lynx) with the numbered labels right after its
    last value row: rows of blank cells printed as their label alone (``四、结转下年度继续办理`` as the
    table's last line). Normalize decides whether they are rows of blanks (``normalize/blank_rows``)."""
    while end < len(lines) and _is_blank_row(lines[end]) and not _names_section(lines[end]):
        end += 1
    return end


def _names_section(line: str) -> bool:
    """A section heading (``四、政府信息公开行政复议、行政诉讼情况``): it ends the table, it is no row."""
    text = "".join(line.split())
    return any(v in text for s in load_catalogue().sections for v in s.variants)


def _gaps(line: str, n_labels: int) -> list[int]:
    """The runs of spaces before each trailing value of a row line (the first: after its last label)."""
    runs = [len(m.group(0)) for m in _SPACES.finditer(line.strip())]
    return runs[max(n_labels - 1, 0):] if n_labels else [1, *runs]


def _blank_cells_joined(block: list[str]) -> bool:
    """Cells joined by one space with a blank cell printed as one space (lynx of a table it does not lay out:
    ``13 1     2   16`` is 13, 1, blank, blank, 2, blank, 16): every gap before a value is an odd run of
    spaces and some is longer than one. A laid-out table pads cells to their column widths instead, and
    some gap there is even; then the gaps tell nothing and the row stays as printed."""
    gaps = _value_gaps(block)
    return _odd(gaps) and any(g > 1 for g in gaps) and all(_joined_width(line) <= MAX_COLUMNS for line in block)


def _joined_width(line: str) -> int:
    """The cells a row line stands for if its gaps are lynx's blanks: a laid-out row of a few numbers far
    apart (``一、新收 …31 spaces… 1 …29 spaces… 1``) would be thirty cells wide, more than any table has."""
    split = _split(line)
    if split is None or not split[1]:
        return 0
    return sum(g // 2 + 1 for g in _gaps(line, len(split[0])))


def _value_gaps(block: list[str]) -> list[int]:
    return [g for line in block if (split := _split(line)) and split[1] for g in _gaps(line, len(split[0]))]


def _odd(gaps: list[int]) -> bool:
    """Every gap before a value an odd run of spaces: cells joined by one space, not padded to columns."""
    return bool(gaps) and all(g % 2 == 1 for g in gaps)


def _with_blanks(line: str, n_labels: int, values: list[str]) -> list[str]:
    """The values with the blank cells the gaps stand for: a run of ``2k + 1`` spaces is k blank cells.

    >>> _with_blanks("一、新收 13 1     2   16", 1, ["13", "1", "2", "16"])
    ['13', '1', '', '', '2', '', '16']
    """
    out: list[str] = []
    for gap, value in zip(_gaps(line, n_labels), values, strict=True):
        out += [""] * (gap // 2) + [value]
    return out


def _header_lines(lines: list[str], i: int, most: int = MAX_GAP) -> list[str]:
    """The lines of words right above a table block (its column titles), up to ``most``."""
    k = i
    while k > 0 and i - k < most and lines[k - 1].strip() and not _is_value_row(lines[k - 1]):
        k -= 1
    return lines[k:i]


# shared with text_sparse (lynx's tables of mostly blank cells, too few number rows for this reader)
ITEM, split_row, blank_cells_joined, with_blanks = _ITEM, _split, _blank_cells_joined, _with_blanks
