"""Where a diagram's steps go and how large their text is: pure geometry, shared by the deck
writer (shapes_writer.py), the fitter (fit.py) and the SVG drawing (svg.py), so all three agree.

A process of up to four steps is one row left to right; five to seven steps make two rows, read
left to right and top to bottom, the arrow from the end of the first row leading to the start of
the second. A cycle is a ring, clockwise from the top. Units are whatever the caller's box is in
(EMU for the deck, pixels for SVG): every length is a share of the box.
"""

from __future__ import annotations

import math

from .measure import EMU_PER_PT, LINE_FACTOR, line_count, text_width
from .presentation import Diagram, Run

DIAGRAM_SIZES = (28, 24, 22, 20, 18)  # a step's text: the largest size at which every step fits
ROW_LIMIT = 4  # a process of more steps takes two rows
INSET_X, INSET_Y = 91440, 45720  # a shape's text insets (EMU)


def diagram_geometry(diagram: Diagram, width: float, height: float) -> list:
    """Each step's (left, top, width, height) inside a box of width × height at (0, 0)."""
    n = len(diagram.steps)
    gap = width * 0.045  # room for an arrow between two steps
    if diagram.kind == "cycle":
        step_w = min(width / 3.2, width * 0.24)
        step_h = min(height / 3.6, width * 0.11)
        rx, ry = (width - step_w) / 2, (height - step_h) / 2
        rx = min(rx, ry * 2.2)
        cx, cy = width / 2, height / 2
        return [(cx + rx * math.cos(a) - step_w / 2, cy + ry * math.sin(a) - step_h / 2, step_w, step_h)
                for a in (-math.pi / 2 + 2 * math.pi * i / n for i in range(n))]
    rows = [list(range(n))] if n <= ROW_LIMIT else [list(range((n + 1) // 2)), list(range((n + 1) // 2, n))]
    per_row = len(rows[0])
    step_w = (width - (per_row - 1) * gap) / per_row
    row_gap = height * 0.16 if len(rows) > 1 else 0
    step_h = min((height - row_gap) / len(rows), step_w * 0.8, width * 0.18)
    top = (height - len(rows) * step_h - row_gap * (len(rows) - 1)) / 2
    out = []
    for r, row in enumerate(rows):
        for c, _ in enumerate(row):
            out.append((c * (step_w + gap), top + r * (step_h + row_gap), step_w, step_h))
    return out


def diagram_size(diagram: Diagram, step_w: float, step_h: float, emu_per_unit: float = 1.0):
    """The largest of DIAGRAM_SIZES at which every step's text fits its shape with no word broken,
    or None when even the smallest does not fit."""
    inner_w = (step_w * emu_per_unit - 2 * INSET_X) / EMU_PER_PT
    inner_h = (step_h * emu_per_unit - 2 * INSET_Y) / EMU_PER_PT
    for size in DIAGRAM_SIZES:
        words_fit = all(text_width(word, size, True) <= inner_w for step in diagram.steps for word in step.split())
        if words_fit and all(line_count((Run(step, bold=True),), inner_w, size, True) * size * LINE_FACTOR <= inner_h
                             for step in diagram.steps):
            return size
    return None


def edge(a, b, pad: float) -> tuple:
    """Where a line from the centre of box a towards the centre of box b leaves a, and enters b,
    `pad` clear of each."""
    ax, ay = a[0] + a[2] / 2, a[1] + a[3] / 2
    bx, by = b[0] + b[2] / 2, b[1] + b[3] / 2
    dx, dy = bx - ax, by - ay

    def exit_point(cx, cy, w, h, sx, sy):
        scale = min((w / 2) / abs(sx) if sx else math.inf, (h / 2) / abs(sy) if sy else math.inf)
        return cx + sx * scale, cy + sy * scale

    x1, y1 = exit_point(ax, ay, a[2] + 2 * pad, a[3] + 2 * pad, dx, dy)
    x2, y2 = exit_point(bx, by, b[2] + 2 * pad, b[3] + 2 * pad, -dx, -dy)
    return x1, y1, x2, y2


def arrow_path(diagram: Diagram, a, b, pad: float) -> list:
    """The points of the arrow from step a to step b: straight between neighbours (and round a
    cycle); in a process, from the end of one row to the start of the next, down into the gap
    between the rows, back along it, and down into b (so it crosses no step)."""
    if diagram.kind == "process" and b[1] >= a[1] + a[3]:  # b starts a later row
        start = (a[0] + a[2] / 2, a[1] + a[3] + pad)
        mid_y = (a[1] + a[3] + b[1]) / 2
        return [start, (start[0], mid_y), (b[0] + b[2] / 2, mid_y), (b[0] + b[2] / 2, b[1] - pad)]
    x1, y1, x2, y2 = edge(a, b, pad)
    return [(x1, y1), (x2, y2)]
