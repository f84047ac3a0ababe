"""What every renderer provides, and helpers they share.

Imports only the model's types (for hints), the package's file locations and the finder of
other programs (render/external.py), never a renderer.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from ..package_files import default_templates_dir  # noqa: F401 (renderers find templates here)
from . import external
from .external import RenderError  # noqa: F401 (a renderer's one-line failure; defined beside the programs)

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved


class Renderer:
    """One output format: a name for `--format`, a file-name suffix and render()."""

    name = ""
    suffix = ""
    description = ""
    default = True  # built by `build` without --format; False for formats that need other programs

    def file_name(self, resolved: Resolved) -> str:
        """`<workshop-slug>-<audience-id><suffix>`."""
        return f"{resolved.workshop.slug}-{resolved.audience.id}{self.suffix}"

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:  # pragma: no cover
        raise NotImplementedError


class RenderOptions:
    """Options that change outputs (so they are part of what makes an output up to date)."""

    def __init__(self, start=None, thumbnails: bool = False, cache_dir=None):
        self.start = start
        self.thumbnails = thumbnails  # slide pictures in the facilitator handout (needs LibreOffice)
        self.cache_dir = cache_dir  # the output folder's cache (slide pictures by deck); not in key()

    def key(self) -> str:
        wanted = self.thumbnails
        thumbnails = str(wanted)
        if wanted:  # whether LibreOffice is there changes the handout too
            missing = external.missing_program()
            thumbnails = f"without-{missing}" if missing else "yes"
        return f"start={self.start};thumbnails={thumbnails}"


def build_time(resolved: Resolved) -> dt.datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH, else the workshop's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(resolved.workshop.date, dt.time(9, 0))


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Fix a zip's (.pptx, .docx) timestamps and file modes so identical inputs give identical bytes.

    The time, date and mode fields are patched in place in each local header and central
    directory record; nothing is decompressed or compressed again.
    """
    import io
    import struct
    import zipfile

    dos_time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    dos_date = ((max(when.year, 1980) - 1980) << 9) | (when.month << 5) | when.day
    stamp = struct.pack("<HH", dos_time, dos_date)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
        position = archive.start_dir
    for offset in offsets:
        if out[offset:offset + 4] != b"PK\x03\x04":
            raise ValueError("not a local file header")
        out[offset + 10:offset + 14] = stamp
    for _ in offsets:
        if out[position:position + 4] != b"PK\x01\x02":
            raise ValueError("not a central directory record")
        out[position + 12:position + 16] = stamp
        out[position + 38:position + 42] = struct.pack("<I", 0o100644 << 16)
        name_len, extra_len, comment_len = struct.unpack("<HHH", out[position + 28:position + 34])
        position += 46 + name_len + extra_len + comment_len
    return bytes(out)


def minutes_text(n: int) -> str:
    """"1 minute", "10 minutes"."""
    return f"{n} minute" if n == 1 else f"{n} minutes"


def long_date(day: dt.date) -> str:
    """"27 November 2026"."""
    return f"{day.day} {day.strftime('%B %Y')}"
