"""Write a model as an HTML page: CMS markup or markup pasted from Word (MsoNormal, lang=EN-US spans),
tables with rowspan/colspan, labels split over several spans, ``&nbsp;`` blanks, UTF-8/GBK/GB18030 with
or without a declared charset, optionally wrapped in a government site's navigation.
"""

from __future__ import annotations

import random
import re
from html import escape

from ogi.generate.grids import Grid, GridCell, report_grids
from ogi.generate.model import ReportModel

DECLARED = {"utf-8": "utf-8", "gbk": "gb2312", "gb18030": "gb18030"}
WORD_STYLE = """<style>
<!--
 /* Font Definitions */
 @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1;}
 @font-face {font-family:仿宋_GB2312; panose-1:2 1 6 9 3 1 1 1 1 1;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm; text-align:justify; text-justify:inter-ideograph; font-size:10.5pt;
	font-family:"Times New Roman",serif;}
 td {padding:0cm 5.4pt 0cm 5.4pt; vertical-align:middle;}
 td p.MsoNormal {font-size:10.0pt;}
@page WordSection1 {size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1 {page:WordSection1;}
-->
</style>"""
CMS_STYLE = """<style type="text/css">
body{font-family:"Microsoft YaHei",SimSun,sans-serif;font-size:14px;color:#333;margin:0}
.article{width:1000px;margin:0 auto}.article h1{font-size:24px;text-align:center;color:#c00}
.content p{line-height:2;margin:0}.content table{border-collapse:collapse;margin:10px auto}
.content td{border:1px solid #000;padding:2px 4px;font-size:12px}
</style>"""


def _runs(text: str) -> list[tuple[str, bool]]:
    """Split text into runs of ASCII (Word marks them lang=EN-US) and other characters."""
    return [(m.group(0), m.group(0).isascii()) for m in re.finditer(r"[\x00-\x7f]+|[^\x00-\x7f]+", text)]


def _pieces(text: str, rng: random.Random, split: bool) -> list[str]:
    """A label cut into two or three pieces at random places when ``split``."""
    if not split or len(text) < 4:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.choice((1, 2)))))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


class WordMarkup:
    """Markup of a Word document saved or pasted as HTML."""

    def __init__(self, rng: random.Random, split: bool) -> None:
        self.rng, self.split = rng, split

    def spans(self, text: str, font: str, size: str = "") -> str:
        out = []
        sized = f"font-size:{size};" if size else ""
        for piece in _pieces(text, self.rng, self.split):
            for run, ascii_run in _runs(piece):
                if ascii_run:
                    style = f" style='{sized.rstrip(';')}'" if size else ""
                    out.append(f"<span lang=EN-US{style}>{escape(run, quote=False)}</span>")
                else:
                    out.append(f"<span style='{sized}font-family:{font}'>{escape(run, quote=False)}</span>")
        return "".join(out)

    def paragraph(self, text: str, heading: bool = False) -> str:
        font = "黑体" if heading else "仿宋_GB2312"
        return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'>"
                f"{self.spans(text, font, '16.0pt')}</p>\n")

    def title(self, text: str) -> str:
        return (f"<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'><b>"
                f"{self.spans(text, '方正小标宋简体', '22.0pt')}</b></p>\n")

    def cell(self, gc: GridCell, width: float) -> str:
        attrs = f" width={round(width * 1.33)}"
        attrs += f" colspan={gc.colspan}" if gc.colspan > 1 else ""
        attrs += f" rowspan={gc.rowspan}" if gc.rowspan > 1 else ""
        style = f"width:{width:.0f}pt;border:solid windowtext 1.0pt"
        align = "" if gc.kind == "label" else " align=center"
        if gc.text:
            body = "".join(f"<p class=MsoNormal{align}>{self.spans(line, '宋体')}</p>" for line in gc.text.split("\n"))
        else:
            body = f"<p class=MsoNormal{align}><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
        return f"<td{attrs} style='{style}'>{body}</td>\n"

    def table(self, grid: Grid) -> str:
        unit = 420.0 / sum(grid.widths)
        rows = []
        for r in range(grid.n_rows):
            cells = "".join(self.cell(c, unit * sum(grid.widths[c.col:c.col + c.colspan]))
                            for c in grid.cells if c.row == r)
            rows.append(f"<tr style='height:15.0pt'>\n{cells}</tr>\n")
        return ("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=560 "
                "style='width:420.0pt;border-collapse:collapse;border:none'>\n" + "".join(rows) + "</table>\n")


class CmsMarkup:
    """Markup a content-management system writes: plain paragraphs, a bordered table."""

    def __init__(self, rng: random.Random, split: bool) -> None:
        self.rng, self.split = rng, split

    def spans(self, text: str) -> str:
        lines = []
        for line in text.split("\n"):
            pieces = _pieces(line, self.rng, self.split)
            lines.append("".join(f"<span>{escape(p, quote=False)}</span>" for p in pieces)
                         if len(pieces) > 1 else escape(line, quote=False))
        return "<br/>".join(lines)

    def paragraph(self, text: str, heading: bool = False) -> str:
        inner = f"<strong>{self.spans(text)}</strong>" if heading else self.spans(text)
        return f'<p style="text-indent:2em;">{inner}</p>\n'

    def title(self, text: str) -> str:
        return f'<p style="text-align:center;"><strong>{escape(text, quote=False)}</strong></p>\n'

    def cell(self, gc: GridCell) -> str:
        attrs = f' colspan="{gc.colspan}"' if gc.colspan > 1 else ""
        attrs += f' rowspan="{gc.rowspan}"' if gc.rowspan > 1 else ""
        attrs += "" if gc.kind == "label" else ' style="text-align:center;"'
        return f"<td{attrs}>{self.spans(gc.text) if gc.text else '&nbsp;'}</td>"

    def table(self, grid: Grid) -> str:
        rows = ["<tr>" + "".join(self.cell(c) for c in grid.cells if c.row == r) + "</tr>\n"
                for r in range(grid.n_rows)]
        return ('<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n'
                + "".join(rows) + "</tbody>\n</table>\n")


def _content(model: ReportModel, markup: WordMarkup | CmsMarkup) -> str:
    grids = report_grids(model)
    # On a CMS page inside the site's frame, the <h1> is the title; pasted Word text brings its own.
    cms_in_site = isinstance(markup, CmsMarkup) and model.layout.site_nav
    parts = [] if cms_in_site else [markup.title(model.title)]
    parts += [markup.paragraph(p) for p in model.preamble]
    for section in model.sections:
        parts.append(markup.paragraph(section.heading, heading=True))
        parts += [markup.paragraph(p) for p in section.paragraphs]
        if section.key in grids:
            parts.append(markup.table(grids[section.key]))
    parts += [markup.paragraph(line) for line in model.signature]
    return "".join(parts)


NAV = (("/", "首页"), ("/zwgk/", "政务公开"), ("/zwfw/", "政务服务"), ("/hdjl/", "互动交流"))
SIDE = (("/zwgk/zn/", "政府信息公开指南"), ("/zwgk/zd/", "政府信息公开制度"),
        ("/zwgk/fdzdgknr/", "法定主动公开内容"), ("/zwgk/ndbg/", "政府信息公开年报"))


def _links(items: tuple[tuple[str, str], ...]) -> str:
    return "<ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in items) + "</ul>"


def _site(model: ReportModel, body: str, rng: random.Random) -> str:
    """A government site's page around the report: menus, breadcrumb, related reports, footer."""
    agency = escape(model.agency)
    related = tuple((f"/zwgk/ndbg/{y}.html", f"{agency}{y}年政府信息公开工作年度报告")
                    for y in (model.year - 1, model.year - 2))
    crumb = "当前位置：" + " &gt; ".join(f'<a href="{h}">{t}</a>' for h, t in (*NAV[:2], SIDE[3]))
    info = (f"发布时间：{model.year + 1}-01-{rng.randint(10, 31):02d} 来源：{agency} "
            '浏览次数：<span id="hits"></span> 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】')
    tools = '【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】'
    footer = (f"<p>主办单位：{agency}　网站标识码：{rng.randint(10**9, 10**10 - 1)}</p>\n"
              f"<p>ICP备案号：苏ICP备{rng.randint(10**7, 10**8 - 1)}号　"
              '<a href="/sitemap/">网站地图</a>　<a href="/contact/">联系我们</a></p>')
    return f"""<div class="top"><div class="logo">{agency}</div>
<div class="nav">{_links(NAV)}</div></div>
<div class="crumb">{crumb}</div>
<div class="side"><h3>政府信息公开</h3>{_links(SIDE)}</div>
<div class="article">
<h1>{escape(model.title)}</h1>
<div class="info">{info}</div>
<div class="content" id="zoom">
{body}</div>
<div class="tools">{tools}</div>
</div>
<div class="related"><h4>相关阅读</h4>{_links(related)}</div>
<div class="footer">{footer}</div>
<script type="text/javascript">document.getElementById("hits").innerHTML = "1024";</script>
"""


def _head(model: ReportModel, word: bool) -> str:
    charset = model.layout.encoding
    meta = ""
    if model.layout.declare_charset:
        meta = (f"<meta http-equiv=Content-Type content=\"text/html; charset={DECLARED[charset]}\">\n" if word
                else f'<meta charset="{DECLARED[charset]}">\n')
    generator = "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\n" if word else ""
    style = WORD_STYLE if word else CMS_STYLE
    return f"<head>\n{meta}{generator}<title>{escape(model.title)}</title>\n{style}\n</head>\n"


def model_to_html(model: ReportModel) -> bytes:
    layout = model.layout
    rng = random.Random(f"ogi-generate/html/{model.seed}")
    word = layout.html_style == "word"
    markup: WordMarkup | CmsMarkup = WordMarkup(rng, layout.span_split) if word else CmsMarkup(rng, layout.span_split)
    content = _content(model, markup)
    if word:
        content = f"<div class=WordSection1>\n{content}</div>\n"
    body = _site(model, content, rng) if layout.site_nav else content
    opening = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
               'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
               if word else "<!DOCTYPE html>\n<html>\n")
    body_tag = "<body lang=ZH-CN style='text-justify-trim:punctuation'>" if word else "<body>"
    page = f"{opening}{_head(model, word)}{body_tag}\n{body}</body>\n</html>\n"
    return page.encode(layout.encoding)
