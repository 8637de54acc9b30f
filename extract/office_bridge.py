"""The bridge between ogi and one warm LibreOffice: run by a Python that has LibreOffice's ``uno`` module
(the system ``python3`` with Debian's ``python3-uno``), never imported by ogi.

``python3 office_bridge.py SOFFICE PROFILE_URL PIPE_NAME`` starts ``soffice`` listening on the named pipe
(its own profile, headless), connects to it, prints ``{"ready": true}``, then converts one file per line
read from stdin (``{"src": path, "dst": path, "filter": name}`` → ``{"ok": true}`` or
``{"error": text}``). Documents are loaded hidden, read-only, with macros never run and links never
updated. At the end of stdin, or on any error of the connection, LibreOffice is ended with the bridge.
"""

import json
import os
import signal
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE


def _props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # NoConnectException until soffice listens
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _convert(desktop, src, dst, filter_name):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src), "_blank", 0,
        _props(Hidden=True, ReadOnly=True, MacroExecutionMode=NEVER_EXECUTE, UpdateDocMode=NO_UPDATE))
    if doc is None:
        raise RuntimeError("source file could not be loaded")
    try:
        doc.storeToURL(uno.systemPathToFileUrl(dst), _props(FilterName=filter_name, Overwrite=True))
    finally:
        doc.close(True)


def _reply(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main(soffice, profile_url, pipe):
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile_url}", "--headless", "--invisible", "--norestore",
         "--nolockcheck", "--nodefault", "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _connect(pipe, proc)
        _reply({"ready": True})
        for line in sys.stdin:
            job = json.loads(line)
            try:
                _convert(desktop, job["src"], job["dst"], job["filter"])
            except Exception as err:  # every failure is an answer; the caller restarts us
                _reply({"error": f"{type(err).__name__}: {err}".splitlines()[0][:300]})
                return 1
            _reply({"ok": True})
        return 0
    finally:
        if os.getpgrp() == os.getpid():  # our own process group (as ogi starts us): soffice.bin goes with it
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os.kill(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
