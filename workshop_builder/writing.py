"""Writing outputs safely: staged beside their targets, renamed into place, never half-written.

Also turns an operating-system failure (disk full, read-only folder, a file where a folder
should be, too many open files) into one line a user can act on.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Optional


def stage(path: Path, data: bytes) -> Optional[Path]:
    """Write data to a temporary file beside path; None when path already holds exactly data."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return None
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build that was killed
        unlink(stale)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # not on Windows (before Python 3.13), where mkstemp's file is ordinary
            os.fchmod(fd, 0o666 & ~_UMASK)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        unlink(Path(tmp))
        raise
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file renamed into place; False if the file already holds data."""
    tmp = stage(path, data)
    if tmp is not None:
        os.replace(tmp, path)
    return tmp is not None


def replace_unless_locked(tmp: Path, path: Path) -> bool:
    """Rename a staged file onto path; False (the staged file removed) when path is locked.

    Windows refuses to replace a file another program has open (a deck open in PowerPoint):
    that is a PermissionError, and the old file stays as it was.
    """
    try:
        os.replace(tmp, path)
    except PermissionError:
        unlink(tmp)
        return False
    return True


def locked_line(path) -> str:
    """One line saying an output is open in another program and what to do."""
    holder = {".pptx": "PowerPoint", ".docx": "Word", ".pdf": "the PDF viewer"}.get(Path(path).suffix.lower())
    where = f"in {holder} (or the program that has it open)" if holder else "in the program that has it open"
    return (f"{path} is open in another program and was not replaced; close it {where} and build again "
            "(every other output was written)")


def unlink(path: Path) -> None:
    """Remove a file if it is there; never raises."""
    try:
        path.unlink()
    except OSError:
        pass


def first_existing(path: Path) -> Path:
    """The nearest of path and its parents that exists (the filesystem root at worst)."""
    path = Path(os.path.abspath(path))
    while not os.path.lexists(path) and path.parent != path:
        path = path.parent
    return path


def out_dir_problem(out_dir: Path) -> str:
    """Why outputs cannot be written under out_dir ("" when nothing is known to stop them)."""
    existing = first_existing(out_dir)
    if not existing.is_dir():
        what = "is a file" if existing.exists() else "is a broken link"
        return (f"cannot write to {out_dir}: {existing} {what}, not a folder; "
                "choose another --out")
    return ""


def os_error_line(exc: OSError, path) -> str:
    """One line saying what stopped a write, where, and what to do."""
    where = getattr(exc, "filename", None) or path
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"cannot write {where}: the disk is full; free some space and build again"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "the folder is read-only" if code == errno.EROFS else "permission denied"
        return f"cannot write {where}: {reason}; choose another --out or make it writable"
    if code == errno.ENOTDIR:
        return f"cannot write {where}: part of that path is a file, not a folder; choose another --out"
    if code in (errno.EMFILE, errno.ENFILE):
        return ("too many open files; raise the limit (ulimit -n 1024) or build with fewer --jobs")
    return f"cannot write {where}: {exc.strerror or exc}"
