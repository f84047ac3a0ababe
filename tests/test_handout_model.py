"""Fast unit tests of the handout model and its two writers (no CLI, no external programs).

The model is built from tests/projects/basic; the writers render small hand-made models and
the results are reopened with html.parser and python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from workshop_builder.loader import load_project
from workshop_builder.render import handout_wording as say
from workshop_builder.render.docx_handout import write_docx
from workshop_builder.render.handout import environment, render_page
from workshop_builder.render.handout_model import (
    Agenda,
    AgendaRow,
    BulletList,
    Citation,
    Column,
    ContactLink,
    ContactRow,
    ContentNoteItem,
    ContentNotes,
    Cover,
    Fact,
    Fragment,
    Handout,
    Heading,
    ListItem,
    Mark,
    ModuleSection,
    Paragraph,
    Picture,
    ReferenceItem,
    References,
    Run,
    SlidePart,
    Support,
    Table,
    TableCell,
    TableRow,
    build_handout,
)
from workshop_builder.render.html_fragment import HtmlWriter
from workshop_builder.render.thumbnails import Thumbnails
from workshop_builder.resolver import resolve

BASIC = Path(__file__).parent / "projects" / "basic"


@pytest.fixture(scope="module")
def workshop():
    return load_project(BASIC)


def _walk(fragments):
    """Every block of some fragments, nested lists' items' children included."""
    for fragment in fragments:
        stack = list(fragment.blocks)
        while stack:
            block = stack.pop(0)
            yield block
            if isinstance(block, BulletList):
                for item in block.items:
                    stack.extend(c for c in item.children if not isinstance(c, (Run,)))


def _text(runs) -> str:
    return "".join(r.text for r in runs if isinstance(r, Run))


def _all_text(handout: Handout) -> str:
    parts = []
    for m in handout.modules:
        for fragments in [m.intro] + [f for s in m.slides for f in (s.body, s.notes, s.handout)]:
            for block in _walk(fragments):
                parts.append(_text(getattr(block, "runs", ())))
                for item in getattr(block, "items", ()):
                    parts.append(_text(item.inline_runs))
    return "\n".join(parts)


# ---- the model of a real project ----

def test_facilitator_model_of_the_basic_project(workshop):
    h = build_handout(resolve(workshop, "staff"), facilitator=True)
    assert h.kind == say.FACILITATOR_KIND and h.doc_title == "Test workshop: facilitator handout (Frontline staff)"
    assert [f.label for f in h.cover.facts] == ["Audience", "Date", "Time"]
    assert h.cover.facts[1].value == "27 November 2026"
    assert [(r.kind, r.module_id, r.content_note) for r in h.agenda.rows] == [
        ("module", "intro", True), ("break", "", False), ("module", "deep-dive", False)]
    assert h.agenda.total_label == "Total (slot: 90 minutes)"
    assert [c.label for c in h.agenda.columns] == list(say.FACILITATOR_AGENDA_COLUMNS)
    assert h.content_notes.items == (ContentNoteItem("Introduction to the topic", "09:30",
                                                     "Discusses violence against children."),)
    intro = h.modules[0]
    assert [m.id for m in h.modules] == ["intro", "deep-dive"]
    assert intro.timing == "09:30–10:10 · 40 minutes" and intro.content_note_label == "Content note:"
    assert intro.outcomes_lead == say.FACILITATOR_OUTCOMES
    assert _text(intro.intro[0].blocks[0].runs).startswith("INTRO-TEXT")
    points = next(s for s in intro.slides if s.title == "Definitions and points")
    assert points.heading == "Definitions and points" and points.notes_label == say.WHAT_TO_SAY
    bullets = points.body[0].blocks[0]
    assert isinstance(bullets, BulletList) and not bullets.ordered
    first = bullets.items[0]
    assert [r.text for r in first.inline_runs if isinstance(r, Run) and r.bold] == ["bold"]
    assert [r.text for r in first.inline_runs if isinstance(r, Run) and r.mono] == ["code"]
    assert [c.numbers for c in first.inline_runs if isinstance(c, Citation)] == [(1,)]
    nested = next(c for c in first.children if isinstance(c, BulletList))
    assert isinstance(nested, BulletList) and _text(nested.items[0].inline_runs).startswith("Nested point level one")
    assert any(isinstance(c, BulletList) for c in nested.items[0].children)  # level two
    link = [r for r in bullets.items[1].inline_runs if isinstance(r, Run) and r.href]
    assert [(r.text, r.href) for r in link] == [("link to guidance", "https://www.gov.uk/guidance")]
    assert [c.numbers for c in bullets.items[2].inline_runs if isinstance(c, Citation)] == [(1, 2)]
    table_slide = next(s for s in intro.slides if s.title == "A table and a picture")
    table = next(b for b in _walk(table_slide.body) if isinstance(b, Table))
    assert [c.header for c in table.rows[0].cells] == [True, True] and table.rows[0].head
    assert _text(table.rows[1].cells[0].runs) == "Deal line"
    picture = next(r for b in _walk(table_slide.body) for r in getattr(b, "runs", ()) if isinstance(r, Picture))
    assert picture.alt == "A map of the area with a marked circle" and picture.path.endswith("map.png")
    assert [(i.number, i.credit, i.year) for i in h.references.items] == [
        (1, "Home Office", "2018"), (2, "National Crime Agency", "2019"), (3, "UK Parliament", "2015")]
    nspcc = h.support.contacts[0]
    assert nspcc.links == (ContactLink("phone", "0808 800 5000", "tel:08088005000"),)
    assert "NOTES-ONE" in _all_text(h)


def test_participant_model_leaves_out_what_only_facilitators_see(workshop):
    h = build_handout(resolve(workshop, "staff"), facilitator=False)
    assert h.content_notes is None and h.agenda.note == say.PARTICIPANT_CARE and not h.agenda.total_label
    intro = h.modules[0]
    assert intro.timing == "" and intro.content_note == "" and intro.outcomes_lead == say.PARTICIPANT_OUTCOMES
    assert all(not s.notes for m in h.modules for s in m.slides)
    text = _all_text(h)
    assert "NOTES-ONE" not in text and "HANDOUT-ONE" in text and "INTRO-TEXT" in text


def test_members_get_only_their_modules(workshop):
    h = build_handout(resolve(workshop, "members"), facilitator=False)
    assert [m.id for m in h.modules] == ["intro"]
    assert "MEMBERS-ONLY" in _all_text(h)
    assert "MEMBERS-ONLY" not in _all_text(build_handout(resolve(workshop, "staff"), facilitator=False))


# ---- the writers, on a hand-made model ----

def _runs(*items):
    return tuple(items)


STRONG = Mark("strong", 1)


def _small_handout(facilitator: bool = True) -> Handout:
    body = Fragment((
        Paragraph(_runs(Run("Plain "), Run("bold", bold=True, marks=(STRONG,)), Run(" <tag> & "),
                        Citation((1,)))),
        BulletList(False, (
            ListItem(_runs(Run("one")), (BulletList(False, (ListItem(_runs(Run("one-a"))),)),)),
            ListItem(_runs(Run("site", href="https://example.org", marks=(Mark("a", 2, "https://example.org"),)))),
        )),
        BulletList(True, (ListItem(_runs(Run("first"))), ListItem(_runs(Run("second"))))),
        Heading(2, _runs(Run("Sub heading"))),
        Table((TableRow((TableCell(_runs(Run("Term")), True), TableCell(_runs(Run("Meaning")), True)), True),
               TableRow((TableCell(_runs(Run("Deal line"))), TableCell(_runs(Run("A number")), align="right"))))),
    ))
    slide = SlidePart("content", "Signs", "Signs", body=(body,), notes=(Fragment((Paragraph(_runs(Run("Say it"))),)),),
                      notes_label=say.WHAT_TO_SAY)
    return Handout(
        facilitator=facilitator, language="en-GB", title="Hand-made", doc_title="Hand-made: facilitator handout (Staff)",
        kind=say.FACILITATOR_KIND, audience_id="staff", audience_name="Staff", organisation="Org",
        date=dt.date(2026, 11, 27),
        cover=Cover("Org", "Hand-made", "", say.FACILITATOR_KIND, (Fact("Audience", "Staff"),)),
        agenda=Agenda(say.AGENDA, (Column("Start"), Column("End"), Column("Session"), Column("Minutes", True)),
                      (AgendaRow("module", "10:00", "10:20", "Signs module", 20, "signs", True),),
                      "Total (slot: 30 minutes)", 20),
        content_notes=ContentNotes(say.CONTENT_NOTES, say.CONTENT_NOTES_INTRO,
                                   (ContentNoteItem("Signs module", "10:00", "Violence"),)),
        modules=(ModuleSection("signs", "Signs module", timing="10:00–10:20 · 20 minutes", slides=(slide,)),),
        references=References(say.REFERENCES, (ReferenceItem(1, "Home Office", "2018", "Strategy", "https://a.example"),)),
        support=Support(say.SUPPORT, say.SUPPORT_INTRO, say.SUPPORT_COLUMNS,
                        (ContactRow("Helpline", "", (ContactLink("phone", "0800 1", "tel:08001"),), "24 hours", "Help"),)),
        footer="Hand-made · Staff · Org",
    )


class _Page(HTMLParser):
    """Headings, links and list items of a page."""

    def __init__(self):
        super().__init__()
        self.stack, self.headings, self.links, self.items, self.text = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, attrs, parts = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][2].append(text)
            if open_tag in ("h1", "h2", "h3", "h4"):
                self.headings.append((open_tag, text.strip()))
            elif open_tag == "a":
                self.links.append((text, attrs.get("href")))
            elif open_tag == "li":
                self.items.append(text.split("\n")[0])
            if open_tag == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.stack:
            self.stack[-1][2].append(data)


def test_html_writer_renders_the_blocks():
    page = _Page()
    page.feed(str(HtmlWriter().blocks(_small_handout().modules[0].slides[0].body)))
    assert ("h3", "Sub heading") in page.headings  # Markdown level 2 under the page's h2
    assert ("site", "https://example.org") in page.links and ("1", "#ref-1") in page.links
    assert page.items[:4] == ["one-a", "one", "site", "first"]  # in the order they close
    assert "<tag> &" in "".join(page.text)  # escaped text, read back as text


def test_html_writer_keeps_unsafe_links_as_text():
    runs = (Run("click", marks=(Mark("a", 1, None),)),)
    html = str(HtmlWriter().blocks((Fragment((Paragraph(runs),)),)))
    assert html == "\n<p><a>click</a></p>\n"


def test_page_template_renders_a_hand_made_model():
    html = render_page(environment(), "facilitator.html.j2", _small_handout(), HtmlWriter(), Thumbnails())
    page = _Page()
    page.feed(html)
    headings = [text for tag, text in page.headings if tag == "h2"]
    assert headings == [say.AGENDA, say.CONTENT_NOTES, "Signs module", say.REFERENCES, say.SUPPORT]
    assert ("Signs module", "#signs") in page.links and ("0800 1", "tel:08001") in page.links
    assert "<title>Hand-made: facilitator handout (Staff)</title>" in html
    assert say.WHAT_TO_SAY in html and "Say it" in html


def test_word_writer_renders_a_hand_made_model():
    data = write_docx(_small_handout(), dt.datetime(2026, 11, 27, 9, 0))
    document = docx.Document(io.BytesIO(data))
    paras = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paras if style.startswith("Heading 1")]
    assert headings == [say.AGENDA, say.CONTENT_NOTES, "Signs module", say.REFERENCES, say.SUPPORT]
    assert ("Heading 2", "Signs") in paras
    assert ("Heading 2", "Sub heading") in paras  # Word keeps the Markdown level (HTML: one lower, h3)
    assert ("List Bullet", "one") in paras and ("List Bullet 2", "one-a") in paras
    assert ("List Number", "first") in paras and ("Handout Label", say.WHAT_TO_SAY) in paras
    assert ("Timing", "10:00–10:20 · 20 minutes") in paras
    assert any(style == "Normal" and text.startswith("Plain bold <tag> & [1]") for style, text in paras)
    tables = document.tables
    agenda_cells = [c.text for c in tables[0].rows[1].cells]
    assert agenda_cells[2] == "Signs module" + say.WORD_AGENDA_CONTENT_NOTE
    assert [c.text for c in tables[1].rows[1].cells] == ["Deal line", "A number"]
    assert tables[2].rows[1].cells[1].text == "0800 1\n24 hours"
    xml = document.element.xml
    assert 'w:anchor="m_signs"' in xml and 'w:anchor="ref_1"' in xml
    assert document.core_properties.subject == "Facilitator handout: Staff"
    # the running head and "Page X of Y" (the fields' placeholder results read "1")
    assert document.sections[0].header.paragraphs[0].text == "Hand-made\tStaff · Facilitator handout"
    assert document.sections[0].footer.paragraphs[0].text == "Org\tPage 1 of 1"


def test_both_writers_say_the_same_headings(workshop):
    """The shared wording reaches both outputs of the same model."""
    resolved = resolve(workshop, "staff")
    for facilitator, template in ((True, "facilitator.html.j2"), (False, "participant.html.j2")):
        h = build_handout(resolved, facilitator)
        page = _Page()
        page.feed(render_page(environment(), template, h, HtmlWriter(resolved), Thumbnails()))
        html_h2 = [text for tag, text in page.headings if tag == "h2"]
        document = docx.Document(io.BytesIO(write_docx(h, dt.datetime(2026, 11, 27, 9, 0))))
        word_h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert html_h2 == word_h1


def test_a_project_template_written_before_the_model_still_renders(basic):
    """Older project templates use r, w and html.blocks(raw blocks, module id): still served."""
    from workshop_builder.render.base import RenderOptions
    from workshop_builder.render.handout import ParticipantHandout

    (basic / "templates").mkdir(exist_ok=True)
    (basic / "templates" / "participant.html.j2").write_text(
        '{% extends "handout-base.html.j2" %}{% block main %}{% for m in r.modules %}<h2>{{ m.title }}</h2>'
        '{{ html.blocks(m.intro, m.module.id) }}{% endfor %}{% endblock %}', encoding="utf-8")
    page = ParticipantHandout().render(resolve(load_project(basic), "staff"), RenderOptions()).decode("utf-8")
    assert "<h2>Introduction to the topic</h2>\n<p>INTRO-TEXT" in page
    assert "<title>Test workshop: participant handout (Frontline staff)</title>" in page
