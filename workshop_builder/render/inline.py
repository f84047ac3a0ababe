"""The character styles an inline element adds, shared by every renderer that writes runs."""

from __future__ import annotations

from ..links import safe_href

_FLAGS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "code": "mono"}


def inline_style(el, style: dict) -> dict:
    """The style for el's text: the enclosing style plus bold, italic, mono or a safe link."""
    style = dict(style)
    flag = _FLAGS.get(el.tag)
    if flag:
        style[flag] = True
    elif el.tag == "a":
        href = safe_href(el.get("href", ""))
        if href:
            style["href"] = href
    return style


_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "px": 2.54 / 96, "pt": 2.54 / 72}
TEXT_WIDTH_CM = 17.0  # an A4 handout's text width: what an absolute picture width is measured against


def width_fraction(spec: str) -> float:
    """A picture's width attribute as a fraction of the text width: "50%" -> 0.5, "8.5cm" -> 0.5;
    0.0 when there is none or it cannot be read (the picture then fits its box)."""
    spec = (spec or "").strip().lower()
    try:
        if spec.endswith("%"):
            value = float(spec[:-1]) / 100
        else:
            unit = next((u for u in _CM if spec.endswith(u)), "px")
            number = spec[:-len(unit)] if spec.endswith(unit) else spec
            value = float(number) * _CM[unit] / TEXT_WIDTH_CM
    except ValueError:
        return 0.0
    return min(max(value, 0.0), 1.0)
