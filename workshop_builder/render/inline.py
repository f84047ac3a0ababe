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
        href = el.get("href", "")
        if safe_href(href):
            style["href"] = safe_href(href)
    return style
