"""Print layout in the files themselves (fast: the small test project, no Chromium or LibreOffice).

The PDF handouts' style sheet carries the running head and "Page X of Y"; the Word handouts have a
header, a footer with PAGE and NUMPAGES fields, rows that never split, lead-ins kept with their
list or table, and phone numbers joined by no-break spaces; the deck keeps phone numbers whole
and its closing slide does not repeat the contacts the last module just listed. The printed
pages themselves are read in test_print_layout.py.
"""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn
from helpers import slides
from test_editions import add_editions

from workshop_builder.phone_numbers import NO_BREAK_SPACE
from workshop_builder.render.page_furniture import css_string


def _css_unescape(literal: str) -> str:
    """What a CSS string literal reads, as CSS Syntax §4.3.7 reads an escape: up to six hex
    digits, then one whitespace character that ends the escape and is not part of the text."""
    assert literal[0] == literal[-1] == '"'
    return re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\n]?", lambda m: chr(int(m.group(1), 16)), literal[1:-1])


def test_css_string_reads_back_and_cannot_end_the_style_element():
    for text in ('Children\'s "front door" \\ </style><script>', "Élus · ½ day", ""):
        literal = css_string(text)
        assert _css_unescape(literal) == text
        assert "<" not in literal and '"' not in literal[1:-1] and "\n" not in literal


def test_html_handout_prints_running_head_and_page_numbers(basic, cli):
    assert cli("build", "-C", basic, "-a", "staff", "-f", "participant", "--no-thumbnails").exit_code == 0
    page = (basic / "output/staff/test-workshop-staff-participant.html").read_text(encoding="utf-8")
    style = page[page.index("<style>"):page.index("</style>")]
    assert "@top-left { content: " + css_string("Test workshop") in style
    assert css_string("Frontline staff · Participant handout") in style
    assert 'content: "Page " counter(page) " of " counter(pages)' in style
    assert "@page :first" in style  # no running head on the cover
    assert '<span class="phone">0808 800 5000</span>' in page


def _word(basic, cli, edition=None):
    add_editions(basic)
    args = ["build", "-C", basic, "-a", "staff", "-f", "facilitator-docx", "--no-thumbnails"]
    assert cli(*args, *(["-e", edition] if edition else [])).exit_code == 0
    folder = basic / "output" / (edition or "") / "staff"
    return docx.Document(str(next(folder.glob("*-facilitator.docx"))))


def test_word_header_and_footer_number_every_page(basic, cli):
    document = _word(basic, cli)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Test workshop\tFrontline staff · Facilitator handout"
    for footer in (section.footer, section.first_page_footer):
        instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].text.endswith("Page 1 of 1")  # the fields' placeholder results
    assert section.footer.paragraphs[0].text.startswith("Test Council\t")
    assert not section.first_page_header.paragraphs[0].text  # the cover has no running head


def test_word_rows_never_split_and_headers_repeat(basic, cli):
    document = _word(basic, cli)
    tables = [t for t in document.tables if t.rows[0]._tr.trPr is not None
              and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(tables) >= 3  # the agenda, the Markdown table, the support contacts
    for table in tables:
        for row in table.rows:
            tr_pr = row._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
            tags = [child.tag for child in tr_pr]
            if qn("w:tblHeader") in tags:  # the schema's order: cantSplit before tblHeader
                assert tags.index(qn("w:cantSplit")) < tags.index(qn("w:tblHeader"))


def test_word_headings_and_lead_ins_stay_with_what_follows(basic, cli):
    document = _word(basic, cli)
    for name in ("Heading 1", "Heading 2", "Handout Label"):
        assert document.styles[name].paragraph_format.keep_with_next
    paragraphs = document.element.body.findall(qn("w:p"))
    body = list(document.element.body)
    lead_ins = [p for p in paragraphs if body.index(p) + 1 < len(body)
                and body[body.index(p) + 1].tag == qn("w:tbl") and "".join(p.itertext()).strip()]
    assert lead_ins, "the test project has a paragraph right before a table"
    for p in lead_ins:
        p_pr = p.find(qn("w:pPr"))
        style = p_pr.find(qn("w:pStyle")).get(qn("w:val")) if p_pr is not None and p_pr.find(qn("w:pStyle")) is not None else ""
        kept = p_pr is not None and p_pr.find(qn("w:keepNext")) is not None
        assert kept or style.startswith("Heading"), "".join(p.itertext())


def test_word_phone_numbers_use_no_break_spaces(basic, cli):
    document = _word(basic, cli, edition="north")
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert f"0808{NO_BREAK_SPACE}800{NO_BREAK_SPACE}5000" in text
    assert f"01632{NO_BREAK_SPACE}960{NO_BREAK_SPACE}111" in text
    assert "0808 800 5000" not in text and "01632 960 111" not in text


def test_deck_phone_numbers_use_no_break_spaces(basic, cli):
    from pptx import Presentation

    assert cli("build", "-C", basic, "-a", "staff", "-f", "pptx", "--no-thumbnails").exit_code == 0
    prs = Presentation(str(basic / "output/staff/test-workshop-staff.pptx"))
    closing = prs.slides[-1]
    text = "\n".join(s.text_frame.text for s in closing.shapes if s.has_text_frame)
    assert f"NSPCC Helpline: 0808{NO_BREAK_SPACE}800{NO_BREAK_SPACE}5000" in text


def test_closing_slide_does_not_repeat_contacts_the_last_module_listed(basic, cli):
    add_editions(basic)
    deep_dive = basic / "modules/deep-dive.md"
    deep_dive.write_text(deep_dive.read_text(encoding="utf-8")
                         + "\n## Your local contacts\n\n- {{ contact.front_door }}\n", encoding="utf-8")
    assert cli("build", "-C", basic, "-a", "staff", "-e", "north", "-f", "pptx", "--no-thumbnails").exit_code == 0
    got = slides(basic / "output/north/staff/test-workshop-north-staff.pptx")
    listed = [s for s in got if s[0] == "Your local contacts"]
    closing = [s for s in got if s[0].startswith("Support and contacts")]
    assert [t for _, t in listed[0][1]] == ["North Shire Front Door, 01632 960 111"]
    closing_text = " ".join(t for s in closing for _, t in s[1])
    assert "North Shire Front Door" not in closing_text  # listed on the slide before
    assert "NSPCC Helpline: 0808 800 5000" in closing_text and "Emergency: 999" in closing_text
    # a contact named in passing (the "Second step: call …" point) is not a list of contacts: without
    # the list slide, the closing slide keeps it
    deep_dive.write_text(deep_dive.read_text(encoding="utf-8").replace("## Your local contacts", "## Other"),
                         encoding="utf-8")
    deep_dive.write_text(deep_dive.read_text(encoding="utf-8").replace("- {{ contact.front_door }}\n", "- Ring them\n"),
                         encoding="utf-8")
    assert cli("build", "-C", basic, "-a", "staff", "-e", "north", "-f", "pptx", "--no-thumbnails").exit_code == 0
    got = slides(basic / "output/north/staff/test-workshop-north-staff.pptx")
    closing_text = " ".join(t for s in got if s[0].startswith("Support and contacts") for _, t in s[1])
    assert "North Shire Front Door: 01632 960 111" in closing_text


def test_run_on_marks_only_the_sections_named():
    from workshop_builder.render.run_on import modules_to_run_on, run_on

    page = (b'<section class="module" id="a" aria-labelledby="a-title"><h2 id="a-title">A</h2></section>'
            b'<section class="module" id="b" aria-labelledby="b-title"><h2 id="b-title">B</h2></section>'
            b'<section class="support" aria-labelledby="support"><h2 id="support">Support</h2></section>')
    marked = run_on(page, ['module" id="b', "support"]).decode()
    assert '<section class="module" id="a"' in marked
    assert '<section class="module run-on" id="b"' in marked and '<section class="support run-on"' in marked
    assert run_on(page, []) == page
    assert modules_to_run_on(b"<p>no sections</p>", b"%PDF-1.4") == []


def test_run_on_needs_pdftotext(monkeypatch):
    from workshop_builder.render.run_on import modules_to_run_on

    monkeypatch.setenv("WORKSHOP_BUILDER_PDFTOTEXT", "/nonexistent/pdftotext")
    page = b'<section class="module" id="a" aria-labelledby="t"><h2 id="t">A</h2></section>'
    assert modules_to_run_on(page, b"%PDF-1.4") == []  # the first print stands
