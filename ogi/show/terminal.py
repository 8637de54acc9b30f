"""``ogi show FILE`` on a terminal (rich) or piped (plain text): the tables as printed, marks, findings."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ogi.normalize.messages import fmt

MARK = {"flagged": "!", "culprit": "*", "blank": "·", "low_confidence": "?"}
STYLE = {"culprit": "bold white on red", "flagged": "bold red", "blank": "dim", "low_confidence": "yellow"}
LEGEND = ("! flagged by a finding, * likely culprit, · printed blank, ? placed by order/identity or low OCR "
          "confidence, [raw] as printed")


def cell_text(cell: dict[str, Any] | None) -> str:
    """``1288``, ``·`` for blank, ``25.1 [251000元]`` where the printed text differs, marks appended."""
    if cell is None:
        return ""
    value = "·" if cell["value"] is None else fmt(cell["value"])
    raw = cell["raw"]
    if raw and raw != value and cell["value"] is not None:
        value += f" [{raw}]"
    marks = "".join(MARK[m] for m in cell["marks"] if m != "blank")
    return value + marks


def _header(view: dict[str, Any]) -> str:
    return (f"{view['agency'] or '(agency unknown)'} · {view['year'] or '(year unknown)'} · {view['format']} · "
            f"status {view['status']} · {view['source']}")


def _row_label(row: dict[str, Any], keys: bool) -> str:
    return f"{row['label']} ({row['key']})" if keys else row["label"]


def _col_label(col: dict[str, Any], keys: bool) -> str:
    return f"{col['label']}\n{col['key']}" if keys else col["label"]


def _table_title(t: dict[str, Any]) -> str:
    page = f", page {t['page']}" if t["page"] else ""
    return f"{t['key']} (template {t['template']}{page}; {t['n_cells']}/{t['n_expected']} cells)"


def _findings_lines(view: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["severity"], f"[{f['severity']}] {f['code']} {f['scope']}: {f['message']}".replace(" :", ":"))
            for f in view["findings"]]


def render_rich(view: dict[str, Any], console: Console, keys: bool = False) -> None:
    console.print(Text(_header(view), style="bold"))
    for t in view["tables"]:
        table = Table(title=_table_title(t), title_justify="left", show_lines=False)
        table.add_column("")
        for c in t["columns"]:
            table.add_column(_col_label(c, keys), justify="right")
        for row in t["rows"]:
            cells = []
            for cell in row["cells"]:
                marks = cell["marks"] if cell else []
                style = next((STYLE[m] for m in ("culprit", "flagged", "low_confidence", "blank") if m in marks), "")
                cells.append(Text(cell_text(cell), style=style))
            table.add_row(_row_label(row, keys), *cells)
        console.print(table)
    for k in view["missing_tables"]:
        console.print(Text(f"table {k}: not found", style="bold red"))
    console.print(Text(LEGEND, style="dim"))
    styles = {"error": "red", "warning": "yellow", "info": "dim"}
    for severity, line in _findings_lines(view):
        console.print(Text(line, style=styles.get(severity, "")))


def render_plain(view: dict[str, Any], keys: bool = False) -> str:
    """Tab-separated tables and one finding a line: for pipes, grep and diff."""
    lines = [_header(view)]
    for t in view["tables"]:
        lines += ["", _table_title(t), "\t".join(["", *(_col_label(c, keys).replace("\n", " ") for c in t["columns"])])]
        lines += ["\t".join([_row_label(r, keys), *(cell_text(c) for c in r["cells"])]) for r in t["rows"]]
    lines += [f"table {k}: not found" for k in view["missing_tables"]]
    lines += ["", LEGEND, *(line for _, line in _findings_lines(view))]
    return "\n".join(lines) + "\n"
