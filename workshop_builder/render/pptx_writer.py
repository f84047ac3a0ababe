"""The PowerPoint writer: the one place that knows python-pptx, OOXML and the zip.

It turns a deck plan (deck_plan.py) into a .pptx from the template, finding layouts by name.
Imported only when a deck is rendered (python-pptx is slow to import).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree as lxml_etree
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..diagnostics import ContentError, Diagnostic, Location
from ..model import Resolved
from .base import build_time
from .deck_plan import plan_deck

MONO_FONT = "Courier New"
TABLE_FONT_PT = 18
LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Blank")


def write_deck(resolved: Resolved) -> bytes:
    """The .pptx bytes of one audience's deck."""
    template = resolved.workshop.template
    prs = Presentation(str(template))
    _check_layouts(prs, template, resolved)
    _remove_slides(prs)
    for planned in plan_deck(resolved):
        _SlideWriter(prs, resolved, planned).write()
    _set_properties(prs, resolved)
    buf = io.BytesIO()
    prs.save(buf)
    return _normalise_zip(buf.getvalue(), build_time(resolved))


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


def _normalise_zip(data: bytes, when) -> bytes:
    """Rewrite the zip with fixed timestamps so identical inputs give identical bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=stamp)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            dst.writestr(item, src.read(info.filename))
    return out.getvalue()


class _SlideWriter:
    """Writes one planned slide."""

    def __init__(self, prs, resolved: Resolved, planned):
        self.prs, self.resolved, self.planned = prs, resolved, planned
        self.lang = MSO_LANGUAGE_ID.ENGLISH_UK if resolved.workshop.language.lower() == "en-gb" else None

    def write(self) -> None:
        planned = self.planned
        layout = self.prs.slide_layouts.get_by_name(planned.layout)
        slide = self.prs.slides.add_slide(layout)
        title = slide.shapes.title
        if title is not None:
            title.text_frame.text = planned.title
            self._language(title.text_frame)
        bodies = sorted((ph for ph in slide.placeholders if ph.placeholder_format.idx != 0),
                        key=lambda ph: ph.placeholder_format.idx)
        if planned.subtitle and bodies:
            tf = bodies[0].text_frame
            for i, line in enumerate(planned.subtitle):
                para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                para.text = line
            self._language(tf)
            bodies = bodies[1:]
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
            self._fill(slide.notes_slide.notes_text_frame, planned.notes, notes=True)

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
            for n, li in enumerate(el.findall("li"), 1):
                bullet = "number" if tag == "ol" else "bullet"
                p = para(level, bullet)
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
        """The inline content of a list item, up to its nested lists."""
        if text:
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
        style = dict(style)
        if tag == "strong":
            style["bold"] = True
        elif tag == "em":
            style["italic"] = True
        elif tag == "code":
            style["mono"] = True
        elif tag == "a":
            style["href"] = el.get("href")
        elif tag == "br":
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
        if style.get("href"):
            run.hyperlink.address = style["href"]

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
        row_h = Emu(int(Pt(TABLE_FONT_PT) * 2.1))
        shape = slide.shapes.add_table(n_rows, n_cols, left, top, width, Emu(row_h * n_rows))
        table = shape.table
        widths = (0.22, 0.64, 0.14)
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
        gap = Emu(Pt(8))
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
        row_h = Emu(int(Pt(TABLE_FONT_PT) * 2))
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
