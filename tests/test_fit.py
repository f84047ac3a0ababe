"""No silent overflow: text measured with real font metrics, long slides split at a point."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from workshop_builder.render import fit
from workshop_builder.render.base import default_templates_dir
from workshop_builder.render.template_info import template_info

TEMPLATE = default_templates_dir() / "deck.pptx"
LONG = ("point {n}: a long bullet that explains one idea in enough words to wrap onto a second line "
        "of the slide at the template's size")


def add_slide(root, text: str) -> int:
    """Append a slide to intro.md; returns the line of its heading."""
    path = root / "modules/intro.md"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


def paragraphs_of(shape) -> list:
    """A placeholder's paragraphs as fit measures them."""
    out = []
    for p in shape.text_frame.paragraphs:
        p_pr = p._p.pPr
        bullet = p_pr is None or p_pr.find(qn("a:buNone")) is None
        runs = tuple(fit.Run(r.text, bold=bool(r.font.bold), code=r.font.name == "Courier New") for r in p.runs)
        out.append(fit.Paragraph(runs, p.level, "bullet" if bullet else "none"))
    return out


def body_of(slide):
    return [ph for ph in slide.placeholders if ph.placeholder_format.idx == 1][0]


def build(cli, root, aud="staff"):
    result = cli("build", "-C", root, "-a", aud, "-f", "pptx")
    assert result.exit_code == 0, result.output
    return Presentation(str(root / f"output/{aud}/test-workshop-{aud}.pptx"))


def test_template_metrics_read_from_the_layouts():
    info = template_info(TEMPLATE)
    body = info.layouts["Title and Content"].bodies[0]
    assert (body.width, body.height) == (10972800, 4663440)
    assert body.insets == (91440, 45720, 91440, 45720)
    assert [body.level(n).size_pt for n in range(4)] == [24, 22, 20, 18]
    assert body.level(0).space_before_pt == 10 and body.level(1).space_before_pt == 6
    assert [b.width for b in info.layouts["Two Content"].bodies] == [5257800, 5257800]
    assert info.layouts["Title and Content"].title.level(0).size_pt == 36
    assert info.layouts["Title and Content"].title.level(0).typeface == "Arial"


def test_fonts_ship_with_their_licence():
    folder = default_templates_dir() / "fonts"
    assert (folder / "LiberationSans-Regular.ttf").is_file()
    assert (folder / "LiberationSans-Bold.ttf").is_file()
    assert "SIL Open Font License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_line_breaking_uses_glyph_widths():
    assert fit.text_width("iiii", 24) < fit.text_width("MMMM", 24)
    assert fit.text_width("Word", 24, bold=True) > fit.text_width("Word", 24)
    assert fit.text_width("abc", 10, mono=True) == 3 * 0.6 * 10
    one = (fit.Run("A short point"),)
    assert fit.line_count(one, 500, 24) == 1
    words = (fit.Run("word " * 40),)
    width = fit.text_width("word " * 40, 24)
    assert fit.line_count(words, width / 3 + 1, 24) in (3, 4)
    assert fit.line_count((fit.Run("one"), fit.Run("\n"), fit.Run("two")), 500, 24) == 2
    assert fit.line_count((fit.Run("x" * 200),), 100, 24) == -(-int(fit.text_width("x" * 200, 24)) // 100)


def test_twenty_long_bullets_split_into_parts_that_fit(basic, cli):
    bullets = "\n".join("- " + LONG.format(n=n) for n in range(1, 21))
    add_slide(basic, f"## Many points\n\n{bullets}\n\n::: notes\nNOTES-LONG: say this once.\n:::\n")
    prs = build(cli, basic)
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    parts = [t for t in titles if t.startswith("Many points")]
    total = len(parts)
    assert total >= 3
    assert parts == [f"Many points ({n} of {total})" for n in range(1, total + 1)]
    assert "Many points" not in titles
    info = template_info(TEMPLATE)
    seen = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text
        if not title.startswith("Many points"):
            continue
        notes = slide.notes_slide.notes_text_frame.text
        if title.endswith(f"(1 of {total})"):
            assert "NOTES-LONG" in notes
        else:
            assert notes == fit.CONTINUED_NOTE
        box = info.layouts[slide.slide_layout.name].bodies[0]
        paras = paragraphs_of(body_of(slide))
        assert fit.text_height(paras, box) <= fit.available_height(box), title
        seen += ["".join(r.text for r in p.runs) for p in paras]
    assert seen == [LONG.format(n=n) for n in range(1, 21)]
    sizes = [len(paragraphs_of(body_of(s))) for s in prs.slides
             if s.shapes.title.text_frame.text.startswith("Many points")]
    assert max(sizes) - min(sizes) <= 1  # balanced, not 9 + 9 + 2


def test_numbered_list_keeps_counting_across_parts(basic, cli):
    items = "\n".join(f"{n}. " + LONG.format(n=n) for n in range(1, 16))
    add_slide(basic, f"## Steps\n\n{items}\n")
    prs = build(cli, basic)
    later = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Steps (2 of")][0]
    first_para = body_of(later).text_frame.paragraphs[0]
    auto = first_para._p.pPr.find(qn("a:buAutoNum"))
    first_number = int(first_para.runs[0].text.split(":")[0].split()[-1])
    assert auto.get("startAt") == str(first_number) and first_number > 1


def test_picture_stays_on_the_first_part(basic, cli):
    bullets = "\n".join("- " + LONG.format(n=n) for n in range(1, 13))
    add_slide(basic, f"## Map and points\n\n{bullets}\n\n![A map of the area with a marked circle](images/map.png)\n")
    prs = build(cli, basic)
    parts = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Map and points")]
    assert len(parts) >= 2
    assert parts[0].slide_layout.name == "Two Content"
    assert any(sh.shape_type == 13 for sh in parts[0].shapes)
    for later in parts[1:]:
        assert later.slide_layout.name == "Title and Content"
        assert not any(sh.shape_type == 13 for sh in later.shapes)


def test_short_slides_are_left_alone(basic, cli):
    prs = build(cli, basic)
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert not any(" of " in t and t.endswith(")") for t in titles if not t.startswith("Agenda"))
