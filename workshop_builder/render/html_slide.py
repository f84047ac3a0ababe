"""One typed slide (presentation.py) as HTML, drawn in the template's boxes.

The HTML slides' counterpart of pptx_writer.py: it translates the same typed model and
never sees Markdown. Every box is placed where the template's layout puts its placeholder,
as percentages of the slide; lengths inside a slide are in `cqw` (hundredths of the slide's
width), so text keeps its size relative to the slide at any window size, in the overview's
thumbnails and in the presenter view. The template's look (colours, type sizes, bullets,
decorations) becomes a style sheet (`layout_css`); the slides only carry class names.

One function per shape kind, found through two tables: `FILLS` for shapes that fill
placeholders (text boxes, big numbers on the Big Number cards, columns) and `VISUALS` for
shapes that share one placeholder's box, stacked top to bottom in equal shares as the deck
writer stacks them (tables, pictures, and charts and diagrams drawn with render/svg.py in the
box's shape, role="img" with their description). Visuals with no placeholder left take the
room under the title, or the right half of the text's box, as in the deck. The footer and the
slide number sit in the layout's footer-row boxes on the slides that carry them. A new shape
kind is one method of SlideDrawer and one entry in one of the tables.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..links import safe_href
from ..visuals import TONE_ACCENTS, TONE_RGB
from .diagram_layout import diagram_geometry, diagram_size
from .fit import (
    CELL_INSETS,
    LINE_FACTOR,
    TABLE_FONT_PT,
    VISUAL_GAP_PT,
    beside,
    column_boxes,
    free_area,
    text_beside_visual,
    tone_band,
)
from .layouts import stat_columns
from .measure import text_width
from .presentation import (
    Chart,
    Columns,
    Diagram,
    LineBreak,
    Paragraph,
    Picture,
    Point,
    Run,
    Slide,
    Stat,
    Table,
    TextBox,
    is_visual,
    placements,
)
from .svg import WIDTH as SVG_WIDTH
from .svg import chart_svg, diagram_svg

if TYPE_CHECKING:  # pragma: no cover
    from .template_info import Box, Layout, Look, TemplateInfo

EMU_PER_PT = 12700
EMU_PER_INCH = 914400
MONO_FONT = '"Courier New", "Liberation Mono", monospace'
FONT_FALLBACK = '"Liberation Sans", Arimo, Helvetica, sans-serif'
DEFAULT_LAYOUT = "Title and Content"
ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "justify", "dist": "justify"}


def num(value: float) -> str:
    """A number for CSS: at most three decimals, no trailing zeros (the same text for the same value)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _tone_class(tone: str) -> str:
    """The class a toned column's boxes carry (" tone-avoid"), "" for none."""
    return f" tone-{tone}" if tone else ""


def layout_class(name: str) -> str:
    """The CSS class of a layout: "Title and Content" -> "L-title-and-content"."""
    return "L-" + "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")


def safe_link(address: str) -> str:
    """The address when a slide may link to it (http, https, mailto, tel: the one link rule), else ""."""
    return safe_href(address) or ""


class Canvas:
    """The slide's size: EMU to CSS lengths relative to the slide."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height

    def x(self, emu: float) -> str:
        """A horizontal length as a share of the slide's width."""
        return f"{num(emu / self.width * 100)}%"

    def y(self, emu: float) -> str:
        """A vertical length as a share of the slide's height."""
        return f"{num(emu / self.height * 100)}%"

    def cq(self, emu: float) -> str:
        """A length as a share of the slide's width (the slide is the CSS container)."""
        return f"{num(emu / self.width * 100)}cqw"

    def pt(self, points: float) -> str:
        """A length in points (a type size) relative to the slide."""
        return self.cq(points * EMU_PER_PT)

    def place(self, left: float, top: float, width: float, height: float | None = None) -> str:
        """Inline CSS putting an element at a box of the slide."""
        style = f"left:{self.x(left)};top:{self.y(top)};width:{self.x(width)}"
        return style + (f";height:{self.y(height)}" if height is not None else "")


# ---- the template's look as a style sheet ----

def layout_css(info: TemplateInfo, look: Look | None, canvas: Canvas, used: list) -> str:
    """CSS for the layouts the deck uses: background, link colour, and each box's place and text styles."""
    rules = []
    for name in used:
        layout = info.layouts.get(name)
        if layout is None:
            continue
        cls = "." + layout_class(name)
        if layout.background:
            rules.append(f"{cls}{{background:#{layout.background}}}")
        if layout.hyperlink:
            rules.append(f"{cls} a{{color:#{layout.hyperlink}}}")
        boxes = ([("t", layout.title)] if layout.title is not None else []) + [
            (str(slot), box) for slot, box in enumerate(layout.bodies)]
        boxes += [(box.type, box) for box in layout.navigation]  # the footer row: .ph-dt, .ph-ftr, .ph-sldNum
        for key, box in boxes:
            rules.extend(_box_css(f"{cls} .ph-{key}", box, look, canvas))
    return "\n".join(rules)


def _box_css(sel: str, box: Box, look: Look | None, canvas: Canvas) -> list:
    """A placeholder's place, insets and anchor, and its nine levels' text styles."""
    left, top, right, bottom = box.insets
    justify = {"t": "flex-start", "ctr": "center", "b": "flex-end"}.get(box.anchor, "flex-start")
    padding = " ".join(canvas.cq(side) for side in (top, right, bottom, left))
    place = canvas.place(box.left, box.top, box.width, box.height)
    look_of_box = ""
    if box.fill:  # the placeholder's own fill: the Big Number cards, the Activity badge
        look_of_box += f";background:#{box.fill}"
    if box.outline:
        look_of_box += f";border:{canvas.cq(box.outline[1])} solid #{box.outline[0]}"
    if box.corner:
        look_of_box += f";border-radius:{canvas.cq(box.corner * min(box.width, box.height))}"
    rules = [f"{sel}{{{place};padding:{padding};justify-content:{justify}{look_of_box}}}"]
    for n, level in enumerate(box.levels):
        line = canvas.pt(level.line_points) if level.line_points else num(LINE_FACTOR * level.line_spacing)
        decl = (f"font-size:{canvas.pt(level.size_pt)};line-height:{line};font-weight:"
                f"{'bold' if level.bold else 'normal'};margin-top:{canvas.pt(level.space_before_pt)}")
        if level.align != "l":
            decl += f";text-align:{ALIGN.get(level.align, 'left')}"
        if level.colour:
            decl += f";color:#{level.colour}"
        if level.typeface:
            decl += f";font-family:{_font(level.typeface)}"
        if box.kind == "title":  # a title is one paragraph at the first level
            rules.append(f"{sel}{{{decl}}}")
            break
        rules.append(f"{sel} .lv{n}{{{decl}}}")
        bullet = look.bullets[n] if look is not None and n < len(look.bullets) else None
        indent = bullet.indent if bullet is not None else -274320
        hang = canvas.cq(max(0, min(level.margin_left, -indent)))  # the marker's room before the text
        rules.append(f"{sel} .lv{n}.mk{{padding-left:{canvas.cq(level.margin_left)}}}")
        rules.append(f"{sel} .lv{n}.mk::before{{min-width:{hang};margin-left:-{hang}}}")
        if bullet is not None and bullet.colour:  # numbers take the bullet's colour too, as in Impress
            rules.append(f"{sel} .lv{n}.mk::before{{color:#{bullet.colour}}}")
        if bullet is not None and bullet.char:
            rules.append(f'{sel} .lv{n}.bul::before{{content:"{_css_string(bullet.char)}" / ""}}')
    return rules


def _font(typeface: str) -> str:
    """A font-family list: the template's typeface, then metric-compatible stand-ins."""
    return f'"{_css_string(typeface)}", {FONT_FALLBACK}'


def _css_string(text: str) -> str:
    """Text safe inside a CSS string: anything but letters, digits and a few marks as a CSS escape."""
    return "".join(ch if ch.isalnum() or ch in " -_•–—·▪■○►" else f"\\{ord(ch):x} " for ch in text)


def theme_css(look: Look | None, canvas: Canvas) -> str:
    """CSS custom properties: the slide's size, the theme's table colours and body font, the table's sizes;
    and the printed page, the slide's size."""
    colours = dict(look.colours) if look is not None else {}
    accent = colours.get("accent1", "0B3C5D")
    light, dark = colours.get("lt1", "FFFFFF"), colours.get("dk1", "000000")
    body_font = (look.fonts.get("mn") if look is not None else None) or "Arial"
    pad = (CELL_INSETS[1], CELL_INSETS[2], CELL_INSETS[3], CELL_INSETS[0])
    props = {
        "--slide-ratio": f"{canvas.width} / {canvas.height}",
        "--slide-w": str(canvas.width), "--slide-h": str(canvas.height),
        "--page-w": f"{num(canvas.width / EMU_PER_INCH)}in", "--page-h": f"{num(canvas.height / EMU_PER_INCH)}in",
        "--accent": f"#{accent}",
        "--light": f"#{light}", "--dark": f"#{dark}",
        "--band1": f"#{tint(accent, 0.4)}", "--band2": f"#{tint(accent, 0.2)}",
        "--body-font": _font(body_font), "--mono-font": MONO_FONT,
        "--table-font": canvas.pt(TABLE_FONT_PT),
        "--cell-pad": " ".join(canvas.cq(p) for p in pad),
    }
    page = f"@page{{size:{props['--page-w']} {props['--page-h']};margin:0}}"
    return ":root{" + ";".join(f"{k}:{v}" for k, v in props.items()) + "}\n" + page


def tint(rgb: str, amount: float) -> str:
    """A theme colour tinted as PowerPoint's table styles tint it (towards white, in linear light)."""
    out = []
    for i in (0, 2, 4):
        c = int(rgb[i:i + 2], 16) / 255
        lin = c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        lin = lin * amount + (1 - amount)
        srgb = lin * 12.92 if lin <= 0.0031308 else 1.055 * lin ** (1 / 2.4) - 0.055
        out.append(f"{round(min(1.0, max(0.0, srgb)) * 255):02X}")
    return "".join(out)


# ---- one slide ----

class SlideDrawer:
    """Draws typed slides into the template's boxes."""

    def __init__(self, info: TemplateInfo, look: Look | None, image_uri: Callable[[str], str]):
        self.info, self.look, self.image_uri = info, look, image_uri
        self.canvas = Canvas(info.slide_width, info.slide_height)
        self.slide: Slide | None = None  # the slide being drawn, its number and how many charts/diagrams so far
        self.number, self.drawn = 0, 0
        self.beside: int | None = None

    def layout(self, slide: Slide) -> Layout | None:
        """The slide's layout in the template (the deck writer insists that it is there)."""
        return self.info.layouts.get(slide.layout) or self.info.layouts.get(DEFAULT_LAYOUT)

    def _drawing(self) -> tuple[Slide, Layout]:
        """The slide being drawn and its layout (shapes are drawn only inside a slide, whose layout is there)."""
        slide = self.slide
        assert slide is not None
        layout = self.layout(slide)
        assert layout is not None
        return slide, layout

    def layout_name(self, slide: Slide) -> str:
        """The name of the layout the slide is drawn in."""
        found = self.layout(slide)
        return found.name if found is not None else slide.layout

    def draw(self, slide: Slide, number: int) -> Markup:
        """The inside of one slide's frame: decorations, title, subtitle, logo, each placement, then the
        footer and the slide number."""
        layout = self.layout(slide)
        self.slide, self.number, self.drawn = slide, number, 0
        out = [self._decorations(layout)]
        out.append(self._title(slide, layout, number))
        bodies = layout.bodies if layout is not None else ()
        if slide.subtitle and bodies:
            out.append('<div class="ph ph-0"><div class="tx">'
                       + "".join(f'<p class="lv0{" first" if i == 0 else ""}">{escape(line)}</p>'
                                 for i, line in enumerate(slide.subtitle)) + "</div></div>")
        if slide.logo is not None:
            out.append(self._logo(slide.logo))
        placed = placements(slide)
        self.beside = self._beside_slot(slide, layout, placed)
        for slot, shapes in placed:
            fill = FILLS.get(type(shapes[0]))
            if fill is not None:
                if layout is not None and (slot < len(bodies) or isinstance(shapes[0], Columns)):
                    out.append(fill(self, shapes[0], slot))
                continue  # as the deck writer: text with no placeholder left is not shown
            if layout is None:
                continue
            if slot < len(bodies):
                box = bodies[slot]
            elif self.beside is not None:
                box = beside(bodies[self.beside], right=True)
            else:
                box = free_area(layout, self.info)
            out.append(self._visuals(box, shapes))
        out.append(self._navigation(slide, layout, number))
        return Markup("".join(out))

    def _beside_slot(self, slide: Slide, layout: Layout | None, placed: list) -> int | None:
        """The text's slot when visuals without a placeholder share its box (fit.text_beside_visual), else None."""
        if layout is None or not text_beside_visual(slide, layout):
            return None
        return max(slot for slot, shapes in placed if not is_visual(shapes[0]) and slot < len(layout.bodies))

    def _ident(self) -> str:
        """An id prefix unique in the page for the next chart or diagram of the slide being drawn."""
        self.drawn += 1
        return f"s{self.number}-v{self.drawn}"

    # ---- shapes that fill a placeholder, one function per kind ----
    def text_box(self, text: TextBox, slot: int) -> str:
        """A text box in the layout's body placeholder number slot (placed and styled by layout_css);
        in the left half of it when visuals take the right half."""
        style = ""
        if slot == self.beside:
            half = beside(self._drawing()[1].bodies[slot])
            style = f' style="{self.canvas.place(half.left, half.top, half.width, half.height)}"'
        return f'<div class="ph ph-{slot}"{style}><div class="tx">{text_html(text)}</div></div>'

    def stat(self, stat: Stat, slot: int) -> str:
        """A big number on its card (the figure, the label, the citation, styled by the card's levels);
        one or two figures sit in the middle of the row, as the deck writer moves them."""
        slide, layout = self._drawing()
        bodies = layout.bodies
        stats = [s for s, shapes in placements(slide) if isinstance(shapes[0], Stat)]
        style = ""
        if stats and len(stats) < len(bodies) and stats == list(range(len(stats))):
            lefts = stat_columns([b.left for b in bodies], bodies[0].width, len(stats))
            style = f' style="left:{self.canvas.x(lefts[stats.index(slot)])}"'
        return (f'<div class="ph ph-{slot} stat"{style}><div class="tx">'
                f"{text_html(TextBox((Point(stat.paragraphs),)))}</div></div>")

    def columns(self, shape: Columns, slot: int) -> str:
        """Columns side by side in the layout's boxes: on a comparison each heading in its heading box
        over its column; a column with no box of its own takes the last one's style (as the deck copies it)."""
        layout = self._drawing()[1]
        own = list(range(slot, len(layout.bodies)))
        boxes = column_boxes(layout.bodies[slot:], shape, free_area(layout, self.info))
        headed = bool(shape.headings) and len(own) >= 4
        heads, texts = (own[0::2], own[1::2]) if headed else ([], own[:len(boxes)])
        out = []
        for n, (head_box, box) in enumerate(boxes):
            if not texts:
                break
            points = shape.columns[n].points
            tone = shape.tone(n)
            colour = self._tone_colour(tone)
            if headed and head_box is not None:
                head = heads[n] if n < len(heads) else heads[-1]
                place = self.canvas.place(head_box.left, head_box.top, head_box.width, head_box.height)
                para = f'<p class="lv0 first" style="{colour[1:]}">' if colour else '<p class="lv0 first">'
                out.append(f'<div class="ph ph-{head}{_tone_class(tone)}" style="{place}"><div class="tx">'
                           f'{para}{escape(shape.headings[n])}</p></div></div>')
            elif shape.headings:  # the heading as the column's first, bold, line
                points = (Point((Paragraph((Run(shape.headings[n]),), role="heading"),)),) + points
            text = texts[n] if n < len(texts) else texts[-1]
            place = self.canvas.place(box.left, box.top, box.width, box.height)
            body = text_html(TextBox(points))
            if colour and shape.headings and not headed:  # the inline heading takes the tone's colour
                body = body.replace("<p ", f'<p style="{colour[1:]}" ', 1)
            out.append(f'<div class="ph ph-{text}{_tone_class(tone)}" style="{place}"><div class="tx">'
                       f"{body}</div></div>")
            if tone:  # the band under the heading (over the text), as the deck draws it
                left, top, width, height = tone_band(head_box if headed else None, box)
                out.append(f'<div class="deco tone-band" style="{self.canvas.place(left, top, width, height)};'
                           f'background:#{self._tone_rgb(tone)}"></div>')
        return "".join(out)

    def _tone_rgb(self, tone: str) -> str:
        """The template's theme colour for a column's tone (visuals.TONE_ACCENTS), as RRGGBB."""
        colours = dict(self.look.colours) if self.look is not None else {}
        return colours.get(TONE_ACCENTS[tone], TONE_RGB[tone])

    def _tone_colour(self, tone: str) -> str:
        """";color:#RRGGBB" for a toned column's heading, "" for a column without a tone."""
        return f";color:#{self._tone_rgb(tone)}" if tone else ""

    def _navigation(self, slide: Slide, layout: Layout | None, number: int) -> str:
        """The footer line and the slide number in the layout's footer-row boxes, on the slides that carry
        them; a footer too long for its box takes the row from the date's left edge to the number, as the deck."""
        if layout is None:
            return ""
        boxes = {box.type: box for box in layout.navigation}
        out = []
        footer = boxes.get("ftr")
        if slide.footer and footer is not None:
            style = ""
            size = footer.level(0).size_pt
            if text_width(slide.footer, size) * EMU_PER_PT > footer.width - 2 * 91440:
                date, num_box = boxes.get("dt"), boxes.get("sldNum")
                left = date.left if date is not None else footer.left
                right = (num_box.left - 91440 if num_box is not None and num_box.left > footer.left
                         else footer.left + footer.width)
                style = f' style="{self.canvas.place(left, footer.top, right - left, footer.height)}"'
                style = style[:-1] + ';text-align:left"'
            out.append(f'<div class="ph ph-ftr nav"{style}><p class="lv0 first">{escape(slide.footer)}</p></div>')
        if slide.numbered and "sldNum" in boxes:
            out.append(f'<div class="ph ph-sldNum nav" aria-hidden="true"><p class="lv0 first">{number}</p></div>')
        return "".join(out)

    def _decorations(self, layout: Layout | None) -> str:
        """The rectangles the layout and its master draw (bands, rules), behind everything else."""
        if layout is None or self.look is None:
            return ""
        return "".join(f'<div class="deco" style="{self.canvas.place(d.left, d.top, d.width, d.height)};'
                       f'background:#{d.colour}"></div>' for d in self.look.decorations.get(layout.name, ()))

    def _title(self, slide: Slide, layout: Layout | None, number: int) -> str:
        """The slide's one heading: in the title box, or for the screen reader only when the layout has none."""
        if layout is not None and layout.title is not None and slide.title:
            return f'<h2 class="ph ph-t">{escape(slide.title)}</h2>'
        return f'<h2 class="visually-hidden">{escape(slide.title or f"Slide {number}")}</h2>'

    def _logo(self, logo: Picture) -> str:
        """An edition's logo in the top right corner on a white panel, as the deck writer puts it."""
        w, h = self.canvas.width, self.canvas.height
        margin, box_w, box_h = w * 0.03, w * 0.2, h * 0.16
        left, top, pad = w - margin - box_w, margin, box_h * 0.12
        size = _natural_size(logo.path)
        if size is None:
            return ""
        scale = min((box_w - 2 * pad) / size[0], (box_h - 2 * pad) / size[1])
        pw, ph = size[0] * scale, size[1] * scale
        panel = self.canvas.place(left, top, box_w, box_h)
        pic = self.canvas.place((box_w - pw) / 2 * w / box_w, (box_h - ph) / 2 * h / box_h,
                                pw * w / box_w, ph * h / box_h)
        return (f'<div class="logo-panel" style="{panel}"><img class="abs" src="{self.image_uri(logo.path)}" '
                f'alt="{escape(logo.alt)}" style="{pic}"></div>')

    def _visuals(self, box: Box, shapes: tuple) -> str:
        """Visuals sharing one placeholder's box, stacked top to bottom in equal shares (as the deck)."""
        gap = VISUAL_GAP_PT * EMU_PER_PT
        each = (box.height - gap * (len(shapes) - 1)) / len(shapes)
        out = []
        for i, shape in enumerate(shapes):
            draw = VISUALS.get(type(shape))
            if draw is None:  # a new shape kind needs an entry in FILLS or VISUALS
                raise TypeError(f"no HTML drawing for {type(shape).__name__}: add it to html_slide.FILLS or VISUALS")
            out.append(draw(self, shape, (box.left, box.top + i * (each + gap), box.width, each)))
        return "".join(out)

    def chart(self, chart: Chart, box: tuple) -> str:
        """A chart as SVG filling its share (bars from zero, data labels, the source line beneath), role="img"
        with its title and a description holding every figure."""
        left, top, width, height = box
        svg = chart_svg(chart, self._ident(), height=round(SVG_WIDTH * height / width))
        return f'<div class="visual chart" style="{self.canvas.place(left, top, width, height)}">{svg}</div>'

    def diagram(self, diagram: Diagram, box: tuple) -> str:
        """A process or cycle as SVG in the deck's geometry and type size (diagram_layout), role="img" with
        the steps in order in its description and as a list for screen readers."""
        left, top, width, height = box
        geometry = diagram_geometry(diagram, width, height)
        size_pt = diagram_size(diagram, geometry[0][2], geometry[0][3]) or 18
        unit = width / SVG_WIDTH  # EMU per SVG unit
        svg = diagram_svg(diagram, self._ident(), height=round(height / unit), size=round(size_pt * EMU_PER_PT / unit))
        return f'<div class="visual diagram-box" style="{self.canvas.place(left, top, width, height)}">{svg}</div>'


    # ---- visuals, one function per kind ----
    def table(self, table: Table, box: tuple) -> str:
        """A table at the top of its share: header row, body rows, the deck's column widths and row height."""
        left, top, width, _height = box
        rows = table.rows
        if not rows:
            return ""
        n_cols = max(len(row) for row in rows)
        widths = table.columns[:n_cols] if table.columns else ()
        cols = "".join(f'<col style="width:{num(f * 100)}%">' for f in widths)
        row_h = self.canvas.pt(TABLE_FONT_PT * table.row_factor)
        label = f' aria-label="{escape(table.name)}"' if table.name else ""
        head = "".join(f'<th scope="col">{runs_html(cell)}</th>' for cell in _padded(rows[0], n_cols))
        body = "".join("<tr>" + "".join(f"<td>{runs_html(cell)}</td>" for cell in _padded(row, n_cols)) + "</tr>"
                       for row in rows[1:])
        return (f'<div class="visual" style="{self.canvas.place(left, top, width)};--row:{row_h}">'
                f'<table class="tbl"{label}>{f"<colgroup>{cols}</colgroup>" if cols else ""}'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")

    def picture(self, picture: Picture, box: tuple) -> str:
        """A picture scaled down (never up) to its share and centred in it, with the author's alt text."""
        left, top, width, height = box
        size = _natural_size(picture.path) if picture.path else None
        if size is None:
            return ""  # as the deck: a missing picture is the checks' finding, nothing is drawn
        enlarge = self.slide is not None and self.slide.kind == "picture"  # a picture slide fills its box
        scale = min(width / size[0], height / size[1], 10.0 if enlarge else 1.0)
        if picture.width:  # the author's width, as a share of the box (never taller than the box)
            scale = min(width * picture.width / size[0], height / size[1])
        pw, ph = size[0] * scale, size[1] * scale
        place = self.canvas.place(left + (width - pw) / 2, top + (height - ph) / 2, pw, ph)
        return (f'<img class="abs" src="{self.image_uri(picture.path)}" alt="{escape(picture.alt)}" '
                f'style="{place}">')



# The dispatch, one drawing function per shape kind (as pptx_writer.py has one branch per kind).
# Shapes that fill a placeholder's text (presentation.is_visual is False), by placements' slot:
FILLS: dict = {
    TextBox: SlideDrawer.text_box,
    Stat: SlideDrawer.stat,
    Columns: SlideDrawer.columns,  # takes presentation.slots() placeholders from its slot on
}
# Visuals, each given (left, top, width, height) in EMU: its share of one placeholder's box.
VISUALS: dict = {
    Table: SlideDrawer.table,
    Picture: SlideDrawer.picture,
    Chart: SlideDrawer.chart,
    Diagram: SlideDrawer.diagram,
}


def _padded(row: tuple, n: int) -> tuple:
    """A table row with empty cells up to n (the deck's table has as many cells in every row)."""
    return tuple(row) + ((),) * (n - len(row))


@functools.lru_cache(maxsize=64)
def _natural_size(path: str) -> tuple | None:
    """A picture's size in EMU as python-pptx places it: pixels at the file's DPI (72 when unset)."""
    from PIL import Image

    try:
        with Image.open(Path(path)) as im:
            px_w, px_h = im.size
            dpi = im.info.get("dpi") or (72, 72)
    except OSError:
        return None
    dx, dy = (round(float(d)) or 72 for d in dpi[:2])
    return px_w * EMU_PER_INCH / dx, px_h * EMU_PER_INCH / dy


# ---- text ----

def text_html(text: TextBox) -> str:
    """A text box's points as paragraphs, its list items in real (nested) lists.

    Bullets and numbers are drawn by the style sheet at the template's indents; a list split
    across slides keeps counting (`start_at`); a point that is not a list item closes the lists.
    """
    out: list = []
    stack: list = []  # open lists: [level, tag, next number]
    previous_list = None
    first = True

    def close(until: int) -> None:
        while len(stack) > until:
            out.append(f"</li></{stack.pop()[1]}>")

    for point in text.points:
        if point.list_id is None or point.list_id != previous_list:
            close(0)
        previous_list = point.list_id
        for para in point.paragraphs:
            level = para.level
            classes = [f"lv{min(level, 8)}"] + (["first"] if first else []) + (
                ["heading"] if para.role == "heading" else [])
            first = False
            if para.bullet in ("bullet", "number"):
                tag = "ul" if para.bullet == "bullet" else "ol"
                while stack and (stack[-1][0] > level or (stack[-1][0] == level and stack[-1][1] != tag)):
                    close(len(stack) - 1)
                if stack and stack[-1][0] == level:
                    out.append("</li><li>")
                else:
                    start = f' start="{para.start_at}"' if tag == "ol" and para.start_at != 1 else ""
                    out.append(f"<{tag}{start}><li>")
                    stack.append([level, tag, para.start_at])
                marker = ""
                if tag == "ol":
                    marker = f' data-n="{stack[-1][2]}."'
                    stack[-1][2] += 1
                classes += ["mk", "bul" if tag == "ul" else "num"]
                out.append(f'<p class="{" ".join(classes)}"{marker}>{runs_html(para.runs)}</p>')
            else:
                close(len([s for s in stack if s[0] <= level]))
                out.append(f'<p class="{" ".join(classes)}">{runs_html(para.runs)}</p>')
    close(0)
    return "".join(out)


def runs_html(runs) -> str:
    """Runs as inline HTML: bold, italic, code and safe links; a line break (or a "\\n" in a run) as <br>."""
    out = []
    for run in runs:
        if isinstance(run, LineBreak):
            out.append("<br>")
            continue
        assert isinstance(run, Run)
        html = escape(run.text, quote=False).replace("\n", "<br>")  # a line break, as Impress and the fitter take it
        if run.code:
            html = f"<code>{html}</code>"
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        href = safe_link(run.link) if run.link else ""
        if href:
            html = f'<a href="{escape(href)}">{html}</a>'
        out.append(html)
    return "".join(out)
