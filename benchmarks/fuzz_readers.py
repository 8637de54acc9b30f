"""Timed fuzz run of the text, HTML and PDF readers through the whole pipeline (read + normalize).

    nice .venv/bin/python benchmarks/fuzz_readers.py --minutes 10
    nice .venv/bin/python benchmarks/fuzz_readers.py --minutes 1 --out /tmp/fuzz-crashes

Acceptance of issue 10: no input raises anything but an ``OgiError``. The inputs are the ones of the CI
fuzz tests, without their example budget: the piece-built documents and near-valid ruled grids of
``tests/test_fuzz_readers.py`` (as ``.txt`` and as ``<html><body>…``), and the byte mutations of the seeds
of ``tests/test_fuzz_targets.py`` (``.txt``/``.md``, ``.html`` and ``.pdf``), the text and HTML ones through
``ogi.read_unlimited``, the PDFs through ``ogi.read`` under limits (pdfium draws what it repairs of a broken
file, and the caps' form checks read a file as pdfminer does, which can differ). Targets take turns for the
given time. Every input that raises something else is written to ``--out`` (one file each, with the traceback
beside it); the exit code is 1 if there was one. A PDF read stopped by a limit or a signal is kept there too
(``-stopped-``, with its message), for a look: the limits did their work. Prints the count of inputs per
target. Not run in CI (CI runs the short corpus and the small example budget).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from test_fuzz_readers import documents, grids  # noqa: E402
from test_fuzz_targets import _seeds, mutated  # noqa: E402

from ogi.api import read, read_unlimited  # noqa: E402
from ogi.limits import Limits  # noqa: E402
from ogi.schemas import LimitExceeded, OgiError, ProcessingError  # noqa: E402

MAX_ADDRESS_SPACE = 8 << 30   # bytes: far above any reader's need on these small inputs
PDF_LIMITS = Limits(seconds=20, memory_mb=1024)


def _keep(out: Path, name: str, data: bytes, why: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    kept = out / name
    kept.write_bytes(data)
    kept.with_suffix(kept.suffix + ".why").write_text(why + "\n", encoding="utf-8")
    return kept


class _TimeUp(BaseException):
    """Ends a target's turn: a BaseException, so hypothesis neither catches nor shrinks it."""


TEXTS = st.one_of(documents, grids(), st.lists(grids(), max_size=3).map("\n正文\n".join))
TARGETS: dict[str, st.SearchStrategy[tuple[str, bytes]]] = {
    "text-pieces": TEXTS.map(lambda t: (".txt", t.encode("utf-8"))),
    "html-pieces": documents.map(lambda t: (".html", ("<html><body>" + t).encode("utf-8"))),
    "text-mutated": mutated(_seeds(".txt", ".md")),
    "html-mutated": mutated(_seeds(".html")),
    "pdf-mutated": mutated(_seeds(".pdf")),   # the PDF reader, its caps' byte scan and pdfium's point copy
}


def _run_target(strategy: st.SearchStrategy[tuple[str, bytes]], seconds: float,
                check: Callable[[tuple[str, bytes]], None]) -> None:
    until = time.monotonic() + seconds

    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @seed(random.getrandbits(64))  # a seed of our own: hypothesis prints no reproduction hint at _TimeUp
    @given(strategy)
    def target(case: tuple[str, bytes]) -> None:
        if time.monotonic() > until:
            raise _TimeUp
        check(case)

    with contextlib.suppress(_TimeUp):
        target()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--turn", type=float, default=30.0, help="seconds per target turn")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "ogi-fuzz-crashes")
    args = parser.parse_args(argv)
    counts = dict.fromkeys(TARGETS, 0)
    crashes: list[Path] = []
    stopped: list[Path] = []
    work = Path(tempfile.mkdtemp(prefix="ogi-fuzz-"))
    # The text and HTML inputs run without ogi's limits (read_unlimited), so a reader that runs away takes
    # this process with it: its address space is capped (an allocation past it fails here, not the machine's
    # memory), and each input is on disk before its read, so the last one is in WORK after a crash. The PDF
    # inputs run under limits (ogi.read): pdfium draws what it repairs, and a runaway there is a fork's.
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (min(MAX_ADDRESS_SPACE, hard) if hard > 0 else MAX_ADDRESS_SPACE, hard))
    print(f"inputs are written to {work} before each read", flush=True)
    end = time.monotonic() + args.minutes * 60

    while time.monotonic() < end:  # the targets take turns
        for name, strategy in TARGETS.items():
            left = end - time.monotonic()
            if left <= 0:
                break

            def check(case: tuple[str, bytes], name: str = name) -> None:
                suffix, data = case
                counts[name] += 1
                path = work / f"case{suffix}"
                path.write_bytes(data)
                try:
                    if suffix == ".pdf":   # pdfium's own work, as every entry point runs it: under the limits
                        read(path, PDF_LIMITS)
                    else:
                        read_unlimited(path)
                except (LimitExceeded, ProcessingError) as err:   # OgiErrors: kept to look at, not findings
                    if err.reason.startswith(("time limit", "memory limit")) or "killed by signal" in err.reason:
                        stopped.append(_keep(args.out, f"{name}-stopped-{len(stopped):04d}{suffix}", data, str(err)))
                except OgiError:
                    pass
                except Exception:  # the finding of the run: anything but an OgiError
                    args.out.mkdir(parents=True, exist_ok=True)
                    kept = args.out / f"{name}-{len(crashes):04d}{suffix}"
                    kept.write_bytes(data)
                    kept.with_suffix(kept.suffix + ".traceback").write_text(traceback.format_exc(), encoding="utf-8")
                    crashes.append(kept)

            _run_target(strategy, min(args.turn, left), check)

    total = sum(counts.values())
    for name, n in counts.items():
        print(f"{name:14} {n:8d} inputs")
    print(f"{'all':14} {total:8d} inputs in {args.minutes:g} min, {len(crashes)} raised something but an OgiError")
    for kept in crashes:
        print(f"  {kept}")
    print(f"{len(stopped)} PDF reads stopped by a limit or a signal (LimitExceeded, ProcessingError; kept to look at):")
    for kept in stopped:
        print(f"  {kept}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
