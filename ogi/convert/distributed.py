"""Conversion on a Dask distributed cluster: the same tasks and outcomes as the local pool.

Each Dask worker thread converts through its own worker subprocess (``ogi.convert.worker``),
so the time and memory limits hold there too. The input paths must be readable by the Dask
workers under the same names (a shared file system). Results come back to the client, which
alone writes the journal and the dataset.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from itertools import islice

from ogi.convert.pool import LocalPool, failed_outcome
from ogi.convert.task import Outcome, Task

_local = threading.local()
CONNECT_SECONDS = 5   # an unreachable scheduler fails the command well within 10 s


class SchedulerUnreachable(Exception):
    """The Dask scheduler did not answer within :data:`CONNECT_SECONDS`."""


def _tcp_probe(address: str) -> None:
    """A plain TCP connect to a ``tcp://host:port`` scheduler: fails at once when nothing listens, before
    the (slow) import of distributed."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not address.startswith("tcp://") or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as err:
        raise SchedulerUnreachable(f"--dask {address!r}: cannot reach the scheduler "
                                   f"({err.strerror or type(err).__name__})") from None


def check_scheduler(address: str) -> None:
    """Connect once and leave; raise :class:`SchedulerUnreachable` (one line) within the time limit."""
    _tcp_probe(address)
    from distributed import Client

    try:
        with Client(address, timeout=f"{CONNECT_SECONDS}s"):
            pass
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise SchedulerUnreachable(f"--dask {address!r}: cannot reach the scheduler within {CONNECT_SECONDS} s "
                                   f"({reason})") from None


def convert_isolated(task: Task, handler: str, timeout: float, max_memory_mb: int) -> Outcome:
    """Runs on a Dask worker: convert one task in this thread's own worker subprocess."""
    pool: LocalPool | None = getattr(_local, "pool", None)
    if pool is None or (pool.handler, pool.timeout, pool.max_rss) != (handler, timeout, max_memory_mb << 20):
        if pool is not None:
            pool.close()
        pool = LocalPool(1, handler, timeout, max_memory_mb)
        _local.pool = pool
    done: list[Outcome] = []
    pool.run(iter([task]), lambda _t, o: done.append(o))
    return done[0]


def run_on_dask(address: str, tasks: Iterator[Task], on_done: Callable[[Task, Outcome], None], handler: str,
                timeout: float, max_memory_mb: int, window: int = 0) -> None:
    """Submit tasks with a bounded number in flight (``window``, default 4 per worker thread)."""
    from distributed import Client, as_completed

    with Client(address, timeout=f"{CONNECT_SECONDS}s") as client:
        threads = sum(client.nthreads().values()) or 1
        window = window or 4 * threads
        todo = iter(tasks)

        def submit(task: Task):  # type: ignore[no-untyped-def]
            fut = client.submit(convert_isolated, task, handler, timeout, max_memory_mb, pure=False)
            pending[fut.key] = task
            return fut

        pending: dict[str, Task] = {}
        queue = as_completed([submit(t) for t in islice(todo, window)])
        for fut in queue:
            task = pending.pop(fut.key)
            if fut.status == "error":
                err = fut.exception()
                on_done(task, failed_outcome(task, type(err).__name__, f"dask task failed: {err}", 0.0))
            else:
                on_done(task, fut.result())
            nxt = next(todo, None)
            if nxt is not None:
                queue.add(submit(nxt))
