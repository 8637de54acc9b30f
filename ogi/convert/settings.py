"""The one settings object of a conversion run, validated once and frozen."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ArchiveLimits:
    """What a zip archive may contain before it is refused as a possible archive bomb.

    ``max_ratio`` applies to members larger than ``ratio_floor_mb`` uncompressed (small, very
    compressible text is harmless).
    """

    max_members: int = 50_000
    max_total_mb: int = 4096
    max_member_mb: int = 512
    max_ratio: float = 200.0
    ratio_floor_mb: int = 8


@dataclass(frozen=True)
class ConvertSettings:
    out: Path
    workers: int = 0               # 0 = one per core
    timeout: float = 120.0         # seconds per document (ogi.limits.DEFAULT_SECONDS)
    max_memory_mb: int = 2048      # resident memory per worker (with its child processes)
    manifest: Path | None = None
    bom: bool = False
    dask: str | None = None
    retry_failed: bool = False
    progress: bool | None = None   # None = a bar on a terminal, log lines otherwise
    archive: ArchiveLimits = ArchiveLimits()
    handler: str = "ogi.convert.task:convert_task"   # worker-side function, "module:function"

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError("workers must be 0 (all cores) or more")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.max_memory_mb <= 0:
            raise ValueError("max-memory must be positive")

    @property
    def n_workers(self) -> int:
        return self.workers or (os.cpu_count() or 1)
