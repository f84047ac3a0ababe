"""The corpus (tests/corpus/): Markdown in the styles authors paste, built and reopened element
by element on every output, against what the Markdown means (issue 11).

wrapped-prose.md: soft-wrapped paragraphs, hard breaks (two spaces, backslash), a list numbered
from 3 with a nested wrapped list, a quotation, a `####` subheading, <kbd> keys, entities and
smart quotes, a footnote, a `::: handout` block in the introduction, a picture with
`{width=50%}` and a table. pasted-lesson.md: fenced code with info strings (```bash, ~~~{.python},
a ```` fence holding a ``` one) whose lines look like headings, `:::` and statistics; nested
fenced divs (:::: outside, ::: inside); reference links defined at the end of the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from conftest import HERE, run
from helpers import html
from pptx import Presentation
from pptx.oxml.ns import qn

CORPUS = HERE / "corpus"
WRAPPED = "A paragraph written over three source lines is one paragraph on the slide, in the notes and in " \
          "every handout, never three short lines that break mid-sentence."
SOFT_NOTE = "SOFT-NOTES: facilitators print these notes as notes pages, so a sentence that the author wrapped " \
            "in their editor must print as one flowing paragraph, not as a ragged column of half-lines."
CODE_LINE = "### this is a comment, not a heading"
INFO_STRINGS = ("bash", "{.python", ".numberLines", "markdown")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    project = root / "corpus"
    shutil.copytree(CORPUS, project)
    result = run("build", "-C", project, "-o", root / "out", "-j", "1", "-f", "pptx", "-f", "facilitator",
                 "-f", "participant", "-f", "facilitator-docx", "-f", "participant-docx")
    assert result.exit_code == 0, result.output
    return root / "out" / "staff"


def one(folder: Path, suffix: str) -> Path:
    [path] = [p for p in folder.iterdir() if p.name.endswith(suffix)]
    return path


# ---- the deck ----

@pytest.fixture(scope="module")
def deck(out):
    return Presentation(str(one(out, ".pptx")))


def slide(deck, title: str):
    return next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == title)


def paragraphs(s) -> list:
    """The slide's body paragraphs (lxml a:p elements), in order."""
    return [p._p for sh in s.shapes if sh.has_text_frame and sh != s.shapes.title for p in sh.text_frame.paragraphs]


def text(p) -> str:
    """A paragraph's text, a line break as "\\n"."""
    return "".join("\n" if el.tag == qn("a:br") else el.findtext(qn("a:t")) or "" for el in p if el.tag in (
        qn("a:r"), qn("a:br")))


def test_deck_soft_wrapped_paragraphs_are_one_line_of_text_and_hard_breaks_survive(deck):
    paras = {text(p): p for p in paragraphs(slide(deck, "Why wrapping matters"))}
    assert WRAPPED in paras and not paras[WRAPPED].findall(qn("a:br"))
    assert "Name and role\nTeam and phone\nOffice hours" in paras
    lists = [text(p) for p in paragraphs(slide(deck, "Lists, quotes and subheadings"))]
    assert "Read the referral and the chronology, which the author has wrapped over two lines." in lists
    assert "the conversation with the young person, a wrapped nested item" in lists
    assert "Exploitation is not a choice a child makes. A quotation wrapped over two lines stays one quotation." in lists
    assert not any("\n" in t for t in lists)


def test_deck_notes_join_soft_breaks_keep_paragraphs_and_shrink_to_fit(deck):
    frame = slide(deck, "Why wrapping matters").notes_slide.notes_text_frame
    assert [p.text for p in frame.paragraphs] == [SOFT_NOTE, "A second paragraph of notes stays a second paragraph."]
    assert frame._txBody.find(qn("a:bodyPr")).find(qn("a:normAutofit")) is not None
    assert all(r.font.size is not None and r.font.size.pt == 12 for p in frame.paragraphs for r in p.runs)


def test_deck_code_blocks_are_monospaced_shaded_coloured_and_never_show_the_info_string(deck):
    s = slide(deck, "Fenced code with info strings")
    code = [p for p in paragraphs(s) if p.findall(".//" + qn("a:latin"))]
    assert [text(p).split("\n")[0] for p in code] == [CODE_LINE, "total = 15500  # 45% of referrals", "```text"]
    assert "ls -l data/ | wc -l" in text(code[0]).split("\n") and text(code[0]).split("\n")[-1] == ":::"
    for p in code:
        runs = p.findall(qn("a:r"))
        assert all(r.find(qn("a:rPr")).find(qn("a:latin")).get("typeface") == "Courier New" for r in runs)
        assert all(r.find(qn("a:rPr")).find(qn("a:highlight")) is not None for r in runs)
        assert not any(text(p).startswith(info) for info in INFO_STRINGS)
    assert any(r.find(qn("a:rPr")).find(qn("a:solidFill")) is not None for r in code[1].findall(qn("a:r")))
    titles = [sh.shapes.title.text_frame.text for sh in deck.slides if sh.shapes.title is not None]
    assert not any("this is a comment" in t for t in titles)


def test_deck_lists_quotes_keys_entities_smart_quotes_and_footnotes(deck):
    s = slide(deck, "Lists, quotes and subheadings")
    paras = paragraphs(s)
    numbered = [p for p in paras if p.find(".//" + qn("a:buAutoNum")) is not None]
    assert {p.find(".//" + qn("a:buAutoNum")).get("startAt") for p in numbered} == {"3"}
    heading = next(p for p in paras if text(p) == "Before the visit")
    assert all(r.find(qn("a:rPr")).get("b") == "1" for r in heading.findall(qn("a:r")))
    quote = next(p for p in paras if text(p).startswith("Exploitation"))
    assert all(r.find(qn("a:rPr")).get("i") == "1" for r in quote.findall(qn("a:r")))
    keys = next(p for p in paras if text(p).startswith("Press"))
    assert text(keys) == "Press Ctrl+P to print — “smart” quotes & dashes – as the author wants.¹"
    mono = [r.findtext(qn("a:t")) for r in keys.findall(qn("a:r")) if r.find(".//" + qn("a:latin")) is not None]
    assert mono == ["Ctrl", "P"]
    notes = [p.text for p in s.notes_slide.notes_text_frame.paragraphs]
    assert notes == ["Footnoted detail for the facilitator.¹", ("¹ The Home Office guidance (Home Office, 2023) "
                     "describes the signs, wrapped over two lines as footnotes often are.")]


def test_deck_picture_honours_its_width_and_reference_links_are_links(deck):
    s = slide(deck, "A figure with attributes")
    [pic] = [sh for sh in s.shapes if sh.shape_type == 13]
    assert pic.width <= deck.slide_width * 0.5
    assert pic._element.nvPicPr.cNvPr.get("descr").startswith("Referral routes from school")
    activity = slide(deck, "Activity: Read the guidance")
    links = {r.text: r.hyperlink.address for sh in activity.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address}
    assert links == {"the statutory guidance": "https://www.gov.uk/government/publications/"
                     "working-together-to-safeguard-children--2", "NSPCC’s advice": "https://www.nspcc.org.uk/"}
    assert [p.text for p in activity.notes_slide.notes_text_frame.paragraphs] == [
        ("ACTIVITY-NOTES: nested fenced divs, written with four colons outside and three inside, as pandoc users "
         "write them.")]


# ---- the HTML handouts (and so the PDF handouts, printed from them) ----

@pytest.mark.parametrize("kind", ["facilitator", "participant"])
def test_html_paragraphs_code_lists_and_pictures(out, kind):
    page = html(one(out, f"-{kind}.html"))
    source = one(out, f"-{kind}.html").read_text(encoding="utf-8")
    assert f"<p>{WRAPPED}</p>" in source
    assert "<p>Name and role<br>Team and phone<br>Office hours</p>" in source
    assert source.count('<pre class="code"><code>') == 3
    codes = [source.split('<pre class="code"><code>')[i].split("</code></pre>")[0] for i in (1, 2, 3)]
    assert not any(c.startswith(INFO_STRINGS) for c in codes) and CODE_LINE in codes[0]
    assert not any(tag.startswith("h") and "this is a comment" in str(attrs) for tag, attrs in page.attrs)
    assert '<ol start="3">' in source and "<blockquote>" in source
    assert "<code>Ctrl</code>+<code>P</code> to print — “smart” quotes &amp; dashes – as the author wants." in source
    assert 'style="width:50%"' in source and "INTRO-HANDOUT: a handout block in the introduction, wrapped over " \
                                             "two lines, reaches both handouts." in source
    assert '<sup class="fn"><a href="#fn-wrapped-prose-1">1</a></sup>' in source
    assert '<li id="fn-wrapped-prose-1" value="1">' in source and "wrapped over two lines as footnotes" in source
    assert ('<a href="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2">'
            'the statutory guidance</a>') in source
    assert (SOFT_NOTE in source) == (kind == "facilitator")


# ---- the Word handouts ----

@pytest.mark.parametrize("kind", ["facilitator", "participant"])
def test_word_paragraphs_code_lists_and_pictures(out, kind):
    document = docx.Document(str(one(out, f"-{kind}.docx")))
    paras = document.paragraphs
    by_text = {p.text: p for p in paras}
    assert WRAPPED in by_text and not by_text[WRAPPED]._p.findall(".//" + W + "br")
    hard = next(p for p in paras if p.text.startswith("Name and role"))
    assert len(hard._p.findall(".//" + W + "br")) == 2 and hard.text == "Name and role\nTeam and phone\nOffice hours"
    code = [p for p in paras if p._p.find(f"{W}pPr/{W}shd") is not None]
    assert [p.text.split("\n")[0] for p in code] == [CODE_LINE, "total = 15500  # 45% of referrals", "```text"]
    assert all(r.font.name == "Courier New" for p in code for r in p.runs if r.text.strip("\n"))
    assert any(r.font.color.rgb is not None for r in code[1].runs)
    assert not any(p.text.startswith(INFO_STRINGS) for p in code)
    assert not any(p.style.name.startswith("Heading") and "this is a comment" in p.text for p in paras)
    assert any(p.text.startswith("INTRO-HANDOUT: a handout block in the introduction, wrapped over two lines")
               for p in paras)
    subheading = next(p for p in paras if p.text == "Before the visit")
    assert subheading.style.name == "Heading 3"
    numbered = next(p for p in paras if p.text.startswith("Read the referral"))
    num_id = numbered._p.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    assert numbering.num_having_numId(num_id).find(f".//{W}startOverride").get(W + "val") == "3"
    assert any(p.text.startswith("1. The Home Office guidance") for p in paras)
    [picture] = [s for s in document.inline_shapes if s._inline.docPr.get("descr", "").startswith("Referral routes")]
    assert abs(picture.width.cm - 7.0) < 0.05  # 50% of the 14 cm text width
    assert (SOFT_NOTE in by_text) == (kind == "facilitator")
