"""Issue 14: control characters and impossible or out-of-range dates get one line with file:line."""

from __future__ import annotations

import pytest
from hardening_util import builds, edit, fails_with

DEEP = "modules/deep-dive.md"


@pytest.mark.parametrize("yaml_value, shown", [
    ('"Test\\0workshop"', "U+0000"), ('"Test\\eworkshop"', "U+001B"), ('"Test\\vworkshop"', "U+000B"),
    ('"Test\\x85workshop"', "U+0085"), ('"Test\\x7fworkshop"', "U+007F"),
])
def test_control_character_escapes_in_yaml(basic, cli, yaml_value, shown):
    edit(basic / "workshop.yaml", 'title: "Test workshop"', f"title: {yaml_value}")
    fails_with(cli, basic, f"workshop.yaml:1:8: E080 control character {shown} in 'Test?workshop'")


def test_control_character_in_module_front_matter(basic, cli):
    edit(basic / DEEP, "title: Deep dive for staff", 'title: "Deep\\edive"')
    fails_with(cli, basic, "modules/deep-dive.md:2:8: E080 control character U+001B in 'Deep?dive'")


def test_control_character_in_audience_name(basic, cli):
    edit(basic / "workshop.yaml", "name: Elected members", 'name: "Elected\\0members"')
    fails_with(cli, basic, "workshop.yaml:8:11: E080 control character U+0000")


@pytest.mark.parametrize("char, code", [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x0b", "U+000B"),
                                        ("\x0c", "U+000C")])
def test_raw_control_character_in_markdown(basic, cli, char, code):
    edit(basic / DEEP, "2. Second step", f"2. Second{char}step")
    fails_with(cli, basic, f"modules/deep-dive.md:21:10: E080 control character {code} in the text")


def test_raw_control_character_in_alt_text(basic, cli):
    edit(basic / "modules/intro.md", "![A map of", "![A\x1b map of")
    fails_with(cli, basic, "modules/intro.md:50:4: E080 control character U+001B in the text")


def test_raw_control_character_in_yaml_file(basic, cli):
    edit(basic / "workshop.yaml", "organisation: Test Council", "organisation: Test\x00Council")
    fails_with(cli, basic, "workshop.yaml:3:19: E080 control character U+0000 in the text")


def test_control_character_entities_in_code_are_dropped(basic, cli):
    edit(basic / DEEP, "2. Second step", "2. Second `a&#27;b&#0;c` step")
    out = builds(cli, basic)
    page = (out / "staff" / "test-workshop-staff-facilitator.html").read_text(encoding="utf-8")
    assert "<code>a&amp;#27;b&amp;#0;c</code>" in page  # shown as written, never decoded
    assert "\x1b" not in page


@pytest.mark.parametrize("old, new, expected", [
    ("date: 2026-11-27", "date: 2026-02-30", "workshop.yaml:5:7: E081 '2026-02-30' is not a real date and time"),
    ("date: 2026-11-27", "date: 2027-02-29", "workshop.yaml:5:7: E081 '2027-02-29' is not a real date and time"),
    ("date: 2026-11-27", "date: 0000-01-01", "workshop.yaml:5:7: E081 '0000-01-01' is not a real date and time"),
    ("date: 2026-11-27", "date: 2026-11-27 25:00:00",
     "workshop.yaml:5:7: E081 '2026-11-27 25:00:00' is not a real date and time"),
    ("date: 2026-11-27", "date: 2108-01-01",
     "workshop.yaml:5:7: E081 date '2108-01-01' is after 2107, the last year the outputs can record"),
    ("date: 2026-11-27", "date: 9999-12-31",
     "workshop.yaml:5:7: E081 date '9999-12-31' is after 2107, the last year the outputs can record"),
    ("date: 2026-11-27", "date: !!timestamp 'soon'", "workshop.yaml:5:7: E081 'soon' is not a real date and time"),
    ("minutes: 60", "minutes: !!int 'sixty'", "workshop.yaml:9:14: E081 'sixty' is not a valid int"),
])
def test_impossible_dates_in_workshop_yaml(basic, cli, old, new, expected):
    edit(basic / "workshop.yaml", old, new)
    fails_with(cli, basic, expected)


def test_late_date_with_late_start(basic, cli):
    edit(basic / "workshop.yaml", 'start: "09:30"\ndate: 2026-11-27', 'start: "23:30"\ndate: 9999-12-31')
    fails_with(cli, basic, "workshop.yaml:5:7: E081 date '9999-12-31' is after 2107")


def test_impossible_review_by(basic, cli):
    edit(basic / DEEP, "review_by: 2027-09-30", "review_by: 2027-02-29")
    fails_with(cli, basic, "modules/deep-dive.md:13:12: E081 '2027-02-29' is not a real date and time")


def test_impossible_contact_checked_date(basic, cli):
    (basic / "editions").mkdir()
    (basic / "editions/north.yaml").write_text(
        "name: North\ncontacts:\n  mash:\n    name: MASH\n    checked: 2026-02-30\n", encoding="utf-8")
    fails_with(cli, basic, "editions/north.yaml:5:14: E081 '2026-02-30' is not a real date and time")


@pytest.mark.parametrize("epoch, year", [("5000000000", "in 2128"), ("99999999999999999999", "beyond any date"),
                                         ("100", "in 1970")])
def test_source_date_epoch_out_of_range(basic, cli, monkeypatch, epoch, year):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    fails_with(cli, basic, f"SOURCE_DATE_EPOCH: E082 SOURCE_DATE_EPOCH={epoch} is {year}; the outputs can "
                           "record only 1980 to 2107")


def test_source_date_epoch_in_2107_builds(basic, cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819199")  # 2107-12-31 23:59:59 UTC
    builds(cli, basic)


def test_date_in_2107_builds(basic, cli, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    edit(basic / "workshop.yaml", "date: 2026-11-27", "date: 2107-12-31")
    builds(cli, basic)


def test_line_too_long_to_measure(basic, cli):
    edit(basic / DEEP, "2. Second step", "2. Second " + "[" * 1_000_001)
    fails_with(cli, basic, "modules/deep-dive.md:21: E006 line is 1,000,011 characters long; the limit is 100,000")


def test_long_line_within_the_limit_builds(basic, cli):
    edit(basic / DEEP, "2. Second step", "2. Second " + "word " * 19_000)
    builds(cli, basic)
