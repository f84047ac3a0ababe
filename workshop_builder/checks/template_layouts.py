"""Template rule: a layout the deck asks for that the template lacks falls back, with a warning.

Only "Title and Content" is required (a template without it stops the deck: E050); every other
layout has fallbacks, nearest first, listed in render/layouts.py.
"""

from __future__ import annotations

from pathlib import Path

from ..codes.fitting import LAYOUT_FALLBACK
from ..diagnostics import Location
from .base import rule


def _template_loc(ctx) -> Location:
    """The template file, relative to the project (workshop.yaml's template key when outside it)."""
    path = Path(ctx.workshop.template)
    try:
        return Location(path.resolve().relative_to(Path(ctx.workshop.root).resolve()).as_posix())
    except ValueError:
        return Location("workshop.yaml")


@rule(LAYOUT_FALLBACK)
def layout_fallback(ctx, report):
    from ..render.layouts import REQUIRED, choose_layout
    from ..render.template_info import template_info

    info = template_info(ctx.workshop.template)
    if info is None:
        return
    wanted = sorted({planned.asked or planned.layout for deck in ctx.decks.values() for planned in deck})
    loc = _template_loc(ctx)
    name = f"template {loc.path}" if loc.path != "workshop.yaml" else "the template"
    for layout in wanted:  # what each slide asked for, before falling back
        if layout == REQUIRED:
            continue
        choice = choose_layout(info.layouts, layout, loc, name)
        if choice.warning is not None:
            report.items.append(choice.warning)
