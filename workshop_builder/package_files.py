"""The builder's own files: its templates folder and the source code that renders outputs.

Both are part of every output's fingerprint, so a change to the builder (not only to its
version number) makes earlier outputs out of date. Nothing here imports a renderer.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CODE_DIGEST: dict = {}  # folder -> digest, computed once a process


def cache_root() -> Path:
    """Where the builder keeps what it can reuse between runs (WORKSHOP_BUILDER_CACHE, else the temp folder)."""
    import tempfile

    return Path(os.environ.get("WORKSHOP_BUILDER_CACHE") or tempfile.gettempdir())


def default_templates_dir() -> Path:
    """The package's own templates folder (the repository's templates/ when run from source)."""
    from importlib import resources

    try:
        path = Path(str(resources.files("workshop_builder.templates")))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return PACKAGE_DIR.parent / "templates"


def package_files(folder: Path = PACKAGE_DIR):
    """Every source and data file of the package under folder, in a stable order (no caches)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith((".pyc", ".pyo")):
                yield Path(dirpath) / name


def code_digest(folder: Path = PACKAGE_DIR) -> str:
    """A sha256 of the package's source files (names and contents), computed once a process."""
    key = str(folder)
    if key not in _CODE_DIGEST:
        digest = hashlib.sha256()
        for path in package_files(folder):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                digest.update(b"unreadable")
        _CODE_DIGEST[key] = digest.hexdigest()
    return _CODE_DIGEST[key]
