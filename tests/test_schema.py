"""The configuration schema: unknown, misplaced, wrongly typed and repeated keys, each with file:line.

Fast unit tests on parsed YAML, plus a few that load the small test project to show the exact
line an author sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop_builder import schema
from workshop_builder.diagnostics import ContentError, Report
from workshop_builder.loader import load_project
from workshop_builder.yamlio import load_yaml

BASIC = Path(__file__).parent / "projects" / "basic"


def findings(text: str, shape=schema.WORKSHOP, rel: str = "workshop.yaml", offset: int = 0) -> list:
    """The formatted findings of parsing and validating one YAML text."""
    report = Report()
    data, lines = load_yaml(text, rel, report, line_offset=offset)
    if data is not None:
        schema.validate(data, shape, rel, lines, report)
    return [d.format() for d in report.sorted()]


WORKSHOP = """\
title: Test
audiences:
  staff:
    name: Staff
    minutes: 60
modules:
  - intro
"""


def test_a_valid_file_has_no_findings():
    assert findings(WORKSHOP) == []


def test_unknown_key_with_did_you_mean():
    assert findings(WORKSHOP.replace("    minutes: 60\n", "    minutes: 60\n    minuets: 5\n")) == [
        "workshop.yaml:6: E005 unknown key 'minuets' in audience 'staff'; did you mean 'minutes'?"]


def test_unknown_key_without_a_near_miss_lists_the_allowed_keys():
    assert findings(WORKSHOP + "colour: red\n") == [
        "workshop.yaml:8: E005 unknown key 'colour' in workshop.yaml; allowed keys: audiences, date, edition, "
        "language, modules, organisation, slug, smart_quotes, start, subtitle, support, template, title"]


def test_smart_quotes_is_a_flag():
    assert findings(WORKSHOP + "smart_quotes: true\n") == []
    assert findings(WORKSHOP + "smart_quotes: yes please\n") == [
        "workshop.yaml:8: E003 smart_quotes must be true or false, not 'yes please'; "
        "write smart_quotes: true or smart_quotes: false"]


def test_misplaced_key_says_where_it_belongs():
    assert findings(WORKSHOP + "review_by: 2027-01-01\n") == [
        "workshop.yaml:8: E005 unknown key 'review_by' in workshop.yaml; 'review_by' belongs in a module's "
        "front matter"]
    front = "title: T\nduration: 10\nminutes: 40\n"
    assert findings(front, schema.FRONT_MATTER, "modules/x.md", offset=1) == [
        "modules/x.md:4: E005 unknown key 'minutes' in front matter; 'minutes' belongs in an audience under "
        "audiences: in workshop.yaml"]


def test_text_given_as_a_list_is_an_error_not_the_text_of_a_list():
    assert findings(WORKSHOP.replace("title: Test", "title: [a, b]")) == [
        "workshop.yaml:1: E003 title must be text, not a list; write it on one line, in quotes if it contains "
        "a colon, a '[' or a '{'"]


def test_text_given_as_a_mapping_or_true_false_is_an_error():
    out = findings(WORKSHOP + "organisation: yes\nsubtitle: {a: 1}\n")
    assert out == [
        "workshop.yaml:8: E003 organisation must be text, but YAML reads it as true; put the text in quotes, "
        "e.g. organisation: \"yes\"",
        "workshop.yaml:9: E003 subtitle must be text, not a mapping; write it on one line, in quotes if it "
        "contains a colon, a '[' or a '{'"]


def test_numbers_are_accepted_as_text():
    assert findings(WORKSHOP + "support:\n  - name: Police\n    phone: 101\n") == []


def test_nested_wrong_types():
    assert findings(WORKSHOP.replace("  staff:\n    name: Staff\n    minutes: 60\n", "  staff: 90\n")) == [
        "workshop.yaml:3: E003 audience 'staff' must be a mapping of keys to values; write it as 'key: value' lines"]
    assert findings(WORKSHOP + "support: NSPCC\n") == [
        "workshop.yaml:8: E003 support must be a list of contacts; write one '- name: …' contact per item"]
    front = "title: T\nduration: 10\noutcomes: Describe\nsources:\n  a:\n    title: [x]\n    publisher: P\n"
    assert findings(front, schema.FRONT_MATTER, "modules/x.md", offset=1) == [
        "modules/x.md:4: E003 outcomes must be a list; write one '- outcome' per line",
        "modules/x.md:7: E003 title must be text, not a list; write it on one line, in quotes if it contains "
        "a colon, a '[' or a '{'"]


def test_running_order_items_are_checked_as_entries_or_breaks():
    text = WORKSHOP + "  - break: 10\n    titel: Lunch\n  - id: x\n    audience: [staff]\n  - 12\n"
    assert findings(text) == [
        "workshop.yaml:9: E005 unknown key 'titel' in break; did you mean 'title'?",
        "workshop.yaml:11: E005 unknown key 'audience' in running-order item; did you mean 'audiences'?",
        "workshop.yaml:12: E003 running-order item 12 is neither a module id nor a break; write '- module-id' "
        "or '- break: 15'"]


def test_required_keys():
    assert findings("title: T\n") == [
        "workshop.yaml:1: E004 workshop.yaml is missing the required key 'audiences'; add 'audiences:'",
        "workshop.yaml:1: E004 workshop.yaml is missing the required key 'modules'; add 'modules:'"]


def test_duplicate_keys_are_errors_naming_both_lines():
    assert findings(WORKSHOP + "title: Again\n") == [
        "workshop.yaml:8:1: E015 key 'title' appears twice in this mapping (first on line 1); remove one of "
        "them: YAML would silently keep only the last"]
    nested = WORKSHOP.replace("    minutes: 60\n", "    minutes: 60\n    name: Other\n")
    assert findings(nested)[0].startswith("workshop.yaml:6:5: E015 key 'name' appears twice in this mapping "
                                          "(first on line 4)")


def test_edition_files():
    text = "name: North\ncontacts:\n  mash:\n    name: MASH\n    telephone: 01632 960000\nfacts:\n  rate:\n" \
           "    value: 3\n    source: ONS\n"
    assert findings(text, schema.EDITION_FILE, "editions/north.yaml") == [
        "editions/north.yaml:5: E005 unknown key 'telephone' in contact 'mash'; did you mean 'phone'?",
        "editions/north.yaml:7: E004 fact 'rate' is missing the required key 'year'; add 'year:'"]
    assert findings("logo: x.png\n", schema.EDITION_FILE, "editions/north.yaml") == [
        "editions/north.yaml:1: E004 edition is missing the required key 'name'; add 'name:'"]
    assert findings("logo: x.png\n", schema.NATIONAL_EDITION, "workshop.yaml") == []


def test_every_key_is_declared_once_per_shape():
    for shape in schema._ALL_MAPPINGS:
        assert shape.fields and shape.what and shape.where
    assert "author" in schema.keys_of(schema.SOURCE)
    assert "description" in schema.keys_of(schema.EDITION_FILE)


# ---------------------------------------------------------------- through the loader


@pytest.fixture
def project(tmp_path) -> Path:
    dest = tmp_path / "basic"
    shutil.copytree(BASIC, dest)
    return dest


def load_errors(root: Path) -> list:
    with pytest.raises(ContentError) as info:
        load_project(root)
    return [d.format() for d in info.value.diagnostics]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loader_reports_wrong_type_in_workshop_yaml(project):
    edit(project / "workshop.yaml", 'title: "Test workshop"', "title: [Test, workshop]")
    assert load_errors(project) == [
        "workshop.yaml:1: E003 title must be text, not a list; write it on one line, in quotes if it contains "
        "a colon, a '[' or a '{'"]


def test_loader_reports_duplicate_key_in_front_matter(project):
    edit(project / "modules/deep-dive.md", "duration: 40\n", "duration: 40\nduration: 30\n")
    assert load_errors(project) == [
        "modules/deep-dive.md:4:1: E015 key 'duration' appears twice in this mapping (first on line 3); remove "
        "one of them: YAML would silently keep only the last"]


def test_loader_reports_misplaced_key_in_front_matter(project):
    edit(project / "modules/deep-dive.md", "duration: 40\n", "duration: 40\nslug: deep\n")
    assert load_errors(project) == [
        "modules/deep-dive.md:4: E005 unknown key 'slug' in front matter; 'slug' belongs in workshop.yaml"]


def test_source_author_and_edition_description_are_kept(project):
    edit(project / "modules/deep-dive.md", "    year: 2015\n", "    year: 2015\n    author: Jane Smith\n")
    (project / "editions").mkdir(exist_ok=True)
    (project / "editions" / "north.yaml").write_text("name: North\ndescription: A test council\n", encoding="utf-8")
    workshop = load_project(project)
    source = workshop.modules["deep-dive"].sources["msa-2015"]
    assert source.author == "Jane Smith"
    assert source.credit == "Jane Smith, UK Parliament"
    assert workshop.editions["north"].description == "A test council"


def test_author_is_shown_in_the_references_and_description_in_list(project, cli, tmp_path):
    edit(project / "modules/deep-dive.md", "    year: 2015\n", "    year: 2015\n    author: Jane Smith\n")
    (project / "editions").mkdir(exist_ok=True)
    (project / "editions" / "north.yaml").write_text("name: North\ndescription: A test council\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", "-C", project, "-f", "participant", "-o", out, "--no-thumbnails")
    assert result.exit_code == 0, result.output
    html = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    assert "Jane Smith, UK Parliament (2015). <cite>Modern Slavery Act 2015</cite>" in html
    listing = cli("list", "-C", project).output
    assert "Editions:\n  north                      North: A test council\n" in listing


def test_a_fact_year_that_is_not_a_number_is_an_error(project):
    (project / "editions").mkdir(exist_ok=True)
    (project / "editions" / "north.yaml").write_text(
        "name: North\nfacts:\n  rate:\n    value: 3\n    source: ONS\n    year: last year\n", encoding="utf-8")
    assert load_errors(project) == [
        "editions/north.yaml:6: E009 fact 'rate' year must be a number; write e.g. year: 2026"]


def test_the_national_edition_in_workshop_yaml_is_checked_once():
    text = WORKSHOP + "edition:\n  name: National\n  contacts:\n    x:\n      nmae: y\n"
    assert findings(text) == [
        "workshop.yaml:11: E004 contact 'x' is missing the required key 'name'; add 'name:'",
        "workshop.yaml:12: E005 unknown key 'nmae' in contact 'x'; did you mean 'name'?"]
