"""The PowerPoint writer: the one place that knows python-pptx, OOXML and the zip.

It translates the typed presentation model (presentation.py, as deck_plan.py plans it) into a
.pptx from the template, finding layouts by name: one branch per shape kind, no Markdown.
Imported only when a deck is rendered (python-pptx is slow to import).
"""

from __future__ import annotations

import copy
import gc
import io
import re
from pathlib import Path
from typing import Optional

from lxml import etree as lxml_etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.oxml.ns import qn
from pptx.text.text import _Run as _PptxRun
from pptx.util import Emu, Pt

from ..codes.load import MISSING_LAYOUT
from ..diagnostics import ContentError, Diagnostic, Location
from ..links import safe_href
from ..model import Resolved
from .base import build_time, normalise_zip
from .code_colours import SHADING as CODE_SHADING
from .deck_plan import plan_deck
from .fit import TABLE_FONT_PT, VISUAL_GAP_PT, notes_fit
from .layouts import REQUIRED, stat_columns
from .presentation import (
    Chart,
    Columns,
    Diagram,
    LineBreak,
    Paragraph,
    Picture,
    Run,
    Slide,
    Stat,
    Table,
    TextBox,
    placements,
)
from .shapes_writer import write_chart, write_diagram
from .template_info import _file_key, template_info

__all__ = ["TABLE_FONT_PT", "write_deck", "write_slides"]

MONO_FONT = "Courier New"
LARGE_DECK = 200  # slides: a deck this long is let go at once after saving (see write_slides)
LAYOUTS = (REQUIRED,)  # every other layout falls back (deck_plan, W611)


def write_deck(resolved: Resolved) -> bytes:
    """The .pptx bytes of one audience's deck."""
    return write_slides(resolved, plan_deck(resolved))


def write_slides(resolved: Resolved, planned_slides: list) -> bytes:
    """The .pptx bytes of the given typed slides (a whole deck, or a sample for the checks)."""
    template = resolved.workshop.template
    prs = Presentation(str(template))
    _check_layouts(prs, template, resolved)
    _remove_slides(prs)
    notes_pages = _NotesPages(prs)
    new_slides = _NewSlides(prs, template)
    new_slides.info = template_info(template)  # read once a deck, not once a slide
    for planned in planned_slides:
        _SlideWriter(prs, resolved, planned, notes_pages, new_slides).write()
    _set_properties(prs, resolved)
    buf = io.BytesIO()
    prs.save(buf)
    del prs, notes_pages, new_slides
    if len(planned_slides) >= LARGE_DECK:
        # python-pptx's parts, relationships and proxies refer to one another, so a saved deck is
        # freed only by a full garbage collection, which a writer allocating as little as this one
        # rarely triggers: large decks were held several at a time (100 modules x 10 audiences:
        # +20 MiB a worker). Collected now, at about 5% of such a deck's writing time.
        gc.collect()
    return normalise_zip(buf.getvalue(), build_time(resolved))


def _check_layouts(prs, template: Path, resolved: Resolved) -> None:
    """Every layout the deck needs must be in the template, by name."""
    names = [layout.name for layout in prs.slide_layouts]
    missing = [name for name in LAYOUTS if name not in names]
    if missing:
        try:
            rel = template.resolve().relative_to(resolved.workshop.root).as_posix()
        except ValueError:
            rel = str(template)
        raise ContentError([Diagnostic(
            Location(rel), MISSING_LAYOUT, f"template has no slide layout named '{missing[0]}'"
            + (f" (nor {', '.join(repr(m) for m in missing[1:])})" if missing[1:] else ""),
            f"rename a layout in the template's slide master to '{missing[0]}'; it has: {', '.join(names)}")])


def _remove_slides(prs) -> None:
    """Drop any slides the template itself carries."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def _set_properties(prs, resolved: Resolved) -> None:
    props = prs.core_properties
    when = build_time(resolved)
    props.title = resolved.workshop.title
    props.subject = resolved.audience.name
    props.author = resolved.workshop.organisation
    props.last_modified_by = resolved.workshop.organisation
    props.language = resolved.workshop.language
    props.keywords = f"workshop; {resolved.audience.id}"
    props.comments = "Built with workshop-builder"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


class _SlideWriter:
    """Writes one typed slide."""

    def __init__(self, prs, resolved: Resolved, planned: Slide, notes_pages: _NotesPages, new_slides: _NewSlides):
        self.prs, self.planned, self.notes_pages = prs, planned, notes_pages
        self.new_slides = new_slides
        self.lang = MSO_LANGUAGE_ID.ENGLISH_UK if resolved.workshop.language.lower() == "en-gb" else None
        self.language = resolved.workshop.language or "en-GB"
        self.template = resolved.workshop.template
        self.when = build_time(resolved)

    def write(self) -> None:
        planned = self.planned
        layout = self.new_slides.layout(planned.layout)
        slide = self.new_slides.add(layout)
        title, bodies = _placeholders(slide)
        if title is not None:
            title.text_frame.text = planned.title
            self._language(title.text_frame)
            _title_first(slide, title)
        first_free = 0
        if planned.subtitle and bodies:
            tf = bodies[0].text_frame
            for i, line in enumerate(planned.subtitle):
                para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                para.text = line
            self._language(tf)
            first_free = 1
        if planned.logo is not None:
            self._logo(slide, planned.logo)
        used: set = set(range(first_free))
        info = self._info()
        for slot, shapes in placements(planned):
            first = shapes[0]
            if isinstance(first, Columns):
                used |= self._columns(slide, bodies, slot, first, info, layout.name)
                continue
            if isinstance(first, (TextBox, Stat)):
                if slot < len(bodies):
                    self._fill(bodies[slot].text_frame, first.paragraphs)
                    used.add(slot)
                continue
            if slot < len(bodies):
                box = _take_box(bodies[slot])
                used.add(slot)
            else:
                box = self._beside_text(planned, bodies, used, info, layout.name) or self._free_box(info, layout.name)
            self._visuals(slide, box, shapes)
        stats = [slot for slot, shapes in placements(planned) if isinstance(shapes[0], Stat)]
        if stats and len(stats) < len(bodies) and stats == list(range(len(stats))):
            lefts = stat_columns([b.left for b in bodies], bodies[0].width, len(stats))
            for slot, left in zip(stats, lefts):
                ph = bodies[slot]
                top, width, height = ph.top, ph.width, ph.height  # inherited from the layout
                ph.left, ph.top, ph.width, ph.height = Emu(left), top, width, height
        for n, ph in enumerate(bodies):  # unused placeholders would show "Click to add text"
            if n not in used and ph._element.getparent() is not None:
                ph._element.getparent().remove(ph._element)
        self._navigation(slide, layout, planned)
        if planned.notes:
            tf = self.notes_pages.text_frame(slide)
            self._fill(tf, planned.notes, notes=True)
            self._shrink_notes(tf, planned.notes)

    def _info(self):
        return self.new_slides.info

    def _free_box(self, info, layout_name: str) -> tuple:
        """The room under the title where shapes go that have no placeholder."""
        from .fit import free_area

        if info is None or layout_name not in info.layouts:
            width, height = self.prs.slide_width, self.prs.slide_height
            return (Emu(int(width * 0.055)), Emu(int(height * 0.22)), Emu(int(width * 0.89)), Emu(int(height * 0.66)))
        area = free_area(info.layouts[layout_name], info)
        return (Emu(area.left), Emu(area.top), Emu(area.width), Emu(area.height))

    def _beside_text(self, planned: Slide, bodies, used: set, info, layout_name: str):
        """The right half of the text's placeholder, the text narrowed to the left half, when visuals
        have no placeholder of their own (fit.text_beside_visual), else None."""
        from .fit import beside, text_beside_visual

        layout = info.layouts.get(layout_name) if info is not None else None
        if layout is None or not text_beside_visual(planned, layout):
            return None
        slot = max(n for n in used if n < len(bodies)) if any(n < len(bodies) for n in used) else None
        if slot is None or bodies[slot]._element.getparent() is None:
            return None
        box = layout.bodies[slot]
        _place(bodies[slot], beside(box))
        right = beside(box, right=True)
        return (Emu(right.left), Emu(right.top), Emu(right.width), Emu(right.height))

    def _columns(self, slide, bodies, slot: int, shape: Columns, info, layout_name: str) -> set:
        """Columns in the layout's placeholders (heading and content on a comparison), moved to
        their column's box; a column with no placeholder of its own gets a copy of the last one."""
        from .fit import column_boxes, free_area, tone_band

        layout = info.layouts.get(layout_name) if info is not None else None
        if layout is None:
            return set()
        boxes = column_boxes(layout.bodies[slot:], shape, free_area(layout, info))
        headed = bool(shape.headings) and len(layout.bodies[slot:]) >= 4
        own = bodies[slot:]
        heads, texts = (own[0::2], own[1::2]) if headed else ([], own[:len(boxes)])
        used = set()
        for n, (head_box, box) in enumerate(boxes):
            placeholder = texts[n] if n < len(texts) else _copy_placeholder(slide, texts[-1] if texts else None)
            if placeholder is None:
                continue
            _place(placeholder, box)
            paragraphs = shape.columns[n].paragraphs
            if shape.headings and not headed:  # the heading as the column's first, bold, line
                paragraphs = (Paragraph((Run(shape.headings[n]),), role="heading"),) + paragraphs
            self._fill(placeholder.text_frame, paragraphs)
            heading = placeholder if shape.headings else None
            if headed:
                heading = heads[n] if n < len(heads) else _copy_placeholder(slide, heads[-1])
                _place(heading, head_box)
                self._fill(heading.text_frame, (Paragraph((Run(shape.headings[n]),)),))
            if shape.tone(n):
                _tone_column(slide, heading, tone_band(head_box if headed else None, box), shape.tone(n), n + 1)
        for ph in own:
            if ph in heads[:len(boxes)] or ph in texts[:len(boxes)]:
                used.add(slot + own.index(ph))
        return used

    def _navigation(self, slide, layout, planned: Slide) -> None:
        """The footer line and the slide number, copied from the layout's placeholders (python-pptx
        copies neither); the number is a slide-number field, so it stays right when slides move."""
        from pptx.enum.shapes import PP_PLACEHOLDER

        for kind, prepared in self.new_slides.navigation(layout):
            if kind == PP_PLACEHOLDER.FOOTER and planned.footer:
                el = _clone_prepared(slide, prepared)
                tx_body = el.find(P_TX_BODY)
                p = lxml_etree.SubElement(tx_body, A_P)
                r = lxml_etree.SubElement(p, A_R)
                lxml_etree.SubElement(r, A_RPR, lang=self.language)
                lxml_etree.SubElement(r, A_T).text = planned.footer
                _widen_footer(el, self.new_slides.footer_room(layout), planned.footer)
            elif kind == PP_PLACEHOLDER.SLIDE_NUMBER and planned.numbered:
                el = _clone_prepared(slide, prepared)
                tx_body = el.find(P_TX_BODY)
                fld = tx_body.find(".//" + A_FLD)
                if fld is None:
                    for p in tx_body.findall(A_P):
                        tx_body.remove(p)
                    p = lxml_etree.SubElement(tx_body, A_P)
                    fld = lxml_etree.SubElement(p, A_FLD, id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                                type="slidenum")
                    lxml_etree.SubElement(fld, A_RPR, lang=self.language)
                    lxml_etree.SubElement(fld, A_T)
                fld.set("type", "slidenum")
                fld.find(A_T).text = str(len(self.prs.slides))

    # ---- text ----
    # Paragraphs and runs are written as a:p / a:r elements directly (python-pptx's proxy objects
    # per run and paragraph were most of a slide's cost); the XML is the same python-pptx writes.
    def _fill(self, tf, paragraphs, notes: bool = False) -> None:
        """Write paragraphs into a text frame (a notes page's keep its own, bullet-less style)."""
        body = tf._txBody
        for i, para in enumerate(paragraphs):
            p = body.find(A_P) if i == 0 else body.add_p()
            _set_level(p, min(para.level, 8))
            if not notes:
                _bullet(p, para.bullet)
                if para.bullet == "number" and para.start_at != 1:  # a list continued from an earlier part
                    _ppr(p).find(A_BU_AUTO_NUM).set("startAt", str(min(max(para.start_at, 1), 32767)))
            self._runs(p, para.runs, tf)
            if para.role == "heading":
                for r in p.iterchildren(A_R):
                    _rpr(r).set("b", "1")
            elif para.role == "code":
                for r in p.iterchildren(A_R):
                    _shade(r)
        self._language(tf)

    def _runs(self, p, runs, tf) -> None:
        """Append the runs and line breaks to an a:p element (tf: its text frame, for hyperlinks)."""
        for run in runs:
            if isinstance(run, LineBreak):
                _before_end(p, A_BR)
            else:
                self._run(p, run, tf)

    def _run(self, p, model: Run, tf) -> None:
        r = _before_end(p, A_R)
        lxml_etree.SubElement(r, A_T).text = _escape_ctrl_chars(model.text)
        if model.bold:
            _rpr(r).set("b", "1")
        if model.italic:
            _rpr(r).set("i", "1")
        if model.code:
            latin = _rpr(r).find(A_LATIN)
            if latin is None:
                latin = lxml_etree.SubElement(_rpr(r), A_LATIN)
            latin.set("typeface", MONO_FONT)
        link = safe_href(model.link)  # the last gate: only http, https, mailto, tel
        if model.colour or link:  # python-pptx's own way: the fill in its place, a relationship
            run = _PptxRun(r, tf)
            if model.colour:
                run.font.color.rgb = RGBColor.from_string(model.colour)
            if link:
                run.hyperlink.address = link

    def _shrink_notes(self, tf, paragraphs) -> None:
        """Notes that print: the notes box shrinks its text on overflow (normAutofit), with the
        font scale the fitter measured, so PowerPoint and LibreOffice print them on the page."""
        info = self._info()
        fit = notes_fit(paragraphs, info.notes) if info is not None and info.notes is not None else None
        body_pr = tf._txBody.find(qn("a:bodyPr"))
        for tag in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"):
            for old in body_pr.findall(qn(tag)):
                body_pr.remove(old)
        autofit = lxml_etree.Element(qn("a:normAutofit"))
        if fit is not None and fit.scale < 1:
            autofit.set("fontScale", str(round(fit.scale * 100000)))
            if fit.spacing_reduction:
                autofit.set("lnSpcReduction", str(round(fit.spacing_reduction * 100000)))
        body_pr.insert(_autofit_position(body_pr), autofit)
        size = Pt(info.notes.level(0).size_pt) if info is not None and info.notes is not None else None
        for p in tf._txBody.iterchildren(A_P):  # the notes master's size and margins, written out:
            p_pr = _ppr(p)  # LibreOffice's notes pages otherwise use its own 20 pt hanging style
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")
            if size is not None:
                for r in p.iterchildren(A_R):
                    r_pr = _rpr(r)
                    if r_pr.get("sz") is None:
                        r_pr.set("sz", str(size.centipoints))

    def _language(self, tf) -> None:
        if self.lang is None:
            return
        lang = MSO_LANGUAGE_ID.to_xml(self.lang)
        for p in tf._txBody.iterchildren(A_P):
            for r in p.iterchildren(A_R):
                _rpr(r).set("lang", lang)

    # ---- tables and pictures ----
    def _visuals(self, slide, box, visuals) -> None:
        """Shapes drawn in one placeholder's box, stacked top to bottom in equal shares."""
        left, top, width, height = box
        gap = Emu(Pt(VISUAL_GAP_PT))
        each = Emu(int((height - gap * (len(visuals) - 1)) / len(visuals)))
        for i, shape in enumerate(visuals):
            y = Emu(top + i * (each + gap))
            if isinstance(shape, Table):
                self._table(slide, (left, y, width, each), shape)
            elif isinstance(shape, Picture):
                self._picture(slide, (left, y, width, each), shape, enlarge=self.planned.kind == "picture")
            elif isinstance(shape, Chart):
                write_chart(slide, (left, y, width, each), shape, self.language, self.when)
            elif isinstance(shape, Diagram):
                write_diagram(slide, (left, y, width, each), shape)
            else:  # a new shape kind needs a branch here
                raise TypeError(f"no writer for {type(shape).__name__}")

    def _table(self, slide, box, model: Table) -> None:
        left, top, width, _height = box
        rows = model.rows
        n_cols = max(len(row) for row in rows)
        row_h = Emu(int(Pt(TABLE_FONT_PT) * model.row_factor))
        shape = slide.shapes.add_table(len(rows), n_cols, left, top, width, Emu(row_h * len(rows)))
        table = shape.table
        table.first_row = True
        for i, frac in enumerate(model.columns[:n_cols]):
            table.columns[i].width = Emu(int(width * frac))
        for r, row in enumerate(rows):
            table.rows[r].height = row_h
            for c, cell in enumerate(row[:n_cols]):
                tf = table.cell(r, c).text_frame
                self._runs(tf._txBody.find(A_P), cell, tf)
                for p in tf._txBody.iterchildren(A_P):
                    for run in p.iterchildren(A_R):
                        _rpr(run).set("sz", str(Pt(TABLE_FONT_PT).centipoints))
                self._language(tf)
        if model.name:
            shape.name = model.name

    def _logo(self, slide, logo: Picture) -> None:
        """An edition's logo in the title slide's top right corner, on a white panel."""
        width, height = self.prs.slide_width, self.prs.slide_height
        margin, box_w, box_h = Emu(int(width * 0.03)), Emu(int(width * 0.2)), Emu(int(height * 0.16))
        left, top = Emu(width - margin - box_w), margin
        panel = slide.shapes.add_shape(1, left, top, box_w, box_h)  # 1: rectangle
        panel.fill.solid()
        panel.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        panel.line.fill.background()
        panel.shadow.inherit = False
        panel.name = "Logo panel"
        panel._element.nvSpPr.cNvPr.set("descr", "")
        pad = Emu(int(box_h * 0.12))
        pic = slide.shapes.add_picture(logo.path, left + pad, top + pad)
        scale = min((box_w - 2 * pad) / pic.width, (box_h - 2 * pad) / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(int(left + (box_w - pic.width) / 2))
        pic.top = Emu(int(top + (box_h - pic.height) / 2))
        pic._element.nvPicPr.cNvPr.set("descr", logo.alt)
        pic.name = logo.alt[:60]

    def _picture(self, slide, box, picture: Picture, enlarge: bool = False) -> None:
        """A picture scaled to fit its box, never distorted nor cropped (enlarged too on a picture slide)."""
        left, top, width, height = box
        if not picture.path:
            return
        pic = slide.shapes.add_picture(picture.path, left, top)
        scale = min(width / pic.width, height / pic.height, 1.0 if not enlarge else 10.0)
        if picture.width:  # the author's width, as a share of the box (never taller than the box)
            scale = min(width * picture.width / pic.width, height / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(int(left + (width - pic.width) / 2))
        pic.top = Emu(int(top + (height - pic.height) / 2))
        c_nv_pr = pic._element.nvPicPr.cNvPr
        c_nv_pr.set("descr", picture.alt)
        c_nv_pr.set("name", f"Picture: {picture.alt[:40]}")


def _placeholders(slide) -> tuple:
    """(the title placeholder or None, the other placeholders by idx) of a new slide, found with
    one pass over its shape tree (python-pptx's lookups run an XPath per shape and property)."""
    shapes = slide.shapes
    title, bodies = None, []
    for el in shapes._spTree.iterchildren(P_SP):
        ph = el.find(PH_PATH)
        if ph is None:
            continue
        idx = int(ph.get("idx", "0"))
        if idx == 0:
            if title is None:
                title = el
            continue
        bodies.append((idx, el))
    bodies.sort(key=lambda found: found[0])
    factory = shapes._shape_factory
    return (factory(title) if title is not None else None), [factory(el) for _, el in bodies]


def _title_first(slide, title) -> None:
    """Make the title the first shape, so screen readers read it first (a template's layout
    may list its placeholders in any order; python-pptx copies that order)."""
    tree = slide.shapes._spTree
    shapes = [el for el in tree.iterchildren() if el.tag in _SHAPE_TAGS]
    if shapes and shapes[0] is not title._element:
        shapes[0].addprevious(title._element)


_SHAPE_TAGS = {qn(t) for t in ("p:sp", "p:pic", "p:graphicFrame", "p:grpSp", "p:cxnSp", "p:contentPart")}


_BY_TEMPLATE: dict = {}  # template file key -> (protos, navigations, rooms), see _NewSlides


class _NewSlides:
    """New slides made from one prototype per layout.

    python-pptx clones a layout's placeholders element by element for every new slide (about
    a quarter of a deck's time in the profile). The first slide of each layout is made by
    python-pptx itself; later ones copy its pristine XML.
    """

    def __init__(self, prs, template=None):
        self.prs = prs
        # What each layout gives its slides is the template's: kept for the next deck of the same
        # template in this process (copies of XML only, never an element of this deck's package)
        key = _file_key(template) if template is not None else None
        shared = _BY_TEMPLATE.get(key) if key is not None else None
        if shared is None:
            shared = ({}, {}, {})
            if key is not None:
                if len(_BY_TEMPLATE) >= 4:
                    _BY_TEMPLATE.pop(next(iter(_BY_TEMPLATE)))
                _BY_TEMPLATE[key] = shared
        self.protos, self.navigations, self.rooms = shared  # by layout name
        self.layouts: dict = {}
        self.info = None  # the template's TemplateInfo
        self.slide_id: Optional[int] = None  # the next slide's id (p:sldId/@id), once known

    def layout(self, name: str):
        """The template's layout named name (python-pptx's get_by_name, looked up once a deck)."""
        if not self.layouts:
            for layout in self.prs.slide_layouts:
                self.layouts.setdefault(layout.name, layout)
        return self.layouts.get(name)

    def navigation(self, layout) -> list:
        """A layout's footer and slide-number placeholders as (type, the element a slide copies: no
        position, no list style and, for the footer, no text), found once a template."""
        from pptx.enum.shapes import PP_PLACEHOLDER

        found = self.navigations.get(layout.name)
        if found is None:
            wanted = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
            found = []
            for ph in layout.placeholders:
                kind = ph.placeholder_format.type
                if kind in wanted:
                    found.append((kind, _prepared(ph, text=kind != PP_PLACEHOLDER.FOOTER)))
                    if kind == PP_PLACEHOLDER.FOOTER:
                        self._footer_room(layout, ph)
            self.navigations[layout.name] = found
        return found

    def footer_room(self, layout) -> tuple:
        """(text size in points, inner width, and the widened box: left, right, top, height) of a
        layout's footer (see _widen_footer), worked out with navigation()."""
        return self.rooms[layout.name]

    def _footer_room(self, layout, footer) -> None:
        from pptx.enum.shapes import PP_PLACEHOLDER

        room = self.rooms.get(layout.name)
        if room is None:
            sizes = footer._element.xpath(".//a:lvl1pPr/a:defRPr/@sz")
            size = int(sizes[0]) / 100 if sizes else 18.0
            inner = (footer.width or 0) - 2 * 91440
            others = {ph.placeholder_format.type: ph for ph in layout.placeholders}
            date, number = others.get(PP_PLACEHOLDER.DATE), others.get(PP_PLACEHOLDER.SLIDE_NUMBER)
            left = date.left if date is not None else footer.left
            right = (number.left - 91440 if number is not None and number.left > footer.left
                     else footer.left + footer.width)
            self.rooms[layout.name] = (size, inner, (left, right, footer.top, footer.height))

    def add(self, layout):
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        proto = self.protos.get(layout.name)
        if proto is None:
            slide = self.prs.slides.add_slide(layout)
            self.protos[layout.name] = copy.deepcopy(slide._element)
            self.slide_id = None  # python-pptx numbered it: look again
            return slide
        prs_part = self.prs.part
        part = SlidePart(prs_part._next_slide_partname, CT.PML_SLIDE, prs_part.package, copy.deepcopy(proto))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        # python-pptx's relate_to and add_sldId search every slide's relationship and id for each new
        # slide (O(n²)); a new part has no relationship to find, and ids go up by one from the largest
        rid = prs_part._rels._add_relationship(RT.SLIDE, part)
        id_list = self.prs.slides._sldIdLst
        if self.slide_id is None:
            self.slide_id = id_list._next_id
        if self.slide_id > 2147483647:  # past the largest id: python-pptx looks for a free one
            id_list.add_sldId(rid)
        else:
            id_list._add_sldId(id=self.slide_id, rId=rid)
            self.slide_id += 1
        return part.slide


class _NotesPages:
    """Notes pages made from one prototype.

    python-pptx builds every notes page by cloning the notes master's placeholders and by
    scanning every part of the package for a free part name, which makes a deck's notes cost
    O(slides²) (about a third of a 100-slide deck's time in the profile). The first page is
    made by python-pptx itself; later pages copy its pristine XML and take the next name.
    """

    def __init__(self, prs):
        self.prs = prs
        self.proto = None
        self.count = 0
        self.body_at = None  # the notes body placeholder's position in the page's shape tree

    def text_frame(self, slide):
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        if self.proto is None:
            notes = slide.notes_slide
            self.proto = copy.deepcopy(notes._element)
            self.count = int("".join(ch for ch in notes.part.partname if ch.isdigit()) or 1)
            frame = notes.notes_text_frame
            if frame is not None:  # where the body placeholder sits, so copies find it without a search
                tree = notes.shapes._spTree
                self.body_at = list(tree).index(frame._parent._element)
            return frame
        self.count += 1
        part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml"), CT.PML_NOTES_SLIDE,
                              slide.part.package, copy.deepcopy(self.proto))
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        notes = part.notes_slide
        if self.body_at is None:
            return notes.notes_text_frame
        shapes = notes.shapes
        return shapes._shape_factory(shapes._spTree[self.body_at]).text_frame


def _place(placeholder, box) -> None:
    """Move a placeholder to a template_info Box's position and size."""
    placeholder.left, placeholder.top = Emu(box.left), Emu(box.top)
    placeholder.width, placeholder.height = Emu(box.width), Emu(box.height)


def _tone_column(slide, heading, band: tuple, tone: str, number: int) -> None:
    """A toned column (visuals.TONES): its heading's first paragraph in the tone's theme colour and a
    band of that colour; the band is decorative, so screen readers read only the author's heading."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE

    from ..visuals import TONE_ACCENTS

    colour = {"accent2": MSO_THEME_COLOR.ACCENT_2, "accent3": MSO_THEME_COLOR.ACCENT_3}[TONE_ACCENTS[tone]]
    if heading is not None and heading.text_frame.paragraphs:
        for run in heading.text_frame.paragraphs[0].runs:
            run.font.color.theme_color = colour
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in band))
    shape.name = f"Column {number} Band"
    shape.fill.solid()
    shape.fill.fore_color.theme_color = colour
    shape.line.fill.background()
    shape.shadow.inherit = False
    c_nv_pr = shape._element.nvSpPr.cNvPr
    c_nv_pr.set("descr", "")
    ext = lxml_etree.SubElement(lxml_etree.SubElement(c_nv_pr, qn("a:extLst")), qn("a:ext"),
                                uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    lxml_etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", val="1")


def _next_id(slide) -> int:
    return max((int(el.get("id")) for el in slide.shapes._spTree.iter(qn("p:cNvPr"))), default=1) + 1


def _copy_placeholder(slide, placeholder):
    """A copy of a slide placeholder, empty, under a fresh shape id and a placeholder index of its own."""
    if placeholder is None:
        return None
    el = copy.deepcopy(placeholder._element)
    el.nvSpPr.cNvPr.set("id", str(_next_id(slide)))
    idxs = [int(ph.get("idx", "0")) for ph in slide.shapes._spTree.iter(qn("p:ph"))]
    el.ph.set("idx", str(max(idxs + [12]) + 1))
    tx_body = el.find(qn("p:txBody"))
    for p in tx_body.findall(qn("a:p"))[1:]:
        tx_body.remove(p)
    for child in list(tx_body.find(qn("a:p"))):
        if child.tag != qn("a:pPr"):
            tx_body.find(qn("a:p")).remove(child)
    placeholder._element.addnext(el)
    return next(ph for ph in slide.placeholders if ph._element is el)


def _prepared(layout_placeholder, text: bool):
    """A copy of a layout placeholder for slides to inherit from: its position and list style
    left out (they come from the layout), and its paragraphs too unless text."""
    el = copy.deepcopy(layout_placeholder._element)
    sp_pr = el.find(qn("p:spPr"))
    for child in list(sp_pr):
        sp_pr.remove(child)
    tx_body = el.find(P_TX_BODY)
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is not None:
        for child in list(lst):
            lst.remove(child)
    if not text:
        for p in tx_body.findall(A_P):
            tx_body.remove(p)
    return el


def _clone_prepared(slide, prepared):
    """A copy of a _prepared placeholder under a fresh shape id, appended last (the footer row)."""
    el = copy.deepcopy(prepared)
    el.nvSpPr.cNvPr.set("id", str(_next_id(slide)))
    slide.shapes._spTree.append(el)
    return el


def _widen_footer(el, room: tuple, text: str) -> None:
    """A footer too long for its box on one line gets the row from the date's left edge to the
    slide number, aligned left, rather than wrapping out of the slide (room: footer_room)."""
    from .fit import text_width

    size, inner, (left, right, top, height) = room
    if text_width(text, size) * 12700 <= inner:
        return
    sp_pr = el.find(qn("p:spPr"))
    xfrm = lxml_etree.SubElement(sp_pr, qn("a:xfrm"))
    lxml_etree.SubElement(xfrm, qn("a:off"), x=str(int(left)), y=str(int(top)))
    lxml_etree.SubElement(xfrm, qn("a:ext"), cx=str(int(right - left)), cy=str(int(height)))
    for p in el.find(P_TX_BODY).findall(A_P):
        p.insert(0, lxml_etree.Element(qn("a:pPr"), algn="l"))


def _take_box(placeholder):
    """A placeholder's position and size, removing the placeholder itself."""
    box = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    placeholder._element.getparent().remove(placeholder._element)
    return box


def _autofit_position(body_pr) -> int:
    """Where the autofit element goes in a:bodyPr (after prstTxWarp, before scene3d, sp3d…)."""
    for i, child in enumerate(body_pr):
        if child.tag in (qn("a:scene3d"), qn("a:sp3d"), qn("a:flatTx"), qn("a:extLst")):
            return i
    return len(body_pr)


def _shade(r) -> None:
    """Shade a code run's (a:r element's) background (a:highlight), the slide's code-block look."""
    r_pr = _rpr(r)
    for old in r_pr.findall(qn("a:highlight")):
        r_pr.remove(old)
    highlight = lxml_etree.Element(qn("a:highlight"))
    lxml_etree.SubElement(highlight, qn("a:srgbClr")).set("val", CODE_SHADING)
    # a:highlight follows the fill, effect and highlight-preceding children, before a:latin
    anchor = next((r_pr.find(qn(t)) for t in ("a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill", "a:latin", "a:ea",
                                                "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl",
                                                "a:extLst") if r_pr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(highlight)
    else:
        r_pr.append(highlight)


def _bullet(p, kind: str) -> None:
    """Set an a:p element's bullet: 'bullet' (the template's), 'number' or 'none'."""
    if kind == "bullet":
        return
    p_pr = _ppr(p)
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if kind == "none":
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        lxml_etree.SubElement(p_pr, qn("a:buNone"))
    else:
        auto = lxml_etree.SubElement(p_pr, qn("a:buAutoNum"))
        auto.set("type", "arabicPeriod")


# ---- a:p and a:r elements, as python-pptx builds them ----

A_P, A_R, A_T, A_BR, A_RPR, A_PPR, A_LATIN = (qn(t) for t in ("a:p", "a:r", "a:t", "a:br", "a:rPr", "a:pPr",
                                                              "a:latin"))
A_BU_AUTO_NUM = qn("a:buAutoNum")
A_FLD, P_TX_BODY, P_SP = qn("a:fld"), qn("p:txBody"), qn("p:sp")
PH_PATH = "/".join(qn(t) for t in ("p:nvSpPr", "p:nvPr", "p:ph"))
A_END_PARA = qn("a:endParaRPr")
PPR_SUCCESSORS = frozenset(qn(t) for t in ("a:r", "a:br", "a:fld", "a:endParaRPr"))
_CTRL_CHARS = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _escape_ctrl_chars(text: str) -> str:
    """Control characters as python-pptx writes them (_x0007_); tab and line feed stay."""
    return _CTRL_CHARS.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)


def _before_end(p, tag: str):
    """A new run or line break (by tag) at the end of an a:p, before its a:endParaRPr if it has one.

    Elements are made in place (SubElement), never detached (makeelement): a detached element
    with a namespace takes an "nsN" prefix from the document's counter, which would shift the
    prefixes of elements written later (a diagram's decorative mark) and change the bytes.
    """
    child = lxml_etree.SubElement(p, tag)
    end = p.find(A_END_PARA)
    if end is not None:
        end.addprevious(child)
    return child


def _ppr(p):
    """The a:p's a:pPr, added before its runs when it has none."""
    p_pr = p.find(A_PPR)
    if p_pr is None:
        following = next((child for child in p if child.tag in PPR_SUCCESSORS), None)
        p_pr = lxml_etree.SubElement(p, A_PPR)  # made in place, as _before_end says why
        if following is not None:
            following.addprevious(p_pr)
    return p_pr


def _set_level(p, level: int) -> None:
    """A paragraph's outline level (python-pptx's paragraph.level = level)."""
    p_pr = _ppr(p)
    if level:
        p_pr.set("lvl", str(level))
    elif "lvl" in p_pr.attrib:
        del p_pr.attrib["lvl"]


def _rpr(r):
    """The a:r's a:rPr, added as its first child when it has none."""
    r_pr = r.find(A_RPR)
    if r_pr is None:
        r_pr = lxml_etree.SubElement(r, A_RPR)  # made in place, as _before_end says why
        r.insert(0, r_pr)
    return r_pr
