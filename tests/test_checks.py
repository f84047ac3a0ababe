"""A test per structure, timing, evidence and edition rule: one mistake, exactly one finding."""

from __future__ import annotations

import json

import pytest
from test_bad_input import edit
from test_editions import add_editions


def findings(cli, root, *args):
    result = cli("check", "-C", root, "--format", "json", *args)
    return result.exit_code, json.loads(result.output)["findings"]


def only(cli, root, code):
    status, items = findings(cli, root)
    got = [(f["path"], f["line"], f["column"], f["code"]) for f in items]
    return status, got, [f for f in items if f["code"] == code]


def test_clean_project_has_no_findings(basic, cli):
    edit(basic / "workshop.yaml", "minutes: 60", "minutes: 35")
    result = cli("check", "-C", basic, "--strict")
    assert result.exit_code == 0, result.output
    assert "All checks passed." in result.output


@pytest.fixture
def clean(basic):
    edit(basic / "workshop.yaml", "minutes: 60", "minutes: 35")
    return basic


def test_w101_unused_module(clean, cli):
    (clean / "modules/spare.md").write_text("---\ntitle: Spare\nduration: 5\n---\n", encoding="utf-8")
    status, got, hits = only(cli, clean, "W101")
    assert got == [("modules/spare.md", 1, 0, "W101")] and status == 0


def test_w102_uncited_source(clean, cli):
    edit(clean / "modules/deep-dive.md", "review_by:", "  extra:\n    title: Extra\n    publisher: NCA\n    year: 2019\n"
         "review_by:")
    status, got, hits = only(cli, clean, "W102")
    assert got == [("modules/deep-dive.md", 13, 0, "W102")]
    assert "source 'extra' is never cited" in hits[0]["message"]


def test_e103_activity_longer_than_module(clean, cli):
    edit(clean / "modules/deep-dive.md", "::: activity 15", "::: activity 45")
    status, got, hits = only(cli, clean, "E103")
    assert got == [("modules/deep-dive.md", 27, 5, "E103")] and status == 1
    assert "activities take 45 minutes but 'deep-dive' has 40 for staff" in hits[0]["message"]


def test_e104_no_duration_for_an_audience(clean, cli):
    edit(clean / "modules/intro.md", "duration: {default: 30, staff: 40}", "duration: {staff: 40}")
    status, got, hits = only(cli, clean, "E104")
    assert [(f["path"], f["line"], f["code"]) for f in hits] == [("modules/intro.md", 3, "E104")] and status == 1
    assert "no duration for audience 'members'" in hits[0]["message"]


def test_e201_agenda_over_slot(clean, cli):
    edit(clean / "workshop.yaml", "minutes: 90", "minutes: 80")
    status, got, hits = only(cli, clean, "E201")
    assert got == [("workshop.yaml", 10, 0, "E201")] and status == 1
    assert "takes 90 minutes; its slot is 80" in hits[0]["message"]


def test_w202_slot_mostly_unused(clean, cli):
    edit(clean / "workshop.yaml", "minutes: 35", "minutes: 60")
    status, got, hits = only(cli, clean, "W202")
    assert got == [("workshop.yaml", 7, 0, "W202")] and status == 0
    assert cli("check", "-C", clean, "--strict").exit_code == 1


def test_w301_review_overdue(clean, cli):
    edit(clean / "modules/deep-dive.md", "review_by: 2027-09-30", "review_by: 2025-01-31")
    status, got, hits = only(cli, clean, "W301")
    assert got == [("modules/deep-dive.md", 13, 0, "W301")]


def test_w302_review_missing(clean, cli):
    edit(clean / "modules/deep-dive.md", "review_by: 2027-09-30\n", "")
    status, got, hits = only(cli, clean, "W302")
    assert got == [("modules/deep-dive.md", 1, 0, "W302")]


def test_w303_source_without_year(clean, cli):
    edit(clean / "modules/deep-dive.md", "    year: 2015\n", "")
    status, got, hits = only(cli, clean, "W303")
    assert got == [("modules/deep-dive.md", 8, 0, "W303")]


@pytest.mark.parametrize("figure, col", [("About 45% of referrals", 9), ("Some 1,544 referrals", 8),
                                         ("one in five children", 3), ("over 800 charged", 8)])
def test_w304_uncited_statistic(clean, cli, figure, col):
    edit(clean / "modules/deep-dive.md", "Guidance for the practice.", "Guidance for the practice.")
    edit(clean / "modules/deep-dive.md", "- Work through the steps", f"- {figure}")
    status, got, hits = only(cli, clean, "W304")
    assert got == [("modules/deep-dive.md", 30, col, "W304")]


@pytest.mark.parametrize("text", ["Call 0808 800 5000 or 999", "In 2024 the law changed", "Section 45 applies",
                                  "Call 101"])
def test_w304_not_for_years_phones_or_sections(clean, cli, text):
    edit(clean / "modules/deep-dive.md", "- Work through the steps", f"- {text}")
    status, got, hits = only(cli, clean, "W304")
    assert hits == []


def test_edition_rules(clean, cli):
    add_editions(clean)
    edit(clean / "editions/north.yaml", "email: door@example.org", "email: mailto:door@example.org\n    url: www.x")
    edit(clean / "editions/south.yaml", "phone: 01632 960 222", "phone: +44 (0)1632 960 222")
    status, items = findings(cli, clean)
    got = sorted((f["path"], f["line"], f["code"]) for f in items)
    assert got == [("editions/north.yaml", 7, "E702"), ("editions/north.yaml", 8, "E703")]
