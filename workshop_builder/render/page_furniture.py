"""What every printed page of a handout carries: a running head and "Page X of Y".

The running head names the workshop on the left and the audience and kind of handout on the
right; the cover page (page 1) has none, as it says all that in large type. The PDF handouts
get them as CSS page-margin boxes (Chromium prints them, and so does a browser printing the
HTML handout); the Word handouts as a header and a footer with PAGE and NUMPAGES fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .handout_model import Handout

PAGE_OF = ("Page ", " of ")  # "Page " <this page> " of " <pages>
HEAD_SEPARATOR = " · "
FOOT_SIZE_PT = 8.5


def running_head(h: Handout) -> tuple:
    """(left, right) of the running head: the workshop's title; the audience and kind of handout."""
    return h.title, f"{h.audience_name}{HEAD_SEPARATOR}{h.kind}"


def page_css(h: Handout) -> str:
    """The @page rules that print the running head at the top and the organisation and "Page X of Y"
    at the foot of every page (no running head on the cover)."""
    left, right = running_head(h)
    box = f"font-family: Arial, \"Liberation Sans\", sans-serif; font-size: {FOOT_SIZE_PT}pt; color: #4a4a4a;"
    before, between = PAGE_OF
    return (
        "@page {\n"
        f"  @top-left {{ content: {css_string(left)}; {box} vertical-align: bottom; padding-bottom: 3mm; }}\n"
        f"  @top-right {{ content: {css_string(right)}; {box} vertical-align: bottom; padding-bottom: 3mm; "
        "text-align: right; }\n"
        f"  @bottom-left {{ content: {css_string(h.organisation)}; {box} vertical-align: top; padding-top: 3mm; }}\n"
        f"  @bottom-right {{ content: {css_string(before)} counter(page) {css_string(between)} counter(pages); "
        f"{box} vertical-align: top; padding-top: 3mm; text-align: right; }}\n"
        "}\n"
        "@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
    )


def css_string(text: str) -> str:
    """Text as a CSS string literal, safe inside a <style> element (quotes, backslashes, <, newlines
    and anything outside ASCII written as escapes). Each escape ends with a space, which CSS
    reads as the escape's end: without it a space after "·" would be swallowed."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isprintable() and ch not in "\"\\<>&":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x} ")
    return '"' + "".join(out) + '"'
