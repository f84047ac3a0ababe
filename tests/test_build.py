"""The whole path on the small test project: build every audience and reopen each output."""

from __future__ import annotations

from helpers import deck_text, html, html_text, slides
from pptx import Presentation
from pptx.util import Pt


def outputs(root, aud):
    folder = root / "output" / aud
    return (folder / f"test-workshop-{aud}.pptx", folder / f"test-workshop-{aud}-facilitator.html",
            folder / f"test-workshop-{aud}-participant.html")


def test_build_writes_every_audience_and_format(basic, cli):
    result = cli("build", "-C", basic)
    assert result.exit_code == 0, result.output
    for aud in ("members", "staff"):
        for path in outputs(basic, aud):
            assert path.is_file() and path.stat().st_size > 0
    assert "6 written" in result.output


def test_deck_titles_levels_runs_links_notes(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "pptx")
    deck, _, _ = outputs(basic, "staff")
    got = slides(deck)
    titles = [t for t, _, _ in got]
    assert titles[0] == "Test workshop"
    assert titles[1] == "Agenda"
    assert "Introduction" in titles and "Definitions and points" in titles
    assert titles[-1] == "Support and contacts"
    title, paras, notes = got[titles.index("Definitions and points")]
    levels = {text.split(" with")[0].strip(): level for level, text in paras}
    assert levels["First point"] == 0
    assert levels["Nested point level one"] == 1
    assert levels["Nested point level two"] == 2
    assert "(Home Office, 2018)" in paras[0][1]
    assert "(Home Office, 2018; National Crime Agency, 2019)" in paras[-1][1]
    assert "NOTES-ONE" in notes and "NOTES-ONE" not in deck_text(deck)
    prs = Presentation(str(deck))
    slide = prs.slides[titles.index("Definitions and points")]
    runs = [r for shape in slide.placeholders if shape.placeholder_format.idx == 1
            for p in shape.text_frame.paragraphs for r in p.runs]
    assert any(r.text == "bold" and r.font.bold for r in runs)
    assert any(r.text == "italic" and r.font.italic for r in runs)
    assert any(r.text == "code" and r.font.name == "Courier New" for r in runs)
    link = [r for r in runs if r.text == "link to guidance"][0]
    assert link.hyperlink.address == "https://www.gov.uk/guidance"


def test_deck_table_picture_alt_text_and_properties(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "pptx")
    deck, _, _ = outputs(basic, "staff")
    prs = Presentation(str(deck))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    slide = prs.slides[titles.index("A table and a picture")]
    tables = [s for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    table = tables[0].table
    assert table.first_row is True
    assert [c.text for c in table.rows[0].cells] == ["Term", "Meaning"]
    assert table.cell(1, 0).text == "Deal line"
    assert all(r.font.size >= Pt(18) for row in table.rows for c in row.cells
               for p in c.text_frame.paragraphs for r in p.runs)
    pictures = [s for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "A map of the area with a marked circle"
    props = prs.core_properties
    assert props.title == "Test workshop"
    assert props.subject == "Frontline staff"
    assert props.language == "en-GB"
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_activity_slide_shows_minutes(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "pptx")
    got = slides(outputs(basic, "staff")[0])
    activity = [s for s in got if s[0] == "Activity: Case study: a fictional composite"]
    assert activity, [s[0] for s in got]
    assert (0, "10 minutes") in activity[0][1]  # in the Activity layout's badge
    assert "ACTIVITY-GUIDANCE" in activity[0][2]


def test_audience_content_only_where_it_belongs(basic, cli):
    cli("build", "-C", basic)
    m_deck, m_fac, m_part = outputs(basic, "members")
    s_deck, s_fac, s_part = outputs(basic, "staff")
    assert "MEMBERS-ONLY" in deck_text(m_deck) and "MEMBERS-ONLY" not in deck_text(s_deck)
    assert "STAFF-ONLY-POINT" in deck_text(s_deck) and "STAFF-ONLY-POINT" not in deck_text(m_deck)
    assert "Deep dive" not in deck_text(m_deck)
    for path in (m_fac, m_part):
        assert "STAFF-ONLY-POINT" not in html_text(path) and "NOTES-DEEP" not in html_text(path)
    assert "NOTES-MEMBERS" in html_text(m_fac) and "NOTES-MEMBERS" not in html_text(s_fac)


def test_notes_and_handout_blocks_appear_exactly_where_they_belong(basic, cli):
    cli("build", "-C", basic, "-a", "staff")
    deck, fac, part = outputs(basic, "staff")
    notes = " ".join(n for _, _, n in slides(deck))
    assert "NOTES-ONE" in notes and "NOTES-ONE" in html_text(fac)
    assert "NOTES-ONE" not in html_text(part) and "NOTES-ONE" not in deck_text(deck)
    assert "HANDOUT-ONE" in html_text(fac) and "HANDOUT-ONE" in html_text(part)
    assert "HANDOUT-ONE" not in deck_text(deck) and "HANDOUT-ONE" not in notes
    assert "INTRO-TEXT" in html_text(fac) and "INTRO-TEXT" not in deck_text(deck)
    assert "ACTIVITY-GUIDANCE" not in html_text(part)


def test_handout_agenda_clock_times(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "facilitator", "--start", "13:15")
    _, fac, _ = outputs(basic, "staff")
    rows = html(fac).rows
    agenda = [r for r in rows if len(r) == 4][1:4]
    assert agenda == [["13:15", "13:55", "Introduction to the topic Content note", "40"],
                      ["13:55", "14:05", "Break", "10"],
                      ["14:05", "14:45", "Deep dive for staff", "40"]]


def test_handout_is_self_contained_with_language_title_and_references(basic, cli):
    cli("build", "-C", basic, "-a", "staff", "-f", "facilitator")
    _, fac, _ = outputs(basic, "staff")
    parsed = html(fac)
    html_tag = [a for t, a in parsed.attrs if t == "html"][0]
    assert html_tag["lang"] == "en-GB"
    assert "Test workshop: facilitator handout (Frontline staff)" in parsed.parts
    imgs = [a for t, a in parsed.attrs if t == "img"]
    assert imgs and all(a["src"].startswith("data:image/png;base64,") for a in imgs)
    assert "A map of the area with a marked circle" in [a["alt"] for a in imgs]
    refs = [a["id"] for t, a in parsed.attrs if t == "li" and a.get("id", "").startswith("ref-")]
    assert refs == ["ref-1", "ref-2", "ref-3"]
    assert not [a for t, a in parsed.attrs if t in ("link", "script")]


def test_list_and_plan(basic, cli):
    result = cli("list", "-C", basic)
    assert result.exit_code == 0
    assert "staff" in result.output and "slot  90 min, planned  90 min" in result.output
    result = cli("plan", "-C", basic, "-a", "staff", "--start", "10:00")
    assert result.exit_code == 0
    assert "10:00–10:40   40 min  Introduction to the topic" in result.output
    assert "Total 90 of 90 minutes: fits exactly" in result.output


def test_usage_mistakes_exit_2(basic, cli):
    assert cli("build", "-C", basic, "-a", "staf").exit_code == 2
    assert cli("build", "-C", basic, "--format", "pdf").exit_code == 2
    assert cli("build", "-C", basic, "--start", "25:00").exit_code == 2
    assert not (basic / "output").exists()


def test_version_and_help(cli):
    assert cli("--version").exit_code == 0
    for command in ("build", "list", "plan"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output
