"""Small inline SVG charts for the overview page (no script, no network)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

PALETTE = ("#1565c0", "#2e7d32", "#c62828", "#ef8f00", "#6a1b9a", "#00838f", "#757575")


def bar_chart(title: str, data: Sequence[tuple[str, float]], width: int = 560, height: int = 220) -> str:
    """Vertical bars, one per label, with the value printed above each."""
    top = max((v for _, v in data), default=0) or 1
    n = max(len(data), 1)
    slot = (width - 60) / n
    bars = []
    for i, (label, v) in enumerate(data):
        h = (height - 60) * v / top
        x = 40 + i * slot + slot * 0.15
        y = height - 30 - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{PALETTE[0]}">'
            f"<title>{html.escape(label)}: {v:g}</title></rect>"
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11">{v:g}</text>'
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 12}" text-anchor="middle" font-size="11">'
            f"{html.escape(label)}</text>"
        )
    return _svg(title, width, height, "".join(bars))


def share_chart(title: str, data: Sequence[tuple[str, Mapping[str, float]]], legend: Mapping[str, str],
                width: int = 560, height: int = 240) -> str:
    """One 100% stacked bar per label; ``legend`` maps each part's key to its printed name, in order."""
    n = max(len(data), 1)
    slot = (width - 60) / n
    parts = list(legend)
    body = []
    for i, (label, shares) in enumerate(data):
        total = sum(shares.get(p, 0) for p in parts) or 1
        x = 40 + i * slot + slot * 0.15
        y = height - 60.0
        for j, p in enumerate(parts):
            h = (height - 90) * shares.get(p, 0) / total
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"><title>{html.escape(label)} {html.escape(legend[p])}: '
                        f"{100 * shares.get(p, 0) / total:.1f}%</title></rect>")
        body.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - 44}" text-anchor="middle" font-size="11">'
                    f"{html.escape(label)}</text>")
    for j, p in enumerate(parts):
        x = 10 + j * (width - 20) / max(len(parts), 1)
        body.append(f'<rect x="{x:.1f}" y="{height - 26}" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
                    f'<text x="{x + 14:.1f}" y="{height - 17}" font-size="11">{html.escape(legend[p])}</text>')
    return _svg(title, width, height, "".join(body))


def _svg(title: str, width: int, height: int, body: str) -> str:
    return (f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">{body}</svg>'
            f"<figcaption>{html.escape(title)}</figcaption></figure>")
