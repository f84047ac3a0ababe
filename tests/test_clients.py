"""The default workshop's outputs opened in the programs people use them with.

Every deck is converted by LibreOffice Impress (one page a slide, every title and paragraph
drawn, no word outside the page); every handout is printed by Chromium (tagged, with a title
and language) and checked by axe-core against WCAG 2.2 AA; every Word handout is opened by
LibreOffice Writer. Without the programs the tests skip, saying which is missing; CI
(.ci/run) installs them and sets WORKSHOP_BUILDER_REQUIRE_CLIENTS=1, so there they fail.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CLIENTS, need, need_node_packages
from pptx import Presentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape

from workshop_builder.cli import main

pytestmark = pytest.mark.clients

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("pptx", "facilitator", "participant", "facilitator-pdf", "participant-pdf",
           "facilitator-docx", "participant-docx")
AUDIENCES = ("elected-members", "childrens-practitioners", "adult-safeguarding", "district-and-regulatory",
             "all-council-staff")
TIMEOUT = 300
WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (how a wrapped line reads)."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text without whitespace or hyphens: pdftotext joins words hyphenated at a line's end."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def soffice_to_pdf(files, out: Path, profile: Path) -> None:
    """Convert documents to PDF with LibreOffice in its own profile, with a timeout."""
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out)] + [str(f) for f in files],
                   check=True, timeout=TIMEOUT, capture_output=True, env=dict(os.environ, HOME=str(profile.parent)))


def pdf_pages(pdf: Path) -> list:
    """[(width, height, [(xMin, yMin, xMax, yMax, word)])] for every page, from `pdftotext -bbox`."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, timeout=TIMEOUT,
                         capture_output=True, encoding="utf-8").stdout
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), html_lib.unescape(t))
                                  for a, b, c, d, t in WORD.findall(body)])
            for w, h, body in PAGE.findall(out)]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, timeout=TIMEOUT,
                          capture_output=True, encoding="utf-8").stdout


def pdfinfo(pdf: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, timeout=TIMEOUT, capture_output=True,
                         encoding="utf-8").stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every audience of the default workshop in every format, with slide thumbnails."""
    need("soffice", "pdftoppm", "chromium")
    out = tmp_path_factory.mktemp("clients") / "output"
    # one worker: the facilitator HTML and PDF handouts then share one LibreOffice run for their pictures
    args = ["build", "-C", str(REPO), "-o", str(out), "--thumbnails", "--jobs", "1"]
    for fmt in FORMATS:
        args += ["-f", fmt]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "without slide pictures" not in result.output
    return out


def outputs(built: Path, suffix: str) -> list:
    files = sorted(built.glob(f"*/*{suffix}"))
    assert len(files) == len(AUDIENCES), files
    return files


def test_every_deck_opens_in_impress_with_every_slide_on_its_page(built, tmp_path):
    need("soffice", "pdftotext")
    decks = outputs(built, ".pptx")
    soffice_to_pdf(decks, tmp_path / "pdf", tmp_path / "profile")
    for deck in decks:
        pdf = tmp_path / "pdf" / f"{deck.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {deck.name}"
        pages = pdf_pages(pdf)
        slides = list(Presentation(str(deck)).slides)
        assert len(pages) == len(slides), f"{deck.name}: {len(pages)} pages for {len(slides)} slides"
        for number, (slide, (width, height, words)) in enumerate(zip(slides, pages), 1):
            drawn = squeezed(" ".join(w[4] for w in words))
            title = flat(slide.shapes.title.text_frame.text)
            assert squeezed(title) in drawn, f"{deck.name} slide {number}: title {title!r} not drawn"
            for shape in slide.shapes:
                texts = [p.text for p in shape.text_frame.paragraphs] if shape.has_text_frame else []
                if shape.has_table:
                    texts = [c.text for row in shape.table.rows for c in row.cells]
                for text in texts:  # word by word: pdftotext may interleave lines of side-by-side boxes
                    lost = [word for word in text.split() if squeezed(word) not in drawn]
                    assert not lost, (f"{deck.name} slide {number} ({title}): {lost} of {text!r} not drawn "
                                      "(missing, or off the slide: poppler drops words beyond the page)")
            outside = [w for w in words if w[0] < -0.5 or w[1] < -0.5 or w[2] > width + 0.5 or w[3] > height + 0.5]
            assert not outside, f"{deck.name} slide {number} ({title}): text off the slide: {outside[:5]}"


def _shape_texts(shape) -> list:
    """Every text a shape draws: its paragraphs, table cells, a group's members, a chart's labels."""
    if isinstance(shape, GroupShape):  # a diagram: its steps
        return [text for member in shape.shapes for text in _shape_texts(member)]
    if isinstance(shape, GraphicFrame) and shape.has_chart:
        chart = shape.chart
        texts = [str(c) for c in chart.plots[0].categories]
        return texts + ([chart.chart_title.text_frame.text] if chart.has_title else [])
    if isinstance(shape, GraphicFrame) and shape.has_table:
        return [c.text for row in shape.table.rows for c in row.cells]
    if shape.has_text_frame:
        return [p.text for p in shape.text_frame.paragraphs]
    return []


def test_every_slide_kind_opens_in_impress_with_every_word_on_its_slide(tmp_path):
    """tests/projects/visual (one slide of every kind: columns, comparison, big numbers, quotation,
    picture, charts, process and cycle diagrams, activity) in Impress: every word drawn, none off the slide."""
    need("soffice", "pdftotext")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-C", str(REPO / "tests" / "projects" / "visual"), "-o", str(out),
                                       "-f", "pptx", "--no-thumbnails", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    decks = sorted(out.glob("*/*.pptx"))
    assert decks
    soffice_to_pdf(decks, tmp_path / "pdf", tmp_path / "profile")
    for deck in decks:
        pages = pdf_pages(tmp_path / "pdf" / f"{deck.stem}.pdf")
        slides = list(Presentation(str(deck)).slides)
        assert len(pages) == len(slides)
        kinds, checked = set(), []
        for number, (slide, (width, height, words)) in enumerate(zip(slides, pages), 1):
            kinds.add(slide.slide_layout.name)
            drawn = squeezed(" ".join(w[4] for w in words))
            for shape in slide.shapes:
                for text in _shape_texts(shape):
                    checked.append(text)
                    lost = [word for word in text.split() if squeezed(word) not in drawn]
                    assert not lost, f"{deck.name} slide {number}: {lost} of {text!r} not drawn"
            outside = [w for w in words if w[0] < -0.5 or w[1] < -0.5 or w[2] > width + 0.5 or w[3] > height + 0.5]
            assert not outside, f"{deck.name} slide {number}: text off the slide: {outside[:5]}"
        assert {"Two Content", "Comparison", "Big Number", "Quotation", "Picture with Caption", "Title Only",
                "Activity"} <= kinds, kinds
        # the diagram steps (inside groups) and the chart categories were read and found drawn
        assert {"Targeting", "Gaining trust", "2021", "Police"} <= set(checked), sorted(checked)


def test_every_handout_prints_in_chromium_as_a_tagged_pdf_with_title_and_language(built):
    need("pdfinfo", "pdftotext")
    for kind in ("facilitator", "participant"):
        for pdf in outputs(built, f"-{kind}.pdf"):
            info = pdfinfo(pdf)
            assert int(info["Pages"]) > 0
            assert f"{kind} handout" in info["Title"], info["Title"]
            assert info["Tagged"].strip() == "yes"
            assert b"/Lang (en-GB)" in pdf.read_bytes()
            text = flat(pdf_text(pdf)).lower()
            assert "support and contacts" in text and "agenda" in text
            assert kind == "participant" or "what to say" in text


def test_facilitator_handout_shows_each_slide_picture_with_its_title(built):
    for fac in outputs(built, "-facilitator.html"):
        deck = fac.with_name(fac.name.replace("-facilitator.html", ".pptx"))
        titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
        page = fac.read_text(encoding="utf-8")
        pictures = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="Slide (\d+): ([^"]*)"', page)
        numbers = [int(n) for n, _ in pictures]
        # every slide but the title, agenda and closing slides, in deck order, each with its title
        assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))
        assert numbers[0] > 1 and numbers[-1] < len(titles)
        assert len(numbers) >= len(titles) - 2 - sum(t.startswith("Agenda") for t in titles)
        for n, alt in pictures:
            assert html_lib.unescape(alt) == titles[int(n) - 1]


def test_handouts_have_no_axe_violations_for_wcag_2_2_aa(built):
    need_node_packages("axe-core", "playwright-core")
    pages = outputs(built, "-facilitator.html") + outputs(built, "-participant.html")
    proc = subprocess.run(["node", str(CLIENTS / "axe_check.js"), "--chromium", shutil.which("chromium")]
                          + [str(p) for p in pages], capture_output=True, timeout=TIMEOUT, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert sorted(results) == sorted(str(p) for p in pages)
    violations = {Path(page).name: found for page, found in results.items() if found}
    assert not violations, json.dumps(violations, indent=1)


def test_word_handouts_open_in_writer_with_their_headings(built, tmp_path):
    need("soffice", "pdftotext")
    import docx

    files = outputs(built, "-facilitator.docx") + outputs(built, "-participant.docx")
    soffice_to_pdf(files, tmp_path / "pdf", tmp_path / "profile")
    for path in files:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice Writer wrote no PDF for {path.name}"
        text = squeezed(pdf_text(pdf))
        headings = [p.text for p in docx.Document(str(path)).paragraphs
                    if p.style.name.startswith("Heading") or p.style.name == "Title"]
        assert len(headings) > 10
        for heading in headings:
            assert squeezed(heading) in text, f"{path.name}: heading {heading!r} not in Writer's PDF"


NOTES_PAGES_PDF = ('pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
                   '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')


def test_shipped_notes_print_inside_their_notes_pages(tmp_path):
    """Every slide's notes, printed by LibreOffice as notes pages, are drawn word for word inside
    the notes master's text box (issue 11: long notes were cut at the page's bottom)."""
    need("soffice", "pdftotext")
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build", "-C", str(REPO), "-o", str(out), "-f", "pptx", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    decks = sorted(out.glob("*/*.pptx"))
    assert len(decks) == len(AUDIENCES)
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", NOTES_PAGES_PDF, "--outdir", str(tmp_path / "pdf")] + [str(d) for d in decks],
                   check=True, timeout=TIMEOUT, capture_output=True, env=dict(os.environ, HOME=str(tmp_path)))
    checked = 0
    for deck in decks:
        prs = Presentation(str(deck))
        body = next(ph for ph in prs.notes_master.placeholders if ph.placeholder_format.type == 2)  # BODY
        notes_height = int(prs.part._element.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}notesSz").get("cy"))
        pages = pdf_pages(tmp_path / "pdf" / f"{deck.stem}.pdf")
        slides = list(prs.slides)
        assert len(pages) == len(slides), f"{deck.name}: {len(pages)} notes pages for {len(slides)} slides"
        for number, (slide, (_, height, words)) in enumerate(zip(slides, pages), 1):
            if not slide.has_notes_slide or not slide.notes_slide.notes_text_frame.text.strip():
                continue
            scale = height / (notes_height / 12700)
            top, bottom = (body.top / 12700 * scale, (body.top + body.height) / 12700 * scale)
            below_image = [w for w in words if w[1] >= top - 1 and not (w[4].isdigit() and w[1] > bottom)]
            drawn = squeezed(" ".join(w[4] for w in below_image))
            notes = slide.notes_slide.notes_text_frame.text
            lost = [word for word in notes.split() if squeezed(word) not in drawn]
            assert not lost, f"{deck.name} notes page {number}: {lost[:5]} of the notes not printed"
            outside = [w for w in below_image if w[3] > bottom + 1]
            assert not outside, f"{deck.name} notes page {number}: notes below the notes box: {outside[:3]}"
            checked += 1
    assert checked > 100


def test_corpus_pdf_handouts_join_soft_breaks_keep_hard_ones_and_show_code_without_info_strings(tmp_path):
    """The corpus (tests/corpus/) printed to PDF by Chromium: what the Markdown means, as text."""
    need("chromium", "pdftotext")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-C", str(REPO / "tests" / "corpus"), "-o", str(out), "--jobs", "1",
                                       "-f", "facilitator-pdf", "-f", "participant-pdf"])
    assert result.exit_code == 0, result.output
    for pdf in sorted(out.glob("*/*.pdf")):
        text = pdf_text(pdf)
        lines = [line.strip() for line in text.splitlines()]
        assert squeezed("A paragraph written over three source lines is one paragraph on the slide") in squeezed(text)
        at = lines.index("Name and role")  # a hard break ends the line; the next line is the next one
        assert lines[at + 1:at + 3] == ["Team and phone", "Office hours"]
        assert "### this is a comment, not a heading" in lines
        assert not {"bash", "```bash", "~~~{.python .numberLines}", "python"} & set(lines)
        assert squeezed("INTRO-HANDOUT: a handout block in the introduction") in squeezed(text)
