"""The slide layouts a deck asks for by name, what each placeholder is for, and their fallbacks.

The default template (tools/make_template.py) has every layout below. A user's own template
needs only "Title and Content": when it lacks another layout, the deck uses the nearest one
it has (FALLBACKS, nearest first, always ending at "Title and Content") and the author gets a
W611 warning (layout-fallback) naming the missing layout and the one used instead. Pure: no python-pptx here;
the layout names a template has come from template_info.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Optional

from ..codes.fitting import LAYOUT_FALLBACK
from ..diagnostics import WARNING, Diagnostic, Location

REQUIRED = "Title and Content"
FALLBACK_CODE = LAYOUT_FALLBACK

# Layout name -> what its body placeholders hold, by placeholder idx (0 is always the title;
# 10, 11 and 12 are the date, footer and slide number on every layout of the default template).
ROLES = {
    "Title Slide": {1: "subtitle"},
    "Title and Content": {1: "content"},
    "Section Header": {1: "text"},
    "Two Content": {1: "content", 2: "content"},
    "Comparison": {1: "heading", 2: "content", 3: "heading", 4: "content"},
    "Content with Caption": {1: "content", 2: "caption"},
    "Blank": {},
    "Title Only": {},  # a headline over free space: native charts and diagrams
    "Picture with Caption": {1: "picture", 2: "caption"},
    "Quotation": {1: "quotation", 2: "attribution"},  # attribution: level 0 who, level 1 the citation
    "Big Number": {1: "figure", 2: "figure", 3: "figure"},  # each: level 0 figure, 1 label, 2 citation
    "Activity": {1: "task", 2: "minutes"},
}

# Layout name -> the layouts to use instead when a template lacks it, nearest first. "Nearest"
# means the one that keeps most of the slide's shape: the same boxes in another arrangement
# first (Two Content and Comparison both hold two columns), then a headline over free space
# the writer can draw in ("Title Only"), then one content box.
FALLBACKS = {
    "Title Slide": ("Section Header", REQUIRED),
    "Section Header": ("Title Slide", REQUIRED),
    "Two Content": ("Comparison", REQUIRED),
    "Comparison": ("Two Content", REQUIRED),
    "Content with Caption": ("Picture with Caption", "Two Content", REQUIRED),
    "Picture with Caption": ("Content with Caption", "Title Only", REQUIRED),
    "Title Only": (REQUIRED,),
    "Blank": ("Title Only", REQUIRED),
    "Quotation": ("Content with Caption", REQUIRED),
    "Big Number": ("Title Only", REQUIRED),
    "Activity": (REQUIRED,),
}

LAYOUTS = tuple(ROLES)  # every layout of the default template, in its order


@dataclass(frozen=True)
class LayoutChoice:
    """The layout a slide gets: the one asked for, or its fallback with a warning saying so."""

    wanted: str
    name: Optional[str]  # None when the template has not even "Title and Content"
    warning: Optional[Diagnostic] = None

    @property
    def fell_back(self) -> bool:
        return self.name is not None and self.name != self.wanted


_TEMPLATE_LOCATION = Location("template")


def choose_layout(available: Iterable[str], wanted: str, where: Location = _TEMPLATE_LOCATION,
                  template_name: str = "the template") -> LayoutChoice:
    """The layout to use for `wanted` among the names a template has, nearest first."""
    names = set(available)
    if wanted in names:
        return LayoutChoice(wanted, wanted)
    for candidate in FALLBACKS.get(wanted, (REQUIRED,)):
        if candidate in names:
            return LayoutChoice(wanted, candidate, Diagnostic(
                where, FALLBACK_CODE,
                f"{template_name} has no slide layout named '{wanted}'; its slides use '{candidate}' instead",
                f"add a layout named '{wanted}' to the template's slide master (the default template has one)",
                WARNING))
    return LayoutChoice(wanted, None)


def missing_layouts(available: Iterable[str]) -> list:
    """The default template's layouts a template lacks, in the default template's order."""
    names = set(available)
    return [name for name in LAYOUTS if name not in names]


def stat_columns(lefts: Sequence[int], width: int, n: int) -> list:
    """Left edges for n figures on the Big Number row (columns at `lefts`, each `width` wide), centred.

    Three figures keep the template's columns; one or two keep the column width and gap and sit
    in the middle of the row, so a single figure is not left hanging at the left edge.
    """
    if n <= 0:
        return []
    if n >= len(lefts):
        return list(lefts[:n])
    gap = lefts[1] - lefts[0] - width if len(lefts) > 1 else 0
    row_left, row_right = lefts[0], lefts[-1] + width
    used = n * width + (n - 1) * gap
    start = row_left + (row_right - row_left - used) // 2
    return [start + i * (width + gap) for i in range(n)]
