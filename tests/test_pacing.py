"""Pacing: the estimate (notes read aloud, activities, changeovers), `plan`'s table, and the
pacing rules W203, W204, W205 and E202, each with a failing and a passing case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop_builder.checks import check_project
from workshop_builder.loader import load_project
from workshop_builder.pacing import CHANGEOVER_MINUTES, WORDS_PER_MINUTE, estimate, plan_lines
from workshop_builder.resolver import resolve

TODAY = dt.date(2026, 11, 27)


def project(root: Path, slides: str, *, duration: int = 10, slot: int = 10, audience_extra: str = "") -> Path:
    """A one-audience, one-module project whose module body is `slides`."""
    (root / "modules").mkdir(parents=True)
    (root / "workshop.yaml").write_text(
        'title: "Pacing test"\norganisation: Test Council\nstart: "09:30"\ndate: 2026-11-27\n'
        f"audiences:\n  members:\n    name: Elected members\n    minutes: {slot}\n{audience_extra}"
        "modules:\n  - m\n"
        "support:\n  - name: Emergency\n    phone: \"999\"\n    description: Immediate danger\n",
        encoding="utf-8")
    (root / "modules" / "m.md").write_text(
        f"---\ntitle: The module\nduration: {duration}\naudiences: all\noutcomes:\n  - Know it\n"
        "review_by: 2027-09-30\n---\n\n# The module\n\n" + slides, encoding="utf-8")
    return root


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def notes(n: int) -> str:
    return f"::: notes\n{words(n, 'say')}\n:::\n\n"


def codes(root: Path, code: str) -> list:
    """The findings of one code for the project."""
    workshop, findings = check_project(root, today=TODAY)
    return [d for d in findings if d.code == code]


def est(root: Path):
    workshop = load_project(root)
    return estimate(resolve(workshop, "members"))


# ---- the estimate ----


def test_estimate_reads_notes_at_the_documented_rate_and_adds_activities_and_changeovers(tmp_path):
    root = project(tmp_path, "## One\n\n- a point\n\n" + notes(2 * WORDS_PER_MINUTE)
                   + "::: activity 4\n### Two\n\nDiscuss in pairs.\n\n" + notes(WORDS_PER_MINUTE) + ":::\n")
    module = est(root).modules[0]
    # the section slide (# The module) is a slide too: three changeovers
    assert len(module.slides) == 3
    assert module.notes_minutes == pytest.approx(3.0)
    assert module.activity_minutes == 4
    assert module.changeover_minutes == pytest.approx(3 * CHANGEOVER_MINUTES)
    assert module.minutes == pytest.approx(3.0 + 4 + 3 * CHANGEOVER_MINUTES)


def test_on_screen_words_leave_out_figures_and_points_count_items_and_paragraphs(tmp_path):
    root = project(tmp_path, "## Figures\n\nIn 2023 there were 17,004 referrals, up 7%\n\n- one\n  - two\n- three\n")
    slide = [s for s in est(root).modules[0].slides if s.slide.title == "Figures"][0]
    assert slide.screen_words == 8  # In there were referrals, up one two three
    assert slide.points == 4  # the paragraph and three list items


def test_plan_shows_declared_minutes_beside_the_estimate(tmp_path, cli):
    root = project(tmp_path, "## One\n\n- a point\n\n" + notes(3 * WORDS_PER_MINUTE), duration=2, slot=10)
    result = cli("plan", "-C", root, "-a", "members")
    assert result.exit_code == 0, result.output
    row = [line for line in result.output.splitlines() if line.strip().startswith("m ")][0]
    # module id, slides, declared, estimate (3 min of notes + 2 changeovers), breakdown, flag
    assert row.split()[:4] == ["m", "2", "2", "3.5"]
    assert "OVER by 1.5" in row
    assert "slides in the deck over 2 minutes of sessions" in result.output
    lines = plan_lines(est(root))
    assert lines[-1].split()[:4] == ["Total", "2", "2", "3.5"]


# ---- W203 module-overruns ----


def test_w203_module_estimate_over_its_minutes(tmp_path):
    root = project(tmp_path, "## One\n\n- a point\n\n" + notes(6 * WORDS_PER_MINUTE), duration=5, slot=5)
    [hit] = codes(root, "W203")
    assert hit.loc.path == "modules/m.md" and hit.loc.line == 3  # the duration line
    assert "module 'm' takes longer than its minutes: members: 6.5 of 5 min" in hit.message


def test_w203_not_when_the_estimate_fits(tmp_path):
    root = project(tmp_path, "## One\n\n- a point\n\n" + notes(4 * WORDS_PER_MINUTE), duration=5, slot=5)
    assert codes(root, "W203") == []


# ---- W204 slide-pace and E202 pace-setting ----


SLIDES_8 = "".join(f"## Slide {i}\n\n- point {i}\n\n" for i in range(1, 8))  # 7 + the section slide


def test_w204_deck_averages_under_two_minutes_a_slide(tmp_path):
    # title, agenda, section, 7 content slides, closing: 11 slides for 10 minutes
    root = project(tmp_path, SLIDES_8, duration=10, slot=10)
    [hit] = codes(root, "W204")
    assert hit.loc.path == "workshop.yaml" and hit.loc.line == 6
    assert "has 11 slides for 10 minutes of sessions: 0.9 minutes a slide, under 2" in hit.message
    assert "at most 5 slides" in hit.fix


def test_w204_not_when_there_is_time_for_each_slide(tmp_path):
    root = project(tmp_path, SLIDES_8, duration=25, slot=25)
    assert codes(root, "W204") == []


def test_w204_threshold_is_set_per_audience(tmp_path):
    root = project(tmp_path, SLIDES_8, duration=10, slot=10, audience_extra="    min_minutes_per_slide: 0.5\n")
    assert codes(root, "W204") == []
    strict = project(tmp_path / "strict", SLIDES_8, duration=25, slot=25,
                     audience_extra="    min_minutes_per_slide: 3\n")
    [hit] = codes(strict, "W204")
    assert "2.3 minutes a slide, under 3" in hit.message


def test_e202_threshold_must_be_a_positive_number(tmp_path):
    root = project(tmp_path, SLIDES_8, audience_extra="    min_minutes_per_slide: fast\n")
    [hit] = codes(root, "E202")
    assert hit.loc.line == 9 and "not 'fast'" in hit.message
    good = project(tmp_path / "good", SLIDES_8, audience_extra="    min_minutes_per_slide: 1.5\n")
    assert codes(good, "E202") == []


# ---- W205 dense-slide ----


def test_w205_more_than_forty_words(tmp_path):
    root = project(tmp_path, f"## Wordy\n\n{words(41)}\n")
    [hit] = codes(root, "W205")
    assert hit.loc.path == "modules/m.md" and "slide 'Wordy' shows 41 words (at most 40)" in hit.message


def test_w205_forty_words_and_any_figures_pass(tmp_path):
    root = project(tmp_path, f"## Enough\n\n{words(40)} 2019 2020 2021 17,004 45%\n")
    assert codes(root, "W205") == []


def test_w205_more_than_six_points(tmp_path):
    root = project(tmp_path, "## Listy\n\n" + "".join(f"- item {i}\n" for i in range(7)))
    [hit] = codes(root, "W205")
    assert "slide 'Listy' shows 7 points (at most 6)" in hit.message


def test_w205_six_points_pass(tmp_path):
    root = project(tmp_path, "## Six\n\n" + "".join(f"- item {i}\n" for i in range(6)))
    assert codes(root, "W205") == []
