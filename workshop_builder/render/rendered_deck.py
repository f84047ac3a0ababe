"""The deck's bytes, rendered once per process for an audience and edition.

The pptx format, the deck PDFs and the slide pictures all draw the same deck; in one build
(and in one worker process) it is rendered once and the others reuse its bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved

KEEP = 8  # decks remembered (the newest)
_DECKS: dict = {}  # (audience, edition, start) -> (workshop, bytes)


def deck_bytes(resolved: Resolved) -> bytes:
    """The .pptx of a resolved workshop, rendered once for the same workshop, audience, edition and start."""
    from .pptx_writer import write_deck

    key = (resolved.audience.id, resolved.edition.id if resolved.edition else None,
           resolved.agenda[0].start_text if resolved.agenda else "")
    held = _DECKS.get(key)
    if held is not None and held[0] is resolved.workshop:
        return held[1]
    data = write_deck(resolved)
    _DECKS.pop(key, None)
    if len(_DECKS) >= KEEP:
        _DECKS.pop(next(iter(_DECKS)))
    _DECKS[key] = (resolved.workshop, data)
    return data
