"""The handouts as editable Word documents (python-docx), for officers who edit and re-brand them.

Real Word structure throughout: the Title and Heading 1-3 styles (no skipped levels), List
Bullet / List Number styles with their nesting levels, tables with a repeating header row,
real hyperlinks, and named paragraph styles (Handout Label, Timing, Content Note…) so a
house style is one edit of a style. The content is that of the HTML handouts, from the same
element trees.
"""

from __future__ import annotations

import hashlib
import io
import re

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from .inline import inline_style
from ..links import safe_href
from .base import Renderer, RenderOptions, build_time, long_date, minutes_text, normalise_zip

NAVY, TEAL, RED = "0B3C5D", "00756A", "8A1C13"
BODY_FONT, MONO_FONT = "Arial", "Courier New"
MAX_LIST_LEVEL = 3  # Word's List Bullet 3 / List Number 3
PICTURE_WIDTH_CM = 14
WHITESPACE = re.compile(r"\s+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _DocxHandout(Renderer):
    facilitator = False
    default = False  # built when asked for with --format

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        return _Writer(resolved, self.facilitator).write()


class FacilitatorDocx(_DocxHandout):
    name = "facilitator-docx"
    suffix = "-facilitator.docx"
    description = "facilitator handout as an editable Word document"
    facilitator = True


class ParticipantDocx(_DocxHandout):
    name = "participant-docx"
    suffix = "-participant.docx"
    description = "participant handout as an editable Word document"


class _Writer:
    """Writes one handout into a python-docx Document."""

    def __init__(self, resolved: Resolved, facilitator: bool):
        import docx

        self.r, self.w, self.facilitator = resolved, resolved.workshop, facilitator
        self.doc = docx.Document()
        self.heading_level = 0  # the last heading level written (no level is ever skipped)
        self._bookmark_id = 0
        self._numbering = {}  # "List Number N" style -> its abstractNum id
        self._style_ids = {}  # style name -> style id

    # ---- the document ----
    def write(self) -> bytes:
        """The .docx bytes."""
        self._setup()
        self._cover()
        self._agenda()
        if self.facilitator:
            self._content_notes()
        for m in self.r.modules:
            self._module(m)
        self._references()
        self._support()
        self._properties()
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_zip(buf.getvalue(), build_time(self.r))

    def _setup(self) -> None:
        """A4 pages, the workshop's language, and the styles the handout uses."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt, RGBColor

        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(2)
        r_pr = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), self.w.language)
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = BODY_FONT, Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            styles[name].font.name = BODY_FONT  # instead of the theme's fonts:
            r_fonts = styles[name].element.rPr.find(qn("w:rFonts"))
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                r_fonts.attrib.pop(qn(attr), None)
            styles[name].font.color.rgb = RGBColor.from_string(NAVY)

        def add(name, kind=WD_STYLE_TYPE.PARAGRAPH, base="Normal"):
            style = styles.add_style(name, kind)
            style.base_style = styles[base]
            return style

        link = add("Hyperlink", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
        link.font.color.rgb, link.font.underline = RGBColor.from_string("0B57D0"), True
        label = add("Handout Label")
        label.font.bold, label.font.color.rgb = True, RGBColor.from_string(TEAL)
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_before = Pt(6)
        kicker = add("Organisation")
        kicker.font.bold, kicker.font.all_caps, kicker.font.color.rgb = True, True, RGBColor.from_string(TEAL)
        timing = add("Timing")
        timing.font.bold, timing.font.color.rgb = True, RGBColor.from_string("4A4A4A")
        note = add("Content Note")
        note.font.color.rgb = RGBColor.from_string(RED)
        footer = section.footer.paragraphs[0]
        footer.text = f"{self.w.title} · {self.r.audience.name} · {self.w.organisation}"
        footer.runs[0].font.size = Pt(8)

    def _properties(self) -> None:
        props = self.doc.core_properties
        when = build_time(self.r)
        props.title = self.w.title
        props.subject = f"{self._kind()}: {self.r.audience.name}"
        props.author = props.last_modified_by = self.w.organisation
        props.language = self.w.language
        props.keywords = f"workshop; handout; {self.r.audience.id}"
        props.comments = "Built with workshop-builder"
        props.category = self._kind()
        props.created = props.modified = props.last_printed = when
        props.revision = 1

    def _kind(self) -> str:
        return "Facilitator handout" if self.facilitator else "Participant handout"

    # ---- headings, paragraphs, bookmarks ----
    def heading(self, text: str, level: int, bookmark: str = ""):
        """A Heading 1-3 paragraph, never more than one level below the last heading."""
        level = max(1, min(level, self.heading_level + 1, 9))
        self.heading_level = level
        para = self.para(style=f"Heading {level}")
        if text:
            para.add_run(text)
        if bookmark:
            self._bookmark(para, bookmark)
        return para

    def para(self, text: str = "", style: str = None):
        """A new paragraph in a named style (set by id: python-docx's lookup by name is slow)."""
        para = self.doc.add_paragraph()
        if style:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            para._p.get_or_add_pPr().style = self._style_ids[style]
        if text:
            para.add_run(text)
        return para

    def _bookmark(self, para, name: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self._bookmark_id += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self._bookmark_id))
        para._p.insert(1 if para._p.pPr is not None else 0, start)
        para._p.append(end)

    # ---- sections ----
    def _cover(self) -> None:
        from docx.shared import Cm

        w, r = self.w, self.r
        edition = getattr(r, "edition", None)
        if edition is not None and edition.logo:
            shape = self.para().add_run().add_picture(str(edition.logo), height=Cm(1.6))
            shape._inline.docPr.set("descr", f"{edition.name} logo")
        local = edition is not None and edition.id != "national"
        self.para(w.organisation + (f" · {edition.name}" if local else ""), "Organisation")
        self.para(w.title, "Title")
        if w.subtitle:
            self.para(w.subtitle, "Subtitle")
        kind = self.para(style="Handout Label")
        kind.add_run(self._kind())
        facts = [("Audience", r.audience.name), ("Date", long_date(w.date))]
        if r.agenda:
            facts.append(("Time", f"{r.agenda[0].start_text}–{r.agenda[-1].end_text} ({r.total_minutes} minutes)"))
        for name, value in facts:
            para = self.para()
            para.add_run(f"{name}: ")
            para.add_run(value).bold = True

    def _agenda(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        r = self.r
        self.heading("Agenda", 1)
        if self.facilitator:
            rows = [["Start", "End", "Session", "Minutes"]]
            for item in r.agenda:
                rows.append([item.start_text, item.end_text, (item.title, item), str(item.minutes)])
            rows.append([f"Total (slot: {r.audience.minutes} minutes)", "", "", str(r.total_minutes)])
            table = self.table(rows, widths=(2, 2, 11, 2), footer=True)
            for row in table.rows:
                row.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            total = table.cell(len(rows) - 1, 0).merge(table.cell(len(rows) - 1, 2))
            for extra in total.paragraphs[1:]:  # merging keeps the empty cells' paragraphs
                extra._p.getparent().remove(extra._p)
        else:
            rows = [["Time", "Session"]] + [[f"{i.start_text}–{i.end_text}", i.title] for i in r.agenda]
            self.table(rows, widths=(3.5, 13.5))
            self.para("Some sessions discuss abuse and exploitation of children and adults. Look after "
                      "yourself: you can step out at any time, and the support section at the end lists who "
                      "can help.")

    def _content_notes(self) -> None:
        notes = [m for m in self.r.modules if m.module.content_note]
        if not notes:
            return
        self.heading("Content notes", 1)
        self.para("Some of this material may distress participants, including people with their own "
                  "experience of abuse or exploitation. Say at the start what is coming, that people may "
                  "step out at any time, and where support is. Give these notes before each session:")
        for m in notes:
            para = self.para(style="List Bullet")
            para.add_run(m.title).bold = True
            para.add_run(f" ({m.agenda.start_text}): {m.module.content_note}")

    def _module(self, m) -> None:
        mid = m.module.id
        self.heading(m.title, 1, bookmark=_bookmark_name(mid))
        if self.facilitator:
            self.para(f"{m.agenda.start_text}–{m.agenda.end_text} · {minutes_text(m.minutes)}", "Timing")
            if m.module.content_note:
                para = self.para(style="Content Note")
                para.add_run("Content note: ").bold = True
                para.add_run(m.module.content_note)
        if m.module.outcomes:
            lead = "By the end, participants can:" if self.facilitator else "In this session you will:"
            self.para(lead, "Handout Label")
            for outcome in m.module.outcomes:
                self.para(outcome, "List Bullet")
        intro = m.intro if self.facilitator else [b for b in m.intro if b.kind == "body"]
        self.blocks(intro, mid)
        for s in m.slides:
            if self.facilitator:
                self._facilitator_slide(m, s)
            elif s.body or s.handout:
                self._participant_slide(m, s)

    def _facilitator_slide(self, m, s) -> None:
        mid = m.module.id
        if s.kind == "activity":
            self.heading(f"Activity: {s.title} ", 2).add_run(f"({minutes_text(s.minutes)})").bold = False
            self.blocks(s.body, mid)
            label = "Facilitator guidance"
        else:
            if s.kind == "content" or (s.title != m.title and (s.body or s.notes or s.handout)):
                self.heading(s.title, 2)
            self.blocks(s.body, mid)
            label = "What to say"
        if s.notes:
            self.para(label, "Handout Label")
            self.blocks(s.notes, mid)
        self.blocks(s.handout, mid)

    def _participant_slide(self, m, s) -> None:
        if s.kind == "activity":
            self.heading(f"Activity: {s.title}", 2)
        elif s.kind == "content" or s.title != m.title:
            self.heading(s.title, 2)
        self.blocks(s.body, m.module.id)
        self.blocks(s.handout, m.module.id)

    def _references(self) -> None:
        if not self.r.references:
            return
        self.heading("References", 1)
        numbering = self._new_numbering("List Number")
        for ref in self.r.references:
            src = ref.source
            para = self.para(style="List Number")
            self._number(para, numbering, 0)
            self._bookmark(para, f"ref_{ref.number}")
            para.add_run(f"{src.publisher} ({src.year or 'n.d.'}). ")
            para.add_run(src.title).italic = True
            para.add_run(".")
            if src.url:
                para.add_run(" ")
                self._link_run(para, src.url, src.url)

    def _support(self) -> None:
        self.heading("Support and contacts", 1)
        self.para("If anything in this workshop has affected you, or you are worried about a child or an "
                  "adult, these services can help. If someone is in immediate danger, call 999.")
        contacts = getattr(self.r, "contacts", self.w.support)  # the edition's local contacts first
        rows = [["Service", "Contact", "What it is for"]] + [[c.name, c, c.description] for c in contacts]
        table = self.table(rows, widths=(4.5, 5, 7.5))
        for row, contact in zip(table.rows[1:], contacts):
            para = row.cells[0].paragraphs[0]
            for run in para.runs:
                run.bold = True
            if getattr(contact, "role", ""):
                para.add_run().add_break()
                para.add_run(contact.role).italic = True

    # ---- tables ----
    def table(self, rows, widths, footer: bool = False):
        """A table with a repeating, shaded header row; cells are text, a contact or (title, agenda item)."""
        from docx.shared import Cm

        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)
        for row, values in zip(table.rows, rows):
            for cell, value, width in zip(row.cells, values, widths):
                cell.width = Cm(width)
                para = cell.paragraphs[0]
                if isinstance(value, tuple):
                    self._agenda_cell(para, *value)
                elif hasattr(value, "phone"):
                    self._contact_cell(para, value)
                else:
                    para.add_run(value)
        self._header_row(table.rows[0])
        if footer:
            last = table.rows[-1]
            for cell in last.cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        return table

    def _header_row(self, row) -> None:
        """Mark a row as the header: repeated on each page, shaded, bold white text."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import RGBColor

        tr_pr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)
        for cell in row.cells:
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), NAVY)
            cell._tc.get_or_add_tcPr().append(shd)
            for run in cell.paragraphs[0].runs:
                run.bold = True
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    def _agenda_cell(self, para, title: str, item) -> None:
        if item.module_id:
            self._link_run(para, title, anchor=_bookmark_name(item.module_id))
        else:
            para.add_run(title).italic = True
        if item.content_note:
            flag = para.add_run(" [content note]")
            flag.font.color.rgb = _rgb(RED)

    def _contact_cell(self, para, contact) -> None:
        parts = []
        if contact.phone:
            parts.append((contact.phone, "tel:" + contact.phone.replace(" ", "")))
        if contact.url:
            parts.append((contact.url.replace("https://", "").replace("www.", ""), contact.url))
        if getattr(contact, "email", ""):
            parts.append((contact.email, f"mailto:{contact.email}"))
        for i, (text, url) in enumerate(parts):
            if i:
                para.add_run().add_break()
            self._link_run(para, text, url)
        if contact.hours:
            if parts:
                para.add_run().add_break()
            para.add_run(contact.hours).italic = True

    # ---- element trees (the same ones the HTML handout walks) ----
    def blocks(self, blocks, module_id: str) -> None:
        """Every element of a list of Blocks of one module."""
        for block in blocks:
            if block.tree.text and block.tree.text.strip():
                self.para(block.tree.text.strip())
            for el in block.tree:
                self.element(el, module_id)

    def element(self, el, module_id: str, style: str = None) -> None:
        """One block-level element."""
        tag = el.tag
        if tag in ("ul", "ol"):
            self._list(el, module_id, 1)
        elif tag == "table":
            self._md_table(el, module_id)
        elif tag == "blockquote":
            for child in el:
                self.element(child, module_id, style="Quote")
        elif tag == "div":
            for child in el:
                self.element(child, module_id, style)
        elif tag[0] == "h" and tag[1:].isdigit():
            self.inline(self.heading("", int(tag[1:])), el, module_id)
        elif tag == "pre":
            para = self.para(style=style)
            for n, line in enumerate("".join(el.itertext()).rstrip("\n").split("\n")):
                run = para.add_run(line)
                run.font.name = MONO_FONT
                if n:
                    run._r.addprevious(_break())
        elif tag == "hr":
            return
        else:  # p and anything else: a paragraph of inline content
            para = self.para(style=style)
            self.inline(para, el, module_id)

    def _list(self, el, module_id: str, level: int) -> None:
        """A bulleted or numbered list at a nesting level (1 = List Bullet, 2 = List Bullet 2…)."""
        level = min(level, MAX_LIST_LEVEL)
        base = "List Number" if el.tag == "ol" else "List Bullet"
        style = base if level == 1 else f"{base} {level}"
        numbering = self._new_numbering(style) if el.tag == "ol" else None
        for li in el.findall("li"):
            para = self.para(style=style)
            if numbering is not None:
                self._number(para, numbering, 0)
            self._inline_text(para, li.text, module_id)
            first = True
            for child in li:
                if child.tag in ("ul", "ol"):
                    self._list(child, module_id, level + 1)
                elif child.tag == "p":
                    if not first or _has_content(para):
                        cont = "List Continue" if level == 1 else f"List Continue {level}"
                        para = self.para(style=cont)
                    self.inline(para, child, module_id)
                else:
                    self.inline_element(para, child, module_id, {})
                    self._inline_text(para, child.tail, module_id)
                first = False

    def _new_numbering(self, style: str) -> int:
        """A fresh numbering instance of a List Number style, restarting at 1."""
        numbering = self.doc.part.numbering_part.element
        if style not in self._numbering:
            num_id = self.doc.styles[style].element.pPr.numPr.numId.val
            self._numbering[style] = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(self._numbering[style])
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _number(self, para, num_id: int, ilvl: int) -> None:
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id

    def _md_table(self, el, module_id: str) -> None:
        """A Markdown table: header row (repeated on each page) and body rows."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        rows = list(el.iter("tr"))
        if not rows:
            return
        n_cols = max(len(list(tr)) for tr in rows)
        table = self.doc.add_table(rows=len(rows), cols=n_cols)
        table.style = self.doc.styles["Table Grid"]
        for row, tr in zip(table.rows, rows):
            for cell, cell_el in zip(row.cells, list(tr)[:n_cols]):
                para = cell.paragraphs[0]
                self.inline(para, cell_el, module_id)
                align = cell_el.get("style", "").replace("text-align:", "").strip().rstrip(";").strip()
                if align in ("center", "right"):
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
        if list(rows[0]) and rows[0][0].tag == "th":
            self._header_row(table.rows[0])
        self.para()  # Word runs a table into the next one without a paragraph between

    # ---- inline content ----
    def inline(self, para, el, module_id: str, style: dict = None) -> None:
        """An element's inline content (text, children and their tails) into a paragraph."""
        style = style or {}
        self._inline_text(para, el.text, module_id, style)
        for child in el:
            self.inline_element(para, child, module_id, style)
            self._inline_text(para, child.tail, module_id, style)

    def inline_element(self, para, el, module_id: str, style: dict) -> None:
        tag = el.tag
        style = inline_style(el, style)
        if tag == "br":
            para.add_run().add_break()
            return
        elif tag == "cite":
            numbers = self.r.cite_numbers(module_id, el.get("keys", "").split())
            if numbers:
                self._run(para, "[", {"superscript": True})
                for i, n in enumerate(numbers):
                    if i:
                        self._run(para, ", ", {"superscript": True})
                    self._run(para, str(n), {"superscript": True, "anchor": f"ref_{n}"})
                self._run(para, "]", {"superscript": True})
            return
        elif tag == "img":
            self._picture(para, el)
            return
        self.inline(para, el, module_id, style)

    def _inline_text(self, para, text, module_id: str, style: dict = None) -> None:
        if text and (text.strip() or _has_content(para)):
            self._run(para, text, style or {})

    def _run(self, para, text: str, style: dict):
        run = para.add_run(WHITESPACE.sub(" ", text))  # as a browser shows it: no line breaks
        if style.get("bold"):
            run.bold = True
        if style.get("italic"):
            run.italic = True
        if style.get("mono"):
            run.font.name = MONO_FONT
        if style.get("superscript"):
            run.font.superscript = True
        if style.get("href") or style.get("anchor"):
            run._r.get_or_add_rPr().style = "Hyperlink"
            self._wrap_link(para, run, style.get("href"), style.get("anchor"))
        return run

    def _link_run(self, para, text: str, url: str = None, anchor: str = None):
        return self._run(para, text, {"href": url, "anchor": anchor})

    def _wrap_link(self, para, run, url, anchor) -> None:
        """Move a run into a w:hyperlink: an external address, or a bookmark in this document."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        url = safe_href(url) if url else None  # the last gate: only http, https, mailto, tel
        if not url and not anchor:
            return
        link = OxmlElement("w:hyperlink")
        if url:
            link.set(qn("r:id"), para.part.relate_to(url, RT.HYPERLINK, is_external=True))
        else:
            link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        run._r.addprevious(link)
        link.append(run._r)

    def _picture(self, para, img) -> None:
        from docx.shared import Cm

        path = img.get("path")
        alt = img.get("alt", "")
        if not path:
            self._run(para, alt, {"italic": True})
            return
        shape = para.add_run().add_picture(path)
        if shape.width > Cm(PICTURE_WIDTH_CM):
            ratio = Cm(PICTURE_WIDTH_CM) / shape.width
            shape.width, shape.height = Cm(PICTURE_WIDTH_CM), int(shape.height * ratio)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("name", f"Picture: {alt[:40]}")


def _has_content(para) -> bool:
    """Whether a paragraph holds any run yet (hyperlinked runs included)."""
    return any(child.tag in (W + "r", W + "hyperlink") for child in para._p)


def _bookmark_name(ident: str) -> str:
    """A Word bookmark name (letters, digits and _; at most 40 characters) for an id."""
    name = "m_" + re.sub(r"[^A-Za-z0-9_]", "_", ident)
    return name if len(name) <= 40 else name[:29] + "_" + hashlib.sha1(ident.encode()).hexdigest()[:10]


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def _break():
    from docx.oxml import OxmlElement

    return OxmlElement("w:br")
