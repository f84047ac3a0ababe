"""The formats added beside the deck and HTML handouts: Word handouts, PDF handouts and slide
thumbnails, checked without the outside programs (test_clients.py opens them in the real ones).
"""

from __future__ import annotations

import re
import zipfile

import docx
from helpers import html

from workshop_builder.render import RENDERERS, thumbnails
from workshop_builder.render.base import RenderOptions
from workshop_builder.render.pdf_handout import _fix_dates

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PNG_480x270 = bytes.fromhex("89504e470d0a1a0a0000000d49484452000001e00000010e08020000") + b"\0" * 16


def docx_path(root, aud, kind):
    return root / "output" / aud / f"test-workshop-{aud}-{kind}.docx"


def test_default_build_is_deck_and_html_handouts_only(basic, cli):
    result = cli("build", "-C", basic, "--no-thumbnails")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (basic / "output" / "staff").iterdir())
    assert names == ["test-workshop-staff-facilitator.html", "test-workshop-staff-participant.html",
                     "test-workshop-staff.pptx"]
    assert {n for n, r in RENDERERS.items() if not r.default} == {
        "facilitator-pdf", "participant-pdf", "facilitator-docx", "participant-docx", "slides-html",
        "deck-pdf", "notes-pdf"}


def test_word_handout_uses_real_headings_lists_tables_and_links(basic, cli):
    result = cli("build", "-C", basic, "-a", "staff", "-f", "facilitator-docx")
    assert result.exit_code == 0, result.output
    path = docx_path(basic, "staff", "facilitator")
    document = docx.Document(str(path))
    paras = document.paragraphs
    styles = [(p.style.name, p.text) for p in paras]
    # headings: Title, then Heading 1-3 without a skipped level
    levels = [int(s.split()[-1]) for s, _ in styles if s.startswith("Heading")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert styles[[s for s, _ in styles].index("Title")][1] == "Test workshop"
    assert ("Heading 1", "Introduction to the topic") in styles
    assert ("Heading 2", "Definitions and points") in styles
    assert ("Heading 2", "Activity: Case study: a fictional composite (10 minutes)") in styles
    # nested bullets and numbered lists as Word list styles
    by_text = {t.split(" with")[0]: s for s, t in styles}
    assert by_text["First point"] == "List Bullet"
    assert by_text["Nested point level one"] == "List Bullet 2"
    assert by_text["Nested point level two"] == "List Bullet 3"
    assert by_text["First step [3]"] == "List Number"
    # notes and handout blocks, citations as numbered links to the references
    texts = [t for _, t in styles]
    assert "What to say" in texts and "NOTES-ONE: say this to the room, never on the slide." in texts
    assert "HANDOUT-ONE: further reading for the handout only." in texts
    assert ("Heading 1", "References") in styles and ("Heading 1", "Support and contacts") in styles
    body = document.element.body
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")}
    assert {"ref_1", "ref_2", "ref_3"} <= anchors
    names = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert {"ref_1", "ref_2", "ref_3", "m_intro", "m_deep_dive"} <= names
    external = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://www.gov.uk/guidance" in external and "tel:08088005000" in external
    # tables: agenda with clock times, the Markdown table, support; each with a repeating header
    tables = document.tables
    assert [c.text for c in tables[0].rows[0].cells] == ["Start", "End", "Session", "Minutes"]
    assert [c.text for c in tables[0].rows[1].cells][:2] == ["09:30", "10:10"]
    assert any([c.text for c in t.rows[0].cells] == ["Term", "Meaning"] for t in tables)
    assert all(t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None for t in tables)
    # the picture keeps the author's alt text
    descr = [d.get("descr") for d in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                                "wordprocessingDrawing}docPr")]
    assert descr == ["A map of the area with a marked circle"]
    props = document.core_properties
    assert (props.title, props.language) == ("Test workshop", "en-GB")
    assert "Frontline staff" in props.subject
    assert document.styles.element.find(f"{W}docDefaults").find(f".//{W}lang").get(f"{W}val") == "en-GB"


def test_participant_word_handout_has_no_facilitator_notes(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "participant-docx")
    text = "\n".join(p.text for p in docx.Document(str(docx_path(basic, "staff", "participant"))).paragraphs)
    assert "HANDOUT-ONE" in text and "In this session you will:" in text
    assert "NOTES-ONE" not in text and "What to say" not in text and "ACTIVITY-GUIDANCE" not in text


def test_word_handout_bytes_are_reproducible(basic, cli):
    cli("build", "-C", basic, "-a", "members", "-f", "facilitator-docx")
    first = docx_path(basic, "members", "facilitator").read_bytes()
    cli("build", "-C", basic, "-a", "members", "-f", "facilitator-docx", "--force")
    assert docx_path(basic, "members", "facilitator").read_bytes() == first
    with zipfile.ZipFile(docx_path(basic, "members", "facilitator")) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 27, 9, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-11-27T09:00:00Z" in core


def test_pdf_dates_are_set_to_the_build_time_keeping_offsets():
    pdf = b"%PDF-1.4\n1 0 obj\n<</CreationDate (D:20261127205750+00'00')\n/ModDate (D:20261127205750+00'00')>>"
    fixed = _fix_dates(pdf, b"20261127090000")
    assert len(fixed) == len(pdf)
    assert fixed.count(b"(D:20261127090000Z)") == 2 and b"205750" not in fixed


def test_pdf_handout_without_chromium_is_one_line_error_and_writes_nothing(basic, cli, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_CHROMIUM", "/nonexistent/chromium")
    result = cli("build", "-C", basic, "-f", "participant", "-f", "participant-pdf")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "participant-pdf" in lines[0] and "apt install chromium" in lines[0]
    assert "Traceback" not in result.output
    assert not list((basic / "output").rglob("*.html")) if (basic / "output").exists() else True


def _fake_pictures(monkeypatch):
    """Slide pictures without LibreOffice: one fake 480x270 PNG for every slide of the deck."""
    seen = []

    def pictures(deck):
        from io import BytesIO

        from pptx import Presentation

        seen.append(deck)
        return [PNG_480x270] * len(Presentation(BytesIO(deck)).slides)

    monkeypatch.setattr(thumbnails, "missing_program", lambda: "")
    monkeypatch.setattr(thumbnails, "_pictures", pictures)
    return seen


def test_thumbnails_sit_beside_their_slide_with_alt_text(basic, cli, monkeypatch):
    seen = _fake_pictures(monkeypatch)
    result = cli("build", "-C", basic, "-a", "staff", "-f", "facilitator", "--thumbnails", "--jobs", "1")
    assert result.exit_code == 0, result.output
    page = (basic / "output" / "staff" / "test-workshop-staff-facilitator.html").read_text(encoding="utf-8")
    assert len(seen) == 1
    # the deck: title, agenda, then the module slides; the closing slide has no place in the handout
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)" width="480" height="270">', page)
    assert alts[:3] == ["Slide 3: Introduction", "Slide 4: Definitions and points",
                        "Slide 5: A table and a picture"]
    assert "Slide 7: Activity: Case study: a fictional composite" in alts
    section = page[page.index("<h3>Definitions and points</h3>"):]
    section = section[:section.index("</section>")]
    assert 'alt="Slide 4: Definitions and points"' in section and "NOTES-ONE" in section
    assert section.index('class="thumbs"') < section.index('class="beside"') < section.index("NOTES-ONE")
    parsed = html(basic / "output" / "staff" / "test-workshop-staff-facilitator.html")
    assert all(a.get("alt") for t, a in parsed.attrs if t == "img")
    participant = RENDERERS["participant"]
    assert participant.thumbnails is False


def test_without_libreoffice_the_handout_and_the_build_say_why_once(basic, cli, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_SOFFICE", "/nonexistent/soffice")
    result = cli("build", "-C", basic, "--thumbnails")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "without slide pictures" in line]
    assert len(notes) == 1 and "LibreOffice" in notes[0] and "apt install libreoffice-impress" in notes[0]
    for aud in ("members", "staff"):
        page = (basic / "output" / aud / f"test-workshop-{aud}-facilitator.html").read_text(encoding="utf-8")
        assert page.count('class="thumbs-note"') == 1 and "LibreOffice (soffice) was not found" in page
        assert 'alt="Slide ' not in page
    result = cli("build", "-C", basic, "--no-thumbnails", "--force")
    assert "without slide pictures" not in result.output
    page = (basic / "output" / "staff" / "test-workshop-staff-facilitator.html").read_text(encoding="utf-8")
    assert 'class="thumbs-note"' not in page


def test_thumbnails_are_part_of_what_makes_an_output_up_to_date(monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_SOFFICE", "/nonexistent/soffice")
    keys = {RenderOptions().key(), RenderOptions(thumbnails=True).key()}
    from workshop_builder.render import external

    monkeypatch.setattr(external, "missing_program", lambda: "")
    keys.add(RenderOptions(thumbnails=True).key())
    assert len(keys) == 3


def test_word_handouts_build_for_every_audience_of_the_default_workshop(tmp_path, cli):
    from conftest import REPO

    result = cli("build", "-C", REPO, "-f", "facilitator-docx", "-f", "participant-docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    files = list(tmp_path.glob("*/*.docx"))
    assert len(files) == 10
    for path in files:
        document = docx.Document(str(path))
        levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), path.name


def test_a_failed_conversion_still_builds_the_handout_and_says_why(basic, cli, monkeypatch):
    from workshop_builder.render.base import RenderError

    def broken(deck):
        raise RenderError("slide thumbnails: soffice did not finish within 180 seconds")

    monkeypatch.setattr(thumbnails, "missing_program", lambda: "")
    monkeypatch.setattr(thumbnails, "_pictures", broken)
    result = cli("build", "-C", basic, "-a", "staff", "-f", "facilitator", "--thumbnails", "--jobs", "1")
    assert result.exit_code == 0, result.output
    page = (basic / "output" / "staff" / "test-workshop-staff-facilitator.html").read_text(encoding="utf-8")
    assert "Slide pictures are not included: slide thumbnails: soffice did not finish" in page
    assert 'alt="Slide ' not in page
