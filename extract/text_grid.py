"""Ruled text tables: box-drawing grids (``┌─┬─┐ │ ├─┼─┤``, as w3m draws HTML tables) and ``+---+`` grid
tables (pandoc ``-t plain``/rst), whose cells span rows and columns and wrap over several physical lines.

The lines are laid out on display columns (East-Asian wide characters take two), the rules become walls,
and every region enclosed by walls is one cell (a flood fill): its leftmost and topmost display positions,
ranked among all cells', give its grid column and row, and the positions it reaches give its spans. So a
cell merged over three columns or wrapped over four lines is read as one cell with its real spans::

    >>> t = lines_to_table(["┌──┬─────┐", "│规│ 12  │", "│章├──┬──┤", "│  │-3│4 │", "└──┴──┴──┘"])
    >>> [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells]
    [(0, 0, '规章', 2, 1), (0, 1, '12', 1, 2), (1, 1, '-3', 1, 1), (1, 2, '4', 1, 1)]
"""

from __future__ import annotations

import re
from collections import deque

from ogi.extract.text_width import FILLER, cells, join_lines
from ogi.schemas import Table, TableCell

_BOX_FIRST = frozenset("┌├└│┏┣┗┃╔╠╚║┍┝┕┎┠┖╒╞╘╓╟╙")
_ASCII_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_RULE_RUN = re.compile(r"\+(?:[-=:]+\+)+")
_ASCII_ROW = re.compile(r"^\s*[+|].*[+|]\s*$")


def _is_box(ch: str) -> bool:
    return len(ch) == 1 and "\u2500" <= ch <= "\u257f"


def is_box_line(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and s[0] in _BOX_FIRST


def is_box_top(line: str) -> bool:
    s = line.strip()
    return bool(s) and s[0] in "┌┏╔┍┎╒╓" and all(_is_box(ch) for ch in s)


def is_ascii_rule(line: str) -> bool:
    return bool(_ASCII_RULE.match(line))


def is_ascii_row(line: str) -> bool:
    return bool(_ASCII_ROW.match(line))


def grid_block_end(lines: list[str], start: int) -> int:
    """The index after the ruled table starting at ``lines[start]`` (a top rule), or ``start`` if none."""
    if is_box_top(lines[start]):
        end = start + 1
        while end < len(lines) and is_box_line(lines[end]):
            end += 1
        return end if end - start >= 3 else start
    if is_ascii_rule(lines[start]):
        end = start + 1
        while end < len(lines) and is_ascii_row(lines[end]):
            end += 1
        while end > start + 1 and not is_ascii_rule(lines[end - 1]):
            end -= 1
        return end if end - start >= 3 else start
    return start


def _walls(row: list[tuple[str, int]], ascii_mode: bool) -> list[bool]:
    chars = [ch for ch, _ in row]
    if not ascii_mode:
        return [_is_box(ch) for ch in chars]
    # '|' is a wall; '+', '-', '=' and ':' only inside a rule run "+---+" ("-75", "+13" in a cell are text).
    wall = [ch == "|" for ch in chars]
    flat = "".join(ch if len(ch) == 1 else "\0" for ch in chars)  # one character per display column
    for m in _RULE_RUN.finditer(flat):
        for k in range(m.start(), m.end()):
            wall[k] = True
    return wall


def _components(rows: list[list[tuple[str, int]]], walls: list[list[bool]]) -> list[list[tuple[int, int]]]:
    height, width = len(rows), max(len(r) for r in rows)
    seen = [[False] * width for _ in range(height)]
    comps: list[list[tuple[int, int]]] = []
    for y in range(height):
        for x in range(width):
            if seen[y][x] or x >= len(rows[y]) or walls[y][x]:
                continue
            comp, outside = [], False
            queue = deque([(y, x)])
            seen[y][x] = True
            while queue:
                cy, cx = queue.popleft()
                comp.append((cy, cx))
                for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                    if not (0 <= ny < height and 0 <= nx < width) or nx >= len(rows[ny]):
                        outside = True
                        continue
                    if not seen[ny][nx] and not walls[ny][nx]:
                        seen[ny][nx] = True
                        queue.append((ny, nx))
            if not outside:
                comps.append(comp)
    return comps


def _text(comp: list[tuple[int, int]], rows: list[list[tuple[str, int]]]) -> str:
    by_line: dict[int, list[int]] = {}
    for y, x in comp:
        by_line.setdefault(y, []).append(x)
    parts = ["".join(rows[y][x][0] for x in sorted(xs) if rows[y][x][0] != FILLER) for y, xs in sorted(by_line.items())]
    return join_lines(parts)


def lines_to_table(lines: list[str]) -> Table:
    """The cells of one ruled table (its lines from top rule to bottom rule)."""
    ascii_mode = not any(_is_box(ch) for ch in lines[0])
    rows = [cells(line.rstrip()) for line in lines]
    walls = [_walls(r, ascii_mode) for r in rows]
    comps = _components(rows, walls)
    boxes = [(min(y for y, _ in c), min(x for _, x in c), max(y for y, _ in c), max(x for _, x in c)) for c in comps]
    tops = sorted({b[0] for b in boxes})
    lefts = sorted({b[1] for b in boxes})
    out = []
    for comp, (y0, x0, y1, x1) in sorted(zip(comps, boxes, strict=True), key=lambda cb: (cb[1][0], cb[1][1])):
        row, col = tops.index(y0), lefts.index(x0)
        rowspan = sum(1 for t in tops if y0 <= t <= y1)
        colspan = sum(1 for v in lefts if x0 <= v <= x1)
        out.append(TableCell(row, col, _text(comp, rows), rowspan=rowspan, colspan=colspan))
    return Table(tuple(out))
