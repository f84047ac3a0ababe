"""No silent overflow: measure planned slides against the template's boxes, split what does not fit.

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
import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from .inline import inline_style
from .base import default_templates_dir

if TYPE_CHECKING:  # pragma: no cover
    from .template_info import Box, TemplateInfo

EMU_PER_PT = 12700
LINE_FACTOR = 1.2  # single line spacing as a multiple of the font size
MONO_ADVANCE = 0.6  # Courier New: every glyph is 0.6 em wide
REF_SIZE = 1000  # measure glyphs at this pixel size, then scale
SPLIT_KINDS = ("content", "activity", "closing")
CONTINUED_NOTE = "Continued from the previous slide."
FONT_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}

# What the writer does with tables (pptx_writer.py imports these, so the two always agree).
TABLE_FONT_PT = 18
TABLE_ROW_FACTOR = 2.0  # a table row is at least this × the table font size
AGENDA_ROW_FACTOR = 2.1
AGENDA_COLUMNS = (0.22, 0.64, 0.14)
VISUAL_GAP_PT = 8
CELL_INSETS = (91440, 45720, 91440, 45720)  # python-pptx's default cell margins


@dataclass(frozen=True)
class Run:
    text: str  # "\n" is a line break
    bold: bool = False
    mono: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph as the writer makes it: its outline level, whether it has a bullet, its runs."""

    level: int
    bullet: bool
    runs: tuple


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
    out, word, space = [], 0.0, 0.0
    pending = False
    for run in runs:
        bold = run.bold or level_bold
        for piece in _PIECES.findall(run.text):
            if piece == "\n":
                if pending:
                    out.append((word, space))
                out.append(None)
                word, space, pending = 0.0, 0.0, False
            elif piece.startswith(" "):
                space += text_width(piece, size_pt, bold, run.mono)
            else:
                if pending and space:
                    out.append((word, space))
                    word, space = 0.0, 0.0
                word += text_width(piece, size_pt, bold, run.mono)
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


def paragraph_height(para: Para, box: Box) -> float:
    """Points a paragraph takes in a box: space before plus its wrapped lines."""
    style = box.level(para.level)
    margin = style.margin_left if para.bullet else 0
    width = (box.inner_width - margin) / EMU_PER_PT
    lines = line_count(para.runs, width, style.size_pt, style.bold)
    pitch = style.line_points or style.size_pt * LINE_FACTOR * style.line_spacing
    return style.space_before_pt + lines * pitch


def text_height(paras, box: Box) -> float:
    """Points paragraphs take in a box; the first one's space before is not applied (as
    PowerPoint and LibreOffice lay out a text box)."""
    if not paras:
        return 0.0
    return sum(paragraph_height(p, box) for p in paras) - _space_before(paras[0], box)


def _space_before(para: Para, box: Box) -> float:
    return box.level(para.level).space_before_pt


def available_height(box: Box) -> float:
    return box.inner_height / EMU_PER_PT


# ---- element trees to paragraphs (as pptx_deck.py writes them) ----

Cite = Callable[[str, list], str]


def paragraphs(contents, cite: Optional[Cite] = None) -> list:
    """The paragraphs the writer makes of a slide's text Contents."""
    out: list = []
    for content in contents:
        _element(content.element, content.module_id, 0, out, cite)
    return out


def _element(el, module_id, level, out, cite) -> None:
    tag = el.tag
    if tag in ("ul", "ol"):
        for li in el.findall("li"):
            runs = []
            if li.text and li.text.strip():
                runs.append(Run(li.text))
            for child in li:
                if child.tag in ("ul", "ol", "p"):
                    break
                _inline(child, module_id, runs, {}, cite)
                if child.tail:
                    runs.append(Run(child.tail))
            out.append(Para(level, True, tuple(runs)))
            has_text = any(r.text.strip() for r in runs)
            for child in li:
                if child.tag == "p":
                    more = []
                    _inline_children(child, module_id, more, cite)
                    if has_text:
                        out.append(Para(level, False, tuple(more)))
                    else:
                        last = out.pop()
                        out.append(Para(last.level, last.bullet, last.runs + tuple(more)))
                        has_text = True
                elif child.tag in ("ul", "ol"):
                    _element(child, module_id, level + 1, out, cite)
        return
    if tag in ("table", "img"):
        return
    if tag == "blockquote":
        for child in el:
            _element(child, module_id, level, out, cite)
        return
    if tag == "pre":
        out.append(Para(level, False, (Run("".join(el.itertext()).rstrip("\n"), mono=True),)))
        return
    runs: list = []
    bold = {"bold": True} if tag.startswith("h") and tag[1:].isdigit() else {}
    if el.text:
        runs.append(Run(el.text, bold=bool(bold)))
    for child in el:
        _inline(child, module_id, runs, bold, cite)
        if child.tail:
            runs.append(Run(child.tail, bold=bool(bold)))
    out.append(Para(level, False, tuple(runs)))


def _inline_children(el, module_id, runs, cite) -> None:
    if el.text:
        runs.append(Run(el.text))
    for child in el:
        _inline(child, module_id, runs, {}, cite)
        if child.tail:
            runs.append(Run(child.tail))


def _inline(el, module_id, runs, style, cite) -> None:
    tag, style = el.tag, inline_style(el, style)
    if tag == "br":
        runs.append(Run("\n"))
        return
    elif tag == "cite":
        short = cite(module_id, el.get("keys", "").split()) if cite else ""
        if short:
            runs.append(Run(f"({short})"))
        return
    elif tag == "img":
        runs.append(Run(el.get("alt", ""), style.get("bold", False)))
        return
    if el.text:
        runs.append(Run(el.text, style.get("bold", False), style.get("mono", False)))
    for child in el:
        _inline(child, module_id, runs, style, cite)
        if child.tail:
            runs.append(Run(child.tail, style.get("bold", False), style.get("mono", False)))


# ---- tables ----

def table_height(rows, width_pt: float, row_factor: float, columns=None, header_bold: bool = True) -> float:
    """Points a table of plain-text rows takes at TABLE_FONT_PT, rows growing as cells wrap."""
    if not rows:
        return 0.0
    n_cols = max(len(r) for r in rows)
    fractions = columns or [1 / n_cols] * n_cols
    pad_x = (CELL_INSETS[0] + CELL_INSETS[2]) / EMU_PER_PT
    pad_y = (CELL_INSETS[1] + CELL_INSETS[3]) / EMU_PER_PT
    total = 0.0
    for r, row in enumerate(rows):
        need = 0.0
        for c, text in enumerate(row):
            cell_width = width_pt * fractions[min(c, len(fractions) - 1)] - pad_x
            lines = line_count((Run(text, bold=header_bold and r == 0),), cell_width, TABLE_FONT_PT)
            need = max(need, lines * TABLE_FONT_PT * LINE_FACTOR + pad_y)
        total += max(need, TABLE_FONT_PT * row_factor)
    return total


def _table_rows(table_el, module_id, cite) -> list:
    rows = []
    for tr in table_el.iter("tr"):
        row = []
        for cell in tr:
            runs: list = []
            _inline_children(cell, module_id, runs, cite)
            row.append("".join(r.text for r in runs))
        rows.append(row)
    return rows


# ---- fitting a deck ----

def fit_deck(slides: list, template: Path, cite: Optional[Cite] = None) -> list:
    """The deck with overflowing slides split, and what still overflows recorded on each slide."""
    from .template_info import template_info

    info = template_info(template)
    if info is None:
        return slides
    out = []
    for slide in slides:
        out.extend(_fit(slide, info, cite))
    return out


def _text_box(slide, info: TemplateInfo, layout: Optional[str] = None) -> Optional[Box]:
    """The box the writer puts a slide's text in (after the subtitle, if any)."""
    found = info.layouts.get(layout or slide.layout)
    if found is None:
        return None
    bodies = list(found.bodies)
    if slide.subtitle:
        bodies = bodies[1:]
    return bodies[0] if bodies else None


def _visual_box(slide, info: TemplateInfo) -> Optional[Box]:
    found = info.layouts.get(slide.layout)
    if found is None:
        return None
    bodies = list(found.bodies)[1 if slide.subtitle else 0:]
    if slide.text:
        bodies = bodies[1:]
    return bodies[0] if bodies else None


def _fit(slide, info: TemplateInfo, cite) -> list:
    box = _text_box(slide, info)
    problems = _fixed_overflow(slide, info, cite)
    if box is None or not slide.text:
        return [replace(slide, overflow="; ".join(problems))]
    need = text_height(paragraphs(slide.text, cite), box)
    room = available_height(box)
    if need <= room:
        return [replace(slide, overflow="; ".join(problems))]
    units = _units(slide.text)
    if slide.kind not in SPLIT_KINDS or len(units) < 2:
        problems.insert(0, _too_tall("text", need, room))
        return [replace(slide, overflow="; ".join(problems))]
    return _split(slide, units, info, cite)


def _too_tall(what: str, need: float, room: float) -> str:
    return f"the {what} needs {need / 72:.1f} in but the box holds {room / 72:.1f} in"


def _fixed_overflow(slide, info: TemplateInfo, cite) -> list:
    """What overflows regardless of splitting: the title, the subtitle, tables."""
    problems = []
    layout = info.layouts.get(slide.layout)
    if layout is None:
        return problems
    if layout.title is not None and slide.title:
        title = Para(0, False, (Run(slide.title),))
        need, room = text_height([title], layout.title), available_height(layout.title)
        if layout.title.anchor == "b":  # a bottom-anchored title grows upwards, up to the slide's edge
            room += layout.title.top / EMU_PER_PT
        if need > room:
            problems.append(f"the title wraps to {_lines(title, layout.title)} lines and needs "
                            f"{need / 72:.1f} in; there is room for {room / 72:.1f} in")
    if slide.subtitle and layout.bodies:
        box = layout.bodies[0]
        paras = [Para(0, False, (Run(line),)) for line in slide.subtitle]
        need, room = text_height(paras, box), available_height(box)
        if need > room:
            problems.append(_too_tall("subtitle", need, room))
    visual = _visual_box(slide, info)
    if visual is not None:
        width, height = visual.width / EMU_PER_PT, visual.height / EMU_PER_PT
        if slide.table is not None:
            need = table_height(slide.table, width, AGENDA_ROW_FACTOR, AGENDA_COLUMNS)
            if need > height:
                problems.append(_too_tall("agenda table", need, height))
        tables = [v for v in slide.visuals if v.element.tag == "table"]
        if tables:
            share = (height - VISUAL_GAP_PT * (len(slide.visuals) - 1)) / len(slide.visuals)
            for v in tables:
                need = table_height(_table_rows(v.element, v.module_id, cite), width, TABLE_ROW_FACTOR)
                if need > share:
                    problems.append(_too_tall("table", need, share))
    return problems


def _lines(para: Para, box: Box) -> int:
    style = box.level(para.level)
    return line_count(para.runs, box.inner_width / EMU_PER_PT, style.size_pt, style.bold)


@dataclass
class _Unit:
    """A top-level point: one list item (with its sub-points) or one other element."""

    origin: int  # index of the Content it came from
    content: object  # the Content itself, for non-list elements
    item: Optional[etree.Element] = None  # the <li>, for list items
    number: int = 1  # the item's number in its list


def _units(contents) -> list:
    units = []
    for i, content in enumerate(contents):
        el = content.element
        if el.tag in ("ul", "ol"):
            start = int(el.get("start", "1")) if str(el.get("start", "1")).isdigit() else 1
            for n, li in enumerate(el.findall("li")):
                units.append(_Unit(i, content, li, start + n))
        else:
            units.append(_Unit(i, content))
    return units


def _rebuild(units) -> list:
    """Contents for a run of units: consecutive items of one list go back into one list."""
    out, last = [], None
    for unit in units:
        if unit.item is None:
            out.append(unit.content)
            last = None
            continue
        if last is not None and last[0] == unit.origin:
            last[1].append(unit.item)
            continue
        src = unit.content.element
        el = etree.Element(src.tag, {k: v for k, v in src.attrib.items() if k != "start"})
        if src.tag == "ol" and unit.number != 1:
            el.set("start", str(unit.number))
        el.append(unit.item)
        out.append(replace(unit.content, element=el))
        last = (unit.origin, el)
    return out


def _split(slide, units, info: TemplateInfo, cite) -> list:
    """Parts of a slide, each filled to about the same share of its box."""
    first_box = _text_box(slide, info)
    later_layout = slide.layout if not slide.visuals else "Title and Content"
    later_box = _text_box(replace(slide, subtitle=[]), info, later_layout) or first_box
    alone, lead = {}, {}  # a unit's height at the top of a box, and its space before otherwise
    for key, box in (("first", first_box), ("later", later_box)):
        paras = [paragraphs(_rebuild([u]), cite) for u in units]
        alone[key] = [text_height(p, box) for p in paras]
        lead[key] = [_space_before(p[0], box) if p else 0.0 for p in paras]
    rooms = {"first": available_height(first_box), "later": available_height(later_box)}

    def height(key: str, indices: list) -> float:
        return sum(alone[key][i] + (lead[key][i] if n else 0.0) for n, i in enumerate(indices))

    def pack(share: float) -> list:
        parts, current = [], []
        for i in range(len(units)):
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
        notes = slide.notes if n == 1 else [_note(slide)]
        part = replace(
            slide, title=f"{slide.title} ({n} of {total})", text=_rebuild([units[i] for i in indices]),
            visuals=slide.visuals if n == 1 else [], layout=slide.layout if n == 1 else later_layout,
            notes=notes, split_from=slide.source, part=n, parts=total)
        problems = _fixed_overflow(part, info, cite)  # the title is longer now
        if need > rooms[key]:
            problems.insert(0, _too_tall("text", need, rooms[key]) + " even after splitting")
        out.append(replace(part, overflow="; ".join(problems)))
    return out


def _note(slide):
    """The note of a later part: a Content like the slide's own text."""
    el = etree.Element("p")
    el.text = CONTINUED_NOTE
    return replace(slide.text[0], element=el)
