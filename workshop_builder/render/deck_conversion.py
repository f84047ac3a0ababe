"""Each deck converted to PDF by LibreOffice once a build, in the background as soon as it exists.

The deck PDF (`--format deck-pdf`) and the slide pictures of the facilitator handouts come
from the same conversion: LibreOffice's tagged PDF export of the very deck the pptx format
writes (its pages rasterise to the same pictures as a plain export). A serial build starts
the conversions its outputs will need as soon as it has checked the content (`start`), in one
background thread, so the warm LibreOffice converts decks while Python renders the other
outputs; whoever needs a PDF waits for it (`deck_pdf`). A failed conversion raises its
RenderError to every use and is stored nowhere (`reset` forgets everything at the start of
the next build).
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Optional

EXPORT = {"UseTaggedPDF": True, "ExportBookmarks": True, "ExportNotes": False}  # deck-pdf's export options

_GUARD = threading.Lock()
_POOL: Optional[ThreadPoolExecutor] = None
_PDFS: dict = {}  # sha256 of a deck -> Future of its PDF, this build's
_LOCAL = threading.local()  # set in the background thread: it converts, never waits on itself


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:  # one thread: LibreOffice converts one document at a time anyway
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-builder-libreoffice")
    return _POOL


def _in_background(job: Callable):
    def run():
        _LOCAL.background = True
        return job()
    return run


def submit(job: Callable) -> Future:
    """Run job in the background thread (conversions, in the order submitted)."""
    return _pool().submit(_in_background(job))


def target(purpose: str) -> str:
    """The --convert-to value: deck-pdf's tagged export (plain PDF on a LibreOffice before 7.4)."""
    from . import office

    found = office.version(purpose)
    if found and found < office.MIN_JSON_OPTIONS:
        return "pdf"
    return office.pdf_target("impress_pdf_Export", **EXPORT)


def _convert(deck: bytes, purpose: str) -> bytes:
    from . import office  # looked up on use, so tests can stand in for LibreOffice

    return office.convert({"deck.pptx": deck}, target(purpose), purpose)["deck"]


def start(deck: bytes, purpose: str) -> None:
    """Begin converting a deck in the background (nothing when it is already under way or done)."""
    _future(deck, purpose, background=True)


def deck_pdf(deck: bytes, suffix: str = ".pptx", purpose: str = "--format deck-pdf") -> bytes:
    """The deck's PDF: the conversion started earlier in this build, else one made now."""
    return _future(deck, purpose, background=False).result()


def _future(deck: bytes, purpose: str, background: bool) -> Future:
    digest = hashlib.sha256(deck).hexdigest()
    with _GUARD:
        found = _PDFS.get(digest)
        if found is not None and getattr(_LOCAL, "background", False) and not found.done():
            # queued behind the job asking for it (one thread): never wait on it, convert here
            found = None if found.cancel() else found
        if found is not None:
            return found
        if background:
            found = _PDFS[digest] = submit(lambda: _convert(deck, purpose))
            return found
        found = _PDFS[digest] = Future()
        found.set_running_or_notify_cancel()  # under way here: others wait for it, none cancels it
    try:  # converted here, in the caller's thread (the background thread's own uses land here too)
        found.set_result(_convert(deck, purpose))
    except BaseException as exc:
        found.set_exception(exc)
    return found


def reset() -> None:
    """Forget this process's conversions and cancel those not started (a new build begins)."""
    with _GUARD:
        for future in _PDFS.values():
            future.cancel()
        _PDFS.clear()
