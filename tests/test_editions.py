"""Local editions: placeholders, edition-only blocks, contacts, logos and all-editions builds."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import deck_text, html_text, slides
from test_bad_input import edit, fails_with

REPO = Path(__file__).resolve().parents[1]

EDITION = """name: {name}
logo: logo.png
contacts:
  front_door:
    name: {name} Front Door
    phone: {phone}
    email: door@example.org
    checked: {checked}
facts:
  rhi_rate:
    value: "{rate}"
    meaning: return interviews within 72 hours (fictional)
    source: {name} report (fictional)
    year: 2026
"""


def add_editions(root: Path, checked="2026-11-01"):
    """Two editions, a national edition, and a module using placeholders and an edition block."""
    (root / "editions").mkdir()
    shutil.copy(REPO / "editions/logos/example-council.png", root / "editions/logo.png")
    (root / "editions/north.yaml").write_text(EDITION.format(name="North Shire", phone="01632 960 111",
                                                             checked=checked, rate="51%"), encoding="utf-8")
    (root / "editions/south.yaml").write_text(EDITION.format(name="South Borough", phone="01632 960 222",
                                                             checked="2026-11-01", rate="64%"), encoding="utf-8")
    edit(root / "workshop.yaml", "support:", "edition:\n  name: National edition\n  contacts:\n    front_door:\n"
         "      name: \"Your council's front door\"\n  facts:\n    rhi_rate:\n      value: \"63% nationally\"\n"
         "      source: Missing People\n      year: 2025\nsupport:")
    edit(root / "modules/deep-dive.md", "2. Second step",
         "2. Second step: call {{ contact.front_door }}\n3. Local rate: {{ fact.rhi_rate }} in {{ edition.name }}\n"
         "\n::: edition north\n- NORTH-ONLY point\n:::\n")


def test_placeholders_resolve_per_edition(basic, cli):
    add_editions(basic)
    result = cli("build", "-C", basic, "-a", "staff", "-f", "pptx", "-f", "participant", "--edition", "north",
                 "--edition", "south", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    north = basic / "output/north/staff/test-workshop-north-staff.pptx"
    south = basic / "output/south/staff/test-workshop-south-staff.pptx"
    assert "Second step: call North Shire Front Door, 01632 960 111" in deck_text(north)
    assert "Local rate: 51% in North Shire" in deck_text(north)
    assert "South Borough" not in deck_text(north) and "01632 960 222" not in deck_text(north)
    assert "Local rate: 64% in South Borough" in deck_text(south)
    assert "North Shire" not in deck_text(south)
    part = html_text(basic / "output/north/staff/test-workshop-north-staff-participant.html")
    assert "North Shire Front Door" in part and "South Borough" not in part and "{{" not in part


def test_national_edition_by_default(basic, cli):
    add_editions(basic)
    assert cli("build", "-C", basic, "-a", "staff", "-f", "pptx", "--no-thumbnails").exit_code == 0
    text = deck_text(basic / "output/staff/test-workshop-staff.pptx")
    assert "call Your council's front door" in text and "63% nationally in National edition" in text
    assert "North Shire" not in text and "NORTH-ONLY" not in text and "{{" not in text


def test_contacts_slide_and_handout_list_edition_contacts_with_helplines(basic, cli):
    add_editions(basic)
    assert cli("build", "-C", basic, "-a", "staff", "-e", "north", "-f", "pptx", "-f", "facilitator",
               "--no-thumbnails").exit_code == 0
    got = slides(basic / "output/north/staff/test-workshop-north-staff.pptx")
    closing = [s for s in got if s[0].startswith("Support and contacts")]
    texts = " ".join(t for s in closing for _, t in s[1])
    assert "North Shire Front Door: 01632 960 111" in texts and "NSPCC Helpline: 0808 800 5000" in texts
    fac = html_text(basic / "output/north/staff/test-workshop-north-staff-facilitator.html")
    assert "North Shire Front Door" in fac and "door@example.org" in fac and "NSPCC Helpline" in fac


def test_logo_on_title_slide_with_alt_text(basic, cli):
    from pptx import Presentation

    add_editions(basic)
    assert cli("build", "-C", basic, "-a", "staff", "-e", "north", "-f", "pptx", "--no-thumbnails").exit_code == 0
    prs = Presentation(str(basic / "output/north/staff/test-workshop-north-staff.pptx"))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "North Shire logo"


def test_edition_only_block(basic, cli):
    add_editions(basic)
    assert cli("build", "-C", basic, "-a", "staff", "-f", "pptx", "--all-editions", "--no-thumbnails").exit_code == 0
    assert "NORTH-ONLY" in deck_text(basic / "output/north/staff/test-workshop-north-staff.pptx")
    assert "NORTH-ONLY" not in deck_text(basic / "output/south/staff/test-workshop-south-staff.pptx")


def test_undefined_placeholder_names_file_line_and_edition(basic, cli):
    add_editions(basic)
    edit(basic / "modules/deep-dive.md", "- NORTH-ONLY point", "- NORTH-ONLY point {{ contact.mash }}")
    edit(basic / "modules/intro.md", "- Shared point", "- Shared point {{ fact.rhi_rat }}")
    out = fails_with(cli, basic, "modules/deep-dive.md:25:20: E060 placeholder '{{ contact.mash }}' is not "
                                 "defined by edition 'north'")
    assert "edition 'south'" not in out.split("contact.mash")[1].split("\n")[0]
    for edition in ("national", "north", "south"):
        assert (f"modules/intro.md:68:16: E060 placeholder '{{{{ fact.rhi_rat }}}}' is not defined by edition "
                f"'{edition}'; did you mean 'rhi_rate'?") in out


def test_unknown_placeholder_and_unknown_edition(basic, cli):
    add_editions(basic)
    edit(basic / "modules/deep-dive.md", "::: edition north", "::: edition nort")
    edit(basic / "modules/intro.md", "- Shared point", "- Shared point {{ contacts.front_door }}")
    out = fails_with(cli, basic, "E010 unknown edition 'nort'; did you mean 'north'?")
    assert "E061 unknown placeholder '{{ contacts.front_door }}'; did you mean 'contact'?" in out


def test_missing_and_unreadable_logo(basic, cli):
    add_editions(basic)
    (basic / "editions/logo.png").write_bytes(b"not an image")
    fails_with(cli, basic, "editions/north.yaml:2: E062 logo 'logo.png' is not a readable PNG, JPEG or GIF image")
    (basic / "editions/logo.png").unlink()
    fails_with(cli, basic, "editions/north.yaml:2: E031 logo 'logo.png' not found")


def test_stale_contact_and_bad_formats_are_reported(basic, cli):
    add_editions(basic, checked="2025-01-15")
    edit(basic / "editions/south.yaml", "phone: 01632 960 222", "phone: 12345")
    result = cli("check", "-C", basic)
    assert "editions/north.yaml:8: W704 [warning] contact 'front_door' was last checked on 2025-01-15" \
           in result.output
    assert "editions/south.yaml:6: E701 [error] contact 'front_door' phone '12345' is not a UK phone number" \
           in result.output
    assert result.exit_code == 1


def test_all_editions_match_single_edition_builds(basic, cli, tmp_path):
    add_editions(basic)
    args = ["-C", basic, "--no-thumbnails", "--jobs", "2"]
    assert cli("build", *args, "--all-editions", "--out", tmp_path / "all").exit_code == 0
    for edition in ("north", "south"):
        assert cli("build", *args, "--edition", edition, "--out", tmp_path / edition).exit_code == 0
        single = {p.relative_to(tmp_path / edition): p.read_bytes()
                  for p in (tmp_path / edition).rglob("*") if p.is_file() and not p.name.startswith(".")}
        together = {p.relative_to(tmp_path / "all"): p.read_bytes()
                    for p in (tmp_path / "all" / edition).rglob("*") if p.is_file()}
        assert single == together and len(single) == 6


def test_copying_the_sample_edition_as_a_new_user(tmp_path, cli):
    project = tmp_path / "workshop"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".git", "output", ".ci", "node_modules",
                                                                 "__pycache__", "build", "*.egg-info"))
    text = (project / "editions/example-council.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Example Council", "name: Newtown Council").replace("01632 960 100", "0113 496 0999")
    (project / "editions/newtown.yaml").write_text(text, encoding="utf-8")
    result = cli("build", "-C", project, "--edition", "newtown", "-a", "all-council-staff", "-f", "pptx",
                 "-f", "participant", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    deck = project / "output/newtown/all-council-staff/county-lines-workshop-newtown-all-council-staff.pptx"
    text = deck_text(deck)
    assert "0113 496 0999" in text and "01632 960 100" not in text
    assert "For all council staff · Newtown Council" in text and "Example Council" not in text
