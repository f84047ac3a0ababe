"""The character styles an inline element adds, shared by every renderer that writes runs."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel", "")
_FLAGS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "code": "mono"}


def inline_style(el, style: dict) -> dict:
    """The style for el's text: the enclosing style plus bold, italic, mono or a safe link."""
    style = dict(style)
    flag = _FLAGS.get(el.tag)
    if flag:
        style[flag] = True
    elif el.tag == "a":
        href = el.get("href", "")
        if href and urlsplit(href).scheme.lower() in SAFE_LINK_SCHEMES:
            style["href"] = href
    return style
