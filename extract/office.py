"""Legacy word-processor files (Word 97-2003 .doc, WPS .wps, RTF, ODT) through headless LibreOffice.

Each conversion runs ``soffice --convert-to docx`` in its own temporary profile and output
directory, so conversions can run in parallel; the whole process group is killed when the
time limit (``OGI_SOFFICE_TIMEOUT`` seconds, default 120) runs out. The DOCX is then read
by :func:`extract.docx.read_docx`; ``Document.format`` records what the file was.
LibreOffice runs with no network (``unshare -n`` where allowed, and a profile that never fetches
links or remote images), macros off, and its temporary folder inside the conversion's folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ogi.schemas import ConversionTimeout, Document, MissingDependency, UnreadableFile

DEFAULT_TIMEOUT = 120.0
TIMEOUT_ENV = "OGI_SOFFICE_TIMEOUT"
INSTALL_HINT = (
    "LibreOffice is needed to read .doc/.wps files: install it "
    "(Debian/Ubuntu: apt-get install libreoffice-writer; macOS: brew install --cask libreoffice)"
)
SOFFICE_PATHS = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
DOCX_FILTER = "MS Word 2007 XML"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries name their streams in UTF-16: what the container holds.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # an encrypted OOXML file
WORD_STREAM = "WordDocument".encode("utf-16-le")  # Word 97-2003 and Kingsoft WPS
OTHER_STREAMS = {
    "Workbook".encode("utf-16-le"): "an Excel workbook",
    "PowerPoint Document".encode("utf-16-le"): "a PowerPoint presentation",
}


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in SOFFICE_PATHS if os.access(p, os.X_OK)), None)


def soffice_timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{TIMEOUT_ENV} must be a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{TIMEOUT_ENV} must be a positive number of seconds, not {raw!r}")
    return value


def source_format(path: Path) -> str:
    """What the file was, for provenance: ``doc``, ``wps``, ``rtf`` or ``odt``."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK"):
        return "odt"
    return "wps" if path.suffix.lower() in {".wps", ".wpt"} else "doc"


def check_ole_container(path: Path) -> None:
    """Refuse an OLE2 file that is encrypted or holds no Word document, before starting LibreOffice
    (which would import any such file as plain text)."""
    with path.open("rb") as fh:
        if fh.read(len(OLE_MAGIC)) != OLE_MAGIC:
            return
        data = fh.read()
    if ENCRYPTED_STREAM in data:
        raise UnreadableFile(str(path), "password-protected (encrypted) document")
    if WORD_STREAM in data:
        return
    kind = next((k for stream, k in OTHER_STREAMS.items() if stream in data), "an OLE2 file")
    raise UnreadableFile(str(path), f"{kind}, not a word-processor document")


# The private profile: macros never run, links and remote images are never fetched, no update check.
PROFILE_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),   # never update links on load
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "false"),
)
PROFILE_XCU = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
              for path, name, value in PROFILE_SETTINGS)
    + "</oor:items>\n"
)


def write_profile(profile: Path) -> None:
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_XCU, encoding="utf-8")


@functools.cache
def no_network_prefix() -> list[str]:
    """``unshare -n`` (a network namespace with no interface up: no socket reaches anything) where
    this machine allows it; elsewhere the profile settings alone keep LibreOffice off the network."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return []
    try:
        ok = subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=10).returncode == 0  # once a process
    except (OSError, subprocess.SubprocessError):
        ok = False
    return [unshare, "-n"] if ok else []


def _run(command: list[str], path: Path, timeout: float, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "TMPDIR": str(tmp), "TMP": str(tmp), "TEMP": str(tmp)}
    proc = subprocess.Popen(
        [*no_network_prefix(), *command], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env,
        start_new_session=True,  # its own process group, so a timeout kills soffice.bin too
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.communicate()
        raise ConversionTimeout(str(path), f"LibreOffice took longer than {timeout:g} s to convert it") from None
    finally:
        _kill_group(proc.pid)  # no stray soffice.bin outlives its conversion
        proc.wait()
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group already ended
        os.killpg(pgid, signal.SIGKILL)


def _stage(path: Path, out_dir: Path) -> tuple[Path, Path]:
    """A new conversion folder under ``out_dir`` and the copy of ``path`` in it that LibreOffice reads."""
    # absolute: LibreOffice takes its profile as a file URI, which a relative folder (a relative TMPDIR or
    # ``ogi convert --out``) cannot be
    work = Path(tempfile.mkdtemp(prefix="ogi-soffice-", dir=out_dir)).absolute()
    # A plain ASCII name; the content, not the extension, decides LibreOffice's import filter.
    source = work / f"source{path.suffix.lower() if path.suffix.isascii() else ''}"
    shutil.copyfile(path, source)
    return work, source


def soffice_convert(path: Path, out_dir: Path, target: str = "docx", timeout: float | None = None) -> Path:
    """Convert one file with a private LibreOffice profile into a new folder under ``out_dir``.

    ``target`` is a LibreOffice ``--convert-to`` argument (``docx``, ``doc``, ``odt``, ``rtf``,
    ``pdf`` …); returns the converted file. Raises :class:`schemas.MissingDependency`,
    :class:`schemas.ConversionTimeout` or :class:`schemas.UnreadableFile`, each naming ``path``.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependency(str(path), INSTALL_HINT)
    limit = soffice_timeout() if timeout is None else timeout
    work, source = _stage(path, out_dir)
    write_profile(work / "profile")
    (work / "tmp").mkdir()
    command = [
        soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        "--convert-to", target, "--outdir", str(work / "out"), str(source),
    ]
    result = _run(command, path, limit, work / "tmp")
    extension = target.split(":")[0]
    converted = work / "out" / f"source.{extension}"
    if not converted.exists():
        detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
        tail = detail[-1] if detail else f"exit code {result.returncode}"
        raise UnreadableFile(str(path), f"LibreOffice could not convert it ({tail})")
    return converted


def convert_to_docx(path: Path, out_dir: Path) -> Path:
    """``path`` as DOCX: through this process's warm LibreOffice where one is enabled
    (:mod:`extract.office_warm`), else (or when it cannot start) by one LibreOffice run for the file."""
    from ogi.extract.office_warm import WarmUnavailable, warm_instance

    warm = warm_instance()
    if warm is not None:
        if find_soffice() is None:
            raise MissingDependency(str(path), INSTALL_HINT)
        work, source = _stage(path, out_dir)
        try:
            return warm.convert(path, source, work / "source.docx", DOCX_FILTER, soffice_timeout())
        except WarmUnavailable:
            pass
    return soffice_convert(path, out_dir, f"docx:{DOCX_FILTER}")


def read_office(path: Path) -> Document:
    """Read a .doc/.wps/.rtf/.odt file by converting it to DOCX with headless LibreOffice."""
    from ogi.extract.docx import read_docx  # here, not at import: a convert worker loads this module for
    # every file (ogi.extract.office_warm), and the DOCX reader (lxml) only serves DOC/WPS

    check_ole_container(path)
    with tempfile.TemporaryDirectory(prefix="ogi-office-") as tmp:
        converted = convert_to_docx(path, Path(tmp))
        try:
            document = read_docx(converted)
        except UnreadableFile as err:
            raise UnreadableFile(str(path), f"converted by LibreOffice but {err.reason}") from None
    return dataclasses.replace(document, source=str(path), format=source_format(path))
