"""Time and memory limits per document, the same for every entry point.

``ogi.read`` and ``ogi extract`` run the document in a forked child process (its own process
group, marked with a job token in its environment) that the parent watches: past the time
limit, or when the child and all its descendants (LibreOffice included) hold more resident
memory than the memory limit, the whole tree is killed and :class:`schemas.LimitExceeded`
names the file and the limit. ``ogi convert`` workers get the same treatment from their pool
(``ogi.convert.pool``), which kills a worker's tree by the same token.

Defaults: 120 s and 2048 MB, changed with ``OGI_TIME_LIMIT`` (seconds) and
``OGI_MEMORY_LIMIT_MB``, or per call with ``Limits(...)``; ``OGI_LIMITS=off`` (or
``Limits.off()``) reads in-process with no watch.

psutil is imported by the functions that use it, not here: the main process of ``ogi convert``
and its workers import this module at start and, on Linux, never need psutil for a run that
kills nothing (the memory figure comes from ``/proc``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import shutil
import signal
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ogi.schemas import LimitExceeded, OgiError, ProcessingError

JOB_ENV = "OGI_JOB"
TIME_ENV = "OGI_TIME_LIMIT"
MEMORY_ENV = "OGI_MEMORY_LIMIT_MB"
SWITCH_ENV = "OGI_LIMITS"
DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 2048
MB = 1024 * 1024
POLL = 0.05
T = TypeVar("T")

if TYPE_CHECKING:
    import psutil


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.seconds <= 0 or self.memory_mb <= 0:
            raise ValueError("limits must be positive")

    @classmethod
    def off(cls) -> Limits:
        return cls(enabled=False)

    @classmethod
    def from_env(cls) -> Limits:
        """The limits set in the environment, else the defaults."""
        if os.environ.get(SWITCH_ENV, "").strip().lower() in {"0", "off", "no", "false"}:
            return cls.off()
        return cls(_number(TIME_ENV, DEFAULT_SECONDS), int(_number(MEMORY_ENV, DEFAULT_MEMORY_MB)))


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {raw!r}")
    return value


def new_job_token() -> str:
    return uuid.uuid4().hex


def job_processes(token: str) -> list[psutil.Process]:
    """Every live process whose environment carries ``OGI_JOB=token`` (a job's whole tree, orphans too)."""
    import psutil

    found = []
    for p in psutil.process_iter():
        try:
            if p.environ().get(JOB_ENV) == token:
                found.append(p)
        except (psutil.Error, OSError):
            continue
    return found


def kill_tree(root: int, token: str | None) -> None:
    """SIGKILL ``root``'s process group, its descendants, and every process marked with ``token``."""
    import psutil

    try:
        procs = [psutil.Process(root), *psutil.Process(root).children(recursive=True)]
    except psutil.Error:
        procs = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(root, signal.SIGKILL)
    if token:
        procs += job_processes(token)
    for p in procs:
        with contextlib.suppress(psutil.Error):
            p.kill()


def tree_rss(root: int) -> int:
    """Resident bytes of the process ``root`` (a pid) and all its descendants.

    On Linux the descendants come from ``/proc/<pid>/task/<tid>/children`` and the sizes from
    ``/proc/<pid>/statm``: a few small reads per process of the tree, where psutil's
    ``children(recursive=True)`` reads the ``stat`` file of every process on the machine (the
    pool asks ten times a second per busy worker). The same processes and the same figure as
    psutil's; where those files are missing (another system, a kernel without them) psutil's way.
    """
    fast = _proc_tree_rss(root)
    if fast is not None:
        return fast
    import psutil

    try:
        top = psutil.Process(root)
        procs = [top, *top.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _proc_tree_rss(pid: int) -> int | None:
    """:func:`tree_rss` from ``/proc`` alone; ``None`` where ``/proc`` lacks the files it needs."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * _PAGE
            tasks = os.listdir(f"/proc/{p}/task")
        except FileNotFoundError:
            if p == pid and not os.path.isdir("/proc/self/task"):
                return None   # no Linux /proc
            continue   # the process ended meanwhile: it holds nothing
        except (OSError, ValueError, IndexError):
            return None
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children", "rb") as fh:
                    stack.extend(int(c) for c in fh.read().split())
            except FileNotFoundError:
                if os.path.isdir(f"/proc/{p}/task/{t}"):
                    return None   # a kernel without the children file
            except (OSError, ValueError):
                return None
    return total


def run_limited(func: Callable[[Any], T], path: str, arg: Any, limits: Limits) -> T:
    """``func(arg)`` in a watched child process; raises :class:`LimitExceeded` naming ``path``.

    An :class:`OgiError` raised in the child is raised again here; any other exception becomes
    :class:`ProcessingError` (type and message kept). Without ``os.fork`` (Windows) or with the
    limits off, ``func`` runs in-process.
    """
    if not limits.enabled or not hasattr(os, "fork"):
        return func(arg)
    import psutil  # noqa: F401  # here, not in the child: each forked child inherits it loaded

    token = new_job_token()
    scratch = tempfile.mkdtemp(prefix="ogi-job-")  # the child's temp files (LibreOffice's too), removed here
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        tempfile.tempdir = scratch
        os.environ["TMPDIR"] = scratch
        _child(func, arg, w, token, limits)
    os.close(w)
    done = False
    try:
        value = _watch(pid, r, token, path, limits)
        done = True
        return value
    finally:
        os.close(r)
        if not done:  # a limit, a crash or an interrupt: nothing of the job may outlive the call
            kill_tree(pid, token)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        shutil.rmtree(scratch, ignore_errors=True)


def _child(func: Callable[[Any], Any], arg: Any, w: int, token: str, limits: Limits) -> None:  # pragma: no cover
    code = 0
    try:
        os.setpgid(0, 0)
        os.environ[JOB_ENV] = token
        # a backstop for one huge allocation between two polls: address space beyond what the
        # process already maps plus twice the memory limit fails as MemoryError
        import psutil

        vms = psutil.Process().memory_info().vms
        cap = vms + 2 * limits.memory_mb * MB
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))
        try:
            result: tuple[str, Any] = ("ok", func(arg))
        except OgiError as err:
            result = ("error", err)
        except MemoryError:
            result = ("memory", None)
        except RecursionError:
            result = ("crash", "RecursionError: nesting too deep")
        except BaseException as err:
            result = ("crash", f"{type(err).__name__}: {err}".splitlines()[0][:300] if str(err) else type(err).__name__)
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as err:
            data = pickle.dumps(("crash", f"unpicklable result: {type(err).__name__}"))
        view = memoryview(data)
        while view:
            n = os.write(w, view[: 1 << 20])
            view = view[n:]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _watch(pid: int, r: int, token: str, path: str, limits: Limits) -> Any:
    started = time.monotonic()
    chunks: list[bytes] = []
    peak = 0
    while True:
        ready, _, _ = select.select([r], [], [], POLL)
        if ready:
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            continue
        elapsed = time.monotonic() - started
        if elapsed > limits.seconds:
            kill_tree(pid, token)
            raise LimitExceeded(path, f"time limit of {limits.seconds:g} s exceeded (set {TIME_ENV} to raise it)")
        peak = max(peak, tree_rss(pid))
        if peak > limits.memory_mb * MB:
            kill_tree(pid, token)
            raise LimitExceeded(path, f"memory limit of {limits.memory_mb} MB exceeded ({peak // MB} MB "
                                      f"resident; set {MEMORY_ENV} to raise it)")
    _, status = os.waitpid(pid, 0)
    if time.monotonic() - started > limits.seconds:  # the answer came, but after the limit: the same breach
        kill_tree(pid, token)
        raise LimitExceeded(path, f"time limit of {limits.seconds:g} s exceeded (set {TIME_ENV} to raise it)")
    if not chunks:
        kill_tree(pid, token)
        sig = -os.waitstatus_to_exitcode(status)
        why = f"killed by signal {signal.Signals(sig).name}" if sig > 0 else "ended without a result"
        raise ProcessingError(path, f"the reading process {why}")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise LimitExceeded(path, f"memory limit of {limits.memory_mb} MB exceeded (allocation refused; "
                                  f"set {MEMORY_ENV} to raise it)")
    raise ProcessingError(path, f"unexpected error: {value}")
