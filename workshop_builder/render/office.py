"""LibreOffice, the one place that runs it: one warm instance converts every document of a build.

The first conversion in a process starts soffice headless in a private profile (a fresh
temporary folder) with an empty text document open, so that it keeps running; each
conversion is then a short `soffice --convert-to` that hands its files to that instance
through LibreOffice's own single-instance pipe and waits until they are written. The instance
is stopped when the process ends. Where it cannot be started, each conversion runs a soffice
of its own, as before: slower, same result.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Optional

from .external import RenderError, require, run, work_dir

READY_TIMEOUT = 30  # seconds for a warm instance to start
KEEP = "keep-alive.txt"  # the document the warm instance holds open
MIN_JSON_OPTIONS = (7, 4)  # LibreOffice reads filter options as JSON from 7.4


class _Warm:
    """A running soffice, its private folder and the process that started it."""

    def __init__(self, soffice: str):
        self.tmp = work_dir()
        self.dir = Path(self.tmp.name)
        self.profile = (self.dir / "profile").as_uri()
        self.owner = os.getpid()
        (self.dir / KEEP).write_bytes(b"")
        self.proc = subprocess.Popen(
            [soffice, "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
             f"-env:UserInstallation={self.profile}", str(self.dir / KEEP)],
            cwd=self.dir, env=dict(os.environ, HOME=str(self.dir)), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        lock = self.dir / f".~lock.{KEEP}#"  # written once the instance has opened the document
        deadline = time.monotonic() + READY_TIMEOUT
        while not lock.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RenderError("LibreOffice did not start")
            time.sleep(0.05)

    def alive(self) -> bool:
        """Whether this process started the instance and it is still running."""
        return self.owner == os.getpid() and self.proc.poll() is None

    def stop(self) -> None:
        """End the instance (its whole process group) and remove its folder."""
        if self.owner != os.getpid():
            return  # a forked worker leaves its parent's instance alone
        try:
            _end(self.proc, force=False)
            self.proc.wait(10)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            _end(self.proc, force=True)
            self.proc.wait()
        self.tmp.cleanup()


def _end(proc: subprocess.Popen, force: bool) -> None:
    """Stop a soffice and the processes it started (its process group; on Windows its process tree)."""
    if hasattr(os, "killpg"):
        os.killpg(proc.pid, signal.SIGKILL if force else signal.SIGTERM)
    else:  # Windows: soffice.exe runs soffice.bin, which taskkill /T ends with it (/F: it has no window to close)
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], stdin=subprocess.DEVNULL,
                       capture_output=True, check=False)


_LOCK = threading.Lock()
_WARM: Optional[_Warm] = None
_COLD: set = set()  # processes where a warm instance would not start: they convert cold


def _warm(soffice: str) -> Optional[_Warm]:
    """This process's warm instance, started on first use (None when it cannot start)."""
    global _WARM
    if _WARM is not None and not _WARM.alive():
        _WARM.stop()
        _WARM = None
    if _WARM is None:
        if os.getpid() in _COLD:
            return None
        try:
            _WARM = _Warm(soffice)
        except (RenderError, OSError):
            _COLD.add(os.getpid())
            return None
        from multiprocessing.util import Finalize

        Finalize(None, stop, exitpriority=10)  # at exit of this process, a worker process too
    return _WARM


def stop() -> None:
    """Stop this process's warm LibreOffice, if it started one."""
    held = _LOCK.acquire(timeout=10)  # at exit a thread may still be converting: stop it anyway
    try:
        _stop_locked()
    finally:
        if held:
            _LOCK.release()


def pdf_target(filter_name: str, **options: bool) -> str:
    """A --convert-to value for PDF with export options: pdf:<filter>:{"Name": {...}}."""
    data = {name: {"type": "boolean", "value": "true" if value else "false"} for name, value in options.items()}
    return f"pdf:{filter_name}:{json.dumps(data, separators=(',', ':'))}" if data else f"pdf:{filter_name}"


def version(purpose: str) -> tuple:
    """LibreOffice's version as a tuple of numbers, e.g. (7, 4, 7, 2)."""
    import re

    soffice = require("soffice", purpose)
    if soffice not in _VERSIONS:
        with work_dir() as tmp:
            proc = subprocess.run([soffice, "--version"], cwd=tmp, env=dict(os.environ, HOME=tmp),
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        match = re.search(rb"LibreOffice (\d+(?:\.\d+)+)", proc.stdout)
        _VERSIONS[soffice] = tuple(int(n) for n in match.group(1).split(b".")) if match else ()
    return _VERSIONS[soffice]


_VERSIONS: dict = {}


def convert(documents: dict, target: str, purpose: str) -> dict:
    """Documents (file name -> bytes) converted by LibreOffice in one run: file stem -> output bytes.

    target is a --convert-to value ("pdf", or pdf_target(...)). A document LibreOffice cannot
    convert is a RenderError naming the purpose.
    """
    soffice = require("soffice", purpose)
    extension = target.split(":", 1)[0]
    with _LOCK, work_dir() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        (tmp / "out").mkdir()
        for name, data in documents.items():
            (tmp / "in" / name).write_bytes(data)
        warm = _warm(soffice)
        profile = warm.profile if warm else (tmp / "profile").as_uri()
        try:
            run([soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
                 "--convert-to", target, "--outdir", str(tmp / "out")]
                + [str(tmp / "in" / name) for name in documents], purpose, cwd=tmp)
        except RenderError:
            if warm is not None:  # it may be stuck: the next conversion starts a fresh one
                _stop_locked()
            raise
        out = {}
        for name in documents:
            stem = Path(name).stem
            result = tmp / "out" / f"{stem}.{extension}"
            if not result.is_file() or result.stat().st_size == 0:
                raise RenderError(f"{purpose}: LibreOffice wrote no {extension.upper()} for {name}")
            out[stem] = result.read_bytes()
        return out


def _stop_locked() -> None:
    """Stop the warm instance (the caller holds _LOCK)."""
    global _WARM
    if _WARM is not None:
        _WARM.stop()
        _WARM = None


def soffice_to_pdf(data: bytes, suffix: str, purpose: str) -> bytes:
    """A .pptx or .docx converted to PDF by LibreOffice (the warm instance)."""
    return convert({f"document{suffix}": data}, "pdf", purpose)["document"]
