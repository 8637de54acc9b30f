"""The format registry is the one list: the sniffer, read_document, the folder walk, the benchmark's
groups and docs/formats.md agree with it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ogi.bench.samples import FORMAT_GROUPS
from ogi.convert.inputs import discover
from ogi.convert.settings import ArchiveLimits
from ogi.extract import READERS, read_document
from ogi.extract.formats import FORMATS, REPORT_SUFFIXES, formats_table
from ogi.extract.sniff import sniff

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "samples" / "real"


def test_folder_walk_takes_every_suffix_ogi_extract_reads(tmp_path: Path) -> None:
    copies = {
        "a.docm": REAL / "blank_template_2021_format.docx", "b.dotx": REAL / "blank_template_2021_format.docx",
        "c.xhtml": REAL / "r14_sh_szfbgt_2019.html", "d.markdown": REAL / "r05_sh_kewei_2024.md",
        "e.TXT": REAL / "r07_pingtan_2019.txt",
    }
    for name, src in copies.items():
        shutil.copyfile(src, tmp_path / name)
    (tmp_path / "notes.csv").write_text("not an input\n")
    found = sorted(Path(i.path).name for i in discover([tmp_path], ArchiveLimits()))
    assert found == sorted(copies)
    kinds = {name: sniff(tmp_path / name) for name in copies}
    assert kinds == {"a.docm": "docx", "b.dotx": "docx", "c.xhtml": "html", "d.markdown": "text", "e.TXT": "text"}
    for name in copies:
        assert read_document(tmp_path / name).blocks, name


def test_every_reader_suffix_is_walked_grouped_and_documented() -> None:
    assert set(READERS) == {f.name for f in FORMATS if f.reader is not None}
    assert set(FORMAT_GROUPS) == REPORT_SUFFIXES
    assert FORMAT_GROUPS[".wps"] == "doc" and FORMAT_GROUPS[".md"] == "text" and FORMAT_GROUPS[".xhtml"] == "html"
    assert formats_table() in (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
