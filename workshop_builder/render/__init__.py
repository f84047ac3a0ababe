"""Output formats: the registry of renderers by name, each imported only when a build needs it.

A new format is one new module with a Renderer subclass and one `register(...)` line below:
its name for `--format`, where its class is ("module:Class", in this package) and whether
`build` makes it without `--format`. Nothing is imported until a build asks for the format,
so `list`, `check` and an up-to-date `build` never load python-pptx, python-docx or Jinja2.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Renderer


@dataclass(frozen=True)
class Format:
    """One registered output format: its name, its renderer class's place, and whether it is a default."""

    name: str
    target: str  # "module:Class", the module relative to this package
    default: bool = True  # built by `build` without --format; False for formats that need other programs


FORMATS: dict = {}


def register(name: str, target: str, default: bool = True) -> None:
    """Make a format available to `build --format` (its module is imported when first used)."""
    if name in FORMATS:
        raise ValueError(f"format {name} registered twice")
    FORMATS[name] = Format(name, target, default)


register("pptx", "pptx_deck:PptxDeck")
register("facilitator", "handout:FacilitatorHandout")
register("participant", "handout:ParticipantHandout")
register("facilitator-pdf", "pdf_handout:FacilitatorPdf", default=False)
register("participant-pdf", "pdf_handout:ParticipantPdf", default=False)
register("facilitator-docx", "docx_handout:FacilitatorDocx", default=False)
register("participant-docx", "docx_handout:ParticipantDocx", default=False)
register("slides-html", "slides_html:SlidesHtml", default=False)
register("deck-pdf", "deck_pdf:DeckPdf", default=False)
register("notes-pdf", "notes_pdf:NotesPdf", default=False)


def default_formats() -> list:
    """The names of the formats `build` makes without --format, in registry order."""
    return [name for name, fmt in FORMATS.items() if fmt.default]


class _Renderers(Mapping):
    """Renderers by format name; a renderer's module is imported the first time it is looked up."""

    def __init__(self) -> None:
        self._loaded: dict = {}

    def __getitem__(self, name: str) -> Renderer:
        if name not in self._loaded:
            module_name, class_name = FORMATS[name].target.split(":")
            module = importlib.import_module(f"{__name__}.{module_name}")
            self._loaded[name] = getattr(module, class_name)()
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


RENDERERS = _Renderers()
