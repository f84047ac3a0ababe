"""Issue 14: project shapes that loaded but could not build what the author meant, and the
injectable "today" of the checks."""

from __future__ import annotations

import os
import re
import shutil
import zipfile

import pytest
from hardening_util import builds, edit, fails_with

MODULES = "modules:\n  - intro\n"


def test_no_audiences_is_an_error(basic, cli):
    edit(basic / "workshop.yaml", "audiences:\n  members:\n    name: Elected members\n    minutes: 60\n"
         "  staff:\n    name: Frontline staff\n    minutes: 90\n", "audiences: {}\n")
    edit(basic / "workshop.yaml", "  - break: 10\n    audiences: [staff]\n  - id: deep-dive\n    audiences: [staff]\n", "")
    expected = "workshop.yaml:6: E004 audiences: names no audiences, so nothing would be built"
    fails_with(cli, basic, expected)
    fails_with(cli, basic, "workshop.yaml:6: E004 [error] audiences: names no audiences", command="check")
    result = cli("list", "-C", basic)
    assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("ident", ["./intro", "intro.md", "../modules/intro", "Intro", "intro/"])
def test_module_id_must_be_plain(basic, cli, ident):
    edit(basic / "workshop.yaml", "  - intro\n", f"  - intro\n  - '{ident}'\n")
    fails_with(cli, basic, f"workshop.yaml:15: E011 module id '{ident}' must be lower case letters, digits "
                           "and hyphens")


@pytest.mark.parametrize("ident", ["agenda", "references", "support", "content-notes", "ref-1"])
def test_module_ids_the_handouts_use_are_refused(basic, cli, ident):
    shutil.copy(basic / "modules/intro.md", basic / f"modules/{ident}.md")
    edit(basic / "workshop.yaml", "  - intro\n", f"  - intro\n  - {ident}\n")
    fails_with(cli, basic, f"workshop.yaml:15: E011 module id '{ident}' is used by the handouts for their own section")


def test_module_id_clashing_with_a_heading_id(basic, cli):
    shutil.copy(basic / "modules/intro.md", basic / "modules/intro-title.md")
    edit(basic / "workshop.yaml", "  - intro\n", "  - intro\n  - intro-title\n")
    fails_with(cli, basic, "workshop.yaml:15: E011 module id 'intro-title' clashes with the heading of module 'intro'")


def test_edition_symlinked_outside_is_refused(basic, cli, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: Secret council\n", encoding="utf-8")
    (basic / "editions").mkdir()
    os.symlink(outside, basic / "editions/north.yaml")
    fails_with(cli, basic, "editions/north.yaml: E032 edition file 'north.yaml' is a link to a file outside the project")


@pytest.mark.parametrize("minutes", ["²", "١٠", "99999"])
def test_activity_minutes_must_be_plain_digits(basic, cli, minutes):
    edit(basic / "modules/deep-dive.md", "::: activity 15", f"::: activity {minutes}")
    fails_with(cli, basic, f"modules/deep-dive.md:27:5: E023 activity needs its length in minutes, got '{minutes}'")


def test_long_module_ids_get_distinct_word_bookmarks(basic, cli):
    long_a = "a-very-long-module-identifier-that-goes-on-one"
    long_b = "a-very-long-module-identifier-that-goes-on-two"
    for ident, title in ((long_a, "First long"), (long_b, "Second long")):
        text = (basic / "modules/intro.md").read_text(encoding="utf-8").replace("title: Introduction", f"title: {title}")
        text = text.replace("duration: {default: 30, staff: 40}", "duration: 10")
        (basic / f"modules/{ident}.md").write_text(text, encoding="utf-8")
    edit(basic / "workshop.yaml", "  - intro\n", f"  - {long_a}\n  - {long_b}\n")
    out = builds(cli, basic)
    with zipfile.ZipFile(out / "members" / "test-workshop-members-facilitator.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    names = re.findall(r'w:bookmarkStart [^>]*w:name="(m_[^"]*)"', xml)
    assert len(names) == len(set(names)) == 2, names
    assert all(len(n) <= 40 for n in names)
    anchors = re.findall(r'w:anchor="(m_[^"]*)"', xml)
    assert set(anchors) == set(names)


def test_today_is_pinned_for_checks(basic, cli, monkeypatch):
    edit(basic / "modules/deep-dive.md", "review_by: 2027-09-30", "review_by: 2026-12-01")
    monkeypatch.setenv("WORKSHOP_BUILDER_TODAY", "2026-11-30")
    assert "W" not in "".join(line.split(":")[2] for line in cli("check", "-C", basic).output.splitlines()
                              if "deep-dive.md" in line and "review_by" in line)
    monkeypatch.setenv("WORKSHOP_BUILDER_TODAY", "2026-12-02")
    out = cli("check", "-C", basic).output
    assert "modules/deep-dive.md" in out and "2026-12-01" in out, out


def test_today_that_is_not_a_date(basic, cli, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_TODAY", "2026-02-30")
    result = cli("check", "-C", basic)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "WORKSHOP_BUILDER_TODAY: E083 [error] WORKSHOP_BUILDER_TODAY='2026-02-30' is not a date" in result.output


def test_check_context_today_parameter_wins(basic, monkeypatch):
    import datetime as dt

    from workshop_builder.checks import check_project

    monkeypatch.setenv("WORKSHOP_BUILDER_TODAY", "2030-01-01")
    _, late = check_project(basic, today=dt.date(2026, 1, 1))
    _, env = check_project(basic)
    assert not [d for d in late if "review" in d.message] and [d for d in env if "review" in d.message]


@pytest.mark.parametrize("value", ["false", "[]", "0"])
def test_audiences_that_are_not_a_mapping(basic, cli, value):
    edit(basic / "workshop.yaml", "audiences:\n  members:\n    name: Elected members\n    minutes: 60\n"
         "  staff:\n    name: Frontline staff\n    minutes: 90\n", f"audiences: {value}\n")
    fails_with(cli, basic, "workshop.yaml:6: E003 audiences must be a mapping of keys to values")


def test_long_module_ids_get_distinct_footnote_bookmarks(basic, cli):
    long_a = "a-very-long-module-identifier-that-goes-on-one"
    long_b = "a-very-long-module-identifier-that-goes-on-two"
    for ident, title in ((long_a, "First long"), (long_b, "Second long")):
        text = (basic / "modules/intro.md").read_text(encoding="utf-8").replace("title: Introduction", f"title: {title}")
        text = text.replace("duration: {default: 30, staff: 40}", "duration: 10")
        text = text.replace("- A [link to guidance]", "- A claim.[^1]\n- A [link to guidance]") + "\n[^1]: The note.\n"
        (basic / f"modules/{ident}.md").write_text(text, encoding="utf-8")
    edit(basic / "workshop.yaml", "  - intro\n", f"  - {long_a}\n  - {long_b}\n")
    out = builds(cli, basic)
    with zipfile.ZipFile(out / "members" / "test-workshop-members-facilitator.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    names = re.findall(r'w:bookmarkStart [^>]*w:name="(m_fn_[^"]*)"', xml)
    assert len(names) == len(set(names)) == 2, names
    assert all(len(n) <= 40 for n in names)
    assert set(re.findall(r'w:anchor="(m_fn_[^"]*)"', xml)) == set(names)
