"""Other programs some formats use (LibreOffice, Chromium, poppler): finding and running them.

Each run gets a fresh profile directory and a timeout, so runs never share state, never wait
on a user's open LibreOffice, and never hang a build. LibreOffice itself is run by office.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Optional


class RenderError(Exception):
    """A renderer cannot run here (a program it needs is missing or failed): one line for the user."""


# Program -> (names to look for on PATH, environment variable that may name it, its name for
# people, how to install it).
PROGRAMS = {
    "soffice": (("soffice", "libreoffice"), "WORKSHOP_BUILDER_SOFFICE", "LibreOffice (soffice)",
                "apt install libreoffice-impress libreoffice-writer"),
    "chromium": (("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"),
                 "WORKSHOP_BUILDER_CHROMIUM", "Chromium", "apt install chromium"),
    "pdftoppm": (("pdftoppm",), "WORKSHOP_BUILDER_PDFTOPPM", "poppler's pdftoppm", "apt install poppler-utils"),
    "pdftotext": (("pdftotext",), "WORKSHOP_BUILDER_PDFTOTEXT", "poppler's pdftotext", "apt install poppler-utils"),
}
TIMEOUT = 180  # seconds for one conversion


def find_program(program: str) -> Optional[str]:
    """The path of a program (by its environment variable, else on PATH), or None."""
    names, env, _, _ = PROGRAMS[program]
    named = os.environ.get(env)
    if named:
        return shutil.which(named)
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def not_found(program: str) -> str:
    """"<Program> was not found; install it (e.g. apt install …) or set <VARIABLE> to its path"."""
    _, env, label, install = PROGRAMS[program]
    return f"{label} was not found; install it (e.g. {install}) or set {env} to its path"


def require(program: str, purpose: str) -> str:
    """The path of a program, or a RenderError naming the purpose and what to install."""
    path = find_program(program)
    if path is None:
        raise RenderError(f"{purpose}: {not_found(program)}")
    return path


def run(args: list, purpose: str, cwd: Optional[Path] = None, timeout: int = TIMEOUT) -> None:
    """Run a program to completion; a failure or timeout is a RenderError naming the purpose."""
    import subprocess

    env = dict(os.environ, HOME=str(cwd) if cwd else os.environ.get("HOME", "/tmp"))
    try:
        proc = subprocess.run(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(f"{purpose}: {Path(args[0]).name} did not finish within {timeout} seconds") from None
    except OSError as exc:
        raise RenderError(f"{purpose}: could not run {args[0]}: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        raise RenderError(f"{purpose}: {Path(args[0]).name} failed (exit status {proc.returncode}): "
                          f"{_last_line(proc.stderr) or _last_line(proc.stdout)}")


def _last_line(data: bytes) -> str:
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else ""


def work_dir():
    """A fresh temporary folder for one conversion (its profile, input and output)."""
    import tempfile

    return tempfile.TemporaryDirectory(prefix="workshop-builder-")


def chromium_print_pdf(html: bytes, purpose: str) -> bytes:
    """An HTML page printed to a tagged PDF (with an outline) by headless Chromium."""
    chromium = require("chromium", purpose)
    with work_dir() as tmp:
        tmp = Path(tmp)
        page, pdf = tmp / "page.html", tmp / "page.pdf"
        page.write_bytes(html)
        run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", f"--user-data-dir={tmp / 'profile'}", "--no-pdf-header-footer",
             "--generate-pdf-document-outline", "--export-tagged-pdf", f"--print-to-pdf={pdf}",
             page.as_uri()], purpose, cwd=tmp)
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RenderError(f"{purpose}: Chromium wrote no PDF")
        return pdf.read_bytes()


def pdf_pages_to_png(pdf: bytes, width: int, purpose: str) -> list:
    """Each page of a PDF as PNG bytes, scaled to a width in pixels (poppler's pdftoppm)."""
    pdftoppm = require("pdftoppm", purpose)
    with work_dir() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.pdf").write_bytes(pdf)
        run([pdftoppm, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", str(tmp / "doc.pdf"),
             str(tmp / "page")], purpose, cwd=tmp)
        pages = sorted(tmp.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [p.read_bytes() for p in pages]


def missing_program() -> str:
    """The program slide pictures need that is not here ("" when they can be made)."""
    for program in ("soffice", "pdftoppm"):
        if find_program(program) is None:
            return program
    return ""
