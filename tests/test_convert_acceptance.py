"""Acceptance: over 500 generated reports (``python -m ogi.generate``, formats that need no LibreOffice),
60 real samples in five formats (PDF included) and broken files and hostile archives convert with
every input file accounted for; sampled documents equal what the library reads alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
from test_convert_corpus import broken_files, mixed_corpus

import ogi
from ogi.convert.run import run_convert
from ogi.convert.settings import ConvertSettings
from ogi.convert.task import report_status

ROOT = Path(__file__).resolve().parent.parent


def test_over_500_generated_reports_with_broken_files(tmp_path: Path) -> None:
    generated = tmp_path / "in" / "generated"
    subprocess.run([sys.executable, "-m", "ogi.generate", "--out", str(generated), "--seed", "7", "--count", "650",
                    "--formats", "docx,html,txt,md", "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    reports = sorted(p for p in generated.iterdir() if p.suffix in {".docx", ".html", ".txt", ".md"})
    assert len(reports) >= 500   # 650 plans, minus the PDF ones (7 in 31)
    samples = mixed_corpus(tmp_path / "in" / "samples", 60)
    broken = broken_files(tmp_path / "in" / "broken")
    summary = run_convert([tmp_path / "in"], ConvertSettings(out=tmp_path / "out", progress=False))

    with duckdb.connect(str(tmp_path / "out" / "ogi.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source, status, error_type, n_cells, report_id FROM reports").fetchall()
        n_cells = dict(con.execute("SELECT report_id, count(*) FROM cells GROUP BY 1").fetchall())
    n_inputs = len(reports) + 60 + len(broken) + 1   # evil.zip also holds one good report
    assert len(rows) == len({r[0] for r in rows}) == n_inputs == summary.dataset.n_inputs
    assert {r[0]: r[2] for r in rows if r[1] == "failed"} == broken
    got = {r[0]: r for r in rows}
    for path in [*reports[::50], *samples[:6]]:
        report = ogi.read(path)
        _, status, _, cells, rid = got[path.as_posix()]
        assert (status, cells, n_cells.get(rid, 0)) == (report_status(report).value, len(report.cells),
                                                        len(report.cells)), path
