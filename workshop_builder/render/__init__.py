"""Output formats. Each renderer turns a Resolved workshop into the bytes of one file.

A new format is one new module with a Renderer, registered here.
"""

from __future__ import annotations

from .base import Renderer
from .docx_handout import FacilitatorDocx, ParticipantDocx
from .handout import FacilitatorHandout, ParticipantHandout
from .pdf_handout import FacilitatorPdf, ParticipantPdf
from .pptx_deck import PptxDeck
from .slides_html import SlidesHtml

RENDERERS: dict = {}


def register(renderer: Renderer) -> None:
    """Make a format available to `build --format`."""
    if renderer.name in RENDERERS:
        raise ValueError(f"format {renderer.name} registered twice")
    RENDERERS[renderer.name] = renderer


register(PptxDeck())
register(FacilitatorHandout())
register(ParticipantHandout())
register(FacilitatorPdf())
register(ParticipantPdf())
register(FacilitatorDocx())
register(ParticipantDocx())
register(SlidesHtml())
