"""The PowerPoint writer: the one place that knows python-pptx, OOXML and the zip.

It turns a deck plan (deck_plan.py) into a .pptx from the template, finding layouts by name.
Imported only when a deck is rendered (python-pptx is slow to import).
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from lxml import etree as lxml_etree
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.oxml.ns import qn
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from ..diagnostics import ContentError, Diagnostic, Location
from ..model import Resolved
from ..links import safe_href
from .base import build_time, normalise_zip
from .inline import inline_style
from .deck_plan import plan_deck
from .fit import AGENDA_COLUMNS, AGENDA_ROW_FACTOR, TABLE_FONT_PT, TABLE_ROW_FACTOR, VISUAL_GAP_PT

MONO_FONT = "Courier New"
LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Blank")


def write_deck(resolved: Resolved) -> bytes:
    """The .pptx bytes of one audience's deck."""
    return write_slides(resolved, plan_deck(resolved))


def write_slides(resolved: Resolved, planned_slides: list) -> bytes:
    """The .pptx bytes of the given planned slides (a whole deck, or a sample for the checks)."""
    template = resolved.workshop.template
    prs = Presentation(str(template))
    _check_layouts(prs, template, resolved)
    _remove_slides(prs)
    notes_pages = _NotesPages(prs)
    new_slides = _NewSlides(prs)
    for planned in planned_slides:
        _SlideWriter(prs, resolved, planned, notes_pages, new_slides).write()
    _set_properties(prs, resolved)
    buf = io.BytesIO()
    prs.save(buf)
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
            Location(rel), "E050", f"template has no slide layout named '{missing[0]}'"
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
    """Writes one planned slide."""

    def __init__(self, prs, resolved: Resolved, planned, notes_pages: "_NotesPages", new_slides: "_NewSlides"):
        self.prs, self.resolved, self.planned, self.notes_pages = prs, resolved, planned, notes_pages
        self.new_slides = new_slides
        self.lang = MSO_LANGUAGE_ID.ENGLISH_UK if resolved.workshop.language.lower() == "en-gb" else None

    def write(self) -> None:
        planned = self.planned
        layout = self.prs.slide_layouts.get_by_name(planned.layout)
        slide = self.new_slides.add(layout)
        title = slide.shapes.title
        if title is not None:
            title.text_frame.text = planned.title
            self._language(title.text_frame)
            _title_first(slide, title)
        bodies = sorted((ph for ph in slide.placeholders if ph.placeholder_format.idx != 0),
                        key=lambda ph: ph.placeholder_format.idx)
        if planned.subtitle and bodies:
            tf = bodies[0].text_frame
            for i, line in enumerate(planned.subtitle):
                para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                para.text = line
            self._language(tf)
            bodies = bodies[1:]
        if planned.logo is not None:
            self._logo(slide, planned)
        boxes = []
        if planned.text and bodies:
            self._fill(bodies[0].text_frame, planned.text)
            bodies = bodies[1:]
        if planned.table is not None and bodies:
            boxes.append(_take_box(bodies[0]))
            bodies = bodies[1:]
            self._agenda_table(slide, boxes[0], planned.table)
        elif planned.visuals and bodies:
            box = _take_box(bodies[0])
            bodies = bodies[1:]
            self._visuals(slide, box, planned.visuals)
        for ph in bodies:  # unused placeholders would show "Click to add text"
            ph._element.getparent().remove(ph._element)
        if planned.notes:
            self._fill(self.notes_pages.text_frame(slide), planned.notes, notes=True)

    # ---- text ----
    def _fill(self, tf, contents, notes: bool = False) -> None:
        first = [True]

        def para(level: int, bullet: str):
            p = tf.paragraphs[0] if first[0] else tf.add_paragraph()
            first[0] = False
            p.level = min(level, 8)
            if not notes:
                _bullet(p, bullet)
            return p

        for content in contents:
            self._element(content.element, content.module_id, para, 0, notes)
        self._language(tf)

    def _element(self, el, module_id, para, level, notes) -> None:
        tag = el.tag
        if tag in ("ul", "ol"):
            start = int(el.get("start", "1")) if tag == "ol" and el.get("start", "1").isdigit() else 1
            for n, li in enumerate(el.findall("li"), start):
                bullet = "number" if tag == "ol" else "bullet"
                p = para(level, bullet)
                if bullet == "number" and start != 1 and not notes:  # a list continued from an earlier part
                    p._p.get_or_add_pPr().find(qn("a:buAutoNum")).set("startAt", str(start))
                prefix = ("  " * level + (f"{n}. " if tag == "ol" else "• ")) if notes else ""
                if prefix:
                    p.add_run().text = prefix
                inline = [c for c in li if c.tag not in ("ul", "ol", "p")]
                self._inline_into(p, li.text, inline, module_id, stop_tags=("ul", "ol", "p"), li=li)
                for child in li:
                    if child.tag == "p":
                        if p.runs and "".join(r.text for r in p.runs).strip(" •"):
                            p = para(level, "none")
                        self._inline(p, child, module_id)
                    elif child.tag in ("ul", "ol"):
                        self._element(child, module_id, para, level + 1, notes)
            return
        if tag in ("table", "img"):
            if notes:
                p = para(level, "none")
                p.add_run().text = "[table]" if tag == "table" else f"[picture: {el.get('alt', '')}]"
            return
        if tag == "blockquote":
            for child in el:
                self._element(child, module_id, para, level, notes)
            return
        p = para(level, "none")
        if tag == "pre":
            run = p.add_run()
            run.text = "".join(el.itertext()).rstrip("\n")
            run.font.name = MONO_FONT
            return
        self._inline(p, el, module_id)
        if tag.startswith("h") and tag[1:].isdigit():
            for run in p.runs:
                run.font.bold = True

    def _inline_into(self, p, text, children, module_id, stop_tags, li):
        """The inline content of a list item, up to its nested lists (a loose item's "\n" is not content)."""
        if text and text.strip():
            self._run(p, text, {})
        for child in li:
            if child.tag in stop_tags:
                break
            self._walk(p, child, module_id, {})
            if child.tail:
                self._run(p, child.tail, {})

    def _inline(self, p, el, module_id) -> None:
        if el.text:
            self._run(p, el.text, {})
        for child in el:
            self._walk(p, child, module_id, {})
            if child.tail:
                self._run(p, child.tail, {})

    def _walk(self, p, el, module_id, style: dict) -> None:
        tag = el.tag
        style = inline_style(el, style)
        if tag == "br":
            p.add_line_break()
            return
        elif tag == "cite":
            short = self.resolved.cite_short(module_id, el.get("keys", "").split())
            if short:
                self._run(p, f"({short})", {"cite": True})
            return
        elif tag == "img":
            self._run(p, el.get("alt", ""), style)
            return
        if el.text:
            self._run(p, el.text, style)
        for child in el:
            self._walk(p, child, module_id, style)
            if child.tail:
                self._run(p, child.tail, style)

    def _run(self, p, text: str, style: dict) -> None:
        run = p.add_run()
        run.text = text
        font = run.font
        if style.get("bold"):
            font.bold = True
        if style.get("italic"):
            font.italic = True
        if style.get("mono"):
            font.name = MONO_FONT
        if safe_href(style.get("href")):
            run.hyperlink.address = safe_href(style["href"])

    def _language(self, tf) -> None:
        if self.lang is None:
            return
        for p in tf.paragraphs:
            for run in p.runs:
                run.font.language_id = self.lang

    # ---- tables and pictures ----
    def _agenda_table(self, slide, box, rows) -> None:
        left, top, width, height = box
        n_rows, n_cols = len(rows), len(rows[0])
        row_h = Emu(int(Pt(TABLE_FONT_PT) * AGENDA_ROW_FACTOR))
        shape = slide.shapes.add_table(n_rows, n_cols, left, top, width, Emu(row_h * n_rows))
        table = shape.table
        widths = AGENDA_COLUMNS
        for i, frac in enumerate(widths[:n_cols]):
            table.columns[i].width = Emu(int(width * frac))
        for r, row in enumerate(rows):
            table.rows[r].height = row_h
            for c, value in enumerate(row):
                tf = table.cell(r, c).text_frame
                tf.text = value
                for p in tf.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(TABLE_FONT_PT)
                self._language(tf)
        shape.name = "Agenda table"

    def _visuals(self, slide, box, visuals) -> None:
        left, top, width, height = box
        gap = Emu(Pt(VISUAL_GAP_PT))
        each = Emu(int((height - gap * (len(visuals) - 1)) / len(visuals)))
        for i, content in enumerate(visuals):
            y = Emu(top + i * (each + gap))
            if content.element.tag == "table":
                self._table(slide, (left, y, width, each), content)
            else:
                self._picture(slide, (left, y, width, each), content.element)

    def _table(self, slide, box, content) -> None:
        left, top, width, height = box
        rows = [tr for tr in content.element.iter("tr")]
        n_cols = max(len(list(tr)) for tr in rows)
        row_h = Emu(int(Pt(TABLE_FONT_PT) * TABLE_ROW_FACTOR))
        shape = slide.shapes.add_table(len(rows), n_cols, left, top, width, Emu(row_h * len(rows)))
        table = shape.table
        table.first_row = True
        for r, tr in enumerate(rows):
            table.rows[r].height = row_h
            for c, cell_el in enumerate(list(tr)[:n_cols]):
                tf = table.cell(r, c).text_frame
                p = tf.paragraphs[0]
                self._inline(p, cell_el, content.module_id)
                for para in tf.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(TABLE_FONT_PT)
                self._language(tf)

    def _logo(self, slide, planned) -> None:
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
        pic = slide.shapes.add_picture(str(planned.logo), left + pad, top + pad)
        scale = min((box_w - 2 * pad) / pic.width, (box_h - 2 * pad) / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(int(left + (box_w - pic.width) / 2))
        pic.top = Emu(int(top + (box_h - pic.height) / 2))
        pic._element.nvPicPr.cNvPr.set("descr", planned.logo_alt)
        pic.name = planned.logo_alt[:60]

    def _picture(self, slide, box, img) -> None:
        left, top, width, height = box
        path = img.get("path")
        if not path:
            return
        pic = slide.shapes.add_picture(path, left, top)
        scale = min(width / pic.width, height / pic.height, 1.0)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(int(left + (width - pic.width) / 2))
        pic.top = Emu(int(top + (height - pic.height) / 2))
        c_nv_pr = pic._element.nvPicPr.cNvPr
        c_nv_pr.set("descr", img.get("alt", ""))
        c_nv_pr.set("name", f"Picture: {img.get('alt', '')[:40]}")


def _title_first(slide, title) -> None:
    """Make the title the first shape, so screen readers read it first (a template's layout
    may list its placeholders in any order; python-pptx copies that order)."""
    tree = slide.shapes._spTree
    shapes = [el for el in tree.iterchildren() if el.tag in _SHAPE_TAGS]
    if shapes and shapes[0] is not title._element:
        shapes[0].addprevious(title._element)


_SHAPE_TAGS = {qn(t) for t in ("p:sp", "p:pic", "p:graphicFrame", "p:grpSp", "p:cxnSp", "p:contentPart")}


class _NewSlides:
    """New slides made from one prototype per layout.

    python-pptx clones a layout's placeholders element by element for every new slide (about
    a quarter of a deck's time in the profile). The first slide of each layout is made by
    python-pptx itself; later ones copy its pristine XML.
    """

    def __init__(self, prs):
        self.prs = prs
        self.protos: dict = {}

    def add(self, layout):
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        proto = self.protos.get(layout.name)
        if proto is None:
            slide = self.prs.slides.add_slide(layout)
            self.protos[layout.name] = copy.deepcopy(slide._element)
            return slide
        prs_part = self.prs.part
        part = SlidePart(prs_part._next_slide_partname, CT.PML_SLIDE, prs_part.package, copy.deepcopy(proto))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        self.prs.slides._sldIdLst.add_sldId(prs_part.relate_to(part, RT.SLIDE))
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

    def text_frame(self, slide):
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        if self.proto is None:
            notes = slide.notes_slide
            self.proto = copy.deepcopy(notes._element)
            self.count = int("".join(ch for ch in notes.part.partname if ch.isdigit()) or 1)
            return notes.notes_text_frame
        self.count += 1
        part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml"), CT.PML_NOTES_SLIDE,
                              slide.part.package, copy.deepcopy(self.proto))
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide.notes_text_frame


def _take_box(placeholder):
    """A placeholder's position and size, removing the placeholder itself."""
    box = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    placeholder._element.getparent().remove(placeholder._element)
    return box


def _bullet(p, kind: str) -> None:
    """Set a paragraph's bullet: 'bullet' (the template's), 'number' or 'none'."""
    if kind == "bullet":
        return
    p_pr = p._p.get_or_add_pPr()
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
