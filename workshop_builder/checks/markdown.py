"""Markdown rules: what a module's parsed trees hold that no output can show as the author wrote it.

Every rule walks the element trees the loader parsed once (markdown_tree.py), never the raw
text with its own patterns; the raw text is read only to put a finding on its line.
"""

from __future__ import annotations

import re

from ..codes.fitting import NOTES_OVERFLOW
from ..codes.markdown import (
    LIST_START_OUT_OF_RANGE,
    RAW_HTML,
    SETEXT_HEADING,
    UNCLOSED_FENCE,
    UNKNOWN_PICTURE_ATTRIBUTE,
    UNUSED_FOOTNOTE,
)
from ..diagnostics import Location
from ..footnotes import module_blocks
from ..markdown_tree import FenceTracker, code_lines
from .accessibility import _audiences, _slide_loc
from .base import rule

MAX_START = 32767  # the largest list start PowerPoint and Word can write (OOXML's bound)
RAW_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


def _find(module, block, needle: str, skip_code: bool = True) -> Location:
    """Where needle first stands in a block's source, outside fenced code (the block's start if nowhere)."""
    code = code_lines(block.text) if skip_code else set()
    for offset, line in enumerate(block.text.split("\n")):
        col = line.find(needle)
        if col >= 0 and offset not in code:
            return Location(module.rel, block.loc.line + offset, col + 1)
    return block.loc


def _text_nodes(tree):
    """Every piece of text of a tree outside code, with the element it belongs to."""
    for el in tree.iter():
        if el.tag in ("pre", "code"):
            continue
        if el.text:
            yield el.text
        if el.tail:
            yield el.tail


@rule(UNUSED_FOOTNOTE)
def unused_footnote(ctx, report):
    for module in ctx.modules:
        for note in getattr(module, "footnotes", {}).values():
            if not note.number:
                report.warning(note.loc, UNUSED_FOOTNOTE, f"footnote '[^{note.id}]' is never referred to",
                               f"refer to it with [^{note.id}] or delete the definition")


@rule(UNCLOSED_FENCE)
def unclosed_fence(ctx, report):
    for module in ctx.modules:
        for block in module_blocks(module):
            if block.tree.find(".//pre[@unclosed]") is None:
                continue
            tracker, opened = FenceTracker(), 0
            for offset, line in enumerate(block.text.split("\n")):
                was_open = tracker.open is not None
                tracker.step(line)
                if not was_open and tracker.open is not None:
                    opened = offset
            report.warning(Location(module.rel, block.loc.line + opened, 1), UNCLOSED_FENCE,
                           "this code fence is never closed: the rest of the passage is code",
                           "close it with a line of ``` (as many as open it)")


@rule(LIST_START_OUT_OF_RANGE)
def list_start(ctx, report):
    for module in ctx.modules:
        for block in module_blocks(module):
            for ol in block.tree.iter("ol"):
                start = ol.get("start", "1")
                if not start.isdigit() or 1 <= int(start) <= MAX_START:
                    continue
                shown = 1 if int(start) < 1 else MAX_START
                report.warning(_find(module, block, f"{start}."), LIST_START_OUT_OF_RANGE,
                               f"this numbered list starts at {start}; slides and Word number lists from 1 to "
                               f"{MAX_START}, so it starts at {shown} there", "number the list from 1")


@rule(RAW_HTML)
def raw_html(ctx, report):
    for module in ctx.modules:
        for block in module_blocks(module):
            seen = set()
            for text in _text_nodes(block.tree):
                for m in RAW_TAG.finditer(text):
                    tag = m.group(0)
                    if tag in seen:
                        continue
                    seen.add(tag)
                    report.warning(_find(module, block, tag), RAW_HTML, f"raw HTML '{tag[:40]}' is shown as text",
                                   "use Markdown instead: **bold**, *italic*, `code`")


@rule(UNKNOWN_PICTURE_ATTRIBUTE)
def unknown_picture_attribute(ctx, report):
    for module in ctx.modules:
        for block in module_blocks(module):
            for img in block.tree.iter("img"):
                for name in img.get("unknown-attrs", "").split():
                    report.warning(_find(module, block, name), UNKNOWN_PICTURE_ATTRIBUTE,
                                   f"picture attribute '{name}' is not used",
                                   "give its size as width=…, e.g. {width=50%}")


@rule(SETEXT_HEADING)
def setext_heading(ctx, report):
    for module in ctx.modules:
        for block in module_blocks(module):
            for heading in (el for el in block.tree if el.tag in ("h1", "h2")):  # `#`/`##` lines are slides
                title = " ".join("".join(heading.itertext()).split())
                level = "#" * int(heading.tag[1])
                report.warning(_find(module, block, title[:30]), SETEXT_HEADING,
                               f"heading '{title}' is underlined, so it does not start a slide",
                               f"write it as '{level} {title}' for a slide, or '#### {title}' for a subheading")


@rule(NOTES_OVERFLOW)
def notes_overflow(ctx, report):
    from ..render.fit import notes_fit
    from ..render.template_info import template_info

    info = template_info(ctx.workshop.template)
    if info is None or info.notes is None:
        return
    found: dict = {}
    for aud, deck in ctx.decks.items():
        for planned in deck:
            if not planned.notes or planned.source is None:
                continue
            fit = notes_fit(planned.notes, info.notes)
            if not fit.fits:
                key = (_slide_loc(ctx, planned), planned.title, round(fit.need_pt / fit.room_pt * 100))
                found.setdefault(key, set()).add(aud)
    for (loc, title, percent), auds in found.items():
        report.warning(loc, NOTES_OVERFLOW, f"the notes of slide '{title}' run off the printed notes page "
                       f"(about {percent}% of the page's text box, at the smallest notes size) for {_audiences(auds)}",
                       "move detail into a '::: handout' block, or split the notes between slides")
