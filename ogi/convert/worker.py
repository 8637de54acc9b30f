"""Worker processes: :func:`serve` reads tasks and writes outcomes (length-prefixed pickles) on two
pipes, and :class:`WorkerProcess` is the main process's handle on one.

A worker is forked from the main process where that is safe (:mod:`ogi.convert.forked`), else it is
``python -m ogi.convert.worker`` (:func:`main`, on its stdin and stdout). Neither is ``multiprocessing``,
so that a worker can also be started from inside a Dask worker, and each runs in its own session so a
stuck one can be killed with its children (LibreOffice) without touching anything else. A worker whose
parent dies exits.

The worker process itself runs :func:`serve` only: ``subprocess`` and :mod:`ogi.limits` are imported by
the methods of :class:`WorkerProcess`, which only the main process calls.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

    from ogi.convert.forked import ForkedWorker

ROOT = Path(__file__).parent.parent.parent   # the folder that holds the ogi package
HEADER = struct.Struct(">Q")


def write_message(out: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(HEADER.pack(len(data)) + data)
    out.flush()


def _read_exact(fh: IO[bytes], n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = fh.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def read_message(fh: IO[bytes]) -> Any:
    """The next message, or ``None`` at end of stream (the other side is gone)."""
    head = _read_exact(fh, HEADER.size)
    if head is None:
        return None
    body = _read_exact(fh, HEADER.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def load_handler(dotted: str) -> Callable[[Any], Any]:
    module, func = dotted.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def _exit_when_orphaned(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(3)
        time.sleep(0.5)


def main() -> None:
    """Worker loop. Library output on stdout goes to stderr so it cannot corrupt the protocol."""
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, proto_out)


def serve(proto_in: IO[bytes], proto_out: IO[bytes]) -> None:
    """Read the init message, then answer each task with its outcome until the input ends."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    init = read_message(proto_in)
    if init is None:
        return
    for p in reversed(init["sys_path"]):
        if p not in sys.path:
            sys.path.insert(0, p)
    handler = load_handler(init["handler"])
    write_message(proto_out, "ready")
    while (task := read_message(proto_in)) is not None:
        write_message(proto_out, handler(task))


class WorkerStartError(RuntimeError):
    pass


def _new_interpreter(log: IO[bytes] | None, env_name: str, token: str) -> subprocess.Popen[bytes]:
    import subprocess

    env = dict(os.environ)
    env[env_name] = token
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.Popen(
        [sys.executable, "-m", "ogi.convert.worker"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=log if log is not None else subprocess.DEVNULL,
        env=env, start_new_session=True,
    )


class WorkerProcess:
    """The main process's handle on one worker subprocess."""

    def __init__(self, handler: str, log: IO[bytes] | None = None, fork: bool | None = None) -> None:
        """Start a worker: forked from this process where that is safe (:mod:`ogi.convert.forked`),
        else a new interpreter; ``fork`` forces one way (``None``: decide)."""
        from ogi.convert.forked import can_fork, fork_worker
        from ogi.limits import JOB_ENV, new_job_token

        self.token = new_job_token()   # marks the worker and every descendant (LibreOffice) for kill_tree
        self.proc: subprocess.Popen[bytes] | ForkedWorker
        if can_fork() if fork is None else fork:
            self.proc = fork_worker(log, JOB_ENV, self.token)
        else:
            self.proc = _new_interpreter(log, JOB_ENV, self.token)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        self.task: Any = None
        self.started = 0.0
        self.peak_rss = 0
        self.ready = False
        write_message(self.stdin, {"sys_path": [p for p in sys.path if p], "handler": handler})

    @property
    def pid(self) -> int:
        return self.proc.pid

    def fileno(self) -> int:
        return self.stdout.fileno()

    def wait_ready(self) -> None:
        """Read the worker's "ready" (sent once its handler is imported); the time limit starts after it."""
        if read_message(self.stdout) != "ready":
            code = self.proc.wait()
            raise WorkerStartError(f"a worker process could not start (exit code {code}); see .work/worker.log")
        self.ready = True

    def send(self, task: Any) -> None:
        self.task = task
        self.started = time.monotonic()
        write_message(self.stdin, task)

    def receive(self) -> Any:
        """The outcome of the current task, or ``None`` if the worker died."""
        outcome = read_message(self.stdout)
        self.task = None
        return outcome

    def rss(self) -> int:
        """Resident memory of the worker and all its child processes, in bytes."""
        from ogi.limits import tree_rss

        total = tree_rss(self.proc.pid)
        self.peak_rss = max(self.peak_rss, total)
        return total

    def exit_code(self) -> int | None:
        return self.proc.poll()

    def kill(self) -> None:
        """Kill the worker's whole session and any child that left it, then reap it."""
        from ogi.limits import kill_tree

        kill_tree(self.proc.pid, self.token)  # its group, descendants, and orphans marked with its token
        self.proc.wait()
        self.stdin.close()
        self.stdout.close()

    def close(self) -> None:
        """Ask the worker to stop (end of input) and wait a moment before killing it."""
        import subprocess

        with contextlib.suppress(BrokenPipeError):
            self.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self.stdout.close()


if __name__ == "__main__":
    main()
