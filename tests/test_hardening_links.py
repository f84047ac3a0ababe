"""Issue 14: no output, from any field, carries a link outside http, https, mailto and tel.

Every link and picture form Markdown accepts is checked on the parsed tree; every URL field
in the YAML is checked when loading; every writer drops what is left as the last gate.
"""

from __future__ import annotations

import pytest
from hardening_util import builds, edit, fails_with, unsafe_links

from workshop_builder.links import link_problem, safe_href, scrub_html

INTRO = "modules/intro.md"
GUIDANCE = "- A [link to guidance](https://www.gov.uk/guidance) here"


@pytest.mark.parametrize("markdown, expected", [
    ("- A [link][r] here\n\n[r]: \\\\host\\share\\x.exe\n",
     "modules/intro.md:34:1: E033 link '\\\\host\\share\\x.exe' contains a backslash"),
    ("- A [link][] here\n\n[link]: //host/share/x.exe\n",
     "modules/intro.md:34:1: E033 link '//host/share/x.exe' starts with '//' (a network path)"),
    ("- A [link over\n  two lines](../../x.exe) here",
     "modules/intro.md:32:5: E032 link '../../x.exe' leads outside the project"),
    ("- A [link [with] brackets](javascript:alert(1)) here",
     "modules/intro.md:32:5: E033 link 'javascript:alert(1)' uses a 'javascript:' address"),
    ("- A [link](javascript:alert(1) 'single-quoted title') here",
     "modules/intro.md:32:5: E033 link 'javascript:alert(1)' uses a 'javascript:' address"),
    ("- A <file:///etc/passwd> here",
     "modules/intro.md:32:5: E033 link 'file:///etc/passwd' uses a 'file:' address"),
    ("- A [link](<JaVaScRiPt:alert(1)>) here",
     "modules/intro.md:32:5: E033 link 'JaVaScRiPt:alert(1)' uses a 'javascript:' address"),
    ("- A [link](file:///etc/passwd) here",
     "modules/intro.md:32:5: E033 link 'file:///etc/passwd' uses a 'file:' address"),
    ("- A [link](notes.pdf) here",
     "modules/intro.md:32:5: E033 link 'notes.pdf' is not a web address"),
])
def test_every_link_form_is_checked(basic, cli, markdown, expected):
    edit(basic / INTRO, GUIDANCE, markdown)
    fails_with(cli, basic, expected)


def test_reference_style_picture_not_found(basic, cli):
    edit(basic / INTRO, "![A map of the area with a marked circle](images/map.png)",
         "![A map][map]\n\n[map]: images/nowhere.png")
    fails_with(cli, basic, "modules/intro.md:52:1: E031 image 'images/nowhere.png' not found")


def test_reference_style_picture_without_alt_text(basic, cli):
    edit(basic / INTRO, "![A map of the area with a marked circle](images/map.png)",
         "![][map]\n\n[map]: images/map.png")
    fails_with(cli, basic, "modules/intro.md:52:1: E034 image 'images/map.png' has no alt text")


def test_reference_style_picture_builds(basic, cli):
    edit(basic / INTRO, "![A map of the area with a marked circle](images/map.png)",
         "![A map of the area][map]\n\n[map]: images/map.png")
    out = builds(cli, basic)
    page = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page


@pytest.mark.parametrize("target", ["\\\\host\\share\\x.png", "//host/x.png"])
def test_network_picture_refused(basic, cli, target):
    edit(basic / INTRO, "(images/map.png)", f"({target})")
    shown = target.replace("\\\\", "\\")  # Markdown reads a doubled backslash as one
    fails_with(cli, basic, f"modules/intro.md:50:1: E032 image '{shown}' is not a file in the project")


def test_safe_autolinks_build_and_stay_safe(basic, cli):
    edit(basic / INTRO, GUIDANCE, "- Mail <help@example.org> or see <https://example.org/a>")
    out = builds(cli, basic)
    text = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    assert 'href="mailto:help@example.org">help@example.org</a>' in text
    assert 'href="https://example.org/a"' in text
    assert unsafe_links(out) == []


@pytest.mark.parametrize("url, message", [
    ("javascript:alert(1)", "workshop.yaml:22: E033 support contact url 'javascript:alert(1)' uses a "
                            "'javascript:' address, which is not allowed"),
    ("\\\\host\\share", "workshop.yaml:22: E033 support contact url '\\\\host\\share' contains a backslash"),
    ("//host/x", "workshop.yaml:22: E033 support contact url '//host/x' starts with '//'"),
    ("mailto:a@b.c", "workshop.yaml:22: E033 support contact url 'mailto:a@b.c' uses a 'mailto:' address"),
])
def test_support_contact_url_checked(basic, cli, url, message):
    edit(basic / "workshop.yaml", "    phone: 0808 800 5000\n", f"    phone: 0808 800 5000\n    url: '{url}'\n")
    fails_with(cli, basic, message)


def test_support_contact_email_checked(basic, cli):
    edit(basic / "workshop.yaml", "    phone: 0808 800 5000\n", "    phone: 0808 800 5000\n    email: 'a@b\\\\c'\n")
    fails_with(cli, basic, "workshop.yaml:22: E033 support contact email 'a@b\\\\c' contains a backslash")


def test_source_url_checked(basic, cli):
    edit(basic / "modules/deep-dive.md", "url: https://www.legislation.gov.uk/ukpga/2015/30",
         "url: //host/share")
    fails_with(cli, basic, "modules/deep-dive.md:12: E033 source 'msa-2015' url must start with https://")


def test_edition_contact_url_checked(basic, cli):
    (basic / "editions").mkdir()
    (basic / "editions/north.yaml").write_text(
        "name: North\ncontacts:\n  mash:\n    name: MASH\n    url: javascript:alert(1)\n", encoding="utf-8")
    fails_with(cli, basic, "editions/north.yaml:5: E033 contact 'mash' url 'javascript:alert(1)' uses a "
                           "'javascript:' address")


def test_safe_support_contacts_build_with_only_safe_links(basic, cli):
    edit(basic / "workshop.yaml", "    phone: 0808 800 5000\n",
         "    phone: 0808 800 5000\n    url: https://www.nspcc.org.uk\n    email: help@nspcc.org.uk\n")
    out = builds(cli, basic)
    assert unsafe_links(out) == []
    page = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    assert 'href="https://www.nspcc.org.uk"' in page


@pytest.mark.parametrize("url", ["javascript:x", "//host/x", "\\\\host\\x", "../../x.exe", "file:///x",
                                 "https:evil", "https://", "mailto:", "", "x.pdf", "http://a\x00b", None, 3])
def test_safe_href_refuses(url):
    assert safe_href(url) is None


@pytest.mark.parametrize("url", ["https://a.org/x?y=1", "http://a.org", "mailto:a@b.org", "tel:+441234567890"])
def test_safe_href_keeps(url):
    assert safe_href(url) == url and link_problem(url) is None


def test_html_gate_removes_unsafe_attributes():
    page = '<a href="javascript:x">a</a><a href="#ref-1">b</a><img src="file:///x"><a href="https://a.b">c</a>'
    assert scrub_html(page) == ('<a data-removed-href>a</a><a href="#ref-1">b</a>'
                                '<img data-removed-src><a href="https://a.b">c</a>')


def test_html_gate_decodes_entities():
    assert "data-removed-href" in scrub_html('<a href="java&#115;cript:x">a</a>')


def test_pdf_link_annotations_are_safe(basic, cli):
    from hardening_util import pdf_uris

    from workshop_builder.render.external import find_program

    if find_program("chromium") is None:
        pytest.skip("Chromium is not installed")
    edit(basic / INTRO, GUIDANCE, "- See [the guidance][g], <https://example.org/a>, <help@example.org> "
         "and [a [bracketed] link](https://example.org/b 'title')\n\n[g]: https://www.gov.uk/guidance\n")
    edit(basic / "workshop.yaml", "    phone: 0808 800 5000\n", "    phone: 0808 800 5000\n    url: https://www.nspcc.org.uk\n")
    result = cli("build", "-C", basic, "-a", "staff", "-f", "participant-pdf", "-f", "facilitator-pdf", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    uris = [u for pdf in sorted((basic / "output").rglob("*.pdf")) for u in pdf_uris(pdf)]
    assert {"https://www.gov.uk/guidance", "https://example.org/a", "mailto:help@example.org",
            "https://example.org/b", "https://www.nspcc.org.uk/", "tel:08088005000"} <= set(uris)
    assert all(u.split(":", 1)[0] in ("http", "https", "mailto", "tel") for u in uris), uris
