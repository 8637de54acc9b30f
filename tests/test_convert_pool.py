"""The worker pool's limits: a document past the time or memory limit, a worker that dies and an
unexpected exception each give a failed outcome with that message, and the run goes on with a
fresh worker. The handlers below run inside the worker processes (imported by name)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest
from test_convert_corpus import SAMPLES, text_corpus

import ogi.convert.forked as forked
import ogi.convert.task as task_module
from ogi.convert.pool import LocalPool
from ogi.convert.run import run_convert
from ogi.convert.settings import ConvertSettings
from ogi.convert.task import Outcome, Task, convert_task
from ogi.convert.worker import WorkerProcess
from ogi.schemas import Report

HERE = "test_convert_pool"


@pytest.fixture(params=["fork", "new interpreter"])
def start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each limit holds for both kinds of worker: forked from the main process, or a new interpreter."""
    monkeypatch.setattr(forked, "can_fork", lambda: request.param == "fork")
    return str(request.param)


def misbehave(task: Task) -> Outcome:
    """Convert normally, except files whose name says how to misbehave."""
    name = Path(task.member or task.path).name
    if "sleep" in name:
        time.sleep(60)
    if "hog" in name:
        block = bytearray(600 << 20)
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(60)
    if "crash" in name:
        os._exit(7)
    if "raise" in name:   # a bug inside the library: the read raises something unexpected
        original = task_module.read_unlimited
        task_module.read_unlimited = raise_key_error
        try:
            return convert_task(task)
        finally:
            task_module.read_unlimited = original
    return convert_task(task)


def job_token(task: object) -> str:
    """The job token a process started by the worker (LibreOffice, say) carries in its environment."""
    import subprocess

    return subprocess.run(["sh", "-c", "echo $OGI_JOB"], capture_output=True, text=True, check=True).stdout.strip()


def raise_key_error(path: object) -> Report:
    raise KeyError("no such canonical row")


def _run(tmp_path: Path, names: list[str], **kw: object) -> list[tuple[str, str, str | None, str]]:
    folder = tmp_path / "in"
    good = text_corpus(folder, len(names))
    for path, name in zip(good, names, strict=True):
        path.rename(folder / name)
    settings = ConvertSettings(out=tmp_path / "out", progress=False, handler=f"{HERE}:misbehave", **kw)  # type: ignore[arg-type]
    run_convert([folder], settings)
    with duckdb.connect(str(settings.out / "ogi.duckdb"), read_only=True) as con:
        return con.execute("SELECT file_name, status, error_type, message FROM reports ORDER BY file_name").fetchall()


def test_time_limit_fails_the_document_and_replaces_the_worker(tmp_path: Path, start: str) -> None:
    started = time.monotonic()
    rows = _run(tmp_path, ["a_sleep.txt", "b.txt", "c.txt", "d_sleep.txt"], workers=2, timeout=1.5)
    assert time.monotonic() - started < 30
    by_name = {r[0]: r for r in rows}
    for name in ("a_sleep.txt", "d_sleep.txt"):
        _, status, error_type, message = by_name[name]
        assert (status, error_type) == ("failed", "Timeout")
        assert message.endswith(f"{name}: time limit of 1.5 s exceeded; the worker was stopped")
    # r05 (every row placed, by label or by order) and r07 (table 二 digit runs no constraint settles)
    assert (by_name["b.txt"][1], by_name["c.txt"][1]) == ("ok", "partial")


def test_memory_limit_fails_the_document(tmp_path: Path, start: str) -> None:
    rows = _run(tmp_path, ["a.txt", "b_hog.txt", "c.txt"], workers=1, max_memory_mb=300, timeout=30)
    by_name = {r[0]: r for r in rows}
    _, status, error_type, message = by_name["b_hog.txt"]
    assert (status, error_type) == ("failed", "MemoryLimit")
    assert "memory limit of 300 MB exceeded" in message
    assert (by_name["a.txt"][1], by_name["c.txt"][1]) == ("ok", "partial")  # the seed; r07 with ambiguous digit runs


def test_crash_and_unexpected_exception_are_recorded(tmp_path: Path, start: str) -> None:
    rows = _run(tmp_path, ["a_crash.txt", "b_raise.txt", "c.txt"], workers=1)
    by_name = {r[0]: r[1:] for r in rows}
    assert by_name["a_crash.txt"][:2] == ("failed", "WorkerCrash")
    assert by_name["a_crash.txt"][2].endswith("the worker process died (exit code 7)")
    assert by_name["b_raise.txt"][:2] == ("failed", "KeyError")
    assert by_name["b_raise.txt"][2].endswith("b_raise.txt: KeyError: 'no such canonical row'")
    assert by_name["c.txt"][0] == "partial"


def test_pool_keeps_workers_between_runs_and_tracks_memory() -> None:
    pool = LocalPool(1, f"{HERE}:misbehave", timeout=30, max_memory_mb=1000)
    src = SAMPLES / "r07_pingtan_2019.txt"
    from ogi.convert.hashing import file_sha256

    task = Task(file_sha256(str(src)), src.as_posix(), str(src))
    got: list[Outcome] = []
    try:
        pool.run(iter([task]), lambda _t, o: got.append(o))
        pid = pool.workers[0].pid
        pool.run(iter([task]), lambda _t, o: got.append(o))
        assert pool.workers[0].pid == pid
    finally:
        pool.close()
    assert [o.status for o in got] == ["partial", "partial"]
    assert pool.peak_worker_rss > 10 << 20
    assert pool.replaced == 0


def test_a_forked_worker_holds_only_its_own_descriptors_and_ends_at_the_end_of_its_input(tmp_path: Path) -> None:
    """Two forked workers: neither holds the other's pipes, the log or anything else of the main process,
    so closing a worker's input ends it at once (exit code 0, not the kill after 5 s)."""
    log = (tmp_path / "worker.log").open("ab")
    held = (tmp_path / "held").open("w")   # a descriptor of the main process, like the journal
    workers = [WorkerProcess(f"{HERE}:misbehave", log, fork=True) for _ in range(2)]
    try:
        for w in workers:
            w.wait_ready()
            assert isinstance(w.proc, forked.ForkedWorker)
            fds = {int(fd): os.readlink(f"/proc/{w.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{w.pid}/fd")}
            assert len(fds) == 5, fds   # stdin (/dev/null), stdout and stderr (the log), its two pipes
            assert fds[0] == os.devnull and fds[1] == fds[2] == str(tmp_path / "worker.log")
            assert os.getsid(w.pid) == w.pid   # its own session: kill_tree kills it with its children
            with open(f"/proc/{w.pid}/status") as fh:   # one thread only: the orphan watch
                assert "Threads:\t2" in fh.read()
        marked = WorkerProcess(f"{HERE}:job_token", log, fork=True)
        workers.append(marked)
        marked.wait_ready()
        marked.send("probe")
        assert marked.receive() == marked.token != os.environ.get("OGI_JOB")
        started = time.monotonic()
        for w in workers:
            w.close()
        assert [w.proc.returncode for w in workers] == [0, 0, 0]
        assert time.monotonic() - started < 2
    finally:
        for w in workers:
            if w.proc.poll() is None:
                w.kill()
        log.close()
        held.close()


def test_the_convert_command_starts_its_workers_by_fork() -> None:
    """The modules a convert run imports before its pool starts leave the process with one thread
    (pyarrow, which starts one, is imported by the dataset build), so the workers are forked."""
    import subprocess
    import sys

    probe = ("import sys, ogi.cli, ogi.convert.cli, ogi.convert.run, ogi.convert.summary; "
             "from ogi.convert.forked import can_fork; print(can_fork(), 'pyarrow' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.split() == ["True", "False"]


def test_a_forked_workers_handle_waits_as_popen_does() -> None:
    """``wait(timeout)`` raises TimeoutExpired while the worker runs; the exit code is the process's,
    negative for the signal that killed it (the pool retries a document whose worker was killed so)."""
    import signal
    import subprocess

    def child(seconds: float) -> forked.ForkedWorker:
        pid = os.fork()
        if pid == 0:   # pragma: no cover - the child
            time.sleep(seconds)
            os._exit(3)
        return forked.ForkedWorker(pid, open(os.devnull, "wb"), open(os.devnull, "rb"))

    slow = child(0.5)
    with pytest.raises(subprocess.TimeoutExpired):
        slow.wait(timeout=0.05)
    assert slow.poll() is None
    assert slow.wait() == 3 and slow.poll() == 3
    killed = child(30)
    os.kill(killed.pid, signal.SIGKILL)
    assert killed.wait(timeout=5) == -signal.SIGKILL
    for handle in (slow, killed):
        handle.stdin.close()
        handle.stdout.close()
