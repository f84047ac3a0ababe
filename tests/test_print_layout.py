"""The handouts printed as a trainer prints them, read page by page (slow; needs Chromium,
LibreOffice and poppler).

Every audience's facilitator (with slide pictures) and participant handouts of the shipped
workshop are printed by Chromium (PDF) and by LibreOffice (the Word files); every page must say "Page X of Y" with the right Y and carry the running head
(but the cover), no page may end with a heading, no page may be under a third full unless a
module (or the support contacts, printed on a page of their own) starts on the next page, and no
phone number may be split across lines. The example
council's deck, printed by LibreOffice, keeps its phone numbers whole too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import need
from print_pages import (
    docx_headings,
    docx_text,
    headless_pages,
    html_headings,
    html_page_starts,
    html_support_services,
    html_text,
    page_count,
    pages_ending_in_a_heading,
    read_pages,
    sparse_pages,
    split_phone_numbers,
    unnumbered_pages,
)

from workshop_builder.cli import main

pytestmark = pytest.mark.clients

REPO = Path(__file__).resolve().parent.parent
AUDIENCES = ("elected-members", "childrens-practitioners", "adult-safeguarding", "district-and-regulatory",
             "all-council-staff")
HANDOUTS = [(a, k) for a in AUDIENCES for k in ("facilitator", "participant")]
HEADS = {audience: spec["name"] for audience, spec in
         yaml.safe_load((REPO / "workshop.yaml").read_text(encoding="utf-8"))["audiences"].items()}
TITLE = yaml.safe_load((REPO / "workshop.yaml").read_text(encoding="utf-8"))["title"]
TIMEOUT = 600


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The two audiences' handouts as HTML, PDF and Word, the Word files converted to PDF by LibreOffice,
    and the example council's elected-members deck converted to PDF."""
    need("chromium", "soffice", "pdftotext", "pdfinfo", "pdftoppm")
    out = tmp_path_factory.mktemp("print") / "output"
    args = ["build", "-C", str(REPO), "-o", str(out), "--thumbnails", "--jobs", "1", "-q"]
    for audience in AUDIENCES:
        args += ["-a", audience]
    for fmt in ("facilitator", "participant", "facilitator-pdf", "participant-pdf", "facilitator-docx",
                "participant-docx"):
        args += ["-f", fmt]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["build", "-C", str(REPO), "-o", str(out), "-e", "example-council",
                                       "-a", "elected-members", "-f", "pptx", "-q"])
    assert result.exit_code == 0, result.output
    profile = out.parent / "profile"
    files = sorted(out.glob("*/*.docx")) + sorted(out.glob("example-council/*/*.pptx"))
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out / "office")] + [str(f) for f in files],
                   check=True, timeout=TIMEOUT, capture_output=True, env=dict(os.environ, HOME=str(out.parent)))
    return out


def _file(printed: Path, audience: str, kind: str, suffix: str) -> Path:
    return printed / audience / f"county-lines-workshop-{audience}-{kind}{suffix}"


def _word_pdf(printed: Path, audience: str, kind: str) -> Path:
    return printed / "office" / f"county-lines-workshop-{audience}-{kind}.pdf"


@pytest.mark.parametrize("audience, kind", HANDOUTS)
@pytest.mark.parametrize("engine", ["chromium", "word"])
def test_every_page_is_numbered_and_headed(printed, audience, kind, engine):
    pdf = _file(printed, audience, kind, ".pdf") if engine == "chromium" else _word_pdf(printed, audience, kind)
    pages = read_pages(pdf)
    total = page_count(pdf)
    assert len(pages) == total > 1
    assert unnumbered_pages(pages, total) == []
    head = f"{TITLE} {HEADS[audience]} · {kind.capitalize()} handout"
    assert headless_pages(pages[1:], head) == [], head
    assert headless_pages(pages[:1], head) == [1]  # the cover says it all in large type


@pytest.mark.parametrize("audience, kind", HANDOUTS)
def test_pdf_pages_never_end_in_a_heading_or_run_nearly_empty(printed, audience, kind):
    page = _file(printed, audience, kind, ".html").read_text(encoding="utf-8")
    pages = read_pages(_file(printed, audience, kind, ".pdf"))
    assert pages_ending_in_a_heading(pages, html_headings(page)) == []
    assert sparse_pages(pages, html_page_starts(page)) == []
    # nor is the page before a module or the support contacts near-empty: such a section runs on
    assert sparse_pages(pages, set(), min_fill=0.2) == []


@pytest.mark.parametrize("audience, kind", HANDOUTS)
def test_support_contacts_are_on_one_page(printed, audience, kind):
    services = html_support_services(_file(printed, audience, kind, ".html").read_text(encoding="utf-8"))
    assert len(services) >= 5, services
    first, last = services[0], services[-1]
    pages = read_pages(_file(printed, audience, kind, ".pdf"))
    support = [p for p in pages if any(line.text == "Support and contacts" for line in p.body)]
    assert len(support) == 1 and support[0] is pages[-1]  # the last page (its own, unless it runs on)
    text = " ".join(line.text for line in support[0].body)
    assert first in text and last in text
    pages = read_pages(_word_pdf(printed, audience, kind))  # Word: the table on one page
    first_row = [p for p in pages if any(line.text.startswith(first) for line in p.body)]
    assert first_row and last in " ".join(line.text for line in first_row[-1].body)


@pytest.mark.parametrize("audience, kind", HANDOUTS)
def test_word_pages_never_end_in_a_heading_or_run_nearly_empty(printed, audience, kind):
    docx = _file(printed, audience, kind, ".docx")
    pages = read_pages(_word_pdf(printed, audience, kind))
    assert pages_ending_in_a_heading(pages, docx_headings(docx)) == []
    assert sparse_pages(pages, set()) == []  # the Word handouts start no page of their own


@pytest.mark.parametrize("audience, kind", HANDOUTS)
def test_no_phone_number_is_split_across_lines(printed, audience, kind):
    page = html_text(_file(printed, audience, kind, ".html").read_text(encoding="utf-8"))
    assert "0808 800 5000" in page and "999" in page  # the support table is there to check
    assert split_phone_numbers(read_pages(_file(printed, audience, kind, ".pdf")), page) == []
    docx = _file(printed, audience, kind, ".docx")
    assert split_phone_numbers(read_pages(_word_pdf(printed, audience, kind)), docx_text(docx)) == []


def test_example_council_deck_keeps_phone_numbers_whole_and_lists_each_contact_once_at_the_end(printed):
    pdf = printed / "office" / "county-lines-workshop-example-council-elected-members.pdf"
    pages = read_pages(pdf)
    text = " ".join(line.text for page in pages for line in page.body + page.margin)
    assert "0113 496 0400" in text
    assert split_phone_numbers(pages, text) == []
    closing = " ".join(line.text for line in pages[-1].body)
    local = " ".join(line.text for line in pages[-3].body)
    assert "Your local contacts" in local and "0113 496 0400" in local
    assert "0113 496 0400" not in closing and "0808 800 5000" in closing
    assert "Example Community Safety Partnership" in closing  # listed nowhere before, so kept
