"""Zip member names are decoded as the archive was written: archives made on Chinese Windows store
CP936/GBK names without the UTF-8 flag, Info-ZIP stores UTF-8 names without it. The archives are made
at test time by Info-ZIP's ``zip`` from files whose names on disk are those bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from ogi.convert.archive import open_zip

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "real" / "000_ff3c35068f44430d.txt"
GBK_NAME, UTF8_NAME = "上海市年度报告.txt", "工作报告（2020）.txt"


def _zip(tmp: Path) -> Path:
    folder = tmp / "src"
    folder.mkdir()
    data = SEED.read_bytes()
    for raw in (GBK_NAME.encode("gbk"), UTF8_NAME.encode()):
        with open(os.fsencode(folder) + b"/" + raw, "wb") as fh:
            fh.write(data + b"\n" + raw.hex().encode())   # distinct contents: each member is its own report
    archive = tmp / "reports.zip"
    subprocess.run(["zip", "-q", "-r", str(archive), "."], cwd=folder, check=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    return archive


@pytest.mark.skipif(shutil.which("zip") is None, reason="Info-ZIP zip not installed")
def test_flagless_gbk_and_utf8_member_names_keep_their_chinese_names(tmp_path: Path) -> None:
    archive = _zip(tmp_path)
    with zipfile.ZipFile(archive) as plain:
        assert all(not i.flag_bits & 0x800 for i in plain.infolist())   # no UTF-8 flag anywhere
        assert not any(GBK_NAME in n or UTF8_NAME in n for n in plain.namelist())   # what zipfile alone gives
    with open_zip(archive) as zf:
        names = set(zf.namelist())
        assert names == {GBK_NAME, UTF8_NAME}
        assert zf.read(GBK_NAME).endswith(GBK_NAME.encode("gbk").hex().encode())

    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "path,agency,region,year,url\n"
        f"reports.zip!/{GBK_NAME},甲市人民政府,甲市,2020,https://example.invalid/a\n"
        f"reports.zip!/{UTF8_NAME},乙县人民政府,乙县,2020,https://example.invalid/b\n",
        encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", "convert", str(archive),
                          "--out", str(out), "--manifest", str(manifest), "--workers", "1", "--no-progress"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT file_name, agency, agency_source, url, status FROM reports ORDER BY url").fetchall()
    assert rows == [
        (GBK_NAME, "甲市人民政府", "manifest", "https://example.invalid/a", "ok"),
        (UTF8_NAME, "乙县人民政府", "manifest", "https://example.invalid/b", "ok"),
    ]
