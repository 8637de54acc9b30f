"""A worker started by ``fork`` from the main process of ``ogi convert``, without a new interpreter.

A worker started as ``python -m ogi.convert.worker`` pays an interpreter's start and the import of
everything its handler needs; the main process has already imported most of that (the schemas, the
task and payload modules), so a forked copy starts with it loaded: a one-file convert saves about a
tenth of its CPU time. The copy gets what :class:`subprocess.Popen` gives the other kind: its own
session (so :func:`ogi.limits.kill_tree` kills it with its children), the job token in its
environment, stdin on ``/dev/null``, stdout and stderr on the worker log, and no other inherited
file descriptor (the journal, the lock, other workers' pipes); the protocol runs on two pipes of its own.

Fork is used only where it is safe: on Linux, in a process with a single thread (a fork copies only
the calling thread, and a lock another thread held would stay held in the copy). Anywhere else, a
Dask worker for one, the worker is started as a new interpreter. The parent's objects are frozen out
of the cyclic collector for the fork (:func:`gc.freeze`), so the copy's collections do not walk and
copy-on-write the pages of everything it inherited.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from typing import IO


def can_fork() -> bool:
    """Whether this process may start a worker by fork (Linux, one thread)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1   # native threads too (a library's pool)
    except OSError:
        return False


class ForkedWorker:
    """The parent's handle on a forked worker: the part of :class:`subprocess.Popen` the pool uses."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code if the worker has ended (negative: the signal that ended it), else ``None``."""
        if self.returncode is None:
            self._reap(os.WNOHANG)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """The exit code once the worker has ended, as ``Popen.wait``; past ``timeout``, TimeoutExpired."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            if deadline is None:
                self._reap(0)
                continue
            if self.poll() is None:
                if time.monotonic() >= deadline:
                    import subprocess

                    raise subprocess.TimeoutExpired(f"ogi worker {self.pid}", timeout or 0.0)
                time.sleep(0.01)
        return self.returncode

    def _reap(self, flags: int) -> None:
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:   # reaped already: gone, and how is not known
            self.returncode = -signal.SIGKILL
            return
        if pid:
            self.returncode = os.waitstatus_to_exitcode(status)


def fork_worker(log: IO[bytes] | None, env_name: str, token: str) -> ForkedWorker:
    """Fork a worker that runs :func:`ogi.convert.worker.serve` on two new pipes."""
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    for stream in (sys.stdout, sys.stderr, log):   # nothing buffered here may be written twice
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):   # a closed or broken pipe (`ogi convert … | head`)
                stream.flush()
    log_fd = log.fileno() if log is not None else None
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        for fd in (in_r, in_w, out_r, out_w):
            os.close(fd)
        raise
    if pid == 0:   # pragma: no cover - the copy; never returns
        _child(in_r, out_w, log_fd, env_name, token)
    gc.unfreeze()
    os.close(in_r)
    os.close(out_w)
    return ForkedWorker(pid, os.fdopen(in_w, "wb"), os.fdopen(out_r, "rb"))


def _child(in_r: int, out_w: int, log_fd: int | None, env_name: str, token: str) -> None:  # pragma: no cover
    code = 1
    try:
        os.setsid()
        os.environ[env_name] = token
        signal.signal(signal.SIGINT, signal.default_int_handler)   # as a new interpreter has them
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(log_fd if log_fd is not None else null, 2)
        os.dup2(2, 1)
        keep = {0, 1, 2, in_r, out_w}
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            if fd not in keep:
                with contextlib.suppress(OSError):   # the listing's own descriptor, closed already
                    os.close(fd)
        from ogi.convert.worker import serve

        serve(os.fdopen(in_r, "rb"), os.fdopen(out_w, "wb"))
        code = 0
    except BaseException:   # into the worker log, as a new interpreter's traceback would go
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        code = 1
    finally:
        os._exit(code)
