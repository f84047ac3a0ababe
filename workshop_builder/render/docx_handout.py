"""The handouts as editable Word documents (python-docx), for officers who edit and re-brand them.

Real Word structure throughout: the Title and Heading 1-3 styles (no skipped levels), List
Bullet / List Number styles with their nesting levels, tables with a repeating header row,
real hyperlinks, and named paragraph styles (Handout Label, Timing, Content Note…) so a
house style is one edit of a style. The content is the handout model the HTML handouts
render (`handout_model.build_handout`): this file only translates it to python-docx.

The slide vocabulary: a chart is a picture (svg.py's chart_png) with the chart's description
as its alt text, its source line and its data table (a caption, a repeating header row); a
diagram is a picture (diagram_png) and its steps as a numbered list; big numbers are large
bold figures with their label and citation; columns and several big numbers sit side by side
in a borderless table; a quotation is in the Quote style with its attribution under it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from ..links import safe_href
from ..phone_numbers import keep_numbers_together
from . import handout_wording as say
from .base import Renderer, RenderOptions, build_time, normalise_zip
from .code_colours import SHADING as CODE_SHADING
from .handout_model import (
    BulletList,
    ChartBlock,
    Citation,
    CodeBlock,
    ColumnsBlock,
    ContentNotes,
    DiagramBlock,
    FootnoteRef,
    Handout,
    Heading,
    LineBreak,
    Paragraph,
    Picture,
    QuotationBlock,
    Quote,
    References,
    Rule,
    Run,
    StatsBlock,
    Table,
    build_handout,
)
from .page_furniture import FOOT_SIZE_PT, PAGE_OF, running_head

NAVY, TEAL, RED = "0B3C5D", "00756A", "8A1C13"
BODY_FONT, MONO_FONT = "Arial", "Courier New"
MAX_LIST_LEVEL = 3  # Word's List Bullet 3 / List Number 3
MAX_START = 32767  # the largest list start a numbering override can hold that Word and LibreOffice show
PICTURE_WIDTH_CM = 14
CHART_WIDTH_CM = 15
VOCABULARY = (ChartBlock, DiagramBlock, StatsBlock, ColumnsBlock, QuotationBlock)
TEXT_WIDTH_CM = 17  # A4 less the 2 cm margins
WHITESPACE = re.compile(r"\s+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _DocxHandout(Renderer):
    facilitator = False
    default = False  # built when asked for with --format

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        return write_docx(build_handout(resolved, self.facilitator), build_time(resolved))


def write_docx(handout: Handout, when: dt.datetime) -> bytes:
    """The .docx bytes of a handout model, stamped with the build time."""
    return _Writer(handout, when).write()


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
    """Writes one handout model into a python-docx Document."""

    def __init__(self, handout: Handout, when: dt.datetime):
        import docx

        self.h, self.when = handout, when
        self.doc = docx.Document()
        self.heading_level = 0  # the last heading level written (no level is ever skipped)
        self._bookmark_id = 0
        self._numbering: dict = {}  # "List Number N" style -> its abstractNum id
        self._style_ids: dict = {}  # style name -> style id
        self.last_para: Any = None  # the paragraph written last
        self._label_last = False  # whether that paragraph is a label (Handout Label style)
        self.container = self.doc  # where paragraphs and tables go: the body, or a layout table's cell
        self._vocabulary = False  # whether the slide vocabulary's styles are in the document yet

    # ---- the document ----
    def write(self) -> bytes:
        """The .docx bytes."""
        h = self.h
        self._setup()
        self._cover()
        self._agenda()
        if h.content_notes:
            self._content_notes(h.content_notes)
        for m in h.modules:
            self._module(m)
        if h.references:
            self._references(h.references)
        self._support()
        self._properties()
        _keep_numbers_together(self.doc.element.body)
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_zip(buf.getvalue(), self.when)

    def _setup(self) -> None:
        """A4 pages, the workshop's language, and the styles the handout uses."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt, RGBColor

        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)  # room for the running head
        section.header_distance = section.footer_distance = Cm(1)
        r_pr = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), self.h.language)
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
        self._page_furniture(section)

    def _page_furniture(self, section) -> None:
        """The running head (workshop; audience and kind, not on the cover) and a footer with the
        organisation and "Page X of Y" (PAGE and NUMPAGES fields) on every page."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Cm, Pt, RGBColor

        section.different_first_page_header_footer = True
        before, between = PAGE_OF
        grey, size = RGBColor.from_string("4A4A4A"), Pt(FOOT_SIZE_PT)
        left, right = running_head(self.h)
        for name in ("Header", "Footer"):  # one right-aligned tab stop at the margin, not the template's two
            tab_stops = self.doc.styles[name].paragraph_format.tab_stops
            tab_stops.clear_all()
            tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        for part, pieces in ((section.header, (left, "\t", right)),
                             (section.footer, (self.h.organisation, "\t", before, "PAGE", between, "NUMPAGES")),
                             (section.first_page_footer, ("\t", before, "PAGE", between, "NUMPAGES"))):
            para = part.paragraphs[0]
            for piece in pieces:
                runs = _field(para, piece) if piece in ("PAGE", "NUMPAGES") else [para.add_run(piece)]
                for run in runs:
                    run.font.size, run.font.color.rgb = size, grey

    def _vocabulary_styles(self) -> None:
        """The styles of the slide vocabulary's blocks, added when the first one is written (so a
        handout without them keeps its styles as they were)."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        if self._vocabulary:
            return
        self._vocabulary = True
        styles = self.doc.styles

        def add(name, base="Normal"):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            return style

        figure = add("Big Number")
        figure.font.size, figure.font.bold, figure.font.color.rgb = Pt(30), True, RGBColor.from_string(NAVY)
        figure.paragraph_format.space_after = Pt(0)
        figure.paragraph_format.keep_with_next = True
        label = add("Big Number Label")
        label.font.size = Pt(12)
        label.paragraph_format.space_after = Pt(2)
        label.paragraph_format.keep_with_next = True
        source = add("Source")
        source.font.size, source.font.color.rgb = Pt(9), RGBColor.from_string("4A4A4A")
        caption = styles["Caption"]  # a chart's data table's caption: the default light blue is too pale
        caption.font.color.rgb, caption.font.size = RGBColor.from_string(NAVY), Pt(10)
        caption.paragraph_format.keep_with_next = True
        attribution = add("Quote Attribution", base="Quote")
        attribution.font.italic = False
        attribution.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _properties(self) -> None:
        """The document properties: title, subject, author, language, dates."""
        h, props = self.h, self.doc.core_properties
        props.title = h.title
        props.subject = say.WORD_SUBJECT.format(kind=h.kind, audience=h.audience_name)
        props.author = props.last_modified_by = h.organisation
        props.language = h.language
        props.keywords = say.WORD_KEYWORDS.format(audience_id=h.audience_id)
        props.comments = say.WORD_COMMENTS
        props.category = h.kind
        props.created = props.modified = props.last_printed = self.when
        props.revision = 1

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

    def para(self, text: str = "", style: Optional[str] = None):
        """A new paragraph in a named style (set by id: python-docx's lookup by name is slow)."""
        after_label = self.last_para is not None and self._label_last
        para = self.last_para = self.container.add_paragraph()
        self._label_last = style == "Handout Label"
        if after_label and not self._label_last:
            # the first paragraph under a label ("What to say") may leave one line at a page's foot:
            # with orphan control LibreOffice leaves the label alone there instead of moving it
            para.paragraph_format.widow_control = False
        if style:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            para._p.get_or_add_pPr().style = self._style_ids[style]
        if text:
            para.add_run(text)
        return para

    def _bookmark(self, para, name: str) -> None:
        """Put a named bookmark around a paragraph."""
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
        """The cover: logo, organisation, title, subtitle, kind of handout and facts."""
        from docx.shared import Cm

        cover = self.h.cover
        if cover.logo is not None:
            shape = self.para().add_run().add_picture(cover.logo.path, height=Cm(1.6))
            shape._inline.docPr.set("descr", cover.logo.alt)
        self.para(cover.organisation, "Organisation")
        self.para(cover.title, "Title")
        if cover.subtitle:
            self.para(cover.subtitle, "Subtitle")
        kind = self.para(style="Handout Label")
        kind.add_run(cover.kind)
        for fact in cover.facts:
            para = self.para()
            para.add_run(f"{fact.label}: ")
            para.add_run(fact.value).bold = True

    def _agenda(self) -> None:
        """The agenda table (with a merged total row for facilitators) and its note."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        agenda = self.h.agenda
        self.heading(agenda.heading, 1)
        columns = [c.label for c in agenda.columns]
        if self.h.facilitator:
            rows = [columns]
            for row in agenda.rows:
                rows.append([row.start, row.end, (row.title, row), str(row.minutes)])
            rows.append([agenda.total_label, "", "", str(agenda.total_minutes)])
            table = self.table(rows, widths=(2, 2, 11, 2), footer=True)
            for row in table.rows:
                row.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            total = table.cell(len(rows) - 1, 0).merge(table.cell(len(rows) - 1, 2))
            for extra in total.paragraphs[1:]:  # merging keeps the empty cells' paragraphs
                extra._p.getparent().remove(extra._p)
        else:
            rows = [columns] + [[row.time, row.title] for row in agenda.rows]
            self.table(rows, widths=(3.5, 13.5))
            self.para(agenda.note)

    def _content_notes(self, notes: ContentNotes) -> None:
        """The facilitator's content notes as a bulleted list."""
        self.heading(notes.heading, 1)
        self.para(notes.intro)
        for item in notes.items:
            para = self.para(style="List Bullet")
            para.add_run(item.title).bold = True
            para.add_run(f" ({item.start}): {item.note}")

    def _module(self, m) -> None:
        """One module section: heading with a bookmark, timing, content note, outcomes, slides."""
        self.heading(m.title, 1, bookmark=_bookmark_name(m.id))
        if m.timing:
            self.para(m.timing, "Timing")
        if m.content_note:
            para = self.para(style="Content Note")
            para.add_run(f"{m.content_note_label} ").bold = True
            para.add_run(m.content_note)
        if m.outcomes:
            self.para(m.outcomes_lead, "Handout Label")
            for outcome in m.outcomes:
                self.para(outcome, "List Bullet")
        self.blocks(m.intro)
        for s in m.slides:
            self._slide(s)
        if getattr(m, "footnotes", ()):
            self._footnotes(m)

    def _footnotes(self, m) -> None:
        """A module's footnotes under their label, each numbered and bookmarked for its references."""
        self.para(m.footnotes_heading, "Handout Label")
        for note in m.footnotes:
            first = True
            for block in note.blocks:
                if first and isinstance(block, Paragraph):
                    para = self.para()
                    self._bookmark(para, _footnote_bookmark(note.module_id, note.number))
                    self._run(para, f"{note.number}. ", {})
                    self.inline(para, block.runs)
                else:
                    self.block(block)
                first = False

    def _slide(self, s) -> None:
        """One slide's heading, body, labelled notes and handout text."""
        if s.minutes:  # a facilitator's activity: its minutes after the heading, not bold
            self.heading(f"{s.heading} ", 2).add_run(s.minutes).bold = False
        elif s.heading is not None:
            self.heading(s.heading, 2)
        self.blocks(s.body)
        if s.notes:
            self.para(s.notes_label, "Handout Label")
            self.blocks(s.notes)
        self.blocks(s.handout)

    def _references(self, refs: References) -> None:
        """The numbered reference list, each entry bookmarked for citations to link to."""
        self.heading(refs.heading, 1)
        numbering = self._new_numbering("List Number")
        for ref in refs.items:
            para = self.para(style="List Number")
            self._number(para, numbering, 0)
            self._bookmark(para, f"ref_{ref.number}")
            para.add_run(f"{ref.credit} ({ref.year}). ")
            para.add_run(ref.title).italic = True
            para.add_run(".")
            if ref.url:
                para.add_run(" ")
                self._link_run(para, ref.url, ref.url)

    def _support(self) -> None:
        """The support contacts table."""
        support = self.h.support
        self.heading(support.heading, 1)
        self.para(support.intro)
        rows = [list(support.columns)] + [[c.name, c, c.description] for c in support.contacts]
        table = self.table(rows, widths=(4.5, 5, 7.5))
        for row in table.rows[:-1]:  # the contacts stay on one page: each row kept with the next
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
        for row, contact in zip(table.rows[1:], support.contacts):
            para = row.cells[0].paragraphs[0]
            for run in para.runs:
                run.bold = True
            if contact.role:
                para.add_run().add_break()
                para.add_run(contact.role).italic = True

    # ---- tables ----
    def table(self, rows, widths, footer: bool = False):
        """A table with a repeating, shaded header row; cells are text, a contact or (title, agenda item)."""
        from docx.shared import Cm

        if self.last_para is not None:  # what leads into the table stays with its first rows
            self.last_para.paragraph_format.keep_with_next = True
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
                elif hasattr(value, "links"):
                    self._contact_cell(para, value)
                else:
                    para.add_run(value)
        self._header_row(table.rows[0])
        _rows_whole(table)
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

    def _agenda_cell(self, para, title: str, row) -> None:
        """An agenda session cell: a link to the module (or an italic break) and its flag."""
        if row.module_id:
            self._link_run(para, title, anchor=_bookmark_name(row.module_id))
        else:
            para.add_run(title).italic = True
        if row.content_note:
            flag = para.add_run(say.WORD_AGENDA_CONTENT_NOTE)
            flag.font.color.rgb = _rgb(RED)

    def _contact_cell(self, para, contact) -> None:
        """A contact's links, one a line, then its hours in italics."""
        for i, link in enumerate(contact.links):
            if i:
                para.add_run().add_break()
            self._link_run(para, link.text, link.href)
        if contact.hours:
            if contact.links:
                para.add_run().add_break()
            para.add_run(contact.hours).italic = True

    # ---- the model's blocks ----
    def blocks(self, fragments) -> None:
        """Every block of a tuple of Fragments."""
        for fragment in fragments:
            for block, following in zip(fragment.blocks, fragment.blocks[1:] + (None,)):
                self.block(block)
                if type(block) is Paragraph and isinstance(following, (BulletList, Table)):
                    self.last_para.paragraph_format.keep_with_next = True  # a lead-in stays with what it leads

    def block(self, block, style: Optional[str] = None) -> None:
        """One block (style: the paragraph style inside a quotation)."""
        if isinstance(block, BulletList):
            self._list(block, 1)
        elif isinstance(block, Table):
            self._md_table(block)
        elif isinstance(block, Quote):
            for child in block.blocks:
                self.block(child, style="Quote")
        elif isinstance(block, Heading):
            self.inline(self.heading("", block.level), block.runs)
        elif isinstance(block, CodeBlock):
            self._code(block, style)
        elif isinstance(block, Rule):
            return
        elif isinstance(block, VOCABULARY) and not self._vocabulary:
            self._vocabulary_styles()
            self.block(block, style)
        elif isinstance(block, ChartBlock):
            self._chart(block)
        elif isinstance(block, DiagramBlock):
            self._diagram(block)
        elif isinstance(block, StatsBlock):
            self._side_by_side([lambda item=item: self._stat(item) for item in block.items])
        elif isinstance(block, ColumnsBlock):
            self._side_by_side([lambda column=column, n=n: self._column(column, block.tone(n))
                                for n, column in enumerate(block.columns)])
        elif isinstance(block, QuotationBlock):
            for child in block.blocks:
                self.block(child, style="Quote")
            para = self.para("\u2014 ", "Quote Attribution")
            self.inline(para, block.attribution)
        else:  # a paragraph of inline content
            para = self.para(style=style)
            self.inline(para, block.runs)

    # ---- the slide vocabulary ----
    def _chart(self, block: ChartBlock) -> None:
        """A chart: its picture (the description as alt text), its source line and its data table."""
        from dataclasses import replace

        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        from .svg import chart_png, chart_table_rows

        chart = block.chart
        para = self.para()
        para.paragraph_format.keep_with_next = True
        shape = para.add_run().add_picture(io.BytesIO(chart_png(replace(chart, citation=""))), width=Cm(CHART_WIDTH_CM))
        shape._inline.docPr.set("descr", chart.description)
        shape._inline.docPr.set("name", f"Chart: {(chart.title or chart.kind)[:40]}")
        if chart.citation:
            source = self.para(chart.citation, "Source")
            self._citation(source, block.numbers)
        caption = say.CHART_TABLE_CAPTION.format(title=chart.title or say.CHART_UNTITLED)
        if chart.unit and chart.unit != "%":
            caption += say.CHART_TABLE_UNIT.format(unit=chart.unit)
        self.para(caption, "Caption").paragraph_format.keep_with_next = True
        rows = chart_table_rows(chart)
        table = self.container.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.doc.styles["Table Grid"]
        first = min(5.0, TEXT_WIDTH_CM / len(rows[0]))
        _widths(table, [first] + [min(3.5, (TEXT_WIDTH_CM - first) / (len(rows[0]) - 1))] * (len(rows[0]) - 1))
        for r, (row, values) in enumerate(zip(table.rows, rows)):
            for c, (cell, value) in enumerate(zip(row.cells, values)):
                para = cell.paragraphs[0]
                para.add_run(value)
                para.paragraph_format.keep_with_next = r + 1 < len(rows)  # the table stays on one page
                if c:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._header_row(table.rows[0])
        _rows_whole(table)
        self.para()  # Word runs a table into the next one without a paragraph between

    def _diagram(self, block: DiagramBlock) -> None:
        """A diagram: its picture (the steps in words as alt text), then its steps, numbered (a cycle
        says it goes back to the first)."""
        from docx.shared import Cm

        from .svg import diagram_png

        diagram = block.diagram
        para = self.para()
        para.paragraph_format.keep_with_next = True
        shape = para.add_run().add_picture(io.BytesIO(diagram_png(diagram)), width=Cm(CHART_WIDTH_CM))
        shape._inline.docPr.set("descr", diagram.description)
        shape._inline.docPr.set("name", f"Diagram: {(diagram.name or diagram.kind)[:40]}")
        numbering = self._new_numbering("List Number")
        for step in diagram.steps:
            self._number(self.para(step, "List Number"), numbering, 0)
        if diagram.kind == "cycle" and diagram.steps:
            self.para(say.CYCLE_RETURN.format(first=diagram.steps[0]))

    def _stat(self, item) -> None:
        """One big number: the figure, its label and its citation."""
        stat = item.stat
        self.para(stat.figure, "Big Number")
        self.para(stat.label, "Big Number Label")
        if stat.citation or item.numbers:
            source = self.para(stat.citation, "Source")
            self._citation(source, item.numbers)

    def _column(self, blocks, tone: str = "") -> None:
        """One column's blocks (a column's heading as a bold paragraph: a layout cell holds no heading);
        a toned column's heading in its tone's colour, with a bar of that colour down the cell's left."""
        from ..visuals import TONE_RGB

        for block in blocks:
            if isinstance(block, Heading):
                para = self.para(style="Handout Label")
                self.inline(para, block.runs)
                for run in para.runs if tone else ():
                    run.font.color.rgb = _rgb(TONE_RGB[tone])
            else:
                self.block(block)
        if tone and hasattr(self.container, "_tc"):
            _left_bar(self.container, TONE_RGB[tone])

    def _side_by_side(self, writers: list) -> None:
        """Content side by side: one borderless table cell each (a single item goes in the text)."""
        if len(writers) == 1:
            writers[0]()
            return
        table = self.container.add_table(rows=1, cols=len(writers))
        _layout_table(table)
        _widths(table, [TEXT_WIDTH_CM / len(writers)] * len(writers))
        outer = self.container
        try:
            for cell, write in zip(table.rows[0].cells, writers):
                self.container = cell
                first = cell.paragraphs[0]
                write()
                if len(cell.paragraphs) > 1 and not _has_content(first):  # the cell's own empty paragraph
                    first._p.getparent().remove(first._p)
        finally:
            self.container = outer
        self.para()  # Word runs a table into the next one without a paragraph between

    def _code(self, block: CodeBlock, style: Optional[str] = None) -> None:
        """A code block: one shaded paragraph, monospaced and coloured, a line break per line."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = self.para(style=style)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), CODE_SHADING)
        para._p.get_or_add_pPr().append(shd)
        text_runs = [r for r in block.runs if isinstance(r, Run)]
        if text_runs and text_runs[-1].text.endswith("\n"):
            text_runs[-1] = Run(text_runs[-1].text.rstrip("\n"), mono=True, colour=text_runs[-1].colour)
        for run in text_runs:
            for n, line in enumerate(run.text.split("\n")):
                if n:
                    para.add_run().add_break()
                if line:
                    out = para.add_run(line)
                    out.font.name = MONO_FONT
                    if run.colour:
                        out.font.color.rgb = _rgb(run.colour)

    def _list(self, block, level: int) -> None:
        """A bulleted or numbered list at a nesting level (1 = List Bullet, 2 = List Bullet 2…)."""
        level = min(level, MAX_LIST_LEVEL)
        base = "List Number" if block.ordered else "List Bullet"
        style = base if level == 1 else f"{base} {level}"
        numbering = self._new_numbering(style, getattr(block, "start", 1)) if block.ordered else None
        for item in block.items:
            para = self.para(style=style)
            if numbering is not None:
                self._number(para, numbering, 0)
            self.inline(para, item.runs)
            first = True
            for child in item.children:
                if isinstance(child, BulletList):
                    self._list(child, level + 1)
                elif isinstance(child, (CodeBlock, Quote, Table)):
                    self.block(child)
                elif isinstance(child, Paragraph):
                    if not first or _has_content(para):
                        cont = "List Continue" if level == 1 else f"List Continue {level}"
                        para = self.para(style=cont)
                    self.inline(para, child.runs)
                else:  # a Span of inline content
                    self.inline(para, child.runs)
                first = False

    def _new_numbering(self, style: str, start: int = 1) -> int:
        """A fresh numbering instance of a List Number style, starting at start (kept within 1..32767)."""
        numbering = self.doc.part.numbering_part.element
        if style not in self._numbering:
            num_id = self.doc.styles[style].element.pPr.numPr.numId.val
            self._numbering[style] = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(self._numbering[style])
        num.add_lvlOverride(ilvl=0).add_startOverride(min(max(start, 1), MAX_START))
        return num.numId

    def _number(self, para, num_id: int, ilvl: int) -> None:
        """Put a paragraph in a numbering instance at a level."""
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id

    def _md_table(self, block) -> None:
        """A Markdown table: header row (repeated on each page) and body rows."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        rows = block.rows
        if not rows:
            return
        n_cols = max(len(row.cells) for row in rows)
        table = self.container.add_table(rows=len(rows), cols=n_cols)
        table.style = self.doc.styles["Table Grid"]
        for row, model_row in zip(table.rows, rows):
            for cell, model_cell in zip(row.cells, model_row.cells[:n_cols]):
                para = cell.paragraphs[0]
                self.inline(para, model_cell.runs)
                if model_cell.align in ("center", "right"):
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER if model_cell.align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
        if rows[0].cells and rows[0].cells[0].header:
            self._header_row(table.rows[0])
        _rows_whole(table)
        self.para()  # Word runs a table into the next one without a paragraph between

    # ---- inline content ----
    def inline(self, para, runs) -> None:
        """Inline items into a paragraph: runs, line breaks, citations and pictures."""
        for item in runs:
            if isinstance(item, Run):
                if item.text and (item.text.strip() or _has_content(para)):
                    self._run(para, item.text, {"bold": item.bold, "italic": item.italic, "mono": item.mono,
                                                "href": item.href})
            elif isinstance(item, LineBreak):
                para.add_run().add_break()
            elif isinstance(item, Citation):
                self._citation(para, item.numbers)
            elif isinstance(item, Picture):
                self._picture(para, item)
            elif isinstance(item, FootnoteRef):
                self._run(para, str(item.number), {"superscript": True,
                                                   "anchor": _footnote_bookmark(item.module_id, item.number)})

    def _citation(self, para, numbers) -> None:
        """A citation as superscript numbers linked to the reference list."""
        if numbers:
            self._run(para, "[", {"superscript": True})
            for i, n in enumerate(numbers):
                if i:
                    self._run(para, ", ", {"superscript": True})
                self._run(para, str(n), {"superscript": True, "anchor": f"ref_{n}"})
            self._run(para, "]", {"superscript": True})

    def _run(self, para, text: str, style: dict):
        """A run of text in a style (whitespace collapsed as a browser shows it)."""
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

    def _link_run(self, para, text: str, url: Optional[str] = None, anchor: Optional[str] = None):
        """A hyperlinked run: an address or a bookmark in this document."""
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

    def _picture(self, para, picture: Picture) -> None:
        """A picture no wider than the text (or its alt text when the file is missing)."""
        from docx.shared import Cm

        alt = picture.alt
        if not picture.path:
            self._run(para, alt, {"italic": True})
            return
        shape = para.add_run().add_picture(picture.path)
        if getattr(picture, "width", 0):  # the author's width, a share of the text width
            ratio = Cm(PICTURE_WIDTH_CM) * picture.width / shape.width
            shape.width, shape.height = int(shape.width * ratio), int(shape.height * ratio)
        elif shape.width > Cm(PICTURE_WIDTH_CM):
            ratio = Cm(PICTURE_WIDTH_CM) / shape.width
            shape.width, shape.height = Cm(PICTURE_WIDTH_CM), int(shape.height * ratio)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("name", f"Picture: {alt[:40]}")


def _widths(table, widths_cm) -> None:
    """Fixed column widths in centimetres (the grid and every cell, as Word and LibreOffice read them)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _layout_table(table) -> None:
    """Mark a table as layout only: no borders, no style's banding, fixed columns."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table.autofit = False  # python-docx writes w:tblLayout fixed in its place
    later = [tbl_pr.find(qn(tag)) for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")]
    after = next((el for el in later if el is not None), None)
    if after is not None:  # the schema's order: tblBorders before these
        after.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _left_bar(cell, hex_colour: str) -> None:
    """A thick bar of a colour down a table cell's left side (a cell border, so it grows with the cell)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "36"), ("space", "0"), ("color", hex_colour)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    later = [tc_pr.find(qn(f"w:{tag}")) for tag in ("shd", "noWrap", "tcMar", "textDirection", "tcFitText",
                                                     "vAlign", "hideMark")]
    after = next((el for el in later if el is not None), None)
    if after is not None:  # the schema's order: tcBorders after tcW, before these
        after.addprevious(borders)
    else:
        tc_pr.append(borders)


def _has_content(para) -> bool:
    """Whether a paragraph holds any run yet (hyperlinked runs included)."""
    return any(child.tag in (W + "r", W + "hyperlink") for child in para._p)


def _footnote_bookmark(module_id: str, number: int) -> str:
    """The bookmark of a module's footnote (distinct for every module id and number, at most 40 characters)."""
    return _bookmark_name(f"fn_{module_id}_{number}")


def _bookmark_name(ident: str) -> str:
    """A Word bookmark name (letters, digits and _; at most 40 characters) for an id; a longer one is
    shortened with a hash of the whole id, so ids sharing their first characters stay distinct."""
    name = "m_" + re.sub(r"[^A-Za-z0-9_]", "_", ident)
    return name if len(name) <= 40 else name[:29] + "_" + hashlib.sha1(ident.encode()).hexdigest()[:10]


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def _field(para, name: str) -> list:
    """A field (PAGE, NUMPAGES) as Word writes one: begin, instruction, separate, a result, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    runs = []
    for kind, text in (("begin", ""), ("", f" {name} "), ("separate", ""), ("", "1"), ("end", "")):
        run = para.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == name:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
        runs.append(run)
    return runs


def _rows_whole(table) -> None:
    """Mark every row of a table as one that never splits across pages (w:cantSplit)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    later = {qn(f"w:{n}") for n in ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del",
                                     "trPrChange")}
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is not None:
            continue
        following = next((i for i, child in enumerate(tr_pr) if child.tag in later), len(tr_pr))
        tr_pr.insert(following, OxmlElement("w:cantSplit"))


def _keep_numbers_together(element) -> None:
    """Join every phone number and short code in an element's text with no-break spaces."""
    from docx.oxml.ns import qn

    for text in element.iter(qn("w:t")):
        if text.text:
            text.text = keep_numbers_together(text.text)


def _break():
    from docx.oxml import OxmlElement

    return OxmlElement("w:br")
