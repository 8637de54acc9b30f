"""The content of one generated report, independent of any file format.

A :class:`ReportModel` holds what a reader should find (agency, year, every printed cell with its
published value and printed text) and the choices that only change how it looks (label variants,
number printing, layout). Writers render a model; :mod:`generate.expected` reads the values from it.
"""

from __future__ import annotations

from dataclasses import dataclass

Number = int | float

FORMATS: tuple[str, ...] = ("docx", "pdf", "html", "txt", "md")
EXTENSIONS: dict[str, str] = {"docx": "docx", "pdf": "pdf", "html": "html", "txt": "txt", "md": "md"}


@dataclass(frozen=True)
class PrintedCell:
    """One canonical cell as printed: ``value`` is what the reader must report, ``text`` what is shown."""

    row: str
    column: str
    value: Number | None
    text: str
    note: str = ""  # "blank" | "not_applicable" for null values, else ""


@dataclass(frozen=True)
class TableModel:
    key: str  # active_disclosure | requests | review_litigation
    version: str  # "2019" | "2021"
    rows: tuple[str, ...]  # printed row keys in printed order
    cells: tuple[PrintedCell, ...]

    def cell(self, row: str, column: str) -> PrintedCell:
        for c in self.cells:
            if c.row == row and c.column == column:
                return c
        raise KeyError(f"{self.key}: no cell {row}/{column}")

    def columns_of(self, row: str) -> tuple[str, ...]:
        return tuple(c.column for c in self.cells if c.row == row)


@dataclass(frozen=True)
class LabelStyle:
    """Which printed variant each label takes (typos and numbering styles seen in real reports)."""

    partially_granted: str = "部分公开（区分处理的，只计这一情形，不计其他情形）"
    law_prohibited: str = "其他法律行政法规禁止公开"
    internal_affairs: str = "属于三类内部事务信息"
    quotes: str = "curly"  # curly “”, straight "", none
    other_word: str = "其他"  # 其他 | 其它 (column other_org and row other_other)
    legal_person: str = "法人或其他组织"
    total_word: str = "总计"  # （七）总计 | （七）合计
    numbering: str = "dot"  # dot 1. | dunhao 1、 | fwdot 1． | paren （1）
    brackets: str = "full"  # full （一） | half (一)
    annotation: bool = False  # 规章(设区的市、自治州人民政府应提供相关数据)
    split_headers: bool = False  # 本年新\n制作数量, 商业\n企业


@dataclass(frozen=True)
class PrintStyle:
    """How numbers are printed."""

    blank_zeros: str = "none"  # none | all (every zero of table 三 blank) | some (zeros of some rows blank)
    fullwidth: str = "none"  # none | requests (all of table 三) | some (random cells)
    not_applicable: str = "none"  # none | slash "/" | dash "—" (rows an agency does not have)
    signed: str = "cn"  # cn 增5/减12 | sign +5/-8 | plain 5/-8
    money: str = "plain"  # plain 1.795 | wanyuan 1.795（万元） | yuan 251000元
    count_unit: bool = False  # 3件 in table 二
    thousands: bool = False  # 1,234


@dataclass(frozen=True)
class Layout:
    """Format-specific presentation choices. Fields that do not apply to a format keep their defaults."""

    # DOCX / PDF
    repeat_header: bool = False  # w:tblHeader on the header rows of tables 三 and 四
    allow_row_split: bool = True  # w:cantSplit absent
    landscape_requests: bool = False  # table 三 in its own landscape section
    page_number: str = "none"  # none | dash "-3-" | emdash "— 5 —"
    long_paragraphs: bool = False  # long overview that pushes the tables down the pages
    filler: int = 0  # extra sentences before table 三 (the PDF row-split search moves this)
    seek_row_split: bool = False  # PDF: search the filler until a row of table 三 breaks over a page
    # vertical headers of table 四: narrow (one char per line by wrapping) | explicit (结\n果\n维\n持) | none
    vertical_headers: str = "none"
    # HTML
    encoding: str = "utf-8"  # utf-8 | gbk | gb18030
    declare_charset: bool = True
    html_style: str = "cms"  # cms (clean CMS markup) | word (pasted from Word: MsoNormal, lang=EN-US)
    site_nav: bool = False
    span_split: bool = False  # labels split over several <span>s
    # text / markdown
    nbsp_padding: bool = False  # "\u00a00" and "0\u00a0" cells as copied from a browser
    md_fill: str = "empty"  # markdown: slots covered by a merged cell are empty | repeat the text
    md_linebreak: str = "br"  # markdown: a line break inside a cell as <br> | space (商业 企业)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ReportModel:
    index: int
    seed: str
    fmt: str
    agency: str
    year: int
    title: str
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]  # the six sections in printed order
    tables: tuple[TableModel, TableModel, TableModel]  # active_disclosure, requests, review_litigation
    labels: LabelStyle
    printing: PrintStyle
    layout: Layout
    breaks: tuple[str, ...]  # deliberate failures: "culprit:requests/granted/total", "h4:admin_review"
    signature: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"gen{self.index:03d}_{self.year}.{EXTENSIONS[self.fmt]}"

    def table(self, key: str) -> TableModel:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)
