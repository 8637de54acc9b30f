"""``ogi load`` against a real PostgreSQL 15 server that this test starts (initdb in a temporary
folder, a free port on 127.0.0.1, run as user ``postgres`` when the tests run as root)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest
import typer
from test_convert_corpus import SAMPLES, text_corpus
from typer.testing import CliRunner

from ogi.convert.cli import register
from ogi.convert.postgres import CHILDREN, load_dataset
from ogi.convert.run import run_convert
from ogi.convert.settings import ConvertSettings
from ogi.tabular import ALL_TABLES, COLUMNS

PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
               if (p / "initdb").exists()), Path("/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return "postgres"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="ogi-pg-"))
    if user:
        shutil.chown(root, user)
    data, port = root / "data", _free_port()
    subprocess.run(_as_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                             "-E", "UTF8", "--locale=C.UTF-8"], user), check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"),
                             "-w", "start"], user), check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pg")
    text_corpus(root / "in", 6)
    (root / "in" / "empty.txt").write_bytes(b"")
    shutil.copyfile(SAMPLES / "r07_pingtan_2019.txt", root / "in" / "r07.txt")
    shutil.copyfile(SAMPLES / "r07_pingtan_2019.txt", root / "in" / "r07_again.txt")
    run_convert([root / "in"], ConvertSettings(out=root / "out", workers=2, progress=False))
    return root / "out"


REPORT_COLS = ", ".join(f'"{c}"' for c in COLUMNS["reports"])


def _pg_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with psycopg.connect(url) as pg:
        return {t: sorted(pg.execute(f"SELECT {REPORT_COLS} FROM reports" if t == "reports" else
                                     f"SELECT * FROM {t}").fetchall(), key=repr) for t in ALL_TABLES}


def _dataset_rows(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The dataset's rows as PostgreSQL keeps them: one reports row per content (the canonical path's)."""
    with duckdb.connect(str(out / "ogi.duckdb"), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}" + (" WHERE duplicate_of IS NULL" if t == "reports" else ""))
                          .fetchall(), key=repr) for t in ALL_TABLES}


def test_load_is_idempotent_and_equals_the_dataset(postgres_url: str, dataset: Path) -> None:
    counts = load_dataset(dataset, postgres_url)
    first = _pg_rows(postgres_url)
    assert first == _dataset_rows(dataset)
    assert counts["reports"] == 9 and len(first["reports"]) == 8 and counts["cells"] > 0
    assert {t: counts[t] for t in CHILDREN} == {t: len(first[t]) for t in CHILDREN}
    with psycopg.connect(postgres_url) as pg:
        sources = pg.execute("SELECT sources FROM reports WHERE file_name = 'r07.txt'").fetchone()
    assert sources is not None and [Path(s).name for s in sources[0]] == ["r07.txt", "r07_again.txt"]
    load_dataset(dataset, postgres_url)
    assert _pg_rows(postgres_url) == first


def test_same_files_under_relative_and_absolute_paths_are_one_report(postgres_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = text_corpus(folder, 2)
    rel = ConvertSettings(out=tmp_path / "rel", workers=1, progress=False)
    absolute = ConvertSettings(out=tmp_path / "abs", workers=1, progress=False)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        run_convert([Path("in")], rel)
    finally:
        os.chdir(cwd)
    run_convert([folder.resolve()], absolute)
    load_dataset(rel.out, postgres_url)
    load_dataset(absolute.out, postgres_url)
    with psycopg.connect(postgres_url) as pg:
        rows = pg.execute("SELECT report_id, sources FROM reports WHERE file_name = %s",
                          (files[0].name,)).fetchall()
    assert len(rows) == 1
    assert {f"in/{files[0].name}", files[0].resolve().as_posix()} <= set(rows[0][1])   # (and the other tests' paths)
    assert rows[0][1] == sorted(rows[0][1])


def test_tables_have_primary_keys_and_indexes(postgres_url: str, dataset: Path) -> None:
    load_dataset(dataset, postgres_url)
    with psycopg.connect(postgres_url) as pg:
        pks: dict[str, str] = dict(pg.execute(
            "SELECT tc.table_name, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) "
            "FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu "
            "USING (constraint_name, table_name) WHERE tc.constraint_type = 'PRIMARY KEY' "
            "AND tc.table_schema = 'public' GROUP BY 1").fetchall())
        indexes = {r[0] for r in pg.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        columns = [r[0] for r in pg.execute("SELECT column_name FROM information_schema.columns "
                                             "WHERE table_name = 'cells' ORDER BY ordinal_position")]
        fks = set(pg.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"))
        comments = dict(pg.execute(
            "SELECT c.relname || '.' || a.attname, col_description(c.oid, a.attnum) FROM pg_class c "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 WHERE c.relname = ANY(%s)",
            (list(ALL_TABLES),)).fetchall())
        table_comment = pg.execute("SELECT obj_description('cells'::regclass)").fetchone()
    assert pks == {"reports": "report_id", "cells": "report_id,table,row,column", "sections": "report_id,seq",
                   "findings": "report_id,seq", "ogi_meta": "key", "catalogue": "table,row,column,template",
                   "comparable": "measure,table,row,column"}
    assert fks == {("cells", "reports"), ("sections", "reports"), ("findings", "reports")}
    assert {"reports_year_idx", "reports_agency_idx", "reports_source_idx", "cells_table_row_column_idx"} <= indexes
    assert columns == list(COLUMNS["cells"])
    assert comments["cells.placed_by"].startswith("定位方式: ") and comments["reports.sources"]
    assert all(comments[f"{t}.{c}"] for t in ALL_TABLES for c in COLUMNS[t])
    assert table_comment is not None and table_comment[0].startswith("统计表单元格")


def test_reload_after_a_file_changed_replaces_its_rows(postgres_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = text_corpus(folder, 2)
    settings = ConvertSettings(out=tmp_path / "out", workers=1, progress=False)
    run_convert([folder], settings)
    load_dataset(settings.out, postgres_url)
    files[0].write_bytes((SAMPLES / "r14_sh_szfbgt_2019.html").read_bytes())
    run_convert([folder], settings)
    load_dataset(settings.out, postgres_url)
    mine = _dataset_rows(settings.out)
    with psycopg.connect(postgres_url) as pg:
        got = sorted(pg.execute(f"SELECT {REPORT_COLS} FROM reports WHERE source = ANY(%s)",
                                ([f.as_posix() for f in files],)).fetchall(), key=repr)
        ids = [r[0] for r in mine["reports"]]
        cells = sorted(pg.execute("SELECT * FROM cells WHERE report_id = ANY(%s)", (ids,)).fetchall(), key=repr)
        orphans = pg.execute("SELECT count(*) FROM cells c WHERE NOT EXISTS "
                             "(SELECT 1 FROM reports r WHERE r.report_id = c.report_id)").fetchone()
    assert got == mine["reports"]
    assert cells == mine["cells"]
    assert orphans == (0,)


def test_cli_load(postgres_url: str, dataset: Path) -> None:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["load", str(dataset), "--postgres", postgres_url])
    assert result.exit_code == 0, result.output
    assert "reports: 9 rows" in result.output
    bad = CliRunner().invoke(app, ["load", str(dataset), "--postgres", "postgresql://nobody@127.0.0.1:1/x"])
    assert bad.exit_code == 2
