"""deck-pdf and notes-pdf: the built deck converted by LibreOffice. The fast tests run without
it; those marked clients convert the shipped workshop's decks and read the PDFs with poppler.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from workshop_builder.cli import main
from workshop_builder.render import office, pptx_writer
from workshop_builder.render.deck_pdf import stable_pdf

REPO = Path(__file__).resolve().parent.parent
LO_PDF = (b"%PDF-1.6\n1 0 obj <</Type/Catalog/Lang(en-US)>> endobj\n"
          b"2 0 obj <</Producer(LibreOffice 7.4)/CreationDate(D:20261129065144Z')>> endobj\n"
          b"trailer\n<</Size 3/Root 1 0 R\n/ID [ <A754813D1B994AF6C61EFDD487114646>\n"
          b"<A754813D1B994AF6C61EFDD487114646> ]\n/DocChecksum /BF44A494F1F8153C8A75485DDE06F6FA\n>>\n%%EOF\n")


def test_pdf_target_spells_libreoffice_json_filter_options():
    assert office.pdf_target("impress_pdf_Export") == "pdf:impress_pdf_Export"
    assert office.pdf_target("impress_pdf_Export", UseTaggedPDF=True, ExportNotes=False) == (
        'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
        '"ExportNotes":{"type":"boolean","value":"false"}}')


def test_stable_pdf_sets_dates_language_and_a_content_id_keeping_every_offset():
    out = stable_pdf(LO_PDF, b"20261127090000", "en-GB")
    assert len(out) == len(LO_PDF)
    assert b"/Lang(en-GB)" in out and b"/CreationDate(D:20261127090000Z)" in out
    ids = re.findall(rb"<([0-9A-F]{32})>", out) + re.findall(rb"/DocChecksum /([0-9A-F]{32})", out)
    assert len(ids) == 3 and len(set(ids)) == 1 and ids[0] != b"A754813D1B994AF6C61EFDD487114646"
    # the same document converted at another moment (other ids and checksum) gives the same bytes
    again = LO_PDF.replace(b"A754813D1B994AF6C61EFDD487114646", b"0123456789ABCDEF0123456789ABCDEF")
    assert stable_pdf(again.replace(b"BF44A494", b"00000000"), b"20261127090000", "en-GB") == out
    assert stable_pdf(LO_PDF.replace(b"Catalog", b"Catalox"), b"20261127090000", "en-GB") != out
    assert b"/Lang(en-US)" in stable_pdf(LO_PDF, b"20261127090000", "cy")  # not the same length: left


def test_without_libreoffice_the_deck_pdfs_are_one_line_and_nothing_is_written(basic, cli, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_SOFFICE", "/nonexistent/soffice")
    result = cli("build", "-C", basic, "-f", "pptx", "-f", "notes-pdf")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "--format notes-pdf" in lines[0] and "apt install libreoffice-impress" in lines[0]
    assert "Traceback" not in result.output
    assert not (basic / "output").exists() or not list((basic / "output").rglob("*.*"))


def test_pptx_deck_pdf_and_notes_pdf_draw_one_rendering_of_the_deck(basic, cli, monkeypatch):
    from workshop_builder.render import deck_pdf

    decks, conversions = [], []
    real = pptx_writer.write_deck

    def counted(resolved):
        decks.append(resolved.audience.id)
        return real(resolved)

    def convert(documents, target, purpose):
        conversions.append((list(documents.values())[0], target))
        return {"deck": LO_PDF}

    monkeypatch.setattr(pptx_writer, "write_deck", counted)
    monkeypatch.setattr(deck_pdf, "find_program", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(office, "version", lambda purpose: (7, 4, 7, 2))
    monkeypatch.setattr(office, "convert", convert)
    result = cli("build", "-C", basic, "-a", "staff", "-f", "pptx", "-f", "deck-pdf", "-f", "notes-pdf",
                 "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert decks == ["staff"]
    pptx = (basic / "output" / "staff" / "test-workshop-staff.pptx").read_bytes()
    # the deck's conversion may start in the background before the notes pages': sorted, deck first
    conversions.sort(key=lambda c: "ExportOnlyNotesPages" in c[1])
    assert len(conversions) == 2
    assert conversions[0][0] == conversions[1][0] == pptx  # the notes pages too: the very same deck
    # whose notes shrink to fit rather than run off the page (pptx_writer writes them so)
    from pptx.enum.text import MSO_AUTO_SIZE

    notes = [s for s in Presentation(str(basic / "output" / "staff" / "test-workshop-staff.pptx")).slides
             if s.has_notes_slide]
    assert {s.notes_slide.notes_placeholder.text_frame.auto_size for s in notes} == {MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE}
    assert len(notes) > 5
    assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in conversions[0][1]
    assert "ExportOnlyNotesPages" not in conversions[0][1] and "ExportOnlyNotesPages" in conversions[1][1]
    names = sorted(p.name for p in (basic / "output" / "staff").iterdir())
    assert names == ["test-workshop-staff-notes.pdf", "test-workshop-staff.pdf", "test-workshop-staff.pptx"]


def test_an_old_libreoffice_is_named_with_the_version_needed(basic, cli, monkeypatch):
    from workshop_builder.render import deck_pdf

    monkeypatch.setattr(deck_pdf, "find_program", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(office, "version", lambda purpose: (7, 3, 7, 2))
    result = cli("build", "-C", basic, "-a", "staff", "-f", "deck-pdf")
    assert result.exit_code == 1
    assert "error: --format deck-pdf needs LibreOffice 7.4 or later (found 7.3.7.2); nothing was written." \
        in result.output


# ---- in LibreOffice and poppler ----

@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Every audience's deck, deck PDF and notes PDF of the shipped workshop, and how many
    LibreOffice instances the build started."""
    from helpers import need

    need("soffice", "pdfinfo", "pdftotext")
    out = tmp_path_factory.mktemp("deck-pdf")
    started = []
    warm = office._Warm

    class Counted(warm):
        def __init__(self, soffice):
            started.append(soffice)
            super().__init__(soffice)

    office.stop()
    office._Warm = Counted
    try:
        result = CliRunner().invoke(main, ["build", "-C", str(REPO), "-o", str(out), "--jobs", "1",
                                           "-f", "pptx", "-f", "deck-pdf", "-f", "notes-pdf"])
    finally:
        office._Warm = warm
        office.stop()
    assert result.exit_code == 0, result.output
    return out, started


@pytest.mark.clients
def test_every_deck_converts_in_one_libreoffice(pdfs):
    out, started = pdfs
    assert len(started) == 1
    assert len(list(out.glob("*/*-notes.pdf"))) == 5 and len(list(out.glob("*/*.pptx"))) == 5


@pytest.mark.clients
def test_deck_pdf_has_one_tagged_page_a_slide_with_its_title_and_clickable_links(pdfs):
    from test_clients import pdf_pages, pdfinfo, squeezed

    out, _ = pdfs
    for deck in sorted(out.glob("*/*.pptx")):
        pdf = deck.with_suffix(".pdf")
        slides = list(Presentation(str(deck)).slides)
        info = pdfinfo(pdf)
        assert int(info["Pages"]) == len(slides), deck.name
        assert info["Tagged"].strip() == "yes" and info["Title"].strip()
        data = pdf.read_bytes()
        assert b"/Lang(en-GB)" in data
        pages = pdf_pages(pdf)
        for number, (slide, (_, _, words)) in enumerate(zip(slides, pages), 1):
            title = slide.shapes.title.text_frame.text
            assert squeezed(title) in squeezed(" ".join(w[4] for w in words)), f"{deck.name} {number}: {title}"
        for address in slide_links(deck):  # the shipped decks have none today: see the next test
            assert b"/URI(" + address.encode("ascii") + b")" in data, f"{deck.name}: {address} not a link"


@pytest.mark.clients
def test_links_on_slides_stay_clickable_and_the_bytes_are_reproducible(basic, cli):
    from helpers import need

    need("soffice")
    result = cli("build", "-C", basic, "-a", "members", "-f", "pptx", "-f", "deck-pdf", "-f", "notes-pdf")
    assert result.exit_code == 0, result.output
    deck = basic / "output" / "members" / "test-workshop-members.pptx"
    assert slide_links(deck) == {"https://www.gov.uk/guidance"}
    for pdf in (deck.with_suffix(".pdf"), deck.with_name(deck.stem + "-notes.pdf")):
        assert pdf.read_bytes().count(b"/S/URI/URI(https://www.gov.uk/guidance)") == 1, pdf.name
    # reproducible: converted again (in a worker process, so by another LibreOffice), the same bytes
    again = cli("build", "-C", basic, "-a", "members", "-f", "deck-pdf", "-f", "notes-pdf", "-o", basic / "again",
                "--jobs", "2")
    assert again.exit_code == 0, again.output
    for pdf in (deck.with_suffix(".pdf"), deck.with_name(deck.stem + "-notes.pdf")):
        assert (basic / "again" / "members" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def slide_links(deck: Path) -> set:
    """Every hyperlink address on the slides of a deck."""
    return {run.hyperlink.address for slide in Presentation(str(deck)).slides for shape in slide.shapes
            if shape.has_text_frame for para in shape.text_frame.paragraphs for run in para.runs
            if run.hyperlink.address}


@pytest.mark.clients
def test_notes_pdf_has_each_slide_with_its_notes(pdfs):
    from test_clients import pdf_pages, pdfinfo, squeezed

    out, _ = pdfs
    for deck in sorted(out.glob("*/*.pptx")):
        pdf = deck.with_name(deck.stem + "-notes.pdf")
        slides = list(Presentation(str(deck)).slides)
        info = pdfinfo(pdf)
        assert int(info["Pages"]) == len(slides) and info["Tagged"].strip() == "yes"
        width, height = (float(n) for n in re.findall(r"[\d.]+", info["Page size"])[:2])
        assert height > width  # notes pages are portrait; the slides are landscape
        for number, (slide, (_, _, words)) in enumerate(zip(slides, pdf_pages(pdf)), 1):
            drawn = squeezed(" ".join(w[4] for w in words))
            notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            assert squeezed(slide.shapes.title.text_frame.text) in drawn, f"{deck.name} {number}"
            # word by word, to the last: long notes shrink to fit the page instead of running off it
            lost = [word for word in notes.split() if squeezed(word) not in drawn]
            assert not lost, f"{deck.name} notes page {number}: {lost[:8]} not drawn"
