"""Headless LibreOffice conversions (DOCX → PDF, DOCX → DOC), one private profile and a timeout per call."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ogi.schemas import ConversionTimeout, MissingDependency, UnreadableFile

DEFAULT_TIMEOUT = 120.0
FILTERS = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97"}


def soffice_path() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise MissingDependency("soffice", "LibreOffice is needed to render PDF and DOC files (scripts/setup)")
    return found


def _run(cmd: list[str], timeout: float, source: Path) -> None:
    """Run LibreOffice in its own process group; on timeout end that group (soffice forks soffice.bin)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ConversionTimeout(str(source), f"LibreOffice took longer than {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise UnreadableFile(str(source), f"LibreOffice failed: {err.decode(errors='replace').strip()}")


def convert_many(paths: list[Path], out_dir: Path, target: str, timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert files to ``target`` (``pdf`` or ``doc``) in ``out_dir`` with one LibreOffice start."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ogi-generate-lo-") as profile:
        cmd = [
            soffice_path(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", FILTERS[target], "--outdir", str(out_dir), *map(str, paths),
        ]
        _run(cmd, timeout, paths[0])
    results = [out_dir / f"{p.stem}.{target}" for p in paths]
    for source, result in zip(paths, results, strict=True):
        if not result.exists():
            raise UnreadableFile(str(source), f"LibreOffice wrote no {target} file")
    return results


def convert(path: Path, out_dir: Path, target: str, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert one file to ``target`` in ``out_dir``; return the new file."""
    return convert_many([path], out_dir, target, timeout)[0]


def docx_to_doc(path: str | Path, out_dir: str | Path, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert a DOCX to a Word 97 ``.doc`` with LibreOffice (for the Word-reader tests)."""
    return convert(Path(path), Path(out_dir), "doc", timeout)
