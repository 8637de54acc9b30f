"""Limits for every entry point (ogi/limits.py), reader caps (extract/caps.py), inputs that are
refused without being opened, and a worker killed from outside retried once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ogi.api import read, read_unlimited
from ogi.convert.inputs import discover
from ogi.convert.pool import LocalPool
from ogi.convert.settings import ArchiveLimits
from ogi.convert.task import Outcome, Task, convert_task
from ogi.extract.caps import CapExceeded, clip_span
from ogi.extract.docx_tables import RawCell, RawRow, rows_to_cells
from ogi.extract.html import html_to_document
from ogi.limits import JOB_ENV, Limits, run_limited
from ogi.schemas import LimitExceeded, OgiError, ProcessingError, UnreadableFile

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "real" / "000_ff3c35068f44430d.txt"
HERE = "test_limits"


def _sleep(_: object) -> None:
    subprocess.Popen(["sleep", "300"])  # a child process, as LibreOffice would be
    time.sleep(300)


def _hog(_: object) -> None:
    block = bytearray(800 << 20)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(60)


def _raise_ogi(path: str) -> None:
    raise UnreadableFile(path, "corrupt")


def _raise_other(_: object) -> None:
    raise KeyError("boom")


def _sleepers() -> set[int]:
    return {p.pid for p in psutil.process_iter(["name", "environ"]) if p.info["name"] == "sleep"
            and (p.info["environ"] or {}).get(JOB_ENV)}


def test_time_limit_kills_the_whole_tree() -> None:
    before = _sleepers()
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        run_limited(_sleep, "slow.doc", None, Limits(seconds=1.5))
    assert time.monotonic() - started < 10
    assert str(info.value) == "slow.doc: time limit of 1.5 s exceeded (set OGI_TIME_LIMIT to raise it)"
    time.sleep(0.3)
    assert _sleepers() - before == set()   # the grandchild went with it


def test_memory_limit_counts_the_tree() -> None:
    with pytest.raises(LimitExceeded, match=r"^big.docx: memory limit of 300 MB exceeded"):
        run_limited(_hog, "big.docx", None, Limits(seconds=60, memory_mb=300))


def test_errors_cross_the_process_boundary() -> None:
    with pytest.raises(UnreadableFile, match=r"^x\.pdf: corrupt$"):
        run_limited(_raise_ogi, "x.pdf", "x.pdf", Limits())
    with pytest.raises(ProcessingError, match=r"^y\.pdf: unexpected error: KeyError: 'boom'$"):
        run_limited(_raise_other, "y.pdf", None, Limits())


def test_read_is_limited_and_equal_to_the_unlimited_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read(SEED) == read_unlimited(SEED)
    monkeypatch.setenv("OGI_TIME_LIMIT", "0.001")
    with pytest.raises(LimitExceeded, match=r"time limit of 0\.001 s"):
        read(SEED)
    monkeypatch.setenv("OGI_LIMITS", "off")
    assert read(SEED).cells


def test_limits_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Limits.from_env() == Limits(120.0, 2048)
    monkeypatch.setenv("OGI_MEMORY_LIMIT_MB", "512")
    assert Limits.from_env().memory_mb == 512
    monkeypatch.setenv("OGI_TIME_LIMIT", "soon")
    with pytest.raises(ValueError, match="OGI_TIME_LIMIT must be a number"):
        Limits.from_env()


def test_docx_spans_are_clipped_or_refused() -> None:
    cells = rows_to_cells([RawRow(-5, (RawCell("a"), RawCell("1", span=-3)))])
    assert [(c.col, c.colspan) for c in cells] == [(0, 1), (1, 1)]
    with pytest.raises(CapExceeded, match="wider than 1,000 grid columns"):
        rows_to_cells([RawRow(0, (RawCell("a", span=10**9), RawCell("b")))])
    assert clip_span(10**9) == 1000


def test_html_rowspan_stops_at_the_last_row_and_bombs_are_refused() -> None:
    doc = html_to_document(b'<table><tr><td rowspan="65534">a</td><td>1</td></tr><tr><td>2</td></tr></table>', "t")
    assert [(c.row, c.col, c.rowspan) for c in doc.blocks[0].cells] == [(0, 0, 2), (0, 1, 1), (1, 1, 1)]
    bomb = "".join('<tr><td rowspan="1000" colspan="1000">x</td></tr>' for _ in range(60))
    with pytest.raises(CapExceeded):
        html_to_document(f"<table>{bomb}</table>".encode(), "t")


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.pdf")
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    (tmp_path / "loop.pdf").symlink_to(tmp_path / "loop.pdf")
    items = {Path(i.source).name: i for i in discover([tmp_path], ArchiveLimits())}  # would block on the FIFO
    assert items["x.pdf"].error_type == "NotARegularFile" and "FIFO" in items["x.pdf"].refused
    assert items["z.txt"].error_type == "NotARegularFile" and "device (through a symbolic link)" in items["z.txt"].refused
    assert items["loop.pdf"].error_type == "LinkLoop"
    with pytest.raises(OgiError, match="not a regular file"):
        read_unlimited(tmp_path / "x.pdf")


def test_a_non_utf8_name_is_shown_with_escapes_and_read(tmp_path: Path) -> None:
    name = os.fsdecode(b"r\xff.txt")
    (tmp_path / name).write_bytes(SEED.read_bytes())
    (item,) = discover([tmp_path], ArchiveLimits())
    assert item.source.endswith("/r\\xff.txt") and item.path.endswith(name)


def die_once(task: Task) -> Outcome:
    """Killed by SIGKILL from outside the first time this document is tried."""
    flag = Path(task.scratch or "/tmp") / "tried"
    if not flag.exists():
        flag.write_text("1")
        os.kill(os.getpid(), signal.SIGKILL)
    return convert_task(Task(task.sha256, task.source, task.path))


def test_a_worker_killed_from_outside_is_retried_once(tmp_path: Path) -> None:
    from ogi.convert.hashing import file_sha256

    pool = LocalPool(1, f"{HERE}:die_once", timeout=60, max_memory_mb=2000)
    task = Task(file_sha256(str(SEED)), SEED.as_posix(), str(SEED), scratch=str(tmp_path))
    got: list[Outcome] = []
    try:
        pool.run(iter([task]), lambda _t, o: got.append(o))
    finally:
        pool.close()
    assert [o.status for o in got] == ["ok"] and pool.replaced == 1


def test_tree_rss_from_proc_is_psutils_figure() -> None:
    """The /proc walk (children files, statm) finds the same processes and sizes as psutil's way."""
    from ogi.limits import _proc_tree_rss

    script = "import subprocess, time; [subprocess.Popen(['sleep', '60']) for _ in range(2)]; time.sleep(60)"
    py = sys.executable
    top = subprocess.Popen([py, "-c", f"import subprocess; subprocess.Popen([{py!r}, '-c', {script!r}]); "
                            "import time; time.sleep(60)"])
    try:
        root = psutil.Process(top.pid)
        deadline = time.monotonic() + 10
        while len(root.children(recursive=True)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        tree = [root, *root.children(recursive=True)]
        assert len(tree) == 4, tree
        time.sleep(0.5)   # the interpreters done starting: sizes settled
        tree = [root, *root.children(recursive=True)]
        expected = sum(p.memory_info().rss for p in tree)
        assert _proc_tree_rss(top.pid) == expected
    finally:
        for p in psutil.Process(top.pid).children(recursive=True):
            p.kill()
        top.kill()
        top.wait()
    assert _proc_tree_rss(top.pid) == 0   # gone: holds nothing


@pytest.mark.parametrize("maker", ["pdf_big_stream", "pdf_big_stream_in_array"])
def test_a_content_stream_bomb_is_refused_however_the_page_names_it(tmp_path: Path, maker: str) -> None:
    """``/Contents 4 0 R`` and ``/Contents [4 0 R]`` (an array of references) alike: 200 MB decompressed."""
    import importlib.util

    from ogi.extract.caps import check_pdf

    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "tests" / "hostile" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    path = tmp_path / "bomb.pdf"
    getattr(corpus, maker)(path)
    with pytest.raises(CapExceeded, match="content stream over 64 MB"):
        check_pdf(path)
