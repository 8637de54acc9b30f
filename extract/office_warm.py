"""A warm LibreOffice: one long-lived headless instance per process, for batches of DOC/WPS/RTF/ODT files.

Starting LibreOffice costs most of a one-per-file conversion (about 2.5 s of its 2.9 s). A process that reads
many such files (an ``ogi convert`` worker) can keep one instance: :func:`enable_warm` (or
``OGI_SOFFICE_WARM=1``) makes :func:`extract.office.read_office` convert through it. The instance is the
bridge ``office_bridge.py`` run by a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno``),
which starts ``soffice --accept=pipe,…`` and converts one file per request. Isolation is the same as the
one-per-file runs: its own profile (macros off, links never updated), its temporary folder inside its own
folder, no network (``unshare -n`` around the bridge and LibreOffice), its own process group, and LibreOffice
is a child of the reading process, so the time and memory limits of that process cover it. Every request has
the same time limit (``OGI_SOFFICE_TIMEOUT``); past it, or on any failure, the instance is killed and the next
file starts a new one. After :data:`DEFAULT_DOCUMENTS` files (``OGI_SOFFICE_WARM_DOCS``) it is restarted so
that nothing one document left behind reaches many others. Where no instance can start (no ``uno`` module,
LibreOffice does not answer), files are converted one per file as before.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from functools import cache
from pathlib import Path

from ogi.extract.office import find_soffice, no_network_prefix, write_profile
from ogi.schemas import ConversionTimeout, UnreadableFile

WARM_ENV = "OGI_SOFFICE_WARM"
DOCUMENTS_ENV = "OGI_SOFFICE_WARM_DOCS"
DEFAULT_DOCUMENTS = 50
START_SECONDS = 90.0
BRIDGE = Path(__file__).with_name("office_bridge.py")
UNO_PYTHONS = ("/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python", "python3", "/usr/bin/python3")


class WarmUnavailable(Exception):
    """No warm instance could start: the caller converts one file per file."""


@cache
def uno_python() -> str | None:
    """A Python executable that can ``import uno``, or None."""
    for name in UNO_PYTHONS:
        found = shutil.which(name)
        if found is None:
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            if subprocess.run([found, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                return found
    return None


def documents_per_instance() -> int:
    raw = os.environ.get(DOCUMENTS_ENV, "").strip()
    try:
        return max(1, int(raw)) if raw else DEFAULT_DOCUMENTS
    except ValueError:
        raise ValueError(f"{DOCUMENTS_ENV} must be a whole number of documents, not {raw!r}") from None


class WarmOffice:
    """One headless LibreOffice behind the bridge, started on first use and restarted after
    ``max_documents`` files or on any failure."""

    def __init__(self, max_documents: int | None = None) -> None:
        self.max_documents = documents_per_instance() if max_documents is None else max_documents
        self.proc: subprocess.Popen[bytes] | None = None
        self.work: Path | None = None
        self.done = 0
        self.starts = 0  # instances started so far (for tests and benchmarks)
        self.owner = os.getpid()  # a forked child never talks to its parent's instance

    def _start(self) -> subprocess.Popen[bytes]:
        python, soffice = uno_python(), find_soffice()
        if python is None or soffice is None:
            raise WarmUnavailable("no Python with LibreOffice's uno module, or no LibreOffice")
        self.work = Path(tempfile.mkdtemp(prefix="ogi-warm-office-")).absolute()   # a URI below: absolute
        write_profile(self.work / "profile")
        (self.work / "tmp").mkdir()
        tmp = str(self.work / "tmp")
        env = {**os.environ, "TMPDIR": tmp, "TMP": tmp, "TEMP": tmp}
        pipe = f"ogi-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        proc = subprocess.Popen(
            [*no_network_prefix(), python, str(BRIDGE), soffice, (self.work / "profile").as_uri(), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True)  # its own process group: a kill takes soffice.bin too
        self.proc, self.done = proc, 0
        self.starts += 1
        if self._answer(START_SECONDS) != {"ready": True}:
            self.stop()
            raise WarmUnavailable("LibreOffice did not start listening")
        return proc

    def _answer(self, timeout: float) -> dict[str, object] | None:
        """The bridge's next answer, or None when it died or said nothing within ``timeout`` seconds."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            line = self.proc.stdout.readline()
            if not line:
                return None
            with contextlib.suppress(ValueError):
                answer = json.loads(line)
                if isinstance(answer, dict):
                    return answer

    def stop(self) -> None:
        """Kill the instance (bridge and LibreOffice) and remove its folder."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            for stream in (self.proc.stdin, self.proc.stdout):
                with contextlib.suppress(OSError):
                    if stream is not None:
                        stream.close()
            self.proc.wait()
            self.proc = None
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def convert(self, path: Path, source: Path, converted: Path, filter_name: str, timeout: float) -> Path:
        """Convert ``source`` (a copy of ``path``) into ``converted`` with the export filter ``filter_name``."""
        if os.getpid() != self.owner:
            raise WarmUnavailable("the warm instance belongs to the parent process")
        if self.proc is None or self.proc.poll() is not None or self.done >= self.max_documents:
            self.stop()
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        try:
            job = {"src": str(source), "dst": str(converted), "filter": filter_name}
            self.proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
        except OSError:
            self.stop()
            raise WarmUnavailable("the LibreOffice bridge ended") from None
        started = time.monotonic()
        answer = self._answer(timeout)
        self.done += 1
        if answer is None:
            self.stop()
            if time.monotonic() - started >= timeout:
                raise ConversionTimeout(str(path), f"LibreOffice took longer than {timeout:g} s to convert it")
            raise WarmUnavailable("the LibreOffice bridge ended")
        if "error" in answer or not converted.exists():
            self.stop()  # any failure: the next file gets a fresh instance
            raise UnreadableFile(str(path), f"LibreOffice could not convert it ({answer.get('error', 'no output')})")
        return converted


_instance: WarmOffice | None = None


def enable_warm(max_documents: int | None = None) -> WarmOffice:
    """Convert through one warm instance in this process from now on (an ``ogi convert`` worker calls it once)."""
    global _instance
    if _instance is None:
        _instance = WarmOffice(max_documents)
        atexit.register(disable_warm)
    return _instance


def warm_instance() -> WarmOffice | None:
    """This process's warm instance, when enabled (by :func:`enable_warm` or ``OGI_SOFFICE_WARM=1``)."""
    if _instance is None and os.environ.get(WARM_ENV, "").strip() in {"1", "true", "yes", "on"}:
        return enable_warm()
    return _instance


def disable_warm() -> None:
    """Stop this process's warm instance and go back to one LibreOffice per file."""
    global _instance
    if _instance is not None:
        _instance.stop()
        _instance = None
