"""Files the builder keeps between commands (the check cache, parsed Markdown, template layouts).

One way to keep them, whatever they hold: a folder of the shared cache root only the user can
read, JSON written whole or not at all (staged and renamed), and entries tied to the
builder's code digest, so a changed builder starts afresh. Losing a kept file only costs time:
nothing here raises on a damaged, missing or unwritable file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Optional

from .package_files import cache_root, code_digest


def private_folder(name: str) -> Optional[Path]:
    """cache_root()/name, made private to the user, or None when it is not ours to use."""
    folder = cache_root() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stat = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and stat.st_uid != os.getuid():
        return None  # someone else's folder in a shared temp folder: never read it
    return folder


def read_entries(path: Path) -> dict:
    """The entries a kept file holds, or {} when it is missing, damaged or from other code."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if isinstance(data, dict) and data.get("code") == code_digest() and isinstance(data.get("entries"), dict):
        return data["entries"]
    return {}


def write_entries(path: Path, entries: dict, **dump_options) -> bool:
    """Keep entries, tied to this code, in path (see write_json)."""
    return write_json(path, {"code": code_digest(), "entries": entries}, **dump_options)


def write_json(path: Path, data, **dump_options) -> bool:
    """Write data as JSON through a staged file renamed into place; False (nothing left behind) on an OSError."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, **dump_options)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        return False
    return True
