"""Accessibility rules: each mistake in a small project gives exactly its finding, at its place."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from workshop_builder.checks import check_project
from workshop_builder.render.base import default_templates_dir

CODES = ("A5", "W60")
LONG = ("point {n}: a long bullet that explains one idea in enough words to wrap onto a second line "
        "of the slide at the template's size")


def findings(root) -> list:
    """(code, "path:line[:col]") of the accessibility and fitting findings, in order."""
    _, found = check_project(root)
    return [(d.code, str(d.loc)) for d in found if d.code.startswith(CODES)]


def append(root, module: str, text: str) -> str:
    path = root / "modules" / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    return f"modules/{module}"


def line_of(root, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(lines, 1) if needle in line][-1]


def template(root, change) -> None:
    """The project's own copy of the default template, changed by change(prs)."""
    prs = Presentation(str(default_templates_dir() / "deck.pptx"))
    change(prs)
    (root / "templates").mkdir(exist_ok=True)
    prs.save(str(root / "templates/deck.pptx"))


def test_clean_project_has_no_findings(basic):
    assert findings(basic) == []


def test_a501_slide_without_title(basic):
    rel = append(basic, "intro.md", "## <!-- title to come -->\n\n- A point\n")
    assert findings(basic) == [("A501", f"{rel}:{line_of(basic, rel, 'title to come')}:1")]


def test_a502_duplicate_titles_report_both_places(basic):
    rel = append(basic, "deep-dive.md", "## Mixed slide\n\n- Another point\n")
    first = f"modules/intro.md:{line_of(basic, 'modules/intro.md', '## Mixed slide')}:1"
    second = f"{rel}:{line_of(basic, rel, '## Mixed slide')}:1"
    assert findings(basic) == [("A502", second), ("A502", first)]
    _, found = check_project(basic)
    assert [d.message for d in found if d.code == "A502"][1].startswith(
        f"slide title 'Mixed slide' is also used at {second}")


@pytest.mark.parametrize("alt", ["map.png", "map", "Image", "photo.JPG"])
def test_a503_alt_text_that_is_a_file_name(basic, alt):
    intro = basic / "modules/intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "![A map of the area with a marked circle]", f"![{alt}]"), encoding="utf-8")
    line = line_of(basic, "modules/intro.md", "](images/map.png)")
    assert findings(basic) == [("A503", f"modules/intro.md:{line}:1")]


def test_a504_table_with_empty_header_row(basic):
    rel = append(basic, "intro.md", "## Numbers\n\n|   |   |\n|---|---|\n| Deal line | A phone |\n")
    assert findings(basic) == [("A504", f"{rel}:{line_of(basic, rel, '|   |   |')}:1")]


def test_a505_template_text_below_18pt(basic):
    def small(prs):
        master = prs.slide_master._element
        master.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl2pPr')}/{qn('a:defRPr')}").set("sz", "1600")

    template(basic, small)
    assert findings(basic) == [("A505", "templates/deck.pptx")]
    _, found = check_project(basic)
    assert "level 2 text in the body of layout 'Title and Content' to 16 pt" in \
        [d.message for d in found if d.code == "A505"][0]


def test_a506_low_contrast_theme_colour(basic):
    def grey(prs):
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        theme = prs.slide_master.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
        ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
        root.xpath("//a:clrScheme/a:dk1/a:srgbClr", namespaces=ns)[0].set("val", "999999")
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    template(basic, grey)
    # one finding for each layout the deck uses that the grey fails on: its content slides and its
    # activity slide (the Activity layout's pale teal background)
    assert findings(basic) == [("A506", "templates/deck.pptx")] * 2
    _, found = check_project(basic)
    messages = " ".join(d.message for d in found if d.code == "A506")
    assert "body text #999999 on the background #FFFFFF of layout 'Title and Content' has contrast 2.8:1" \
        in messages
    assert "of layout 'Activity'" in messages


def _body_before_title(prs):
    layout = prs.slide_layouts.get_by_name("Title and Content")
    tree = layout.shapes._spTree
    title = [sp for sp in tree.iterchildren(qn("p:sp")) if sp.xpath("./p:nvSpPr/p:nvPr/p:ph[@type='title']")][0]
    body = [sp for sp in tree.iterchildren(qn("p:sp")) if sp.xpath("./p:nvSpPr/p:nvPr/p:ph[@idx='1']")][0]
    body.addnext(title)


def test_a507_title_not_first_in_reading_order(basic, monkeypatch):
    from workshop_builder.render import pptx_writer

    template(basic, _body_before_title)
    monkeypatch.setattr(pptx_writer, "_title_first", lambda slide, title: None)
    assert findings(basic) == [("A507", "templates/deck.pptx")]


def test_writer_puts_the_title_first_whatever_the_template(basic, cli):
    template(basic, _body_before_title)
    assert findings(basic) == []
    assert cli("build", "-C", basic, "-a", "staff", "-f", "pptx").exit_code == 0
    prs = Presentation(str(basic / "output/staff/test-workshop-staff.pptx"))
    for slide in prs.slides:
        assert list(slide.shapes)[0].shape_id == slide.shapes.title.shape_id


def test_a508_handout_without_language(basic):
    lines = (default_templates_dir() / "handout-base.html.j2").read_text(encoding="utf-8").split("\n")
    line = [i for i, text in enumerate(lines) if text.startswith("<html")][0]
    assert "lang=" in lines[line]
    lines[line] = re.sub(r'\s+lang="[^"]*"', "", lines[line])
    (basic / "templates").mkdir()
    (basic / "templates/handout-base.html.j2").write_text("\n".join(lines), encoding="utf-8")
    assert findings(basic) == [("A508", f"templates/handout-base.html.j2:{line + 1}")] * 2


def test_a509_handout_heading_skips_a_level(basic):
    rel = append(basic, "intro.md", "## Deeper\n\n##### Too deep\n\n- A point\n")
    assert findings(basic) == [("A509", f"{rel}:{line_of(basic, rel, '##### Too deep')}:1")]


def test_a_level_4_heading_in_a_slide_is_its_subheading(basic):
    append(basic, "intro.md", "## Deeper\n\n#### Before the visit\n\n- A point\n")
    assert findings(basic) == []


@pytest.mark.parametrize("link", ["[click here](https://www.gov.uk/guidance)",
                                  "[https://www.gov.uk/guidance](https://www.gov.uk/guidance)",
                                  "[gov.uk/guidance](https://www.gov.uk/guidance)",
                                  "<https://www.gov.uk/guidance>"])
def test_a510_link_text_that_says_nothing(basic, link):
    rel = append(basic, "intro.md", f"## Further reading\n\n- For more, see {link} today\n")
    assert findings(basic) == [("A510", f"{rel}:{line_of(basic, rel, 'For more')}:17")]


def test_w601_slide_split_to_fit(basic):
    bullets = "\n".join("- " + LONG.format(n=n) for n in range(1, 21))
    rel = append(basic, "intro.md", f"## Many points\n\n{bullets}\n")
    assert findings(basic) == [("W601", f"{rel}:{line_of(basic, rel, '## Many points')}:1")]
    _, found = check_project(basic)
    message = [d.message for d in found if d.code == "W601"][0]
    assert message.startswith("slide 'Many points' does not fit on one slide and is split into ")
    assert "for members, staff" in message


def test_w602_one_point_too_long_for_any_slide(basic):
    rel = append(basic, "intro.md", "## One huge point\n\n- " + " ".join(LONG.format(n=n) for n in range(12)) + "\n")
    assert findings(basic) == [("W602", f"{rel}:{line_of(basic, rel, '## One huge point')}:1")]


def test_check_command_prints_the_place(basic, cli):
    append(basic, "intro.md", "## Further reading\n\n- See [here](https://www.gov.uk/guidance)\n")
    result = cli("check", "-C", basic)
    line = line_of(basic, "modules/intro.md", "See [here]")
    assert f"modules/intro.md:{line}:7: A510 [warning] link text 'here' does not say where it goes" in result.output
