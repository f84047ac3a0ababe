"""No silent overflow: measure typed slides against the template's boxes, split what does not fit.

It measures the presentation model (presentation.py): the paragraphs and tables the writer
will write, as from_markdown.py made them; it never sees Markdown.

Text is laid out the way PowerPoint lays it out, closely enough to decide what fits: each
paragraph at its level's size and left margin, wrapped greedily at spaces into the box's
width less its insets, with real glyph widths from Liberation Sans (metric-compatible with
Arial, the default template's theme font; it ships in templates/fonts/, and stands in for
any other typeface a template names, Calibri and the like being narrower). A line is
LINE_FACTOR × the font size × the level's line spacing (LibreOffice sets 24 pt Liberation
Sans lines 28.8 pt apart); each paragraph but the first in a box adds its level's space
before. Kerning is left out, so the estimate errs on the long side.

A content, activity or closing slide whose points do not fit is split at a top-level point
into "Title (1 of N)"…, balanced so the parts are about as full as each other; the notes
stay on the first part. What still does not fit (one point too long for any slide, a
title that wraps too often, a table too tall) is recorded on the slide as `overflow`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .measure import EMU_PER_PT, LINE_FACTOR, fonts_dir, line_count, text_width  # noqa: F401 (re-exported)
from .presentation import (
    Chart,
    Columns,
    Diagram,
    Paragraph,
    Picture,
    Run,
    Table,
    TextBox,
    is_visual,
    placements,
    plain,
)

__all__ = ["Paragraph", "Run"]  # re-exported: what the measuring functions take

if TYPE_CHECKING:  # pragma: no cover
    from .template_info import Box, TemplateInfo

SPLIT_KINDS = ("content", "activity", "closing")
CONTINUED_NOTE = "Continued from the previous slide."

# What the writer does with tables (pptx_writer.py imports these, so the two always agree).
TABLE_FONT_PT = 18
TABLE_ROW_FACTOR = 2.0  # a table row is at least this × the table font size
AGENDA_ROW_FACTOR = 2.1
AGENDA_COMPACT_FACTOR = 1.6  # rows closer together (the type stays 18 pt) before an agenda is split
AGENDA_COLUMNS = (0.22, 0.64, 0.14)
VISUAL_GAP_PT = 8
CELL_INSETS = (91440, 45720, 91440, 45720)  # python-pptx's default cell margins
DIAGRAM_MIN_PT = 18  # a diagram's step text never goes smaller (diagram_layout.DIAGRAM_SIZES)


def paragraph_height(para: Paragraph, box: Box) -> float:
    """Points a paragraph takes in a box: space before plus its wrapped lines."""
    style = box.level(para.level)
    margin = style.margin_left if para.bullet != "none" else 0
    width = (box.inner_width - margin) / EMU_PER_PT
    lines = line_count(para.runs, width, style.size_pt, style.bold or para.role == "heading")
    pitch = style.line_points or style.size_pt * LINE_FACTOR * style.line_spacing
    return style.space_before_pt + lines * pitch


def text_height(paras, box: Box) -> float:
    """Points paragraphs take in a box; the first one's space before is not applied (as
    PowerPoint and LibreOffice lay out a text box)."""
    if not paras:
        return 0.0
    return sum(paragraph_height(p, box) for p in paras) - _space_before(paras[0], box)


def _space_before(para: Paragraph, box: Box) -> float:
    return box.level(para.level).space_before_pt


def available_height(box: Box) -> float:
    return box.inner_height / EMU_PER_PT


# ---- notes pages ----

# PowerPoint's "shrink text on overflow" steps: (font scale, line spacing reduction). The last
# step sets the notes master's 12 pt at 9 pt, the smallest that still reads on a printed page.
NOTES_STEPS = ((1.0, 0.0), (0.925, 0.0), (0.85, 0.1), (0.775, 0.2), (0.75, 0.2))


@dataclass(frozen=True)
class NotesFit:
    """How a slide's notes fit the printed notes page's text box."""

    scale: float  # the font scale the notes are set at (1.0: the notes master's size)
    spacing_reduction: float  # how much tighter the lines are set (0.0-0.2)
    fits: bool  # False: even at the smallest step the notes run off the page
    need_pt: float  # the notes' height at that step
    room_pt: float  # the box's height


def notes_fit(paragraphs, box: Box) -> NotesFit:
    """The largest shrink step at which the notes fit the notes box (the last step when none does)."""
    key = (tuple(paragraphs), box)
    found = _NOTES_FITS.get(key)
    if found is None:
        if len(_NOTES_FITS) >= 4096:  # the checks and the writer measure the same notes: kept a while
            _NOTES_FITS.clear()
        found = _NOTES_FITS[key] = _notes_fit(key[0], box)
    return found


_NOTES_FITS: dict = {}


def _notes_fit(paragraphs, box: Box) -> NotesFit:
    room = available_height(box)
    need = 0.0
    for scale, reduction in NOTES_STEPS:
        need = text_height(paragraphs, _scaled(box, scale, reduction))
        if need <= room:
            return NotesFit(scale, reduction, True, need, room)
    return NotesFit(scale, reduction, False, need, room)


@functools.lru_cache(maxsize=64)
def _scaled(box: Box, scale: float, reduction: float) -> Box:
    """A box whose text is set scale times as large, with lines reduction tighter."""
    levels = tuple(replace(lv, size_pt=lv.size_pt * scale, space_before_pt=lv.space_before_pt * scale,
                           line_spacing=lv.line_spacing * (1 - reduction),
                           line_points=lv.line_points * scale * (1 - reduction) if lv.line_points else None)
                   for lv in box.levels)
    return replace(box, levels=levels)


# ---- tables ----

def table_height(table: Table, width_pt: float, header_bold: bool = True) -> float:
    """Points a table takes at TABLE_FONT_PT in a box width_pt wide, rows growing as cells wrap."""
    rows = table.text_rows
    if not rows:
        return 0.0
    n_cols = max(len(r) for r in rows)
    fractions = table.columns or [1 / n_cols] * n_cols
    pad_x = (CELL_INSETS[0] + CELL_INSETS[2]) / EMU_PER_PT
    pad_y = (CELL_INSETS[1] + CELL_INSETS[3]) / EMU_PER_PT
    total = 0.0
    for r, row in enumerate(rows):
        need = 0.0
        for c, text in enumerate(row):
            cell_width = width_pt * fractions[min(c, len(fractions) - 1)] - pad_x
            lines = line_count((Run(text, bold=header_bold and r == 0),), cell_width, TABLE_FONT_PT)
            need = max(need, lines * TABLE_FONT_PT * LINE_FACTOR + pad_y)
        total += max(need, TABLE_FONT_PT * table.row_factor)
    return total


def visual_height(shape, width_pt: float) -> float | None:
    """Points a visual needs at width_pt, or None when it scales to whatever room it gets."""
    if isinstance(shape, Table):
        return table_height(shape, width_pt)
    if isinstance(shape, (Picture, Chart, Diagram)):
        return None  # scaled to its share of the box (a diagram's text shrinks to at least DIAGRAM_MIN_PT)
    raise TypeError(f"no measure for {type(shape).__name__}")  # a new shape kind needs one here


# ---- fitting a deck ----

def fit_deck(slides: list, template: Path) -> list:
    """The deck with overflowing slides split, and what still overflows recorded on each slide."""
    from .template_info import template_info

    info = template_info(template)
    if info is None:
        return slides
    out = []
    for slide in slides:
        out.extend(_fit(slide, info))
    return out


def _box(slide, info: TemplateInfo, shape, layout: str | None = None) -> Box | None:
    """The body placeholder the writer puts shape in (None when the layout has none left)."""
    found = info.layouts.get(layout or slide.layout)
    if found is None:
        return None
    for slot, shapes in placements(slide):
        if any(s is shape for s in shapes):
            if slot >= len(found.bodies):
                return None
            box = found.bodies[slot]
            return beside(box) if not is_visual(shape) and text_beside_visual(slide, found) else box
    return None


def text_beside_visual(slide, layout) -> bool:
    """Whether visuals that have no placeholder of their own share the text's (a template lacking
    "Two Content"): the text then takes the left half of its box and the visuals the right."""
    placed = placements(slide)
    bodies = len(layout.bodies)
    return (any(not is_visual(shapes[0]) and slot < bodies for slot, shapes in placed)
            and any(is_visual(shapes[0]) and slot >= bodies for slot, shapes in placed))


def beside(box, right: bool = False):
    """The left (or right) half of a box, less half the gutter."""
    gutter = int(0.25 * 914400)
    half = (box.width - gutter) // 2
    return replace(box, left=box.left + (half + gutter if right else 0), width=half)


def _fit(slide, info: TemplateInfo) -> list:
    text = slide.text
    problems = _fixed_overflow(slide, info)
    box = _box(slide, info, text) if text is not None else None
    if box is None:
        return [replace(slide, overflow="; ".join(problems))]
    need = text_height(text.paragraphs, box)
    room = available_height(box)
    if need <= room:
        return [replace(slide, overflow="; ".join(problems))]
    if slide.kind not in SPLIT_KINDS or len(text.points) < 2:
        problems.insert(0, _too_tall("text", need, room))
        return [replace(slide, overflow="; ".join(problems))]
    return _split(slide, info)


def _too_tall(what: str, need: float, room: float) -> str:
    return f"the {what} needs {need / 72:.1f} in but the box holds {room / 72:.1f} in"


def _fixed_overflow(slide, info: TemplateInfo) -> list:
    """What overflows regardless of splitting: the title, the subtitle, tables, further text boxes."""
    problems: list = []
    layout = info.layouts.get(slide.layout)
    if layout is None:
        return problems
    if layout.title is not None and slide.title:
        title = plain(slide.title)
        need, room = text_height([title], layout.title), available_height(layout.title)
        if layout.title.anchor == "b":  # a bottom-anchored title grows upwards, up to the slide's edge
            room += layout.title.top / EMU_PER_PT
        if need > room:
            problems.append(f"the title wraps to {_lines(title, layout.title)} lines and needs "
                            f"{need / 72:.1f} in; there is room for {room / 72:.1f} in")
    if slide.subtitle and layout.bodies:
        box = layout.bodies[0]
        paras = [plain(line) for line in slide.subtitle]
        need, room = text_height(paras, box), available_height(box)
        if need > room:
            problems.append(_too_tall("subtitle", need, room))
    for slot, shapes in placements(slide):
        if isinstance(shapes[0], Columns):
            for n, (head, box) in enumerate(column_boxes(layout.bodies[slot:], shapes[0], free_area(layout, info))):
                column = shapes[0].columns[n]
                need, room = text_height(column.paragraphs, box), available_height(box)
                if need > room:
                    problems.append(_too_tall(f"column {n + 1}", need, room))
                if head is not None and shapes[0].headings:
                    heading = (Paragraph((Run(shapes[0].headings[n]),)),)
                    need, room = text_height(heading, head), available_height(head)
                    if need > room:
                        problems.append(_too_tall(f"heading of column {n + 1}", need, room))
            continue
        if slot >= len(layout.bodies):
            continue
        if not is_visual(shapes[0]):
            box = _box(slide, info, shapes[0]) or layout.bodies[slot]
            if shapes[0] is not slide.text:  # a further text box (a column) is never split
                need, room = text_height(shapes[0].paragraphs, box), available_height(box)
                if need > room:
                    problems.append(_too_tall("text", need, room))
            continue
        visual = layout.bodies[slot]
        width, height = visual.width / EMU_PER_PT, visual.height / EMU_PER_PT
        share = (height - VISUAL_GAP_PT * (len(shapes) - 1)) / len(shapes)
        for shape in shapes:
            tall = visual_height(shape, width)
            if tall is not None and tall > share:
                problems.append(_too_tall(_what(shape), tall, share))
            if isinstance(shape, Diagram) and not _diagram_fits(shape, visual.width, share * EMU_PER_PT):
                problems.append(f"the {shape.kind} diagram's steps do not fit their boxes at "
                                f"{DIAGRAM_MIN_PT} pt; shorten them")
    return problems


def free_area(layout, info) -> Box:
    """The room under a layout's title, above the footer row: where shapes go that have no placeholder."""
    from .template_info import Box

    title = layout.title
    left = title.left if title is not None else int(info.slide_width * 0.055)
    width = title.width if title is not None else info.slide_width - 2 * left
    top = (title.top + title.height if title is not None else 0) + int(0.2 * 914400)
    bottom = int(info.slide_height - 0.75 * 914400)
    base = layout.bodies[0] if layout.bodies else None
    levels = base.levels if base is not None else ()
    return Box(0, "body", left, top, width, bottom - top, CELL_INSETS, levels)


def spread(boxes, n: int, area=None) -> list:
    """n boxes side by side over the row the given boxes span (the same boxes when there are n),
    keeping their gap; over `area` when there are none."""
    boxes = list(boxes)
    if len(boxes) == n:
        return boxes
    if not boxes:
        boxes = [area]
    first, last = boxes[0], boxes[-1]
    gap = boxes[1].left - (first.left + first.width) if len(boxes) > 1 else int(0.5 * 914400)
    width = (last.left + last.width - first.left - (n - 1) * gap) // n
    return [replace(first, left=first.left + i * (width + gap), width=width) for i in range(n)]


def column_boxes(bodies, shape: Columns, area) -> list:
    """(heading box or None, text box) for each column: a comparison's heading and content
    placeholders, else the content placeholders, spread over the row when there are more columns."""
    n = len(shape.columns)
    bodies = list(bodies)
    if shape.headings and len(bodies) >= 4:
        return list(zip(spread(bodies[0::2], n, area), spread(bodies[1::2], n, area)))
    return [(None, box) for box in spread(bodies[:n] if len(bodies) >= n else bodies, n, area)]


TONE_BAND = int(0.06 * 914400)  # a toned column's band: twice the template's heading rule
TONE_INSET = int(0.1 * 914400)  # the band's inset from the column's sides (the heading rule's)


def tone_band(head, box) -> tuple:
    """(left, top, width, height) of a toned column's band: over the layout's heading rule, under the
    heading box, on a comparison (head is its box); just above the text box else (head is None)."""
    edge = head if head is not None else box
    top = head.top + head.height if head is not None else box.top - TONE_BAND
    return (edge.left + TONE_INSET, top, edge.width - 2 * TONE_INSET, TONE_BAND)


def _diagram_fits(diagram: Diagram, width: float, height: float) -> bool:
    from .diagram_layout import diagram_geometry, diagram_size

    geometry = diagram_geometry(diagram, width, height)
    return diagram_size(diagram, geometry[0][2], geometry[0][3]) is not None


def _what(shape) -> str:
    """A visual in words: its name ("agenda table"), else its kind ("table")."""
    return (getattr(shape, "name", "") or type(shape).__name__).lower()


def _lines(para: Paragraph, box: Box) -> int:
    style = box.level(para.level)
    return line_count(para.runs, box.inner_width / EMU_PER_PT, style.size_pt, style.bold)


def renumbered(points) -> tuple:
    """Points with each run of items from one numbered list counting on from its first item
    (what a numbered list split across slides needs)."""
    out, first = [], {}
    previous = None
    for point in points:
        if point.list_id is None:
            out.append(point)
            previous = None
            continue
        if previous != point.list_id:
            first[point.list_id] = point.number
            previous = point.list_id
        head = point.paragraphs[0] if point.paragraphs else None
        if head is not None and head.bullet == "number" and head.start_at != first[point.list_id]:
            point = replace(point, paragraphs=(replace(head, start_at=first[point.list_id]),)
                            + point.paragraphs[1:])
        out.append(point)
    return tuple(out)


def _with_text(slide, text: TextBox) -> tuple:
    """The slide's shapes with its text box replaced."""
    return tuple(text if s is slide.text else s for s in slide.shapes)


def _split(slide, info: TemplateInfo) -> list:
    """Parts of a slide, each filled to about the same share of its box."""
    text = slide.text
    points = text.points
    first_box = _box(slide, info, text)
    assert first_box is not None  # _fit measured the text in it
    later_layout = slide.layout if not slide.visuals else "Title and Content"
    later_box = _box(replace(slide, subtitle=(), shapes=(text,)), info, text, later_layout) or first_box
    alone, lead = {}, {}  # a point's height at the top of a box, and its space before otherwise
    for key, box in (("first", first_box), ("later", later_box)):
        alone[key] = [text_height(p.paragraphs, box) for p in points]
        lead[key] = [_space_before(p.paragraphs[0], box) if p.paragraphs else 0.0 for p in points]
    rooms = {"first": available_height(first_box), "later": available_height(later_box)}

    def height(key: str, indices: list) -> float:
        return sum(alone[key][i] + (lead[key][i] if n else 0.0) for n, i in enumerate(indices))

    def pack(share: float) -> list:
        parts: list = []
        current: list = []
        for i in range(len(points)):
            key = "first" if not parts else "later"
            if current and height(key, current + [i]) > share * rooms[key]:
                parts.append(current)
                current = []
            current.append(i)
        parts.append(current)
        return parts

    best = pack(1.0)
    low, high = 0.0, 1.0
    for _ in range(30):  # the smallest fill share that needs no more parts
        mid = (low + high) / 2
        if len(pack(mid)) <= len(best):
            high = mid
        else:
            low = mid
    parts = pack(high) if len(pack(high)) <= len(best) else best
    total = len(parts)
    out = []
    for n, indices in enumerate(parts, 1):
        key = "first" if n == 1 else "later"
        need = height(key, indices)
        part_text = TextBox(renumbered([points[i] for i in indices]))
        shapes = _with_text(slide, part_text) if n == 1 else (part_text,)
        part = replace(
            slide, title=f"{slide.title} ({n} of {total})", shapes=shapes,
            layout=slide.layout if n == 1 else later_layout,
            notes=slide.notes if n == 1 else (plain(CONTINUED_NOTE),),
            split_from=slide.source, part=n, parts=total)
        problems = _fixed_overflow(part, info)  # the title is longer now
        if need > rooms[key]:
            problems.insert(0, _too_tall("text", need, rooms[key]) + " even after splitting")
        out.append(replace(part, overflow="; ".join(problems)))
    return out
