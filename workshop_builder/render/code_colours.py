"""Syntax colouring of fenced code, with Pygments, for every output.

`coloured(text, lang)` splits code into (text, colour) pieces: colour is a hex RGB such as
"0000FF", or "" for the default text colour. An unknown or empty language gives one plain
piece, so the walkers treat every code block alike. The colours are those of Pygments'
"default" style, darkened where needed so that every colour has at least 4.5:1 contrast on
the code block's light grey shading (#F2F2F2).
"""

from __future__ import annotations

import functools

SHADING = "F2F2F2"  # the code block's background, on every output
MIN_CONTRAST = 4.5


def coloured(text: str, lang: str) -> list:
    """(text, colour) pieces of code; one uncoloured piece when the language is unknown."""
    lexer = _lexer(lang)
    if lexer is None or not text:
        return [(text, "")]
    out: list = []
    for token, piece in lexer.get_tokens(text):
        colour = _colour(token) if piece.strip() else ""
        if out and out[-1][1] == colour:
            out[-1] = (out[-1][0] + piece, colour)
        else:
            out.append((piece, colour))
    if out and text and not text.endswith("\n") and out[-1][0].endswith("\n"):  # Pygments adds one
        out[-1] = (out[-1][0][:-1], out[-1][1])
    return [p for p in out if p[0]]


@functools.lru_cache(maxsize=64)
def _lexer(lang: str):
    """Pygments' lexer for a language name, or None."""
    if not lang:
        return None
    try:
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound
    except ImportError:  # pragma: no cover - Pygments is a dependency
        return None
    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@functools.lru_cache(maxsize=256)
def _colour(token) -> str:
    """A token type's colour in the default style, readable on the shading ("" for plain text)."""
    from pygments.styles import get_style_by_name

    style = get_style_by_name("default")
    while token is not None:
        spec = style.styles.get(token, "")
        for word in spec.split():
            if word.startswith("#") and len(word) in (4, 7):
                return _readable(_hex(word[1:]))
        token = token.parent
    return ""


def _hex(value: str) -> str:
    """#abc -> AABBCC."""
    value = value.upper()
    return "".join(ch * 2 for ch in value) if len(value) == 3 else value


def _luminance(rgb: str) -> float:
    def channel(byte: int) -> float:
        c = byte / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two hex colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _readable(rgb: str) -> str:
    """The colour, darkened until it reaches MIN_CONTRAST on the shading."""
    while contrast(rgb, SHADING) < MIN_CONTRAST:
        rgb = "".join(f"{int(int(rgb[i:i + 2], 16) * 0.85):02X}" for i in (0, 2, 4))
    return rgb
