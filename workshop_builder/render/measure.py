"""Text measured the way PowerPoint sets it: glyph widths from Liberation Sans, greedy line breaks.

The bottom of the fitter: fit.py (slides), diagram_layout.py (diagram steps) and svg.py
(handout charts) measure with these, so they agree on where a line breaks. Liberation Sans is
metric-compatible with Arial, the default template's theme font; it ships in templates/fonts/.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from .base import default_templates_dir
from .presentation import LineBreak, Run

EMU_PER_PT = 12700
LINE_FACTOR = 1.2  # single line spacing as a multiple of the font size
MONO_ADVANCE = 0.6  # Courier New: every glyph is 0.6 em wide
REF_SIZE = 1000  # measure glyphs at this pixel size, then scale
FONT_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}


# ---- glyph widths ----

def fonts_dir() -> Path:
    return default_templates_dir() / "fonts"


@functools.lru_cache(maxsize=2)
def _font(bold: bool):
    from PIL import ImageFont  # imported when first measured, like python-pptx

    return ImageFont.truetype(str(fonts_dir() / FONT_FILES[bold]), REF_SIZE,
                              layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=65536)
def _em_width(text: str, bold: bool) -> float:
    """The advance width of text in ems (1.0 = the font size)."""
    return _font(bold).getlength(text) / REF_SIZE


def text_width(text: str, size_pt: float, bold: bool = False, mono: bool = False) -> float:
    """Width in points of text set in one run."""
    if mono:
        return len(text) * MONO_ADVANCE * size_pt
    return _em_width(text, bold) * size_pt


# ---- line breaking ----

_PIECES = re.compile(r"\n| +|[^ \n]+")


def _items(runs, size_pt: float, level_bold: bool):
    """The paragraph as a sequence of words (width, trailing space width) and breaks (None)."""
    out: list = []
    word, space, pending = 0.0, 0.0, False
    for run in runs:
        if isinstance(run, LineBreak):
            run = Run("\n")
        bold = run.bold or level_bold
        for piece in _PIECES.findall(run.text):
            if piece == "\n":
                if pending:
                    out.append((word, space))
                out.append(None)
                word, space, pending = 0.0, 0.0, False
            elif piece.startswith(" "):
                space += text_width(piece, size_pt, bold, run.code)
            else:
                if pending and space:
                    out.append((word, space))
                    word, space = 0.0, 0.0
                word += text_width(piece, size_pt, bold, run.code)
                pending = True
    if pending:
        out.append((word, space))
    return out


def line_count(runs, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines runs take when wrapped greedily at spaces into width_pt."""
    lines, x = 1, 0.0
    width_pt = max(width_pt, size_pt)
    for item in _items(runs, size_pt, bold):
        if item is None:
            lines, x = lines + 1, 0.0
            continue
        word, space = item
        if x > 0 and x + word > width_pt:
            lines, x = lines + 1, 0.0
        if word > width_pt:  # a word longer than the line breaks anywhere
            extra = math.ceil(word / width_pt) - 1
            lines += extra
            word -= extra * width_pt
        x += word + space
    return lines
