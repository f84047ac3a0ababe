"""Slide pictures for the facilitator handout: the deck rendered by LibreOffice, one PNG a slide.

The deck is the very one the pptx format writes for the same audience; LibreOffice turns it
into a PDF and poppler's pdftoppm each page into a small PNG, embedded as a data URI so the
handout stays one self-contained file.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import struct
from dataclasses import dataclass, field

from ..model import Resolved
from . import picture_cache
from .base import RenderError, RenderOptions
from .deck_conversion import deck_pdf as soffice_to_pdf  # one conversion a deck: deck-pdf's too
from .external import missing_program, pdf_pages_to_png
from .programs import PROGRAMS, not_found

WIDTH_PX = 480  # sharp at 80 mm wide in print, small enough for 70 slides in one file
_CACHE: dict = {}  # sha256 of a deck -> its PNGs (facilitator and facilitator-pdf share them)
_PENDING: dict = {}  # sha256 of a deck -> Future of its PNGs, started by prefetch() in this build


@dataclass(frozen=True)
class Thumbnail:
    """One slide's picture: its number in the deck, its title, a data: URI and its size in pixels."""

    number: int
    title: str
    src: str
    width: int
    height: int

    @property
    def alt(self) -> str:
        return f"Slide {self.number}: {self.title}"


@dataclass
class Thumbnails:
    """The pictures of one deck by the source slide they show, or why there are none."""

    by_source: dict = field(default_factory=dict)  # ResolvedSlide.loc -> [Thumbnail] (split parts)
    missing: str = ""  # one sentence for the handout when there are none

    def of(self, slide) -> list:
        """The pictures of a ResolvedSlide (several when the deck split it over slides)."""
        return self.by_source.get(slide.loc, [])


def unavailable() -> str:
    """Why slide pictures cannot be made here, with what to install ("" when they can)."""
    program = missing_program()
    return not_found(program) if program else ""


def slide_thumbnails(resolved: Resolved, cache_dir=None) -> Thumbnails:
    """Every slide of the audience's deck as a picture, keyed by the slide it came from.

    With cache_dir (the output folder's cache), a deck converted in an earlier build is not
    converted again.
    """
    from .deck_plan import plan_deck
    from .pptx_deck import PptxDeck

    program = missing_program()
    if program:
        return Thumbnails(missing=f"Slide pictures are not included: {PROGRAMS[program].label} was not found "
                                  "when this handout was built.")
    plan = plan_deck(resolved)
    deck = PptxDeck().render(resolved, RenderOptions())
    try:
        pngs = _stored_or_converted(deck, len(plan), picture_cache.folder(cache_dir))
    except RenderError as exc:  # the handout is still built, saying why it has no pictures
        logging.getLogger("workshop_builder").warning(  # the build reports it and rebuilds next time
            "%s facilitator handout built without slide pictures: %s", resolved.audience.id, exc)
        return Thumbnails(missing=f"Slide pictures are not included: {exc}.")
    out = Thumbnails()
    for number, (planned, png) in enumerate(zip(plan, pngs), 1):
        if planned.source is not None:
            src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR
            out.by_source.setdefault(planned.source, []).append(
                Thumbnail(number, planned.title, src, width, height))
    return out


def _stored_or_converted(deck: bytes, slides: int, stored) -> list:
    """The deck's PNGs from the output folder's cache, else converted (and stored when complete).

    A conversion that does not give one page a slide raises RenderError and is stored nowhere.
    """
    digest = hashlib.sha256(deck).hexdigest()
    pngs = picture_cache.get(stored, digest)
    if pngs is not None and len(pngs) == slides:
        return pngs
    pending = _PENDING.pop(digest, None)
    pngs = pending.result() if pending is not None else _pictures(deck)
    if len(pngs) != slides:
        raise RenderError(f"LibreOffice drew {len(pngs)} pages for a deck of {slides} slides")
    picture_cache.put(stored, digest, pngs)
    return pngs


def prefetch(resolved: Resolved, cache_dir=None) -> bool:
    """Start drawing the audience's slide pictures in the background (deck_conversion's thread),
    unless they are kept already or cannot be made here; whether it started."""
    from .deck_conversion import submit
    from .pptx_deck import PptxDeck

    if missing_program():
        return False
    deck = PptxDeck().render(resolved, RenderOptions())
    digest = hashlib.sha256(deck).hexdigest()
    if digest in _CACHE or digest in _PENDING or picture_cache.get(picture_cache.folder(cache_dir), digest):
        return False
    _PENDING[digest] = submit(lambda: _pictures(deck))  # its PDF: deck-pdf's, when that was started
    return True


def forget_pending() -> None:
    """Drop pictures started by prefetch() and not used (a new build begins)."""
    for future in _PENDING.values():
        future.cancel()
    _PENDING.clear()


def _pictures(deck: bytes) -> list:
    """The PNG of every slide of a deck (cached by the deck's bytes)."""
    digest = hashlib.sha256(deck).hexdigest()
    if digest not in _CACHE:
        pdf = soffice_to_pdf(deck, ".pptx", "slide thumbnails")
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[digest] = pdf_pages_to_png(pdf, WIDTH_PX, "slide thumbnails")
    return _CACHE[digest]
