"""Text with a UTF-16/UTF-32 byte-order mark reads like its UTF-8 original; where the built-in tries
(BOM, UTF-8, GB18030) fail, the charset-normalizer detector decodes."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi
from ogi.extract.sniff import sniff
from ogi.extract.textdecode import decode

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_text_with_a_bom_reads_like_utf8(tmp_path: Path, encoding: str) -> None:
    original = REAL / "r07_pingtan_2019.txt"
    text = original.read_text(encoding="utf-8")
    path = tmp_path / "r07.txt"
    path.write_bytes(("\ufeff" + text).encode(encoding))
    assert sniff(path) == "text"
    want, got = ogi.read(original), ogi.read(path)
    assert [(c.key, c.value) for c in got.cells] == [(c.key, c.value) for c in want.cells]
    assert len(got.cells) > 100 and got.metadata.year == want.metadata.year


def test_html_with_a_utf16_bom(tmp_path: Path) -> None:
    original = REAL / "r14_sh_szfbgt_2019.html"
    raw = original.read_bytes().decode("utf-8").replace("charset=utf-8", "charset=utf-16")
    path = tmp_path / "r14.html"
    path.write_bytes(raw.encode("utf-16"))
    assert sniff(path) == "html"
    assert ogi.read(path).value("requests/new_received/total") == 859


def test_detector_is_the_fallback_where_gb18030_fails() -> None:
    text = "Отчёт о раскрытии информации за 2020 год: заявлений получено 859, исполнено полностью.\n" * 5
    data = text.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")
    assert decode(data) == text
