"""A pool of worker processes with a time limit and a memory limit per document.

A document that runs past the time limit, or whose worker (with its child processes) grows
past the memory limit, gets a failed outcome saying so; the worker is killed and replaced.
A worker that dies on its own (a crash in a native library) is recorded the same way.
"""

from __future__ import annotations

import contextlib
import selectors
import signal
import time
from collections.abc import Callable, Iterator
from typing import IO, Any

from ogi.convert.payload import Payload, pack
from ogi.convert.task import Outcome, Task
from ogi.convert.worker import WorkerProcess

MB = 1024 * 1024
POLL = 0.1


def failed_outcome(task: Task, error_type: str, message: str, seconds: float) -> Outcome:
    return Outcome(task.sha256, "failed", error_type, message, pack(Payload({"format": ""})), seconds)


def _death(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}, twice"
    return f"exit code {code}"


class LocalPool:
    """``run(tasks, on_done)`` converts tasks on ``n`` workers; workers live until :meth:`close`."""

    def __init__(self, n: int, handler: str, timeout: float, max_memory_mb: int,
                 log: IO[bytes] | None = None) -> None:
        self.n = n
        self.handler = handler
        self.timeout = timeout
        self.max_rss = max_memory_mb * MB
        self.log = log
        self.workers: list[WorkerProcess] = []
        self.peak_worker_rss = 0
        self.replaced = 0
        self._checked: dict[int, float] = {}
        self._retried: set[str] = set()
        self.retry: list[Task] = []   # tasks whose worker was killed from outside, sent again once

    def _start(self) -> WorkerProcess:
        return WorkerProcess(self.handler, self.log)

    def _replace(self, w: WorkerProcess, sel: selectors.BaseSelector) -> None:
        self.peak_worker_rss = max(self.peak_worker_rss, w.peak_rss)
        sel.unregister(w.stdout)
        w.kill()
        fresh = self._start()
        self.workers[self.workers.index(w)] = fresh
        sel.register(fresh.stdout, selectors.EVENT_READ, fresh)
        self.replaced += 1

    def close(self) -> None:
        for w in self.workers:
            self.peak_worker_rss = max(self.peak_worker_rss, w.peak_rss)
            w.close()
        self.workers = []

    def _limits(self, w: WorkerProcess) -> Outcome | None:
        """A failed outcome if the busy worker ``w`` broke a limit, else ``None``."""
        task: Task = w.task
        elapsed = time.monotonic() - w.started
        if elapsed > self.timeout:
            return failed_outcome(task, "Timeout", f"time limit of {self.timeout:g} s exceeded; "
                                  "the worker was stopped", elapsed)
        now = time.monotonic()
        if now - self._checked.get(w.pid, 0.0) < POLL:
            return None
        self._checked[w.pid] = now
        rss = w.rss()
        if rss > self.max_rss:
            return failed_outcome(task, "MemoryLimit", f"memory limit of {self.max_rss // MB} MB "
                                  f"exceeded ({rss // MB} MB resident); the worker was stopped", elapsed)
        return None

    def run(self, tasks: Iterator[Task], on_done: Callable[[Task, Outcome], None]) -> None:
        while len(self.workers) < self.n:
            self.workers.append(self._start())
        sel = selectors.DefaultSelector()
        for w in self.workers:
            sel.register(w.stdout, selectors.EVENT_READ, w)
        todo = iter(tasks)
        exhausted = False
        try:
            while True:
                for w in self.workers:
                    if w.ready and w.task is None and self.retry:
                        w.send(self.retry.pop())
                    elif w.ready and w.task is None and not exhausted:
                        task = next(todo, None)
                        if task is None:
                            exhausted = True
                        else:
                            w.send(task)
                if exhausted and not self.retry and not any(w.task is not None for w in self.workers):
                    return
                for key, _ in sel.select(POLL):
                    w = key.data
                    if not w.ready:
                        w.wait_ready()
                    elif w.task is not None:
                        self._collect(w, sel, on_done)
                    else:   # an idle worker's pipe is readable only when it died
                        w.receive()
                        self._replace(w, sel)
                for w in [w for w in self.workers if w.task is not None]:
                    failed = self._limits(w)
                    if failed is not None:
                        task = w.task
                        self._replace(w, sel)
                        on_done(task, failed)
        finally:
            sel.close()

    def _collect(self, w: WorkerProcess, sel: selectors.BaseSelector,
                 on_done: Callable[[Task, Outcome], None]) -> None:
        task: Task = w.task
        w.rss()
        outcome: Any = w.receive()
        if isinstance(outcome, Outcome):
            on_done(task, outcome)
            return
        code = w.proc.wait()
        seconds = time.monotonic() - w.started
        self._replace(w, sel)
        if code < 0 and task.sha256 not in self._retried:
            # killed by a signal from outside (OOM killer, an operator): once more on a fresh worker
            self._retried.add(task.sha256)
            self.retry.append(task)
            return
        on_done(task, failed_outcome(task, "WorkerCrash", f"the worker process died ({_death(code)})", seconds))
