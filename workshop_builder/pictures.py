"""Pictures: every one is checked when the project loads, and made usable by every writer.

The format is read from the file's content, never its name. PNG, GIF and RGB or greyscale
JPEG are used as they are; BMP, TIFF, WebP and CMYK JPEG are converted once to PNG (kept in
a cache folder named by content hash, so builds stay reproducible). Empty files, files that
are not pictures, SVG, pictures over MAX_PICTURE_BYTES and pictures over MAX_PIXELS (a
decompression bomb) are refused with one line.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path
from typing import Optional

from .codes.load import TOO_MANY_PIXELS, UNUSABLE_PICTURE
from .package_files import cache_root

MAX_PICTURE_BYTES = 20_000_000
MAX_PIXELS = 40_000_000  # 40 megapixels: larger than any camera picture a slide needs
AS_IS = {"PNG", "GIF", "JPEG"}
CONVERTED = {"BMP", "TIFF", "WEBP", "JPEG", "ICO", "PPM", "TGA"}
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
FIX = "export the picture as PNG or JPEG"


def cache_dir() -> Path:
    """Where converted pictures are kept (WORKSHOP_BUILDER_CACHE, else the system temp folder)."""
    return cache_root() / "workshop-builder-pictures"


def _sniff_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head.lower())


def prepare_picture(path: Path, loc, report, what: str) -> Optional[Path]:
    """A file every writer can embed (path itself, or a converted PNG), or None after one error."""
    from PIL import Image

    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        report.error(loc, UNUSABLE_PICTURE, f"{what} cannot be read: {exc.strerror}", "check the file")
        return None
    if size == 0:
        report.error(loc, UNUSABLE_PICTURE, f"{what} is an empty file", FIX)
        return None
    if size > MAX_PICTURE_BYTES:
        report.error(loc, UNUSABLE_PICTURE, f"{what} is {size / 1e6:.1f} MB; the limit is {MAX_PICTURE_BYTES / 1e6:.0f} MB",
                     "make the picture smaller")
        return None
    if _sniff_svg(head):
        report.error(loc, UNUSABLE_PICTURE, f"{what} is an SVG drawing, which the decks and Word handouts cannot show", FIX)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                fmt, (width, height), mode = image.format, image.size, image.mode
                if width * height > MAX_PIXELS:
                    report.error(loc, TOO_MANY_PIXELS, f"{what} is {width} x {height} pixels; the limit is "
                                 f"{MAX_PIXELS // 1_000_000} megapixels", "make the picture smaller")
                    return None
                if width <= 0 or height <= 0:
                    raise OSError("it has no pixels")
                image.load()
                if fmt in AS_IS and (fmt != "JPEG" or mode in ("RGB", "L")) and \
                        mode in ("RGB", "RGBA", "L", "LA", "P", "1"):
                    return path
                if fmt not in CONVERTED:
                    report.error(loc, UNUSABLE_PICTURE, f"{what} is a {fmt} picture, which is not supported", FIX)
                    return None
                return _converted(image, path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        report.error(loc, TOO_MANY_PIXELS, f"{what} has more pixels than the limit of {MAX_PIXELS // 1_000_000} "
                     "megapixels (a decompression bomb)", "make the picture smaller")
    except Exception as exc:  # Pillow raises many kinds for files that are not pictures  # noqa: BLE001
        reason = "is not a picture" if "cannot identify" in str(exc) else "is damaged or cut short"
        report.error(loc, UNUSABLE_PICTURE, f"{what} {reason}", FIX)
    return None


def _converted(image, source: Path) -> Path:
    """image as an RGB(A) PNG in the cache folder, named by the source's content hash."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:32]
    out = cache_dir() / f"{digest}.png"
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    converted = image.convert("RGBA" if has_alpha else "RGB")
    handle, tmp = tempfile.mkstemp(dir=out.parent, suffix=".png")
    with os.fdopen(handle, "wb") as stream:
        converted.save(stream, "PNG")
    os.replace(tmp, out)
    return out


def mime_type(path) -> str:
    """The MIME type of a picture file, read from its content."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if head[:4] == b"GIF8":
        return "image/gif"
    return "application/octet-stream"
