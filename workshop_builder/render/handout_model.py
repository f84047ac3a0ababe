"""The handout as a typed model: sections of typed blocks, built once per workshop and audience.

`build_handout(resolved, facilitator)` is the one place that decides what a handout holds
and walks the Markdown element trees; the HTML handout (Jinja2 templates) and the Word
handout only render this model. Nothing here knows HTML or python-docx.

Blocks: Paragraph, Heading, BulletList (ListItem), Table (TableRow, TableCell), CodeBlock,
Quote, Rule, grouped as one Fragment per Markdown fragment; and the slide vocabulary's kinds
(ChartBlock, DiagramBlock, StatsBlock, ColumnsBlock, QuotationBlock), one Fragment each. Those
hold the deck's own shapes (presentation.py's Chart, Diagram, Stat), built by the deck's builders
in from_markdown.py from the same groups of Markdown blocks, so a handout draws what the deck
shows. Inline content is a flat tuple of Run, LineBreak, Citation and Picture items, each with
the style a writer needs (bold, italic, mono, href) and its `marks`: the chain of inline
elements around it, so that a writer that nests markup (HTML) can rebuild the source's nesting
exactly.
"""

from __future__ import annotations

import datetime as dt
import itertools
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Union

from ..links import safe_href
from . import handout_wording as say
from .base import long_date, minutes_text
from .code_colours import coloured
from .inline import inline_style, width_fraction
from .presentation import Chart, Diagram, Stat

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved


# ---- inline content ----

@dataclass(frozen=True)
class Mark:
    """An inline element around runs: its tag, a number telling two elements apart, its link."""

    tag: str
    n: int
    href: Optional[str] = None  # an <a>'s address when links.safe_href allows it, else None
    align: str = ""  # a table cell's alignment: left, right, center or ""


@dataclass(frozen=True)
class Run:
    """Text in one style: bold, italic, monospaced, linked (href)."""

    text: str
    bold: bool = False
    italic: bool = False
    mono: bool = False
    href: str = ""
    marks: tuple = ()
    colour: str = ""  # a hex RGB colour (syntax colouring of code), "" for the text's own


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to one of the module's footnotes, by number."""

    number: int
    module_id: str
    marks: tuple = ()


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""

    marks: tuple = ()


@dataclass(frozen=True)
class Citation:
    """A citation: the reference-list numbers it points to (none when it cites nothing listed)."""

    numbers: tuple
    marks: tuple = ()


@dataclass(frozen=True)
class Picture:
    """An image: its file (None when it could not be found) and its alt text."""

    path: Optional[str]
    alt: str
    marks: tuple = ()
    width: float = 0.0  # the author's width as a fraction of the text width ({width=50%}); 0: natural size


Inline = Union[Run, LineBreak, Citation, Picture, FootnoteRef]


# ---- blocks ----

@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content; tag is "p" or the source element it came from."""

    runs: tuple
    tag: str = "p"


@dataclass(frozen=True)
class Heading:
    """A heading inside module content, at its Markdown level (1-6)."""

    level: int
    runs: tuple


@dataclass(frozen=True)
class Span:
    """Inline content directly inside a list item (an inline element and the text after it)."""

    runs: tuple


@dataclass(frozen=True)
class ListItem:
    """One list item: its leading text, then paragraphs, nested lists and inline spans in order."""

    runs: tuple
    children: tuple = ()  # Paragraph | BulletList | Span

    @property
    def inline_runs(self) -> tuple:
        """The item's own inline content: its leading text and its spans (not paragraphs or lists)."""
        return self.runs + tuple(r for c in self.children if isinstance(c, Span) for r in c.runs)


@dataclass(frozen=True)
class BulletList:
    """A bulleted (ordered=False) or numbered list."""

    ordered: bool
    items: tuple
    start: int = 1  # the first number of a numbered list, as the author wrote it


@dataclass(frozen=True)
class TableCell:
    """A table cell: its inline content, whether it is a header cell, its alignment."""

    runs: tuple
    header: bool = False
    align: str = ""  # left, right, center or ""


@dataclass(frozen=True)
class TableRow:
    """A table row of cells; head says it belongs to the header section."""

    cells: tuple
    head: bool = False  # in the table's header section


@dataclass(frozen=True)
class Table:
    """A Markdown table: its rows, header rows first."""

    rows: tuple


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text (its runs are monospaced, syntax-coloured for a known language)."""

    runs: tuple
    lang: str = ""  # the fence's language ("" for none); never shown

    @property
    def text(self) -> str:
        """The preformatted text itself."""
        return "".join(r.text for r in self.runs if isinstance(r, Run))


@dataclass(frozen=True)
class Quote:
    """A block quotation of blocks."""

    blocks: tuple


@dataclass(frozen=True)
class Rule:
    """A thematic break (Word leaves it out)."""


@dataclass(frozen=True)
class ChartBlock:
    """A `::: chart`: the deck's Chart, its id on the page, and the reference numbers its source cites."""

    chart: Chart
    ident: str
    numbers: tuple = ()


@dataclass(frozen=True)
class DiagramBlock:
    """A `::: process` or `::: cycle`: the deck's Diagram and its id on the page."""

    diagram: Diagram
    ident: str


@dataclass(frozen=True)
class StatItem:
    """One big number: the deck's Stat and the reference numbers its citation points to."""

    stat: Stat
    numbers: tuple = ()


@dataclass(frozen=True)
class StatsBlock:
    """One to three consecutive `::: stat` blocks, shown side by side."""

    items: tuple  # StatItems


@dataclass(frozen=True)
class ColumnsBlock:
    """A `:::: columns` block: two or three columns, each a tuple of blocks (a `###` heading first
    when every column has one)."""

    columns: tuple
    headed: bool = False
    tones: tuple = ()  # one per column ("avoid", "prefer" or "" for none), or () when none has one

    def tone(self, n: int) -> str:
        """Column n's tone (visuals.TONES), "" for none."""
        return self.tones[n] if n < len(self.tones) else ""


@dataclass(frozen=True)
class QuotationBlock:
    """A block quote whose last paragraph is its attribution ("— A young person [@key]")."""

    blocks: tuple
    attribution: tuple  # inline content, the leading dash left out


BlockType = Union[Paragraph, Heading, BulletList, Table, CodeBlock, Quote, Rule,
                  ChartBlock, DiagramBlock, StatsBlock, ColumnsBlock, QuotationBlock]


@dataclass(frozen=True)
class Fragment:
    """The blocks of one Markdown fragment of a module."""

    blocks: tuple


# ---- sections ----

@dataclass(frozen=True)
class Fact:
    """One line of the cover's facts: "Audience", "Elected members"."""

    label: str
    value: str


@dataclass(frozen=True)
class Cover:
    """The cover: organisation line, title, subtitle, kind of handout, facts and the edition's logo."""

    organisation: str
    title: str
    subtitle: str
    kind: str
    facts: tuple
    logo: Optional[Picture] = None


@dataclass(frozen=True)
class Column:
    """A table column's heading; numeric columns are right-aligned."""

    label: str
    numeric: bool = False


@dataclass(frozen=True)
class AgendaRow:
    """One item of the running order: a module (linked to its section) or a break."""

    kind: str  # "module" | "break"
    start: str
    end: str
    title: str
    minutes: int
    module_id: str = ""  # the module section it links to ("" for a break)
    content_note: bool = False

    @property
    def time(self) -> str:
        """"10:00–10:20"."""
        return say.TIME_SPAN.format(start=self.start, end=self.end)


@dataclass(frozen=True)
class Agenda:
    """The agenda section: its table and, for participants, a sentence of care under it."""

    heading: str
    columns: tuple
    rows: tuple
    total_label: str = ""  # facilitator: the total row's label
    total_minutes: int = 0
    content_note_flag: str = say.AGENDA_CONTENT_NOTE
    note: str = ""  # participant: the sentence under the table


@dataclass(frozen=True)
class ContentNoteItem:
    """One module's content note with its title and start time."""

    title: str
    start: str
    note: str


@dataclass(frozen=True)
class ContentNotes:
    """The facilitator's list of content notes to give before sessions."""

    heading: str
    intro: str
    items: tuple


@dataclass(frozen=True)
class SlidePart:
    """One slide's part of a module section: its heading (or none), content and notes."""

    kind: str  # "section" | "content" | "activity"
    title: str
    heading: Optional[str]  # the heading shown, None when the slide has none
    minutes: str = ""  # facilitator activities: "(10 minutes)", shown after the heading
    body: tuple = ()  # Fragments
    notes: tuple = ()
    notes_label: str = ""
    handout: tuple = ()
    loc: object = None  # the source slide's location (slide pictures are keyed by it)


@dataclass(frozen=True)
class FootnoteItem:
    """One footnote of a module: its number and its text's blocks."""

    number: int
    module_id: str
    blocks: tuple


@dataclass(frozen=True)
class ModuleSection:
    """One module: heading, timing and content note (facilitator), outcomes, intro and slides."""

    id: str
    title: str
    timing: str = ""  # facilitator: "10:00–10:20 · 20 minutes"
    content_note_label: str = ""
    content_note: str = ""
    outcomes_lead: str = ""
    outcomes: tuple = ()
    intro: tuple = ()  # Fragments
    slides: tuple = ()
    footnotes: tuple = ()  # FootnoteItems, by number (the module's "Notes")
    footnotes_heading: str = ""


@dataclass(frozen=True)
class ReferenceItem:
    """One numbered entry of the reference list."""

    number: int
    credit: str  # "Author, Publisher", or the publisher alone
    year: str  # as the slides cite it: "2025", or "2025a" beside another source of the publisher's 2025
    title: str
    url: str = ""


@dataclass(frozen=True)
class References:
    """The numbered reference list."""

    heading: str
    items: tuple


@dataclass(frozen=True)
class ContactLink:
    """One way to reach a contact: a phone number, a web address or an email address."""

    kind: str  # "phone" | "url" | "email"
    text: str
    href: str


@dataclass(frozen=True)
class ContactRow:
    """One support contact: name, role, links, opening hours and what it is for."""

    name: str
    role: str
    links: tuple
    hours: str
    description: str


@dataclass(frozen=True)
class Support:
    """The support and contacts section: a sentence and the contacts table."""

    heading: str
    intro: str
    columns: tuple
    contacts: tuple


@dataclass(frozen=True)
class Handout:
    """One handout: what both writers render, in order."""

    facilitator: bool
    language: str
    title: str  # the workshop's title
    doc_title: str
    kind: str  # "Facilitator handout" | "Participant handout"
    audience_id: str
    audience_name: str
    organisation: str
    date: dt.date
    cover: Cover
    agenda: Agenda
    content_notes: Optional[ContentNotes]
    modules: tuple
    references: Optional[References]
    support: Support
    footer: str
    edition_id: str = ""


# ---- building the model ----

def build_handout(resolved: Resolved, facilitator: bool) -> Handout:
    """The facilitator or participant handout of one resolved workshop."""
    w, audience = resolved.workshop, resolved.audience
    kind = say.FACILITATOR_KIND if facilitator else say.PARTICIPANT_KIND
    date = long_date(w.date)
    edition = getattr(resolved, "edition", None)
    return Handout(
        facilitator=facilitator, language=w.language, title=w.title,
        doc_title=say.DOC_TITLE.format(title=w.title, kind=kind.lower(), audience=audience.name),
        kind=kind, audience_id=audience.id, audience_name=audience.name, organisation=w.organisation,
        date=w.date, cover=_cover(resolved, kind, date), agenda=_agenda(resolved, facilitator),
        content_notes=_content_notes(resolved) if facilitator else None,
        modules=tuple(_module(resolved, m, facilitator) for m in resolved.modules),
        references=_references(resolved), support=_support(resolved),
        footer=say.FOOTER.format(title=w.title, audience=audience.name, organisation=w.organisation, date=date),
        edition_id=edition.id if edition is not None else "",
    )


def _cover(r: Resolved, kind: str, date: str) -> Cover:
    """The cover of a handout."""
    w, edition = r.workshop, getattr(r, "edition", None)
    logo = None
    if edition is not None and edition.logo:
        logo = Picture(str(edition.logo), say.LOGO_ALT.format(edition=edition.name))
    organisation = w.organisation
    if edition is not None and edition.id != "national":
        organisation = say.ORGANISATION_EDITION.format(organisation=w.organisation, edition=edition.name)
    facts = [Fact(say.FACT_AUDIENCE, r.audience.name), Fact(say.FACT_DATE, date)]
    if r.agenda:
        facts.append(Fact(say.FACT_TIME, say.COVER_TIME.format(
            start=r.agenda[0].start_text, end=r.agenda[-1].end_text, minutes=r.total_minutes)))
    return Cover(organisation, w.title, w.subtitle, kind, tuple(facts), logo)


def _agenda(r: Resolved, facilitator: bool) -> Agenda:
    """The agenda: start, end and minutes for facilitators, times only for participants."""
    rows = tuple(AgendaRow(i.kind, i.start_text, i.end_text, i.title, i.minutes, i.module_id or "",
                           bool(i.content_note)) for i in r.agenda)
    if facilitator:
        columns = tuple(Column(c, c == say.FACILITATOR_AGENDA_COLUMNS[-1]) for c in say.FACILITATOR_AGENDA_COLUMNS)
        return Agenda(say.AGENDA, columns, rows, say.AGENDA_TOTAL.format(minutes=r.audience.minutes),
                      r.total_minutes)
    columns = tuple(Column(c) for c in say.PARTICIPANT_AGENDA_COLUMNS)
    return Agenda(say.AGENDA, columns, rows, note=say.PARTICIPANT_CARE)


def _content_notes(r: Resolved) -> Optional[ContentNotes]:
    """The modules' content notes, or None when no module has one."""
    items = tuple(ContentNoteItem(m.title, m.agenda.start_text, m.module.content_note)
                  for m in r.modules if m.module.content_note)
    return ContentNotes(say.CONTENT_NOTES, say.CONTENT_NOTES_INTRO, items) if items else None


def _module(r: Resolved, m, facilitator: bool) -> ModuleSection:
    """One module's section, with what its reader (facilitator or participant) sees."""
    mid = m.module.id
    walk = _TreeWalk(r, mid)
    outcomes = tuple(m.module.outcomes or ())
    lead = (say.FACILITATOR_OUTCOMES if facilitator else say.PARTICIPANT_OUTCOMES) if outcomes else ""
    if facilitator:
        slides = tuple(_facilitator_slide(walk, m, s) for s in m.slides)
        note = m.module.content_note or ""
        return ModuleSection(
            mid, m.title, timing=say.MODULE_TIMING.format(start=m.agenda.start_text, end=m.agenda.end_text,
                                                          minutes=minutes_text(m.minutes)),
            content_note_label=say.CONTENT_NOTE_LABEL if note else "", content_note=note,
            outcomes_lead=lead, outcomes=outcomes, intro=walk.fragments(m.intro), slides=slides,
            **_footnotes(walk, m, [m.intro] + [s.body + s.notes + s.handout for s in m.slides]))
    slides = tuple(_participant_slide(walk, m, s) for s in m.slides if s.body or s.handout)
    intro_blocks = [b for b in m.intro if b.kind in ("body", "handout")]  # a `::: handout` intro too
    return ModuleSection(mid, m.title, outcomes_lead=lead, outcomes=outcomes, intro=walk.fragments(intro_blocks),
                         slides=slides, **_footnotes(walk, m, [intro_blocks] + [s.body + s.handout for s in m.slides]))


def _footnotes(walk: _TreeWalk, m, block_lists: list) -> dict:
    """The footnotes the reader's text refers to, in number order, with their heading."""
    wanted = {int(ref.get("n")) for blocks in block_lists for b in blocks for ref in b.tree.iter("fnref")
              if ref.get("n")}
    notes = sorted((f for f in m.module.footnotes.values() if f.number in wanted), key=lambda f: f.number)
    items = tuple(FootnoteItem(f.number, m.module.id, walk.blocks(f.tree)) for f in notes)
    return {"footnotes": items, "footnotes_heading": say.FOOTNOTES if items else ""}


def _facilitator_slide(walk: _TreeWalk, m, s) -> SlidePart:
    """A slide as the facilitator reads it: heading, body, what to say, handout text."""
    heading: Optional[str]
    if s.kind == "activity":
        heading, minutes = say.ACTIVITY.format(title=s.title), say.ACTIVITY_MINUTES.format(minutes=minutes_text(s.minutes))
        label = say.FACILITATOR_GUIDANCE
    else:
        shown = s.kind == "content" or (s.title != m.title and bool(s.body or s.notes or s.handout))
        heading, minutes, label = (s.title if shown else None), "", say.WHAT_TO_SAY
    return SlidePart(s.kind, s.title, heading, minutes, walk.fragments(s.body, True, s.title),
                     walk.fragments(s.notes, True, s.title), label, walk.fragments(s.handout, True, s.title), s.loc)


def _participant_slide(walk: _TreeWalk, m, s) -> SlidePart:
    """A slide as a participant reads it: heading, body and handout text."""
    heading: Optional[str]
    if s.kind == "activity":
        heading = say.ACTIVITY.format(title=s.title)
    else:
        heading = s.title if s.kind == "content" or s.title != m.title else None
    return SlidePart(s.kind, s.title, heading, body=walk.fragments(s.body, True, s.title),
                     handout=walk.fragments(s.handout, True, s.title), loc=s.loc)


def _references(r: Resolved) -> Optional[References]:
    """The reference list, or None when nothing is cited."""
    if not r.references:
        return None
    items = tuple(ReferenceItem(ref.number, ref.source.credit, ref.year_text or say.NO_YEAR,
                                ref.source.title, ref.source.url or "") for ref in r.references)
    return References(say.REFERENCES, items)


def _support(r: Resolved) -> Support:
    """The support contacts: the edition's local ones, then the national helplines."""
    rows = []
    for c in r.contacts:
        links = []
        if c.phone:
            links.append(ContactLink("phone", c.phone, "tel:" + c.phone.replace(" ", "")))
        if c.url:
            links.append(ContactLink("url", c.url.replace("https://", "").replace("www.", ""), c.url))
        if getattr(c, "email", ""):
            links.append(ContactLink("email", c.email, f"mailto:{c.email}"))
        rows.append(ContactRow(c.name, getattr(c, "role", "") or "", tuple(links), c.hours or "", c.description or ""))
    return Support(say.SUPPORT, say.SUPPORT_INTRO, say.SUPPORT_COLUMNS, tuple(rows))


# ---- the element-tree walk: the only code that reads a Markdown tree for the handouts ----

def fragments(resolved: Resolved, blocks, module_id: str) -> tuple:
    """Fragments for a list of a module's Blocks (the element trees walked once)."""
    return _TreeWalk(resolved, module_id).fragments(blocks)


class _TreeWalk:
    """Turns the element trees of one module into typed blocks."""

    def __init__(self, resolved: Resolved, module_id: str):
        self.resolved, self.module_id = resolved, module_id
        self.title = ""  # the slide being walked (a diagram is named after it)
        self._numbers = itertools.count()
        self._figures = itertools.count(1)
        self.in_slide = False
        self._point_cites: Optional[set] = None  # a slide point's reference numbers so far (it cites each once, as the deck)

    def fragments(self, blocks, in_slide: bool = False, title: str = "") -> tuple:
        """One Fragment per Block, or per slide-vocabulary block (consecutive big numbers share
        one). In a slide's content, headings are the slide's subheadings: `###` and `####` one
        level below the slide's heading (3), `#####` below those."""
        from .from_markdown import visual_groups

        self.in_slide, self.title = in_slide, title
        out: list = []
        try:
            for visual, group in visual_groups(blocks):
                if visual is None:
                    out.extend(Fragment(self.blocks(b.tree)) for b in group)
                    continue
                block = self.vocabulary(visual, group)
                previous: tuple = out[-1].blocks if out else ()
                if isinstance(block, StatsBlock) and len(previous) == 1 and isinstance(previous[0], StatsBlock):
                    out[-1] = Fragment((StatsBlock(previous[0].items + block.items),))
                else:
                    out.append(Fragment((block,)))
            return _joined_lists(out)
        finally:
            self.in_slide = False

    def vocabulary(self, visual, blocks):
        """A slide-vocabulary block, built by the deck's own builders (from_markdown.py)."""
        from . import from_markdown as deck

        cite, mid = self.resolved.cite_short, self.module_id
        numbers = self._cited(el for b in blocks for el in b.tree)
        if visual.name == "chart":
            return ChartBlock(deck.chart(visual, blocks, mid, cite), self._ident("chart"), numbers)
        if visual.name in ("process", "cycle"):
            return DiagramBlock(deck.diagram(visual, blocks, self.title), self._ident("diagram"))
        if visual.name == "stat":
            return StatsBlock((StatItem(deck.stat(blocks, mid, cite), numbers),))
        if visual.name == "columns":
            parts = deck.column_elements(visual, blocks)
            headed = bool(parts) and all(els and els[0].tag == "h3" for els in parts)
            return ColumnsBlock(tuple(tuple(self.block(el) for el in els) for els in parts), headed,
                                deck.column_tones(visual, blocks))
        raise ValueError(f"not a slide-vocabulary block: {visual.name}")  # a `::: column` is never outermost

    def _ident(self, kind: str) -> str:
        """An id for a drawing, unique on the page (ids of its SVG parts start with it)."""
        return f"{self.module_id}-{kind}-{next(self._figures)}"

    def _cited(self, elements) -> tuple:
        """The reference numbers of every citation in elements, in order, once each."""
        found = [n for el in elements for c in el.iter("cite")
                 for n in self.resolved.cite_numbers(self.module_id, c.get("keys", "").split())]
        return tuple(dict.fromkeys(found))

    def _quotation(self, el) -> QuotationBlock | None:
        """A slide's block quote with an attribution line, as the deck's Quotation layout reads it."""
        from .from_markdown import DASHES, quotation

        if quotation([el], self.module_id, self.resolved.cite_short) is None:
            return None
        inner = list(el)
        attribution = list(self.inline(inner[-1]))
        first = attribution[0] if attribution else None
        if isinstance(first, Run):
            text = first.text.lstrip()
            for dash in DASHES:
                if text.startswith(dash):
                    text = text[len(dash):].lstrip()
                    break
            attribution[0] = Run(text, first.bold, first.italic, first.mono, first.href, first.marks, first.colour)
        blocks = tuple(self.block(child) for child in inner[:-1])
        return QuotationBlock(blocks, tuple(attribution))

    def blocks(self, parent) -> tuple:
        """The block-level children of an element."""
        out: list = []
        for el in parent:
            if el.tag == "div":
                out.extend(self.blocks(el))
            else:
                out.append(self.block(el))
        return tuple(out)

    def block(self, el) -> BlockType:
        """One block-level element; on a slide, each paragraph and top-level list item is a point
        that cites a source once (as the deck shows it)."""
        if el.tag in ("ul", "ol", "table"):  # a list's items are points; a table's cells each its own
            return self._block(el)
        with self._point():
            return self._block(el)

    @contextmanager
    def _point(self):
        """Walk one of a slide's points: it cites each source once (inside a point, the same point)."""
        if not self.in_slide or self._point_cites is not None:
            yield
            return
        self._point_cites = set()
        try:
            yield
        finally:
            self._point_cites = None

    def _block(self, el) -> BlockType:
        """One block-level element, in the point being walked."""
        tag = el.tag
        if tag in ("ul", "ol"):
            start = el.get("start", "1")
            return BulletList(tag == "ol", tuple(self._item(li) for li in el.findall("li")),
                              int(start) if tag == "ol" and start.isdigit() else 1)
        if tag == "table":
            return self._table(el)
        if tag == "blockquote":
            quoted = self._quotation(el) if self.in_slide else None
            return quoted if quoted is not None else Quote(self.blocks(el))
        if tag[0] == "h" and tag[1:].isdigit():
            level = int(tag[1:])
            return Heading(3 + max(0, level - 4) if self.in_slide else level, self.inline(el))
        if tag == "pre":
            return self._code(el)
        if tag == "hr":
            return Rule()
        return Paragraph(self.inline(el), tag)

    @staticmethod
    def _code(pre) -> CodeBlock:
        """A code block: monospaced runs, syntax-coloured when its language is known."""
        text = "".join(pre.itertext())
        runs = tuple(Run(piece, mono=True, colour=colour) for piece, colour in coloured(text, pre.get("lang", "")))
        return CodeBlock(runs, pre.get("lang", ""))

    def _item(self, li) -> ListItem:
        """One list item: its text, then its paragraphs, nested lists and inline elements in order
        (on a slide, a top-level item is a point: see block)."""
        with self._point():
            return self._item_in_point(li)

    def _item_in_point(self, li) -> ListItem:
        """One list item, in the point being walked."""
        children: list = []
        for child in li:
            if child.tag in ("ul", "ol", "pre", "blockquote", "table"):
                children.append(self.block(child))
            elif child.tag == "p":
                children.append(Paragraph(self.inline(child)))
            else:
                runs = self.inline_element(child, (), {})
                if child.tail:
                    runs += (Run(child.tail),)
                children.append(Span(runs))
        return ListItem(self._text(li.text, (), {}), tuple(children))

    def _table(self, el) -> Table:
        """A Markdown table's rows, header section first."""
        rows = []
        for section in el:
            for tr in section.iter("tr"):
                cells = tuple(TableCell(self.inline(c), c.tag == "th", _align(c)) for c in tr)
                rows.append(TableRow(cells, section.tag == "thead"))
        return Table(tuple(rows))

    def inline(self, el, marks: tuple = (), style: Optional[dict] = None) -> tuple:
        """An element's inline content: its text, its children and their tails."""
        style = style or {}
        out = list(self._text(el.text, marks, style))
        for child in el:
            out.extend(self.inline_element(child, marks, style))
            out.extend(self._text(child.tail, marks, style))
        return tuple(out)

    def inline_element(self, el, marks: tuple, style: dict) -> tuple:
        """One inline element: a break, a citation, a picture, or runs inside a mark."""
        tag = el.tag
        if tag == "br":
            return (LineBreak(marks),)
        if tag == "cite":
            numbers = self.resolved.cite_numbers(self.module_id, el.get("keys", "").split())
            if self._point_cites is not None:
                numbers = [n for n in numbers if n not in self._point_cites]
                self._point_cites.update(numbers)
            return (Citation(tuple(numbers), marks),) if numbers or self._point_cites is None else ()
        if tag == "img":
            return (Picture(el.get("path") or None, el.get("alt", ""), marks, width_fraction(el.get("width", ""))),)
        if tag == "fnref":
            return (FootnoteRef(int(el.get("n", "0")), self.module_id, marks),) if el.get("n") else ()
        href = None
        if tag == "a":
            raw = el.get("href", "")
            href = safe_href(raw)
        inner = marks + (Mark(tag, next(self._numbers), href, _align(el) if tag in ("th", "td") else ""),)
        return self.inline(el, inner, inline_style(el, style)) or (Run("", marks=inner),)

    @staticmethod
    def _text(text, marks: tuple, style: dict) -> tuple:
        """A run for a piece of text (none for empty text)."""
        if not text:
            return ()
        return (Run(text, bool(style.get("bold")), bool(style.get("italic")), bool(style.get("mono")),
                    style.get("href", "") or "", marks),)


def _joined_lists(fragments: list) -> tuple:
    """The fragments with a list that continues the list just before it (an `::: audience`
    block's points after the points everyone sees) joined to it: one list, no gap."""
    out: list = []
    for fragment in fragments:
        previous = out[-1].blocks[-1] if out and out[-1].blocks else None
        first = fragment.blocks[0] if fragment.blocks else None
        if isinstance(previous, BulletList) and isinstance(first, BulletList) and _continues(previous, first):
            joined = BulletList(previous.ordered, previous.items + first.items, previous.start)
            out[-1] = Fragment(out[-1].blocks[:-1] + (joined,))
            fragment = Fragment(fragment.blocks[1:])
            if not fragment.blocks:
                continue
        out.append(fragment)
    return tuple(out)


def _continues(previous: BulletList, following: BulletList) -> bool:
    """Whether a list goes on from the one before: both bulleted, or numbered on from its last number."""
    if previous.ordered != following.ordered:
        return False
    return not following.ordered or following.start == previous.start + len(previous.items)


def _align(cell) -> str:
    """A table cell's alignment from its style attribute: left, right, center or ""."""
    align = cell.get("style", "").replace("text-align:", "").strip().rstrip(";").strip()
    return align if align in ("left", "right", "center") else ""
