"""The hostile corpus (tests/hostile/make_corpus.py, generated here): every file through
``ogi extract`` ends with exit 0 or 1, one line, no traceback, within the limits; one
``ogi convert`` over all of them plus a FIFO, a /dev/zero link, a non-UTF-8 name, a link loop,
an unreadable file and a quote in ``--out`` finishes, has a reports row per input and exits 1;
no process of the run is left; a loopback listener sees no request."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import psutil
import pytest

REPO = Path(__file__).resolve().parent.parent
TIME_LIMIT = 30      # seconds per document in this test (the default is 120)
MEMORY_LIMIT = 1536  # MB per document tree in this test (the default is 2048)
MARK = "OGI_HOSTILE_TEST"


def _corpus_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "tests" / "hostile" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Listener:
    """A loopback HTTP listener that counts connections (it answers none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        deadline = time.monotonic() + 900  # bounded: stops by itself
        while not self.stop and time.monotonic() < deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, _corpus_module().build(folder, listener.port)


@pytest.fixture(scope="module")
def mark() -> str:
    return uuid.uuid4().hex


def _env(mark: str) -> dict[str, str]:
    return {**os.environ, MARK: mark, "OGI_TIME_LIMIT": str(TIME_LIMIT), "OGI_MEMORY_LIMIT_MB": str(MEMORY_LIMIT)}


def _run(args: list[str], mark: str, timeout: float, tmp: Path) -> tuple[int, str, float, int]:
    """Exit code, stderr, seconds, and peak RSS (MB) of the command with its waited-for descendants."""
    started = time.monotonic()
    err_path = tmp / f"stderr-{uuid.uuid4().hex}"
    with err_path.open("wb") as err_fh:
        proc = subprocess.Popen([sys.executable, "-c", "from ogi.cli import main; main()", *args], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=err_fh, env=_env(mark))
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                proc.kill()
                raise AssertionError(f"{args} hung past {timeout} s")
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    return proc.returncode, err_path.read_text(errors="replace"), time.monotonic() - started, usage.ru_maxrss // 1024


def _marked(mark: str) -> list[str]:
    left = []
    for p in psutil.process_iter():
        try:
            if p.environ().get(MARK) == mark:
                left.append(f"{p.pid} {p.name()}")
        except psutil.Error:
            continue
    return left


def test_extract_every_hostile_file(corpus: tuple[Path, dict[str, str]], mark: str, listener: Listener,
                                    tmp_path: Path) -> None:
    folder, expected = corpus

    def one(name: str) -> tuple[str, int, str, float, int]:
        return (name, *_run(["extract", str(folder / name)], mark, TIME_LIMIT + 60, tmp_path))

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(one, sorted(expected)))
    problems = []
    for name, code, err, seconds, peak in results:
        lines = err.strip().splitlines()
        if code not in (0, 1):
            problems.append(f"{name}: exit {code}: {err[-500:]}")
        elif expected[name] == "fail" and code != 1:
            problems.append(f"{name}: expected a refusal, got exit {code}")
        if code == 1 and (len(lines) != 1 or not lines[0].startswith("ogi extract: ")):
            problems.append(f"{name}: not a one-line message: {err[-500:]!r}")
        if "Traceback" in err:
            problems.append(f"{name}: traceback")
        if seconds > TIME_LIMIT + 30:
            problems.append(f"{name}: {seconds:.0f} s, past the time limit")
        if peak > MEMORY_LIMIT + 512:  # the watch polls every 50 ms: a little over the limit at most
            problems.append(f"{name}: {peak} MB, past the memory limit")
        print(f"hostile extract {name}: exit {code}, {seconds:.1f} s, peak {peak} MB, {lines[-1] if lines else ''}")
    worst = max(results, key=lambda r: r[4])
    print(f"hostile extract: {len(results)} inputs, worst peak {worst[4]} MB ({worst[0]})")
    assert not problems, "\n".join(problems)
    assert _marked(mark) == []
    assert listener.hits == 0


def test_convert_survives_everything(corpus: tuple[Path, dict[str, str]], mark: str, listener: Listener,
                                     tmp_path: Path) -> None:
    folder, expected = corpus
    extra = tmp_path / "extra"
    extra.mkdir()
    os.mkfifo(extra / "x.pdf")
    (extra / "z.txt").symlink_to("/dev/zero")
    (extra / "loop.pdf").symlink_to(extra / "loop.pdf")
    (extra / os.fsdecode(b"\xff\xfe\xe6\x8a\xa5.txt")).write_text("一、总体情况\n规章 1 2 3\n", encoding="utf-8")
    unreadable = extra / "unreadable.txt"
    unreadable.write_text("一、总体情况\n")
    unreadable.chmod(0)
    out = tmp_path / "out 'quote\" dir"
    code, err, seconds, peak = _run(["convert", str(folder), str(extra), "--out", str(out), "--workers", "2",
                                     "--timeout", str(TIME_LIMIT), "--max-memory", str(MEMORY_LIMIT),
                                     "--no-progress"], mark, 600, tmp_path)
    assert "Traceback" not in err, err[-3000:]
    assert code == 1, err[-3000:]
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        cur = con.execute("SELECT source, status, message FROM reports")
        reports = [dict(zip(("source", "status", "message"), row, strict=True)) for row in cur.fetchall()]
    n_inputs = len(expected) + 5
    assert len(reports) == n_inputs, [r["source"] for r in reports]
    by_name = {Path(r["source"]).name: r for r in reports}
    assert by_name["x.pdf"]["status"] == "failed" and "FIFO" in by_name["x.pdf"]["message"]
    assert by_name["z.txt"]["status"] == "failed" and "device" in by_name["z.txt"]["message"]
    assert by_name["loop.pdf"]["status"] == "failed" and "loop" in by_name["loop.pdf"]["message"]
    assert "\\xff\\xfe报.txt" in by_name  # shown with escapes, read from the real name
    assert by_name["\\xff\\xfe报.txt"]["status"] != "failed"
    assert by_name["docx_gridspan_1e9.docx"]["status"] == "failed"
    assert _marked(mark) == []
    assert listener.hits == 0
    print(f"hostile convert: {n_inputs} inputs, exit {code}, {seconds:.0f} s, peak of main process {peak} MB")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 MB tmpfs (needs root and a mount namespace that allows it, as on the CI machine)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_is_one_line_and_keeps_the_dataset(small_disk: Path, tmp_path: Path, mark: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("gen004_2021.txt", "gen008_2021.md"):
        (inputs / name).write_bytes((REPO / "samples" / "generated" / name).read_bytes())
    out = small_disk / "ds"
    args = ["convert", str(inputs), "--out", str(out), "--workers", "1", "--no-progress"]
    assert _run(args, mark, 300, tmp_path)[0] == 0
    before = (out / "ogi.duckdb").read_bytes()
    (inputs / "gen003_2021.html").write_bytes((REPO / "samples" / "generated" / "gen003_2021.html").read_bytes())
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    subprocess.run(["fallocate", "-l", str(free - 200 * 1024), str(filler)], check=True)
    code, err, _, _ = _run(args, mark, 300, tmp_path)
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"ogi convert: disk full in {out}; the previous dataset")
    assert (out / "ogi.duckdb").read_bytes() == before
    filler.unlink()
    assert _run(args, mark, 300, tmp_path)[0] == 0
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (3,)
    assert _marked(mark) == []
