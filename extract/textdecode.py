"""Decode bytes of a Chinese web page or text file: UTF-8 first, then GB18030 (a superset of GBK/GB2312)."""

from __future__ import annotations

import re

_DECLARED = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode, trusting the bytes over the declaration: many pages declare one charset and use another."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = ["gb18030"]
    if declared and declared.replace("-", "") not in {"utf8", "gb2312", "gbk", "gb18030"}:
        candidates.insert(0, declared)
    for enc in candidates:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")
