"""Phone numbers and short codes in running text, so every output can keep each on one line.

A UK number ("0800 1111", "0113 496 0400", "+44 20 7946 0000") or a short code ("999", "101",
"116 000") must never wrap mid-number on a slide or a printed page: a reader who copies "0113 496"
from one line and "0400" from the next dials the wrong number. The HTML handouts wrap each in a
no-wrap span; the Word handouts and the deck join its groups with no-break spaces.
"""

from __future__ import annotations

import re
from typing import Callable

NO_BREAK_SPACE = "\u00a0"
NO_BREAK_HYPHEN = "\u2011"
_GAP = r"[ \u00a0\u2011-]"
# A UK number as people write it: 0 (or +44) and an area or service code of 2 to 4 digits, then
# one or two groups of 3 or 4 digits ("0800 1111", "0113 496 0400") or one of 6 ("07700 900123"),
# or 10 or 11 digits run together; a short code stands alone. None touches a letter or digit.
_CODE = r"(?:\+44" + _GAP + r"?(?:\(0\)" + _GAP + r"?)?|0)\d{2,4}"
PHONE_NUMBER = re.compile(
    r"(?<![\w+\u2011-])"
    r"(?:" + _CODE + r"(?:" + _GAP + r"\d{3,4}(?:" + _GAP + r"\d{3,4})?|" + _GAP + r"\d{6})"
    r"|(?:\+44|0)\d{9,10}"
    r"|116" + _GAP + r"?\d{3}|999|101|111|112)"
    r"(?![\w\u2011-])"
)


def find_phone_numbers(text: str) -> list:
    """Every phone number and short code in text, as written, in order."""
    return [m.group(0) for m in PHONE_NUMBER.finditer(text)]


def kept_together(number: str) -> str:
    """A number whose spaces are no-break spaces and hyphens no-break hyphens (one word to a line breaker)."""
    return number.replace(" ", NO_BREAK_SPACE).replace("-", NO_BREAK_HYPHEN)


def keep_numbers_together(text: str) -> str:
    """Text with every phone number and short code in it kept together (see kept_together)."""
    return replace_numbers(text, kept_together)


def replace_numbers(text: str, replace: Callable[[str], str]) -> str:
    """Text with every phone number and short code replaced by replace(number); the rest as it was."""
    if not any(c.isdigit() for c in text):
        return text
    return PHONE_NUMBER.sub(lambda m: replace(m.group(0)), text)


_TAG = re.compile(r"(<[^>]*>)")
_RAW_TEXT = re.compile(r"<(style|script|title|textarea|svg)\b", re.IGNORECASE)


def wrap_numbers_in_html(page: str, css_class: str = "phone") -> str:
    """An HTML page with every number in its text (not in a tag, style, script, title or SVG picture) in a span of a class."""
    pieces = _TAG.split(page)
    raw = ""  # the element whose text is left alone (style, script, title, svg), while inside one
    for i, piece in enumerate(pieces):
        if i % 2:  # a tag
            if raw and piece.lower().startswith(f"</{raw}"):
                raw = ""
            elif not raw and (m := _RAW_TEXT.match(piece)):
                raw = m.group(1).lower()
        elif not raw and piece:
            pieces[i] = replace_numbers(piece, lambda n: f'<span class="{css_class}">{n}</span>')
    return "".join(pieces)
