"""The shipped workshop's integrity (not its wording): it loads, cites, fits and has notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop_builder.checks import run_checks
from workshop_builder.loader import load_project
from workshop_builder.resolver import resolve

REPO = Path(__file__).resolve().parents[1]
AUDIENCES = {"elected-members": 90, "childrens-practitioners": 180, "adult-safeguarding": 150,
             "district-and-regulatory": 120, "all-council-staff": 60}


@pytest.fixture(scope="module")
def workshop():
    return load_project(REPO)


def test_every_module_loads_and_the_five_audiences_exist(workshop):
    assert {a: aud.minutes for a, aud in workshop.audiences.items()} == AUDIENCES
    listed = [e.module_id for e in workshop.entries if e.module_id]
    assert len(listed) >= 14 and set(listed) == set(workshop.modules)
    assert sorted(p.stem for p in (REPO / "modules").glob("*.md")) == sorted(listed)


def test_every_audience_fits_its_slot_with_a_break_when_long(workshop):
    for aud, slot in AUDIENCES.items():
        resolved = resolve(workshop, aud)
        assert resolved.total_minutes <= slot
        assert resolved.total_minutes >= 0.8 * slot
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


def test_no_content_slide_without_notes_and_every_module_has_an_activity(workshop):
    for module in workshop.modules.values():
        assert any(s.kind == "activity" for s in module.slides), module.id
        for slide in module.slides:
            if slide.kind in ("content", "activity"):
                assert any(b.kind == "notes" for b in slide.blocks), f"{slide.loc} {slide.title}"


def test_each_audience_sees_an_activity_in_every_module(workshop):
    for aud in AUDIENCES:
        for rmod in resolve(workshop, aud).modules:
            assert any(s.kind == "activity" for s in rmod.slides), (aud, rmod.module.id)


def test_shipped_workshop_has_no_findings(workshop):
    findings = run_checks(workshop, today=dt.date(2026, 11, 27))
    assert [d.format() for d in findings] == []
