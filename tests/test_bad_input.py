"""Each kind of bad input: one line naming file and line, exit 1, no traceback, nothing written."""

from __future__ import annotations

import os

import pytest


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_with(cli, root, expected):
    result = cli("build", "-C", root)
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert "nothing was written" in result.output
    assert not (root / "output").exists()
    return result.output


def test_invalid_yaml_in_front_matter(basic, cli):
    edit(basic / "modules/intro.md", "duration: {default: 30, staff: 40}", "duration: {default: 30, staff: 40")
    out = fails_with(cli, basic, "modules/intro.md:4:10: E002 invalid YAML: expected ',' or '}'")
    assert "flow mapping that starts on line 3" in out


def test_invalid_yaml_in_workshop(basic, cli):
    edit(basic / "workshop.yaml", 'subtitle: "A small project for tests"', 'subtitle: "A small project: [')
    out = fails_with(cli, basic, "workshop.yaml:4:9:")
    assert "E002 invalid YAML" in out


def test_missing_required_key(basic, cli):
    edit(basic / "modules/deep-dive.md", "duration: 40\n", "")
    fails_with(cli, basic, "modules/deep-dive.md:2: E004 front matter is missing the required key 'duration'")


def test_unknown_audience_with_suggestion(basic, cli):
    edit(basic / "modules/intro.md", "::: audience members", "::: audience member")
    fails_with(cli, basic, "modules/intro.md:56:5: E010")
    out = cli("build", "-C", basic).output
    assert "unknown audience 'member'; did you mean 'members'?" in out


def test_module_listed_but_missing(basic, cli):
    edit(basic / "workshop.yaml", "  - intro\n", "  - intro\n  - intr0\n")
    fails_with(cli, basic, "workshop.yaml:15: E013 module 'intr0' not found; did you mean 'intro'?")


def test_unclosed_block(basic, cli):
    edit(basic / "modules/deep-dive.md", "Guidance for the practice.\n:::\n", "Guidance for the practice.\n")
    fails_with(cli, basic, "modules/deep-dive.md:27:5: E021 '::: activity' block is never closed")


def test_unknown_block(basic, cli):
    edit(basic / "modules/deep-dive.md", "::: notes\nNOTES-DEEP", "::: noets\nNOTES-DEEP")
    fails_with(cli, basic, "modules/deep-dive.md:23:5: E020 unknown block '::: noets'; did you mean 'notes'?")


def test_unknown_citation(basic, cli):
    edit(basic / "modules/deep-dive.md", "First step [@msa-2015]", "First step [@msa-2051]")
    fails_with(cli, basic, "modules/deep-dive.md:20:15: E030 citation of unknown source 'msa-2051'; "
                           "did you mean 'msa-2015'?")


def test_missing_image(basic, cli):
    os.remove(basic / "modules/images/map.png")
    fails_with(cli, basic, "modules/intro.md:50:1: E031 image 'images/map.png' not found")


@pytest.mark.parametrize("target", ["../../outside.png", "/etc/passwd"])
def test_image_outside_project(basic, cli, target):
    edit(basic / "modules/intro.md", "(images/map.png)", f"({target})")
    fails_with(cli, basic, "E032 image")


def test_image_symlink_outside_project(basic, cli, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes((basic / "modules/images/map.png").read_bytes())
    os.remove(basic / "modules/images/map.png")
    os.symlink(secret, basic / "modules/images/map.png")
    fails_with(cli, basic, "E032 image 'images/map.png' leads outside the project")


def test_link_outside_project(basic, cli):
    edit(basic / "modules/intro.md", "(https://www.gov.uk/guidance)", "(../../../etc/hosts)")
    fails_with(cli, basic, "modules/intro.md:32:5: E032 link '../../../etc/hosts' leads outside the project")


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd"])
def test_unsafe_link_schemes(basic, cli, scheme):
    edit(basic / "modules/intro.md", "(https://www.gov.uk/guidance)", f"({scheme})")
    fails_with(cli, basic, "E033 link")


def test_file_not_utf8(basic, cli):
    path = basic / "modules/deep-dive.md"
    path.write_bytes(path.read_bytes().replace(b"The process", "The pr\u00f6cess".encode("latin-1")))
    fails_with(cli, basic, "modules/deep-dive.md:18: E001 file is not UTF-8 text")


def test_every_error_is_reported_in_one_run(basic, cli):
    edit(basic / "modules/deep-dive.md", "First step [@msa-2015]", "First step [@nope]")
    edit(basic / "modules/intro.md", "::: audience members", "::: audience member")
    out = fails_with(cli, basic, "2 errors")
    assert "unknown source 'nope'" in out and "unknown audience 'member'" in out


def test_unknown_key_with_suggestion(basic, cli):
    edit(basic / "modules/deep-dive.md", "review_by:", "reveiw_by:")
    fails_with(cli, basic, "E005 unknown key 'reveiw_by' in front matter; did you mean 'review_by'?")


def test_template_without_a_layout(basic, cli, tmp_path):
    from pptx import Presentation

    from workshop_builder.render.base import default_templates_dir

    prs = Presentation(str(default_templates_dir() / "deck.pptx"))
    for layout in prs.slide_layouts:
        if layout.name == "Title and Content":
            layout.name = "Text and Content"
    (basic / "templates").mkdir()
    prs.save(str(basic / "templates/brand.pptx"))
    edit(basic / "workshop.yaml", "start:", "template: templates/brand.pptx\nstart:")
    fails_with(cli, basic, "templates/brand.pptx: E050 template has no slide layout named 'Title and Content'")


def test_template_without_an_optional_layout_falls_back(basic, cli):
    """Only "Title and Content" is required: a renamed "Two Content" falls back (W611), the build succeeds."""
    from pptx import Presentation

    from workshop_builder.render.base import default_templates_dir

    prs = Presentation(str(default_templates_dir() / "deck.pptx"))
    for layout in prs.slide_layouts:
        if layout.name == "Two Content":
            layout.name = "Two Columns"
    (basic / "templates").mkdir()
    prs.save(str(basic / "templates/brand.pptx"))
    edit(basic / "workshop.yaml", "start:", "template: templates/brand.pptx\nstart:")
    result = cli("build", "-C", basic, "-f", "pptx")
    assert result.exit_code == 0, result.output


def test_failed_build_leaves_earlier_outputs_intact(basic, cli):
    assert cli("build", "-C", basic).exit_code == 0
    deck = basic / "output/staff/test-workshop-staff.pptx"
    before = deck.read_bytes()
    edit(basic / "modules/deep-dive.md", "First step [@msa-2015]", "First step [@nope]")
    assert cli("build", "-C", basic).exit_code == 1
    assert deck.read_bytes() == before
    assert not [p for p in (basic / "output").rglob("*.tmp")]
