"""What a serial build converts with LibreOffice early, and the order it renders in meanwhile.

Slide pictures (facilitator handouts with thumbnails) and deck PDFs wait on LibreOffice,
about a second or two a deck. After the checks, a serial build renders each deck those
outputs need and starts its conversion in the background (deck_conversion, thumbnails'
prefetch), then renders the outputs that need no conversion first, so Python and LibreOffice
work at the same time; the outputs that do need one come last and take what is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only
    from ..model import Workshop
    from .base import RenderOptions


def _needs(spec, options: RenderOptions) -> tuple:
    """(slide pictures, the deck PDF): what of LibreOffice one output needs."""
    from . import RENDERERS

    renderer = RENDERERS[spec.format]
    shows = getattr(renderer, "thumbnails", False) or getattr(getattr(renderer, "html", None), "thumbnails", False)
    return bool(options.thumbnails and shows), spec.format == "deck-pdf"


def convert_early(workshop: Workshop, specs: list, options: RenderOptions) -> list:
    """Start the conversions the specs need in the background; the specs in the order to render them."""
    wanted: dict = {}  # (audience, edition) -> [pictures, pdf]
    for spec in specs:
        pictures, pdf = _needs(spec, options)
        if pictures or pdf:
            need = wanted.setdefault((spec.audience_id, spec.edition_id), [False, False])
            need[0], need[1] = need[0] or pictures, need[1] or pdf
    forget()  # an earlier build's, in this process (preview, tests)
    if not wanted:
        return list(specs)
    from ..resolver import resolve
    from .deck_conversion import start
    from .programs import find_program
    from .rendered_deck import deck_bytes
    from .thumbnails import prefetch

    soffice = find_program("soffice") is not None
    for (audience, edition), (pictures, pdf) in wanted.items():
        resolved = resolve(workshop, audience, options.start, edition)
        if pdf and soffice:
            start(deck_bytes(resolved), "--format deck-pdf")
        if pictures:
            prefetch(resolved, options.cache_dir)
    return [s for s in specs if not any(_needs(s, options))] + [s for s in specs if any(_needs(s, options))]


def forget() -> None:
    """Cancel the conversions not yet started and forget the others (a build failed, or begins)."""
    import sys

    thumbnails, conversion = (sys.modules.get(f"{__package__}.{name}") for name in ("thumbnails", "deck_conversion"))
    if thumbnails is not None:  # neither is imported by a build that never converted anything
        thumbnails.forget_pending()
    if conversion is not None:
        conversion.reset()
