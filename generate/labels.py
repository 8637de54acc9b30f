"""Printed labels of the three tables under a :class:`LabelStyle` (brackets, numbering, quotes, typos).

    >>> requests_item_label("denied_security_stability", LabelStyle(quotes="straight", numbering="dunhao"))
    '3、危及"三安全一稳定"'
    >>> ordinal("（三）", LabelStyle(brackets="half"))
    '(三)'
"""

from __future__ import annotations

from ogi.generate.model import LabelStyle

# Text of each numbered item of table 三 without its number; None = taken from the style.
ITEM_TEXT: dict[str, str | None] = {
    "denied_state_secret": "属于国家秘密",
    "denied_law_prohibited": None,
    "denied_security_stability": None,
    "denied_third_party_rights": "保护第三方合法权益",
    "denied_internal_affairs": None,
    "denied_process_info": "属于四类过程性信息",
    "denied_enforcement_file": "属于行政执法案卷",
    "denied_admin_query": "属于行政查询事项",
    "unable_not_held": "本机关不掌握相关政府信息",
    "unable_needs_creation": "没有现成信息需要另行制作",
    "unable_unclear": "补正后申请内容仍不明确",
    "not_processed_petition": "信访举报投诉类申请",
    "not_processed_duplicate": "重复申请",
    "not_processed_publication": "要求提供公开出版物",
    "not_processed_excessive": "无正当理由大量反复申请",
    "not_processed_confirmation": "要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": None,
}
ITEM_NUMBER: dict[str, int] = {
    **{k: i + 1 for i, k in enumerate(list(ITEM_TEXT)[:8])},
    **{k: i + 1 for i, k in enumerate(list(ITEM_TEXT)[8:11])},
    **{k: i + 1 for i, k in enumerate(list(ITEM_TEXT)[11:16])},
    **{k: i + 1 for i, k in enumerate(list(ITEM_TEXT)[16:19])},
}
GROUP_TEXT: dict[str, tuple[str, str]] = {
    "granted": ("（一）", "予以公开"),
    "denied": ("（三）", "不予公开"),
    "unable": ("（四）", "无法提供"),
    "not_processed": ("（五）", "不予处理"),
    "other": ("（六）", "其他处理"),
}
NUMBERING = {"dot": "{n}.", "dunhao": "{n}、", "fwdot": "{n}．", "paren": "（{n}）"}
SPLIT_HEADERS = {
    "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量", "对外公开总数量": "对外公开\n总数量",
    "上一年项目数量": "上一年\n项目数量", "处理决定数量": "处理决定\n数量", "本年制发件数": "本年制发\n件数",
    "本年废止件数": "本年废止\n件数", "现行有效件数": "现行有效\n件数", "商业企业": "商业\n企业",
    "科研机构": "科研\n机构", "社会公益组织": "社会公益\n组织", "法律服务机构": "法律服务\n机构",
}
ANNOTATION = "（设区的市、自治州人民政府应提供相关数据）"


def brackets(text: str, style: LabelStyle) -> str:
    return text.replace("（", "(").replace("）", ")") if style.brackets == "half" else text


def ordinal(text: str, style: LabelStyle) -> str:
    return brackets(text, style)


def quoted(text: str, style: LabelStyle) -> str:
    if style.quotes == "straight":
        return text.replace("“", '"').replace("”", '"')
    if style.quotes == "none":
        return text.replace("“", "").replace("”", "")
    return text


def header(text: str, style: LabelStyle) -> str:
    """A column header, split over two lines when the style says."""
    return SPLIT_HEADERS.get(text, text) if style.split_headers else text


def requests_item_label(row: str, style: LabelStyle) -> str:
    """A numbered item (1.属于国家秘密); the number follows the style's numbering."""
    text = ITEM_TEXT[row]
    if text is None:
        text = {
            "denied_law_prohibited": style.law_prohibited,
            "denied_security_stability": quoted("危及“三安全一稳定”", style),
            "denied_internal_affairs": style.internal_affairs,
            "other_other": style.other_word,
        }[row]
    number = brackets(NUMBERING[style.numbering].format(n=ITEM_NUMBER[row]), style)
    return number + text


def requests_group_label(group: str, style: LabelStyle) -> str:
    number, text = GROUP_TEXT[group]
    return ordinal(number, style) + text


def requests_single_label(row: str, style: LabelStyle) -> str:
    """Rows printed without a group cell: 一/二/四 spanning the label area, （一）（二）（六）（七）."""
    return {
        "new_received": "一、本年新收政府信息公开申请数量",
        "carried_over": "二、上年结转政府信息公开申请数量",
        "granted": ordinal("（一）", style) + "予以公开",
        "partially_granted": ordinal("（二）", style) + brackets(style.partially_granted, style),
        "other": ordinal("（六）", style) + "其他处理",
        "total_processed": ordinal("（七）", style) + style.total_word,
        "carried_forward": "四、结转下年度继续办理",
    }[row]


def requests_corner(style: LabelStyle) -> str:
    return brackets("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", style)


def requests_column_label(col: str, style: LabelStyle) -> str:
    labels = {
        "natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
        "public_interest_org": "社会公益组织", "legal_service_org": "法律服务机构",
        "other_org": style.other_word, "total": "总计",
    }
    return header(labels[col], style)


def active_row_label(row: str, version: str, style: LabelStyle) -> str:
    labels = {
        "regulations": "规章", "normative_documents": "规范性文件" if version == "2019" else "行政规范性文件",
        "licensing": "行政许可", "other_services": "其他对外管理服务事项", "penalties": "行政处罚",
        "coercion": "行政强制", "fees": "行政事业性收费", "procurement": "政府集中采购",
    }
    label = labels[row]
    if row == "regulations" and style.annotation:
        label += brackets(ANNOTATION, style)
    return label


def active_banner(block: str, style: LabelStyle) -> str:
    return "第二十条第" + ordinal(f"（{block}）", style) + "项"


def review_vertical(text: str, mode: str) -> str:
    """结果维持 → 结\\n果\\n维\\n持 when the headers are written one character per line."""
    return "\n".join(text) if mode == "explicit" else text
