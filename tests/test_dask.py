"""``ogi convert --dask``: the same conversion on a local multi-process Dask cluster gives the
same dataset as a local run, limits included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from distributed import LocalCluster
from test_convert_corpus import broken_files, text_corpus

from ogi.convert.run import run_convert
from ogi.convert.settings import ConvertSettings
from ogi.convert.tables import TABLES


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        yield str(cluster.scheduler_address)


def _tables(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_dask_run_equals_local_run(tmp_path: Path, cluster_address: str) -> None:
    inputs = tmp_path / "in"
    text_corpus(inputs / "good", 12)
    broken_files(inputs / "broken")
    local = run_convert([inputs], ConvertSettings(out=tmp_path / "local", workers=2, progress=False))
    remote = run_convert([inputs], ConvertSettings(out=tmp_path / "dask", dask=cluster_address, progress=False))
    assert remote.converted == local.converted == 12 + 4 + 1
    assert _tables(tmp_path / "dask") == _tables(tmp_path / "local")
    assert remote.dataset.by_status == local.dataset.by_status


def test_dask_run_applies_the_time_limit(tmp_path: Path, cluster_address: str) -> None:
    inputs = tmp_path / "in"
    for path, name in zip(text_corpus(inputs, 3), ("a.txt", "b_sleep.txt", "c.txt"), strict=True):
        path.rename(inputs / name)
    settings = ConvertSettings(out=tmp_path / "out", dask=cluster_address, timeout=1.0, progress=False,
                               handler="test_convert_pool:misbehave")
    run_convert([inputs], settings)
    with duckdb.connect(str(settings.out / "ogi.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT file_name, status, error_type FROM reports ORDER BY 1").fetchall()
    assert rows == [("a.txt", "ok", None), ("b_sleep.txt", "failed", "Timeout"), ("c.txt", "partial", None)]
