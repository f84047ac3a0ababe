"""Slide pictures kept between builds, by the deck's bytes: an unchanged deck never goes to
LibreOffice again.

The pictures of one deck are one zip file named for the sha256 of the deck, in the output
folder's hidden cache folder (.workshop-builder-cache/pictures/). Only pictures that were
converted in full are stored (the caller stores them after checking the page count), so a
failed conversion is never taken as up to date. Reading refreshes a file's time; the oldest
files beyond KEEP are removed. Any error here only means converting again.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

KEEP = 64  # decks' pictures kept (a few builds' worth of every audience and edition)


def folder(cache_dir) -> Optional[Path]:
    """The pictures folder under an output folder's cache, or None when there is no cache."""
    return Path(cache_dir) / "pictures" if cache_dir is not None else None


def get(where: Optional[Path], digest: str) -> Optional[list]:
    """The stored PNGs of the deck with this sha256, or None."""
    if where is None:
        return None
    path = where / f"{digest}.zip"
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(archive.namelist())
            pngs = [archive.read(name) for name in names]
        os.utime(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    return pngs if pngs and all(p.startswith(b"\x89PNG") for p in pngs) else None


def put(where: Optional[Path], digest: str, pngs: list) -> None:
    """Store a deck's PNGs (every page converted); errors are ignored."""
    if where is None or not pngs:
        return
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        for number, png in enumerate(pngs, 1):
            archive.writestr(f"{number:04d}.png", png)
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=digest, suffix=".tmp", dir=where)
        with os.fdopen(fd, "wb") as handle:
            handle.write(buf.getvalue())
        os.replace(tmp, where / f"{digest}.zip")
        tmp = None
        _prune(where)
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _prune(where: Path) -> None:
    """Remove the least recently used files beyond KEEP."""
    files = sorted(where.glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink()
