"""Citations a reader can follow: each source once per citation, same-publisher same-year sources
lettered (2025a, 2025b) the same on the slide, in the notes and in the handouts' reference list."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from conftest import HERE, REPO, run
from pptx import Presentation

from workshop_builder.citations import join_short, merge_adjacent, year_labels
from workshop_builder.markdown_tree import MarkdownParser

SLUG = "county-lines-workshop"
CITATION = re.compile(r"\(([A-Za-z][^()]*?, (?:\d{4}[a-z]?|n\.d\.-[a-z]))\)")  # "(Home Office, 2025a, 2025b; NCA, 2019)"


# ---- the pure functions ----

def test_year_labels_letter_only_sources_that_would_cite_alike_in_list_order():
    got = year_labels([("Home Office", 2025), ("NCA", 2019), ("Home Office", 2025), ("Home Office", 2018),
                       ("Home Office", 2025), ("DfE", None), ("DfE", None), ("NCA", None)])
    assert got == ["2025a", "2019", "2025b", "2018", "2025c", "n.d.-a", "n.d.-b", ""]


def test_join_short_names_each_source_once_and_a_publisher_once_per_run():
    assert join_short([("Home Office", "2025a"), ("Home Office", "2025a")]) == "Home Office, 2025a"
    assert join_short([("Home Office", "2025b"), ("Home Office", "2025a"), ("NCA", "2019")]) == \
        "Home Office, 2025a, 2025b; NCA, 2019"
    assert join_short([("Home Office", "2025a"), ("NCA", "2024")]) == "Home Office, 2025a; NCA, 2024"
    assert join_short([("Home Office", ""), ("Home Office", "2018")]) == "Home Office; Home Office, 2018"
    assert join_short([]) == ""


def _cites(markdown: str) -> list:
    root = MarkdownParser().parse(markdown)
    return [(c.get("keys"), c.tail) for c in root.iter("cite")]


def test_adjacent_citations_are_one_and_a_repeated_key_goes():
    assert _cites("A claim [@a] [@b].") == [("a b", ".")]
    assert _cites("A claim [@a; @a; @b] [@b; @c]") == [("a b c", None)]
    assert _cites("One [@a] and another [@a].") == [("a", " and another "), ("a", ".")]


def test_merge_adjacent_leaves_citations_apart_alone():
    root = MarkdownParser().parse("x [@a], y [@b]")
    merge_adjacent(root)
    assert [c.get("keys") for c in root.iter("cite")] == ["a", "b"]


# ---- a small project: two Home Office 2025 sources, one source under two keys ----

FIXTURE_MODULE = """---
title: Citing sources
duration: 10
audiences: all
outcomes:
  - Match a slide's citation to the reference list
sources:
  ho-factsheet:
    title: Example factsheet
    publisher: Home Office
    year: 2025
    url: https://example.org/factsheet
  ho-offence:
    title: Example offence guidance
    publisher: Home Office
    year: 2025
    url: https://example.org/offence
  ho-strategy:
    title: Serious Violence Strategy
    publisher: Home Office
    year: 2018
    url: https://www.gov.uk/government/publications/serious-violence-strategy
review_by: 2027-09-30
---

# Citing

## Sources that read alike

- New offences [@ho-factsheet; @ho-offence]
- One source twice [@ho-factsheet; @ho-factsheet]
- Side by side [@ho-offence] [@ho-strategy]
- Cited early [@ho-factsheet] and again [@ho-factsheet]

::: notes
NOTE-CITES the factsheet and the offence guidance [@ho-factsheet; @ho-offence; @ho-offence].
:::
"""


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory) -> Path:
    """tests/projects/basic with the citing module added, built for members (deck, handouts, Word)."""
    root = tmp_path_factory.mktemp("cites") / "basic"
    shutil.copytree(HERE / "projects" / "basic", root)
    (root / "modules" / "citing.md").write_text(FIXTURE_MODULE, encoding="utf-8")
    yaml = (root / "workshop.yaml").read_text(encoding="utf-8")
    (root / "workshop.yaml").write_text(yaml.replace("  - intro\n", "  - intro\n  - citing\n"), encoding="utf-8")
    result = run("build", "-C", root, "-a", "members", "-f", "pptx", "-f", "participant", "-f", "facilitator",
                 "-f", "participant-docx")
    assert result.exit_code == 0, result.output
    return root / "output" / "members"


class _References(HTMLParser):
    """The handout's reference list entries (text), and each citation's numbers, in order."""

    def __init__(self):
        super().__init__()
        self.entries: list = []
        self.cites: list = []
        self._in_refs = self._entry = self._cite = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "references" in (attrs.get("class") or ""):
            self._in_refs = True
        elif tag == "li" and self._in_refs:
            self._entry = []
        elif tag == "sup" and attrs.get("class") == "cite":
            self._cite = []

    def handle_endtag(self, tag):
        if tag == "section":
            self._in_refs = None
        elif tag == "li" and self._entry is not None:
            self.entries.append(" ".join("".join(self._entry).split()))
            self._entry = None
        elif tag == "sup" and self._cite is not None:
            self.cites.append("".join(self._cite))
            self._cite = None

    def handle_data(self, data):
        for part in (self._entry, self._cite):
            if part is not None:
                part.append(data)


def references(path: Path) -> _References:
    parser = _References()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def slide_and_notes(deck: Path, title: str) -> tuple:
    """(the slide's paragraphs, the notes' text) of the one slide with that title."""
    for slide in Presentation(str(deck)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            paras = [p.text for sh in slide.placeholders if sh.has_text_frame and sh != slide.shapes.title
                     for p in sh.text_frame.paragraphs]
            return paras, slide.notes_slide.notes_text_frame.text
    raise AssertionError(f"no slide {title!r} in {deck.name}")


def test_fixture_citations_merged_and_lettered_on_slide_and_in_notes(fixture_build):
    paras, notes = slide_and_notes(fixture_build / "test-workshop-members.pptx", "Sources that read alike")
    assert "New offences (Home Office, 2025a, 2025b)" in paras
    assert "One source twice (Home Office, 2025a)" in paras
    assert "Side by side (Home Office, 2018, 2025b)" in paras
    assert "Cited early (Home Office, 2025a) and again" in paras  # a point cites a source once
    assert "NOTE-CITES the factsheet and the offence guidance (Home Office, 2025a, 2025b)." in notes


def test_fixture_reference_list_shows_the_letters_and_one_entry_a_source(fixture_build):
    refs = references(fixture_build / "test-workshop-members-participant.html")
    assert refs.entries[:4] == [
        "Home Office (2018). Serious Violence Strategy. https://www.gov.uk/government/publications/serious-violence-strategy",
        "National Crime Agency (2019). County Lines Drug Supply, Vulnerability and Harm 2018. https://www.nationalcrimeagency.gov.uk/",
        "Home Office (2025a). Example factsheet. https://example.org/factsheet",
        "Home Office (2025b). Example offence guidance. https://example.org/offence",
    ]
    assert len(refs.entries) == 4  # the strategy, cited under two keys in two modules, is one entry
    # the slide's four points, numbered (the last cites its source once, as on the slide), then the notes
    assert refs.cites[-4:] == ["[3, 4]", "[3]", "[4, 1]", "[3]"]
    assert references(fixture_build / "test-workshop-members-facilitator.html").cites[-5:] == \
        ["[3, 4]", "[3]", "[4, 1]", "[3]", "[3, 4]"]
    words = docx.Document(str(fixture_build / "test-workshop-members-participant.docx"))
    texts = [p.text for p in words.paragraphs]
    assert "Home Office (2025a). Example factsheet. https://example.org/factsheet" in texts
    assert "Home Office (2025b). Example offence guidance. https://example.org/offence" in texts


# ---- the shipped workshop ----

AUDIENCES = ("elected-members", "childrens-practitioners", "adult-safeguarding", "district-and-regulatory",
             "all-council-staff")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """Every audience's deck and participant handout of the shipped workshop, national edition."""
    out = tmp_path_factory.mktemp("shipped-cites")
    result = run("build", "-C", REPO, "-o", out, "--no-thumbnails", "-f", "pptx", "-f", "participant")
    assert result.exit_code == 0, result.output
    return out


def deck_citations(deck: Path) -> list:
    """Every author–year citation on the slides and in the notes of a deck, as written."""
    found = []
    for slide in Presentation(str(deck)).slides:
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        texts += [c.text for sh in slide.shapes if sh.has_table for row in sh.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        found += [m.group(1) for text in texts for m in CITATION.finditer(text)]
    return found


def labels(citation: str) -> list:
    """"Home Office, 2025a, 2025b; NCA, 2019" -> ["Home Office (2025a)", "Home Office (2025b)", "NCA (2019)"]."""
    out = []
    for group in citation.split("; "):
        name, *years = group.split(", ")
        while years and not re.fullmatch(r"\d{4}[a-z]?|n\.d\.-[a-z]", years[0]):  # a name with commas
            name, years = f"{name}, {years[0]}", years[1:]
        out += [f"{name} ({year})" for year in years] or [name]
    return out


@pytest.mark.slow  # builds the shipped workshop
@pytest.mark.parametrize("aud", AUDIENCES)
def test_every_slide_citation_is_one_entry_of_the_handouts_reference_list(shipped, aud):
    refs = references(shipped / aud / f"{SLUG}-{aud}-participant.html")
    heads = [entry.split(").")[0] + ")" for entry in refs.entries]
    assert len(heads) == len(set(heads)), "two entries of the list read alike"
    facts = {f["source"] for f in yaml.safe_load((REPO / "workshop.yaml").read_text(encoding="utf-8"))["edition"]["facts"].values()}
    cited = [c for c in deck_citations(shipped / aud / f"{SLUG}-{aud}.pptx") if c.split(", ")[0] not in facts]
    assert cited
    for citation in cited:
        names = labels(citation)
        assert len(names) == len(set(names)), citation  # each source once
        for name in names:
            assert name in heads, (name, citation)


@pytest.mark.slow  # builds the shipped workshop
def test_the_new_offences_cite_two_lettered_home_office_2025_sources(shipped):
    for aud in ("elected-members", "childrens-practitioners", "adult-safeguarding"):
        deck = shipped / aud / f"{SLUG}-{aud}.pptx"
        paras, notes = _crime_act(deck)
        point = next(p for p in paras if p.startswith("New offences: using a child for crime"))
        cite = CITATION.search(point).group(1)
        assert re.fullmatch(r"Home Office, 2025[a-z], 2025[a-z]", cite), (aud, point)
        assert f"({cite})" in notes, aud
        entries = references(shipped / aud / f"{SLUG}-{aud}-participant.html").entries
        for year in cite.split(", ")[1:]:
            entry = next(e for e in entries if e.startswith(f"Home Office ({year})."))
            assert "factsheet" in entry or "hide objects in their bodies" in entry, (aud, entry)


def _crime_act(deck: Path) -> tuple:
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if title.startswith(("Crime and Policing Act", "The Crime and Policing Act")):
            return slide_and_notes(deck, title)
    raise AssertionError(f"no Crime and Policing Act slide in {deck.name}")
