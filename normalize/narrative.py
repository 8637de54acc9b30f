"""Soft check: numbers stated in the prose ("共收到政府信息公开申请859件") against the table.

    >>> stated_new_requests("全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件")
    34
    >>> stated_new_requests("共受理政府信息公开申请859件，申请数量较去年回落12.3%")
    859
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ogi.normalize.textnorm import norm
from ogi.schemas import CellValue, Finding, Section, Severity

_NEW = re.compile(r"(?:新?收到|受理|新收)(?:各类|依申请公开|政府信息公开|信息公开)*申请(?:共计?|合计)?(\d+)件")


def stated_new_requests(text: str) -> int | None:
    m = _NEW.search(norm(text))
    return int(m.group(1)) if m else None


def narrative_findings(sections: Sequence[Section], cells: Sequence[CellValue]) -> list[Finding]:
    total = next((c for c in cells if c.column == "total" and c.row == "new_received" and c.table == "requests"), None)
    if total is None or total.value is None:
        return []
    for section in sections:
        if section.key not in {"overview", "requests"}:
            continue
        stated = stated_new_requests(section.text)
        if stated is not None and stated != total.value:
            return [Finding(
                "narrative_mismatch", Severity.WARNING,
                f"the {section.key} text states {stated} new requests; the table prints {total.raw}",
                "requests", (total.key,), published=total.value, expected=stated,
            )]
    return []
