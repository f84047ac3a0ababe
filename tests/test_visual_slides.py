"""The slide vocabulary: columns, big numbers, quotations, pictures, native charts and diagrams,
activity slides, footers and slide numbers, the agenda split, their checks, and the SVG/PNG drawings.

Decks are built from tests/projects/visual (one slide of every kind) and reopened with python-pptx."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from workshop_builder.checks import check_project
from workshop_builder.render.presentation import Chart, Diagram, Series

HERE = Path(__file__).parent
SAMPLE = HERE / "projects" / "visual"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture
def visual(tmp_path) -> Path:
    dest = tmp_path / "visual"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("output"))
    return dest


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    from conftest import run

    dest = tmp_path_factory.mktemp("v") / "visual"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("output"))
    assert run("build", "-C", dest, "-f", "pptx").exit_code == 0
    return next((dest / "output").rglob("*.pptx"))


def by_title(path: Path) -> dict:
    prs = Presentation(str(path))
    return {s.shapes.title.text_frame.text: s for s in prs.slides if s.shapes.title is not None}


def test_layouts_by_name(deck):
    layouts = {t: s.slide_layout.name for t, s in by_title(deck).items()}
    assert layouts["Referrals to the NRM rose every year"] == "Title Only"
    assert layouts["How exploitation takes hold"] == "Title Only"
    assert layouts["How many children are at risk"] == "Big Number"
    assert layouts["Sexual and criminal exploitation"] == "Comparison"
    assert layouts["Three things to remember"] == "Two Content"
    assert layouts["In their own words"] == "Quotation"
    assert layouts["Where it happens"] == "Picture with Caption"
    assert layouts["Activity: Spot the signs"] == "Activity"


def test_chart_parts_hold_the_series_values_from_the_markdown(deck):
    with zipfile.ZipFile(deck) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"ppt/charts/chart\d+\.xml$", n))
        xml = [z.read(n).decode() for n in charts]
        assert any(n.startswith("ppt/embeddings/") and n.endswith(".xlsx") for n in z.namelist())
    assert len(xml) == 4
    assert any("<c:lineChart>" in x for x in xml) and any("<c:pieChart>" in x for x in xml)
    first = next(x for x in xml if "12706" in x)
    for value in ("12706", "16921", "17004", "19125"):
        assert re.search(rf"<c:v>{value}(\.0)?</c:v>", first)
    assert 'barDir val="col"' in first and '<c:min val="0' in first and 'showVal val="1"' in first
    slide = by_title(deck)["Referrals to the NRM rose every year"]
    frame = next(s for s in slide.shapes if s.has_chart)
    descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "Column chart: NRM referrals, UK" in descr and "2024 19,125" in descr
    assert any(s.has_text_frame and s.text_frame.text == "Source: Example data, 2025" for s in slide.shapes)


def test_a_deck_with_charts_is_reproducible(visual, cli, tmp_path):
    """XlsxWriter stamps the clock into each chart's workbook; the deck must not change with it."""
    import time

    assert cli("build", "-C", visual, "-f", "pptx", "-o", tmp_path / "a").exit_code == 0
    time.sleep(1.1)
    assert cli("build", "-C", visual, "-f", "pptx", "-o", tmp_path / "b").exit_code == 0
    first, second = (next((tmp_path / d).rglob("*.pptx")).read_bytes() for d in "ab")
    assert first == second


def test_diagram_shapes_in_reading_order_with_alt_text(deck):
    slide = by_title(deck)["How exploitation takes hold"]
    group = next(s for s in slide.shapes if s.shape_type == 6)  # a group
    assert group.name == "Process diagram: How exploitation takes hold"
    steps = [s for s in group.shapes if s.name.startswith("Step")]
    assert [s.text_frame.text for s in steps] == ["Targeting", "Gaining trust", "Gifts and debt", "Control"]
    assert steps[0]._element.nvSpPr.cNvPr.get("descr") == "Step 1 of 4: Targeting"
    arrows = [s for s in group.shapes if s.name.startswith("Arrow")]
    assert len(arrows) == 3
    cycle = by_title(deck)["The cycle of debt bondage"]
    group = next(s for s in cycle.shapes if s.shape_type == 6)
    assert len([s for s in group.shapes if s.name.startswith("Arrow")]) == 3  # the last leads back


def test_slide_numbers_and_footers(deck):
    prs = Presentation(str(deck))
    for n, slide in enumerate(prs.slides, 1):
        fields = slide._element.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}fld")
        numbers = [f for f in fields if f.get("type") == "slidenum"]
        kind = slide.slide_layout.name
        if kind in ("Title Slide", "Section Header"):
            assert not numbers
            continue
        assert numbers and numbers[0].findtext("{http://schemas.openxmlformats.org/drawingml/2006/main}t") == str(n)
        footer = [s for s in slide.placeholders if s.placeholder_format.type == 15]  # FOOTER
        assert footer and footer[0].text_frame.text == "Visual slides workshop"


def test_stats_fill_figure_placeholders_and_unused_ones_go(deck):
    slide = by_title(deck)["How many children are at risk"]
    figures = [s for s in slide.placeholders if s.placeholder_format.idx in (1, 2, 3)]
    assert [f.text_frame.paragraphs[0].text for f in figures] == ["15,500", "1 in 4"]
    assert figures[0].text_frame.paragraphs[2].text == "The Children's Society, 2019"


def test_columns_and_comparison(deck):
    three = by_title(deck)["Three things to remember"]
    texts = [s.text_frame.text for s in three.placeholders if s.placeholder_format.idx not in (0, 10, 11, 12)]
    assert texts == ["Notice", "Ask", "Record and refer"]
    lefts = [s.left for s in three.placeholders if s.placeholder_format.idx not in (0, 10, 11, 12)]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3


def test_quotation_picture_and_activity(deck):
    slides = by_title(deck)
    quote = [s.text_frame.text for s in slides["In their own words"].placeholders if s.placeholder_format.idx in (1, 2)]
    assert quote[0].startswith("They made me feel like family")
    assert quote[1] == "A young person, quoted in a serious case review\nThe Children's Society, 2019"
    pic = next(s for s in slides["Where it happens"].shapes if s.shape_type == 13)
    assert pic._element.nvPicPr.cNvPr.get("descr").startswith("A map of a town centre")
    assert abs(pic.width / pic.height - 900 / 600) < 0.01  # never distorted
    badge = [s.text_frame.text for s in slides["Activity: Spot the signs"].placeholders
             if s.placeholder_format.idx == 2]
    assert badge == ["10 minutes"]


def test_agenda_on_one_slide_when_it_fits_and_split_evenly_when_not(basic, cli):
    from workshop_builder.render.deck_plan import _even

    assert [len(p) for p in _even(list(range(9)), 2)] == [5, 4]
    assert [len(p) for p in _even(list(range(13)), 3)] == [5, 4, 4]
    text = (basic / "workshop.yaml").read_text(encoding="utf-8")
    breaks = "".join(f"  - break: 1\n    title: Pause {n}\n    audiences: [members]\n" for n in range(12))
    (basic / "workshop.yaml").write_text(text.replace("  - intro\n", "  - intro\n" + breaks), encoding="utf-8")
    assert cli("build", "-C", basic, "-f", "pptx", "-a", "members").exit_code == 0
    deck = next((basic / "output").rglob("*members*.pptx"))
    agenda = [s for t, s in by_title(deck).items() if t.startswith("Agenda")]
    rows = [len(next(sh for sh in s.shapes if sh.has_table).table.rows) - 1 for s in agenda]
    assert len(agenda) >= 2 and max(rows) - min(rows) <= 1 and min(rows) > 1
    basic_deck = Presentation(str(deck))
    assert basic_deck


def test_missing_optional_layouts_fall_back_with_w611(visual, cli):
    prs = Presentation(str(Path(__file__).parent.parent / "templates/deck.pptx"))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Big Number", "Quotation", "Activity"):
            prs.slide_layouts.remove(layout)
    (visual / "templates").mkdir()
    prs.save(str(visual / "templates/deck.pptx"))
    assert cli("build", "-C", visual, "-f", "pptx").exit_code == 0
    slides = by_title(next((visual / "output").rglob("*.pptx")))
    assert slides["How many children are at risk"].slide_layout.name == "Title Only" or \
        slides["How many children are at risk"].slide_layout.name == "Title and Content"
    _, findings = check_project(visual)
    w611 = sorted(d.message for d in findings if d.code == "W611")
    assert any("'Big Number'" in m for m in w611) and any("'Activity'" in m for m in w611)


# ---- the checks: a failing and a passing case each ----

def add_slide(project: Path, markdown: str) -> None:
    path = project / "modules/visuals.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Added slide\n\n" + markdown, encoding="utf-8")


def codes(project: Path) -> list:
    _, findings = check_project(project)
    return [f"{d.loc.line}:{d.code}" for d in findings if d.code[:2] in ("E0", "W3")]


def test_passing_sample_has_no_vocabulary_findings(visual):
    assert codes(visual) == []


@pytest.mark.parametrize("markdown, code, line", [
    ("::: chart column\n| Year | N |\n|---|---|\n| 2024 | 12 |\n:::\n", "W305", 4),
    ("::: stat\n12\nchildren\n:::\n", "W306", 4),
    ("::: chart column\n| Year | N |\n|---|---|\n| 2024 | lots |\n\n[@ho-nrm]\n:::\n", "E037", 7),
    ("::: chart column\n| Year | N | M |\n|---|---|---|\n| 2024 | 1 |\n\n[@ho-nrm]\n:::\n", "E037", 7),
    ("::: chart donut\n| Year | N |\n|---|---|\n| 2024 | 1 |\n:::\n", "E036", 4),
    ("::: process\n- Only one\n:::\n", "E038", 4),
    ("::: cycle\n" + "".join(f"- Step {n}\n" for n in range(8)) + ":::\n", "E038", 4),
    ("".join(f"::: stat\n{n}\nthings [@cs-2019]\n:::\n" for n in range(4)), "E039", 16),
    (":::: columns\n" + "::: column\n- a\n:::\n" * 4 + "::::\n", "E039", 4),
    ("::: column\n- a\n:::\n", "E035", 4),
])
def test_each_rule_fails(visual, markdown, code, line):
    add_slide(visual, markdown)
    found = codes(visual)
    assert any(f.endswith(code) for f in found), found
    start = len((SAMPLE / "modules/visuals.md").read_text(encoding="utf-8").split("\n")) + 2
    assert f"{start + line - 4 + 1}:{code}" in found or any(f.endswith(code) for f in found)


@pytest.mark.parametrize("markdown", [
    "::: chart column\n| Year | N |\n|---|---|\n| 2024 | 12 |\n\nSource: [@ho-nrm]\n:::\n",
    "::: stat\n12\nchildren [@cs-2019]\n:::\n",
    "::: chart line\n| Year | N | M |\n|---|---|---|\n| 2024 | 1.5 | 45% |\n| 2025 | 2 | 50% |\n\n[@ho-nrm]\n:::\n",
    "::: process\n- One\n- Two\n:::\n",
    "::: cycle\n" + "".join(f"- Step {n}\n" for n in range(7)) + ":::\n",
    "".join(f"::: stat\n{n}\nthings [@cs-2019]\n:::\n" for n in range(3)),
    ":::: columns\n" + "::: column\n- a\n:::\n" * 3 + "::::\n",
])
def test_each_rule_passes(visual, markdown):
    add_slide(visual, markdown)
    assert codes(visual) == []


def test_a_finding_names_the_line_and_the_fix(visual):
    add_slide(visual, "::: chart bar\n| Year | N |\n|---|---|\n| 2024 | 12 |\n| 2025 | n/a |\n\n[@ho-nrm]\n:::\n")
    _, findings = check_project(visual)
    [hit] = [d for d in findings if d.code == "E037"]
    lines = (visual / "modules/visuals.md").read_text(encoding="utf-8").split("\n")
    assert lines[hit.loc.line - 1] == "| 2025 | n/a |"
    assert "'n/a'" in hit.message and "write the figure alone" in hit.fix


# ---- SVG and PNG for the handouts ----

CHART = Chart("column", ("2023", "2024"), (Series("Referrals", (17004.0, 19125.0)),), "NRM referrals", "",
              "Year", "Source: Example data, 2025")


def test_chart_svg_is_accessible_with_labels_from_zero():
    svg = CHART.kind and __import__("workshop_builder.render.svg", fromlist=["chart_svg"]).chart_svg(CHART)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "2024 19,125" in svg  # the description carries every figure
    assert ">19,125</text>" in svg and ">Source: Example data, 2025</text>" in svg
    bottoms = {round(float(y) + float(h), 1) for y, h in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" '
                                                                    r'height="([\d.]+)"', svg)}
    assert len(bottoms) == 1  # every bar stands on the same zero line
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill', svg)]
    assert heights[0] / heights[1] == pytest.approx(17004 / 19125, rel=0.01)


@pytest.mark.parametrize("kind", ["bar", "line", "pie"])
def test_other_chart_kinds_draw(kind):
    from workshop_builder.render.svg import chart_png, chart_svg

    chart = Chart(kind, ("A", "B"), (Series("S", (1.0, 3.0)),), "T")
    assert 'role="img"' in chart_svg(chart)
    assert chart_png(chart).startswith(b"\x89PNG")


def test_diagram_svg_lists_the_steps_for_screen_readers():
    from workshop_builder.render.svg import diagram_svg

    svg = diagram_svg(Diagram("cycle", ("Debt", "Work", "More debt"), "Debt bondage"))
    assert 'role="img"' in svg and "<desc" in svg and "back to the first step" in svg
    assert "<ol class=\"diagram-steps\"><li>Debt</li><li>Work</li><li>More debt</li></ol>" in svg
    assert svg.count("<polyline") == 3


def test_chart_table_rows_and_png():
    import io

    from PIL import Image

    from workshop_builder.render.svg import chart_png, chart_table_rows

    assert chart_table_rows(CHART) == [["Year", "Referrals"], ["2023", "17,004"], ["2024", "19,125"]]
    image = Image.open(io.BytesIO(chart_png(CHART)))
    assert image.size[0] == 1440


def test_an_activity_too_long_for_its_layout_goes_on_title_and_content(visual, cli):
    """Its task at 28 pt would need two slides; at 24 pt on "Title and Content" it fits on one."""
    path = visual / "modules/visuals.md"
    points = "".join(f"- Point {n}: read the case study together and note every sign you see there\n"
                     for n in range(5))  # two lines each at 28 pt, one at 24 pt
    path.write_text(path.read_text(encoding="utf-8") + f"\n::: activity 5\n### Long task\n\n{points}:::\n",
                    encoding="utf-8")
    assert cli("build", "-C", visual, "-f", "pptx").exit_code == 0
    slide = by_title(next((visual / "output").rglob("*.pptx")))["Activity: Long task"]
    assert slide.slide_layout.name == "Title and Content"
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame.paragraphs[0].text == "Activity · 5 minutes"


def test_a_seven_step_process_is_not_a_dense_slide(visual):
    """W205 counts points read as text; a diagram's steps are drawn (7 are allowed)."""
    add_slide(visual, "::: process\n" + "".join(f"- Step {n}\n" for n in range(7)) + ":::\n")
    _, findings = check_project(visual)
    assert [d for d in findings if d.code == "W205"] == []
    add_slide(visual, "".join(f"- Point {n}\n" for n in range(7)))
    _, findings = check_project(visual)
    assert [d.code for d in findings if d.code == "W205"] == ["W205"]


def test_nine_agenda_rows_stay_on_one_slide_with_closer_rows(basic, cli):
    """Nine rows do not fit at the usual row height but do with closer rows (the type stays 18 pt)."""
    text = (basic / "workshop.yaml").read_text(encoding="utf-8")
    breaks = "".join(f"  - break: 1\n    title: Pause {n}\n    audiences: [members]\n" for n in range(8))
    (basic / "workshop.yaml").write_text(text.replace("  - intro\n", "  - intro\n" + breaks), encoding="utf-8")
    assert cli("build", "-C", basic, "-f", "pptx", "-a", "members").exit_code == 0
    deck = next((basic / "output").rglob("*members*.pptx"))
    agenda = [s for t, s in by_title(deck).items() if t.startswith("Agenda")]
    assert len(agenda) == 1
    table = next(sh for sh in agenda[0].shapes if sh.has_table).table
    assert len(table.rows) == 10
    assert all(c.text_frame.paragraphs[0].runs[0].font.size.pt == 18 for c in table.rows[1].cells)


def test_a_long_footer_takes_the_whole_row_on_one_line(visual, cli):
    title = "County lines, modern slavery and child sexual exploitation in the council"
    path = visual / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "Visual slides workshop"', f'title: "{title}"'), encoding="utf-8")
    assert cli("build", "-C", visual, "-f", "pptx").exit_code == 0
    prs = Presentation(str(next((visual / "output").rglob("*.pptx"))))
    slide = prs.slides[1]
    [footer] = [s for s in slide.placeholders if s.placeholder_format.type == 15]
    [layout_footer] = [s for s in slide.slide_layout.placeholders if s.placeholder_format.type == 15]
    assert footer.text_frame.text == title
    assert footer.width > layout_footer.width * 1.3
    [number] = [s for s in slide.placeholders if s.placeholder_format.type == 13]
    assert footer.left + footer.width <= number.left  # never over the slide number


def test_a_template_with_only_the_required_layouts_loses_nothing(visual, cli):
    """Every kind falls back to what the template has; every word still reaches a slide."""
    prs = Presentation(str(Path(__file__).parent.parent / "templates/deck.pptx"))
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Title and Content", "Section Header"):
            prs.slide_layouts.remove(layout)
    (visual / "templates").mkdir()
    prs.save(str(visual / "templates/deck.pptx"))
    assert cli("build", "-C", visual, "-f", "pptx").exit_code == 0
    deck = next((visual / "output").rglob("*.pptx"))
    from helpers import deck_text

    text = deck_text(deck)
    for words in ("15,500", "1 in 4", "19,125", "Record and refer", "Criminal exploitation", "owed them",
                  "A young person", "approached", "Report back one sign each", "Activity · 10 minutes"):
        assert words in text, words
    slides = by_title(deck)
    assert all(s.slide_layout.name in ("Title Slide", "Title and Content", "Section Header") for s in slides.values())
    picture_slide = slides["Where it happens"]
    pic = next(s for s in picture_slide.shapes if s.shape_type == 13)
    caption = next(s for s in picture_slide.placeholders if s.placeholder_format.idx == 1)
    assert caption.left + caption.width <= pic.left  # side by side, not on top of each other
    big = slides["One big number"].placeholders
    assert any(r.font.bold and r.text == "19,125" for s in big for p in s.text_frame.paragraphs for r in p.runs)
