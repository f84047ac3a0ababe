"""The HTML slides (slides-html): the deck's own typed slides as one self-contained page.

Fast tier: built from the small test project and reopened with an HTML parser and python-pptx.
What a browser does with the page (keys, overview, presenter view, axe) is in
test_slides_html_clients.py.
"""

from __future__ import annotations

import json
import re
import shutil
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import slides as deck_slides
from pptx import Presentation

from workshop_builder.render import RENDERERS
from workshop_builder.render.html_slide import layout_class, runs_html, text_html
from workshop_builder.render.presentation import (
    LineBreak,
    Paragraph,
    Point,
    Run,
    TextBox,
)


def built(root: Path, audience: str = "staff") -> tuple:
    """(slides page, deck) of one audience of the project at root, both freshly built."""
    folder = root / "output" / audience
    return folder / f"test-workshop-{audience}-slides.html", folder / f"test-workshop-{audience}.pptx"


class Page(HTMLParser):
    """The slides page taken apart: sections with their headings, tags with attributes, the JSON data."""

    def __init__(self, text: str):
        super().__init__()
        self.sections: list = []  # [aria-label, [h2 texts]]
        self.elements: list = []  # (tag, attrs)
        self.scripts: list = []  # (attrs, text)
        self._h2 = None
        self._script = None
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "section" and "slide" in attrs.get("class", "").split():
            self.sections.append([attrs.get("aria-label"), []])
        elif tag == "h2" and self.sections and self._in_deck():
            self._h2 = []
        elif tag == "script":
            self._script = (attrs, [])

    def _in_deck(self) -> bool:
        return not any(tag == "div" and a.get("id") == "presenter" for tag, a in self.elements)

    def handle_endtag(self, tag):
        if tag == "h2" and self._h2 is not None:
            self.sections[-1][1].append("".join(self._h2))
            self._h2 = None
        elif tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        if self._h2 is not None:
            self._h2.append(data)
        if self._script is not None:
            self._script[1].append(data)

    @property
    def data(self) -> dict:
        return json.loads(next(text for attrs, text in self.scripts if attrs.get("id") == "deck-data"))


def page_of(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def test_one_section_per_deck_slide_with_the_decks_titles(basic, cli):
    result = cli("build", "-C", basic, "-a", "staff", "-f", "slides-html", "-f", "pptx")
    assert result.exit_code == 0, result.output
    page_path, deck = built(basic)
    page = page_of(page_path)
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert len(page.sections) == len(titles) > 5
    for number, ((label, headings), title) in enumerate(zip(page.sections, titles), 1):
        assert label == f"Slide {number} of {len(titles)}"
        assert headings == [title], f"slide {number}"
    data = page.data
    assert [s["title"] for s in data["slides"]] == titles


def test_presenter_data_carries_every_slides_notes(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "slides-html", "-f", "pptx")
    page_path, deck = built(basic)
    data = page_of(page_path).data
    for number, ((title, _paras, notes), planned) in enumerate(zip(deck_slides(deck), data["slides"]), 1):
        assert planned["n"] == number
        assert "\n".join(planned["notes"]) == notes.strip(), title
    by_title = {s["title"]: s for s in data["slides"]}
    assert any("NOTES-ONE" in n for n in by_title["Definitions and points"]["notes"])
    # the notes are data for the presenter view, never text on a slide
    html = page_path.read_text(encoding="utf-8")
    deck_part = html.split('id="deck"')[1].split('id="presenter"')[0]
    assert "NOTES-ONE" not in deck_part


def test_planned_times_follow_the_agenda(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "slides-html")
    data = page_of(built(basic)[0]).data
    assert data["start"] == "09:30" and data["modules"] == 2 and data["minutes"] == 90
    planned = data["slides"]
    starts = [s["start"] for s in planned]
    assert starts == sorted(starts) and starts[0] == 0 and planned[-1]["end"] == 90
    first_module = [s for s in planned if s["module"] == 1]
    assert first_module[0]["start"] == 0 and first_module[-1]["end"] == 40  # intro: 40 minutes for staff
    second = [s for s in planned if s["module"] == 2]
    assert second[0]["start"] == 50 and second[0]["clock"] == "10:20"  # after the 10-minute break
    assert second[0]["moduleClock"] == "10:20–11:00"
    activity = next(s for s in planned if s["title"] == "Activity: Case study: a fictional composite")
    assert activity["end"] - activity["start"] == 10  # an activity takes its own minutes
    assert {s["module"] for s in planned[:2]} == {0}  # title and agenda come before the first module


def test_page_is_self_contained(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "slides-html")
    page_path = built(basic)[0]
    page = page_of(page_path)
    text = page_path.read_text(encoding="utf-8")
    fetching = [(tag, attrs) for tag, attrs in page.elements if tag in ("script", "link", "img", "iframe", "source",
                                                                           "video", "audio", "object", "embed")]
    for tag, attrs in fetching:
        assert tag in ("script", "img"), tag
        assert "src" not in attrs or attrs["src"].startswith("data:image/"), (tag, attrs.get("src", "")[:40])
        assert "href" not in attrs
    assert sum(tag == "img" for tag, _ in fetching) >= 1  # the map, embedded
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text) and "@import" not in text
    assert "<link" not in text
    imgs = [attrs for tag, attrs in page.elements if tag == "img"]
    assert all(attrs.get("alt") for attrs in imgs)
    assert any(attrs["alt"] == "A map of the area with a marked circle" for attrs in imgs)


def test_links_on_slides_are_only_web_mail_and_phone(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "slides-html")
    page = page_of(built(basic)[0])
    hrefs = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
    assert "https://www.gov.uk/guidance" in hrefs
    # the slides' links, and the overview's links to the page's own slides (#3)
    assert all(re.match(r"(https?|mailto|tel):|#\d+$", h) for h in hrefs), hrefs
    for address in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "relative/page.html",
                    "JaVaScRiPt:alert(1)", "vbscript:x"):
        assert "href" not in runs_html((Run("text", link=address),)), address
    assert 'href="mailto:a@example.org"' in runs_html((Run("mail", link="mailto:a@example.org"),))


def test_runs_keep_their_styles_and_line_breaks():
    html = runs_html((Run("a <b> & c"), Run("bold", bold=True), Run("it", italic=True), LineBreak(),
                      Run("line one\nline two", code=True)))
    assert html == ("a &lt;b&gt; &amp; c<strong>bold</strong><em>it</em><br>"
                    "<code>line one<br>line two</code>")


def test_text_from_the_source_never_becomes_markup(basic, cli):
    intro = basic / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "## Mixed slide", "## Mixed </script><script>alert(1)</script> & <b>slide</b>").replace(
        "NOTES-MIXED: shared notes.", "NOTES-MIXED </script><!-- <script>alert(2)</script>"), encoding="utf-8")
    result = cli("build", "-C", basic, "-a", "staff", "-f", "slides-html")
    assert result.exit_code == 0, result.output
    page_path = built(basic)[0]
    page = page_of(page_path)
    assert len(page.scripts) == 2  # the JSON data and the page's own script, nothing else
    titles = [s["title"] for s in page.data["slides"]]
    assert "Mixed </script><script>alert(1)</script> & <b>slide</b>" in titles
    assert any("</script><!-- <script>alert(2)</script>" in n for s in page.data["slides"] for n in s["notes"])
    mixed = "Mixed </script><script>alert(1)</script> & <b>slide</b>"
    assert [h for _, h in page.sections if "Mixed" in h[0]] == [[mixed]]


def test_same_input_same_bytes(basic, cli, tmp_path):
    for out in ("one", "two"):
        result = cli("build", "-C", basic, "-a", "staff", "-f", "slides-html", "-o", tmp_path / out)
        assert result.exit_code == 0, result.output
    first = (tmp_path / "one" / "staff" / "test-workshop-staff-slides.html").read_bytes()
    assert first == (tmp_path / "two" / "staff" / "test-workshop-staff-slides.html").read_bytes()


def test_slides_follow_the_templates_layouts_and_colours(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "slides-html")
    text = built(basic)[0].read_text(encoding="utf-8")
    # the default template: dark title and section layouts, the accent band and bar, Arial, 16:9
    assert ".L-title-slide{background:#0B3C5D}" in text and ".L-section-header{background:#0B3C5D}" in text
    assert ".L-title-and-content{background:#FFFFFF}" in text
    assert "background:#00756A" in text  # the layouts' accent decorations
    assert '"Arial"' in text and "--slide-ratio:12192000 / 6858000" in text
    # boxes where the template puts them: the content title at 5% from the left, 4% from the top
    assert ".L-title-and-content .ph-t{left:5%;top:4%;width:90%" in text
    assert "@page{size:13.333in 7.5in;margin:0}" in text
    layouts = re.findall(r'<div class="frame (L-[a-z-]+)">', text)
    assert layouts[0] == "L-title-slide" and "L-section-header" in layouts and layouts[-1] == "L-title-and-content"


def test_edition_logo_is_embedded_with_its_alt_text(tmp_path, cli):
    repo = Path(__file__).resolve().parent.parent
    result = cli("build", "-C", repo, "-a", "all-council-staff", "-e", "example-council", "-f", "slides-html",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.output
    page_path = next(tmp_path.glob("example-council/all-council-staff/*-slides.html"))
    page = page_of(page_path)
    logo = [a for tag, a in page.elements if tag == "img" and a.get("alt") == "Example Council logo"]
    assert len(logo) == 1 and logo[0]["src"].startswith("data:image/png;base64,")
    assert "For all council staff · Example Council</p>" in page_path.read_text(encoding="utf-8")


def test_lists_are_real_nested_lists_and_numbers_keep_counting():
    box = TextBox((
        Point((Paragraph((Run("one"),), 0, "bullet"), Paragraph((Run("one.a"),), 1, "bullet"),
               Paragraph((Run("more of one"),), 0, "none")), 0, 1),
        Point((Paragraph((Run("two"),), 0, "bullet"),), 0, 2),
        Point((Paragraph((Run("a paragraph"),)),)),
        Point((Paragraph((Run("third"),), 0, "number", 3),), 3, 3),
        Point((Paragraph((Run("fourth"),), 0, "number", 3),), 3, 4),
    ))
    html = text_html(box)
    assert html == (
        '<ul><li><p class="lv0 first mk bul">one</p>'
        '<ul><li><p class="lv1 mk bul">one.a</p></li></ul>'
        '<p class="lv0">more of one</p></li>'
        '<li><p class="lv0 mk bul">two</p></li></ul>'
        '<p class="lv0">a paragraph</p>'
        '<ol start="3"><li><p class="lv0 mk num" data-n="3.">third</p></li>'
        '<li><p class="lv0 mk num" data-n="4.">fourth</p></li></ol>')


def test_not_a_default_format():
    renderer = RENDERERS["slides-html"]
    assert renderer.default is False and renderer.suffix == "-slides.html"


# ---- the slide vocabulary (tests/projects/visual: one slide of every kind) ----

VISUAL = Path(__file__).parent / "projects" / "visual"


@pytest.fixture
def visual_built(tmp_path, cli) -> tuple:
    """(page text, deck) of tests/projects/visual, built as slides-html and pptx."""
    out = tmp_path / "out"
    result = cli("build", "-C", VISUAL, "-a", "staff", "-f", "slides-html", "-f", "pptx", "-o", out)
    assert result.exit_code == 0, result.output
    folder = out / "staff"
    page = folder / "visual-slides-workshop-staff-slides.html"
    return page.read_text(encoding="utf-8"), Presentation(str(folder / "visual-slides-workshop-staff.pptx"))


def slide_html(text: str) -> list:
    """Each slide's section of the page (the deck's part, not the presenter view's)."""
    deck_part = text.split('id="deck"')[1].split('id="presenter"')[0]
    return deck_part.split('<section class="slide')[1:]


def section_of(text: str, title: str) -> str:
    """The section of the slide with this title."""
    found = [s for s in slide_html(text) if f">{escape(title, quote=False)}</h2>" in s]
    assert len(found) == 1, title
    return found[0]


def svg_texts(svg: str) -> list:
    """The words an SVG draws, in document order (its <text> and <tspan> contents)."""
    return [unescape(t) for t in re.findall(r"<(?:text|tspan)[^>]*>([^<]+)<", svg)]


def test_visual_slides_one_section_per_deck_slide_in_the_decks_layouts(visual_built):
    text, deck = visual_built
    page = Page(text)
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert [h for _, h in page.sections] == [[t] for t in titles]
    layouts = re.findall(r'<div class="frame (L-[a-z-]+)">', text)
    assert layouts == [layout_class(s.slide_layout.name) for s in deck.slides]
    for name in ("Title Only", "Big Number", "Comparison", "Two Content", "Quotation", "Picture with Caption",
                 "Activity"):
        assert layout_class(name) in layouts, name


def test_charts_are_svg_images_holding_the_markdowns_figures(visual_built):
    text, deck = visual_built
    expected = {
        "Referrals to the NRM rose every year": ["12,706", "16,921", "17,004", "19,125"],
        "Children and adults referred": ["7,432", "9,572", "8,710", "10,415"],
        "Referrals of children kept rising": ["5,468", "7,019", "7,432", "8,710"],
        "Most referrals came from public bodies": ["52%", "24%", "18%", "6%"],
    }
    by_title = {s.shapes.title.text_frame.text: s for s in deck.slides}
    for title, figures in expected.items():
        section = section_of(text, title)
        svgs = re.findall(r"<svg\b.*?</svg>", section, re.DOTALL)
        assert len(svgs) == 1, title
        svg = svgs[0]
        assert 'role="img"' in svg
        label_ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert all(f'id="{i}"' in svg for i in label_ids)
        desc = unescape(re.search(r"<desc[^>]*>([^<]*)</desc>", svg).group(1))
        drawn = " ".join(svg_texts(svg))
        for figure in figures:  # the data labels, and the description for screen readers
            assert figure in drawn and figure in desc, (title, figure)
        # the deck's native chart holds the same values
        chart = next(sh for sh in by_title[title].shapes if sh.has_chart).chart
        values = [v for series in chart.plots[0].series for v in series.values]
        assert sorted(values) == sorted(float(f.rstrip("%").replace(",", "")) for f in figures)
        # the source line beneath the chart, as the deck's "Chart source" box
        source = next(sh for sh in by_title[title].shapes if sh.name == "Chart source").text_frame.text
        assert svg_texts(svg)[-1] == source and source.startswith(("Source: Home Office", "Home Office"))
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids))  # every chart's and diagram's ids unique in the page


def test_diagrams_draw_the_steps_in_order_for_eyes_and_screen_readers(visual_built):
    text, deck = visual_built
    for title, steps in (("How exploitation takes hold", ["Targeting", "Gaining trust", "Gifts and debt", "Control"]),
                         ("The cycle of debt bondage", ["A debt is created", "Work to pay it off",
                                                        "New debts are added"])):
        section = section_of(text, title)
        svg = re.search(r"<svg\b.*?</svg>", section, re.DOTALL).group(0)
        assert 'role="img"' in svg
        assert re.findall(r"<li>([^<]*)</li>", section.split('class="diagram-steps"')[1]) == steps
        desc = unescape(re.search(r"<desc[^>]*>([^<]*)</desc>", svg).group(1))
        assert [desc.index(step) for step in steps] == sorted(desc.index(step) for step in steps)
        assert " ".join(svg_texts(svg)) == " ".join(steps)  # each step drawn once, in reading order
        boxes = re.findall(r'<rect x="(-?[\d.]+)" y="(-?[\d.]+)"', svg)
        assert len(boxes) == len(steps)
        arrows = re.findall(r"<polyline ", svg)
        assert len(arrows) == (len(steps) if "cycle" in title else len(steps) - 1)
        # the deck's diagram: the same steps in the same order
        group = next(sh for sh in next(s for s in deck.slides if s.shapes.title.text_frame.text == title).shapes
                     if sh.shape_type == 6)  # a group
        assert [sh.text_frame.text for sh in group.shapes if sh.name.startswith("Step ")] == steps


def test_big_numbers_sit_on_the_cards_with_label_and_citation(visual_built):
    text, _deck = visual_built
    two = section_of(text, "How many children are at risk")
    assert two.count('class="ph ph-') - two.count("nav") == 3  # the title's box and two cards
    assert re.findall(r'<p class="lv0[^"]*">([^<]*)</p>', two)[:2] == ["15,500", "1 in 4"]
    assert "children estimated to be at risk of criminal exploitation" in two
    assert "The Children&#x27;s Society, 2019" in two or "The Children's Society, 2019" in two
    one = section_of(text, "One big number")
    assert '<p class="lv0 first">19,125</p>' in one and "Home Office, 2025" in one
    # one figure is centred on the row, as the deck writer moves it: the middle card's place
    assert 'class="ph ph-0 stat" style="left:36.25%"' in one
    assert ".L-big-number .ph-0{" in text and "background:#F2F5F7" in text  # the card's fill


def test_columns_comparison_quotation_picture_and_activity(visual_built):
    text, _deck = visual_built
    compare = section_of(text, "Sexual and criminal exploitation")
    assert re.findall(r'class="ph ph-(\d)"', compare) == ["0", "1", "2", "3"]  # heading, column, heading, column
    assert compare.index("Sexual exploitation") < compare.index("Often online first") < compare.index(
        "Criminal exploitation") < compare.index("Drugs, theft, violence")
    three = section_of(text, "Three things to remember")
    assert [three.index(w) for w in ("Notice", "Ask", "Record and refer")] == sorted(
        three.index(w) for w in ("Notice", "Ask", "Record and refer"))
    lefts = [float(x) for x in re.findall(r'class="ph ph-\d" style="left:([\d.]+)%', three)]
    assert len(lefts) == 3 and lefts == sorted(lefts)  # three columns side by side
    quote = section_of(text, "In their own words")
    assert "They made me feel like family" in quote and "A young person, quoted in a serious case review" in quote
    picture = section_of(text, "Where it happens")
    assert 'alt="A map of a town centre with a circle around the station"' in picture
    assert "The station is where children are approached." in picture
    activity = section_of(text, "Activity: Spot the signs")
    assert '<div class="ph ph-1"><div class="tx"><p class="lv0 first">10 minutes</p>' in activity
    assert ".L-activity .ph-1{" in text and "border:" in text.split(".L-activity .ph-1{")[1].split("}")[0]


def test_footer_and_slide_number_where_the_deck_has_them(visual_built):
    from pptx.enum.shapes import PP_PLACEHOLDER

    text, deck = visual_built
    sections = slide_html(text)
    numbered = 0
    for number, (slide, section) in enumerate(zip(deck.slides, sections), 1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        footer = kinds.get(PP_PLACEHOLDER.FOOTER)
        html_footer = re.search(r'class="ph ph-ftr nav"[^>]*><p class="lv0 first">([^<]*)</p>', section)
        assert (html_footer.group(1) if html_footer else None) == (footer.text_frame.text if footer else None), number
        has_number = PP_PLACEHOLDER.SLIDE_NUMBER in kinds
        html_number = re.search(r'class="ph ph-sldNum nav"[^>]*><p class="lv0 first">(\d+)</p>', section)
        assert bool(html_number) == has_number, number
        if has_number:
            numbered += 1
            assert html_number.group(1) == str(number)
    assert numbered >= 10 and ".L-title-only .ph-ftr{" in text and ".L-title-only .ph-sldNum{" in text


def test_visual_slides_same_input_same_bytes(cli, tmp_path):
    for out in ("one", "two"):
        result = cli("build", "-C", VISUAL, "-a", "staff", "-f", "slides-html", "-o", tmp_path / out)
        assert result.exit_code == 0, result.output
    name = "staff/visual-slides-workshop-staff-slides.html"
    assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_template_with_only_the_required_layouts_draws_every_kind_as_its_deck(tmp_path, cli):
    from pptx import Presentation as Open

    project = tmp_path / "visual"
    shutil.copytree(VISUAL, project)
    prs = Open(str(Path(__file__).parent.parent / "templates" / "deck.pptx"))
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Title and Content", "Section Header"):
            prs.slide_layouts.remove(layout)
    (project / "templates").mkdir()
    prs.save(str(project / "templates" / "deck.pptx"))
    result = cli("build", "-C", project, "-a", "staff", "-f", "slides-html", "-f", "pptx")
    assert result.exit_code == 0, result.output
    folder = project / "output" / "staff"
    text = (folder / "visual-slides-workshop-staff-slides.html").read_text(encoding="utf-8")
    deck = Presentation(str(folder / "visual-slides-workshop-staff.pptx"))
    assert [h for _, h in Page(text).sections] == [[s.shapes.title.text_frame.text] for s in deck.slides]
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 6  # four charts, two diagrams
    picture = section_of(text, "Where it happens")  # the caption beside the picture, each in half the box
    assert re.search(r'class="ph ph-0" style="left:5%;top:22%;width:44\.062%', picture)
    assert re.search(r'<img class="abs" src="data:image/png;base64,[^"]+" alt="A map[^"]*" style="left:50\.938%', picture)
    assert '<p class="lv0 first heading">Sexual exploitation</p>' in section_of(text, "Sexual and criminal exploitation")
