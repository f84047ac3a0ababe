"""Reading a project's source files safely: size limit, UTF-8, line endings, no control characters, and
containment.

Shared by the workshop loader and the edition loader (so neither imports the other).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from .codes.load import CONTROL_CHARACTER, FILE_TOO_LARGE, NOT_UTF8, UNREADABLE_FILE
from .diagnostics import Location, Report
from .yaml_values import control_character

MAX_FILE_BYTES = 2_000_000
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_text(path: Path, rel: str, report: Report) -> Optional[str]:
    """A source file's text, or None after recording why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.error(Location(rel), FILE_TOO_LARGE, f"file is {size / 1_000_000:.1f} MB; the limit is "
                         f"{MAX_FILE_BYTES / 1_000_000:.1f} MB", "split it into smaller modules")
            return None
        data = path.read_bytes()
    except OSError as exc:
        report.error(Location(rel), UNREADABLE_FILE, f"cannot read file: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(Location(rel, line), NOT_UTF8, "file is not UTF-8 text",
                     "save it as UTF-8 in your editor")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = control_character(text)
    if found:
        line = text.count("\n", 0, found[0]) + 1
        col = found[0] - text.rfind("\n", 0, found[0])
        report.error(Location(rel, line, col), CONTROL_CHARACTER, f"control character {found[1]} in the text",
                     "remove it: only printable text, tabs and line breaks are allowed")
        return None
    return text


def inside(root: Path, path: Path) -> bool:
    """Whether path, with symlinks resolved, lies inside root."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False
