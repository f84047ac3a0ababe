"""A deck template is checked before it is used: a real PowerPoint file of bounded size.

A template is copied into every deck, so it is opened and bounded here once: a zip file of at
most MAX_ENTRIES parts expanding to at most MAX_EXPANDED bytes, no part expanding more than
MAX_RATIO times (a zip bomb), with the parts of a presentation, every XML part well formed,
and readable by python-pptx. Anything else is one line naming the template. A template that
passed is remembered by the hash of its bytes (in the builder's cache folder), so `list`, `plan`
and later builds do not open it again.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from .codes.load import TEMPLATE_NOT_A_DECK, TEMPLATE_TOO_LARGE
from .package_files import cache_root

MAX_TEMPLATE_BYTES = 50_000_000
MAX_EXPANDED = 200_000_000
MAX_RATIO = 200
MAX_ENTRIES = 5_000
NOT_A_DECK = "save the template from PowerPoint or LibreOffice Impress as a .pptx file"


def check_template(path: Path, loc, report, shown: str) -> bool:
    """Record one error and return False when the template cannot be used safely."""
    marker = _passed_marker(Path(path))
    if marker is not None and marker.exists():
        return True
    problem = _problem(Path(path))
    if problem is None:
        if marker is not None:
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass  # only a cache: the next run checks again
        return True
    code, message, fix = problem
    report.error(loc, code, f"template '{shown}' {message}", fix)
    return False


def _passed_marker(path: Path):
    """The cache file that says these exact template bytes passed, or None if it cannot be read."""
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            return None
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return cache_root() / "workshop-builder-templates" / f"{digest}.ok"


def _problem(path: Path):
    """(code, message, fix) for the first problem of a template file, or None."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return TEMPLATE_NOT_A_DECK, f"cannot be read: {exc.strerror}", "check the path"
    if size > MAX_TEMPLATE_BYTES:
        return TEMPLATE_TOO_LARGE, f"is {size / 1e6:.0f} MB; the limit is {MAX_TEMPLATE_BYTES / 1e6:.0f} MB", \
            "remove large pictures and unused layouts from the template"
    if not zipfile.is_zipfile(path):
        return TEMPLATE_NOT_A_DECK, "is not a PowerPoint deck (not a .pptx file, or cut short)", NOT_A_DECK
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                return TEMPLATE_TOO_LARGE, f"has {len(infos)} parts; the limit is {MAX_ENTRIES}", NOT_A_DECK
            expanded = sum(info.file_size for info in infos)
            if expanded > MAX_EXPANDED:
                return TEMPLATE_TOO_LARGE, f"expands to {expanded / 1e6:.0f} MB; the limit is {MAX_EXPANDED / 1e6:.0f} MB " \
                    "(a zip bomb, or far too many pictures)", "remove large pictures from the template"
            for info in infos:
                if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    return TEMPLATE_TOO_LARGE, f"part '{info.filename[:60]}' expands {info.file_size // max(info.compress_size, 1)}" \
                        f" times (the limit is {MAX_RATIO}; a zip bomb)", NOT_A_DECK
            names = {info.filename for info in infos}
            if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
                kind = "a Word document" if "word/document.xml" in names else "not a PowerPoint deck"
                return TEMPLATE_NOT_A_DECK, f"is {kind} (it has no ppt/presentation.xml)", NOT_A_DECK
            broken = _broken_xml(archive, infos)
            if broken:
                return TEMPLATE_NOT_A_DECK, f"has broken XML in '{broken[:60]}'", NOT_A_DECK
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        return TEMPLATE_NOT_A_DECK, f"is damaged or cut short ({str(exc)[:80]})", NOT_A_DECK
    try:
        from pptx import Presentation

        Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for damaged decks  # noqa: BLE001
        return TEMPLATE_NOT_A_DECK, f"cannot be opened as a deck ({type(exc).__name__}: {str(exc)[:80]})", NOT_A_DECK
    return None


def _broken_xml(archive, infos):
    """The name of the first XML part that is not well formed (read with entities off), or None."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                etree.fromstring(archive.read(info), parser)
            except etree.XMLSyntaxError:
                return info.filename
    return None
