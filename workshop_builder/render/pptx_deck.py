"""The PowerPoint deck format (the writer itself is pptx_writer.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from .base import Renderer, RenderOptions


class PptxDeck(Renderer):
    name = "pptx"
    suffix = ".pptx"
    description = "PowerPoint deck with speaker notes"

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        from .rendered_deck import deck_bytes

        return deck_bytes(resolved)
