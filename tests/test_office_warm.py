"""The warm LibreOffice (extract/office_warm.py): DOC files read through one long-lived instance give the cells
of the DOCX they were made from; a killed or hung instance is replaced and the batch goes on; the instance is
renewed after N documents, runs without network in its own profile, and one-per-file takes over where it
cannot start."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from ogi.extract import office, office_warm, read_document
from ogi.generate.office import convert_many
from ogi.normalize import document_to_report
from ogi.schemas import ConversionTimeout, Report

ROOT = Path(__file__).resolve().parent.parent
GENERATED_DOCX = sorted((ROOT / "samples" / "generated").glob("*.docx"))[:4]


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four generated DOCX reports converted to DOC (one LibreOffice start for all)."""
    assert len(GENERATED_DOCX) == 4
    return convert_many(GENERATED_DOCX, tmp_path_factory.mktemp("doc"), "doc")


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    """Every cell of each source DOCX."""
    return [raw_cells(document_to_report(read_document(p))) for p in GENERATED_DOCX]


@pytest.fixture(scope="module")
def warm() -> Iterator[office_warm.WarmOffice]:
    """One instance for the module (each start costs seconds); each test counts the starts it causes."""
    office_warm.disable_warm()
    instance = office_warm.enable_warm(max_documents=50)
    yield instance
    office_warm.disable_warm()


def raw_cells(report: Report) -> dict[str, Any]:
    return {c.key: (c.value, c.note, c.raw) for c in report.cells}


def read(path: Path) -> dict[str, Any]:
    document = read_document(path)
    assert document.format == "doc"
    return raw_cells(document_to_report(document))


def test_warm_path_gives_the_cells_of_the_docx_with_one_start(
        warm: office_warm.WarmOffice, docs: list[Path], expected: list[dict[str, Any]]) -> None:
    assert warm.starts == 0  # started on first use
    for doc, cells in zip(docs, expected, strict=True):
        assert len(cells) >= 186
        assert read(doc) == cells, doc.name
    assert (warm.starts, warm.done) == (1, 4)


def test_killed_instance_is_restarted_and_the_batch_goes_on(
        warm: office_warm.WarmOffice, docs: list[Path], expected: list[dict[str, Any]]) -> None:
    assert read(docs[0]) == expected[0]
    assert warm.proc is not None
    starts = warm.starts
    os.killpg(warm.proc.pid, signal.SIGKILL)  # from outside: bridge and LibreOffice
    assert read(docs[1]) == expected[1]
    assert read(docs[2]) == expected[2]
    assert warm.starts == starts + 1


def test_hung_instance_times_out_and_the_next_file_gets_a_new_one(
        warm: office_warm.WarmOffice, docs: list[Path], expected: list[dict[str, Any]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert read(docs[0]) == expected[0]
    assert warm.proc is not None
    starts = warm.starts
    hung = psutil.Process(warm.proc.pid)
    tree = [hung, *hung.children(recursive=True)]
    os.killpg(hung.pid, signal.SIGSTOP)  # answers nothing from now on
    monkeypatch.setenv("OGI_SOFFICE_TIMEOUT", "2")
    with pytest.raises(ConversionTimeout) as caught:
        read_document(docs[1])
    assert caught.value.path == str(docs[1])
    assert "2 s" in str(caught.value)
    assert not psutil.wait_procs(tree, timeout=5.0)[1]  # bridge and LibreOffice killed
    monkeypatch.delenv("OGI_SOFFICE_TIMEOUT")
    assert read(docs[1]) == expected[1]
    assert warm.starts == starts + 1


def test_instance_is_renewed_after_n_documents(warm: office_warm.WarmOffice, docs: list[Path],
                                               expected: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert read(docs[2]) == expected[2]
    starts, first = warm.starts, warm.proc
    monkeypatch.setattr(warm, "max_documents", warm.done + 1)
    assert read(docs[3]) == expected[3]  # the last one this instance takes
    assert (warm.starts, warm.proc) == (starts, first)
    assert read(docs[0]) == expected[0]  # on a new instance
    assert warm.starts == starts + 1 and warm.proc is not first


def test_warm_is_enabled_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_warm, "_instance", None)
    assert office_warm.warm_instance() is None
    monkeypatch.setenv("OGI_SOFFICE_WARM", "1")
    monkeypatch.setenv("OGI_SOFFICE_WARM_DOCS", "7")
    instance = office_warm.warm_instance()
    assert instance is not None and instance.max_documents == 7 and instance.proc is None


def test_instance_runs_in_its_own_profile_without_network(warm: office_warm.WarmOffice, docs: list[Path]) -> None:
    read(docs[0])
    assert warm.proc is not None and warm.work is not None
    xcu = (warm.work / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert '"DisableMacrosExecution" oor:op="fuse"><value>true' in xcu
    tree = psutil.Process(warm.proc.pid).children(recursive=True)
    soffice = [p for p in tree if p.name().startswith("soffice")]
    assert soffice
    assert all(f"-env:UserInstallation={(warm.work / 'profile').as_uri()}" in p.cmdline() for p in soffice
               if p.name() == "soffice.bin")
    if office.no_network_prefix():
        ours = os.readlink("/proc/self/ns/net")
        assert all(os.readlink(f"/proc/{p.pid}/ns/net") != ours for p in soffice)
    work = warm.work
    warm.stop()
    assert not work.exists()
    assert not psutil.wait_procs(soffice, timeout=5.0)[1]


def test_one_per_file_when_no_instance_can_start(warm: office_warm.WarmOffice, docs: list[Path],
                                                 expected: list[dict[str, Any]],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    warm.stop()
    starts = warm.starts
    monkeypatch.setattr(office_warm, "uno_python", lambda: None)
    assert read(docs[3]) == expected[3]
    assert warm.starts == starts and warm.proc is None


def test_warm_setting_must_be_a_whole_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGI_SOFFICE_WARM_DOCS", "many")
    with pytest.raises(ValueError, match="OGI_SOFFICE_WARM_DOCS"):
        office_warm.documents_per_instance()


def test_convert_task_enables_the_warm_instance_for_office_formats_only(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A convert worker turns the warm instance on at its first DOC/WPS/RTF/ODT file; a text file leaves it off."""
    import hashlib

    import ogi.convert.task as task_module
    from ogi.convert.task import Task, convert_task
    from ogi.schemas import UnreadableFile

    enabled: list[Path] = []

    def fake_read(path: Path) -> Report:
        raise UnreadableFile(str(path), "not read in this test")

    monkeypatch.setattr(office_warm, "enable_warm", lambda: enabled.append(current))
    monkeypatch.setattr(task_module, "read_unlimited", fake_read)
    files = {"r.txt": "一、总体情况\n正文\n".encode(), "r.rtf": b"{\\rtf1\\ansi x}", "r.md": b"# x\n"}
    for name, data in files.items():
        current = tmp_path / name
        current.write_bytes(data)
        outcome = convert_task(Task(hashlib.sha256(data).hexdigest(), name, str(current)))
        assert outcome.message == "not read in this test"
    assert enabled == [tmp_path / "r.rtf"]


def test_convert_with_a_relative_out_reads_doc_files(tmp_path: Path, docs: list[Path]) -> None:
    """``ogi convert in --out out`` from the folder that holds both: the workers' temporary folder is made
    absolute, since LibreOffice takes its profile folder as a file URI (a relative one failed every DOC)."""
    import shutil
    import subprocess
    import sys

    import duckdb

    (tmp_path / "in").mkdir()
    shutil.copy(docs[0], tmp_path / "in" / "r.doc")
    done = subprocess.run([sys.executable, "-c", "from ogi.cli import main; main()", "convert", "in", "--out", "out",
                           "--workers", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(tmp_path / "out" / "ogi.duckdb"), read_only=True)
    try:
        status, message = con.execute("SELECT status, message FROM reports").fetchone()  # type: ignore[misc]
    finally:
        con.close()
    assert status == "ok", message
