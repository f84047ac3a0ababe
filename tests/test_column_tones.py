"""Column tones (`::: column tone=avoid|prefer`, or pandoc's `::: {.column .avoid}`): parsed once,
drawn on every output in the template's colours, never the only signal, never read aloud.

The visual sample gains two toned slides (a comparison and plain columns); the deck is reopened
with python-pptx, the HTML slides and handout are parsed, the Word handout reopened with python-docx."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import run
from docx import Document
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from test_visual_handouts import find, slide, text, tree

from workshop_builder.checks import check_project
from workshop_builder.checks.accessibility import contrast_ratio
from workshop_builder.render.template_info import template_look
from workshop_builder.visuals import TONE_ACCENTS, TONE_RGB, column_tone

SAMPLE = Path(__file__).parent / "projects" / "visual"
AVOID, PREFER = "B3261E", "00756A"  # the default template's accent3 and accent2
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TONED = """
## Say it plainly

:::: columns
::: column tone=avoid
### ✗ Not this
- A phrase that blames
:::
::: {.column .prefer}
### ✓ Say this
- A phrase that protects
:::
::::

## Wait or act

:::: columns
::: column tone=avoid
- ✗ Wait and see
:::
::: column tone=prefer
- ✓ Ask and record
:::
::::
"""


def add(project: Path, markdown: str) -> int:
    """Append markdown to the sample module; the line number its first line lands on."""
    path = project / "modules" / "visuals.md"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + markdown, encoding="utf-8")
    return len(before.split("\n")) + 1


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample with the toned slides, as a deck, HTML slides and HTML and Word handouts."""
    dest = tmp_path_factory.mktemp("tones") / "visual"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("output"))
    add(dest, TONED)
    result = run("build", "-C", dest, "-f", "pptx", "-f", "slides-html", "-f", "facilitator",
                 "-f", "participant-docx", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    return dest / "output" / "staff"


def one(built: Path, suffix: str) -> Path:
    [path] = [p for p in built.glob(f"*{suffix}") if suffix != ".html" or "slides" not in p.name]
    return path


def deck_slide(built: Path, title: str):
    prs = Presentation(str(one(built, ".pptx")))
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == title)


def bands(sld) -> list:
    return [s for s in sld.shapes if s.name.startswith("Column ") and s.name.endswith(" Band")]


# ---- parsing ----

def test_the_tone_colours_are_the_templates_and_readable_on_white():
    look = template_look(Path(__file__).parent.parent / "templates" / "deck.pptx")
    for tone, accent in TONE_ACCENTS.items():
        assert look.colours[accent].upper() == TONE_RGB[tone]
        assert contrast_ratio(TONE_RGB[tone], "FFFFFF") >= 4.5


@pytest.mark.parametrize("args, attrs, tone", [
    ([], {}, ""), ([], {"tone": "avoid"}, "avoid"), ([".prefer"], {}, "prefer"),
    ([".avoid"], {"tone": "avoid"}, "avoid"),
])
def test_a_columns_tone_reads_from_key_value_or_class(args, attrs, tone):
    assert column_tone(args, attrs) == (tone, None)


@pytest.mark.parametrize("args, attrs, words", [
    ([], {"tone": "avoidd"}, "did you mean 'avoid'"), ([], {"colour": "red"}, "'colour'"),
    (["wide"], {}, "'wide'"), ([".red"], {}, "'red' is not one of avoid, prefer"),
    ([".prefer"], {"tone": "avoid"}, "one tone"),
])
def test_a_columns_words_that_are_not_a_tone_are_mistakes(args, attrs, words):
    tone, mistake = column_tone(args, attrs)
    assert tone == "" and mistake is not None and words in " ".join(mistake)


@pytest.mark.parametrize("opening", ["::: column tone=red", "::: {.column .red}", "::: column colour=red"])
def test_a_bad_tone_is_a_load_error_with_file_and_line(tmp_path, opening):
    project = tmp_path / "visual"
    shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns("output"))
    start = add(project, f"## Two views\n\n:::: columns\n{opening}\n- a\n:::\n::: column\n- b\n:::\n::::\n")
    _, findings = check_project(project)
    [hit] = [d for d in findings if d.code == "E036"]
    assert (hit.loc.path, hit.loc.line) == ("modules/visuals.md", start + 3)
    assert [d.code for d in findings if d.code.startswith("E")] == ["E036"]  # the column is still read
    result = run("check", "-C", project)
    assert result.exit_code == 1 and re.search(rf"modules/visuals\.md:{start + 3}:\d+: E036 ", result.output)


def test_the_sample_with_tones_checks_clean(tmp_path):
    project = tmp_path / "visual"
    shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns("output"))
    add(project, TONED)
    _, findings = check_project(project)
    assert [d for d in findings if d.code[:2] in ("E0", "W3")] == []


# ---- the deck ----

def test_deck_headings_take_the_tones_theme_colours_and_read_only_the_authors_words(built):
    sld = deck_slide(built, "Say it plainly")
    headings = {s.text_frame.text: s for s in sld.placeholders if s.text_frame.text.startswith(("✗", "✓"))}
    assert set(headings) == {"✗ Not this", "✓ Say this"}
    colours = {t: {r.font.color.theme_color for r in s.text_frame.paragraphs[0].runs} for t, s in headings.items()}
    assert colours == {"✗ Not this": {MSO_THEME_COLOR.ACCENT_3}, "✓ Say this": {MSO_THEME_COLOR.ACCENT_2}}
    found = bands(sld)
    assert [b.fill.fore_color.theme_color for b in found] == [MSO_THEME_COLOR.ACCENT_3, MSO_THEME_COLOR.ACCENT_2]
    for band, heading in zip(found, headings.values()):
        assert band.text_frame.text == ""
        c_nv_pr = band._element.nvSpPr.cNvPr
        assert c_nv_pr.get("descr") == "" and c_nv_pr.find(f".//{DECORATIVE}").get("val") == "1"
        assert abs(band.top - (heading.top + heading.height)) < 12700  # over the heading rule
        assert heading.left < band.left < band.left + band.width < heading.left + heading.width


def test_plain_columns_take_bands_and_untoned_columns_are_unchanged(built):
    plain = deck_slide(built, "Wait or act")
    assert [b.fill.fore_color.theme_color for b in bands(plain)] == [MSO_THEME_COLOR.ACCENT_3,
                                                                     MSO_THEME_COLOR.ACCENT_2]
    untoned = deck_slide(built, "Sexual and criminal exploitation")
    assert bands(untoned) == []
    for ph in untoned.placeholders:
        for para in ph.text_frame.paragraphs:
            assert [r.font.color.type for r in para.runs] == [None] * len(para.runs)


# ---- the HTML slides and handout ----

def test_html_slides_draw_the_tone_as_the_deck_does(built):
    [path] = list(built.glob("*slides.html"))
    page = path.read_text(encoding="utf-8")
    for tone, colour, label in (("avoid", AVOID, "✗ Not this"), ("prefer", PREFER, "✓ Say this")):
        assert re.search(rf'class="ph ph-\d tone-{tone}"[^>]*><div class="tx"><p class="lv0 first" '
                         rf'style="color:#{colour}">{label}</p>', page)
        assert f"background:#{colour}" in page
    assert page.count('class="deco tone-band"') == 4


def test_html_handout_columns_carry_the_tone_class_and_the_authors_heading(built):
    path = one(built, "facilitator.html")
    section = slide(tree(path), "Say it plainly")
    columns = find(section, "div", "column")
    assert [c["attrs"]["class"] for c in columns] == ["column tone tone-avoid", "column tone tone-prefer"]
    assert [text(find(c, "h4")[0]) for c in columns] == ["✗ Not this", "✓ Say this"]
    css = path.read_text(encoding="utf-8")
    assert "--avoid: #b3261e" in css and "--prefer: #00756a" in css
    assert re.search(r"\.column\.tone h4 \{ color: var\(--tone\)", css)


def test_word_handout_colours_the_headings_and_bars_the_columns(built):
    document = Document(str(one(built, ".docx")))
    cells = {}
    for table in document.tables:
        for cell in table.rows[0].cells:
            if cell.paragraphs and cell.paragraphs[0].text in ("✗ Not this", "✓ Say this", "✗ Wait and see"):
                cells[cell.paragraphs[0].text] = cell
    for label, colour in (("✗ Not this", AVOID), ("✓ Say this", PREFER)):
        runs = cells[label].paragraphs[0].runs
        assert runs and {str(r.font.color.rgb) for r in runs} == {colour}
        left = cells[label]._tc.tcPr.find(f"{W}tcBorders/{W}left")
        assert left.get(f"{W}color") == colour and left.get(f"{W}val") == "single"
    assert cells["✗ Wait and see"]._tc.tcPr.find(f"{W}tcBorders/{W}left").get(f"{W}color") == AVOID
