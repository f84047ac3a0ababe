"""The typed presentation model, fast: Markdown trees to slides, the fitter on slides, the writer.

No CLI and no project: element trees come from the Markdown parser the loader uses, and the
writer gets a stand-in for the resolved workshop (only what it reads).
"""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from pptx import Presentation as PptxPresentation
from pptx.oxml.ns import qn

from workshop_builder.markdown_tree import MarkdownParser
from workshop_builder.render import fit
from workshop_builder.render.base import default_templates_dir
from workshop_builder.render.from_markdown import note_paragraphs, text_points, visual
from workshop_builder.render.presentation import (
    LineBreak,
    Paragraph,
    Picture,
    Point,
    Run,
    Slide,
    Table,
    TextBox,
    placements,
    plain,
)

TEMPLATE = default_templates_dir() / "deck.pptx"
PARSER = MarkdownParser()
LONG = ("point {n}: a long bullet that explains one idea in enough words to wrap onto a second line "
        "of the slide at the template's size")


def cite(module_id: str, keys: list) -> str:
    """A stand-in for Resolved.cite_short: the keys, or nothing for an unknown one."""
    return "" if "unknown" in keys else f"{module_id}: {', '.join(keys)}"


def tree(markdown: str) -> list:
    """The top-level elements of a Markdown fragment."""
    return list(PARSER.parse(markdown))


def points(markdown: str) -> tuple:
    return text_points(tree(markdown), "mod", cite)


def paragraphs(markdown: str) -> tuple:
    return TextBox(points(markdown)).paragraphs


# ---- Markdown to the model ----

def test_lists_become_one_point_per_item_with_levels_and_bullets():
    found = points("- first\n  - nested\n    - deeper\n- second\n\nAfter the list.\n")
    assert [len(p.paragraphs) for p in found] == [3, 1, 1]
    assert [p.list_id for p in found] == [0, 0, None]
    paras = TextBox(found).paragraphs
    assert [(p.text, p.level, p.bullet) for p in paras] == [
        ("first", 0, "bullet"), ("nested", 1, "bullet"), ("deeper", 2, "bullet"),
        ("second", 0, "bullet"), ("After the list.", 0, "none")]


def test_numbered_list_keeps_its_start_and_numbers_its_points():
    found = points("3. three\n4. four\n5. five\n")
    assert [p.number for p in found] == [3, 4, 5]
    assert {(p.paragraphs[0].bullet, p.paragraphs[0].start_at) for p in found} == {("number", 3)}
    later = fit.renumbered(found[1:])  # a part that starts at the second item counts on from 4
    assert [p.paragraphs[0].start_at for p in later] == [4, 4]


def test_loose_item_paragraphs_join_the_item_then_follow_unbulleted():
    paras = paragraphs("- first para\n\n    second para\n\n- next\n")
    assert [(p.text, p.bullet) for p in paras] == [
        ("first para", "bullet"), ("second para", "none"), ("next", "bullet")]


def test_inline_styles_become_runs():
    [para] = paragraphs("Say **bold *both***, *it*, `x = 1`, [site](https://example.org), "
                        "[bad](javascript:alert) [@a; @b], [@unknown]  \nnext line")
    runs = [r for r in para.runs if not (isinstance(r, Run) and r.text.strip(" ,") == "")]
    assert Run("bold ", bold=True) in runs
    assert Run("both", bold=True, italic=True) in runs
    assert Run("it", italic=True) in runs
    assert Run("x = 1", code=True) in runs
    assert Run("site", link="https://example.org") in runs
    assert Run("bad") in runs  # an unsafe scheme is not a link
    assert Run("(mod: a, b)") in runs
    assert not any("unknown" in r.text for r in runs if isinstance(r, Run))
    assert LineBreak() in runs and para.text.endswith("\nnext line")


def test_headings_quotes_and_code_blocks():
    paras = paragraphs("### A heading\n\n> quoted\n\n    code here\n")
    assert [(p.text, p.role, p.bullet) for p in paras] == [
        ("A heading", "heading", "none"), ("quoted", "body", "none"), ("code here", "code", "none")]
    assert paras[1].runs == (Run("quoted", italic=True),)  # a quotation is set in italics
    assert paras[2].runs == (Run("code here", code=True),)


def test_tables_and_pictures_become_shapes():
    [table_el] = tree("| Say | Not |\n|---|---|\n| **child** | [@a] |\n")
    table = visual(table_el, "mod", cite)
    assert isinstance(table, Table) and table.columns == () and table.name == ""
    assert table.text_rows == [["Say", "Not"], ["child", "(mod: a)"]]
    assert table.rows[1][0] == (Run("child", bold=True),)
    [p] = tree("![A map of the area](images/map.png)")
    img = p.find("img")
    img.set("path", "/abs/images/map.png")  # the loader resolves picture paths
    assert visual(img, "mod", cite) == Picture("/abs/images/map.png", "A map of the area")


def test_notes_are_plain_text_with_bullets_and_visuals_named():
    notes = note_paragraphs(tree("- a point\n  - below\n\n1. step\n\n| A |\n|---|\n| 1 |\n"), "mod", cite)
    assert [p.text for p in notes] == ["• a point", "  • below", "1. step", "[table]"]
    assert {p.bullet for p in notes} == {"none"}
    assert [p.level for p in notes] == [0, 1, 0, 0]


# ---- where shapes go ----

def test_placements_give_text_its_own_placeholder_and_stack_visuals():
    text, table, pic = TextBox(()), Table(((),), 2.0), Picture("", "x")
    assert placements(Slide("Two Content", "T", "content", (text, table, pic))) == [(0, (text,)), (1, (table, pic))]
    assert placements(Slide("Title Slide", "T", "title", (text,), subtitle=("sub",))) == [(1, (text,))]


# ---- the fitter on typed slides ----

def long_slide(n: int, numbered: bool = False) -> Slide:
    bullet = "number" if numbered else "bullet"
    pts = tuple(Point((Paragraph((Run(LONG.format(n=i)),), 0, bullet),), 0, i) for i in range(1, n + 1))
    return Slide("Title and Content", "Many points", "content", (TextBox(pts),), (plain("Say this once."),))


def test_fitter_leaves_a_short_slide_alone():
    slide = long_slide(2)
    assert fit.fit_deck([slide], TEMPLATE) == [slide]


def test_fitter_splits_a_typed_slide_into_balanced_parts_that_fit():
    from workshop_builder.render.template_info import template_info

    parts = fit.fit_deck([long_slide(20, numbered=True)], TEMPLATE)
    total = len(parts)
    assert total >= 3
    assert [p.title for p in parts] == [f"Many points ({n} of {total})" for n in range(1, total + 1)]
    assert [p.notes for p in parts] == [(plain("Say this once."),)] + [(plain(fit.CONTINUED_NOTE),)] * (total - 1)
    box = template_info(TEMPLATE).layouts["Title and Content"].bodies[0]
    sizes = []
    for part in parts:
        paras = part.text.paragraphs
        assert fit.text_height(paras, box) <= fit.available_height(box)
        assert not part.overflow and part.parts == total
        first = part.text.points[0].number
        assert {p.start_at for p in paras} == {first}  # the numbers count on across parts
        sizes.append(len(paras))
    assert sum(sizes) == 20 and max(sizes) - min(sizes) <= 1


def test_fitter_records_a_table_too_tall_for_its_box():
    rows = tuple((((Run(f"row {n}"),),)) for n in range(30))
    slide = Slide("Title and Content", "Table", "content", (Table(rows, fit.TABLE_ROW_FACTOR),))
    [fitted] = fit.fit_deck([slide], TEMPLATE)
    assert fitted.overflow.startswith("the table needs ")


def test_fitter_records_a_second_text_box_that_does_not_fit():
    short, tall = long_slide(1).text, long_slide(20).text
    slide = Slide("Two Content", "Columns", "content", (short, tall))
    [fitted] = fit.fit_deck([slide], TEMPLATE)  # only the first text box is split into parts
    assert fitted.overflow.startswith("the text needs ")


# ---- the writer ----

def stand_in(language: str = "en-GB") -> SimpleNamespace:
    """What the deck writer reads of a resolved workshop."""
    workshop = SimpleNamespace(template=TEMPLATE, root=TEMPLATE.parent, language=language, title="Test",
                               organisation="Org", date=dt.date(2026, 1, 1))
    return SimpleNamespace(workshop=workshop, audience=SimpleNamespace(id="staff", name="Staff"))


def test_writer_translates_a_typed_slide():
    from workshop_builder.render.pptx_writer import MONO_FONT, write_slides

    body = TextBox((
        Point((Paragraph((Run("Bold ", bold=True), Run("link", link="https://example.org"), LineBreak(),
                          Run("code", code=True)), 0, "bullet"),
               Paragraph((Run("sub"),), 1, "bullet")), 0, 1),
        Point((Paragraph((Run("Heading"),), 0, "none", role="heading"),)),
        Point((Paragraph((Run("fifth"),), 0, "number", start_at=5),), 1, 5),
    ))
    table = Table((((Run("Head"),), (Run("Two"),)), ((Run("a"),), ())), fit.TABLE_ROW_FACTOR, name="Facts")
    slide = Slide("Two Content", "Typed", "content", (body, table), (plain("Notes here."),))
    prs = PptxPresentation(io.BytesIO(write_slides(stand_in(), [slide])))
    [written] = prs.slides
    assert written.slide_layout.name == "Two Content"
    assert written.shapes[0].text_frame.text == "Typed"  # the title first
    placeholder = next(ph for ph in written.placeholders if ph.placeholder_format.idx == 1)
    paras = placeholder.text_frame.paragraphs
    assert [(p.text, p.level) for p in paras] == [("Bold link\vcode", 0), ("sub", 1), ("Heading", 0), ("fifth", 0)]
    bold, link, code = paras[0].runs
    assert bold.font.bold and link.hyperlink.address == "https://example.org" and code.font.name == MONO_FONT
    assert all(r.font.bold for r in paras[2].runs) and paras[2]._p.pPr.find(qn("a:buNone")) is not None
    assert paras[3]._p.pPr.find(qn("a:buAutoNum")).get("startAt") == "5"
    frame = next(s for s in written.shapes if s.has_table)
    assert frame.name == "Facts"
    assert [[c.text for c in row.cells] for row in frame.table.rows] == [["Head", "Two"], ["a", ""]]
    assert frame.table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.size.pt == fit.TABLE_FONT_PT
    assert written.notes_slide.notes_text_frame.text == "Notes here."
    assert not [ph for ph in written.placeholders if ph.placeholder_format.idx == 2]  # the table took its box


def test_writer_refuses_a_shape_it_does_not_know():
    from workshop_builder.render.pptx_writer import write_slides

    slide = Slide("Two Content", "Odd", "content", (TextBox(()), plain("x")))
    with pytest.raises(TypeError, match="no writer for Paragraph"):
        write_slides(stand_in(), [slide])
