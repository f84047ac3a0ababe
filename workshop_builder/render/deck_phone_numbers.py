"""The deck's phone numbers kept on one line, and the points the closing slide compares its contacts with.

Every phone number and short code in a slide's text (points, columns, tables, notes) gets
no-break spaces between its groups before the fitter measures the slide, so the fitter, PowerPoint
and LibreOffice all treat "0113 496 0400" as one word and never break it across lines.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from ..phone_numbers import NO_BREAK_SPACE, keep_numbers_together
from .presentation import Run, Slide


def numbers_kept_together(slide: Slide) -> Slide:
    """The slide with every phone number in its text kept together (code runs left as written)."""
    return _kept(slide)


def _kept(value):
    """A slide model value (dataclass, tuple, run) with its runs' phone numbers kept together."""
    if isinstance(value, Run):
        if value.code or not any(c.isdigit() for c in value.text):
            return value
        text = keep_numbers_together(value.text)
        return value if text == value.text else replace(value, text=text)
    if isinstance(value, tuple):
        kept = tuple(_kept(v) for v in value)
        return value if all(a is b for a, b in zip(kept, value)) else kept
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            if isinstance(old, (tuple, Run)) or (is_dataclass(old) and not isinstance(old, type)):
                new = _kept(old)
                if new is not old:
                    changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


def listed_texts(slide: Slide) -> set:
    """The text of every paragraph in the slide's text boxes (not its notes), no-break spaces read as spaces."""
    texts: set = set()
    for shape in slide.shapes:
        for box in (shape,) + tuple(getattr(shape, "columns", ())):
            for para in getattr(box, "paragraphs", ()):
                texts.add(" ".join(para.text.replace(NO_BREAK_SPACE, " ").split()))
    return texts
