"""The shipped workshop's integrity and coverage, asserted on the modules and on real built outputs.

The first tests check that the workshop loads, cites, fits and has notes. The rest build the
national edition (and the example council's edition for elected members) through the CLI and
reopen the decks and handouts, so that the board's asks, the room's limits and the further
reading are checked where a trainer and a participant would meet them, not in the Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import run
from helpers import html, html_text, slides
from pptx import Presentation

from workshop_builder.checks import run_checks
from workshop_builder.loader import load_project
from workshop_builder.resolver import resolve

REPO = Path(__file__).resolve().parents[1]
AUDIENCES = {"elected-members": 90, "childrens-practitioners": 180, "adult-safeguarding": 150,
             "district-and-regulatory": 120, "all-council-staff": 60}
BUFFER = 5  # minutes every audience keeps free for questions
MAX_SLIDES = {"elected-members": 40, "all-council-staff": 28}
MIN_MINUTES_PER_SLIDE = 2
MIN_ACTIVITY_MINUTES = 5
SLUG = "county-lines-workshop"

# The LGA board's asks: for each audience, phrases its built deck (slides or notes) must contain.
BOARD_ASKS = {
    "elected-members": {
        "rural areas": "rural",
        "two-tier working": "County and district: who holds what",
        "County Councils Network": "County Councils Network",
        "District Councils' Network": "District Councils' Network",
        "information sharing with trading standards": "trading standards",
        "information sharing with community wellbeing": "wellbeing services",
        "the international dimension": "The international picture",
        "talking to the press and public": "Talking to the press and the public",
        "not one-size-fits-all": "Not one size fits all",
        "Rescue and Response": "Rescue and Response",
        "Islington's data matching": "Islington",
        "regional exploitation officer": "Regional CSE and exploitation officer",
    },
    "adult-safeguarding": {
        "Mental Capacity Act 2005": "Mental Capacity Act 2005",
        "Making Safeguarding Personal": "Making Safeguarding Personal",
    },
    "district-and-regulatory": {
        "homeless 16-17-year-olds": "Homeless 16–17-year-olds",
        "private rented housing levers": "Private rented homes",
        "County Councils Network": "County Councils Network",
        "District Councils' Network": "District Councils' Network",
        "not one-size-fits-all": "Rescue and Response",
    },
    "childrens-practitioners": {
        "how to make an NRM referral": "Making an NRM referral for a child",
        "devolved decision-making pilot areas": "devolved pilot area",
        "Staying Put in Callum's case": "Staying Put",
        "the personal adviser in Callum's case": "personal adviser",
    },
}


@pytest.fixture(scope="module")
def workshop():
    return load_project(REPO)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The national edition of every audience (deck and both handouts), and the example council's
    elected-members deck, built through the CLI into a temporary folder."""
    out = tmp_path_factory.mktemp("built")
    for args in (["-f", "pptx", "-f", "facilitator", "-f", "participant"],
                 ["--edition", "example-council", "-a", "elected-members", "-f", "pptx"]):
        result = run("build", "-C", REPO, "-o", out, "--no-thumbnails", "--jobs", "2", *args)
        assert result.exit_code == 0, result.output
    return out


def deck(built: Path, aud: str, edition: str = "") -> Path:
    if edition:
        return built / edition / aud / f"{SLUG}-{edition}-{aud}.pptx"
    return built / aud / f"{SLUG}-{aud}.pptx"


def everything_said(path: Path) -> str:
    """Slide titles, slide text and notes of a deck, as one string."""
    return "\n".join("\n".join([title, *(text for _, text in body), notes]) for title, body, notes in slides(path))


def activity_minutes(path: Path) -> list:
    """(title, minutes, body text) of each activity slide of a built deck: on the "Activity"
    layout the minutes are its badge; beside a picture or table, the lead line "Activity · N minutes"."""
    out = []
    for slide, (title, body, _) in zip(Presentation(str(path)).slides, slides(path)):
        lines = [text for _, text in body]
        lead = next((t for t in lines if t.startswith("Activity · ")), None)
        if lead is None and slide.slide_layout.name == "Activity":
            lead = next((ph.text_frame.text for ph in slide.placeholders if ph.placeholder_format.idx == 2), None)
        if lead is not None:
            out.append((title, int(re.search(r"(\d+) minute", lead).group(1)), "\n".join(lines)))
    return out


# ---------------------------------------------------------------- the project itself

def test_every_module_loads_and_the_five_audiences_exist(workshop):
    assert {a: aud.minutes for a, aud in workshop.audiences.items()} == AUDIENCES
    listed = [e.module_id for e in workshop.entries if e.module_id]
    assert len(listed) >= 14 and set(listed) == set(workshop.modules)
    assert sorted(p.stem for p in (REPO / "modules").glob("*.md")) == sorted(listed)


def test_every_audience_keeps_a_buffer_for_questions_and_a_break_when_long(workshop):
    for aud, slot in AUDIENCES.items():
        resolved = resolve(workshop, aud)
        assert 0.8 * slot <= resolved.total_minutes <= slot - BUFFER, (aud, resolved.total_minutes)
        if slot > 90:
            assert any(item.kind == "break" for item in resolved.agenda), aud


def test_every_citation_resolves_and_every_source_is_complete(workshop):
    for module in workshop.modules.values():
        cited = set()
        for block in list(module.intro) + [b for s in module.slides for b in s.blocks]:
            for cite in block.tree.iter("cite"):
                cited.update(cite.get("keys").split())
        assert cited <= set(module.sources), module.id
        assert set(module.sources) <= cited, module.id
        for source in module.sources.values():
            assert source.publisher and source.year and source.url, (module.id, source.key)


def test_front_matter_is_complete(workshop):
    today = dt.date(2026, 11, 27)
    for module in workshop.modules.values():
        assert len(module.outcomes) >= 2, module.id
        assert module.review_by and today <= module.review_by <= today.replace(year=today.year + 1), module.id


def test_no_content_slide_or_activity_without_notes(workshop):
    for module in workshop.modules.values():
        for slide in module.slides:
            if slide.kind in ("content", "activity"):
                assert any(b.kind == "notes" for b in slide.blocks), f"{slide.loc} {slide.title}"


def test_every_audience_gets_activities(workshop):
    for aud in AUDIENCES:
        activities = [s for rmod in resolve(workshop, aud).modules for s in rmod.slides if s.kind == "activity"]
        assert len(activities) >= 2, aud


def test_shipped_workshop_has_no_findings(workshop):
    findings = run_checks(workshop, today=dt.date(2026, 11, 27))
    assert [d.format() for d in findings] == []


# ---------------------------------------------------------------- the built decks fit the room

def test_each_deck_keeps_to_its_slide_limit_and_averages_two_minutes_a_slide(workshop, built):
    for aud in AUDIENCES:
        count = len(slides(deck(built, aud)))
        assert count <= MAX_SLIDES.get(aud, count), (aud, count)
        planned = resolve(workshop, aud).total_minutes
        assert planned / count >= MIN_MINUTES_PER_SLIDE, (aud, planned, count)


def test_no_activity_is_shorter_than_five_minutes(built):
    for aud in AUDIENCES:
        for title, minutes, _ in activity_minutes(deck(built, aud)):
            assert minutes >= MIN_ACTIVITY_MINUTES, (aud, title, minutes)


def test_elected_members_get_a_few_substantial_activities(built):
    activities = activity_minutes(deck(built, "elected-members"))
    assert 2 <= len(activities) <= 5, [t for t, _, _ in activities]


def test_every_scenario_is_labelled_fictional(built):
    for aud in AUDIENCES:
        for title, _, body in activity_minutes(deck(built, aud)):
            if re.search(r"\b(1[0-9]|[2-9][0-9])\b", body):  # an age or a time: a scenario about people
                assert "fictional" in body.lower(), (aud, title)


# ---------------------------------------------------------------- the board's asks reach the audiences named

@pytest.mark.parametrize("aud", sorted(BOARD_ASKS))
def test_each_board_ask_reaches_the_audience_it_was_made_for(built, aud):
    said = everything_said(deck(built, aud))
    missing = [ask for ask, phrase in BOARD_ASKS[aud].items() if phrase not in said]
    assert missing == [], aud


def test_ccn_and_dcn_are_named_where_two_tier_working_is_taught(built):
    for aud in ("elected-members", "district-and-regulatory", "adult-safeguarding"):
        said = everything_said(deck(built, aud))
        if "County and district: who holds what" in said:
            assert "County Councils Network" in said and "District Councils' Network" in said, aud
            assert "Ask CCN and DCN" in said, aud


def test_every_handout_links_the_nca_assessments_and_the_appg_reports(built):
    handouts = sorted(built.glob("*/*.html"))
    assert len(handouts) == 2 * len(AUDIENCES)
    for path in handouts:
        links = [attrs.get("href", "") for tag, attrs in html(path).attrs if tag == "a"]
        assert any("nationalcrimeagency.gov.uk" in href for href in links), path.name
        assert any("all-party-parliamentary-group" in href for href in links), path.name
        assert "No Place at Home" in html_text(path), path.name


def test_a_council_edition_shows_its_own_figure_and_regional_contact_to_elected_members(built):
    national = everything_said(deck(built, "elected-members"))
    council = everything_said(deck(built, "elected-members", "example-council"))
    assert "63%" in national and "Our area: ask children's services for the figure" in national
    assert "Our area: 58%" in council and "63%" in council
    assert "Regional CSE and exploitation officer" in national
    assert "01632 960 500" in council


def test_facts_corrected_by_the_review_stay_corrected(built):
    children = everything_said(deck(built, "childrens-practitioners"))
    members = everything_said(deck(built, "elected-members"))
    assert "R v MK" in children and "must show" not in children.replace('"must show"', "")
    assert "Eritrean and Somali" in members and "44%" in members
    district = everything_said(deck(built, "district-and-regulatory"))
    assert "6 December 2017" in district and "superintendent" in district
    assert "recommend" in district and "require safeguarding training for taxi drivers" not in district
    assert "in force locally" not in members


# ---------------------------------------------------------------- the slides show rather than list (issue 12)

# Layouts of the slide vocabulary: a slide on one of these is not a bullet list.
VISUAL_LAYOUTS = {"Big Number", "Comparison", "Two Content", "Title Only", "Quotation", "Picture with Caption"}
GROUP, CHART = 6, 3  # python-pptx MSO_SHAPE_TYPE.GROUP and .CHART


def deck_slides(path: Path) -> list:
    """(title, layout name, slide) of every slide of a built deck."""
    return [(s.shapes.title.text_frame.text if s.shapes.title is not None else "", s.slide_layout.name, s)
            for s in Presentation(str(path)).slides]


def find_slide(path: Path, title_start: str):
    """The one slide of a deck whose title starts with title_start, as (title, layout, slide)."""
    found = [entry for entry in deck_slides(path) if entry[0].startswith(title_start)]
    assert len(found) == 1, (path.name, title_start, [t for t, _, _ in found])
    return found[0]


def alt_text(shape) -> str:
    """The description a screen reader reads for a shape (its cNvPr descr)."""
    return (shape._element.xpath("./*[1]/p:cNvPr/@descr") or [""])[0]


def is_visual(slide, layout: str) -> bool:
    """Whether a built slide shows something other than a bullet list (big numbers, columns, a chart
    or a diagram)."""
    return layout in VISUAL_LAYOUTS or any(sh.shape_type in (GROUP, CHART) for sh in slide.shapes)


def chart_table(module: str, title: str) -> tuple:
    """(categories, values) of the first series of the `::: chart` table titled `title` in a module."""
    text = (REPO / "modules" / f"{module}.md").read_text(encoding="utf-8")
    block = text[text.index(f'title="{title}"'):]
    rows = [line for line in block.splitlines()[1:] if line.startswith("|")]
    body = [r.strip("|").split("|") for r in rows[2:]]
    assert body, (module, title)
    return ([c[0].strip() for c in body], [float(c[1].strip().replace(",", "")) for c in body])


def test_nrm_referrals_are_a_native_chart_with_the_modules_figures(built):
    categories, values = chart_table("modern-slavery-and-the-nrm", "NRM referrals of potential victims, UK, by calendar year")
    assert categories == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert values == [10613, 12727, 16938, 16990, 19125, 23411]  # domain facts §6, Home Office statistics
    for aud in ("elected-members", "childrens-practitioners", "adult-safeguarding", "district-and-regulatory"):
        _, _, slide = find_slide(deck(built, aud), "The international picture")
        charts = [sh for sh in slide.shapes if sh.shape_type == CHART]
        assert len(charts) == 1, aud
        plot = charts[0].chart.plots[0]
        assert [str(c) for c in plot.categories] == categories, aud
        assert [list(s.values) for s in plot.series] == [values], aud
        assert "2025 23,411" in alt_text(charts[0]) and "Home Office" in alt_text(charts[0]), aud
        source = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert "calendar year" in source and re.search(r"Home Office, (20\d\d[a-z]?, )*2026[a-z]?\b", source), aud


def test_cce_estimates_are_big_numbers_with_their_years_and_source(built):
    for aud in ("elected-members", "childrens-practitioners"):
        _, layout, slide = find_slide(deck(built, aud), "Home Office estimates: more children identified with CCE")
        assert layout == "Big Number", aud
        stats = [ph.text_frame.text for ph in slide.placeholders if ph.placeholder_format.idx in (1, 2, 3)]
        assert [s.splitlines()[0] for s in stats] == ["14,000", "14,500", "15,500"], aud
        assert ["2022-23" in stats[0], "2023-24" in stats[1], "March 2025" in stats[2]] == [True] * 3, aud
        assert all(re.fullmatch(r"Home Office, 2025[a-z]?", s.splitlines()[-1]) for s in stats), aud
    _, layout, slide = find_slide(deck(built, "elected-members"), "National figures count different things")
    stats = [ph.text_frame.text for ph in slide.placeholders if ph.placeholder_format.idx in (1, 2, 3)]
    assert layout == "Big Number" and [s.splitlines()[0] for s in stats] == ["15,500", "15,750", "23,411"]
    assert stats[1].splitlines()[-1].startswith("Department for Education")  # the CIN census, not a press report


def diagram_steps(slide) -> tuple:
    """(group alt text, [(step text, step alt text)]) of the one process or cycle diagram on a slide."""
    groups = [sh for sh in slide.shapes if sh.shape_type == GROUP]
    assert len(groups) == 1
    steps = [(sh.text_frame.text, alt_text(sh)) for sh in groups[0].shapes if sh.name.startswith("Step")]
    return alt_text(groups[0]), steps


def test_the_county_lines_model_and_the_nrm_route_are_process_diagrams_in_reading_order(built):
    expected = {
        ("all-council-staff", "Exploiters move children and drugs"):
            ["Exporting area", "Buyers order", "Children and adults at risk", "Importing area"],
        ("elected-members", "Exploiters move children and drugs"):
            ["Exporting area", "Buyers order", "Children and adults at risk", "Importing area"],
        ("childrens-practitioners", "The NRM route"):
            ["Referral", "Reasonable Grounds", "Recovery period, at least 30 days", "Conclusive Grounds"],
        ("district-and-regulatory", "The NRM route"):
            ["Referral", "Reasonable Grounds", "Recovery period, at least 30 days", "Conclusive Grounds"],
        ("childrens-practitioners", "Grooming turns into control"):
            ["Targets a need", "Gifts", "A debt", "Control"],
    }
    for (aud, title), starts in expected.items():
        _, layout, slide = find_slide(deck(built, aud), title)
        group_alt, steps = diagram_steps(slide)
        assert layout == "Title Only" and group_alt.startswith(f"Process in {len(starts)} steps"), (aud, title)
        assert len(steps) == len(starts), (aud, title)
        for n, ((text, alt), start) in enumerate(zip(steps, starts), 1):
            assert text.startswith(start), (aud, title, text)
            assert alt == f"Step {n} of {len(starts)}: {text}", (aud, title, alt)


def test_cse_and_cce_are_compared_side_by_side(built):
    for aud in AUDIENCES:
        _, layout, slide = find_slide(deck(built, aud), "Sexual and criminal exploitation: one pattern")
        assert layout == "Comparison", aud
        by_idx = {ph.placeholder_format.idx: ph.text_frame.text for ph in slide.placeholders}
        assert by_idx[1] == "Sexual exploitation" and by_idx[3] == "Criminal exploitation", aud
        assert "sexual activity" in by_idx[2] and "crime" in by_idx[4], aud


def test_say_this_not_that_is_a_labelled_comparison_not_colour_alone(built):
    for aud in AUDIENCES:
        _, layout, slide = find_slide(deck(built, aud), "Say this, not that")
        by_idx = {ph.placeholder_format.idx: ph.text_frame.text for ph in slide.placeholders}
        assert layout == "Comparison", aud
        assert by_idx[1] == "✗ Not this" and by_idx[3] == "✓ Say this", aud
        assert "involved in county lines" in by_idx[2] and "criminally exploited" in by_idx[4], aud


def test_every_module_shows_at_least_one_slide_that_is_not_a_bullet_list(workshop, built):
    shown = {}
    for aud in AUDIENCES:
        titles = {s.title: rmod.module.id for rmod in resolve(workshop, aud).modules for s in rmod.slides}
        for title, layout, slide in deck_slides(deck(built, aud)):
            if title in titles and is_visual(slide, layout):
                shown.setdefault(titles[title], set()).add(aud)
    missing = sorted(set(workshop.modules) - set(shown))
    assert missing == []
    # and every audience meets several of them, not one
    for aud in AUDIENCES:
        assert sum(aud in auds for auds in shown.values()) >= 6, aud


def test_the_cce_definition_is_a_quotation_in_the_home_offices_words(built):
    for aud in AUDIENCES:
        _, layout, slide = find_slide(deck(built, aud), "What child criminal exploitation is")
        by_idx = {ph.placeholder_format.idx: ph.text_frame.text for ph in slide.placeholders}
        assert layout == "Quotation", aud
        assert "imbalance of power to coerce, control, manipulate or deceive" in by_idx[1], aud
        assert "Serious Violence Strategy" in by_idx[2] and "Home Office, 2018" in by_idx[2], aud
