"""File names as the OS gives them: any bytes. Python holds undecodable bytes as surrogate
escapes (``\\udcff``); these helpers keep them lossless for storage and readable in messages."""

from __future__ import annotations


def shown(text: str) -> str:
    """``text`` printable on any terminal or UTF-8 file: undecodable name bytes as ``\\xNN``. ::

        >>> shown("r\\udcff\\udcfe.pdf")
        'r\\\\xff\\\\xfe.pdf'
        >>> shown("报告.pdf")
        '报告.pdf'
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
        if _escaped_only(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")


def one_line(text: str) -> str:
    """``text`` shown on one line (runs of whitespace, newlines included, become one space). ::

        >>> one_line("a\\udcffb.txt: bad\\nmore")
        'a\\\\xffb.txt: bad more'
    """
    return " ".join(shown(text).split())


def _escaped_only(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True
